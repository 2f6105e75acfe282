"""Estimates as a reader sees them: cited by source and date, values with their bound, tables with labels."""

from __future__ import annotations

import pandas as pd

BOUND_WORDS = {"floor": "at least ", "ceiling": "up to ", "point": "about ", "range": ""}
QUANTITY_NAMES = {
    "deployed": "troops sent",
    "in_theatre": "troops in place",
    "killed": "dead",
    "wounded": "wounded",
    "casualties": "killed and wounded",
    "captured": "captured",
    "deserted": "deserted",
    "reinforcement": "reinforcements",
}


def day(date) -> str:
    """A date as a reader writes it: 2 Sep 2025."""
    date = pd.Timestamp(date)
    return f"{date.day} {date:%b %Y}"


def number(value: float) -> str:
    """A count with thousands separators and no decimals."""
    return f"{value:,.0f}"


def cited(estimate_id: str, estimates: pd.DataFrame, names: dict[str, str]) -> str:
    """ "South Korea's NIS, 2 Sep 2025" for an estimate id (the id itself when it is not an estimate)."""
    rows = estimates[estimates["estimate_id"].eq(estimate_id)]
    if rows.empty:
        return estimate_id
    row = rows.iloc[0]
    source = names.get(row["actor"], row["actor"])
    return f"{source}, {day(row['date'])}" if pd.notna(row["date"]) else source


def basis_text(basis: str, estimates: pd.DataFrame, names: dict[str, str]) -> str:
    """The sources of a figure as cited: one estimate, or the distinct sources of a sum of estimates."""
    if not isinstance(basis, str) or not basis:
        return ""
    if not basis.startswith("sum of "):
        return cited(basis, estimates, names)
    sources = dict.fromkeys(cited(b, estimates, names) for b in basis.removeprefix("sum of ").split(", "))
    return "sum of: " + "; ".join(sources)


def value_text(low: float, high: float, bound: str) -> str:
    """ "about 2,000", "at least 6,000", "11,000 to 12,000"."""
    if low != high:
        return f"{BOUND_WORDS.get(bound, '')}{number(low)} to {number(high)}".replace("about ", "")
    return f"{BOUND_WORDS.get(bound, '')}{number(low)}"


def figure_sentence(category: str, row: pd.Series, estimates: pd.DataFrame, names: dict[str, str]) -> str:
    """One headline figure in words: central with its source, the range, and the floor or ceiling beside it."""
    parts = []
    if pd.notna(row["central"]):
        parts.append(f"about {number(row['central'])} ({basis_text(row['central_basis'], estimates, names)})")
        if row["estimates"] > 1 and row["low"] != row["high"]:
            kind = "range" if str(row["central_basis"]).startswith("sum of") else "estimates"
            parts.append(f"{kind} {number(row['low'])} to {number(row['high'])}")
    if pd.notna(row.get("floor")):
        parts.append(f"floor {number(row['floor'])} ({cited(row['floor_basis'], estimates, names)}){above(row)}")
    if pd.notna(row.get("ceiling")):
        parts.append(f"ceiling {number(row['ceiling'])} ({cited(row['ceiling_basis'], estimates, names)})")
    return f"{QUANTITY_NAMES.get(category, category)}: " + "; ".join(parts)


def above(row: pd.Series) -> str:
    """Words saying a floor is higher than the central estimate (and later, when it is): the true figure is at
    least the floor, so the central estimate understates it ("" otherwise)."""
    if pd.isna(row["central"]) or row["floor"] <= row["central"]:
        return ""
    later = pd.notna(row.get("floor_date")) and pd.notna(row.get("central_date"))
    later = later and pd.Timestamp(row["floor_date"]) > pd.Timestamp(row["central_date"])
    when = "later than the central estimate and above it" if later else "above the central estimate"
    return f", {when}: the central estimate understates the count"


