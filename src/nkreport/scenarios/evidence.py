"""Evidence references: a corpus sentence id, or a reference row written ``table.csv:row_id``.

Resolving is pure: the stage passes the cleaned sentences and the reference tables it read.
"""

from __future__ import annotations

import re

import pandas as pd


def reference_row(ref: str, tables: dict[str, pd.DataFrame]) -> str:
    """A short description of a reference row 'table.csv:row_id' (the row's id column, then its text)."""
    table_name, row_id = ref.split(":", 1)
    if table_name not in tables:
        raise ValueError(f"{ref}: unknown reference table {table_name!r}; known: {', '.join(sorted(tables))}")
    table = tables[table_name]
    key = table.columns[0]
    rows = table[table[key].eq(row_id)]
    if rows.empty:
        raise ValueError(f"{ref}: no row with {key} = {row_id!r} in {table_name}")
    row = rows.iloc[0]
    text_column = next((c for c in ("counts", "assessment", "conflict", "note", "as_stated") if c in row), key)
    return str(row[text_column])


def resolve(ref: str, sentences: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> str:
    """The text behind an evidence reference: the quoted sentence, or the reference row.

    A sentence of an article the corpus does not hold (a user's own corpus) is named as such; a missing
    sentence of an article the corpus holds is an error in the reference table.
    """
    if ".csv:" in ref:
        return reference_row(ref, tables)
    found = sentences.loc[sentences["sentence_id"].eq(ref), "text"]
    if not found.empty:
        return found.iloc[0]
    article = ref.rsplit("-s", 1)[0]
    if not sentences["article_id"].eq(article).any():
        return f"(sentence of the article {article!r}, which is not in this corpus)"
    raise ValueError(f"evidence {ref!r} is not a sentence id of the cleaned corpus")


def day_text(date) -> str:
    """A date as a reader writes it: '2 Sep 2025'."""
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp:%b %Y}"


def short_name(label: str) -> str:
    """An actor's label as prose names it: "South Korea's National Intelligence Service (NIS)" -> "South Korea's NIS".

    A trailing all-capitals abbreviation replaces the words it abbreviates (after any possessive); any other
    trailing parenthesis is dropped.
    """
    match = re.fullmatch(r"(?P<head>.*?)\s*\((?P<inside>[^()]*)\)", label.strip())
    if not match:
        return label.strip()
    head, inside = match["head"], match["inside"]
    if re.fullmatch(r"[A-Z]{2,6}", inside):
        owner = re.match(r"(.*?'s )", head)
        return (owner[1] if owner else "") + inside
    return head


def and_join(items: list[str], word: str = "and") -> str:
    """Items as prose: 'a', 'a and b', 'a, b and c' (or another joining word)."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def source_of(ref: str, articles: pd.DataFrame) -> str:
    """How prose names the article of a corpus sentence: outlet (or title) and month, else its corpus id."""
    article_id = ref.rsplit("-s", 1)[0]
    rows = articles[articles["article_id"].eq(article_id)]
    if rows.empty:
        return "an article outside this corpus"
    row = rows.iloc[0]
    known = lambda field: isinstance(row.get(field), str) and row.get(field) != ""  # noqa: E731
    name = row["outlet"] if known("outlet") else f"“{row['title']}”" if known("title") else f"article {article_id}"
    return f"{name}, {pd.Timestamp(row['date_high']):%b %Y}" if known("date_high") else name
