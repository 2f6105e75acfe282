"""Saved web pages: main text and metadata with trafilatura, dates from markup with htmldate (no network)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .base import FIELDS, Extracted

# A date in a web address, as news sites file their articles: /2025/01/ or /2025/01/15/.
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")


def extract_html(data: bytes, url: str = "") -> Extracted:
    """Main text and metadata of a saved web page (trafilatura, favouring precision; htmldate reads markup only).

    The publication date is read from the page's markup (JSON-LD, Open Graph and other meta tags, ``<time>``),
    never from its running text; failing that, from a dated web address (/2025/01/). Without either, a
    modification date in the markup is kept as ``published_latest``: the page existed by then.
    """
    import trafilatura
    from htmldate import find_date
    from trafilatura.utils import load_html

    doc = trafilatura.bare_extraction(
        data,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not [line for line in (doc.text or "").splitlines() if line.strip() not in ("", doc.title)]:
        return Extracted("html", "", dict.fromkeys(FIELDS, ""))  # nothing but perhaps the headline
    meta = "the page's metadata"
    fields = {
        "title": doc.title or "",
        "outlet": doc.sitename or "",
        "author": doc.author or "",
        "published": doc.date or "",
        "published_latest": "",
        "url": doc.url or "",
    }
    origins = {name: meta for name, value in fields.items() if value}
    if fields["outlet"] and " " not in fields["outlet"] and "." in fields["outlet"]:
        origins["outlet"] = "the site's domain, not its name (correct it if you know the name)"
    if fields["url"] and fields["url"] == url:
        origins["url"] = "the address it was fetched or saved from"
    if not fields["published"] and fields["url"]:
        fields["published"] = url_date(fields["url"])
        origins["published"] = "the date in its web address" if fields["published"] else ""
    if not fields["published"]:
        # A parsed tree, not a string: htmldate fetches a string that looks like an address.
        modified = find_date(load_html(data), extensive_search=False, original_date=False)
        if modified:
            fields["published_latest"] = modified
            origins["published_latest"] = "the page's modification date (it appeared on or before)"
    return Extracted("html", paragraphs_text(doc.text), fields, {k: v for k, v in origins.items() if v})


def url_date(url: str) -> str:
    """``YYYY-MM`` or ``YYYY-MM-DD`` from a dated web address, else empty."""
    match = URL_DATE.search(urlsplit(url).path + "/")
    if not match:
        return ""
    return "-".join(part for part in match.groups() if part)


def paragraphs_text(text: str) -> str:
    """One paragraph per line, no blank lines, a final line end."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"
