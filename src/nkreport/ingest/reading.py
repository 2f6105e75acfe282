"""What a source is (web page, PDF, text) and its text and metadata, by the reader for its kind."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..corpus import CorpusError, decode_article
from .base import FIELDS, SUPPORTED, Extracted, IngestError, kind_label
from .pdf import extract_pdf
from .web import extract_html

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def source_kind(name: str, data: bytes, content_type: str = "") -> str:
    """``html``, ``pdf`` or ``text`` from the content first, then the name or the server's content type."""
    suffix = PurePosixPath(urlsplit(name).path if "://" in name else name).suffix.lower()
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if suffix == ".pdf" or "application/pdf" in content_type:
        raise IngestError(f"{name}: named or served as a PDF, but it does not start with %PDF- (damaged or not a PDF)")
    if head.startswith((b"<!doctype html", b"<html")) or suffix in HTML_SUFFIXES or "html" in content_type:
        return "html"
    if suffix == ".txt" or content_type.startswith("text/plain"):
        return "text"
    what = f"a {suffix} file" if suffix else f"content of type {content_type!r}" if content_type else "no known type"
    raise IngestError(f"{name}: {what}; nkreport add reads {SUPPORTED}")


def extract(kind: str, data: bytes, name: str, url: str = "") -> Extracted:
    """The text and metadata of a source of the given kind; refuses one without article text."""
    if kind == "pdf":
        found = extract_pdf(data, name)
    elif kind == "html":
        found = extract_html(data, url)
    else:
        found = Extracted("text", read_text(data, name), dict.fromkeys(FIELDS, ""))
    if not found.text.strip():
        hint = " (a scanned PDF needs text recognition first)" if kind == "pdf" else ""
        raise IngestError(f"{name}: no article text could be extracted from this {kind_label(kind)}{hint}")
    if url and not found.fields["url"]:
        found.fields["url"], found.origins["url"] = url, "the address it was fetched from"
    return found


def read_text(data: bytes, name: str) -> str:
    """A text file's text, held to the corpus' rules (UTF-8, no control characters)."""
    try:
        return decode_article(data, Path(name))[0]
    except CorpusError as exc:
        raise IngestError(str(exc)) from None
