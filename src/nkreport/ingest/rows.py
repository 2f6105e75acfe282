"""The corpus side of an added article: its id, its manifest row, and whether the corpus already has it."""

from __future__ import annotations

import csv
import io
import re
import unicodedata

from ..corpus import MANIFEST_COLUMNS, OPTIONAL_COLUMNS, comparable_text, normalized_url
from .base import FIELDS, Extracted, kind_label

MAX_SLUG_CHARS = 60


def slug(title: str) -> str:
    """Lower-case ASCII words of a title joined by hyphens (no apostrophes), cut at a word to MAX_SLUG_CHARS."""
    ascii_title = unicodedata.normalize("NFKD", re.sub(r"['\u2019]", "", title)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    result = ""
    for word in words:
        longer = f"{result}-{word}" if result else word[:MAX_SLUG_CHARS]
        if len(longer) > MAX_SLUG_CHARS:
            break
        result = longer
    return result


def unique_id(candidates: list[str], taken: set[str]) -> str:
    """The first non-empty candidate slug not taken, numbered ``-2``, ``-3``... if needed."""
    base = next((s for s in map(slug, candidates) if s), "article")
    number, article_id = 1, base
    while article_id in taken:
        number += 1
        article_id = f"{base}-{number}"
    return article_id


def manifest_row(article_id: str, found: Extracted, source: str, original_sha256: str = "") -> dict[str, str]:
    """The manifest row of an added article; notes say where it came from and what the extraction noted."""
    notes = "; ".join((f"added by nkreport add from {source} ({kind_label(found.kind)})", *found.notes))
    return {
        "article_id": article_id,
        "file": f"{article_id}.txt",
        **{name: found.fields[name] for name in FIELDS},
        "notes": notes,
        "original_sha256": original_sha256,
    }


def manifest_with_row(manifest_text: str, row: dict[str, str]) -> str:
    """The manifest's text with ``row`` appended; optional columns it lacks are added (empty for old rows)."""
    reader = csv.DictReader(io.StringIO(manifest_text)) if manifest_text.strip() else None
    header = list(reader.fieldnames or []) if reader else []
    wanted = header + [c for c in (*MANIFEST_COLUMNS, *OPTIONAL_COLUMNS) if c not in header]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=wanted, lineterminator="\n")
    if wanted == header:
        out.write(manifest_text if manifest_text.endswith("\n") else manifest_text + "\n")
    else:
        writer.writeheader()
        writer.writerows(reader or [])
    writer.writerow({c: row.get(c, "") for c in wanted})
    return out.getvalue()


def duplicate_of(url: str, clean_text: str, corpus: list[tuple[str, str, str]]) -> str:
    """Why an article duplicates one of ``corpus`` (article id, url, cleaned text), or empty if it does not.

    A duplicate has the same address, or the same cleaned text, or a cleaned text that holds the other whole
    (a copy with a headline or a closing line more).
    """
    key, text = normalized_url(url) if url else "", comparable_text(clean_text)
    for article_id, other_url, other_text in corpus:
        other = comparable_text(other_text)
        if key and other_url and normalized_url(other_url) == key:
            return f"the corpus already has this address as article {article_id!r}"
        if text == other:
            return f"its cleaned text is the same as that of article {article_id!r}"
        if text and other and (text in other or other in text):
            return f"its cleaned text {'is part of' if text in other else 'holds the whole of'} article {article_id!r}"
    return ""
