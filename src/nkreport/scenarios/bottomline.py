"""The bottom line and what changed: the facts the summary states, computed from the chapter's tables.

The evidence date is the latest date of a dated estimate or reviewed observation the build used; it is
stated apart from the build date. "What changed" follows each source's estimates of one quantity over
time, with why each moved and whether that changes the judgement (estimate_revisions.csv, judgement data).
"""

from __future__ import annotations

import pandas as pd

from .evidence import day_text
from .indicators import lead_text
from .scenarios import no_threat_probability, range_text, yardstick_term

TRACKED = ("killed", "wounded", "casualties", "deployed")
QUANTITY = {"killed": "dead", "wounded": "wounded", "casualties": "killed and wounded", "deployed": "troops sent"}
HEDGE_WORDS = {"at_least": "at least ", "at_most": "up to "}


def evidence_date(*dates: pd.Series) -> pd.Timestamp:
    """The latest of the given dates (empty values ignored)."""
    stamps = pd.concat([pd.to_datetime(d, errors="coerce") for d in dates], ignore_index=True).dropna()
    if stamps.empty:
        raise ValueError("no dated estimate or observation: the evidence date cannot be computed")
    return stamps.max()


def value_text(low: float, high: float, hedge: str = "") -> str:
    """A figure as prose: '2,000', 'at least 3,000', '11,000–12,000'."""
    figure = f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"
    return HEDGE_WORDS.get(hedge, "") + figure


def series(record: pd.DataFrame) -> pd.DataFrame:
    """Each source's cumulative totals per quantity, in date order, where the figure changed at least once."""
    totals = record[record["scope"].eq("total") & record["category"].isin(TRACKED)].copy()
    if "force" in totals:  # estimates of other forces (Russian, Ukrainian) are not North Korea's
        totals = totals[totals["force"].isin(["north_korean", ""]) | totals["force"].isna()]
    totals["date"] = pd.to_datetime(totals["date"])
    totals = totals.sort_values(["actor", "category", "date", "estimate_id"], kind="stable")
    moved = totals.groupby(["actor", "category"])["value_high"].transform("nunique").gt(1)
    return totals[moved]


