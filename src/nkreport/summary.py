"""The executive summary: the report's key findings, read from the tables the chapters wrote.

The summary notebook runs last and opens the report (render.is_front_matter); everything it states
comes from data/processed, so it changes with the corpus and the parameters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .paths import BuildPaths


@dataclass(frozen=True)
class Findings:
    """The processed tables the summary draws on."""

    headline: pd.DataFrame
    disagreements: pd.DataFrame
    history: pd.DataFrame
    versus: pd.DataFrame
    scenarios: dict
    claims: pd.DataFrame
    estimates: dict


def load_findings(build_root: Path) -> Findings:
    """Read the chapters' outputs from data/processed."""
    processed = BuildPaths(build_root).processed
    read = lambda name: pd.read_csv(processed / name, keep_default_na=False, na_values=[""])  # noqa: E731
    return Findings(
        headline=read("headline_figures.csv").set_index("category"),
        disagreements=read("disagreements.csv"),
        history=read("history_metrics.csv").set_index("deployment_id"),
        versus=read("corpus_vs_reference.csv"),
        scenarios=json.loads((processed / "scenario_summary.json").read_text(encoding="utf-8")),
        claims=read("claims.csv"),
        estimates=json.loads((processed / "estimate_facts.json").read_text(encoding="utf-8")),
    )


def historical_scale(findings: Findings) -> dict:
    """Ukraine against Vietnam: dead, rate of loss and time to acknowledgement (when Vietnam is shown)."""
    ukraine = findings.history.loc["ukraine_2024"]
    scale = {"ukraine_dead": ukraine["deaths"], "ukraine_rate": ukraine["deaths_per_month"]}
    if "vietnam" in findings.history.index:
        vietnam = findings.history.loc["vietnam"]
        scale |= {
            "vietnam_dead": vietnam["deaths"],
            "times_vietnam_dead": ukraine["deaths"] / vietnam["deaths"],
            "times_vietnam_rate": ukraine["deaths_per_month"] / vietnam["deaths_per_month"],
            "vietnam_years_to_acknowledge": vietnam["years_to_acknowledgement"],
            "ukraine_years_to_acknowledge": ukraine["years_to_acknowledgement"],
        }
    return scale


def unconfirmed(findings: Findings) -> pd.DataFrame:
    """Figures the corpus gives for the precedents that no reference version supports."""
    flagged = findings.versus[findings.versus["corpus only"].astype(str).str.lower().eq("true")]
    return flagged[["quantity", "corpus", "sentence"]]
