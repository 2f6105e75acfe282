"""The public record: dated estimates by named sources, what each counts, its bound and its verification.

``data/reference/public_estimates.csv`` holds one row per estimate (one source's statement of one
quantity on one day) with its citation. Besides the value it says:

- ``force``: whose people are counted (north_korean, russian, ukrainian);
- ``scope``: ``total`` (the whole force, cumulative), ``initial`` (the first contingent), ``strength``
  (troops in place at the date), ``subset`` (a part: officers, one region), ``plan`` (a forecast) or
  ``flow`` (one tranche, one incident, one week);
- ``tranche``: for deployments, which wave of troops the figure counts (``first``, ``second`` ...;
  ``first+second`` for a figure covering two waves);
- ``bound``: ``floor`` (at least: a party's admission of its own losses, a partial count), ``ceiling``
  (up to), ``point`` or ``range``;
- ``verification``: ``confirmed`` (the source's statement is reported by several outlets),
  ``single-source``, ``unverified`` (seen only in copies), ``disputed`` or ``conflated`` (mixes
  quantities), with the reason.
"""

from __future__ import annotations

import pandas as pd

from ..grading import GradingTables, grade, statements

BOUNDS = ("floor", "ceiling", "point", "range")
VERIFICATION = ("confirmed", "single-source", "unverified", "disputed", "conflated")
EXCLUDED_BY_DEFAULT = ("unverified", "conflated")  # shown and discussed, kept out of headline figures
FORCES = ("north_korean", "russian", "ukrainian", "other")
SCOPES = ("total", "initial", "strength", "subset", "plan", "flow")
CHOICES = {"bound": BOUNDS, "verification": VERIFICATION, "force": FORCES, "scope": SCOPES}


class RecordError(ValueError):
    """A row of public_estimates.csv is malformed; the message names the line and the column."""


def check_record(frame: pd.DataFrame, name: str = "public_estimates.csv") -> None:
    """Raise RecordError naming the first line and column whose value is not allowed."""
    for column, allowed in CHOICES.items():
        bad = frame[~frame[column].isin(allowed)]
        if not bad.empty:
            line = int(bad.index[0]) + 2
            raise RecordError(
                f"{name}, line {line}: {column} {bad[column].iloc[0]!r} is not one of {', '.join(allowed)}"
            )
    values = frame[["value_low", "value_high"]].apply(pd.to_numeric, errors="coerce")
    bad = frame[values.isna().any(axis=1) | values["value_low"].gt(values["value_high"])]
    if not bad.empty:
        raise RecordError(
            f"{name}, line {int(bad.index[0]) + 2}: value_low and value_high must be numbers, low <= high"
        )
    unexplained = frame[frame["verification"].ne("confirmed") & frame["verification_reason"].str.strip().eq("")]
    if not unexplained.empty:
        raise RecordError(f"{name}, line {int(unexplained.index[0]) + 2}: verification_reason is empty")


def record_table(frame: pd.DataFrame) -> pd.DataFrame:
    """public_estimates.csv (read as text) checked, with parsed dates and numeric values."""
    check_record(frame)
    return frame.assign(
        date=pd.to_datetime(frame["date"]).dt.date,
        value_low=frame["value_low"].astype(float),
        value_high=frame["value_high"].astype(float),
    )


def evidence_date(estimates: pd.DataFrame, cutoff=None):
    """The date the evidence is current to: the latest dated estimate of the record (on or before a cut-off)."""
    dates = pd.to_datetime(estimates["date"]).dropna()
    if cutoff is not None:
        dates = dates[dates.le(pd.Timestamp(cutoff))]
    return dates.max().date()


def graded_estimates(estimates: pd.DataFrame, claims: pd.DataFrame, tables: GradingTables) -> pd.DataFrame:
    """The public estimates with their Admiralty grades by the rules of ``tables`` (corroboration against the
    record and the claims)."""
    record = statements(claims.iloc[0:0], estimates)
    pool = statements(claims, estimates)
    grades = grade(record, pool, tables).rename(columns={"statement_id": "estimate_id"})
    return estimates.merge(grades, on="estimate_id", how="left")


def record_at(claims: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """For each Ukraine-war claim of a whole-force total, the record's range on the same quantity as of its date.

    Parts of the force (officers, one unit) and other forces are not placed: a part compared with a total
    says nothing. The record at a date is every source's latest total point or range estimate on or before
    it (for a claim without a precise date, the record over all dates); ``position`` says whether the claim
    lies below, within or above. Looked up once per quantity and date, so large corpora stay fast.
    """
    totals = record[record["scope"].eq("total") & record["bound"].isin(["point", "range"])]
    wanted = claims[
        claims["conflict"].eq("ukraine_war")
        & claims["subject"].eq("north_korea")
        & claims["scope"].eq("total")
        & claims["category"].isin(totals["category"].unique())
    ]
    dated = wanted["as_of_precision"].str.contains(r"\((?:day|month)\)", regex=True)
    ranges: dict[tuple, tuple] = {}
    rows = []
    for claim, is_dated in zip(wanted.to_dict("records"), dated, strict=True):
        key = (claim["category"], claim["as_of"] if is_dated else None)
        if key not in ranges:
            ranges[key] = record_range(totals, *key)
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


def latest_by_actor(frame: pd.DataFrame) -> pd.DataFrame:
    """Each actor's latest estimate per category."""
    ordered = frame.sort_values(["category", "actor", "date", "value_high"], na_position="first", kind="stable")
    return ordered.groupby(["category", "actor"], sort=True).tail(1)


def record_range(totals: pd.DataFrame, category: str, date) -> tuple[float | None, float | None, str]:
    """(low, high, estimate ids) of the sources' latest totals on a category as of a date (None: all dates)."""
    known = totals[totals["category"].eq(category)]
    if date is not None:
        known = latest_by_actor(known[pd.to_datetime(known["date"]).le(pd.Timestamp(date))])
    if known.empty:
        return None, None, ""
    return known["value_low"].min(), known["value_high"].max(), "; ".join(sorted(known["estimate_id"]))
