"""What a source is (web page, PDF, text) and its text and metadata, by the reader for its kind."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..corpus import CorpusError, decode_article
from .base import FIELDS, SUPPORTED, Extracted, IngestError, kind_label
from .pdf import extract_pdf
from .web import extract_html

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MHTML_SUFFIXES = (".mht", ".mhtml")


def source_kind(name: str, data: bytes, content_type: str = "") -> str:
    """``html``, ``pdf`` or ``text`` from the content first, then the name or the server's content type."""
    suffix = PurePosixPath(urlsplit(name).path if "://" in name else name).suffix.lower()
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if suffix in MHTML_SUFFIXES or (b"mime-version:" in head and b"multipart/related" in head):
        return "mhtml"
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
    elif kind == "mhtml":
        page, saved_from = unwrap_mhtml(data, name)
        found = replace(extract_html(page, url or saved_from), kind="mhtml")
    else:
        found = Extracted("text", read_text(data, name), dict.fromkeys(FIELDS, ""))
    if not found.text.strip():
        hint = " (a scanned PDF needs text recognition first)" if kind == "pdf" else ""
        raise IngestError(f"{name}: no article text could be extracted from this {kind_label(kind)}{hint}")
    if url and not found.fields["url"]:
        found.fields["url"], found.origins["url"] = url, "the address it was fetched from"
    return found


def unwrap_mhtml(data: bytes, name: str) -> tuple[bytes, str]:
    """The HTML page of a web archive a browser saved as one file (MHTML), and the address it was saved from."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if page is None:
        raise IngestError(f"{name}: a saved web archive (MHTML) without an HTML page in it")
    saved_from = message.get("Snapshot-Content-Location") or page.get("Content-Location") or ""
    return page.get_payload(decode=True), str(saved_from)


def read_text(data: bytes, name: str) -> str:
    """A text file's text, held to the corpus' rules (UTF-8, no control characters)."""
    try:
        return decode_article(data, Path(name))[0]
    except CorpusError as exc:
        raise IngestError(str(exc)) from None
