"""Agreement between the audit's blind recoding (recode_sample.csv) and the development set's codes.

Run from the repository root: `.venv/bin/python tests/data/devset/audit/compare.py [git revision]`. Pairs are
strict, as the extractor is scored: same passage, same sentence, and the same value (an open end or a vague
quantity's words match). The revision (default: the commit before the audit changed any code) is the coding
compared; the recoding was written before this comparison was first run.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd

from nkreport.claims.register import same_sentence, sentence_key

HERE = Path(__file__).parent
FIELDS = ["category", "force", "scope", "hedge", "unit", "source"]


def coded_at(revision: str) -> pd.DataFrame:
    """Every claims file of the development set as it was at a git revision."""
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", revision, "tests/data/devset/"], capture_output=True, text=True, check=True
    ).stdout.split()
    files = [n for n in names if Path(n).name.startswith("claims_")]
    show = lambda n: subprocess.run(["git", "show", f"{revision}:{n}"], capture_output=True, text=True, check=True)  # noqa: E731
    return pd.concat([pd.read_csv(io.StringIO(show(n).stdout), dtype=str, keep_default_na=False) for n in files])


def values(row) -> tuple:
    return tuple(None if v == "" or pd.isna(v) else float(v) for v in (row.value_low, row.value_high))


def same_figure(a, b) -> bool:
    va, vb = values(a), values(b)
    if (None, None) in (va, vb):
        ka, kb = sentence_key(a.number_text), sentence_key(b.number_text)
        return bool(ka and kb and (ka in kb or kb in ka))
    return all(x is None or y is None or x == y for x, y in zip(va, vb, strict=True))


def agreement(theirs: pd.DataFrame, mine: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """(one row per paired claim and field, claims coded only by the original coders, only by the auditor)."""
    used, rows = set(), []
    for t in theirs.itertuples():
        candidates = mine[mine.passage_id == t.passage_id]
        hit = next(
            (
                i
                for i, r in candidates.iterrows()
                if i not in used and same_sentence(t.sentence, r.sentence) and same_figure(t, r)
            ),
            None,
        )
        if hit is None:
            continue
        used.add(hit)
        r = mine.loc[hit]
        for f in FIELDS:
            a, b = getattr(t, f), r[f]
            agree = set(a.split(";")) == set(b.split(";")) if f == "source" else a == b
            rows.append(
                {
                    "passage_id": t.passage_id,
                    "number_text": t.number_text,
                    "field": f,
                    "coded": a,
                    "recoded": b,
                    "agree": agree,
                }
            )
    pairs = len(rows) // len(FIELDS)
    return pd.DataFrame(rows), len(theirs) - pairs, len(mine) - pairs


def main(revision: str) -> None:
    mine = pd.read_csv(HERE / "recode_sample.csv", dtype=str, keep_default_na=False).reset_index(drop=True)
    coded = coded_at(revision)
    theirs = coded[coded.passage_id.isin(set(pd.read_csv(HERE / "sample.csv").passage_id))].reset_index(drop=True)
    table, only_theirs, only_mine = agreement(theirs, mine)
    pairs = len(table) // len(FIELDS)
    print(
        f"claims: coded {len(theirs)}, recoded {len(mine)}, paired {pairs}; "
        f"only coded {only_theirs}, only recoded {only_mine}"
    )
    print(table.groupby("field", sort=False)["agree"].agg(agree="sum", of="count").to_string())
    print(table[~table.agree].to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "6162a8c")
