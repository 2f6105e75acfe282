"""``python -m nkreport add PATH_OR_URL...``: add saved web pages, PDFs, text files or links to the corpus.

The stage of :mod:`nkreport.ingest` that does the I/O: it reads each source (a folder gives its files), fetches
links, refuses duplicates, writes the article's text to ``articles/<article_id>.txt``, keeps the page or PDF as
``originals/<article_id>.<ext>``, appends the manifest row, and checks that the corpus still loads. A source
that cannot be added leaves nothing behind. It prints what it found and what it did not, so the user can
complete the row.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .cleaning import clean_article, clean_corpus
from .corpus import CorpusError, RawArticle, load_corpus, read_manifest
from .ingest import (
    FIELDS,
    Extracted,
    IngestError,
    duplicate_of,
    extract,
    manifest_row,
    manifest_with_row,
    source_kind,
    unique_id,
)
from .paths import PROJECT_ROOT
from .stages import reference

DEFAULT_CORPUS = PROJECT_ROOT / "data" / "raw"
FETCH_TIMEOUT = 30  # seconds
MAX_DOWNLOAD = 50_000_000  # bytes


@dataclass(frozen=True)
class Source:
    """A source's bytes, with the name it is reported under and, for a link, its address and content type."""

    name: str
    data: bytes
    url: str = ""
    content_type: str = ""