def headline_table(figures: pd.DataFrame, estimates: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The headline figures with their sources named as a reader would."""

    def source(basis: str) -> str:
        return basis_text(basis, estimates, names)

    frame = figures.reset_index()
    return pd.DataFrame(
        {
            "quantity": frame["category"].map(QUANTITY_NAMES).fillna(frame["category"]),
            "central": frame["central"].map(lambda v: number(v) if pd.notna(v) else ""),
            "central from": frame["central_basis"].map(source),
            "comparable estimates": [
                "" if pd.isna(lo) else value_text(lo, hi, "range") for lo, hi in frame[["low", "high"]].to_numpy()
            ],
            "floor": [
                "" if pd.isna(v) else f"{number(v)} ({source(b)})"
                for v, b in frame[["floor", "floor_basis"]].to_numpy()
            ],
            "ceiling": [
                "" if pd.isna(v) else f"{number(v)} ({source(b)})"
                for v, b in frame[["ceiling", "ceiling_basis"]].to_numpy()
            ],
            "as of": frame["as_of"].map(lambda d: day(d) if pd.notna(d) else ""),
        }
    )


def estimates_register(estimates: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Every estimate of North Korea's force: source, quantity, scope, bound, value, date, status, mentions."""
    frame = estimates.sort_values(["category", "date", "estimate_id"], na_position="first", kind="stable")
    return pd.DataFrame(
        {
            "estimate": frame["estimate_id"],
            "source": frame["actor"].map(names).fillna(frame["actor"]),
            "quantity": frame["category"].map(QUANTITY_NAMES).fillna(frame["category"]),
            "scope": frame["scope"] + frame["tranche"].fillna("").map(lambda t: f" ({t})" if t else ""),
            "value": [value_text(lo, hi, b) for lo, hi, b in frame[["value_low", "value_high", "bound"]].to_numpy()],
            "bound": frame["bound"],
            "date": frame["date"].map(lambda d: day(d) if pd.notna(d) else "undated"),
            "status": frame["verification"],
            "mentions": frame["mentions"],
            "misreported": frame["misreports"],
        }
    )


def tranche_table(tranches: pd.DataFrame, estimates: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The tranches of troops sent, each with its figure and the estimate it comes from."""
    return pd.DataFrame(
        {
            "tranche": tranches["tranche"],
            "first reported": tranches["first_reported"].map(day),
            "troops": [value_text(lo, hi, "range") for lo, hi in tranches[["low", "high"]].to_numpy()],
            "central": tranches["central"].map(number),
            "central from": tranches["central_basis"].map(lambda b: cited(b, estimates, names)),
            "estimates": tranches["estimates"],
        }
    )


def disagreement_table(gaps: pd.DataFrame, estimates: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Disagreements between comparable estimates, with both sources named."""
    return pd.DataFrame(
        {
            "quantity": gaps["category"].map(QUANTITY_NAMES),
            "lowest": [f"{number(v)} ({cited(b, estimates, names)})" for v, b in gaps[["low", "low_basis"]].to_numpy()],
            "highest": [
                f"{number(v)} ({cited(b, estimates, names)})" for v, b in gaps[["high", "high_basis"]].to_numpy()
            ],
            "ratio": gaps["ratio"],
            "estimates made": [f"{day(a)} to {day(b)}" for a, b in gaps[["from", "to"]].to_numpy()],
        }
    )


def awaiting_review(claims: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Claims of new articles that no reviewed estimate covers: the extractor's reading and the sentence."""
    waiting = claims[claims["resolution"].eq("unreviewed")]
    return pd.DataFrame(
        {
            "article": waiting["article_id"],
            "sentence": waiting["sentence_id"],
            "extractor's reading": [
                f"{value_text(lo, hi, 'range')} {QUANTITY_NAMES.get(c, c)}, {names.get(a, a)}"
                for lo, hi, c, a in waiting[["value_low", "value_high", "category", "attributed_to"]].to_numpy()
            ],
            "quote": waiting["quote"],
        }
    )


def misreports(claims: pd.DataFrame, estimates: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Mentions that misreport their estimate: what the article says beside what the source said."""
    wrong = claims[claims["resolution"].eq("misreport (reviewed)")]
    said = estimates.set_index("estimate_id")
    return pd.DataFrame(
        {
            "article": wrong["article_id"],
            "the article says": [
                f"{value_text(lo, hi, 'range')} {QUANTITY_NAMES.get(c, c)} ({names.get(a, a)})"
                for lo, hi, c, a in wrong[["value_low", "value_high", "category", "attributed_to"]].to_numpy()
            ],
            "the source said": [
                f"{value_text(said.at[e, 'value_low'], said.at[e, 'value_high'], said.at[e, 'bound'])} "
                f"{QUANTITY_NAMES.get(said.at[e, 'category'], said.at[e, 'category'])} ({cited(e, estimates, names)})"
                for e in wrong["estimate_id"]
            ],
            "what differs": wrong["misreport"],
        }
    )
