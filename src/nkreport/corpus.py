"""Load and validate the raw corpus: ``articles/*.txt`` plus ``manifest.csv``.

Every problem is raised as a :class:`CorpusError` that names the file, the
manifest line or the field and says what is wrong, before any notebook runs.
The raw files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from charset_normalizer import from_bytes

MANIFEST_COLUMNS = ("article_id", "file", "title", "outlet", "author", "published", "url", "notes")
# Optional columns: a manifest without them loads as if they were empty.
# published_latest: the last day the article can have appeared (YYYY, YYYY-MM or YYYY-MM-DD), if no exact date.
# original_sha256: SHA-256 of the saved page or PDF the text was extracted from, kept as originals/<article_id>.<ext>.
OPTIONAL_COLUMNS = ("published_latest", "original_sha256")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
ARTICLE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_ARTICLE_BYTES = 5_000_000
# C0/C1 control characters other than tab, line feed and carriage return: binary data or a decoding error.
CONTROL_CHARACTER = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
VISIBLE_CHARACTER = re.compile(r"[^\s\u200b-\u200d\u2060\ufeff\u00ad]")
# The extractor reads English: an article whose letters are mostly of another script is not read.
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
SCRIPT_LANGUAGES = {"HANGUL": "Korean", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "CJK": "Chinese or Japanese"}
DATE_PATTERNS = (
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
)


class CorpusError(ValueError):
    """A corpus input problem, with the file and line it concerns in the message."""


@dataclass(frozen=True)
class RawArticle:
    """One article as read from disk, decoded but not yet cleaned."""

    article_id: str
    file: str
    text: str
    meta: dict[str, str]
    manifest_line: int
    sha256: str
    decoding_notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DateBounds:
    """A publication date known to a precision: ``low <= date <= high``."""

    low: dt.date | None
    high: dt.date | None
    precision: str  # day | month | year | unknown


def parse_published(value: str, where: str, today: dt.date | None = None) -> DateBounds:
    """Parse a manifest ``published`` value (YYYY, YYYY-MM or YYYY-MM-DD) into bounds."""
    value = value.strip()
    if not value:
        return DateBounds(None, None, "unknown")
    precision = next((name for pattern, name in DATE_PATTERNS if pattern.match(value)), None)
    if precision is None:
        raise CorpusError(f"{where}: published {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    try:
        if precision == "year":
            low, high = dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        elif precision == "month":
            low = dt.date(parts[0], parts[1], 1)
            high = (low.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            low = high = dt.date(*parts)
    except ValueError as exc:
        raise CorpusError(f"{where}: published {value!r} is not a real date ({exc})") from None
    today = today or dt.date.today()
    if low > today:
        raise CorpusError(f"{where}: published {value!r} is in the future (today is {today})")
    return DateBounds(low, high, precision)


def published_bounds(published: str, latest: str, where: str, today: dt.date | None = None) -> DateBounds:
    """Bounds from the manifest's ``published`` and optional ``published_latest`` (an upper bound).

    ``published_latest`` narrows the high end: precision becomes ``range`` when a low end is known, else
    ``upper bound``. A latest date before the published one is refused.
    """
    bounds = parse_published(published, f"{where}, field published", today)
    if not latest.strip():
        return bounds
    upper = parse_published(latest, f"{where}, field published_latest", today).high
    if bounds.low is not None and upper < bounds.low:
        raise CorpusError(
            f"{where}: published_latest {latest.strip()!r} is before published {published.strip()!r}; "
            "published_latest is the last day the article can have appeared"
        )
    if bounds.high is not None and upper >= bounds.high:
        return bounds
    return DateBounds(bounds.low, upper, "range" if bounds.low else "upper bound")


def decode_article(data: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    """Decode bytes as strict UTF-8; refuse binary, empty and other encodings with a clear error.

    A byte-order mark is dropped and CRLF or lone CR line ends are noted (cleaning makes them LF and audits it).
    """
    notes: list[str] = []
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(f"{path}: the file is binary (NUL byte at offset {nul}), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        notes.append("utf8_bom")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = from_bytes(data).best()
        line = data.count(b"\n", 0, exc.start) + 1
        advice = (
            f"it looks like {guess.encoding}. Convert it, e.g. `iconv -f {guess.encoding} -t utf-8`"
            if guess is not None
            else "its encoding could not be detected. Find it (`file -i` may tell) and convert it with "
            "`iconv -f <encoding> -t utf-8`"
        )
        raise CorpusError(
            f"{path}: not valid UTF-8 at byte offset {exc.start} (line {line}, byte 0x{data[exc.start]:02x}); "
            f"{advice}, and add the converted file; the pipeline never guesses an encoding."
        ) from None
    if not VISIBLE_CHARACTER.search(text):
        raise CorpusError(f"{path}: the file is empty or holds only whitespace")
    control = control_character(text)
    if control:
        raise CorpusError(
            f"{path}: {control}; the file is binary or was decoded wrongly before it was saved as UTF-8. "
            "Remove the character (or convert the file from its real encoding) and build again"
        )
    if "\r\n" in text:
        notes.append("crlf_line_ends")
    if "\r" in text.replace("\r\n", ""):
        notes.append("cr_line_ends")
    return text, tuple(notes)


def control_character(text: str) -> str | None:
    """Where ``text``'s first control character is ("control character U+001B on line 3, column 7"), or None."""
    found = CONTROL_CHARACTER.search(text)
    if not found:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return f"control character U+{ord(found.group()):04X} on line {line}, column {column}"