@dataclass
class Outcome:
    """What happened to one source: the article added (with its report lines), or why it was refused."""

    source: str
    article_id: str = ""
    error: str = ""
    lines: list[str] = field(default_factory=list)


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> Source:
    """Download a link; an address that does not answer is refused with the reason."""
    request = urllib.request.Request(url, headers={"User-Agent": "nkreport-add (article ingestion)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_DOWNLOAD + 1)
            final, content_type = response.geturl(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise IngestError(f"{url}: the server answered {exc.code} {exc.reason}; check the address") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise IngestError(
            f"{url}: no answer ({reason}); check the address and this machine's internet connection, "
            "or save the page in a browser and add the saved file"
        ) from None
    if len(data) > MAX_DOWNLOAD:
        raise IngestError(f"{url}: more than {MAX_DOWNLOAD:,} bytes; save the page and add the file")
    return Source(url, data, final, content_type.lower())


def expand(items: list[str]) -> list[str]:
    """The sources named on the command line, a folder replaced by its files (name order, hidden ones left out)."""
    result = []
    for item in items:
        path = Path(item)
        if "://" not in item and path.is_dir():
            result.extend(str(p) for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith("."))
        else:
            result.append(item)
    return result


def read_source(item: str, fetcher: Callable[[str], Source]) -> Source:
    """A link fetched, or a file read."""
    if "://" in item:
        if not item.lower().startswith(("http://", "https://")):
            raise IngestError(f"{item}: only http and https addresses can be fetched")
        return fetcher(item)
    path = Path(item)
    if not path.is_file():
        raise IngestError(f"{item}: no such file")
    try:
        return Source(path.name, path.read_bytes())
    except OSError as exc:
        raise IngestError(f"{item}: cannot be read ({exc.strerror})") from None


@dataclass
class Corpus:
    """The corpus being added to: its folder, ids and files taken, and each article's address and cleaned text."""

    folder: Path
    ids: set[str]
    articles: list[tuple[str, str, str]]  # article_id, url, cleaned text
    variants: pd.DataFrame  # the name-variants table cleaning uses


def open_corpus(folder: Path) -> Corpus:
    """The corpus as it is (an absent or header-only manifest is an empty corpus); a broken one stops the add."""
    variants = reference.name_variants()
    manifest = folder / "manifest.csv"
    taken = {p.stem for sub in ("articles", "originals") for p in (folder / sub).glob("*")}
    if not manifest.is_file() or len(manifest.read_text(encoding="utf-8-sig").strip().splitlines()) < 2:
        return Corpus(folder, taken, [], variants)
    try:
        raw = load_corpus(folder)
    except CorpusError as exc:
        raise CorpusError(f"the corpus does not load, so nothing is added until it is fixed: {exc}") from None
    articles, _, _ = clean_corpus(raw, variants)
    known = list(zip(articles["article_id"], articles["url"], articles["text"], strict=True))
    return Corpus(folder, taken | {a.article_id for a in raw}, known, variants)


def add_source(source: Source, corpus: Corpus) -> Outcome:
    """Extract one source and write it into the corpus; raises :class:`IngestError` with nothing written."""
    kind = source_kind(source.url or source.name, source.data, source.content_type)
    found = extract(kind, source.data, source.name, source.url)
    article_id = unique_id([found.fields["title"], Path(source.name).stem], corpus.ids)
    digest = hashlib.sha256(source.data).hexdigest() if kind != "text" else ""
    row = manifest_row(article_id, found, source.name, digest)
    raw = RawArticle(article_id, row["file"], found.text, row, 0, "")
    clean_text = clean_article(raw, corpus.variants).article["text"]
    if not clean_text.strip():
        raise IngestError(f"{source.name}: nothing is left of its text after cleaning (only boilerplate)")
    reason = duplicate_of(row["url"], clean_text, corpus.articles)
    if reason:
        raise IngestError(f"{source.name}: a duplicate, {reason}")
    original = (f"{article_id}.{kind}", source.data) if digest else None
    line = write_article(corpus.folder, row, found.text, original)
    corpus.ids.add(article_id)
    corpus.articles.append((article_id, row["url"], clean_text))
    return Outcome(source.name, article_id, lines=report_lines(found, row, corpus.folder, line, original))


def write_article(folder: Path, row: dict[str, str], text: str, original: tuple[str, bytes] | None) -> int:
    """Write the text, the original and the manifest row; undo all of it if the corpus then fails to load.

    Returns the row's line number in the manifest.
    """
    manifest = folder / "manifest.csv"
    before = manifest.read_bytes() if manifest.is_file() else None
    written: list[Path] = []
    try:
        written.append(write_new(folder / "articles" / row["file"], text.encode("utf-8")))
        if original:
            written.append(write_new(folder / "originals" / original[0], original[1]))
        previous = before.decode("utf-8-sig") if before else ""
        replace_atomically(manifest, manifest_with_row(previous, row).encode("utf-8"))
        load_corpus(folder)
    except BaseException as exc:
        if before is None:
            manifest.unlink(missing_ok=True)
        else:
            replace_atomically(manifest, before)
        for path in written:
            path.unlink(missing_ok=True)
        if isinstance(exc, CorpusError):
            raise IngestError(f"{row['article_id']}: not added, the corpus would not load with it: {exc}") from None
        raise
    return read_manifest(folder)[-1][0]


def write_new(path: Path, data: bytes) -> Path:
    """Write a file that must not exist yet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as handle:
        handle.write(data)
    return path


def replace_atomically(path: Path, data: bytes) -> None:
    """Replace a file's content in one step (a temporary file beside it, then a rename)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report_lines(found: Extracted, row: dict[str, str], folder: Path, line: int, original) -> list[str]:
    """What was written, each field found (with where it was read) or not found, and the row to check."""
    lines = [f"  text      {folder / 'articles' / row['file']} ({len(found.text.split()):,} words)"]
    if original:
        lines.append(f"  original  {folder / 'originals' / original[0]} (sha256 {row['original_sha256'][:12]}...)")
    for name in FIELDS:
        value = row[name]
        if name == "published_latest" and not value and row["published"]:
            continue
        lines.append(
            f"  {name:<17} {value}   [from {found.origins.get(name, '?')}]" if value else f"  {name:<17} not found"
        )
    lines.extend(f"  note      {note}" for note in found.notes)
    missing = [name for name in FIELDS if not row[name] and name != "published_latest"]
    if missing:
        lines.append(
            f"  check line {line} of {folder / 'manifest.csv'} and fill in what you can establish: "
            + ", ".join(missing)
            + " (an unknown date stays empty; a last possible day goes in published_latest)"
        )
    return lines


def add_all(items: list[str], folder: Path, fetcher: Callable[[str], Source] = fetch) -> list[Outcome]:
    """Add every source it can; one refused source does not stop the others."""
    corpus = open_corpus(folder)
    outcomes = []
    for item in expand(items):
        try:
            outcomes.append(add_source(read_source(item, fetcher), corpus))
        except IngestError as exc:
            outcomes.append(Outcome(item, error=str(exc)))
    return outcomes


def recheck(folder: Path) -> list[tuple[str, str]]:
    """For each article kept with its original: whether extracting the original again gives the article's text.

    The corpus check has already matched each original with its recorded hash.
    """
    results = []
    for article in load_corpus(folder):
        if not article.meta["original_sha256"]:
            continue
        [original] = (folder / "originals").glob(f"{article.article_id}.*")
        data = original.read_bytes()
        try:
            text = extract(source_kind(original.name, data), data, original.name).text
        except IngestError as exc:
            results.append((article.article_id, f"cannot be extracted again: {exc}"))
            continue
        line = first_difference(article.text.splitlines(), text.splitlines())
        status = "the same text" if line is None else f"differs from line {line}: edited by hand, or read otherwise now"
        results.append((article.article_id, status))
    return results


def first_difference(ours: list[str], again: list[str]) -> int | None:
    """The first line number (1-based) where two texts differ, or None when they are the same."""
    if ours == again:
        return None
    return next(
        (n for n, (a, b) in enumerate(zip(ours, again, strict=False), start=1) if a != b),
        1 + min(map(len, (ours, again))),
    )


def main(argv: list[str] | None = None) -> int:
    """``add`` entry point: 0 when every source was added, 1 when any was refused, 2 when nothing could start."""
    parser = argparse.ArgumentParser(
        prog="python -m nkreport add", description="Add saved web pages, PDFs, text files or links to the corpus."
    )
    parser.add_argument("sources", nargs="*", metavar="PATH_OR_URL", help="HTML, PDF or .txt files, folders, links")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (default: data/raw)")
    parser.add_argument(
        "--recheck", action="store_true", help="extract each kept original again and compare it with its article"
    )
    args = parser.parse_args(argv)
    if not args.sources and not args.recheck:
        parser.error("name at least one PATH_OR_URL (or --recheck)")
    try:
        if args.recheck:
            return print_recheck(recheck(args.corpus))
        outcomes = add_all(args.sources, args.corpus)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for outcome in outcomes:
        if outcome.article_id:
            print(f"added {outcome.article_id} from {outcome.source}")
            print("\n".join(outcome.lines))
    refused = [o for o in outcomes if o.error]
    for outcome in refused:
        print(f"not added: {outcome.error}", file=sys.stderr)
    added = len(outcomes) - len(refused)
    rebuild = "; `make report` rebuilds the report with them" if added else ""
    print(f"{added} added, {len(refused)} not added{rebuild}", file=sys.stderr)
    return 1 if refused else 0


def print_recheck(results: list[tuple[str, str]]) -> int:
    """Print each article's recheck; 1 when any text differs from its original's."""
    for article_id, status in results:
        print(f"{article_id}: {status}")
    print(f"{len(results)} article(s) with a kept original", file=sys.stderr)
    return 1 if any(status != "the same text" for _, status in results) else 0
