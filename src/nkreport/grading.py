"""Admiralty (NATO) grades for claims and public estimates, from the rules in ``data/reference``.

A grade is a source reliability letter (A-F) and an information credibility digit (1-6).
Reliability comes from the actor (its own rule, else its type, else the default);
credibility from what is known about the figure: a party admitting its own losses gives
a floor, a party with a stake in the number stays "possibly true", agreement with an
independent actor makes it "probably true". ``grading_rules.csv`` holds every rule with its
rationale and citation; the first rule that matches wins, and its id is kept with the grade.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .paths import REFERENCE_DIR

LOSS_CATEGORIES = ("casualties", "killed", "wounded", "captured", "deserted")
COUNTED_CATEGORIES = ("deployed", *LOSS_CATEGORIES, "force_size", "refugees")
CORROBORATION_FACTOR = 1.5  # agreement within this factor counts as corroboration (grading_rules.csv)
CORROBORATION_DAYS = 120  # statements this many days apart or less are compared
PSEUDO_ACTORS = {  # actors that are not in actors.csv rows with patterns but are assigned by rules
    "author": "journalist_or_author",
    "unattributed": "anonymous_source",
}


@lru_cache(maxsize=4)
def load_actors(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """actors.csv indexed by actor_id, with ``interest`` as a boolean."""
    actors = pd.read_csv(reference_dir / "actors.csv", dtype=str, keep_default_na=False).set_index("actor_id")
    return actors.assign(interest=actors["interest"].str.lower().eq("true"))


@lru_cache(maxsize=4)
def load_rules(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """grading_rules.csv in file order (the order in which rules are tried)."""
    return pd.read_csv(reference_dir / "grading_rules.csv", dtype=str, keep_default_na=False)


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


def statements(claims: pd.DataFrame, estimates: pd.DataFrame) -> pd.DataFrame:
    """Corpus claims and public estimates as one frame of dated statements for corroboration."""
    from_claims = pd.DataFrame(
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


def corroborating(row: pd.Series, pool: pd.DataFrame, actors: pd.DataFrame) -> list[str]:
    """Ids of statements by actors of another party that agree with the row within the factor and date window."""
    party = actors["party"].get(row["actor"], row["actor"])
    same = pool[
        pool["category"].eq(row["category"]) & pool["conflict"].eq(row["conflict"]) & pool["subject"].eq(row["subject"])
    ]
    other_party = same["actor"].map(lambda a: actors["party"].get(a, a)).ne(party) & same["actor"].ne(row["actor"])
    value = (row["value_low"] + row["value_high"]) / 2
    values = (same["value_low"] + same["value_high"]) / 2
    agree = (values <= value * CORROBORATION_FACTOR) & (values >= value / CORROBORATION_FACTOR)
    if row["conflict"] == "ukraine_war":
        close = (same["date"] - row["date"]).abs() <= pd.Timedelta(days=CORROBORATION_DAYS)
    else:  # a historical figure does not change with the date it is stated
        close = pd.Series(True, index=same.index)
    return sorted(same.loc[other_party & agree & close, "statement_id"])


def credibility_condition(row: pd.Series, corroborated: list[str], actors: pd.DataFrame) -> str:
    """The first credibility condition of grading_rules.csv that the statement meets."""
    actor_party = actors["party"].get(row["actor"], "")
    if row["category"] in LOSS_CATEGORIES and row["subject"] == "north_korea" and actor_party == "north_korea":
        return "official_floor"
    if bool(actors["interest"].get(row["actor"], False)) and row["subject"] == "north_korea":
        return "interest"
    if row["category"] not in COUNTED_CATEGORIES:
        return "default"
    return "corroborated" if corroborated else "single_source"


def grade(frame: pd.DataFrame, pool: pd.DataFrame, reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """Reliability, credibility, grade, the rules that gave them and the corroborating statements, per row.

    ``frame`` has the columns of :func:`statements`; ``pool`` is every statement it is compared with.
    """
    rules, actors = load_rules(reference_dir), load_actors(reference_dir)
    credibility_rules = rules[rules["applies_to"].eq("credibility")].set_index("condition")
    rows = []
    for row in frame.to_dict("records"):
        letter, rel_rule = reliability(row["actor"], rules, actors)
        support = corroborating(pd.Series(row), pool, actors)
        condition = credibility_condition(pd.Series(row), support, actors)
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