def read_manifest(corpus_dir: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows of ``manifest.csv`` with their line numbers; checks the header."""
    manifest = corpus_dir / "manifest.csv"
    if not manifest.is_file():
        raise CorpusError(f"{manifest}: the manifest is missing; the corpus needs one row per article")
    try:
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise CorpusError(f"{manifest} line 1: missing column(s) {', '.join(missing)}")
            rows = [(reader.line_num, dict(row)) for row in reader]
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{manifest}: not valid UTF-8 at byte offset {exc.start}") from None
    if not rows:
        raise CorpusError(f"{manifest}: the corpus is empty (no article rows)")
    return rows


def validate_row(line: int, row: dict[str, str], manifest: Path) -> dict[str, str]:
    """Strip a manifest row's fields and check its id and file name."""
    where = f"{manifest} line {line}"
    if None in row:
        raise CorpusError(f"{where}: more fields than the {len(MANIFEST_COLUMNS)} columns of the header")
    row = dict.fromkeys(OPTIONAL_COLUMNS, "") | {k: (v or "").strip() for k, v in row.items()}
    for name, value in row.items():
        control = control_character(value)
        if control:
            raise CorpusError(f"{where}, field {name}: {control.replace(' on line 1,', ' at')}; remove it")
    if not ARTICLE_ID_PATTERN.match(row["article_id"]):
        raise CorpusError(
            f"{where}: article_id {row['article_id']!r} must be 1-64 lower-case letters, digits, '-' or '_'"
        )
    if not row["file"] or Path(row["file"]).name != row["file"] or row["file"].startswith("."):
        raise CorpusError(f"{where}: file {row['file']!r} must be a plain, not hidden, file name inside articles/")
    if row["original_sha256"] and not SHA256_PATTERN.match(row["original_sha256"]):
        raise CorpusError(f"{where}: original_sha256 {row['original_sha256']!r} is not 64 lower-case hex digits")
    return row


def check_original(corpus_dir: Path, row: dict[str, str], where: str) -> None:
    """An original named in the manifest exists as ``originals/<article_id>.<ext>`` and has its recorded hash."""
    if not row["original_sha256"]:
        return
    originals = sorted((corpus_dir / "originals").glob(f"{row['article_id']}.*"))
    if len(originals) != 1:
        found = "none" if not originals else ", ".join(p.name for p in originals)
        raise CorpusError(
            f"{where}: original_sha256 is set but {corpus_dir / 'originals'} holds {found} for "
            f"{row['article_id']!r} (expected one file {row['article_id']}.<ext>); restore it or empty the field"
        )
    digest = hashlib.sha256(originals[0].read_bytes()).hexdigest()
    if digest != row["original_sha256"]:
        raise CorpusError(
            f"{where}: {originals[0]} has SHA-256 {digest[:12]}..., not the manifest's "
            f"{row['original_sha256'][:12]}...; the original was changed after the text was extracted from it"
        )


def load_corpus(corpus_dir: Path | str, today: dt.date | None = None) -> list[RawArticle]:
    """Read and validate every article of the corpus, in manifest order."""
    corpus_dir = Path(corpus_dir)
    articles_dir = corpus_dir / "articles"
    manifest = corpus_dir / "manifest.csv"
    if not articles_dir.is_dir():
        raise CorpusError(f"{articles_dir}: the articles folder is missing")
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    seen_hashes: dict[str, str] = {}
    seen_urls: dict[str, str] = {}
    articles = []
    for line, raw_row in read_manifest(corpus_dir):
        row = validate_row(line, raw_row, manifest)
        where = f"{manifest} line {line}"
        if row["article_id"] in seen_ids:
            raise CorpusError(
                f"{where}: duplicate article_id {row['article_id']!r} (first on line {seen_ids[row['article_id']]})"
            )
        if row["file"] in seen_files:
            raise CorpusError(f"{where}: file {row['file']!r} is already listed on line {seen_files[row['file']]}")
        seen_ids[row["article_id"]], seen_files[row["file"]] = line, line
        named = f"article {row['article_id']!r} ({row['file']})"
        url = normalized_url(row["url"])
        if url in seen_urls:
            raise CorpusError(
                f"{where}: {named} has the same url as {seen_urls[url]} ({row['url']}); the same article "
                "saved twice counts its claims twice: remove one of the two rows and files"
            )
        if url:
            seen_urls[url] = named
        published_bounds(row["published"], row["published_latest"], where, today)
        check_original(corpus_dir, row, where)
        path = articles_dir / row["file"]
        if not path.is_file():
            raise CorpusError(f"{where}: file {row['file']!r} not found in {articles_dir}")
        data = path.read_bytes()
        if len(data) > MAX_ARTICLE_BYTES:
            raise CorpusError(f"{path}: {len(data):,} bytes is over the {MAX_ARTICLE_BYTES:,}-byte limit per article")
        text, notes = decode_article(data, path)
        digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        if digest in seen_hashes:
            raise CorpusError(f"{where}: {named} has the same text as {seen_hashes[digest]}; remove one of the two")
        seen_hashes[digest] = named
        articles.append(RawArticle(row["article_id"], row["file"], text, row, line, digest, notes))
    unlisted = sorted(p.name for p in article_files(articles_dir) if p.name not in seen_files and is_article_name(p))
    if unlisted:
        raise CorpusError(
            f"{articles_dir / unlisted[0]}: no row in {manifest} for this file"
            + (f" (nor for {len(unlisted) - 1} more)" if len(unlisted) > 1 else "")
            + "; add a row (article_id,file,title,outlet,author,published,url,notes) or remove the file"
        )
    return articles


def is_article_name(path: Path) -> bool:
    """True for a name an article file may have: a ``.txt`` file that is not hidden."""
    return path.suffix.lower() == ".txt" and not path.name.startswith(".")


def ignored_files(corpus_dir: Path | str, articles: list[RawArticle]) -> list[str]:
    """Files of ``articles/`` that are not articles (hidden files, a README, ...): the build ignores them."""
    listed = {article.file for article in articles}
    folder = Path(corpus_dir) / "articles"
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in listed and not is_article_name(p))


