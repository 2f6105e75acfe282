"""The public record: dated official estimates, their grades, and the figures the report uses for Ukraine.

``data/reference/public_estimates.csv`` lists every estimate with its citation; ``scope`` says
whether a row is a cumulative total, the initial contingent, the strength at a date, a subset
(officers only, one region), a plan or forecast, or a flow (one tranche, one incident, one week).
Only totals, initial contingents and strengths enter the headline figures.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .grading import claim_statements, grade, statements
from .paths import REFERENCE_DIR

HEADLINE_CATEGORIES = ("deployed", "killed", "wounded", "casualties", "captured")
HEADLINE_SCOPES = ("total",)


def load_estimates(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """public_estimates.csv with parsed dates and numeric values."""
    frame = pd.read_csv(reference_dir / "public_estimates.csv", dtype=str, keep_default_na=False)
    return frame.assign(
        date=pd.to_datetime(frame["date"]).dt.date,
        value_low=frame["value_low"].astype(float),
        value_high=frame["value_high"].astype(float),
    )


def evidence_date(estimates: pd.DataFrame, cutoff=None):
    """The date the evidence is current to: the latest dated estimate of the record (on or before a cut-off)."""
    dates = pd.to_datetime(estimates["date"])
    if cutoff is not None:
        dates = dates[dates.le(pd.Timestamp(cutoff))]
    return dates.max().date()


def graded_estimates(estimates: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The public estimates with their Admiralty grades (corroboration against the record and the claims)."""
    record = statements(claims.iloc[0:0], estimates)
    pool = statements(claims, estimates)
    grades = grade(record, pool).rename(columns={"statement_id": "estimate_id"})
    return estimates.merge(grades, on="estimate_id", how="left")


def headline_statements(claims: pd.DataFrame, estimates: pd.DataFrame, cutoff=None) -> pd.DataFrame:
    """Dated totals about North Korea's forces in the war, from the public record and the graded corpus claims."""
    record = estimates[estimates["scope"].isin(HEADLINE_SCOPES)]
    record = pd.DataFrame(
        {
            "source_id": record["estimate_id"],
            "actor": record["actor"],
            "category": record["category"],
            "date": pd.to_datetime(record["date"]),
            "value_low": record["value_low"],
            "value_high": record["value_high"],
            "hedge": record["hedge"],
            "reliability": record["reliability"],
            "origin": "public record",
        }
    )
    corpus = claims[
        claims["conflict"].eq("ukraine_war")
        & claims["subject"].eq("north_korea")
        & claims["scope"].eq("total")
        & precisely_dated(claims)
    ]
    corpus = (
        claim_statements(corpus)
        .drop(columns=["conflict", "subject"])
        .rename(columns={"statement_id": "source_id"})
        .assign(hedge=corpus["hedge"].to_numpy(), reliability=corpus["reliability"].to_numpy(), origin="corpus")
    )
    frame = pd.concat([record, corpus], ignore_index=True)
    frame = frame[frame["category"].isin(HEADLINE_CATEGORIES)]
    if cutoff is not None:
        frame = frame[frame["date"].isna() | frame["date"].le(pd.Timestamp(cutoff))]
    return frame.sort_values(["category", "date", "source_id"], kind="stable", na_position="first")


def precisely_dated(claims: pd.DataFrame) -> pd.Series:
    """True for claims dated to the day or month (a lower bound cannot say which statement is latest)."""
    return claims["as_of_precision"].str.contains(r"\((?:day|month)\)", regex=True)


def latest_by_actor(frame: pd.DataFrame) -> pd.DataFrame:
    """Each actor's latest statement per category (undated statements only when an actor has no dated one)."""
    ordered = frame.sort_values(["category", "actor", "date", "value_high"], na_position="first", kind="stable")
    return ordered.groupby(["category", "actor"], sort=True).tail(1)


def ukraine_figures(
    claims: pd.DataFrame, estimates: pd.DataFrame, method: str = "conservative", cutoff=None
) -> pd.DataFrame:
    """Low, central and high figures per category for North Korea's forces in the war.

    Low and high span every actor's latest statement. The central figure is, for ``conservative``,
    the latest statement of the best-graded source (ties: the lower figure), after ACLED's practice of
    preferring the most reliable conservative count; for ``median``, the median of the actors' latest
    mid-points. ``sources`` lists the statement ids behind the range.
    """
    if method not in ("conservative", "median"):
        raise ValueError(f"central_estimate must be 'conservative' or 'median', not {method!r}")
    latest = latest_by_actor(headline_statements(claims, estimates, cutoff))
    rows = []
    for category in HEADLINE_CATEGORIES:
        group = latest[latest["category"].eq(category)]
        if group.empty:
            continue
        mid = (group["value_low"] + group["value_high"]) / 2
        if method == "median":
            central, basis = float(mid.median()), "median of the actors' latest figures"
        else:
            best = group[group["reliability"].eq(group["reliability"].min())]
            pick = best.sort_values(["date", "value_low"], ascending=[False, True], na_position="last").iloc[0]
            central, basis = float((pick["value_low"] + pick["value_high"]) / 2), pick["source_id"]
        rows.append(
            {
                "category": category,
                "low": float(group["value_low"].min()),
                "central": central,
                "high": float(group["value_high"].max()),
                "as_of": group["date"].max().date() if group["date"].notna().any() else None,
                "actors": int(group["actor"].nunique()),
                "central_basis": basis,
                "sources": "; ".join(sorted(group["source_id"])),
            }
        )
    return pd.DataFrame(rows).set_index("category")


def record_at(claims: pd.DataFrame, estimates: pd.DataFrame) -> pd.DataFrame:
    """For each Ukraine-war claim, the public record's range on the same category as of its date.

    The record at a date is every actor's latest total on or before it (for a claim without a precise
    date, the record over all dates); ``position`` says whether the claim lies below, within or above.
    The record is looked up once per category and date, so large corpora stay fast.
    """
    record = headline_statements(claims.iloc[0:0], estimates)
    wanted = claims[claims["conflict"].eq("ukraine_war") & claims["category"].isin(HEADLINE_CATEGORIES)]
    dated = precisely_dated(wanted)
    ranges = {}
    rows = []
    for claim, is_dated in zip(wanted.to_dict("records"), dated, strict=True):
        key = (claim["category"], claim["as_of"] if is_dated else None)
        if key not in ranges:
            ranges[key] = record_range(record, *key)
        low, high, sources = ranges[key]
        position = "no record yet" if low is None else "within"
        if low is not None and claim["value_high"] < low:
            position = "below"
        elif low is not None and claim["value_low"] > high:
            position = "above"
        if not is_dated:
            position += " (claim undated: record over all dates)"
        rows.append(
            {
                "claim_id": claim["claim_id"],
                "record_low": low,
                "record_high": high,
                "record_sources": sources,
                "position": position,
            }
        )
    return pd.DataFrame(rows, columns=["claim_id", "record_low", "record_high", "record_sources", "position"])


def record_range(record: pd.DataFrame, category: str, date) -> tuple[float | None, float | None, str]:
    """(low, high, source ids) of the record on a category as of a date (None: over all dates)."""
    known = record[record["category"].eq(category)]
    if date is not None:
        known = latest_by_actor(known[known["date"].le(pd.Timestamp(date))])
    if known.empty:
        return None, None, ""
    return known["value_low"].min(), known["value_high"].max(), "; ".join(sorted(known["source_id"]))
