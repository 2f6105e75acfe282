"""Analysis of competing hypotheses (Heuer, Psychology of Intelligence Analysis, ch. 8).

Hypotheses exclude each other (each is a different main reason). Every evidence item is scored against
every hypothesis (CC, C, N, I, II) with a weight; hypotheses are ranked by weighted inconsistency alone
(only I and II count against a hypothesis), equal scores share a rank and are reported as ties. An
item's diagnosticity is how far its scores differ across hypotheses; the sensitivity check drops each
item in turn and names those whose removal would change the ranking.
"""

from __future__ import annotations

import pandas as pd

from .evidence import and_join

MARKS = ("CC", "C", "N", "I", "II")
SCORES = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
INCONSISTENCY = {"I": 1, "II": 2}


def hypothesis_ids(matrix: pd.DataFrame, hypotheses: pd.DataFrame) -> list[str]:
    """The hypothesis columns, after checking that ach.csv and ach_hypotheses.csv agree and marks are valid."""
    ids = list(hypotheses["hypothesis_id"])
    missing = set(ids) - set(matrix.columns)
    if missing:
        raise ValueError(f"ach.csv has no column for hypotheses {sorted(missing)} of ach_hypotheses.csv")
    bad = ~matrix[ids].isin(MARKS).all(axis=1)
    if bad.any():
        raise ValueError(f"ach.csv rows {list(matrix.loc[bad, 'evidence_id'])}: marks must be one of {list(MARKS)}")
    return ids


def inconsistency(matrix: pd.DataFrame, ids: list[str]) -> pd.Series:
    """Weighted inconsistency per hypothesis: the sum of weight x (1 for I, 2 for II)."""
    weights = matrix["weight"].astype(float)
    return pd.Series({h: float((matrix[h].map(INCONSISTENCY).fillna(0) * weights).sum()) for h in ids})


def ranking(matrix: pd.DataFrame, hypotheses: pd.DataFrame) -> pd.DataFrame:
    """Hypotheses by weighted inconsistency (lower survives better); equal scores share a rank ("min")."""
    ids = hypothesis_ids(matrix, hypotheses)
    scores = inconsistency(matrix, ids)
    frame = hypotheses.set_index("hypothesis_id").loc[ids, ["hypothesis"]].assign(inconsistency=scores)
    frame["inconsistent items"] = [int(matrix[h].isin(list(INCONSISTENCY)).sum()) for h in ids]
    frame["rank"] = frame["inconsistency"].rank(method="min").astype(int)
    frame["tied"] = frame.groupby("rank")["hypothesis"].transform("size").gt(1)
    return frame.reset_index().sort_values(["rank", "hypothesis_id"], kind="stable").reset_index(drop=True)


def ranking_table(ranked: pd.DataFrame) -> pd.DataFrame:
    """The ranking as a reader sees it: rank, explanation, weighted inconsistency without float artefacts, ties."""
    return pd.DataFrame(
        {
            "rank": ranked["rank"],
            "explanation: Pyongyang spoke": ranked["hypothesis"],
            "weighted inconsistency": ranked["inconsistency"].map(lambda v: f"{v:g}"),
            "inconsistent items": ranked["inconsistent items"],
            "tied": ranked["tied"].map({True: "tied", False: ""}),
        }
    )


def diagnosticity(matrix: pd.DataFrame, ids: list[str]) -> pd.Series:
    """Per item, the spread of its scores across hypotheses (0: it cannot tell them apart)."""
    scores = matrix[ids].apply(lambda column: column.map(SCORES)).astype(int)
    return (scores.max(axis=1) - scores.min(axis=1)).set_axis(matrix["evidence_id"])


def order(ranked: pd.DataFrame) -> list[tuple[int, tuple[str, ...]]]:
    """The ranking as (rank, hypotheses sharing it) pairs, comparable across variants."""
    return [(int(r), tuple(sorted(g["hypothesis_id"]))) for r, g in ranked.groupby("rank", sort=True)]


def sensitivity(matrix: pd.DataFrame, hypotheses: pd.DataFrame) -> pd.DataFrame:
    """Items whose removal changes the ranking, with the leading hypotheses without them."""
    base = ranking(matrix, hypotheses)
    rows = []
    for evidence_id in matrix["evidence_id"]:
        without = ranking(matrix[matrix["evidence_id"].ne(evidence_id)], hypotheses)
        if order(without) != order(base):
            leaders = without[without["rank"].eq(1)]["hypothesis_id"]
            rows.append(
                {
                    "evidence_id": evidence_id,
                    "leader_changes": set(leaders) != set(base[base["rank"].eq(1)]["hypothesis_id"]),
                    "leading without it": "; ".join(leaders),
                }
            )
    return pd.DataFrame(rows, columns=["evidence_id", "leader_changes", "leading without it"])


def matrix_table(matrix: pd.DataFrame, hypotheses: pd.DataFrame, texts: list[str]) -> pd.DataFrame:
    """The ACH matrix as a reader sees it: item, source and date, the text behind it, weight, marks, diagnosticity."""
    ids = hypothesis_ids(matrix, hypotheses)
    short = dict(zip(ids, [h.split("_", 1)[0] for h in ids], strict=True))
    return pd.DataFrame(
        {
            "item": matrix["evidence_id"],
            "evidence": matrix["description"],
            "source": matrix["source"] + ", " + matrix["date"].map(lambda d: pd.Timestamp(d).strftime("%b %Y")),
            "behind it": texts,
            "weight": matrix["weight"].astype(float).map(lambda w: f"{w:g}"),
            **{short[h]: matrix[h] for h in ids},
            "diagnosticity": diagnosticity(matrix, ids).to_numpy(),
            "why marked so": matrix["reason"],
        }
    )


def facts(ranked: pd.DataFrame, sensitive: pd.DataFrame, matrix: pd.DataFrame) -> dict:
    """What the ACH prose states: the ranking in sentences with ties named, sources counted, the sensitive items."""
    text = ranked.set_index("hypothesis_id")["hypothesis"]
    score = ranked.groupby("rank")["inconsistency"].first()
    sentences = []
    for position, (rank, ids) in enumerate(order(ranked)):
        clauses = [text[h] for h in ids]
        value = f"{score[rank]:g}"
        if position == 0 and len(ids) == 1:
            sentences.append(
                f"The explanation that survives best is that Pyongyang spoke {clauses[0]} "
                f"(weighted inconsistency {value})."
            )
        elif position == 0:
            sentences.append(
                f"{number_word(len(ids))} explanations tie for the lead at {value}: "
                f"that Pyongyang spoke {and_join(clauses, 'or')}."
            )
        elif len(ids) == 1:
            sentences.append(f"Then, at {value}, the explanation that it spoke {clauses[0]}.")
        else:
            sentences.append(
                f"{number_word(len(ids))} explanations tie next at {value}: that it spoke {and_join(clauses, 'or')}."
            )
    descriptions = matrix.set_index("evidence_id")["description"]
    moved = [descriptions[i] for i in sensitive["evidence_id"]]
    changes_leader = bool(sensitive["leader_changes"].any())
    return {
        "ranking": " ".join(sentences),
        "items": len(matrix),
        "sources": int(matrix["source"].nunique()),
        "sensitive": "; ".join(f"“{m}”" for m in moved),
        "sensitive_effect": "would bring another explanation level with the leader or ahead of it"
        if changes_leader
        else "would reorder the explanations behind the leader without changing it",
    }


def number_word(n: int) -> str:
    """Small counts in words at the start of a sentence."""
    return {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six"}.get(n, str(n))
