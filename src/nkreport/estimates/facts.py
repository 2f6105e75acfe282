"""The facts chapter 2's prose states about the estimates, computed and worded here, not in the notebook."""

from __future__ import annotations

import pandas as pd

from .describe import QUANTITY_NAMES, cited, day, figure_sentence, number

ORDER = ("deployed", "in_theatre", "killed", "casualties", "wounded", "captured")


def headline_sentences(figures: pd.DataFrame, estimates: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """One sentence per headline figure, in the report's order."""
    return [figure_sentence(c, figures.loc[c], estimates, names) for c in ORDER if c in figures.index]


def share_of_force(figures: pd.DataFrame, category: str) -> str:
    """A loss as a percentage of the force sent, central over central ("" when either is missing)."""
    if category not in figures.index or "deployed" not in figures.index:
        return ""
    return f"{100 * figures.loc[category, 'central'] / figures.loc['deployed', 'central']:.0f}%"


def widest_disagreement(gaps: pd.DataFrame, estimates: pd.DataFrame, names: dict[str, str], window_days: int) -> str:
    """The widest gap between comparable estimates, in words, or that there is none."""
    if gaps.empty or gaps["ratio"].max() <= 1:
        return f"No two sources' comparable estimates made within {window_days} days of each other differ."
    row = gaps.sort_values(["ratio", "category"], ascending=[False, True]).iloc[0]
    return (
        f"The widest disagreement between comparable estimates is over the {QUANTITY_NAMES[row['category']]}: "
        f"{number(row['low'])} ({cited(row['low_basis'], estimates, names)}) against "
        f"{number(row['high'])} ({cited(row['high_basis'], estimates, names)}), a factor of {row['ratio']:.1f}."
    )


def mention_counts(claims: pd.DataFrame) -> dict[str, int]:
    """How the claims about North Korea's force resolved: mentions, misreports, corpus estimates, unreviewed."""
    counts = claims["resolution"].value_counts()
    return {
        "mentions": int(counts.get("mention (reviewed)", 0) + counts.get("mention (matched)", 0)),
        "misreports": int(counts.get("misreport (reviewed)", 0)),
        "own": int(counts.get("corpus estimate (reviewed)", 0)),
        "unreviewed": int(counts.get("unreviewed", 0)),
        "mentioned_estimates": int(
            claims.loc[claims["resolution"].str.startswith(("mention", "misreport")), "estimate_id"].nunique()
        ),
    }


def excluded_estimates(estimates: pd.DataFrame, names: dict[str, str], include_unverified: bool) -> str:
    """The unverified or conflated estimates kept out of the headline, with why, or "" when none are."""
    if include_unverified:
        return "Unverified and conflated estimates are included in the headline figures, as this build asks."
    out = estimates[estimates["verification"].isin(["unverified", "conflated"]) & estimates["force"].eq("north_korean")]
    if out.empty:
        return ""
    items = [
        f"{number(r['value_low'])} {QUANTITY_NAMES.get(r['category'], r['category'])} "
        f"({cited(r['estimate_id'], estimates, names)}; {r['verification']}: {r['verification_reason']})"
        for r in out.to_dict("records")
    ]
    return "Kept out of the headline figures: " + "; ".join(items) + "."


def chapter_facts(
    figures: pd.DataFrame,
    estimates: pd.DataFrame,
    gaps: pd.DataFrame,
    claims: pd.DataFrame,
    names: dict[str, str],
    window_days: int,
    include_unverified: bool,
) -> dict:
    """Everything chapter 2's prose states about the estimates."""
    return {
        "headline": headline_sentences(figures, estimates, names),
        "evidence_date": day(figures["as_of"].dropna().max()),
        "window_days": window_days,
        "killed_share": share_of_force(figures, "killed"),
        "casualties_share": share_of_force(figures, "casualties"),
        "widest": widest_disagreement(gaps, estimates, names, window_days),
        "excluded": excluded_estimates(estimates, names, include_unverified),
        "estimates": int(estimates["force"].eq("north_korean").sum()),
        **mention_counts(claims),
    }
