"""Stage 3, history: North Korea's earlier foreign deployments and 1990s coup cases against the Ukraine deployment.

Every historical figure comes from ``data/reference`` (each row with a citation and a confidence
note); Ukraine's figures come from the claims stage's headline figures and the public record it wrote
(:mod:`nkreport.stages.history` reads them all and writes chapter 3's tables). Where the reference
sources disagree, every version is kept and the range is shown; the central value is the mid-point of the
best-rated versions (confidence high, else medium, else low).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .grading import CORROBORATION_FACTOR
from .sources import sentence_citations

UKRAINE = "ukraine_2024"
CONFIDENCE_ORDER = ("high", "medium", "low")
CASES = {"frunze_plot": "1992 plot", "vi_corps": "1995 VI Corps", UKRAINE: "Ukraine deployment (today)"}
DECADE = re.compile(r"\b(1[89]\d0|20[0-2]0)'?s\b")
YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20[0-4]\d)(?!\d|'?s\b)")
CATEGORY_METRIC = {"deployed": "force", "killed": "deaths"}


@dataclass(frozen=True)
class History:
    """The reference tables of the historical comparison."""

    deployments: pd.DataFrame
    figures: pd.DataFrame
    korean_war: pd.DataFrame
    coups: pd.DataFrame
    risks: pd.DataFrame
    mentions: pd.DataFrame


def reference_range(rows: pd.DataFrame) -> dict:
    """Low, central and high of reference rows: the full range, and the mid-point of the best-rated versions."""
    if rows.empty:
        return {"low": np.nan, "central": np.nan, "high": np.nan, "versions": 0, "sources": ""}
    best = next(rows[rows["confidence"].eq(c)] for c in CONFIDENCE_ORDER if rows["confidence"].eq(c).any())
    central = float(((best["value_low"] + best["value_high"]) / 2).median())
    return {
        "low": float(rows["value_low"].min()),
        "central": central,
        "high": float(rows["value_high"].max()),
        "versions": len(rows),
        "sources": "; ".join(rows["figure_id"]),
    }


def confidence_rank(rows: pd.DataFrame) -> int:
    """0 if any row is rated high, 1 for medium at best, 2 for low."""
    return min(CONFIDENCE_ORDER.index(c) for c in rows["confidence"])


def metric_rows(history: History, deployment_id: str, metric: str) -> pd.DataFrame:
    """Reference rows of one deployment and metric.

    A force also counts the pilot figures when they are better rated than every force figure (or no force
    figure exists): pilots are part of the force, and a well-attested crew is a better guide than an
    unverified total (Egypt 1973: about thirty pilots against a blog's 1,500 advisers).
    """
    figures = history.figures[history.figures["deployment_id"].eq(deployment_id)]
    rows = figures[figures["metric"].eq(metric)]
    pilots = figures[figures["metric"].eq("pilots")]
    if metric != "force" or pilots.empty or (not rows.empty and confidence_rank(rows) <= confidence_rank(pilots)):
        return rows
    return pd.concat([rows, pilots])


def months_between(start: str, end) -> float:
    """Months from a 'YYYY-MM[-DD]' date to a date."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / 30.4375


def years_to_acknowledgement(deployment: pd.Series) -> float:
    """Years from the start of a deployment to its first official acknowledgement (NaN if never)."""
    if pd.isna(deployment["acknowledged_year"]):
        return np.nan
    if pd.notna(deployment["start_date"]) and pd.notna(deployment["acknowledged_date"]):
        return round(months_between(deployment["start_date"], deployment["acknowledged_date"]) / 12, 1)
    return float(deployment["acknowledged_year"] - deployment["start_year"])


def statement_dates(record: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Id, date and values of every statement a headline figure can rest on: the public record and the claims."""
    frames = [
        pd.DataFrame({"source_id": record["estimate_id"], "date": record["date"]}),
        pd.DataFrame({"source_id": claims["claim_id"], "date": claims["as_of"]}),
    ]
    values = [record[["value_low", "value_high"]], claims[["value_low", "value_high"]]]
    frame = pd.concat([f.join(v) for f, v in zip(frames, values, strict=True)], ignore_index=True)
    return frame.assign(date=pd.to_datetime(frame["date"].astype(str), errors="coerce", format="ISO8601"))


def estimate_dates(headline: pd.DataFrame, statements: pd.DataFrame) -> dict:
    """Date of the statement behind Ukraine's low, central and high deaths.

    The low is the statement with the lowest figure, the high the one with the highest, the central its
    basis; when no single statement stands behind a figure (a median), the record's latest date is used.
    """
    row = headline.loc["killed"]
    own = statements[statements["source_id"].isin(str(row["sources"]).split("; "))]
    behind = {
        "low": own["value_low"].eq(row["low"]),
        "central": own["source_id"].eq(row["central_basis"]),
        "high": own["value_high"].eq(row["high"]),
    }
    latest = pd.Timestamp(row["as_of"])
    return {
        level: own.loc[rows, "date"].max() if own.loc[rows, "date"].notna().any() else latest
        for level, rows in behind.items()
    }


def ukraine_row(history: History, headline: pd.DataFrame, dates: dict, ukraine_estimate: str) -> dict:
    """Ukraine's force and deaths from the claims stage's headline figures; its duration runs from the start
    of the deployment to the date of the chosen deaths estimate (months_low and months_high span the three)."""
    start = history.deployments.loc[UKRAINE, "start_date"]
    months = {level: round(months_between(start, date), 1) for level, date in dates.items()}
    pick = lambda category: {k: float(headline.loc[category, k]) for k in ("low", "central", "high")}  # noqa: E731
    force, deaths = pick("deployed"), pick("killed")
    return {
        "deployment_id": UKRAINE,
        **{f"force_{k}": v for k, v in force.items()},
        **{f"deaths_{k}": v for k, v in deaths.items()},
        "months_low": min(months.values()),
        "months": months[ukraine_estimate],
        "months_high": max(months.values()),
        "sources": "chapter 2's headline figures (" + headline.loc["killed", "central_basis"] + ")",
    }


def precedent_row(history: History, deployment_id: str) -> dict:
    """A precedent's force, deaths and duration from the reference tables."""
    force = reference_range(metric_rows(history, deployment_id, "force"))
    deaths = reference_range(metric_rows(history, deployment_id, "deaths"))
    months = reference_range(metric_rows(history, deployment_id, "duration_months"))
    return {
        "deployment_id": deployment_id,
        **{f"force_{k}": force[k] for k in ("low", "central", "high")},
        **{f"deaths_{k}": deaths[k] for k in ("low", "central", "high")},
        "months_low": months["low"],
        "months": months["central"],
        "months_high": months["high"],
        "sources": "; ".join(s for s in (force["sources"], deaths["sources"], months["sources"]) if s),
    }


def metrics(
    history: History,
    headline: pd.DataFrame,
    precedents: list[str],
    ukraine_estimate: str,
    statements: pd.DataFrame,
    record: pd.DataFrame,
) -> pd.DataFrame:
    """Ukraine and each precedent side by side, with Ukraine's chosen estimate (low, central, high) as its value.

    Deaths as a share of the force and deaths per month use the central values of the precedents and the
    chosen estimate for Ukraine. ``statements`` (see :func:`statement_dates`) date Ukraine's estimates;
    ``record`` (the public record) gives its concentration in time and place.
    """
    dates = estimate_dates(headline, statements)
    rows = [ukraine_row(history, headline, dates, ukraine_estimate)] + [precedent_row(history, p) for p in precedents]
    frame = pd.DataFrame(rows).set_index("deployment_id")
    choice = {UKRAINE: ukraine_estimate}
    for column in ("force", "deaths"):
        frame[column] = [frame.loc[i, f"{column}_{choice.get(i, 'central')}"] for i in frame.index]
    frame["deaths_share_pct"] = (100 * frame["deaths"] / frame["force"]).round(2)
    frame["deaths_per_month"] = (frame["deaths"] / frame["months"]).round(2)
    frame["years_to_acknowledgement"] = [years_to_acknowledgement(history.deployments.loc[i]) for i in frame.index]
    frame["conflict"] = history.deployments.loc[frame.index, "conflict"]
    frame["label"] = history.deployments.loc[frame.index, "label"]
    frame["years"] = [deployment_years(history.deployments.loc[i]) for i in frame.index]
    return frame.join(concentration(history, frame, record))


# --- Concentration in time and place ---------------------------------------------------------------------------


def record_peak_year(record: pd.DataFrame) -> tuple[float, float, str]:
    """(year, share of deaths in it in %, actor) from the longest dated series of killed totals in the record.

    One actor's series is used so that revisions by one source are not mixed with another's counts; each
    year's deaths are the rise of the cumulative total over the year.
    """
    killed = record[record["category"].eq("killed") & record["scope"].eq("total")]
    if killed.empty:
        return np.nan, np.nan, ""
    actor = killed.groupby("actor").size().sort_index().idxmax()
    series = killed[killed["actor"].eq(actor)].assign(year=pd.to_datetime(killed["date"]).dt.year)
    by_year = series.sort_values("date").groupby("year")["value_high"].last().cummax()
    deaths = by_year.diff().fillna(by_year)
    return float(deaths.idxmax()), round(100 * deaths.max() / by_year.iloc[-1], 1), actor


def reference_peak_year(history: History, deployment_id: str, deaths: float) -> tuple[float, float]:
    """(year, share of deaths in it in %) from a deaths_peak_year reference row; a deployment within one
    calendar year had all its deaths in that year; NaN when neither applies."""
    rows = metric_rows(history, deployment_id, "deaths_peak_year")
    if not rows.empty:
        best = rows[rows["confidence"].eq(CONFIDENCE_ORDER[confidence_rank(rows)])].iloc[0]
        return float(best["peak_year"]), round(100 * best["value_high"] / deaths, 1)
    deployment = history.deployments.loc[deployment_id]
    if deployment["start_year"] == deployment["end_year"] and deaths > 0:
        return float(deployment["start_year"]), 100.0
    return np.nan, np.nan


def theatre_share(record: pd.DataFrame, theatre: str) -> tuple[float, float, str]:
    """(low %, high %, statement) of the force in its main theatre: the latest subset figure naming the
    theatre against the same actor's total on the same day."""
    deployed = record[record["category"].eq("deployed")]
    subset = deployed[deployed["scope"].eq("subset") & deployed["counts"].str.contains(theatre, case=False)]
    pairs = subset.merge(
        deployed[deployed["scope"].isin(["total", "strength"])], on=["actor", "date"], suffixes=("", "_total")
    )
    if pairs.empty:
        return np.nan, np.nan, ""
    latest = pairs.sort_values(["date", "estimate_id"]).iloc[-1]
    return (
        round(100 * latest["value_low"] / latest["value_high_total"], 1),
        round(100 * latest["value_high"] / latest["value_low_total"], 1),
        f"{latest['statement_by']}, {pd.Timestamp(latest['date']):%-d %b %Y}",
    )


def concentration(history: History, frame: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """Per deployment: the deadliest calendar year and its share of the deaths, where the force served, and
    (where the record gives it) the share of the force in the main theatre."""
    rows = []
    for deployment_id in frame.index:
        deployment = history.deployments.loc[deployment_id]
        if deployment_id == UKRAINE:
            year, share, basis = record_peak_year(record)
            low, high, theatre_basis = theatre_share(record, deployment["main_theatre"])
        else:
            year, share = reference_peak_year(history, deployment_id, frame.loc[deployment_id, "deaths"])
            basis, (low, high, theatre_basis) = "reference", (np.nan, np.nan, "")
        rows.append(
            {
                "deployment_id": deployment_id,
                "peak_year": year,
                "peak_year_deaths_pct": share,
                "peak_year_basis": basis,
                "theatre_share_low_pct": low,
                "theatre_share_high_pct": high,
                "theatre_share_basis": theatre_basis,
                "where": deployment["concentration_place"],
            }
        )
    return pd.DataFrame(rows).set_index("deployment_id")


def concentration_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Concentration in time and place as a reader sees it."""
    share = [
        span_text(a, b) for a, b in zip(frame["theatre_share_low_pct"], frame["theatre_share_high_pct"], strict=True)
    ]
    return pd.DataFrame(
        {
            "deployment": frame["label"],
            "deadliest year": [f"{y:.0f}" if pd.notna(y) else "" for y in frame["peak_year"]],
            "deaths in that year (%)": frame["peak_year_deaths_pct"],
            "force in main theatre (%)": share,
            "where": frame["where"].fillna("not recorded"),
        }
    ).reset_index(drop=True)


def deployment_years(deployment: pd.Series) -> str:
    """'1966-1968', '1973' for a deployment within one year, or '2024-' for an open one."""
    start = int(deployment["start_year"])
    if deployment["end_year"] == start:
        return f"{start}"
    return f"{start}-" + ("" if pd.isna(deployment["end_year"]) else f"{int(deployment['end_year'])}")


def span_text(low: float, high: float) -> str:
    """'14', '200-400' or '' for missing."""
    if pd.isna(low):
        return ""
    return f"{low:,.0f}" if low == high else f"{low:,.0f}-{high:,.0f}"


def metrics_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The side-by-side metrics as a reader sees them."""
    return pd.DataFrame(
        {
            "deployment": frame["label"],
            "years": frame["years"],
            "force (range)": [span_text(a, b) for a, b in zip(frame["force_low"], frame["force_high"], strict=True)],
            "force": frame["force"],
            "deaths (range)": [span_text(a, b) for a, b in zip(frame["deaths_low"], frame["deaths_high"], strict=True)],
            "deaths": frame["deaths"],
            "deaths % of force": frame["deaths_share_pct"],
            "months": frame["months"],
            "deaths per month": frame["deaths_per_month"],
            "years to acknowledgement": frame["years_to_acknowledgement"],
        }
    ).reset_index(drop=True)


def korean_war_scale(history: History) -> dict:
    """The Korean War's North Korean military dead: range and central from the reference table."""
    killed = history.korean_war[
        history.korean_war["metric"].eq("killed") & ~history.korean_war["figure_id"].str.contains("envelope")
    ]
    return reference_range(killed)


def handling_table(history: History, deployment_ids: list[str]) -> pd.DataFrame:
    """How the regime handled information and families, per deployment, with who acknowledged it and when."""
    rows = history.deployments.loc[deployment_ids]
    return pd.DataFrame(
        {
            "deployment": rows["label"],
            "acknowledged": rows["acknowledged_by"].fillna("never officially"),
            "information": rows["information_handling"].fillna("not recorded"),
            "families": rows["families_handling"].fillna("not recorded"),
        }
    ).reset_index(drop=True)


# --- The corpus against the reference ------------------------------------------------------------------------


def comparison(value_low: float, value_high: float, rows: pd.DataFrame) -> tuple[str, bool]:
    """How a corpus figure compares with reference rows, and whether no reference version supports it."""
    if rows.empty:
        return "no reference figure", True
    low, high = rows["value_low"].min(), rows["value_high"].max()
    factor = CORROBORATION_FACTOR
    matches = (rows["value_low"] <= value_high * factor) & (rows["value_high"] >= value_low / factor)
    exact = (rows["value_low"].eq(value_low) & rows["value_high"].eq(value_high)).any()
    if low <= value_low and value_high <= high:
        text = "within the reference range" + ("" if exact else ", though no source gives this figure itself")
    elif value_high < low:
        text = f"below the reference range ({low / value_high:.1f}x lower)"
    else:
        text = f"above the reference range ({value_low / high:.1f}x higher)"
    return text, not matches.any()


def corpus_figures_vs_reference(claims: pd.DataFrame, history: History) -> pd.DataFrame:
    """Corpus claims about precedents (Vietnam force and deaths) beside the reference versions."""
    wanted = claims[claims["conflict"].eq("vietnam") & claims["category"].isin(CATEGORY_METRIC)]
    rows = []
    for claim in wanted.to_dict("records"):
        metric = CATEGORY_METRIC[claim["category"]]
        reference = metric_rows(history, "vietnam", metric)
        text, only_corpus = comparison(claim["value_low"], claim["value_high"], reference)
        rows.append(
            comparison_row(
                f"Vietnam {metric}",
                span_text(claim["value_low"], claim["value_high"]),
                (claim["claim_id"], claim["sentence_id"], claim["attributed_to"]),
                (span_text(reference["value_low"].min(), reference["value_high"].max()), reference),
                (text, only_corpus),
            )
        )
    return pd.DataFrame(rows)


def comparison_row(quantity: str, corpus: str, where: tuple, reference: tuple, verdict: tuple) -> dict:
    """One row of the corpus-against-reference table: ``where`` is (claim, sentence, according to),
    ``reference`` (the range shown, the reference rows) and ``verdict`` (difference, corpus only)."""
    return {
        "quantity": quantity,
        "corpus": corpus,
        "claim": where[0],
        "sentence": where[1],
        "according to": where[2],
        "reference": reference[0],
        "reference versions": "; ".join(reference[1]["figure_id"]),
        "difference": verdict[0],
        "corpus only": verdict[1],
    }


def years_in(text: str) -> tuple[int, int] | None:
    """(low, high) of the latest year or decade a sentence names ('in 1992', 'the 1990s')."""
    spans = [(int(m[1]), int(m[1]) + 9) for m in DECADE.finditer(text)]
    spans += [(int(m[1]), int(m[1])) for m in YEAR.finditer(text)]
    return max(spans, key=lambda s: (s[0], -s[1])) if spans else None


def year_span(low: float, high: float) -> str:
    """'2001' or '1994-1998'."""
    return f"{low:.0f}" if low == high else f"{low:.0f}-{high:.0f}"


def year_comparison(years: tuple[int, int], reference: pd.DataFrame) -> tuple[str, bool]:
    """How a year or decade compares with the reference versions; corpus-only when no version is within a year."""
    low, high = reference["value_low"].min(), reference["value_high"].max()
    overlap = (reference["value_low"] <= years[1] + 1) & (reference["value_high"] >= years[0] - 1)
    if (reference["value_low"].eq(years[0]) & reference["value_high"].eq(years[1])).any():
        return "matches a reference version", False
    if low <= years[0] and years[1] <= high:
        return "within the reference range", False
    if years[1] < low:
        return f"{low - years[1]:.0f} year(s) earlier than the reference", not overlap.any()
    if years[0] > high:
        return f"{years[0] - high:.0f} year(s) later than the reference", not overlap.any()
    return "overlaps the reference range", False


def reference_years(history: History, target: str) -> tuple[pd.DataFrame, str]:
    """Reference year rows for 'table:id[:column]' targets of history_mentions.csv, with their ids."""
    table, key, *column = target.split(":")
    if table == "coup_cases.csv":
        rows = history.coups[history.coups["case_id"].eq(key)]
        return rows.assign(value_low=rows["year_low"], value_high=rows["year_high"], figure_id=rows["account_id"]), key
    deployment = history.deployments.loc[[key]]
    values = deployment[column[0]]
    frame = pd.DataFrame({"value_low": values, "value_high": values, "figure_id": [f"deployments.csv:{key}"]})
    return frame.dropna(subset=["value_low"]), key


def corpus_years_vs_reference(sentences: pd.DataFrame, history: History) -> pd.DataFrame:
    """Years the corpus gives for the precedents (acknowledgement, coup dates) beside the reference versions."""
    rows = []
    for mention in history.mentions.to_dict("records"):
        reference, _ = reference_years(history, mention["compares_with"])
        found = sentences[sentences["text"].str.contains(mention["pattern"], regex=True)]
        for sentence in found.to_dict("records"):
            years = years_in(sentence["text"])
            if years is None:
                continue
            text, only_corpus = year_comparison(years, reference)
            rows.append(
                comparison_row(
                    mention["description"],
                    str(years[0]) if years[0] == years[1] else f"{years[0]}s",
                    ("", sentence["sentence_id"], sentence["article_id"]),
                    (year_span(reference["value_low"].min(), reference["value_high"].max()), reference),
                    (text, only_corpus),
                )
            )
    return pd.DataFrame(rows)


# --- Risk factors ----------------------------------------------------------------------------------------------


def evidence_id(row: dict, sentences: pd.DataFrame, accounts: dict[str, str]) -> str:
    """The sentence id of a corpus evidence phrase ('article|phrase'), or the source of a coup account as a
    reader cites it (``accounts``: account id to source).

    Evidence from an article the corpus does not hold (a user's own corpus) is named as such; a phrase
    missing from an article the corpus does hold is an error in risk_factors.csv.
    """
    if row["evidence_kind"] != "corpus":
        return accounts[row["evidence_ref"]]
    article, phrase = row["evidence_ref"].split("|", 1)
    if not sentences["article_id"].eq(article).any():
        return f"{article} (article not in this corpus)"
    found = sentences[
        sentences["article_id"].eq(article) & sentences["text"].str.lower().str.contains(phrase.lower(), regex=False)
    ]
    if found.empty:
        raise ValueError(f"risk_factors.csv: no sentence of {article!r} contains {phrase!r}")
    return found["sentence_id"].iloc[0]


def risk_matrix(history: History, sentences: pd.DataFrame) -> pd.DataFrame:
    """Factors as rows, the 1992 plot, the 1995 VI Corps case and today as columns; each cell with its evidence."""
    accounts = dict(zip(history.coups["account_id"], history.coups["source"], strict=True))
    risks = history.risks.assign(
        evidence=[evidence_id(r, sentences, accounts) for r in history.risks.to_dict("records")],
    )
    risks["cell"] = risks["level"] + ": " + risks["assessment"] + " [" + risks["evidence"] + "]"
    matrix = risks.pivot(index="factor_label", columns="case_id", values="cell")
    return matrix[list(CASES)].rename(columns=CASES).reset_index().rename(columns={"factor_label": "factor"})


def coup_summary(history: History) -> pd.DataFrame:
    """Per coup case: how many accounts, the years they give, the headcounts punished and the evidence types."""
    rows = []
    for case_id in [c for c in CASES if c in set(history.coups["case_id"])]:
        group = history.coups[history.coups["case_id"].eq(case_id)]
        punished = pd.concat([group["punished_low"], group["punished_high"]]).dropna()
        evidence = group["evidence_type"].value_counts().sort_index()
        rows.append(
            {
                "case": group["case"].iloc[0],
                "accounts": len(group),
                "years given": year_span(group["year_low"].min(), group["year_high"].max()),
                "distinct dates": group["date_given"].nunique(),
                "punished (range of accounts)": span_text(punished.min(), punished.max()) if len(punished) else "",
                "accounts with a headcount": int(group["punished_low"].notna().sum()),
                "evidence": "; ".join(f"{kind} {n}" for kind, n in evidence.items()),
            }
        )
    return pd.DataFrame(rows)


def coup_accounts_table(history: History) -> pd.DataFrame:
    """Every source account of the coup cases, as a reader sees it (each disagreeing version its own row)."""
    coups = history.coups
    punished = [punished_text(*row) for row in coups[["punished_low", "punished_high", "punished_what"]].to_numpy()]
    return pd.DataFrame(
        {
            "case": coups["case_id"].map(CASES),
            "account": coups["account_id"],
            "date given": coups["date_given"],
            "involved": coups["involved"],
            "how found": coups["how_found"].fillna(""),
            "response": coups["regime_response"].fillna(""),
            "punished": punished,
            "evidence": coups["evidence_type"],
        }
    )


def punished_text(low: float, high: float, what: object) -> str:
    """'200-300 arrested', 'at least 40 executed' (no upper figure is a floor), or what alone."""
    what = "" if pd.isna(what) else str(what)
    if pd.isna(low):
        return what
    figure = f"at least {low:,.0f}" if pd.isna(high) else span_text(low, high)
    return f"{figure} {what}".strip()


def acknowledgement_record(history: History) -> dict:
    """How many earlier deployments the reference holds, how many Pyongyang acknowledged within a year of
    their start, and how many it has never acknowledged (as far as the sources show)."""
    earlier = history.deployments.drop(index=UKRAINE)
    years = pd.Series([years_to_acknowledgement(row) for _, row in earlier.iterrows()], index=earlier.index)
    return {"earlier": len(earlier), "at_the_time": int(years.le(1).sum()), "never": int(years.isna().sum())}


# --- Figures ---------------------------------------------------------------------------------------------------


def scale_figure(frame: pd.DataFrame, korean_war: dict):
    """Force and deaths per deployment on a log scale, ranges as error bars, the Korean War's dead as a line."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.2))
    labels = [f"{label}\n{years}" for label, years in zip(frame["label"], frame["years"], strict=True)]
    x = np.arange(len(frame))
    for offset, (column, color, name) in enumerate(
        (("force", "#4c4c4c", "force deployed"), ("deaths", "#c0392b", "deaths"))
    ):
        value = frame[column].to_numpy(float)
        low = frame[f"{column}_low"].to_numpy(float)
        high = frame[f"{column}_high"].to_numpy(float)
        errors = np.vstack([value - low, high - value])
        ax.errorbar(x + (offset - 0.5) * 0.25, value, yerr=errors, fmt="o", color=color, capsize=4, label=name)
    ax.axhline(korean_war["central"], color="#1f4e79", lw=1, ls="--", label="Korean War military dead (central)")
    ax.set_yscale("log")
    ax.set_xticks(x, labels)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_ylim(0.5, korean_war["high"] * 4)
    ax.legend(frameon=False, fontsize=8, loc="upper right", bbox_to_anchor=(1, 0.9))
    ax.grid(axis="y", alpha=0.3)
    return fig


def acknowledgement_figure(history: History, deployment_ids: list[str]):
    """Horizontal bars from the start of each deployment to its acknowledgement, in years."""
    import matplotlib.pyplot as plt

    rows = history.deployments.loc[deployment_ids]
    rows = rows[rows["acknowledged_year"].notna()]
    years = [years_to_acknowledgement(r) for _, r in rows.iterrows()]
    fig, ax = plt.subplots(figsize=(8, 2.6))
    y = np.arange(len(rows))
    ax.barh(y, years, color="#1f4e79", height=0.5)
    for position, value, start, end in zip(y, years, rows["start_year"], rows["acknowledged_year"], strict=True):
        ax.text(value, position, f"  {value:g} years ({int(start)} to {int(end)})", va="center", fontsize=8)
    ax.set_yticks(y, rows["label"])
    ax.set_xlim(0, max(years) * 1.35)
    ax.invert_yaxis()
    return fig


def corpus_vs_reference(
    claims: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, history: History
) -> pd.DataFrame:
    """The corpus' figures and years for the precedents against the reference versions, each with its sentence
    and the reader's citation of its article."""
    versus = pd.concat(
        [corpus_figures_vs_reference(claims, history), corpus_years_vs_reference(sentences, history)],
        ignore_index=True,
    )
    versus.insert(
        versus.columns.get_loc("sentence") + 1,
        "cited as",
        versus["sentence"].map(sentence_citations(sentences, articles)),
    )
    return versus


def listing(rows: pd.DataFrame, shown: int = 8) -> str:
    """'quantity figure (source); ...' for the first ``shown`` rows, then how many more; 'none' if empty."""
    items = [f"{quantity} {figure} ({sentence})" for quantity, figure, sentence in rows.head(shown).to_numpy()]
    extra = f"; and {len(rows) - shown:,} more" if len(rows) > shown else ""
    return "; ".join(items) + extra if items else "none"


def scale_title(frame: pd.DataFrame) -> str:
    """The scale figure's finding: Ukraine's dead against the deadliest precedent shown."""
    ukraine = frame.loc[UKRAINE]
    others = frame.drop(index=UKRAINE).dropna(subset=["deaths"])
    if others.empty:
        return f"No precedent shown records deaths; Ukraine's estimate is {ukraine['deaths']:,.0f}"
    top = others.sort_values("deaths", kind="stable").iloc[-1]
    return (
        f"North Korea's dead in Russia's war are {ukraine['deaths'] / top['deaths']:,.0f} times "
        f"its toll in {top['label']}, the worst precedent shown"
    )


def acknowledgement_title(frame: pd.DataFrame) -> str:
    """The acknowledgement figure's finding: months for Ukraine against the slowest precedent shown."""
    ukraine = frame.loc[UKRAINE, "years_to_acknowledgement"]
    others = frame.drop(index=UKRAINE).dropna(subset=["years_to_acknowledgement"])
    text = f"Pyongyang admitted the Ukraine deployment within {12 * ukraine:.0f} months"
    if others.empty:
        return text
    slowest = others.sort_values("years_to_acknowledgement", kind="stable").iloc[-1]
    return f"{text}; {slowest['label']} took {slowest['years_to_acknowledgement']:.0f} years"


def high_factors(risks: pd.DataFrame, case_id: str) -> pd.Series:
    """Labels (in lower case, for prose) of the risk factors rated high for one case."""
    labels = risks.loc[risks["case_id"].eq(case_id) & risks["level"].eq("high"), "factor_label"]
    return labels.map(lambda label: label[:1].lower() + label[1:]).reset_index(drop=True)


def shared_high_factors(risks: pd.DataFrame) -> pd.Series:
    """Labels of the factors rated high both today and in at least one of the 1990s cases."""
    today = set(high_factors(risks, UKRAINE))
    past = {label for case in CASES if case != UKRAINE for label in high_factors(risks, case)}
    return pd.Series(sorted(today & past), dtype=str)


def largest_force(history: History) -> pd.Series:
    """The reference row with the largest force figure for an earlier deployment, with its deployment's label."""
    forces = history.figures[history.figures["metric"].eq("force")]
    row = forces.loc[forces["value_high"].idxmax()]
    return pd.concat([row, pd.Series({"label": history.deployments.loc[row["deployment_id"], "label"]})])


def factor_level(risks: pd.DataFrame, factor: str, case_id: str) -> str:
    """The level one case is rated on one factor ('not rated' if risk_factors.csv has no such row)."""
    rows = risks.loc[risks["factor"].eq(factor) & risks["case_id"].eq(case_id), "level"]
    return rows.iloc[0] if len(rows) else "not rated"
