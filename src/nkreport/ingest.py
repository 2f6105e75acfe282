"""Adding articles, the logic: text and metadata from a saved web page, a PDF or a text file.

Pure functions, bytes in and records out: what kind a source is, its text and metadata (each field with where
it was read, an unknown field left empty), the article's id, its manifest row, and whether it duplicates an
article of the corpus. Web pages are read with trafilatura (htmldate for dates), PDFs with pdfplumber; neither
reaches the network here. Reading files, fetching links and writing the corpus is :mod:`nkreport.add`.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, urlencode, urlsplit

from .cleaning import MONTH_RE, MONTHS
from .corpus import MANIFEST_COLUMNS, OPTIONAL_COLUMNS, CorpusError, decode_article

FIELDS = ("title", "outlet", "author", "published", "published_latest", "url")
SUPPORTED = "a saved web page (.html, .htm), a PDF (.pdf) or a UTF-8 text file (.txt)"
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
ORIGINAL_SUFFIX = {"html": "html", "pdf": "pdf"}
MAX_SLUG_CHARS = 60
# A date in a web address, as news sites file their articles: /2025/01/ or /2025/01/15/.
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")
# A line of a PDF's first page that is only a date, perhaps after "Published" or "Date:".
DATE_LINE_PREFIX = r"(?:(?:published|date[d]?|issued)\s*(?:on)?\s*:?\s*)?"
DATE_LINES = (
    (re.compile(rf"{DATE_LINE_PREFIX}(\d{{1,2}}) ({MONTH_RE}),? (\d{{4}})", re.I), (3, 2, 1)),
    (re.compile(rf"{DATE_LINE_PREFIX}({MONTH_RE}) (\d{{1,2}}),? (\d{{4}})", re.I), (3, 1, 2)),
    (re.compile(rf"{DATE_LINE_PREFIX}({MONTH_RE}),? (\d{{4}})", re.I), (2, 1, None)),
    (re.compile(rf"{DATE_LINE_PREFIX}(\d{{4}})-(\d{{2}})-(\d{{2}})", re.I), (1, 2, 3)),
)
BYLINE = re.compile(r"^by\s+(.+)$", re.I)
POSITION = ("x0", "x1", "top", "bottom")
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)]$")
FILE_LIKE_TITLE = re.compile(r"\.(?:docx?|pdf|indd|tex|odt)\b|^untitled|^microsoft word", re.I)
# A line at least this share of the usual line width runs the full measure: it belongs to running text.
FULL_LINE = 0.8
EDGE_LINES = 2  # running headers and footers sit in the first or last lines of a page


class IngestError(ValueError):
    """A source that cannot be added; the message names it and says why."""


@dataclass(frozen=True)
class Extracted:
    """An article read from a source: its text, its metadata fields and where each was read."""

    kind: str  # html | pdf | text
    text: str
    fields: dict[str, str]
    origins: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


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


def kind_label(kind: str) -> str:
    return {"html": "web page", "pdf": "PDF", "text": "text file"}[kind]


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
        origins["url"] = "the address it was fetched from"
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


@dataclass(frozen=True)
class Line:
    """A line of a PDF page: its text, position and type size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def pdf_lines(data: bytes, name: str) -> tuple[dict, list[list[Line]]]:
    """A PDF's metadata and its pages as lines (pdfplumber); a damaged or locked file is refused."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [
                [
                    Line(" ".join(line["text"].split()), *(line[k] for k in POSITION), median_size(line["chars"]))
                    for line in page.extract_text_lines()
                    if line["text"].strip()
                ]
                for page in pdf.pages
            ]
            return dict(pdf.metadata), pages
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args else exc
        raise IngestError(f"{name}: the PDF cannot be read ({type(cause).__name__}: {cause})") from None


def median_size(chars: list[dict]) -> float:
    return round(statistics.median(c["size"] for c in chars), 1) if chars else 0.0


def extract_pdf(data: bytes, name: str) -> Extracted:
    """Text and metadata of a PDF: running headers, footers and page numbers dropped, lines joined into paragraphs.

    The title is the largest type on the first page (else the document's Title), the author a "By" line on it
    (else the document's Author), the date a line of the first page that is only a date. A first page with no
    line of running text is a title page and is not part of the text. The file's creation date is noted, never
    taken as the publication date.
    """
    meta, pages = pdf_lines(data, name)
    pages = drop_running_lines(pages)
    first = pages[0] if pages else []
    lines = [line for page in pages for line in page]
    body_size = statistics.median(line.size for line in lines) if lines else 0.0
    measure = statistics.median(line.width for line in lines if line.size == body_size) if lines else 0.0
    fields, origins, used = dict.fromkeys(FIELDS, ""), {}, set()
    top_size = max((line.size for line in first), default=0.0)
    title_lines = first_run(first, top_size) if top_size > body_size else []
    if title_lines:
        fields["title"], origins["title"] = (
            " ".join(line.text for line in title_lines),
            "the largest type on the first page",
        )
        used.update(id(line) for line in title_lines)
    elif str(meta.get("Title", "")).strip() and not FILE_LIKE_TITLE.search(str(meta["Title"])):
        fields["title"], origins["title"] = str(meta["Title"]).strip(), "the PDF's metadata"
    for line in first:
        if not fields["author"] and (match := BYLINE.match(line.text)):
            fields["author"], origins["author"] = match.group(1).strip(), "a 'By' line on the first page"
            used.add(id(line))
        elif not fields["published"] and (date := date_line(line.text)):
            fields["published"], origins["published"] = date, "a date line on the first page"
            used.add(id(line))
    if not fields["author"] and str(meta.get("Author", "")).strip():
        fields["author"], origins["author"] = str(meta["Author"]).strip(), "the PDF's metadata"
    rest = [line for line in first if id(line) not in used]
    title_page = len(pages) > 1 and not any(line.width >= FULL_LINE * measure for line in rest)
    body = pages[1:] if title_page else [rest, *pages[1:]]
    created = pdf_date(str(meta.get("CreationDate", "")))
    notes = (f"PDF file created {created} (not taken as the publication date)",) if created else ()
    return Extracted("pdf", join_paragraphs(body, measure), fields, origins, notes)


def first_run(lines: list[Line], size: float) -> list[Line]:
    """The first consecutive lines set in ``size`` (a title over several lines, not a later heading)."""
    start = next(i for i, line in enumerate(lines) if line.size == size)
    end = next((i for i in range(start, len(lines)) if lines[i].size != size), len(lines))
    return lines[start:end]


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without page numbers and running headers or footers.

    A running line is one of the first or last ``EDGE_LINES`` of a page that recurs (digits aside) at the edge
    of at least half of the pages.
    """
    edges = [{running_key(line) for line in page[:EDGE_LINES] + page[-EDGE_LINES:]} for page in pages]
    counts = Counter(key for keys in edges for key in keys)
    running = {key for key, n in counts.items() if n >= 2 and n * 2 >= len(pages)}
    return [
        [
            line
            for index, line in enumerate(page)
            if not (PAGE_NUMBER.match(line.text) or (running_key(line) in running and is_edge(index, len(page))))
        ]
        for page in pages
    ]


def is_edge(index: int, count: int) -> bool:
    return index < EDGE_LINES or index >= count - EDGE_LINES


def running_key(line: Line) -> str:
    """A line's text with its numbers masked, so "Page 3" and "Page 4" of a running footer compare equal."""
    return re.sub(r"\d+", "#", line.text.lower())


def join_paragraphs(pages: list[list[Line]], measure: float) -> str:
    """Lines joined into paragraphs, one per output line.

    A paragraph ends at a wider gap than the usual line spacing, a change of type size, or a sentence end on a
    line short of the full measure (or at a page end); a word hyphenated at a line end is joined.
    """
    gaps = [b.top - a.bottom for page in pages for a, b in pairwise(page) if b.top > a.bottom]
    spacing = statistics.median(gaps) if gaps else 0.0
    paragraphs: list[str] = []
    previous: Line | None = None
    for page in pages:
        for index, line in enumerate(page):
            new_page = index == 0
            if previous is None or paragraph_break(previous, line, spacing, measure, new_page):
                paragraphs.append(line.text)
            elif paragraphs[-1].endswith("-") and line.text[:1].islower():
                paragraphs[-1] = paragraphs[-1][:-1] + line.text
            else:
                paragraphs[-1] += " " + line.text
            previous = line
    return "\n".join(paragraphs) + "\n" if paragraphs else ""


def paragraph_break(previous: Line, line: Line, spacing: float, measure: float, new_page: bool) -> bool:
    """Whether ``line`` starts a new paragraph after ``previous``."""
    if line.size != previous.size:
        return True
    ends_sentence = bool(SENTENCE_END.search(previous.text))
    if new_page or (ends_sentence and previous.width < FULL_LINE * measure):
        return ends_sentence
    return line.top - previous.bottom > spacing * 1.5 + 0.5


def date_line(text: str) -> str:
    """``YYYY-MM-DD`` or ``YYYY-MM`` when the line is only a date (perhaps after "Published"), else empty."""
    for pattern, (y, m, d) in DATE_LINES:
        match = pattern.fullmatch(text.strip().rstrip("."))
        if match:
            month = match.group(m)
            month_number = int(month) if month.isdigit() else MONTHS.index(month.lower()) + 1
            day = f"-{int(match.group(d)):02d}" if d else ""
            return f"{match.group(y)}-{month_number:02d}{day}"
    return ""


def pdf_date(value: str) -> str:
    """``YYYY-MM-DD`` of a PDF date string (``D:20250115...``), else empty."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", value.strip())
    return "-".join(match.groups()) if match else ""


def slug(title: str) -> str:
    """Lower-case ASCII words of a title joined by hyphens (apostrophes dropped), at most MAX_SLUG_CHARS, cut at a
    word."""
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


def normalized_url(url: str) -> str:
    """An address compared without scheme, ``www.``, fragment, trailing slash or ``utm_`` tracking parameters."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def comparable_text(text: str) -> str:
    """Cleaned text compared without case or spacing differences."""
    return " ".join(text.split()).casefold()


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
