"""Stage 1, cleaning: raw articles to clean text, sentences with offsets, and an audit.

Each change is made by a named rule and recorded as one audit row (article,
rule, action, before, after). The cleaned text of an article is its kept
paragraphs joined by blank lines; ``text[start:end]`` of every sentence row is
that sentence. Sentence ids (``<article_id>-s001``...) follow reading order.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import spacy

from .corpus import (
    MAX_ARTICLE_BYTES,
    RawArticle,
    published_bounds,
    reading_status,
)

MAX_SENTENCE_CHARS = 1_000  # longer "sentences" (text without stops) are cut at spaces: extraction cost grows with it
AUDIT_COLUMNS = ["article_id", "rule", "action", "count", "before", "after"]
RULE_DESCRIPTIONS = {
    "utf8_bom": "byte-order mark at the start of the file dropped",
    "crlf_line_ends": "Windows line ends made plain line feeds",
    "cr_line_ends": "old Mac line ends made plain line feeds",
    "unicode_nfc": "Unicode composed to NFC form",
    "invisible_characters": "zero-width and soft-hyphen characters dropped",
    "typographic_quotes": "curly quotes and apostrophes made straight",
    "whitespace": "runs of spaces and tabs collapsed, lines trimmed",
    "html_markup": "HTML tags pasted into the text dropped",
    "headline": "first line repeating the manifest title",
    "republication_line": "notice that the text was published elsewhere first",
    "photo_credit": "credit line of a photo or illustration",
    "byline": "'By ...' author line",
    "share_prompt": "social-media or newsletter prompt",
    "email_placeholder": "sentence holding an e-mail address or its placeholder",
    "author_biography": "closing paragraph describing the author",
    "caption": "photo caption (short indented or picture-describing line)",
    "repeated_paragraph": "paragraph already seen in the article",
    "pull_quote": "one-sentence paragraph repeating a sentence of the body",
    "repeated_sentence": "sentence already seen in the article",
    "long_sentence": f"sentence over {MAX_SENTENCE_CHARS:,} characters cut at spaces",
    "name_variant": "name spelling mapped to its canonical form",
}
SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph", "start", "end", "kind", "text"]

QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|blockquote|body|br|caption|div|em|figcaption|figure|font|h[1-6]|head|hr|html|i|iframe|img|li|"
    r"meta|object|ol|p|script|section|small|span|strong|style|sub|sup|table|td|th|tr|u|ul|svg|link|embed|video)"
    r"\b[^<>]{0,2000}>",
    re.IGNORECASE,
)

# Line rules: a whole raw line (paragraph) that is boilerplate, not reporting.
LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "republication_line",
        re.compile(
            r"^(?:this (?:article|post|story|piece) (?:was )?)?(?:originally|first) (?:published|appeared|posted)\b"
            r"|^(?:republished|reprinted|reposted) (?:with permission )?(?:from|with)\b",
            re.I,
        ),
    ),
    (
        "photo_credit",
        re.compile(
            r"^(?:feature[d]? |header |top |lead |cover )?(?:photo|image|picture|illustration)s?"
            r"(?: credit| by)?s?\s*[:\-\u2013\u2014]|^(?:photo|image) (?:by|courtesy of)\b|^credit:",
            re.I,
        ),
    ),
    ("byline", re.compile(r"^[Bb]y [A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,3}$")),
    (
        "share_prompt",
        re.compile(
            r"^(?:share this|follow us|subscribe (?:to|now)|sign up for|click here|read more:|related:|advertisement$)",
            re.I,
        ),
    ),
)
# Bounded runs (RFC 5321 lengths) keep the search linear on long lines without an '@'.
EMAIL_PLACEHOLDER = re.compile(
    r"\[email[\s\u00a0]*protected\]|\b[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,190}\b|\[at\]|\(at\)", re.I
)
BIO_VERBS = re.compile(
    r"\b(?:is|was|holds|teaches|directs|writes|can be (?:contacted|reached)|"
    r"the (?:editor|director|author|founder))\b",
    re.I,
)
CAPTION_WORDS = re.compile(
    r"\b(?:launch|launches|unveiling|ceremony|parade|visit|test|pictured|file photo|photo|image|seen here|"
    r"via|credit|getty|reuters|ap photo)\s*$",
    re.I,
)
SENTENCE_END = re.compile(r"[.!?\"')\]:;]\s*$")
MONTHS = [calendar.month_name[m].lower() for m in range(1, 13)]
MONTH_RE = "|".join(m.capitalize() for m in MONTHS)
TEXT_DATES = (
    (re.compile(rf"\b(\d{{1,2}}) ({MONTH_RE}),? (\d{{4}})\b"), "day", (3, 2, 1)),
    (re.compile(rf"\b({MONTH_RE}) (\d{{1,2}}),? (\d{{4}})\b"), "day", (3, 1, 2)),
    (re.compile(rf"\b({MONTH_RE}),? (\d{{4}})\b"), "month", (2, 1, None)),
    (
        re.compile(r"\b(?:in|since|by|of|until|from|early|late|mid|end of|start of) (\d{4})\b", re.I),
        "year",
        (1, None, None),
    ),
)


@dataclass
class ArticleResult:
    """Cleaning output of one article."""

    article: dict
    sentences: list[dict]
    audit: list[dict]


def audit_row(article_id: str, rule: str, action: str, before: str, after: str = "", count: int = 1) -> dict:
    """One audit record."""
    return {"article_id": article_id, "rule": rule, "action": action, "count": count, "before": before, "after": after}


@lru_cache(maxsize=1)
def sentence_splitter() -> spacy.language.Language:
    """A blank English spaCy pipeline with the rule-based sentencizer (no model download)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_ARTICLE_BYTES  # the sentencizer needs no parser memory: any accepted article fits
    return nlp