def normalized_url(url: str) -> str:
    """A url as the same page compares: no scheme, ``www.``, fragment, trailing slash or ``utm_`` tracking parameters.

    Host in lower case; empty for an empty url.
    """
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def comparable_text(text: str) -> str:
    """Cleaned text as two copies of one article compare: words only, case folded."""
    return " ".join(text.casefold().split())


def check_cleaned_duplicates(articles: Iterable[tuple[str, str]]) -> None:
    """Raise a :class:`CorpusError` naming both files if two articles' cleaned texts (file, text) are the same."""
    seen: dict[str, str] = {}
    for file, text in articles:
        key = comparable_text(text)
        if key and key in seen:
            raise CorpusError(
                f"{file} and {seen[key]} hold the same article once cleaned (they differ only in boilerplate, "
                "quotes, spacing or case); it would count its claims twice: remove one of the two rows and files"
            )
        seen.setdefault(key, file)


def reading_status(text: str) -> str:
    """``read``, or why the extractor cannot read a text: ``not read: Korean``, ``not read: no words``."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "not read: no words"
    other = [ch for ch in letters if not LATIN_LETTER.match(ch)]
    if len(other) * 2 <= len(letters):
        return "read"
    script = Counter(unicodedata.name(ch, "UNKNOWN").split(" ")[0] for ch in other).most_common(1)[0][0]
    return f"not read: {SCRIPT_LANGUAGES.get(script, script.capitalize() + ' script')}"


def article_files(articles_dir: Path) -> list[Path]:
    """The files of the articles folder in name order; hidden files (.DS_Store, editor swap files) are ignored."""
    if not articles_dir.is_dir():
        return []
    return sorted(p for p in articles_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def corpus_hash(corpus_dir: Path | str) -> str:
    """SHA-256 over the manifest and every article's bytes, in file-name order."""
    corpus_dir = Path(corpus_dir)
    digest = hashlib.sha256()
    for path in [corpus_dir / "manifest.csv", *article_files(corpus_dir / "articles")]:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