def changes(record: pd.DataFrame, revisions: pd.DataFrame, actor_names: dict[str, str]) -> pd.DataFrame:
    """One row per source and quantity whose estimate moved: the figures with dates, the factor, why, and effect."""
    why = revisions.set_index("estimate_id")
    rows = []
    for (actor, category), group in series(record).groupby(["actor", "category"], sort=True):
        steps = group.drop_duplicates(["value_low", "value_high", "hedge"], keep="first")
        later = [i for i in steps["estimate_id"].iloc[1:] if i in why.index]
        figures = {
            i: value_text(lo, hi, h)
            for i, lo, hi, h in steps[["estimate_id", "value_low", "value_high", "hedge"]].to_numpy()
        }
        rows.append(
            {
                "source": actor_names.get(actor, actor),
                "quantity": QUANTITY[category],
                "category": category,
                "estimates": " → ".join(
                    f"{value_text(lo, hi, h)} ({day_text(d)})"
                    for lo, hi, h, d in steps[["value_low", "value_high", "hedge", "date"]].to_numpy()
                ),
                "first": float(steps["value_high"].iloc[0]),
                "last": float(steps["value_high"].iloc[-1]),
                "factor": round(float(steps["value_high"].iloc[-1] / steps["value_high"].iloc[0]), 2),
                "last_date": steps["date"].iloc[-1],
                "why it moved": " ".join(f"To {figures[i]}: {why.loc[i, 'why_it_moved']}" for i in later)
                or "No reason recorded.",
                "changes the judgement": "".join(
                    f"{why.loc[i, 'changes_judgement'].capitalize()}. {why.loc[i, 'reason']}" for i in later[-1:]
                )
                or "Not assessed.",
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["category", "factor"], ascending=[True, False], kind="stable").reset_index(drop=True)


def changes_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The what-changed table as a reader sees it."""
    return frame[["source", "quantity", "estimates", "why it moved", "changes the judgement"]]


def verdict(frame: pd.DataFrame) -> str:
    """Whether any source's revision changes the judgement, as a sentence."""
    changing = frame[frame["changes the judgement"].str.startswith("Yes")]
    if changing.empty:
        return "None of these revisions changes the judgement."
    named = [f"{row['source']} on the {row['quantity']}" for _, row in changing.iterrows()]
    return f"The revisions that change the judgement: {'; '.join(named)}."


def largest_revision(frame: pd.DataFrame, category: str = "killed") -> dict | None:
    """The source whose estimate of a quantity moved most: figures, factor, why, and effect on the judgement."""
    own = frame[frame["category"].eq(category)]
    if own.empty:
        return None
    row = own.sort_values("factor", ascending=False, kind="stable").iloc[0]
    return {
        "source": row["source"],
        "quantity": row["quantity"],
        "estimates": row["estimates"],
        "factor": f"{row['factor']:,.0f}" if row["factor"] >= 10 else f"{row['factor']:.1f}",
        "why": row["why it moved"],
        "changes": row["changes the judgement"],
    }


def bottom_line(
    scenarios: list[dict],
    chances: pd.DataFrame,
    yardstick: pd.DataFrame,
    horizon: int,
    evidence: pd.Timestamp,
    signs: pd.DataFrame,
    judgements: pd.DataFrame,
    record_end: pd.Timestamp,
) -> dict:
    """The facts of the bottom line: judgement, range on the yardstick, confidence and reason, horizon, first signs."""
    chance = no_threat_probability(scenarios, chances)
    term = yardstick_term(chance, yardstick)
    named = chances.merge(
        pd.DataFrame(
            {
                "scenario_id": [s["id"] for s in scenarios],
                "name": [s["name"] for s in scenarios],
                "threat": [s["threatens_regime"] for s in scenarios],
            }
        )
    )
    judged = judgements.set_index("judgement_id")
    return {
        "probability": f"{chance:g}",
        "term": term["term"],
        "range": range_text(term),
        "yardstick": "the UK PHIA probability yardstick",
        "horizon_months": horizon,
        "horizon_end": f"{evidence + pd.DateOffset(months=horizon):%b %Y}",
        "evidence_date": day_text(evidence),
        "record_end": day_text(record_end),
        "no_threat_split": shares(named[~named["threat"]]),
        "threat_split": shares(named[named["threat"]]),
        "confidence": judged.loc["confidence", "value"],
        "confidence_reason": judged.loc["confidence", "reason"],
        "would_change": judged.loc["would_change", "reason"],
        "term_drops": term_drop(chance, term, yardstick),
        "watch_first": signs["label"].iloc[0].lower() if len(signs) else "",
        "first_signs": [
            {
                "indicator": row["label"],
                "what_counts": row["threshold"],
                "lead_time": lead_text(row["lead_time_months"]),
                "status": row["status"],
            }
            for _, row in signs.iterrows()
        ],
    }


def shares(rows: pd.DataFrame) -> str:
    """Scenarios with their probabilities as prose: 'the regime absorbs the losses, 50%; ...'."""
    return "; ".join(f"{name.lower()}, {p:g}%" for name, p in zip(rows["name"], rows["probability"], strict=True))


def term_drop(chance: float, term: pd.Series, yardstick: pd.DataFrame) -> str:
    """How far the threatening outcomes would have to rise for the judgement to drop a term on the yardstick."""
    lower = yardstick[yardstick["high"].astype(float) < float(term["low"])]
    if lower.empty:
        return f"the judgement is already at the bottom of the yardstick ({term['term']})"
    below = lower.loc[lower["high"].astype(float).idxmax()]
    return (
        f"the judgement would drop to {below['term']} if the outcomes that threaten the regime rose from "
        f"{100 - chance:g}% to {100 - float(below['high']):g}% or more"
    )