def name_variant_table(table: pd.DataFrame, source: Path | str = "name_variants.csv") -> pd.DataFrame:
    """The name-variant table (variant -> canonical) read from ``source``, checked, longest variant first."""
    missing = {"variant", "canonical"} - set(table.columns)
    if missing:
        raise ValueError(f"{source}: missing column(s) {sorted(missing)}")
    return table.assign(_len=table["variant"].str.len()).sort_values(["_len", "variant"], ascending=[False, True])


def variant_pattern(variants: pd.DataFrame) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation regex over all variants, and the variant -> canonical map."""
    mapping = dict(zip(variants["variant"], variants["canonical"], strict=True))
    if not mapping:
        return re.compile(r"(?!x)x"), mapping
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in mapping) + r")(?![\w-])"), mapping


def normalize_characters(article_id: str, text: str, notes: Iterable[str]) -> tuple[str, list[dict]]:
    """Line ends, Unicode NFC, invisible characters, quotes and spacing; one audit row per rule."""
    audit = [
        audit_row(article_id, note, "normalized", note.replace("_", " "), "removed / LF line ends") for note in notes
    ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    steps = (
        ("unicode_nfc", lambda t: unicodedata.normalize("NFC", t)),
        ("invisible_characters", lambda t: INVISIBLE.sub("", t)),
        ("typographic_quotes", lambda t: t.translate(QUOTE_MAP)),
        ("whitespace", lambda t: "\n".join(SPACES.sub(" ", line).strip() for line in t.split("\n"))),
    )
    for rule, step in steps:
        new = step(text)
        if new != text:
            changed = sum(a != b for a, b in zip(text.split("\n"), new.split("\n"), strict=True))
            audit.append(
                audit_row(
                    article_id, rule, "normalized", f"{changed} line(s) changed", first_difference(text, new), changed
                )
            )
            text = new
    return text, audit


def first_difference(before: str, after: str, width: int = 30) -> str:
    """A short excerpt of ``after`` around the first place it differs from ``before``."""
    i = next((k for k, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), min(len(before), len(after)))
    return after[max(0, i - width // 2) : i + width // 2]


def strip_html(article_id: str, line: str) -> tuple[str, list[dict]]:
    """Remove HTML tags pasted into a text file; the removed markup goes to the audit."""
    audit = [audit_row(article_id, "html_markup", "removed", m.group(0)) for m in HTML_TAG.finditer(line)]
    if not audit:
        return line, audit
    return SPACES.sub(" ", html.unescape(HTML_TAG.sub(" ", line))).strip(), audit


def line_rule(line: str) -> str | None:
    """The name of the boilerplate rule a whole line matches, if any."""
    return next((name for name, pattern in LINE_RULES if pattern.search(line)), None)


def is_short_line(line: str) -> bool:
    """A line too short and unpunctuated to be a sentence: a heading or a caption."""
    return len(line.split()) <= 10 and not SENTENCE_END.search(line)


def classify_short_line(raw_line: str, line: str) -> str:
    """``caption`` for an indented or picture-describing short line, else ``heading``."""
    if raw_line[:1] in (" ", "\t", "\u00a0") or CAPTION_WORDS.search(line):
        return "caption"
    return "heading"


def sentence_key(sentence: str) -> str:
    """Normalized form for repeat detection: lower case, no leading conjunction, letters only."""
    key = re.sub(r"[^a-z0-9 ]", "", sentence.lower())
    return re.sub(r"^(?:but|and|so|yet|still|however) ", "", " ".join(key.split()))


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, by spaCy's rule-based sentencizer."""
    return [s.text.strip() for s in sentence_splitter()(paragraph).sents if s.text.strip()]


