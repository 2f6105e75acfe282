"""The report's sources: the corpus articles from the manifest and every citation of the reference tables."""

from __future__ import annotations

import html

import pandas as pd

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


def reader_citation(article: dict) -> str:
    """An article as a reader cites it: outlet (or author), month or day of publication ("The Diplomat, Jan
    2025"); an article with neither outlet, author nor title is named by its id in the list of sources."""
    who = article.get("outlet") or article.get("author") or article.get("title") or ""
    published, latest = article.get("published") or "", article.get("published_latest") or ""
    if not who:
        return f"the unattributed article '{article['article_id']}' (list of sources)"
    if published:
        return f"{who}, {reader_date(published)}"
    return f"{who}, on or before {reader_date(latest)}" if latest else who


def reader_date(text: str) -> str:
    """'2025-01' as 'Jan 2025', '2025-09-02' as '2 Sep 2025', '2025' as is."""
    if len(text) == 4:
        return text
    parsed = pd.Timestamp(text)
    return parsed.strftime("%b %Y") if len(text) == 7 else parsed.strftime("%-d %b %Y")


def sentence_citations(sentences: pd.DataFrame, articles: pd.DataFrame) -> dict[str, str]:
    """Sentence id -> the reader's citation of its article."""
    cited = {row["article_id"]: reader_citation(row) for row in articles.fillna("").astype(str).to_dict("records")}
    return dict(zip(sentences["sentence_id"], sentences["article_id"].map(cited), strict=True))


def citations(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every distinct citation of the reference tables (by file name, each with a ``citation`` column), with the
    tables and number of rows that rely on it."""
    rows = [
        {"citation": address, "table": name}
        for name, table in tables.items()
        for cell in table["citation"]
        for address in (part.strip() for part in cell.split(" ; "))
        if address
    ]
    frame = pd.DataFrame(rows, columns=["citation", "table"])
    grouped = frame.groupby("citation", sort=True)["table"]
    summary = grouped.agg(
        lambda t: "; ".join(f"{name} ({count})" for name, count in t.value_counts().sort_index().items())
    )
    return summary.rename("cited by (rows)").reset_index()


def citation_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """:func:`citations` with each address linked."""
    frame = citations(tables)
    return frame.assign(citation=frame["citation"].map(link))
