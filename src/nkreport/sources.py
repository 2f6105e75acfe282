"""The report's sources: the corpus articles from the manifest and every citation of the reference tables."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .paths import REFERENCE_DIR

WEB_ADDRESS = r"^https?://[^\s<>\"']+$"


def link(address: str) -> str:
    """An escaped link for a web address; anything else (e.g. a ``javascript:`` URL) stays escaped text."""
    text = html.escape(address)
    if pd.Series([address]).str.match(WEB_ADDRESS).iloc[0]:
        return f'<a href="{html.escape(address, quote=True)}">{text}</a>'
    return text


def article_sources(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per corpus article: outlet, author, title, date (or its last possible day) and linked address."""
    frame = articles.fillna("")
    latest = frame.get("published_latest", pd.Series("", index=frame.index))
    undated = ("on or before " + latest).where(latest.ne(""), "unknown")
    return pd.DataFrame(
        {
            "article": frame["article_id"],
            "outlet": frame["outlet"],
            "author": frame["author"],
            "title": frame["title"],
            "published": frame["published"].where(frame["published"].ne(""), undated),
            "address": frame["url"].map(link),
        }
    ).sort_values("article", kind="stable")


def citations(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """Every distinct citation of the reference tables, with the tables and number of rows that rely on it."""
    rows = []
    for path in sorted(reference_dir.glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "citation" not in table.columns:
            continue
        for cell in table["citation"]:
            for address in (part.strip() for part in cell.split(" ; ")):
                if address:
                    rows.append({"citation": address, "table": path.name})
    frame = pd.DataFrame(rows, columns=["citation", "table"])
    grouped = frame.groupby("citation", sort=True)["table"]
    summary = grouped.agg(
        lambda t: "; ".join(f"{name} ({count})" for name, count in t.value_counts().sort_index().items())
    )
    return summary.rename("cited by (rows)").reset_index()


def citation_table(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """:func:`citations` with each address linked."""
    frame = citations(reference_dir)
    return frame.assign(citation=frame["citation"].map(link))