def remove_boilerplate(raw: RawArticle, text: str, raw_lines: list[str]) -> tuple[list[tuple[str, str]], list[dict]]:
    """Paragraphs (kind, text) kept after line rules, e-mail, biography and caption rules."""
    aid, audit, kept = raw.article_id, [], []
    title = raw.meta.get("title", "").strip().translate(QUOTE_MAP)
    author = raw.meta.get("author", "").strip()
    lines = text.split("\n")
    last_body = max((i for i, line in enumerate(lines) if len(line.split()) > 10), default=-1)
    for i, (raw_line, line) in enumerate(zip(raw_lines, lines, strict=True)):
        if not line:
            continue
        line, html_audit = strip_html(aid, line)
        audit += html_audit
        if not line:
            continue
        rule = line_rule(line)
        if rule is None and i == 0 and title and line.rstrip("?.!").lower() == title.rstrip("?.!").lower():
            rule = "headline"
        if rule:
            audit.append(audit_row(aid, rule, "removed", line))
            if rule == "byline" and not author:
                author = line[3:].strip()
            continue
        kept.append((i, raw_line, line))
    result = []
    for i, raw_line, line in kept:
        if EMAIL_PLACEHOLDER.search(line):
            sentences = split_sentences(line)
            dropped = [s for s in sentences if EMAIL_PLACEHOLDER.search(s)]
            audit += [audit_row(aid, "email_placeholder", "removed", s) for s in dropped]
            line = " ".join(s for s in sentences if s not in dropped)
            if not line:
                continue
        if i >= last_body - 2 and is_author_bio(line, author):
            audit.append(audit_row(aid, "author_biography", "removed", line))
            continue
        if is_short_line(line):
            kind = classify_short_line(raw_line, line)
            if kind == "caption":
                audit.append(audit_row(aid, "caption", "removed", line))
                continue
            result.append(("heading", line))
            continue
        result.append(("body", line))
    return result, audit


def is_author_bio(paragraph: str, author: str) -> bool:
    """True for a closing paragraph that describes the article's author."""
    if not author:
        return False
    names = [author, author.split()[0], author.split()[-1]]
    opening = paragraph[:160]
    return any(name and name in opening for name in names) and bool(BIO_VERBS.search(opening))


