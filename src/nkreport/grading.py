"""Admiralty (NATO) grades for claims and public estimates, from the rules in ``data/reference``.

A grade is a source reliability letter (A-F) and an information credibility digit (1-6).
Reliability comes from the actor (its own rule, else its type, else the default);
credibility from what is known about the figure: a party admitting its own losses gives
a floor, a party with a stake in the number stays "possibly true", agreement with an
independent actor makes it "probably true". ``grading_rules.csv`` holds every rule with its
rationale and citation; the first rule that matches wins, and its id is kept with the grade.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

LOSS_CATEGORIES = ("casualties", "killed", "wounded", "captured", "deserted")
COUNTED_CATEGORIES = ("deployed", *LOSS_CATEGORIES, "force_size", "refugees")
CORROBORATION_FACTOR = 1.5  # agreement within this factor counts as corroboration (grading_rules.csv)
CORROBORATION_DAYS = 120  # statements this many days apart or less are compared
SHOWN_CORROBORATIONS = 10  # corroborating ids listed per claim; the rest are counted
PSEUDO_ACTORS = {  # actors that are not in actors.csv rows with patterns but are assigned by rules
    "author": "journalist_or_author",
    "unattributed": "anonymous_source",
}


@dataclass(frozen=True)
class GradingTables:
    """What grades are given from: ``rules`` (grading_rules.csv, in the order rules are tried) and ``actors``
    (actors.csv indexed by actor_id, with ``interest`` as a boolean: :func:`actor_table`)."""

    rules: pd.DataFrame
    actors: pd.DataFrame


def actor_table(actors: pd.DataFrame) -> pd.DataFrame:
    """actors.csv (read as text) indexed by actor_id, with ``interest`` as a boolean."""
    actors = actors.set_index("actor_id")
    return actors.assign(interest=actors["interest"].str.lower().eq("true"))


def reliability(actor_id: str, rules: pd.DataFrame, actors: pd.DataFrame) -> tuple[str, str]:
    """(letter, rule id) of an actor's reliability: its own rule, else its type's, else the default."""
    actor_type = actors["actor_type"].get(actor_id, PSEUDO_ACTORS.get(actor_id, "other"))
    wanted = (f"actor_id={actor_id}", f"actor_type={actor_type}", "default")
    candidates = rules[rules["applies_to"].eq("reliability")].set_index("condition")
    for condition in wanted:
        if condition in candidates.index:
            row = candidates.loc[condition]
            return row["grade"], row["rule_id"]
    raise ValueError(f"grading_rules.csv has no reliability rule for {actor_id!r} and no default")


def claim_statements(claims: pd.DataFrame) -> pd.DataFrame:
    """Corpus claims as dated statements: id, actor, category, conflict, subject, date, values."""
    return pd.DataFrame(
        {
            "statement_id": claims["claim_id"],
            "actor": claims["attributed_to"],
            "category": claims["category"],
            "conflict": claims["conflict"],
            "subject": claims["subject"],
            "date": pd.to_datetime(claims["as_of"], errors="coerce"),
            "value_low": claims["value_low"].astype(float),
            "value_high": claims["value_high"].astype(float),
        }
    )


def statements(claims: pd.DataFrame, estimates: pd.DataFrame) -> pd.DataFrame:
    """Corpus claims and public estimates as one frame of dated statements for corroboration."""
    from_claims = claim_statements(claims)
    totals = estimates[estimates["scope"].isin(["total", "initial", "strength"])]
    from_record = pd.DataFrame(
        {
            "statement_id": totals["estimate_id"],
            "actor": totals["actor"],
            "category": totals["category"],
            "conflict": "ukraine_war",
            "subject": "north_korea",
            "date": pd.to_datetime(totals["date"]),
            "value_low": totals["value_low"].astype(float),
            "value_high": totals["value_high"].astype(float),
        }
    )
    return pd.concat([from_claims, from_record], ignore_index=True)


def credibility_condition(row: dict, corroborated: list[str], actors: pd.DataFrame) -> str:
    """The first credibility condition of grading_rules.csv that the statement meets."""
    actor_party = actors["party"].get(row["actor"], "")
    if row["category"] in LOSS_CATEGORIES and row["subject"] == "north_korea" and actor_party == "north_korea":
        return "official_floor"
    if bool(actors["interest"].get(row["actor"], False)) and row["subject"] == "north_korea":
        return "interest"
    if row["category"] not in COUNTED_CATEGORIES:
        return "default"
    return "corroborated" if corroborated else "single_source"


def corroboration(frame: pd.DataFrame, pool: pd.DataFrame, actors: pd.DataFrame) -> list[list[str]]:
    """For each row of ``frame``, the ids of pool statements by actors of another party that agree with it
    within the factor (and, for the war in Ukraine, the date window); at most ``SHOWN_CORROBORATIONS`` ids,
    then a count of the rest.

    Vectorized per (category, conflict, subject) group and in chunks of rows, so it stays fast for tens of
    thousands of claims.
    """
    party = lambda s: s.map(lambda a: actors["party"].get(a, a)).to_numpy()  # noqa: E731
    keys = ["category", "conflict", "subject"]
    found: list[list[str]] = [[] for _ in range(len(frame))]
    positions = pd.Series(range(len(frame)), index=frame.index)
    pool_groups = dict(list(pool.groupby(keys, sort=False)))
    for key, rows in frame.groupby(keys, sort=False):
        candidates = pool_groups.get(key)
        if candidates is None:
            continue
        values = ((candidates["value_low"] + candidates["value_high"]) / 2).to_numpy(float)
        dates = candidates["date"].to_numpy("datetime64[ns]")
        ids, cand_party, cand_actor = (
            candidates["statement_id"].to_numpy(),
            party(candidates["actor"]),
            candidates["actor"].to_numpy(),
        )
        for start in range(0, len(rows), 1000):
            chunk = rows.iloc[start : start + 1000]
            value = ((chunk["value_low"] + chunk["value_high"]) / 2).to_numpy(float)[:, None]
            mask = (values <= value * CORROBORATION_FACTOR) & (values >= value / CORROBORATION_FACTOR)
            mask &= (cand_party != party(chunk["actor"])[:, None]) & (cand_actor != chunk["actor"].to_numpy()[:, None])
            if key[1] == "ukraine_war":  # a historical figure does not change with the date it is stated
                gap = np.abs(dates - chunk["date"].to_numpy("datetime64[ns]")[:, None])
                mask &= gap <= np.timedelta64(CORROBORATION_DAYS, "D")  # NaT compares False: undated never agree
            for position, row_mask in zip(positions[chunk.index], mask, strict=True):
                support = sorted(ids[row_mask])
                extra = len(support) - SHOWN_CORROBORATIONS
                found[position] = support[:SHOWN_CORROBORATIONS] + ([f"(+{extra} more)"] if extra > 0 else [])
    return found


def grade(frame: pd.DataFrame, pool: pd.DataFrame, tables: GradingTables) -> pd.DataFrame:
    """Reliability, credibility, grade, the rules that gave them and the corroborating statements, per row.

    ``frame`` has the columns of :func:`statements`; ``pool`` is every statement it is compared with.
    """
    rules, actors = tables.rules, tables.actors
    credibility_rules = rules[rules["applies_to"].eq("credibility")].set_index("condition")
    reliabilities = {actor: reliability(actor, rules, actors) for actor in frame["actor"].unique()}
    rows = []
    for row, support in zip(frame.to_dict("records"), corroboration(frame, pool, actors), strict=True):
        letter, rel_rule = reliabilities[row["actor"]]
        condition = credibility_condition(row, support, actors)
        digit, cred_rule = credibility_rules.loc[condition, ["grade", "rule_id"]]
        rows.append(
            {
                "statement_id": row["statement_id"],
                "reliability": letter,
                "credibility": int(digit),
                "grade": f"{letter}{digit}",
                "grade_rule": f"{rel_rule}; {cred_rule}",
                "corroborated_by": "; ".join(support),
            }
        )
    return pd.DataFrame(
        rows, columns=["statement_id", "reliability", "credibility", "grade", "grade_rule", "corroborated_by"]
    )


def at_least_grade(grades: pd.Series, minimum: str) -> pd.Series:
    """True where a grade is as good as ``minimum`` or better on both axes (A1 best, F6 worst)."""
    return grades.str[0].le(minimum[0]) & grades.str[1].astype(int).le(int(minimum[1]))
