"""PDFs, read with pdfplumber: the text in paragraphs, and the title, author and date of the first page.

Running headers, footers and page numbers are left out; a title page is read for metadata, not kept as text.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from ..cleaning import MONTH_RE, MONTHS
from .base import FIELDS, Extracted, IngestError

# A line of a PDF's first page that is only a date, perhaps after "Published" or "Date:".
DATE_LINE_PREFIX = r"(?:(?:published|date[d]?|issued)\s*(?:on)?\s*:?\s*)?"
DAY = r"(\d{1,2})(?:st|nd|rd|th|\.)?"  # 8, 8th, 8.
DATE_LINES = (
    (re.compile(rf"{DATE_LINE_PREFIX}{DAY} (?:of )?({MONTH_RE}),? (\d{{4}})", re.I), (3, 2, 1)),
    (re.compile(rf"{DATE_LINE_PREFIX}({MONTH_RE}) {DAY},? (\d{{4}})", re.I), (3, 1, 2)),
    (re.compile(rf"{DATE_LINE_PREFIX}({MONTH_RE}),? (\d{{4}})", re.I), (2, 1, None)),
    (re.compile(rf"{DATE_LINE_PREFIX}(\d{{4}})-(\d{{2}})-(\d{{2}})", re.I), (1, 2, 3)),
)
UPDATED = re.compile(r"^(?:last\s+)?(?:updated|revised)(?:\s+on)?\s*:?\s*(.+)$", re.I)
BYLINE = re.compile(r"^by\s+(.+)$", re.I)
POSITION = ("x0", "x1", "top", "bottom")
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)]$")
FILE_LIKE_TITLE = re.compile(r"\.(?:docx?|pdf|indd|tex|odt)\b|^untitled|^microsoft word", re.I)
# A line at least this share of the usual line width runs the full measure: it belongs to running text.
FULL_LINE = 0.8
MIN_GUTTER = 6  # points: the narrowest empty band between two columns
EDGE_LINES = 2  # running headers and footers sit in the first or last lines of a page
# A gap of this share of the type size separates words; pdfplumber's fixed 3 pt runs together the words of
# tightly set PDFs (LaTeX's, for one).
WORD_GAP = 0.15


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

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [
                [
                    Line(" ".join(line["text"].split()), *(line[k] for k in POSITION), median_size(line["chars"]))
                    for line in reading_order(page)
                    if line["text"].strip()
                ]
                for page in pdf.pages
            ]
            return dict(pdf.metadata), pages
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged, locked or unusual file
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        raise IngestError(f"{name}: the PDF cannot be read ({type(cause).__name__}: {cause})") from None


def reading_order(page) -> list[dict]:
    """A page's text lines in reading order: with two columns, the lines set across above them (a title, a
    header), each column, then the lines set across below them (a footer)."""
    lines = page.extract_text_lines(x_tolerance_ratio=WORD_GAP)
    split = gutter(lines, page.width)
    if split is None:
        return lines
    across = [line for line in lines if crosses(line, split)]
    spans = [(line["top"], line["bottom"]) for line in across]
    columns = [
        line
        for bbox in ((0, 0, split, page.height), (split, 0, page.width, page.height))
        for line in page.crop(bbox).extract_text_lines(x_tolerance_ratio=WORD_GAP)
        if not any(top <= (line["top"] + line["bottom"]) / 2 <= bottom for top, bottom in spans)
    ]
    start = min((line["top"] for line in columns), default=0.0)
    above = [line for line in across if line["top"] < start]
    return above + columns + [line for line in across if line["top"] >= start]


def gutter(lines: list[dict], width: float) -> float | None:
    """The middle of an empty vertical band that splits most lines in two, if the page has two columns.

    Only lines in the most common type size count (a title may cross the band); candidates lie in the middle
    third of the page, and at most one such line in ten may cross the band (an introduction set across). The
    columns must be filled as running text fills them, not a table's short cells, which are read row by row.
    """
    sizes = [median_size(line["chars"]) for line in lines]
    body = statistics.mode(sizes) if sizes else 0.0
    rows = [inked(line["chars"]) for line, size in zip(lines, sizes, strict=True) if size == body]
    rows = [row for row in rows if row]
    if not rows:
        return None
    best = []
    for x in range(int(width / 3), int(width * 2 / 3)):
        split_rows = sum(1 for row in rows if min(a for a, _ in row) < x < max(b for _, b in row))
        crossed = sum(1 for row in rows if any(a <= x <= b for a, b in row))
        if crossed * 10 <= len(rows) and (split_rows - crossed) * 2 >= len(rows):
            best.append(x)
    if len(best) < MIN_GUTTER:
        return None
    split = statistics.median(best)
    return split if filled_columns(rows, split) else None


def filled_columns(rows: list[list[tuple[float, float]]], split: float) -> bool:
    """Whether at least half of the lines run to the full measure of both columns, on each side of ``split``."""
    left_edge, right_edge = min(row[0][0] for row in rows), max(row[-1][1] for row in rows)
    full = 0
    for row in rows:
        left = [b for a, b in row if b < split]
        right = [b for a, b in row if a > split]
        full += bool(
            left
            and right
            and max(left) - left_edge >= FULL_LINE * (split - left_edge)
            and max(right) - split >= FULL_LINE * (right_edge - split)
        )
    return full * 2 >= len(rows)


def inked(chars: list[dict]) -> list[tuple[float, float]]:
    """The horizontal extents a line's characters cover, touching ones (within 1 pt) merged: its words."""
    spans: list[list[float]] = []
    for char in sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"]):
        if spans and char["x0"] <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], char["x1"])
        else:
            spans.append([char["x0"], char["x1"]])
    return [(a, b) for a, b in spans]