def cut_long(sentence: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """The sentence in pieces of at most ``limit`` characters, cut at the last space before the limit."""
    pieces = []
    while len(sentence) > limit:
        cut = sentence.rfind(" ", 1, limit + 1)
        cut = cut if cut > 0 else limit
        pieces.append(sentence[:cut].rstrip())
        sentence = sentence[cut:].lstrip()
    return [*pieces, sentence] if sentence else pieces


def drop_repeats(aid: str, paragraphs: list[tuple[str, str]]) -> tuple[list[tuple[str, list[str]]], list[dict]]:
    """Split paragraphs into sentences (overlong ones cut); drop repeated paragraphs, pull quotes and sentences."""
    audit, split = [], []
    seen_paragraphs: set[str] = set()
    for kind, text in paragraphs:
        key = sentence_key(text)
        if key in seen_paragraphs:
            audit.append(audit_row(aid, "repeated_paragraph", "removed", text))
            continue
        seen_paragraphs.add(key)
        sentences = []
        for sentence in split_sentences(text) if kind == "body" else [text]:
            pieces = cut_long(sentence)
            if len(pieces) > 1:
                audit.append(audit_row(aid, "long_sentence", "normalized", sentence[:80], f"{len(pieces)} pieces"))
            sentences += pieces
        split.append((kind, sentences))
    in_long = {sentence_key(s) for _, sents in split if len(sents) > 1 for s in sents}
    result, seen = [], set()
    for kind, sentences in split:
        if len(sentences) == 1 and kind == "body" and sentence_key(sentences[0]) in in_long:
            audit.append(audit_row(aid, "pull_quote", "removed", sentences[0]))
            continue
        kept = []
        for sentence in sentences:
            key = sentence_key(sentence)
            if key in seen and len(key) > 20:
                audit.append(audit_row(aid, "repeated_sentence", "removed", sentence))
                continue
            seen.add(key)
            kept.append(sentence)
        if kept:
            result.append((kind, kept))
    return result, audit


def canonicalize_names(aid: str, paragraphs: list[tuple[str, list[str]]], variants: pd.DataFrame):
    """Replace name variants with their canonical form; one audit row per variant and count."""
    pattern, mapping = variant_pattern(variants)
    counts: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        counts[match.group(0)] = counts.get(match.group(0), 0) + 1
        return mapping[match.group(0)]

    result = [(kind, [pattern.sub(replace, s) for s in sentences]) for kind, sentences in paragraphs]
    audit = [audit_row(aid, "name_variant", "normalized", v, mapping[v], n) for v, n in sorted(counts.items())]
    return result, audit


def latest_text_date(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The latest fully dated mention in a text (day, month or year precision), not after today."""
    found = []
    for pattern, precision, (y, m, d) in TEXT_DATES:
        for match in pattern.finditer(text):
            year = int(match.group(y))
            month = MONTHS.index(match.group(m).lower()) + 1 if m else 1
            day = int(match.group(d)) if d else 1
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if year >= 1900 and date <= today:
                found.append((date, precision))
    return max(found) if found else None


def date_bounds(raw: RawArticle, text: str, today: dt.date) -> dict:
    """Publication date bounds from the manifest (``published``, ``published_latest``), raised by the text.

    Unless the manifest gives the day, the latest date the text mentions is a lower bound; a mention after
    the manifest's upper bound is ignored (the text cannot postdate its publication) and said so.
    """
    meta = raw.meta
    bounds = published_bounds(
        meta.get("published", ""), meta.get("published_latest", ""), f"manifest line {raw.manifest_line}", today
    )
    row = {
        "date_low": bounds.low,
        "date_high": bounds.high,
        "date_precision": bounds.precision,
        "date_source": "manifest" if bounds.precision != "unknown" else "",
    }
    if bounds.precision in ("day",):
        return row
    latest = latest_text_date(text, today)
    if latest and bounds.high is not None and latest[0] > bounds.high:
        row["date_source"] += f"; text mentions {latest[0]}, after the manifest's last possible day, ignored"
    elif latest and (bounds.low is None or latest[0] > bounds.low):
        source = f"text: latest date mentioned ({latest[1]} precision)"
        row.update(date_low=latest[0], date_source=f"{source}; manifest" if bounds.high else source)
        if bounds.precision in ("unknown", "upper bound"):
            row["date_precision"] = "range" if bounds.high else "lower bound"
    return row


def clean_article(raw: RawArticle, variants: pd.DataFrame, today: dt.date | None = None) -> ArticleResult:
    """Clean one article: characters, boilerplate, repeats, names, sentences with offsets."""
    today = today or dt.date.today()
    aid = raw.article_id
    raw_lines = raw.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text, audit = normalize_characters(aid, raw.text, raw.decoding_notes)
    paragraphs, removed = remove_boilerplate(raw, text, raw_lines)
    split, repeats = drop_repeats(aid, paragraphs)
    split, names = canonicalize_names(aid, split, variants)
    sentences, chunks, offset = [], [], 0
    for p_index, (kind, parts) in enumerate(split, start=1):
        for k, sentence in enumerate(parts):
            start = offset + (sum(len(s) + 1 for s in parts[:k]))
            sentences.append(
                {
                    "article_id": aid,
                    "paragraph": p_index,
                    "start": start,
                    "end": start + len(sentence),
                    "kind": kind,
                    "text": sentence,
                }
            )
        chunk = " ".join(parts)
        chunks.append(chunk)
        offset += len(chunk) + 2
    for n, row in enumerate(sentences, start=1):
        row["sentence_id"] = f"{aid}-s{n:03d}"
    clean_text = "\n\n".join(chunks)
    article = {
        "article_id": aid,
        "file": raw.file,
        **{k: raw.meta.get(k, "") for k in ("title", "outlet", "author", "published", "published_latest", "url")},
        "raw_sha256": raw.sha256,
        "raw_chars": len(raw.text),
        "clean_chars": len(clean_text),
        "words": len(clean_text.split()),
        "sentences": len(sentences),
        **date_bounds(raw, clean_text, today),
        "text": clean_text,
    }
    return ArticleResult(article, sentences, audit + removed + repeats + names)


def clean_corpus(
    raw_articles: list[RawArticle], variants: pd.DataFrame, today: dt.date | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Clean every article; return the articles, sentences and audit tables, sorted."""
    results = [clean_article(raw, variants, today) for raw in raw_articles]
    return tables_from_results(results)


def tables_from_results(results: list[ArticleResult]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Assemble per-article results into the three stage-1 tables, in a stable order."""
    articles = pd.DataFrame([r.article for r in results]).sort_values("article_id", kind="stable")
    sentences = pd.DataFrame([s for r in results for s in r.sentences], columns=SENTENCE_COLUMNS)
    sentences = sentences.sort_values(["article_id", "sentence_id"], kind="stable")
    audit = pd.DataFrame([a for r in results for a in r.audit], columns=AUDIT_COLUMNS)
    audit = audit.sort_values(["article_id", "rule", "before"], kind="stable")
    return (articles.reset_index(drop=True), sentences.reset_index(drop=True), audit.reset_index(drop=True))


def check_offsets(articles: pd.DataFrame, sentences: pd.DataFrame) -> None:
    """Raise if any sentence's offsets do not slice its text out of the cleaned article."""
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    for row in sentences.itertuples():
        if texts[row.article_id][row.start : row.end] != row.text:
            raise AssertionError(f"{row.sentence_id}: offsets {row.start}:{row.end} do not give its text")


def audit_summary(audit: pd.DataFrame) -> pd.DataFrame:
    """Per rule: what it does, how many articles it touched and how many changes it made."""
    table = (
        audit.groupby(["rule", "action"], as_index=False)
        .agg(articles=("article_id", "nunique"), changes=("count", "sum"))
        .sort_values(["action", "changes", "rule"], ascending=[False, False, True])
    )
    table.insert(2, "what it does", table["rule"].map(RULE_DESCRIPTIONS).fillna(""))
    return table.rename(columns=str.capitalize).reset_index(drop=True)


def corpus_summary(articles: pd.DataFrame, sentences: pd.DataFrame, audit: pd.DataFrame) -> dict[str, int]:
    """Headline counts of the corpus and of the cleaning, for the chapter's prose."""
    return {
        "articles": len(articles),
        "words": int(articles["words"].sum()),
        "sentences": len(sentences),
        "undated": int(articles["published"].eq("").sum()),
        "undated_with_latest": int((articles["published"].eq("") & articles["published_latest"].ne("")).sum()),
        "changes": int(audit["count"].sum()),
        "removals": int(audit.loc[audit["action"] == "removed", "count"].sum()),
        "normalizations": int(audit.loc[audit["action"] == "normalized", "count"].sum()),
        "unread": int((articles["text"].map(reading_status) != "read").sum()),
    }


def date_label(row: pd.Series) -> str:
    """A publication date as known: exact, a month or year, a range, or one bound (the text's marked as such)."""
    if row["date_precision"] == "day":
        return str(row["date_low"])
    if row["date_precision"] in ("month", "year"):
        return row["published"]
    from_text = " (from text)" if str(row["date_source"]).startswith("text") else ""
    if row["date_precision"] == "range":
        return f"between {row['date_low']}{from_text} and {row['date_high']}"
    if row["date_precision"] == "lower bound":
        return f"on or after {row['date_low']}{from_text}"
    if row["date_precision"] == "upper bound":
        return f"on or before {row['date_high']}"
    return "unknown"


def manifest_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles as the report shows them: manifest fields, size and date."""
    table = articles[["article_id", "title", "outlet", "author", "words", "sentences"]].copy()
    table.insert(4, "published", articles.apply(date_label, axis=1))
    table["read"] = articles["text"].map(reading_status)
    return table.rename(columns=str.capitalize).rename(columns={"Article_id": "Article"})


def audit_table(audit: pd.DataFrame) -> pd.DataFrame:
    """The audit as the report shows it."""
    table = audit[["article_id", "rule", "action", "count", "before", "after"]]
    return table.rename(
        columns={
            "article_id": "Article",
            "rule": "Rule",
            "action": "Action",
            "count": "Count",
            "before": "Before",
            "after": "After",
        }
    )
