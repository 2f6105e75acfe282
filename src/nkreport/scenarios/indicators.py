"""Indicators and warnings: baselines, thresholds, lead times, status from reviewed observations.

An indicator's status comes only from reviewed, dated observations (indicator_observations.csv).
Keyword hits in the corpus and unreviewed observation rows are candidates awaiting review: they are
shown, never counted. The indicator-by-scenario matrix (indicator_matrix.csv) says how likely each
indicator is to be seen under each scenario; an indicator equally likely under every scenario is
non-diagnostic.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from .evidence import and_join, day_text

LEVELS = {"low": 0, "medium": 1, "high": 2}
REVIEWED = "reviewed"
NOT_OBSERVED, BELOW, AT_THRESHOLD = "not observed", "seen below threshold", "seen at threshold"


def check_matrix(matrix: pd.DataFrame, indicators: pd.DataFrame, scenario_ids: list[str]) -> pd.DataFrame:
    """The matrix if it covers every indicator and scenario with known levels, else a ValueError."""
    missing = set(scenario_ids) - set(matrix.columns)
    if missing:
        raise ValueError(f"indicator_matrix.csv lacks scenario columns {sorted(missing)}")
    if set(matrix["indicator_id"]) != set(indicators["indicator_id"]):
        raise ValueError(
            "indicator_matrix.csv and indicators.csv list different indicators: "
            f"{sorted(set(matrix['indicator_id']) ^ set(indicators['indicator_id']))}"
        )
    bad = ~matrix[scenario_ids].isin(list(LEVELS)).all(axis=1)
    if bad.any():
        raise ValueError(
            f"indicator_matrix.csv rows {list(matrix.loc[bad, 'indicator_id'])}: levels are {list(LEVELS)}"
        )
    return matrix


def diagnosticity(matrix: pd.DataFrame, scenario_ids: list[str]) -> pd.DataFrame:
    """Per indicator: the spread of its levels across scenarios, the scenarios it points to, and away from.

    Spread 0 is non-diagnostic (consistent with every scenario); otherwise it points to the scenarios
    at its highest level and away from those at its lowest.
    """
    scores = matrix.set_index("indicator_id")[scenario_ids].apply(lambda column: column.map(LEVELS)).astype(int)
    spread = scores.max(axis=1) - scores.min(axis=1)
    points_to = [
        "; ".join(s for s in scenario_ids if row[s] == row.max()) if gap else ""
        for (_, row), gap in zip(scores.iterrows(), spread, strict=True)
    ]
    away = [
        "; ".join(s for s in scenario_ids if row[s] == row.min()) if gap else ""
        for (_, row), gap in zip(scores.iterrows(), spread, strict=True)
    ]
    return pd.DataFrame(
        {"indicator_id": scores.index, "spread": spread.to_numpy(), "points_to": points_to, "points_away_from": away}
    )


def status(indicators: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: its status from reviewed observations only, with the latest such observation."""
    reviewed = observations[observations["review"].eq(REVIEWED)].sort_values(["date", "observation_id"])
    rows = []
    for indicator_id in indicators["indicator_id"]:
        own = reviewed[reviewed["indicator_id"].eq(indicator_id)]
        met = own[own["meets_threshold"].eq("yes")]
        shown = met if not met.empty else own
        latest = shown.iloc[-1] if not shown.empty else None
        rows.append(
            {
                "indicator_id": indicator_id,
                "status": AT_THRESHOLD if not met.empty else BELOW if not own.empty else NOT_OBSERVED,
                "observations": len(own),
                "latest": ""
                if latest is None
                else f"{latest['observed']} ({latest['source']}, {day_text(latest['date'])})",
                "latest_date": None if latest is None else latest["date"],
            }
        )
    return pd.DataFrame(rows)


