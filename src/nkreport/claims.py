"""Stage 2, claims: every numeric claim of the cleaned sentences, with value, hedge, actor and date.

Extraction runs spaCy's rule machinery (``Matcher`` for numbers and ranges,
``PhraseMatcher`` for the domain vocabulary) on a blank English pipeline: no
model is downloaded. The vocabulary is data, not code: counted nouns, loss and
deployment cues, hedges, reporting verbs and units that make a number a
duration or a ratio are rows of ``data/reference/claim_lexicon.csv``; actors
and their surface forms are in ``actors.csv`` and ``country_actors.csv``.

A number becomes a claim when it counts people or forces: it has a counted
noun ("11,000 troops", "two soldiers"), or a loss cue in its clause ("as much
as 3,000 ... reported dead or wounded"), or it restates a figure ("put the
number at about 1000"). Years, dates, durations, ratios, ranks and counts of
equipment are dropped by the rule named in ``DROP_RULES``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .cleaning import latest_text_date
from .paths import REFERENCE_DIR

CATEGORIES = ("deployed", "killed", "wounded", "casualties", "captured", "deserted", "force_size", "refugees", "other")
CONFLICTS = ("ukraine_war", "vietnam", "korean_war", "other")
HEDGES = ("none", "approximate", "at_most", "at_least", "estimated", "reported")
SUBJECTS = ("north_korea", "russia", "ukraine", "south_korea", "other")
LOSS_CATEGORIES = ("casualties", "killed", "wounded", "captured", "deserted")
CUE_PRIORITY = ("casualties", "killed", "wounded", "captured", "deserted", "refugees", "deployed", "force_size")
DROP_RULES = {
    "year": "a four-digit year (1900-2100) with no counted noun",
    "date": "a day of a month",
    "duration": "followed by a unit of time",
    "ratio": "a ratio, multiple or percentage",
    "rank": "a rank or list position",
    "equipment": "counts equipment, money or distance, not people",
    "partitive": "'one of' picks an item, it does not count",
    "ordinal": "an ordinal such as 21st",
    "no_counted_noun": "no counted noun, loss cue or restatement near the number",
}
WORD_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
MONTH_NAMES = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
NUMBER_HINT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|dozen)\b",
    re.I,
)
CLAUSE_BREAK = {";", ":", "but", "while", "whereas", "although", "though", "(", ")"}
AFTER_HEDGE_REACH = 1  # tokens after the counted noun within which "reportedly" still hedges the number
HEDGE_WORDS = (
    r"(?:\s+(?:about|around|roughly|approximately|some|nearly|almost|over|more than|up to|as many as|at least))?"
)
RESTATEMENT = re.compile(
    r"\b(?:number|figure|toll|total|count|estimate)s?(?P<of> of [\w' -]{1,40}?)? (?:at|to|of|as)"
    + HEDGE_WORDS
    + r"\s*$",
    re.I,
)
DENOMINATOR = re.compile(r"\bout of(?: the| an?)?(?: initial| total| original| estimated)?\s*$", re.I)
CLAIM_COLUMNS = [
    "claim_id",
    "article_id",
    "sentence_id",
    "start",
    "end",
    "number_text",
    "value_low",
    "value_high",
    "unit",
    "category",
    "subject",
    "conflict",
    "hedge",
    "attributed_to",
    "attribution_rule",
    "scope",
    "as_of",
    "as_of_precision",
    "quote",
]


@dataclass(frozen=True)
class Lexicon:
    """The domain vocabulary: phrase tables by kind, actors and country names."""

    phrases: pd.DataFrame
    actors: pd.DataFrame
    countries: pd.DataFrame


@lru_cache(maxsize=4)
def load_lexicon(reference_dir: Path = REFERENCE_DIR) -> Lexicon:
    """Read the claim vocabulary and actor tables from ``data/reference``."""
    read = lambda name: pd.read_csv(reference_dir / name, dtype=str, keep_default_na=False)  # noqa: E731
    return Lexicon(read("claim_lexicon.csv"), read("actors.csv"), read("country_actors.csv"))


@dataclass
class Extractor:
    """spaCy matchers built once from the lexicon."""

    lexicon: Lexicon
    nlp: spacy.language.Language = field(init=False)
    numbers: Matcher = field(init=False)
    phrases: PhraseMatcher = field(init=False)
    subset_nouns: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.nlp = spacy.blank("en")
        self.numbers = Matcher(self.nlp.vocab)
        num = {"LIKE_NUM": True, "OP": "+"}
        self.numbers.add("NUMBER", [[num]], greedy="LONGEST")
        self.numbers.add(
            "RANGE",
            [
                [{"LOWER": "between"}, num, {"LOWER": "and"}, num],
                [num, {"ORTH": {"IN": ["-", "–", "to"]}}, num],
                [num, {"LOWER": "or"}, num],
            ],
            greedy="LONGEST",
        )
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.subset_nouns = set(self.lexicon.phrases.query("kind == 'subset'")["phrase"])
        for (kind, value), group in self.lexicon.phrases.groupby(["kind", "value"]):
            self.phrases.add(f"{kind}:{value}", list(self.nlp.tokenizer.pipe(group["phrase"].tolist())))
        for row in self.lexicon.actors.itertuples():
            patterns = [p.strip() for p in row.patterns.split("|") if p.strip()]
            if patterns:
                self.phrases.add(f"actor:{row.actor_id}", list(self.nlp.tokenizer.pipe(patterns)))
        for row in self.lexicon.countries.itertuples():
            self.phrases.add(f"country:{row.actor_id}", [self.nlp.tokenizer(row.country)])

    def sentence_claims(self, doc: Doc, previous_text: str = "") -> list[dict]:
        """Claims of one tokenized sentence (dicts without article fields), one per actor of a joint statement.

        ``previous_text`` is the sentence before: its conflict holds when this one refers back to it ("at the time").
        """
        marks = self.phrase_marks(doc)
        context_conflict = None
        if previous_text and any(kind == "anaphora" for kind, _, _, _ in marks):
            context_conflict = named_conflict(self.phrase_marks(self.nlp.tokenizer(previous_text)))
        claims: list[dict] = []
        for span in self.number_spans(doc):
            claim = self.claim_for(doc, span, marks, claims, context_conflict)
            if claim is not None:
                claims.extend(claim | {"attributed_to": actor} for actor in claim.pop("actors"))
        return claims

    def is_subset(self, noun: str) -> bool:
        """True when the counted noun names part of a force (officers, generals), not the force."""
        return noun.lower() in self.subset_nouns

    def phrase_marks(self, doc: Doc) -> list[tuple[str, str, int, int]]:
        """(kind, value, start, end) of every vocabulary match, longest first where they overlap."""
        found = []
        for match_id, start, end in self.phrases(doc):
            kind, value = self.nlp.vocab.strings[match_id].split(":", 1)
            found.append((kind, value, start, end))
        return sorted(found, key=lambda m: (m[2], -(m[3] - m[2])))

    def number_spans(self, doc: Doc) -> list[Span]:
        """Number and range spans, longest first, not overlapping, in reading order."""
        spans = [Span(doc, s, e, label=self.nlp.vocab.strings[m]) for m, s, e in self.numbers(doc)]
        spans.sort(key=lambda s: (s.label_ != "RANGE", -(s.end - s.start), s.start))
        kept: list[Span] = []
        for span in spans:
            if not any(span.start < k.end and k.start < span.end for k in kept):
                kept.append(span)
        return sorted(kept, key=lambda s: s.start)

    def claim_for(self, doc: Doc, span: Span, marks, previous: list[dict], context_conflict: str | None) -> dict | None:
        """The claim a number span makes, or None when a drop rule applies."""
        values = span_values(span)
        if values is None or drop_rule(doc, span, marks, values) is not None:
            return None
        clause = clause_bounds(doc, span)
        before = doc[clause[0] : span.start].text
        restated = RESTATEMENT.search(before)
        noun = counted_noun(doc, span, marks) or (restated and restated["of"] and noun_before(span, marks, clause))
        category = None
        if noun is not None:
            category = noun[1] or None
        cue = nearest_cue(span, marks, clause)
        if category in (None, "force_size") and cue is not None and (category is None or cue in LOSS_CATEGORIES):
            category = cue
        if DENOMINATOR.search(before):
            category = "deployed"
        if not noun and restated and previous:
            noun_text, category = previous[-1]["unit"], previous[-1]["category"]
        elif not noun and cue in LOSS_CATEGORIES:
            noun_text = cue
        elif not noun and not DENOMINATOR.search(before):
            return None
        else:
            noun_text = noun[0] if noun else "troops"
        conflict = conflict_of(marks, category, context_conflict)
        if category is None and noun and conflict != "other":
            category = "deployed"  # a count of personnel in a war with no loss or other cue is the force sent
        return {
            "start": span.start_char,
            "end": span.end_char,
            "number_text": number_text(span),
            "value_low": values[0],
            "value_high": values[1],
            "unit": noun_text,
            "category": category or "other",
            "scope": "subset" if noun and self.is_subset(noun[0]) else "total",
            "subject": subject_of(doc, marks, clause, category),
            "conflict": conflict,
            "hedge": hedge_of(doc, span, marks, clause, noun[2] if noun else span.end),
            **attribution(doc, span, marks, clause),
        }


def number_text(span: Span) -> str:
    """The number as written, without 'between' of a range."""
    tokens = [t for t in span if t.lower_ != "between"]
    return span.doc[tokens[0].i : tokens[-1].i + 1].text


def token_value(tokens: list) -> float | None:
    """Value of a run of number tokens: '11,000', '1.3 million', 'two', 'twenty five'."""
    total, current = 0.0, 0.0
    for token in tokens:
        text = token.lower_.replace(",", "")
        if ORDINAL.match(text):
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            current += float(text)
        elif text in WORD_VALUES:
            current += WORD_VALUES[text]
        elif text in SCALES:
            current = (current or 1) * SCALES[text]
            if SCALES[text] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return total + current


def span_values(span: Span) -> tuple[float, float] | None:
    """(low, high) of a number or range span."""
    if span.label_ == "NUMBER":
        value = token_value(list(span))
        return None if value is None else (value, value)
    parts, current = [], []
    for token in span:
        if token.like_num:
            current.append(token)
        elif current:
            parts.append(current)
            current = []
    parts.append(current)
    values = [token_value(p) for p in parts if p]
    if len(values) != 2 or None in values:
        return None
    if is_hyphenated_compound(parts):  # "twenty-five thousand" is one number, not a range
        value = token_value([parts[0][0], *parts[1]])
        return None if value is None else (value, value)
    low, high = values
    if high < low and high < 100 <= low:  # "3,000-4" style shorthand is not a range
        return None
    return (min(low, high), max(low, high))


def is_hyphenated_compound(parts: list[list]) -> bool:
    """True for a tens word joined by a hyphen to a unit word ("twenty-five")."""
    first, second = parts[0], parts[1]
    tens = len(first) == 1 and WORD_VALUES.get(first[0].lower_, 0) in range(20, 100, 10)
    joined = first[0].idx + len(first[0].text) + 1 == second[0].idx
    return tens and joined and WORD_VALUES.get(second[0].lower_, 0) in range(1, 10)


def drop_rule(doc: Doc, span: Span, marks, values: tuple[float, float]) -> str | None:
    """The name of the rule that makes a number not a claim, if one applies."""
    first, after = span[0], doc[span.end : span.end + 3]
    following = [t.lower_ for t in after if t.text not in ("-", "–")]
    if any(ORDINAL.match(t.text) for t in span):
        return "ordinal"
    previous = doc[span.start - 1].lower_ if span.start > 0 else ""
    if previous in MONTH_NAMES or (following[:1] and following[0] in MONTH_NAMES):
        return "date"
    if first.lower_ == "one" and following[:1] == ["of"]:
        return "partitive"
    for kind, value, start, _ in marks:
        if kind == "not_a_count" and span.end <= start <= span.end + 2:
            return value
        if kind == "not_a_count" and value == "rank" and start == span.start - 1:
            return "rank"
    is_year = len(span) == 1 and re.fullmatch(r"(19|20)\d\d", first.text) and float(values[0]) == int(first.text)
    if is_year and counted_noun(doc, span, marks) is None:
        return "year"
    return None


def clause_bounds(doc: Doc, span: Span) -> tuple[int, int]:
    """Token bounds of the clause holding the span (split at ';', ':', 'but', 'while', dashes)."""
    start = next((t.i + 1 for t in reversed(doc[: span.start]) if t.lower_ in CLAUSE_BREAK), 0)
    end = next((t.i for t in doc[span.end :] if t.lower_ in CLAUSE_BREAK), len(doc))
    return start, end


def counted_noun(doc: Doc, span: Span, marks) -> tuple[str, str, int] | None:
    """(noun, inherent category, end token) of the first counted noun within five tokens after the number."""
    limit = span.end + 5
    for token in doc[span.end : limit]:
        if (token.is_punct and token.text not in ("-", "+", "–")) or (token.like_num and not token.is_alpha):
            limit = token.i
            break
    for kind, value, start, end in marks:
        if kind == "noun" and span.end <= start < limit:
            return doc[start:end].text, value, end
    return None


def noun_before(span: Span, marks, clause: tuple[int, int]) -> tuple[str, str, int] | None:
    """The last counted noun between the clause start and the number ("the number of engineers at 1,000")."""
    found = [(span.doc[s:e].text, v, e) for k, v, s, e in marks if k == "noun" and clause[0] <= s and e <= span.start]
    return found[-1] if found else None


def nearest_cue(span: Span, marks, clause: tuple[int, int]) -> str | None:
    """The category signalled by the cue nearest the number within its clause (later cues win ties)."""
    best = None
    for kind, value, start, end in marks:
        if kind != "cue" or not (clause[0] <= start < clause[1]):
            continue
        distance = start - span.end if start >= span.end else span.start - end + 0.5
        rank = (abs(distance), CUE_PRIORITY.index(value))
        if best is None or rank < best[0]:
            best = (rank, value)
    return best[1] if best else None


def hedge_of(doc: Doc, span: Span, marks, clause: tuple[int, int], phrase_end: int) -> str:
    """The hedge next to the number, else the nearest sentence hedge before it or right after its noun phrase
    ("three generals reportedly deployed"), else none."""
    for kind, value, start, end in marks:
        if kind == "hedge" and (
            end == span.start or (end == span.start - 1 and doc[span.start - 1].lower_ in ("a", "an", "the"))
        ):
            return value
        if kind == "hedge" and value == "at_least" and start == span.end:
            return value
    sentence_hedges = [
        (abs(s - span.start), v)
        for k, v, s, _ in marks
        if k == "sentence_hedge" and (s < span.start or phrase_end <= s <= phrase_end + AFTER_HEDGE_REACH)
    ]
    return min(sentence_hedges)[1] if sentence_hedges else "none"


def named_conflict(marks) -> str | None:
    """The conflict a sentence names (Vietnam and the Korean War before Ukraine), if any."""
    named = {v for k, v, _, _ in marks if k == "conflict"}
    return next((c for c in ("vietnam", "korean_war", "ukraine_war") if c in named), None)


def conflict_of(marks, category: str | None, context_conflict: str | None = None) -> str:
    """The conflict the sentence names, else the one it refers back to, else Ukraine for losses and troops."""
    named = named_conflict(marks)
    if named is None and any(k == "anaphora" for k, _, _, _ in marks):
        named = context_conflict
    if named is not None:
        return named
    return "ukraine_war" if category in (*LOSS_CATEGORIES, "deployed") else "other"


def subject_of(doc: Doc, marks, clause: tuple[int, int], category: str | None) -> str:
    """Whose people the number counts: a subject cue in the clause, else North Korea when the clause names it
    or the number counts troops or losses (the corpus' topic), else other."""
    for kind, value, start, _ in marks:
        if kind == "subject" and clause[0] <= start < clause[1]:
            return value
    if re.search(r"north korea|dprk|korean|pyongyang", doc[clause[0] : clause[1]].text, re.I):
        return "north_korea"
    return "north_korea" if category in (*LOSS_CATEGORIES, "deployed") else "other"


def attribution(doc: Doc, span: Span, marks, clause: tuple[int, int]) -> dict:
    """The actor a figure belongs to, and the rule that decided it."""
    actors = [(v, s, e) for k, v, s, e in marks if k == "actor"]
    countries = [(v, s, e) for k, v, s, e in marks if k == "country" and is_reporting_subject(doc, e)]
    before = sorted((a for a in actors + countries if clause[0] <= a[1] < span.start), key=lambda a: a[1])
    if before:
        return {
            "actors": joint_actors(doc, before),
            "attribution_rule": "nearest actor before the figure in its clause",
        }
    according = [
        a
        for a in actors + countries
        if a[1] >= span.end and doc[max(0, a[1] - 2) : a[1]].text.lower() in ("according to", "to the")
    ]
    if according:
        return {"actors": [according[0][0]], "attribution_rule": "'according to' after the figure"}
    trailing = [a for a in actors + countries if a[1] >= span.end and reporting_follows(doc, marks, a[2])]
    if trailing:
        return {"actors": [trailing[0][0]], "attribution_rule": "actor with a reporting verb after the figure"}
    earlier = [a for a in actors + countries if a[1] < span.start]
    if earlier and any(k == "reporting" and s < span.start for k, _, s, _ in marks):
        actor = max(earlier, key=lambda a: a[1])
        return {"actors": [actor[0]], "attribution_rule": "actor of a reporting verb earlier in the sentence"}
    if any(k == "hearsay" for k, _, _, _ in marks):
        return {"actors": ["unattributed"], "attribution_rule": "hearsay with no named actor"}
    return {"actors": ["author"], "attribution_rule": "no actor named: the author's own statement"}


def reporting_follows(doc: Doc, marks, end: int) -> bool:
    """True when a reporting verb follows an actor's name within two tokens ("..., the JCS said.")."""
    return any(k == "reporting" and end <= s <= end + 2 for k, _, s, _ in marks)


def joint_actors(doc: Doc, actors: list[tuple[str, int, int]]) -> list[str]:
    """The nearest actor before the figure, with those joined to it by 'and' ("Ukraine and South Korea both")."""
    joint = [actors[-1]]
    for actor in reversed(actors[:-1]):
        if doc[actor[2] : joint[-1][1]].text.lower().strip(" ,") not in ("and", ",", "as well as"):
            break
        joint.append(actor)
    return sorted({a[0] for a in joint})


def is_reporting_subject(doc: Doc, end: int) -> bool:
    """True when a country name owns a claim ("Ukraine's claims") or reports ("Ukraine and X both estimated")."""
    rest = doc[end : end + 8].text.lower()
    return bool(
        re.match(
            r"^(?:'s (?:claims?|estimates?|figures?|count)\b|"
            r"(?:and [\w ]{2,25}? )?(?:both |also )?(?:has |have |had )?(?:estimated|said|claimed|reported|confirmed|"
            r"believes|estimates|says|claims|announced|stated|admitted|acknowledged|conceded)\b)",
            rest,
        )
    )


def claim_id(article_id: str, sentence: str, start: int, number: str, actor: str) -> str:
    """A stable id from the claim's article, sentence text, number position and actor."""
    digest = hashlib.sha1(f"{article_id}\x1f{sentence}\x1f{start}\x1f{number}\x1f{actor}".encode()).hexdigest()
    return f"C{digest[:12]}"  # 48 bits: a collision among a million claims has odds of about 1 in 500


@lru_cache(maxsize=4)
def extractor(reference_dir: Path = REFERENCE_DIR) -> Extractor:
    """The extractor built from the reference tables (built once per process)."""
    return Extractor(load_lexicon(reference_dir))


def claim_date(sentence: str, article: dict) -> tuple[object, str]:
    """The claim's date: a mention in the sentence, else the article's date or last possible day, or its lower bound."""
    bound = next((article[k] for k in ("date_high", "date_low") if pd.notna(article.get(k))), None)
    mention = latest_text_date(sentence, pd.Timestamp(bound).date() if bound is not None else dt.date.max)
    if mention and mention[1] != "year":  # "since 1998" dates a period, not the claim
        return mention[0], f"sentence ({mention[1]})"
    precision = article.get("date_precision", "unknown")
    if precision in ("day", "month", "year", "range", "upper bound"):
        return pd.Timestamp(article["date_high"]).date(), f"article ({precision})"
    if precision == "lower bound":
        return pd.Timestamp(article["date_low"]).date(), "article (lower bound)"
    return None, "unknown"


def extract_claims(
    sentences: pd.DataFrame, articles: pd.DataFrame, reference_dir: Path = REFERENCE_DIR
) -> pd.DataFrame:
    """Every claim of the sentences, one row each, in sentence order."""
    engine = extractor(reference_dir)
    by_article = {row["article_id"]: row for row in articles.to_dict("records")}
    previous = (
        sentences["text"].shift(fill_value="").where(sentences["article_id"].eq(sentences["article_id"].shift()), "")
    )
    candidates = sentences.assign(previous=previous)[sentences["text"].str.contains(NUMBER_HINT, regex=True)]
    rows = []
    docs = engine.nlp.tokenizer.pipe(candidates["text"].tolist(), batch_size=512)
    for sentence, doc in zip(candidates.itertuples(index=False), docs, strict=True):
        article = by_article.get(sentence.article_id, {})
        as_of, precision = claim_date(sentence.text, article)
        for claim in engine.sentence_claims(doc, sentence.previous):
            rows.append(
                {
                    "claim_id": claim_id(
                        sentence.article_id, sentence.text, claim["start"], claim["number_text"], claim["attributed_to"]
                    ),
                    "article_id": sentence.article_id,
                    "sentence_id": sentence.sentence_id,
                    **claim,
                    "as_of": as_of,
                    "as_of_precision": precision,
                    "quote": sentence.text,
                }
            )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


REVIEW_FIELDS = ("category", "conflict", "hedge", "attributed_to", "subject")
REJECTED = "reject"  # a register row whose ``decision`` is this records a number that is not a claim


def load_register(path: Path = REFERENCE_DIR / "claims_reviewed.csv") -> pd.DataFrame:
    """The team's reviewed claim register of the default corpus."""
    register = pd.read_csv(path, dtype={"article_id": str, "quote": str, "number_text": str}, keep_default_na=False)
    return register.astype({"value_low": float, "value_high": float})


def stated_claims(register: pd.DataFrame) -> pd.DataFrame:
    """The register rows that state a claim: all but those recording a rejection (optional ``decision`` column)."""
    if "decision" not in register:
        return register
    return register[register["decision"].ne(REJECTED)]


def match_register(extracted: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Pair extracted claims with register rows on article, sentence text and value (outer join)."""
    keys = ["article_id", "quote", "value_low", "value_high"]
    left = extracted.assign(_n=extracted.groupby(keys).cumcount())
    right = register.assign(_n=register.groupby(keys).cumcount())
    return left.merge(right, on=[*keys, "_n"], how="outer", suffixes=("", "_review"), indicator=True)


def evaluation(extracted: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of values, and accuracy of each field on matched claims, for reviewed articles."""
    reviewed = extracted[extracted["article_id"].isin(set(register["article_id"]))]
    register = stated_claims(register)
    pairs = match_register(reviewed, register)
    matched = pairs[pairs["_merge"] == "both"]
    found, expected = len(reviewed), len(register)
    rows = [
        {
            "measure": "value",
            "metric": "precision",
            "score": len(matched) / found if found else 0.0,
            "correct": len(matched),
            "of": found,
        },
        {
            "measure": "value",
            "metric": "recall",
            "score": len(matched) / expected if expected else 0.0,
            "correct": len(matched),
            "of": expected,
        },
    ]
    for name in REVIEW_FIELDS:
        correct = int((matched[name] == matched[f"{name}_review"]).sum())
        rows.append(
            {
                "measure": name,
                "metric": "accuracy on matched claims",
                "score": correct / len(matched) if len(matched) else 0.0,
                "correct": correct,
                "of": len(matched),
            }
        )
    return pd.DataFrame(rows)


def reviewed_claims(extracted: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """Claims with the register's corrections applied; register-only claims added; rejected ones flagged.

    ``review`` is ``confirmed`` (extractor and register agree), ``corrected`` (register fields win),
    ``added in review`` (the extractor missed it), ``rejected in review`` (an article the register covers
    states no such claim, or a row records its rejection) or ``unreviewed`` (an article the register does not cover).
    """
    covered = set(register["article_id"])
    pairs = match_register(extracted[extracted["article_id"].isin(covered)], stated_claims(register))
    rows = []
    for row in pairs.to_dict("records"):
        if row["_merge"] == "right_only":
            row["number_text"] = row["number_text_review"]
            start = row["quote"].find(row["number_text"])
            row.update(
                claim_id=claim_id(
                    row["article_id"], row["quote"], max(start, 0), row["number_text"], row["attributed_to_review"]
                ),
                start=start,
                end=start + len(row["number_text"]),
                unit="",
                review="added in review",
                attribution_rule="reviewed register",
                sentence_id=row.get("sentence_id_review"),
            )
            row.update({name: row[f"{name}_review"] for name in REVIEW_FIELDS})
        elif row["_merge"] == "left_only":
            row["review"] = "rejected in review"
        else:
            differs = [n for n in REVIEW_FIELDS if row[n] != row[f"{n}_review"]]
            row["review"] = "corrected: " + ", ".join(differs) if differs else "confirmed"
            if "attributed_to" in differs:
                row["attribution_rule"] = "reviewed register"
            row.update({name: row[f"{name}_review"] for name in REVIEW_FIELDS})
        rows.append(row)
    merged = pd.DataFrame(rows)
    unreviewed = extracted[~extracted["article_id"].isin(covered)].assign(review="unreviewed")
    columns = [*CLAIM_COLUMNS, "review"]
    result = pd.concat([merged.reindex(columns=columns), unreviewed.reindex(columns=columns)], ignore_index=True)
    return result.sort_values(["article_id", "sentence_id", "start", "claim_id"], kind="stable").reset_index(drop=True)


def claims_table(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    register: pd.DataFrame | None = None,
    estimates: pd.DataFrame | None = None,
    reference_dir: Path = REFERENCE_DIR,
    extracted: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Extracted claims with the register's corrections, rejected ones removed, each with its grade.

    ``extracted`` is the extractor's output when it was already computed (e.g. on Dask).
    """
    from .estimates import load_estimates
    from .grading import grade, statements

    extracted = extract_claims(sentences, articles, reference_dir) if extracted is None else extracted
    register = load_register(reference_dir / "claims_reviewed.csv") if register is None else register
    estimates = load_estimates(reference_dir) if estimates is None else estimates
    kept = reviewed_claims(extracted, register)
    kept = kept[kept["review"].ne("rejected in review")].reset_index(drop=True)
    pool = statements(kept, estimates)
    grades = grade(statements(kept, estimates.iloc[0:0]), pool, reference_dir)
    return kept.merge(grades.rename(columns={"statement_id": "claim_id"}), on="claim_id", how="left")


def filter_claims(
    claims: pd.DataFrame,
    cutoff_date=None,
    include_actors: list[str] | tuple = (),
    exclude_actors: list[str] | tuple = (),
    min_grade: str = "F6",
) -> pd.DataFrame:
    """Claims kept by the report's parameters: dated on or before the cut-off, by actor, at or above a grade."""
    from .grading import at_least_grade

    keep = at_least_grade(claims["grade"], min_grade)
    if cutoff_date is not None:
        dates = pd.to_datetime(claims["as_of"], errors="coerce")
        keep &= dates.isna() | dates.le(pd.Timestamp(cutoff_date))
    if include_actors:
        keep &= claims["attributed_to"].isin(include_actors)
    if exclude_actors:
        keep &= ~claims["attributed_to"].isin(exclude_actors)
    return claims[keep].reset_index(drop=True)


# --- Tables and figures of chapter 2 -------------------------------------------------------------------------

CLAIMS_SOURCE = "data/processed/claims.csv (extracted, reviewed against data/reference/claims_reviewed.csv, graded)"
SHORT_LABELS = {"author": "article's author", "unattributed": "unattributed reports"}


def actor_names(reference_dir: Path = REFERENCE_DIR) -> dict[str, str]:
    """Short display names of actors: the label before any parenthesis, plus the two pseudo-actors."""
    actors = pd.read_csv(reference_dir / "actors.csv", dtype=str, keep_default_na=False)
    names = dict(zip(actors["actor_id"], actors["label"].str.replace(r"\s*\(.*$", "", regex=True), strict=True))
    return names | SHORT_LABELS


def sentence_anchor(sentence_id: str) -> str:
    """The HTML id of a cited sentence in the report."""
    return "sentence-" + re.sub(r"[^A-Za-z0-9_-]", "-", sentence_id)


def linked(text: str, sentence_id: str) -> str:
    """Escaped text linking to the sentence it came from."""
    return f'<a href="#{sentence_anchor(sentence_id)}">{html.escape(text)}</a>'


HEDGE_WORDS_SHOWN = {"at_least": "at least ", "at_most": "up to ", "approximate": "about ", "estimated": "est. "}


def value_text(low: float, high: float, hedge: str = "none") -> str:
    """'3,000', 'at least 3,000' or '12,000-15,000'."""
    number = f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"
    return HEDGE_WORDS_SHOWN.get(hedge, "") + number


def register_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Every claim as a reader sees it: value linked to its sentence, what it counts, who says so, grade."""
    names = actor_names()
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "value": [
                linked(value_text(lo, hi), s)
                for lo, hi, s in claims[["value_low", "value_high", "sentence_id"]].itertuples(index=False)
            ],
            "category": claims["category"].str.replace("_", " "),
            "conflict": claims["conflict"].str.replace("_", " "),
            "hedge": claims["hedge"].str.replace("_", " "),
            "according to": claims["attributed_to"].map(names),
            "as of": claims["as_of"].astype(str).where(claims["as_of"].notna(), "unknown"),
            "grade": claims["grade"],
            "sentence": claims["sentence_id"],
            "review": claims["review"],
        }
    )


def cited_sentences(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences the claims come from, each with an anchor the claim tables link to."""
    cited = sentences[sentences["sentence_id"].isin(set(claims["sentence_id"]))]
    return pd.DataFrame(
        {
            "sentence": [f'<span id="{sentence_anchor(s)}">{html.escape(s)}</span>' for s in cited["sentence_id"]],
            "text": cited["text"],
        }
    )


def by_category_and_source(claims: pd.DataFrame) -> pd.DataFrame:
    """Per category and actor: number of claims, lowest and highest figure, and the spread (high / low)."""
    names = actor_names()
    grouped = claims.groupby(["conflict", "category", "scope", "attributed_to"], sort=True)
    table = grouped.agg(claims=("claim_id", "size"), low=("value_low", "min"), high=("value_high", "max"))
    table = table.reset_index()
    table["spread"] = (table["high"] / table["low"]).round(2)
    table["attributed_to"] = table["attributed_to"].map(names)
    table[["conflict", "category"]] = table[["conflict", "category"]].apply(lambda c: c.str.replace("_", " "))
    return table.rename(columns={"attributed_to": "according to", "scope": "counts"})


def loss_shares(figures: pd.DataFrame) -> pd.DataFrame:
    """Killed and casualties as a share of the force deployed, for the low, central and high figures."""
    force = figures.loc["deployed"]
    rows = []
    for category in ("killed", "casualties"):
        if category in figures.index:
            losses = figures.loc[category]
            rows.append(
                {"losses": category}
                | {case: round(100 * losses[case] / force[case], 1) for case in ("low", "central", "high")}
            )
    return pd.DataFrame(rows)


def claims_schema():
    """The pandera schema data/processed/claims.csv must satisfy."""
    import pandera.pandas as pa

    text = pa.Column(str, nullable=False)
    return pa.DataFrameSchema(
        {
            "claim_id": pa.Column(str, pa.Check.str_matches(r"^C[0-9a-f]{12}$"), unique=True),
            "article_id": text,
            "sentence_id": pa.Column(str, pa.Check.str_matches(r"^.+-s\d{3,}$")),
            "value_low": pa.Column(float, pa.Check.ge(0)),
            "value_high": pa.Column(float, pa.Check.ge(0)),
            "category": pa.Column(str, pa.Check.isin(CATEGORIES)),
            "conflict": pa.Column(str, pa.Check.isin(CONFLICTS)),
            "hedge": pa.Column(str, pa.Check.isin(HEDGES)),
            "subject": pa.Column(str, pa.Check.isin(SUBJECTS)),
            "scope": pa.Column(str, pa.Check.isin(("total", "subset"))),
            "attributed_to": text,
            "quote": text,
            "reliability": pa.Column(str, pa.Check.isin(list("ABCDEF"))),
            "credibility": pa.Column(int, pa.Check.in_range(1, 6)),
            "grade": pa.Column(str, pa.Check.str_matches(r"^[A-F][1-6]$")),
            "grade_rule": text,
        },
        checks=[
            pa.Check(lambda df: df["value_low"] <= df["value_high"], error="value_low above value_high"),
            pa.Check(
                lambda df: pd.Series(
                    [n in q for n, q in zip(df["number_text"], df["quote"], strict=True)], index=df.index
                ),
                error="number_text not in its quote",
            ),
        ],
        strict=False,
    )


@dataclass(frozen=True)
class ClaimsStage:
    """What chapter 2 computes: claims, the estimates they mention, the extractor's evaluation, headline figures."""

    sentences: pd.DataFrame
    extracted: pd.DataFrame
    all_claims: pd.DataFrame
    claims: pd.DataFrame
    evaluation: pd.DataFrame
    record: pd.DataFrame
    estimates: pd.DataFrame
    figures: pd.DataFrame
    tranches: pd.DataFrame
    gaps: pd.DataFrame
    placement: pd.DataFrame
    facts: dict
    events: pd.DataFrame


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table with a fixed line ending and no index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")


def run(
    build_root: Path,
    cutoff_date=None,
    include_actors=(),
    exclude_actors=(),
    min_grade: str = "F6",
    central_estimate: str = "conservative",
    engine: str = "pandas",
    scheduler: str | None = None,
    estimate_window_days: int = 180,
    include_unverified: bool = False,
) -> ClaimsStage:
    """Extract, review, grade and filter the claims of the cleaned corpus; resolve them to estimates;
    write the data/processed tables."""
    from .engine import extract
    from .estimates import (
        disagreements,
        graded_estimates,
        headline_figures,
        load_estimates,
        load_source_names,
        record_at,
        resolved_estimates,
    )
    from .estimates.facts import chapter_facts
    from .grading import at_least_grade
    from .paths import BuildPaths

    paths = BuildPaths(build_root)
    sentences = pd.read_csv(paths.interim / "sentences.csv", dtype={"text": str}, keep_default_na=False)
    articles = pd.read_csv(paths.interim / "articles.csv", keep_default_na=False, na_values=[""])
    register = load_register()
    register = register[register["article_id"].isin(set(articles["article_id"]))]  # articles of this corpus
    extracted = extract(sentences, articles, engine, scheduler)
    all_claims = claims_table(sentences, articles, register, extracted=extracted)
    all_claims = claims_schema().validate(all_claims)
    record = graded_estimates(load_estimates(), all_claims)
    all_claims, estimates = resolved_estimates(all_claims, record, register)
    kept = filter_claims(all_claims, cutoff_date, include_actors, exclude_actors, min_grade)
    if kept.empty:
        raise ValueError(
            f"the filters cutoff_date={cutoff_date}, include_actors={list(include_actors)}, "
            f"exclude_actors={list(exclude_actors)}, min_grade={min_grade} leave no claims"
        )
    estimates = estimates[at_least_grade(estimates["grade"].fillna("F6"), min_grade) | estimates["grade"].isna()]
    pool = dict(
        cutoff=cutoff_date,
        include_unverified=include_unverified,
        actors=tuple(include_actors),
        excluded=tuple(exclude_actors),
    )
    figures, tranches = headline_figures(estimates, central_estimate, estimate_window_days, **pool)
    gaps = disagreements(estimates, estimate_window_days, **pool)
    facts = chapter_facts(figures, estimates, gaps, kept, load_source_names(), estimate_window_days, include_unverified)
    stage = ClaimsStage(
        sentences=sentences,
        extracted=extracted,
        all_claims=all_claims,
        claims=kept,
        evaluation=evaluation(extracted, register),
        record=record,
        estimates=estimates,
        figures=figures,
        tranches=tranches,
        gaps=gaps,
        placement=record_at(kept, record),
        facts=facts,
        events=pd.read_csv(REFERENCE_DIR / "war_events.csv", dtype=str, keep_default_na=False),
    )
    write_csv(extracted, paths.interim / "claims_extracted.csv")
    write_csv(kept, paths.processed / "claims.csv")
    write_csv(stage.evaluation, paths.processed / "claims_evaluation.csv")
    write_csv(record, paths.processed / "public_record.csv")
    write_csv(estimates, paths.processed / "estimates.csv")
    write_csv(figures.reset_index(), paths.processed / "headline_figures.csv")
    write_csv(tranches, paths.processed / "deployment_tranches.csv")
    write_csv(stage.placement, paths.processed / "claims_vs_record.csv")
    write_csv(stage.gaps, paths.processed / "disagreements.csv")
    (paths.processed / "estimate_facts.json").write_text(json.dumps(facts, indent=1, default=str), encoding="utf-8")
    return stage


def placement_table(placement: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Claims against the record as a reader sees them: the record's range and how many statements make it."""
    frame = placement.merge(claims[["claim_id", "sentence_id", "category", "value_low", "value_high", "hedge"]])
    return pd.DataFrame(
        {
            "claim": frame["claim_id"],
            "sentence": frame["sentence_id"],
            "category": frame["category"],
            "claim value": [
                value_text(lo, hi, h) for lo, hi, h in frame[["value_low", "value_high", "hedge"]].to_numpy()
            ],
            "record range": [
                "" if pd.isna(lo) else value_text(lo, hi) for lo, hi in frame[["record_low", "record_high"]].to_numpy()
            ],
            "statements": frame["record_sources"].fillna("").map(lambda s: len(s.split("; ")) if s else 0),
            "position": frame["position"],
        }
    )


def grades_table(claims: pd.DataFrame) -> pd.DataFrame:
    """How each claim was graded: its grade, the two rules that gave it, and how many statements corroborate it."""
    support = claims["corroborated_by"].fillna("").astype(str)
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "according to": claims["attributed_to"].map(actor_names()),
            "grade": claims["grade"],
            "reliability rule": claims["grade_rule"].str.split("; ").str[0],
            "credibility rule": claims["grade_rule"].str.split("; ").str[1],
            "corroborating statements": support.map(corroboration_count),
        }
    )


def corroboration_count(listed: str) -> int:
    """Number of corroborating statements in a '; '-joined list that may end with '(+N more)'."""
    items = [item for item in listed.split("; ") if item]
    more = re.fullmatch(r"\(\+(\d+) more\)", items[-1]) if items else None
    return len(items) - 1 + int(more[1]) if more else len(items)
