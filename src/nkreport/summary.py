"""The summary that opens the report: the bottom line first, then the key findings, read from the chapters' tables.

The summary notebook runs last and opens the report (render.is_front_matter); everything it states
comes from data/processed, so it changes with the corpus and the parameters. The bottom line's facts
are computed by chapter 4's stage (bottom_line.json); :mod:`nkreport.stages.summary` reads them and this
module shapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Findings:
    """The processed tables the summary draws on."""

    disagreements: pd.DataFrame
    history: pd.DataFrame
    versus: pd.DataFrame
    facts: dict
    claims: pd.DataFrame
    estimates: dict


def bottom_line(findings: Findings) -> dict:
    """The bottom line's facts (chapter 4's stage computes them)."""
    return dict(findings.facts["bottom_line"])


def first_signs(findings: Findings) -> pd.DataFrame:
    """The indicators that would show first, in the order they would appear, as a table."""
    signs = pd.DataFrame(findings.facts["bottom_line"]["first_signs"])
    return pd.DataFrame(
        {
            "order": range(1, len(signs) + 1),
            "indicator": signs["indicator"],
            "would show": signs["lead_time"],
            "what would count as seeing it": signs["what_counts"],
            "now": signs["status"],
        }
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
            "vietnam_acknowledged_after": duration_text(vietnam["years_to_acknowledgement"]),
            "ukraine_acknowledged_after": duration_text(ukraine["years_to_acknowledgement"]),
        }
    return scale


def duration_text(years: float) -> str:
    """A duration as prose: 'about 7 months' under two years, else 'about 35 years'."""
    if years < 2:
        months = round(years * MONTHS_PER_YEAR)
        return f"about {months} month{'s' if months != 1 else ''}"
    return f"about {years:.0f} years"


def unconfirmed(findings: Findings) -> pd.DataFrame:
    """Figures the corpus gives for the precedents that no reference version supports."""
    flagged = findings.versus[findings.versus["corpus only"].astype(str).str.lower().eq("true")]
    return flagged[["quantity", "corpus", "sentence"]]
