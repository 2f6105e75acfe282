"""The scenario set: outcomes at the horizon that exclude each other, their probabilities, and the drivers.

Scenarios are defined as the most severe condition reached by the horizon, so exactly one of them
happens. Their probabilities are judgements (scenario_probabilities.csv, one row per scenario and
horizon, each with its reason) that a parameter may override; either way they must sum to 100.
Drivers push between outcomes and are kept apart from them.
"""

from __future__ import annotations

import pandas as pd

from .evidence import resolve, source_of

TOTAL = 100


def check_scenarios(scenarios: list[dict]) -> list[dict]:
    """The scenarios if ids are unique and severities run 1, 2, ... (one outcome per step), else a ValueError."""
    ids = [s["id"] for s in scenarios]
    if len(set(ids)) != len(ids):
        raise ValueError(f"scenarios.yaml: scenario ids repeat: {ids}")
    severities = sorted(s["severity"] for s in scenarios)
    if severities != list(range(1, len(scenarios) + 1)):
        raise ValueError(f"scenarios.yaml: severities must run 1..{len(scenarios)} once each, not {severities}")
    return sorted(scenarios, key=lambda s: s["severity"])


def probabilities(
    judged: pd.DataFrame, scenarios: list[dict], horizon: int, override: dict | None = None
) -> pd.DataFrame:
    """Per scenario: probability (per cent) at the horizon and its reason; a given ``override`` replaces them.

    Raises ValueError naming what is wrong when the horizon has no judgements, the scenario ids differ
    from scenarios.yaml, or the probabilities do not sum to 100.
    """
    ids = [s["id"] for s in scenarios]
    if override is not None:
        table = pd.DataFrame(
            {"scenario_id": list(override), "probability": [float(v) for v in override.values()]}
        ).assign(reason="given as the parameter scenario_probabilities")
        where = "parameter scenario_probabilities"
    else:
        table = judged[judged["horizon_months"].astype(int).eq(horizon)]
        where = f"scenario_probabilities.csv (horizon {horizon} months)"
        if table.empty:
            known = sorted(judged["horizon_months"].astype(int).unique())
            raise ValueError(f"scenario_probabilities.csv has no judgements for {horizon} months; it has {known}")
    if sorted(table["scenario_id"]) != sorted(ids):
        raise ValueError(f"{where}: scenarios {sorted(table['scenario_id'])} differ from scenarios.yaml {sorted(ids)}")
    total = float(table["probability"].astype(float).sum())
    if abs(total - TOTAL) > 1e-9:
        raise ValueError(f"{where}: probabilities sum to {total:g}, not {TOTAL}")
    order = {scenario_id: rank for rank, scenario_id in enumerate(ids)}
    table = table.assign(probability=table["probability"].astype(float))
    return table.sort_values("scenario_id", key=lambda c: c.map(order))[["scenario_id", "probability", "reason"]]


def yardstick_term(probability: float, yardstick: pd.DataFrame) -> pd.Series:
    """The yardstick row for a probability in per cent: the range holding it, else the nearest range."""
    low, high = yardstick["low"].astype(float), yardstick["high"].astype(float)
    distance = (low - probability).clip(lower=0) + (probability - high).clip(lower=0)
    return yardstick.loc[distance.idxmin()]


def yardstick_table(yardstick: pd.DataFrame) -> pd.DataFrame:
    """The yardstick as a reader sees it: term, range and the source of the scale."""
    return pd.DataFrame(
        {
            "term": yardstick["term"],
            "probability": [range_text(row) for _, row in yardstick.iterrows()],
            "note": yardstick["note"],
        }
    )


def range_text(row: pd.Series) -> str:
    """A yardstick range as prose: '80–90%'."""
    return f"{int(row['low'])}–{int(row['high'])}%"


def scenario_table(
    scenarios: list[dict], chances: pd.DataFrame, yardstick: pd.DataFrame, signposts: dict[str, str]
) -> pd.DataFrame:
    """One row per scenario: what it means at the horizon, its probability and yardstick term, why, signposts."""
    chance = chances.set_index("scenario_id")
    return pd.DataFrame(
        {
            "scenario": [s["name"] for s in scenarios],
            "at the horizon": [s["definition"] for s in scenarios],
            "threat to the regime": ["yes" if s["threatens_regime"] else "no" for s in scenarios],
            "probability": [f"{chance.loc[s['id'], 'probability']:g}%" for s in scenarios],
            "yardstick": [yardstick_term(chance.loc[s["id"], "probability"], yardstick)["term"] for s in scenarios],
            "why": [chance.loc[s["id"], "reason"] for s in scenarios],
            "signposts": [signposts.get(s["id"], "") for s in scenarios],
        }
    )


def drivers_table(drivers: list[dict]) -> pd.DataFrame:
    """The drivers and how each bears on the outcomes (the sentences behind them are in the evidence table)."""
    return pd.DataFrame(
        {"driver": [d["name"] for d in drivers], "how it bears on the outcome": [d["how"] for d in drivers]}
    )


def evidence_table(
    drivers: list[dict], scenarios: list[dict], sentences: pd.DataFrame, articles: pd.DataFrame, tables: dict
) -> pd.DataFrame:
    """The evidence behind each driver, and for and against each outcome: the text, where it comes from, its id."""
    items = [(f"driver: {d['name']}", "behind", ref) for d in drivers for ref in d["evidence"]] + [
        (s["name"], side, ref)
        for s in scenarios
        for side, key in (("for", "evidence_for"), ("against", "evidence_against"))
        for ref in s[key]
    ]
    rows = [
        {
            "bears on": subject,
            "how": side,
            "text": resolve(ref, sentences, tables),
            "from": f"reference table {ref.split(':', 1)[0]}" if ".csv:" in ref else source_of(ref, articles),
            "evidence": ref,
        }
        for subject, side, ref in items
    ]
    return pd.DataFrame(rows, columns=["bears on", "how", "text", "from", "evidence"])


def no_threat_probability(scenarios: list[dict], chances: pd.DataFrame) -> float:
    """The chance (per cent) that the outcome at the horizon is one that does not threaten the regime."""
    safe = {s["id"] for s in scenarios if not s["threatens_regime"]}
    return float(chances.loc[chances["scenario_id"].isin(safe), "probability"].sum())
