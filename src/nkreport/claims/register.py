"""The reviewed claim register: matching, evaluation of the extractor, corrections, grades and filters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..paths import REFERENCE_DIR
from .extractor import claim_id, extract_claims
from .vocabulary import CLAIM_COLUMNS

REVIEW_FIELDS = ("category", "conflict", "hedge", "attributed_to", "subject")


def load_register(path: Path = REFERENCE_DIR / "claims_reviewed.csv") -> pd.DataFrame:
    """The team's reviewed claim register of the default corpus."""
    register = pd.read_csv(path, dtype={"article_id": str, "quote": str, "number_text": str}, keep_default_na=False)
    return register.astype({"value_low": float, "value_high": float})


def match_register(extracted: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Pair extracted claims with register rows on article, sentence text and value (outer join)."""
    keys = ["article_id", "quote", "value_low", "value_high"]
    left = extracted.assign(_n=extracted.groupby(keys).cumcount())
    right = register.assign(_n=register.groupby(keys).cumcount())
    return left.merge(right, on=[*keys, "_n"], how="outer", suffixes=("", "_review"), indicator=True)


def evaluation(extracted: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of values, and accuracy of each field on matched claims, for reviewed articles."""
    reviewed = extracted[extracted["article_id"].isin(set(register["article_id"]))]
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
    ``added in review`` (the extractor missed it), ``rejected in review`` (not a claim per the register)
    or ``unreviewed`` (an article the register does not cover).
    """
    covered = set(register["article_id"])
    pairs = match_register(extracted[extracted["article_id"].isin(covered)], register)
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
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    register: pd.DataFrame | None = None,
    estimates: pd.DataFrame | None = None,
    reference_dir: Path = REFERENCE_DIR,
    extracted: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Extracted claims with the register's corrections, rejected ones removed, each with its grade.

    ``extracted`` is the extractor's output when it was already computed (e.g. on Dask).
    """
    from ..estimates import load_estimates
    from ..grading import grade, statements

    extracted = extract_claims(sentences, articles, reference_dir) if extracted is None else extracted
    register = load_register(reference_dir / "claims_reviewed.csv") if register is None else register
    estimates = load_estimates(reference_dir) if estimates is None else estimates
    kept = reviewed_claims(extracted, register)
    kept = kept[kept["review"].ne("rejected in review")].reset_index(drop=True)
    pool = statements(kept, estimates)
    grades = grade(statements(kept, estimates.iloc[0:0]), pool, reference_dir)
    return kept.merge(grades.rename(columns={"statement_id": "claim_id"}), on="claim_id", how="left")


def filter_claims(
    claims: pd.DataFrame,
    cutoff_date=None,
    include_actors: list[str] | tuple = (),
    exclude_actors: list[str] | tuple = (),
    min_grade: str = "F6",
) -> pd.DataFrame:
    """Claims kept by the report's parameters: dated on or before the cut-off, by actor, at or above a grade."""
    from ..grading import at_least_grade

    keep = at_least_grade(claims["grade"], min_grade)
    if cutoff_date is not None:
        dates = pd.to_datetime(claims["as_of"], errors="coerce")
        keep &= dates.isna() | dates.le(pd.Timestamp(cutoff_date))
    if include_actors:
        keep &= claims["attributed_to"].isin(include_actors)
    if exclude_actors:
        keep &= ~claims["attributed_to"].isin(exclude_actors)
    return claims[keep].reset_index(drop=True)
