"""What every reader of a source returns: the fields of a manifest row it fills, and its error."""

from __future__ import annotations

from dataclasses import dataclass, field

FIELDS = ("title", "outlet", "author", "published", "published_latest", "url")
SUPPORTED = "a saved web page (.html, .htm, .mhtml), a PDF (.pdf) or a UTF-8 text file (.txt)"


class IngestError(ValueError):
    """A source that cannot be added; the message names it and says why."""


@dataclass(frozen=True)
class Extracted:
    """An article read from a source: its text, its metadata fields and where each was read."""

    kind: str  # html | mhtml | pdf | text
    text: str
    fields: dict[str, str]
    origins: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def kind_label(kind: str) -> str:
    """A source kind in words, for messages."""
    return {"html": "web page", "mhtml": "saved web archive (MHTML)", "pdf": "PDF", "text": "text file"}[kind]