def crosses(line: dict, split: float) -> bool:
    """Whether a line runs across the gutter: a character over it, or one on each side less than a line's
    height apart (a word space, not the gutter between two columns' lines)."""
    left = [c["x1"] for c in line["chars"] if c["x1"] <= split]
    right = [c["x0"] for c in line["chars"] if c["x0"] >= split]
    inside = any(c["x0"] < split < c["x1"] for c in line["chars"])
    return inside or bool(left and right and min(right) - max(left) < line["bottom"] - line["top"])


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
        elif not fields["published_latest"] and (date := updated_line(line.text)):
            fields["published_latest"] = date
            origins["published_latest"] = "an 'Updated' line on the first page (it appeared on or before)"
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
    line short of the full measure (or at the end of a page or column); a word hyphenated at a line end is joined.
    """
    gaps = [b.top - a.bottom for page in pages for a, b in pairwise(page) if b.top > a.bottom]
    spacing = statistics.median(gaps) if gaps else 0.0
    paragraphs: list[str] = []
    previous: Line | None = None
    for page in pages:
        for index, line in enumerate(page):
            new_column = index == 0 or (previous is not None and line.bottom < previous.top)  # back up: a column
            if previous is None or paragraph_break(previous, line, spacing, measure, new_column):
                paragraphs.append(line.text)
            elif paragraphs[-1].endswith("-") and line.text[:1].islower():
                paragraphs[-1] = paragraphs[-1][:-1] + line.text
            else:
                paragraphs[-1] += " " + line.text
            previous = line
    return "\n".join(paragraphs) + "\n" if paragraphs else ""


def paragraph_break(previous: Line, line: Line, spacing: float, measure: float, new_column: bool) -> bool:
    """Whether ``line`` starts a new paragraph after ``previous``."""
    if line.size != previous.size:
        return True
    ends_sentence = bool(SENTENCE_END.search(previous.text))
    if new_column or (ends_sentence and previous.width < FULL_LINE * measure):
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


def updated_line(text: str) -> str:
    """The date of a line that says when the document was updated or revised, else empty."""
    match = UPDATED.match(text.strip())
    return date_line(match.group(1)) if match else ""


def pdf_date(value: str) -> str:
    """``YYYY-MM-DD`` of a PDF date string (``D:20250115...``), else empty."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", value.strip())
    return "-".join(match.groups()) if match else ""