def signposts(diagnostic: pd.DataFrame, indicators: pd.DataFrame, scenario_ids: list[str]) -> dict[str, str]:
    """Per scenario, the indicators that point to it (at their highest level there), as one line of labels."""
    labels = indicators.set_index("indicator_id")["label"]
    pointing = diagnostic.assign(to=diagnostic["points_to"].str.split("; "))
    return {
        s: "; ".join(labels[i] for i, to in zip(pointing["indicator_id"], pointing["to"], strict=True) if s in to)
        for s in scenario_ids
    }


def candidate_hits(sentences: pd.DataFrame, articles: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Corpus sentences whose words match an indicator's pattern: candidates for review, not observations."""
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
                    "text": sentence.text,
                }
            )
    columns = ["indicator_id", "sentence_id", "article_id", "date", "date_is_bound", "text"]
    return pd.DataFrame(rows, columns=columns)


def candidates_table(hits: pd.DataFrame, observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Candidates awaiting review: corpus keyword hits and observation rows not yet reviewed."""
    labels = indicators.set_index("indicator_id")["label"]
    unreviewed = observations[~observations["review"].eq(REVIEWED)]
    corpus = pd.DataFrame(
        {
            "indicator": hits["indicator_id"].map(labels),
            "candidate": hits["text"],
            "where": hits["sentence_id"],
            "kind": "keyword match in the corpus",
        }
    )
    rows = pd.DataFrame(
        {
            "indicator": unreviewed["indicator_id"].map(labels),
            "candidate": unreviewed["observed"],
            "where": unreviewed["citation"],
            "kind": "observation not yet reviewed",
        }
    )
    return pd.concat([rows, corpus], ignore_index=True)


def observations_table(observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The reviewed observations as a reader sees them, by indicator and date."""
    labels = indicators.set_index("indicator_id")["label"]
    reviewed = observations[observations["review"].eq(REVIEWED)].sort_values(["indicator_id", "date"], kind="stable")
    return pd.DataFrame(
        {
            "indicator": reviewed["indicator_id"].map(labels),
            "date": reviewed["date"].map(day_text),
            "observed": reviewed["observed"],
            "at threshold": reviewed["meets_threshold"],
            "source": reviewed["source"],
            "citation": reviewed["citation"],
        }
    )


def warnings_table(
    indicators: pd.DataFrame, states: pd.DataFrame, diagnostic: pd.DataFrame, names: dict[str, str]
) -> pd.DataFrame:
    """The indicators as a reader sees them, earliest to show first: what it points to, baseline, threshold, status."""
    frame = indicators.merge(states, on="indicator_id").merge(diagnostic, on="indicator_id")
    frame = frame.sort_values(["lead_time_months", "spread"], ascending=[False, False], kind="stable")
    named = lambda ids: ", ".join(names[i] for i in ids.split("; ")) if ids else "none: non-diagnostic"  # noqa: E731
    return pd.DataFrame(
        {
            "indicator": frame["label"],
            "points to": frame["points_to"].map(named),
            "baseline": [
                f"{b} ({day_text(d)})" for b, d in zip(frame["baseline"], frame["baseline_date"], strict=True)
            ],
            "threshold": frame["threshold"],
            "lead time": frame["lead_time_months"].map(lead_text),
            "status": frame["status"],
        }
    )


def lead_text(months: int) -> str:
    """A lead time in words: 'about 12 months before', 'at the time'."""
    months = int(months)
    if months == 0:
        return "at the time"
    return f"about {months} month{'s' if months != 1 else ''} before"


def first_signs(
    indicators: pd.DataFrame, states: pd.DataFrame, diagnostic: pd.DataFrame, baseline_scenario: str, shown: int
) -> pd.DataFrame:
    """The indicators that would show first if ``baseline_scenario`` fails, in the order they would appear.

    They are the diagnostic indicators that point away from that scenario, by lead time (longest first),
    then by how sharply they discriminate.
    """
    frame = indicators.merge(states, on="indicator_id").merge(diagnostic, on="indicator_id")
    away = frame[frame["points_away_from"].str.split("; ").map(lambda ids: baseline_scenario in ids)]
    ordered = away.sort_values(["lead_time_months", "spread"], ascending=[False, False], kind="stable")
    return ordered.head(shown)[["indicator_id", "label", "threshold", "lead_time_months", "status", "latest"]]


def matrix_table(matrix: pd.DataFrame, indicators: pd.DataFrame, diagnostic: pd.DataFrame, names: dict) -> pd.DataFrame:
    """The indicator-by-scenario matrix as a reader sees it, with a column saying whether each discriminates."""
    frame = matrix.merge(indicators[["indicator_id", "label"]]).merge(diagnostic, on="indicator_id")
    return pd.DataFrame(
        {
            "indicator": frame["label"],
            **{names[s]: frame[s] for s in names},
            "discriminates": frame["spread"].map(lambda gap: "yes" if gap else "no: consistent with every scenario"),
            "why": frame["reason"],
        }
    )


def matrix_figure(matrix: pd.DataFrame, indicators: pd.DataFrame, names: dict[str, str]):
    """Heat map of the indicator-by-scenario matrix, indicators by lead time, levels written in the cells."""
    import matplotlib.pyplot as plt

    frame = matrix.merge(indicators[["indicator_id", "label", "lead_time_months"]])
    frame = frame.sort_values("lead_time_months", ascending=False, kind="stable")
    ids = list(names)
    values = frame[ids].apply(lambda column: column.map(LEVELS)).astype(int).to_numpy()
    fig, ax = plt.subplots(figsize=(7.5, 0.36 * len(frame) + 1.6))
    ax.imshow(values, cmap="Blues", vmin=-0.5, vmax=2.6, aspect="auto")
    for row, levels in enumerate(frame[ids].to_numpy()):
        for col, level in enumerate(levels):
            ax.text(
                col, row, level, ha="center", va="center", fontsize=8, color="white" if level == "high" else "black"
            )
    spread = values.max(axis=1) - values.min(axis=1)
    labels = [
        f"{label} (non-diagnostic)" if gap == 0 else label for label, gap in zip(frame["label"], spread, strict=True)
    ]
    ax.set_yticks(range(len(frame)), labels)
    ax.set_xticks(range(len(ids)), [textwrap.fill(names[i], 16) for i in ids], fontsize=8.5)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    return fig


def facts(
    states: pd.DataFrame, diagnostic: pd.DataFrame, labels: pd.Series, candidates: int, baseline_scenario: str
) -> dict:
    """What the indicators' prose states: which are seen at threshold, which cannot discriminate, the figure title."""
    frame = states.merge(diagnostic, on="indicator_id")
    seen = frame[frame["status"].eq(AT_THRESHOLD)]
    flat = frame[frame["spread"].eq(0)]
    away = frame["points_away_from"].str.split("; ").map(lambda ids: baseline_scenario in ids)
    warning = frame[frame["status"].eq(AT_THRESHOLD) & away]
    return {
        "at_threshold": and_join([labels[i].lower() for i in seen["indicator_id"]]) or "nothing",
        "warnings_at_threshold": (
            f"{and_join([labels[i].lower() for i in warning['indicator_id']])} "
            f"{'has' if len(warning) == 1 else 'have'} been seen at threshold"
            if len(warning)
            else "none is yet seen at its threshold"
        ),
        "non_diagnostic": (
            f"{and_join([labels[i].lower() for i in flat['indicator_id']]).capitalize()} cannot tell the outcomes "
            f"apart, so seeing {'it' if len(flat) == 1 else 'them'} is no warning either way"
            if len(flat)
            else "Every indicator tells at least two outcomes apart"
        ),
        "candidates": candidates,
        "figure_title": (
            "Every indicator tells the outcomes apart"
            if flat.empty
            else "Every indicator but one tells the outcomes apart"
            if len(flat) == 1
            else f"{len(flat)} indicators cannot tell the outcomes apart"
        ),
    }
