"""Stage 4, scenarios: scenarios with drivers and indicators, an analysis of competing hypotheses, and a projection.

Scenarios, indicators and the ACH matrix are data in ``data/reference`` (scenarios.yaml, indicators.csv,
ach.csv, ach_hypotheses.csv); evidence points at corpus sentences or reference rows and is resolved
here, so a reader sees the sentence behind every judgement. The projection's assumptions are
parameters; those left empty are derived from the public record and the claims stage, and the
report states which were given and which derived.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .paths import REFERENCE_DIR, BuildPaths

ACH_SCORES = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
INCONSISTENCY = {"I": 1, "II": 2}  # Heuer: only inconsistent evidence counts against a hypothesis
CASES = ("low", "central", "high")
# the UK intelligence probability yardstick's terms, from most to least likely
LIKELIHOOD_WORDS = ("almost certain", "highly likely", "likely", "realistic possibility", "unlikely", "highly unlikely")


def load_scenarios(reference_dir: Path = REFERENCE_DIR) -> list[dict]:
    """The scenarios of scenarios.yaml."""
    return yaml.safe_load((reference_dir / "scenarios.yaml").read_text(encoding="utf-8"))["scenarios"]


def load_indicators(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """indicators.csv: id, label, the scenarios it points to, a pattern over sentences."""
    return pd.read_csv(reference_dir / "indicators.csv", dtype=str, keep_default_na=False)


def reference_row(ref: str, reference_dir: Path = REFERENCE_DIR) -> str:
    """A short description of a reference row 'table.csv:row_id' (the row's id column, then its text)."""
    table_name, row_id = ref.split(":", 1)
    table = pd.read_csv(reference_dir / table_name, dtype=str, keep_default_na=False)
    key = table.columns[0]
    rows = table[table[key].eq(row_id)]
    if rows.empty:
        raise ValueError(f"{ref}: no row with {key} = {row_id!r} in {table_name}")
    row = rows.iloc[0]
    text_column = next((c for c in ("counts", "assessment", "conflict", "note", "as_stated") if c in row), key)
    return f"{table_name}: {row[text_column]}"


def resolve(ref: str, sentences: pd.DataFrame, reference_dir: Path = REFERENCE_DIR) -> str:
    """The text behind an evidence reference: the quoted sentence, or the reference row.

    A sentence of an article the corpus does not hold (a user's own corpus) is named as such; a missing
    sentence of an article the corpus holds is an error in the reference table.
    """
    if ".csv:" in ref:
        return reference_row(ref, reference_dir)
    found = sentences.loc[sentences["sentence_id"].eq(ref), "text"]
    if not found.empty:
        return found.iloc[0]
    article = ref.rsplit("-s", 1)[0]
    if not sentences["article_id"].eq(article).any():
        return f"(sentence of the article {article!r}, which is not in this corpus)"
    raise ValueError(f"evidence {ref!r} is not a sentence id of the cleaned corpus")


def scenario_table(scenarios: list[dict], indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per scenario: what it says, its drivers and the indicators that would show it first."""
    labels = dict(zip(indicators["indicator_id"], indicators["label"], strict=True))
    return pd.DataFrame(
        {
            "scenario": [s["name"] for s in scenarios],
            "what happens": [s["summary"] for s in scenarios],
            "drivers": ["; ".join(s["drivers"]) for s in scenarios],
            "first indicators": ["; ".join(labels[i] for i in s["indicators"]) for s in scenarios],
        }
    )


def evidence_table(scenarios: list[dict], sentences: pd.DataFrame) -> pd.DataFrame:
    """The evidence for and against each scenario, with the sentence or reference row behind it."""
    rows = [
        {"scenario": s["name"], "bears": side, "evidence": ref, "text": resolve(ref, sentences)}
        for s in scenarios
        for side, key in (("for", "evidence_for"), ("against", "evidence_against"))
        for ref in s[key]
    ]
    return pd.DataFrame(rows)


def indicator_hits(sentences: pd.DataFrame, articles: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Every sentence that reports an indicator, with the article's date (or its lower bound)."""
    dates = articles.set_index("article_id")
    rows = []
    for indicator in indicators.itertuples():
        found = sentences[sentences["text"].str.contains(indicator.pattern, regex=True)]
        for sentence in found.itertuples():
            article = dates.loc[sentence.article_id]
            date = article["date_high"] if pd.notna(article["date_high"]) else article["date_low"]
            rows.append(
                {
                    "indicator_id": indicator.indicator_id,
                    "sentence_id": sentence.sentence_id,
                    "article_id": sentence.article_id,
                    "date": None if pd.isna(date) else str(date),
                    "date_is_bound": pd.isna(article["date_high"]),
                }
            )
    return pd.DataFrame(rows, columns=["indicator_id", "sentence_id", "article_id", "date", "date_is_bound"])


def warnings_table(hits: pd.DataFrame, indicators: pd.DataFrame, shown: int = 4) -> pd.DataFrame:
    """Indicators and warnings: which indicators the corpus reports, since when, in how many articles."""
    rows = []
    for indicator in indicators.itertuples():
        own = hits[hits["indicator_id"].eq(indicator.indicator_id)].sort_values(["date", "sentence_id"])
        dated = own.dropna(subset=["date"])
        first = "" if dated.empty else dated.iloc[0]["date"] + (" or later" if dated.iloc[0]["date_is_bound"] else "")
        sentence_ids = list(own["sentence_id"])
        rows.append(
            {
                "indicator": indicator.label,
                "points to": indicator.points_to.replace(";", ", "),
                "reported": "yes" if len(own) else "no",
                "first reported": first,
                "articles": own["article_id"].nunique(),
                "sentences": "; ".join(sentence_ids[:shown])
                + (f" (+{len(sentence_ids) - shown})" if len(sentence_ids) > shown else ""),
            }
        )
    return pd.DataFrame(rows)


def scenario_support(scenarios: list[dict], hits: pd.DataFrame) -> pd.DataFrame:
    """Per scenario: the analysts' likelihood, how many of its indicators the corpus reports and how widely."""
    seen = set(hits["indicator_id"])
    rows = []
    for s in scenarios:
        own = hits[hits["indicator_id"].isin(s["indicators"])]
        rows.append(
            {
                "scenario_id": s["id"],
                "scenario": s["name"],
                "likelihood": s["likelihood"],
                "indicators observed": sum(i in seen for i in s["indicators"]),
                "indicators listed": len(s["indicators"]),
                "articles reporting": own["article_id"].nunique(),
                "sentences reporting": own["sentence_id"].nunique(),
                "evidence for": len(s["evidence_for"]),
                "evidence against": len(s["evidence_against"]),
            }
        )
    return pd.DataFrame(rows)


# --- Analysis of competing hypotheses --------------------------------------------------------------------------


def load_ach(reference_dir: Path = REFERENCE_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(evidence matrix, hypotheses) of the ACH on why Pyongyang acknowledged its troops."""
    matrix = pd.read_csv(reference_dir / "ach.csv", dtype={"weight": float}, keep_default_na=False)
    hypotheses = pd.read_csv(reference_dir / "ach_hypotheses.csv", dtype=str)
    unknown = set(matrix.columns[4:]) ^ set(hypotheses["hypothesis_id"])
    if unknown:
        raise ValueError(f"ach.csv and ach_hypotheses.csv disagree on hypotheses: {sorted(unknown)}")
    bad = ~matrix[list(hypotheses["hypothesis_id"])].isin(list(ACH_SCORES)).all(axis=1)
    if bad.any():
        raise ValueError(
            f"ach.csv rows {list(matrix.loc[bad, 'evidence_id'])}: scores must be one of {list(ACH_SCORES)}"
        )
    return matrix, hypotheses


def ach_scores(matrix: pd.DataFrame, hypotheses: pd.DataFrame) -> pd.DataFrame:
    """Per hypothesis: weighted inconsistency (Heuer's measure, lower is better), consistency, and rank."""
    rows = []
    for hypothesis in hypotheses.itertuples():
        marks = matrix[hypothesis.hypothesis_id]
        rows.append(
            {
                "hypothesis_id": hypothesis.hypothesis_id,
                "hypothesis": hypothesis.hypothesis,
                "inconsistency": float((marks.map(INCONSISTENCY).fillna(0) * matrix["weight"]).sum()),
                "consistency": float((marks.map(ACH_SCORES).clip(lower=0) * matrix["weight"]).sum()),
                "inconsistent items": int(marks.isin(INCONSISTENCY).sum()),
            }
        )
    scores = pd.DataFrame(rows).sort_values(["inconsistency", "consistency"], ascending=[True, False], kind="stable")
    return scores.assign(rank=range(1, len(scores) + 1)).reset_index(drop=True)


def ach_table(matrix: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The ACH matrix as a reader sees it: evidence, the sentence or row behind it (with its id), weight, marks."""
    hypotheses = list(matrix.columns[4:])
    return pd.DataFrame(
        {
            "evidence": matrix["evidence_id"],
            "description": matrix["description"],
            "source": [f"{ref}: {resolve(ref, sentences)}" for ref in matrix["evidence"]],
            "weight": matrix["weight"],
            **{h.replace("_", " "): matrix[h] for h in hypotheses},
        }
    )


# --- Projection ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assumptions:
    """The projection's assumptions; ``*_basis`` says whether each was given as a parameter or derived."""

    force: float
    force_range: tuple[float, float]
    reinforcements: float
    loss_rate: tuple[float, float, float]
    killed_share: tuple[float, float, float]
    horizon: int
    start_casualties: float
    start_deaths: float
    start_date: str
    basis: dict


def months(start, end) -> float:
    """Months between two dates."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / 30.4375


def derived_loss_rates(record: pd.DataFrame, start: str, force: float) -> tuple[float, float, float]:
    """Monthly casualties as a share of the force: each source's latest cumulative total over the months since
    the deployment began; low, median and high across sources."""
    totals = record[record["category"].eq("casualties") & record["scope"].eq("total")]
    latest = totals.sort_values(["actor", "date", "estimate_id"]).groupby("actor").tail(1)
    rates = (latest["value_low"] + latest["value_high"]) / 2 / latest["date"].map(lambda d: months(start, d)) / force
    return float(rates.min()), float(rates.median()), float(rates.max())


def derived_killed_shares(record: pd.DataFrame) -> tuple[float, float, float]:
    """Killed as a share of killed and wounded, from sources that gave both totals on the same day."""
    totals = record[record["scope"].eq("total")]
    mid = (totals["value_low"] + totals["value_high"]) / 2
    pairs = totals.assign(mid=mid).pivot_table(index=["actor", "date"], columns="category", values="mid", aggfunc="max")
    shares = (pairs["killed"] / pairs["casualties"]).dropna()
    if shares.empty:
        raise ValueError("the public record has no source giving killed and casualties on the same day")
    return float(shares.min()), float(shares.median()), float(shares.max())


def derived_reinforcements(record: pd.DataFrame, start: str) -> float:
    """Troops added per month: the growth from the initial contingent to the latest best-graded total."""
    deployed = record[record["category"].eq("deployed")]
    initial = deployed[deployed["scope"].eq("initial")]
    totals = deployed[deployed["scope"].eq("total")]
    best = totals[totals["reliability"].eq(totals["reliability"].min())].sort_values(["date", "estimate_id"]).iloc[-1]
    growth = best["value_high"] - initial["value_high"].median()
    return max(0.0, float(growth / months(start, best["date"])))


def assumptions(
    record: pd.DataFrame,
    headline: pd.DataFrame,
    start: str,
    force: float | None = None,
    reinforcements: float | None = None,
    loss_rate: float | None = None,
    killed_share: float | None = None,
    horizon: int = 24,
) -> Assumptions:
    """The projection's assumptions: parameters where given, else derived from the record and headline figures.

    A given loss rate or killed share becomes the central case; the low and high cases keep the derived
    spread around it (as ratios to the derived central value).
    """
    basis = {}
    derived_force = float(headline.loc["deployed", "central"])
    basis["force"] = "given" if force is not None else "derived: central troops sent (chapter 2)"
    force = float(force) if force is not None else derived_force
    rates = derived_loss_rates(record, start, derived_force)
    basis["loss_rate"] = (
        "given (low/high keep the sources' spread)"
        if loss_rate is not None
        else ("derived: sources' latest casualties per month since deployment, over the force")
    )
    if loss_rate is not None:
        rates = tuple(loss_rate * r / rates[1] for r in rates)
    shares = derived_killed_shares(record)
    basis["killed_share"] = (
        "given (low/high keep the sources' spread)"
        if killed_share is not None
        else ("derived: killed over killed and wounded, where one source gave both on one day")
    )
    if killed_share is not None:
        shares = tuple(min(1.0, killed_share * s / shares[1]) for s in shares)
    basis["reinforcements"] = (
        "given"
        if reinforcements is not None
        else ("derived: growth from the initial contingent to the latest best-graded total, per month")
    )
    reinforcements = float(reinforcements) if reinforcements is not None else derived_reinforcements(record, start)
    basis["horizon"] = "given"
    return Assumptions(
        force=force,
        force_range=(float(headline.loc["deployed", "low"]), float(headline.loc["deployed", "high"])),
        reinforcements=reinforcements,
        loss_rate=rates,
        killed_share=shares,
        horizon=int(horizon),
        start_casualties=float(headline.loc["casualties", "central"]),
        start_deaths=float(headline.loc["killed", "central"]),
        start_date=str(max(headline.loc["casualties", "as_of"], headline.loc["killed", "as_of"])),
        basis=basis,
    )


def project(
    force: float,
    reinforcements: float,
    rate: float,
    horizon: int,
    start: tuple[float, float],
    killed_share: float,
) -> pd.DataFrame:
    """Month by month: the force in theatre, cumulative casualties and dead, from ``start`` = (casualties, dead).

    Each month reinforcements join, then the loss rate takes its share of the force as casualties, of which
    ``killed_share`` die; casualties leave the force.
    """
    rows, strength = [], force
    casualties, deaths = start
    for month in range(1, horizon + 1):
        strength += reinforcements
        lost = rate * strength
        strength -= lost
        casualties += lost
        deaths += lost * killed_share
        rows.append({"month": month, "force": strength, "casualties": casualties, "deaths": deaths})
    return pd.DataFrame(rows)


def projection_cases(a: Assumptions) -> pd.DataFrame:
    """The low, central and high cases (loss rate and killed share move together)."""
    start = (a.start_casualties, a.start_deaths)
    frames = [
        project(a.force, a.reinforcements, rate, a.horizon, start, share).assign(case=case)
        for case, rate, share in zip(CASES, a.loss_rate, a.killed_share, strict=True)
    ]
    return pd.concat(frames, ignore_index=True)


def central_deaths(a: Assumptions) -> float:
    """Projected cumulative deaths at the horizon in the central case."""
    start = (a.start_casualties, a.start_deaths)
    return float(
        project(a.force, a.reinforcements, a.loss_rate[1], a.horizon, start, a.killed_share[1])["deaths"].iloc[-1]
    )


def sensitivity(a: Assumptions) -> pd.DataFrame:
    """How far each assumption, moved to its low and high value with the others central, moves projected deaths."""
    variations = {
        "monthly loss rate": ("loss_rate", a.loss_rate[0], a.loss_rate[2]),
        "killed share of casualties": ("killed_share", a.killed_share[0], a.killed_share[2]),
        "force deployed": ("force", a.force_range[0], a.force_range[1]),
        "reinforcements per month": ("reinforcements", 0.0, 2 * a.reinforcements),
        "horizon (months)": ("horizon", max(1, a.horizon // 2), a.horizon * 3 // 2),
    }
    central = replace(a, loss_rate=(a.loss_rate[1],) * 3, killed_share=(a.killed_share[1],) * 3)
    base = central_deaths(central)
    rows = []
    for name, (field, low, high) in variations.items():
        outcome = []
        for value in (low, high):
            changed = (value,) * 3 if field in ("loss_rate", "killed_share") else value
            outcome.append(central_deaths(replace(central, **{field: changed})))
        rows.append(
            {
                "assumption": name,
                "low value": low,
                "high value": high,
                "deaths at low": outcome[0],
                "deaths at high": outcome[1],
                "swing": abs(outcome[1] - outcome[0]),
                "central deaths": base,
            }
        )
    return pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def assumptions_table(a: Assumptions) -> pd.DataFrame:
    """Every assumption of the projection with its value(s) and whether it was given or derived."""
    pct = lambda values: " / ".join(f"{100 * v:.1f}%" for v in values)  # noqa: E731
    rows = [
        ("force deployed at the start", f"{a.force:,.0f}", a.basis["force"]),
        ("reinforcements per month", f"{a.reinforcements:,.0f}", a.basis["reinforcements"]),
        ("monthly loss rate (low / central / high)", pct(a.loss_rate), a.basis["loss_rate"]),
        ("killed share of casualties (low / central / high)", pct(a.killed_share), a.basis["killed_share"]),
        ("horizon", f"{a.horizon} months from {a.start_date}", a.basis["horizon"]),
        ("casualties at the start", f"{a.start_casualties:,.0f}", "central killed and wounded (chapter 2)"),
        ("dead at the start", f"{a.start_deaths:,.0f}", "central killed (chapter 2)"),
    ]
    return pd.DataFrame(rows, columns=["assumption", "value", "basis"])


def projection_figure(cases: pd.DataFrame, vietnam_deaths: float, korean_war_deaths: float):
    """Projected cumulative deaths per case on a log scale, with Vietnam's and the Korean War's dead as lines."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.2))
    styles = {"low": ("#7f7f7f", "--"), "central": ("#c0392b", "-"), "high": ("#7f7f7f", ":")}
    for case, (color, line) in styles.items():
        own = cases[cases["case"].eq(case)]
        ax.plot(own["month"], own["deaths"], color=color, ls=line, lw=1.8, label=f"{case} case")
    for value, label in ((vietnam_deaths, "Vietnam dead"), (korean_war_deaths, "Korean War military dead")):
        ax.axhline(value, color="#1f4e79", lw=0.8, ls="-.")
        ax.text(cases["month"].max(), value * 1.15, label, ha="right", fontsize=8, color="#1f4e79")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(frameon=False, loc="lower right", bbox_to_anchor=(1, 0.12), fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return fig


def tornado_figure(table: pd.DataFrame):
    """Horizontal bars from deaths at each assumption's low value to its high value, widest on top."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.2))
    y = np.arange(len(table))
    low = table[["deaths at low", "deaths at high"]].min(axis=1)
    high = table[["deaths at low", "deaths at high"]].max(axis=1)
    ax.barh(y, high - low, left=low, color="#1f4e79", height=0.5)
    ax.axvline(table["central deaths"].iloc[0], color="#c0392b", lw=1)
    ax.set_yticks(y, table["assumption"])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    return fig


# --- Stage -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioStage:
    """What chapter 4 computes."""

    scenarios: list[dict]
    indicators: pd.DataFrame
    hits: pd.DataFrame
    support: pd.DataFrame
    evidence: pd.DataFrame
    ach: pd.DataFrame
    ach_scores: pd.DataFrame
    hypotheses: pd.DataFrame
    assumptions: Assumptions
    cases: pd.DataFrame
    sensitivity: pd.DataFrame
    vietnam_deaths: float
    korean_war_deaths: float
    sentences: pd.DataFrame


def run(
    build_root: Path,
    projection_force: float | None = None,
    projection_reinforcements_per_month: float | None = None,
    projection_monthly_loss_rate: float | None = None,
    projection_killed_share: float | None = None,
    projection_horizon_months: int = 24,
) -> ScenarioStage:
    """Compute chapter 4 from the reference tables and the earlier stages; write data/processed tables."""
    from .claims import write_csv
    from .history import UKRAINE, korean_war_scale, load_history, metric_rows, reference_range

    paths = BuildPaths(build_root)
    sentences = pd.read_csv(paths.interim / "sentences.csv", dtype={"text": str}, keep_default_na=False)
    articles = pd.read_csv(paths.interim / "articles.csv", keep_default_na=False, na_values=[""])
    record = pd.read_csv(paths.processed / "public_record.csv", keep_default_na=False, na_values=[""])
    headline = pd.read_csv(paths.processed / "headline_figures.csv").set_index("category")
    history = load_history()
    scenarios, indicators = load_scenarios(), load_indicators()
    hits = indicator_hits(sentences, articles, indicators)
    matrix, hypotheses = load_ach()
    a = assumptions(
        record,
        headline,
        history.deployments.loc[UKRAINE, "start_date"],
        projection_force,
        projection_reinforcements_per_month,
        projection_monthly_loss_rate,
        projection_killed_share,
        projection_horizon_months,
    )
    stage = ScenarioStage(
        scenarios=scenarios,
        indicators=indicators,
        hits=hits,
        support=scenario_support(scenarios, hits),
        evidence=evidence_table(scenarios, sentences),
        ach=ach_table(matrix, sentences),
        ach_scores=ach_scores(matrix, hypotheses),
        hypotheses=hypotheses,
        assumptions=a,
        cases=projection_cases(a),
        sensitivity=sensitivity(a),
        vietnam_deaths=reference_range(metric_rows(history, "vietnam", "deaths"))["central"],
        korean_war_deaths=korean_war_scale(history)["central"],
        sentences=sentences,
    )
    write_csv(hits, paths.processed / "indicator_hits.csv")
    write_csv(stage.support, paths.processed / "scenario_support.csv")
    write_csv(stage.ach_scores, paths.processed / "ach_scores.csv")
    write_csv(stage.cases, paths.processed / "projection.csv")
    write_csv(stage.sensitivity, paths.processed / "sensitivity.csv")
    (paths.processed / "scenario_summary.json").write_text(json.dumps(summary(stage), indent=2, sort_keys=True) + "\n")
    return stage


def summary(stage: ScenarioStage) -> dict:
    """The judgement the executive summary reads: leading hypothesis, likeliest scenario, projection."""
    final = stage.cases[stage.cases["month"].eq(stage.assumptions.horizon)].set_index("case")
    order = {word: rank for rank, word in enumerate(LIKELIHOOD_WORDS)}
    support = stage.support.sort_values("likelihood", key=lambda c: c.map(order), kind="stable")
    return {
        "ach_leading": stage.ach_scores.iloc[0][["hypothesis_id", "hypothesis", "inconsistency"]].to_dict(),
        "ach_runner_up": stage.ach_scores.iloc[1][["hypothesis_id", "hypothesis", "inconsistency"]].to_dict(),
        "judged_most_likely": support.iloc[0][["scenario_id", "scenario", "likelihood"]].to_dict(),
        "judged_least_likely": support.iloc[-1][["scenario_id", "scenario", "likelihood"]].to_dict(),
        "indicators_observed": int(stage.hits["indicator_id"].nunique()),
        "indicators_listed": len(stage.indicators),
        "horizon_months": stage.assumptions.horizon,
        "start_date": stage.assumptions.start_date,
        "projected_deaths": {case: round(float(final.loc[case, "deaths"])) for case in CASES},
        "projected_casualties": {case: round(float(final.loc[case, "casualties"])) for case in CASES},
        "most_sensitive_assumption": stage.sensitivity.iloc[0]["assumption"],
        "vietnam_deaths": stage.vietnam_deaths,
        "korean_war_deaths": stage.korean_war_deaths,
    }


def sensitivity_table(table: pd.DataFrame) -> pd.DataFrame:
    """The sensitivity table as a reader sees it: shares and rates in per cent, counts as whole numbers."""
    return pd.DataFrame(
        {
            "assumption": table["assumption"],
            "low value": [value_shown(n, v) for n, v in zip(table["assumption"], table["low value"], strict=True)],
            "high value": [value_shown(n, v) for n, v in zip(table["assumption"], table["high value"], strict=True)],
            "dead at low": table["deaths at low"].round().astype(int),
            "dead at high": table["deaths at high"].round().astype(int),
            "swing": table["swing"].round().astype(int),
        }
    )


def value_shown(assumption: str, value: float) -> str:
    """A rate or share in per cent, anything else as a whole number."""
    return f"{100 * value:.1f}%" if "rate" in assumption or "share" in assumption else f"{value:,.0f}"
