"""The reviewed claim register: matching, evaluation of the extractor, corrections, grades and filters."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from ..grading import GradingTables, at_least_grade, grade, statements
from .article import claim_id
from .vocabulary import CLAIM_COLUMNS

REVIEW_FIELDS = ("category", "conflict", "hedge", "attributed_to", "subject")


REJECTED = "reject"  # a register row whose ``decision`` is this records a number that is not a claim


def stated_claims(register: pd.DataFrame) -> pd.DataFrame:
    """The register rows that state a claim: all but those recording a rejection (optional ``decision`` column)."""
    if "decision" not in register:
        return register
    return register[register["decision"].ne(REJECTED)]


def nth_by_actor(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The rank of each row among rows of the same keys, in order of actor (then of the rows)."""
    actors = frame["attributed_to"] if "attributed_to" in frame else pd.Series("", index=frame.index)
    order = np.argsort(actors.astype(str).to_numpy(), kind="stable")
    ranks = np.empty(len(frame), dtype=int)
    ranks[order] = frame.iloc[order].groupby(keys).cumcount().to_numpy()
    return pd.Series(ranks, index=frame.index)


def match_register(extracted: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Pair extracted claims with register rows on article, sentence text and value (outer join); the actors of a
    joint statement pair with the same actors where both sides name them."""
    keys = ["article_id", "quote", "value_low", "value_high"]
    left = extracted.assign(_n=nth_by_actor(extracted, keys))
    right = register.assign(_n=nth_by_actor(register, keys))
    return left.merge(right, on=[*keys, "_n"], how="outer", suffixes=("", "_review"), indicator=True)


def evaluation(extracted: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of values, and accuracy of each field on matched claims, for reviewed articles."""
    reviewed = extracted[extracted["article_id"].isin(set(register["article_id"]))]
    register = stated_claims(register)
    pairs = match_register(reviewed, register)
    matched = pairs[pairs["_merge"] == "both"]
    found, expected = len(reviewed), len(register)
    rows = [
        {
            "measure": "value",
            "metric": "precision",
            "score": len(matched) / found if found else 0.0,
            "correct": len(matched),
            "of": found,
        },
        {
            "measure": "value",
            "metric": "recall",
            "score": len(matched) / expected if expected else 0.0,
            "correct": len(matched),
            "of": expected,
        },
    ]
    for name in REVIEW_FIELDS:
        correct = int((matched[name] == matched[f"{name}_review"]).sum())
        rows.append(
            {
                "measure": name,
                "metric": "accuracy on matched claims",
                "score": correct / len(matched) if len(matched) else 0.0,
                "correct": correct,
                "of": len(matched),
            }
        )
    return pd.DataFrame(rows)


def reviewed_claims(extracted: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Claims with the register's corrections applied; register-only claims added; rejected ones flagged.

    ``review`` is ``confirmed`` (extractor and register agree), ``corrected`` (register fields win),
    ``added in review`` (the extractor missed it), ``rejected in review`` (an article the register covers
    states no such claim, or a row records its rejection) or ``unreviewed`` (an article the register does not cover).
    """
    covered = set(register["article_id"])
    pairs = match_register(extracted[extracted["article_id"].isin(covered)], stated_claims(register))
    rows = []
    for row in pairs.to_dict("records"):
        if row["_merge"] == "right_only":
            row["number_text"] = row["number_text_review"]
            start = row["quote"].find(row["number_text"])
            row.update(
                claim_id=claim_id(
                    row["article_id"], row["quote"], max(start, 0), row["number_text"], row["attributed_to_review"]
                ),
                start=start,
                end=start + len(row["number_text"]),
                unit="",
                review="added in review",
                attribution_rule="reviewed register",
                sentence_id=row.get("sentence_id_review"),
            )
            row.update({name: row[f"{name}_review"] for name in REVIEW_FIELDS})
        elif row["_merge"] == "left_only":
            row["review"] = "rejected in review"
        else:
            differs = [n for n in REVIEW_FIELDS if row[n] != row[f"{n}_review"]]
            row["review"] = "corrected: " + ", ".join(differs) if differs else "confirmed"
            if "attributed_to" in differs:
                row["attribution_rule"] = "reviewed register"
            row.update({name: row[f"{name}_review"] for name in REVIEW_FIELDS})
        rows.append(row)
    merged = pd.DataFrame(rows)
    unreviewed = extracted[~extracted["article_id"].isin(covered)].assign(review="unreviewed")
    columns = [*CLAIM_COLUMNS, "review"]
    result = pd.concat([merged.reindex(columns=columns), unreviewed.reindex(columns=columns)], ignore_index=True)
    return result.sort_values(["article_id", "sentence_id", "start", "claim_id"], kind="stable").reset_index(drop=True)


def claims_table(
    extracted: pd.DataFrame, register: pd.DataFrame, estimates: pd.DataFrame, tables: GradingTables
) -> pd.DataFrame:
    """The extractor's claims with the register's corrections, rejected ones removed, each graded by the rules of
    ``tables`` against the public record ``estimates`` and the other claims."""
    kept = reviewed_claims(extracted, register)
    kept = kept[kept["review"].ne("rejected in review")].reset_index(drop=True)
    pool = statements(kept, estimates)
    grades = grade(statements(kept, estimates.iloc[0:0]), pool, tables)
    return kept.merge(grades.rename(columns={"statement_id": "claim_id"}), on="claim_id", how="left")


def filter_claims(
    claims: pd.DataFrame,
    cutoff_date=None,
    include_actors: list[str] | tuple = (),
    exclude_actors: list[str] | tuple = (),
    min_grade: str = "F6",
) -> pd.DataFrame:
    """Claims kept by the report's parameters: dated on or before the cut-off, by actor, at or above a grade."""
    keep = at_least_grade(claims["grade"], min_grade)
    if cutoff_date is not None:
        dates = pd.to_datetime(claims["as_of"], errors="coerce")
        keep &= dates.isna() | dates.le(pd.Timestamp(cutoff_date))
    if include_actors:
        keep &= claims["attributed_to"].isin(include_actors)
    if exclude_actors:
        keep &= ~claims["attributed_to"].isin(exclude_actors)
    return claims[keep].reset_index(drop=True)


# --- The development set: real passages from outlets outside the corpus, coded by hand -----------------------

FORCES = {"north_korean": "north_korea", "russian": "russia", "ukrainian": "ukraine", "south_korean": "south_korea"}
DEVSET_MEASURES = ("value recall", "value precision", "category", "source", "force", "scope")


def sentence_key(text: str) -> str:
    """A sentence reduced to its lower-case letters and digits, to pair a coded sentence with a cleaned one."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).lower())


def same_sentence(coded: str, cleaned: str) -> bool:
    """True when a hand-coded sentence and a cleaned sentence are the same (cleaning may respell names)."""
    a, b = sentence_key(coded), sentence_key(cleaned)
    return a == b or (min(len(a), len(b)) > 20 and (a in b or b in a)) or SequenceMatcher(None, a, b).ratio() >= 0.9


def stated_values(low, high) -> tuple[float | None, float | None]:
    """The values a claim states: an open floor or ceiling keeps only its stated end."""
    return (None if pd.isna(low) else float(low), None if pd.isna(high) else float(high))


def values_match(expected: tuple, found: tuple) -> bool:
    """True when every value the coder wrote equals the extractor's value at that end."""
    return all(e is None or e == f for e, f in zip(expected, found, strict=True)) and expected != (None, None)


def figure_match(want: tuple, number_text: str, found) -> bool:
    """Same value; a vague quantity coded without a value ("thousands") matches the same words."""
    if want == (None, None):
        return sentence_key(number_text) == sentence_key(found["number_text"])
    return values_match(want, (found["value_low"], found["value_high"]))


def grouped_claims(extracted: pd.DataFrame) -> pd.DataFrame:
    """Extracted claims with one row per figure: the actors of a joint statement as one set."""
    keys = ["article_id", "sentence_id", "start", "value_low", "value_high"]
    return (
        extracted.groupby(keys, sort=False)
        .agg(
            quote=("quote", "first"),
            number_text=("number_text", "first"),
            category=("category", "first"),
            subject=("subject", "first"),
            scope=("scope", "first"),
            actors=("attributed_to", lambda a: frozenset(a)),
        )
        .reset_index()
    )


def pair_devset(extracted: pd.DataFrame, expected: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(pairs of coded and extracted claims, extracted figures with no coded claim); strict: same sentence and
    same value, each extracted figure used once."""
    found = grouped_claims(extracted)
    used: set[int] = set()
    pairs = []
    by_passage = {pid: group for pid, group in found.groupby("article_id")}
    for row in expected.itertuples(index=False):
        candidates = by_passage.get(row.passage_id, found.iloc[0:0])
        want = stated_values(row.value_low, row.value_high)
        match = next(
            (
                i
                for i, c in candidates.iterrows()
                if i not in used and figure_match(want, row.number_text, c) and same_sentence(row.sentence, c["quote"])
            ),
            None,
        )
        if match is not None:
            used.add(match)
            got = found.loc[match]
            pairs.append(
                {
                    "passage_id": row.passage_id,
                    "number_text": row.number_text,
                    "category": (row.category, got["category"]),
                    "source": (frozenset(row.source.split(";")), got["actors"]),
                    "force": (FORCES.get(row.force, "other"), got["subject"]),
                    "scope": (row.scope, got["scope"]),
                }
            )
    return pd.DataFrame(pairs), found.drop(index=list(used))


def devset_scores(extracted: pd.DataFrame, expected: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """Strict scores of the extractor on each split of the development set: value recall and precision, and
    the accuracy of category, source (the set of actors of a joint statement), force and scope on matched
    claims."""
    rows = []
    for split, chosen in passages.groupby("split", sort=True):
        ids = set(chosen["passage_id"])
        coded = expected[expected["passage_id"].isin(ids)]
        found = extracted[extracted["article_id"].isin(ids)]
        pairs, extra = pair_devset(found, coded)
        matched = len(pairs)
        figures = matched + len(extra)
        rows.append(score_row(split, "value recall", matched, len(coded)))
        rows.append(score_row(split, "value precision", matched, figures))
        for field in DEVSET_MEASURES[2:]:
            right = sum(a == b for a, b in pairs[field]) if matched else 0
            rows.append(score_row(split, field, right, matched))
    return pd.DataFrame(rows)


def score_row(split: str, measure: str, correct: int, of: int) -> dict:
    return {"split": split, "measure": measure, "score": correct / of if of else 0.0, "correct": correct, "of": of}


def devset_misses(extracted: pd.DataFrame, expected: pd.DataFrame, passages: pd.DataFrame, split: str) -> pd.DataFrame:
    """The coded claims of one split the extractor missed or read differently, for tuning (tune split only)."""
    ids = set(passages.loc[passages["split"].eq(split), "passage_id"])
    coded = expected[expected["passage_id"].isin(ids)]
    pairs, extra = pair_devset(extracted[extracted["article_id"].isin(ids)], coded)
    wrong = [
        {"passage_id": p["passage_id"], "number_text": p["number_text"], "field": f, "coded": p[f][0], "found": p[f][1]}
        for p in pairs.to_dict("records")
        for f in DEVSET_MEASURES[2:]
        if p[f][0] != p[f][1]
    ]
    matched = set(zip(pairs.get("passage_id", []), pairs.get("number_text", []), strict=True))
    missed = [
        {"passage_id": r.passage_id, "number_text": r.number_text, "field": "missed", "coded": r.sentence, "found": ""}
        for r in coded.itertuples()
        if (r.passage_id, r.number_text) not in matched
    ]
    spurious = [
        {"passage_id": r.article_id, "number_text": r.value_low, "field": "spurious", "coded": "", "found": r.quote}
        for r in extra.itertuples()
    ]
    return pd.DataFrame(wrong + missed + spurious)
