"""The extractor: spaCy rule machinery over a blank English pipeline (no model is downloaded).

``Matcher`` finds numbers, ranges and vague quantities; ``PhraseMatcher`` the lexicon's phrases (and, case
sensitive, agency acronyms). A number becomes a claim when it counts people or forces: it has a counted noun
("11,000 troops", "Sixty North Korean soldiers"), or a loss cue in its clause ("as much as 3,000 ... reported dead
or wounded"), or it restates a figure ("put the number at about 1000"), or it is a share of a force ("two-thirds
of them died"). The drop rules of ``rules`` name why any other number is not a claim.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from ..paths import REFERENCE_DIR
from .actors import actor_marks
from .attribution import CARRY_SENTENCES, AttributionContext, anaphoric_report, attribution, sentence_speaker
from .dates import estimate_date, is_day_of_month
from .numbers import fraction_value, number_hint, number_text, span_values
from .rules import CLAUSE_BREAK, DENOMINATOR, RESTATEMENT, NumberContext, ScopeContext, drop_rule, scope_rule, span_text
from .vocabulary import CLAIM_COLUMNS, MATCHER_KINDS, SUBJECTS, Lexicon, load_lexicon

AFTER_HEDGE_REACH = 1  # tokens after the counted noun within which "reportedly" still hedges the number
NOUN_REACH = 5  # tokens after a number within which its counted noun stands
RATE_REACH = 3  # tokens after the counted noun within which "a day" makes the figure a rate
VAGUE_HEDGES = {"VAGUE": "approximate", "FLOOR": "at_least"}  # "a couple thousand", "several hundred"
OWNED_FORCE = {"losses", "casualties", "troops", "soldiers", "forces", "own", "army", "dead", "deaths"}
SHARE_BASE_REACH = 8  # tokens after 'of' within which a share's base names its people
PASSIVE = {"been", "were", "was", "are", "is", "be", "reportedly", "already"}  # "have been killed"
INTRANSITIVE_LOSSES = {"died", "perished", "dead"}
PERCENT = {"%", "percent", "per cent", "pc"}


@dataclass
class Extractor:
    """spaCy matchers built once from the lexicon."""

    lexicon: Lexicon
    nlp: spacy.language.Language = field(init=False)
    numbers: Matcher = field(init=False)
    phrases: PhraseMatcher = field(init=False)
    acronyms: PhraseMatcher = field(init=False)
    wordy: Matcher = field(init=False)

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
        self.wordy = Matcher(self.nlp.vocab)  # vague quantities and fractions, run only where their words occur
        scales = {"LOWER": {"IN": list(self.lexicon.scales)}}
        multipliers = [p for p, v in self.lexicon.mapping("vague").items() if v.isdigit()]
        self.wordy.add("VAGUE", [[*({"LOWER": w} for w in p.split()), scales] for p in multipliers], greedy="LONGEST")
        floors = [[*({"LOWER": w} for w in p.split()), scales] for p in self.lexicon.mapping("vague_floor")]
        plurals = [[*({"LOWER": w} for w in p.split())] for p in self.lexicon.mapping("vague_plural")]
        self.wordy.add("FLOOR", floors + plurals, greedy="LONGEST")
        fractions = list(self.lexicon.mapping("fraction"))
        self.wordy.add(
            "FRACTION",
            [
                [
                    {"LOWER": {"IN": ["a", "one", *self.lexicon.number_words]}},
                    {"ORTH": "-", "OP": "?"},
                    {"LOWER": {"IN": fractions}},
                ],
                [{"LOWER": "half"}, {"LOWER": "of"}],
            ],
            greedy="LONGEST",
        )
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        rows = self.lexicon.phrases[self.lexicon.phrases["kind"].isin(MATCHER_KINDS)]
        for (kind, value), group in rows.groupby(["kind", "value"]):
            self.phrases.add(f"{kind}:{value}", list(self.nlp.tokenizer.pipe(group["phrase"].tolist())))
        for row in self.lexicon.actors.itertuples():
            patterns = [p.strip() for p in row.patterns.split("|") if p.strip()]
            if patterns:
                self.phrases.add(f"actor:{row.actor_id}", list(self.nlp.tokenizer.pipe(patterns)))
        self.acronyms = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for phrase, value in self.lexicon.mapping("acronym").items():
            self.acronyms.add(f"acronym:{value}", [self.nlp.tokenizer(phrase)])

    @cached_property
    def words(self) -> dict[str, int]:
        return self.lexicon.number_words

    @cached_property
    def hint(self) -> re.Pattern[str]:
        """A quick test for a number in a sentence, derived from the lexicon's number words."""
        return number_hint(self.lexicon)

    @cached_property
    def wordy_words(self) -> re.Pattern[str]:
        """The words that start a vague quantity or a fraction ('couple', 'several', 'thousands', 'third')."""
        kinds = ("vague", "vague_floor", "vague_plural", "fraction")
        words = {w for k in kinds for p in self.lexicon.mapping(k) for w in p.split() if w not in ("a", "of")}
        return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")", re.I)

    @cached_property
    def speech(self) -> re.Pattern[str]:
        """A quick test for a sentence that may name a speaker: a reporting word or a source lead."""
        words = {p.split()[0] for p in self.lexicon.mapping("reporting")} | {"citing", "cited", "briefed", "briefing"}
        return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b")

    @cached_property
    def earlier(self) -> re.Pattern[str]:
        """Words that say a source made its estimate before the article ('earlier said', 'had estimated')."""
        phrases = sorted(self.lexicon.mapping("earlier"), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)

    def phrase_marks(self, doc: Doc) -> list[tuple[str, str, int, int]]:
        """(kind, value, start, end) of every vocabulary match, longest first where they overlap."""
        found = []
        for match_id, start, end in [*self.phrases(doc), *self.acronyms(doc)]:
            kind, value = self.nlp.vocab.strings[match_id].split(":", 1)
            found.append((kind, value, start, end))
        return sorted(found, key=lambda m: (m[2], -(m[3] - m[2])))

    def number_spans(self, doc: Doc, text: str) -> list[Span]:
        """Number, range, vague and fraction spans, longest first, not overlapping, in reading order."""
        found = self.numbers(doc)
        if self.wordy_words.search(text):
            found += self.wordy(doc)
        spans = [Span(doc, s, e, label=self.nlp.vocab.strings[m]) for m, s, e in found]
        spans.sort(key=lambda s: (s.label_ == "NUMBER", -(s.end - s.start), s.start))
        kept: list[Span] = []
        for span in spans:
            if not any(span.start < k.end and k.start < span.end for k in kept):
                kept.append(span)
        return sorted(kept, key=lambda s: s.start)

    def analyse(self, doc: Doc, text: str | None = None) -> Sentence:
        """The marks, actors and reporting verbs of one tokenized sentence (``text`` is its string, if known)."""
        marks = self.phrase_marks(doc)
        return Sentence(doc, marks, actor_marks(doc, marks, self.lexicon), doc.text if text is None else text)

    def sentence_claims(
        self, doc: Doc, previous_text: str = "", carried: tuple[str, ...] = (), sentence: Sentence | None = None
    ) -> list[dict]:
        """Claims of one tokenized sentence (dicts without article fields), one per actor of a joint statement.

        ``previous_text`` is the sentence before: its conflict holds when this one refers back to it ("at the
        time"). ``carried`` is the speaker named earlier in the paragraph.
        """
        sentence = sentence or self.analyse(doc)
        context_conflict = None
        if previous_text and sentence.has("anaphora"):
            context_conflict = named_conflict(self.phrase_marks(self.nlp.tokenizer(previous_text)))
        claims: list[dict] = []
        for span in self.number_spans(doc, sentence.text):
            claim = self.claim_for(sentence, span, claims, context_conflict, carried)
            if claim is not None:
                claims.extend(claim | {"attributed_to": actor} for actor in claim.pop("actors"))
        return claims

    def is_subset(self, noun: str) -> bool:
        """True when the counted noun names part of a force (officers, generals), not the force."""
        return noun.lower() in self.lexicon.mapping("subset")

    def span_values(self, span: Span) -> tuple[float, float] | None:
        """(low, high) of a number span; a vague multiplier ('a couple thousand') and fractions included."""
        if span.label_ == "VAGUE":
            multiplier = self.lexicon.mapping("vague")[span[:-1].text.lower()]
            value = float(multiplier) * self.lexicon.scales[span[-1].lower_]
            return value, value
        if span.label_ == "FLOOR":  # "several hundred" is at least 300, "thousands" at least 2,000
            words = span.text.lower()
            if words in self.lexicon.mapping("vague_plural"):
                value = float(self.lexicon.mapping("vague_plural")[words])
            else:
                value = float(self.lexicon.mapping("vague_floor")[span[:-1].text.lower()])
                value *= self.lexicon.scales[span[-1].lower_]
            return value, value
        if span.label_ == "FRACTION":
            value = fraction_value(
                list(span) if span[-1].lower_ != "of" else list(span[:1]), self.words, self.lexicon.mapping("fraction")
            )
            return None if value is None else (round(value, 2), round(value, 2))  # "a third" is written 0.33
        return span_values(span, self.words, self.lexicon.scales)

    def claim_for(self, sentence: Sentence, span: Span, previous: list[dict], context_conflict, carried) -> dict | None:
        """The claim a number span makes, or None when a drop rule applies."""
        doc, marks = sentence.doc, sentence.marks
        values = self.span_values(span)
        if values is None:
            return None
        noun = counted_noun(doc, span, marks)
        share = share_of(doc, span, marks)
        rate = rate_of(doc, span, marks, noun[2] if noun else span.end)
        context = NumberContext(
            doc, span, values, marks, is_day_of_month(doc, span, self.lexicon.months), noun is not None
        )
        if share is None and rate is None and drop_rule(context) is not None:
            return None
        if share is None and span.label_ == "FRACTION":
            return None
        clause = clause_bounds(doc, span)
        before = sentence.between(clause[0], span.start)
        restated = RESTATEMENT.search(before)
        if noun is None and restated and restated["of"]:
            noun = noun_before(span, marks, clause)
        category = noun[1] or None if noun else None
        losses = self.lexicon.loss_categories
        cue = predicate_loss(doc, span, marks, clause, losses) or nearest_cue(
            span, marks, clause, self.lexicon.cue_priority
        )
        if category in (None, "force_size") and cue is not None and (category is None or cue in losses):
            category = cue
        if DENOMINATOR.search(before):
            category = "deployed"
        if share is not None:
            noun_text = share[0]
        elif not noun and restated and previous:
            noun_text, category = previous[-1]["unit"], previous[-1]["category"]
        elif not noun and cue in losses:
            noun_text = cue
        elif not noun and not DENOMINATOR.search(before):
            return None
        else:
            noun_text = noun[0] if noun else "troops"
        conflict = conflict_of(marks, category, context_conflict, losses)
        if category is None and noun and conflict != "other":
            category = "deployed"  # a count of personnel in a war with no loss or other cue is the force sent
        subject = subject_of(sentence, span, clause, noun, category, losses)
        if not noun and restated and previous:
            subject = previous[-1]["subject"]
        if category == "deployed" and subject in ("russia", "ukraine"):
            category = "force_size"  # a belligerent's own troops in its own war are its force, not a deployment
        scope, unit = self.scope_of(sentence, span, noun, share, rate, clause, subject, noun_text)
        ctx = AttributionContext(
            doc,
            span.start,
            span.end,
            clause,
            sentence.actors,
            sentence.reporting,
            sentence.has("hearsay"),
            carried,
            self.lexicon.relayers,
            sentence.text,
        )
        return {
            "start": span.start_char,
            "end": span.end_char,
            "number_text": number_text(span),
            "value_low": values[0],
            "value_high": values[1],
            "unit": unit,
            "category": category or "other",
            "scope": scope,
            "base": share[1] if share else "",
            "subject": subject,
            "conflict": conflict,
            "hedge": VAGUE_HEDGES.get(span.label_) or hedge_of(doc, span, marks, noun[2] if noun else span.end),
            **attribution(ctx),
        }

    def scope_of(self, sentence: Sentence, span: Span, noun, share, rate, clause, subject, noun_text):
        """(scope, unit) by the scope rules: share, rate, part, tranche or total."""
        ctx = ScopeContext(
            sentence.doc,
            span,
            sentence.marks,
            noun[2] if noun else span.end,
            clause,
            subject,
            bool(noun and self.is_subset(noun[0])),
            share is not None,
            rate,
        )
        scope, period = scope_rule(ctx)
        if scope == "share":
            return scope, "percent" if share[2] else "share"
        if scope == "rate":
            return scope, f"{noun_text} per {period}"
        return scope, noun_text


@dataclass
class Sentence:
    """One tokenized sentence with its lexicon marks and the actors it names."""

    doc: Doc
    marks: list
    actors: list
    text: str

    def between(self, start: int, end: int) -> str:
        """The text of tokens ``start:end``."""
        return span_text(self.doc, self.text, start, end)

    def has(self, kind: str) -> bool:
        return any(k == kind for k, _, _, _ in self.marks)

    @cached_property
    def reporting(self) -> list[tuple[int, int]]:
        return [(s, e) for k, _, s, e in self.marks if k == "reporting"]


def clause_bounds(doc: Doc, span: Span) -> tuple[int, int]:
    """Token bounds of the clause holding the span (split at ';', ':', 'but', 'while', brackets)."""
    start = next((t.i + 1 for t in reversed(doc[: span.start]) if t.lower_ in CLAUSE_BREAK), 0)
    end = next((t.i for t in doc[span.end :] if t.lower_ in CLAUSE_BREAK), len(doc))
    return start, end


def noun_limit(doc: Doc, span: Span) -> int:
    """The end of the number's noun phrase: the first punctuation or other number within ``NOUN_REACH``."""
    for token in doc[span.end : span.end + NOUN_REACH]:
        if (token.is_punct and token.text not in ("-", "+", "–")) or (token.like_num and not token.is_alpha):
            return token.i
    return min(len(doc), span.end + NOUN_REACH)


def counted_noun(doc: Doc, span: Span, marks) -> tuple[str, str, int] | None:
    """(noun, inherent category, end token) of the first counted noun within five tokens after the number."""
    limit = noun_limit(doc, span)
    for kind, value, start, end in marks:
        if kind == "noun" and span.end <= start < limit:
            return doc[start:end].text, value, end
    return None


def share_of(doc: Doc, span: Span, marks) -> tuple[str, str, bool] | None:
    """(noun, base, is_percent) when the number is a share of a force: 'two-thirds of them', '40 percent of the
    troops'; the base is what follows 'of' up to the counted noun or the clause's end."""
    i = span.end
    is_percent = span.label_ != "FRACTION" and i < len(doc) and doc[i].lower_ in PERCENT
    if is_percent and doc[i].lower_ == "per":
        i += 1
    i += 1 if is_percent else 0
    if span.label_ == "FRACTION" and span[-1].lower_ == "of":
        i -= 1
    if not (is_percent or span.label_ == "FRACTION") or i >= len(doc) or doc[i].lower_ != "of":
        return None
    nouns = [(s, e) for k, _, s, e in marks if k in ("noun", "cue") and i < s <= i + SHARE_BASE_REACH]
    end = (
        nouns[0][1]
        if nouns
        else next(
            (t.i for t in doc[i + 1 : i + 7] if t.is_punct or t.lower_ in ("were", "was", "have", "had", "died")),
            min(len(doc), i + 4),
        )
    )
    base = doc[i + 1 : end].text
    if not base or not (nouns or base.lower() in ("them", "those", "the force", "the unit", "the troops")):
        return None
    return ("percent" if is_percent else "share", base, is_percent)


def rate_of(doc: Doc, span: Span, marks, noun_end: int) -> str | None:
    """The period of a rate ('1,000 casualties a day', 'about 40,000 a month'), if one follows the figure."""
    for kind, value, start, _ in marks:
        if kind == "rate" and noun_end <= start <= noun_end + RATE_REACH:
            return value
        if kind == "rate" and value in ("day", "week", "month") and start == span.start - 1:
            return value  # "daily 1,000"
    return None


def noun_before(span: Span, marks, clause: tuple[int, int]) -> tuple[str, str, int] | None:
    """The last counted noun between the clause start and the number ("the number of engineers at 1,000")."""
    found = [(span.doc[s:e].text, v, e) for k, v, s, e in marks if k == "noun" and clause[0] <= s and e <= span.start]
    return found[-1] if found else None


def nearest_cue(span: Span, marks, clause: tuple[int, int], priority: tuple[str, ...]) -> str | None:
    """The category signalled by the cue nearest the number within its clause (later cues win ties)."""
    best = None
    cues = [(v, s, e) for k, v, s, e in marks if k == "cue"]
    for value, start, end in cues:
        if not (clause[0] <= start < clause[1]) or any(
            s <= start and end <= e and e - s > end - start for _, s, e in cues
        ):
            continue
        distance = start - span.end if start >= span.end else span.start - end + 0.5
        rank = (abs(distance), priority.index(value))
        if best is None or rank < best[0]:
            best = (rank, value)
    return best[1] if best else None


def predicate_loss(doc: Doc, span: Span, marks, clause, losses: tuple[str, ...]) -> str | None:
    """A loss cue after the number in its clause with no other number between: the predicate of the counted
    people ("100 soldiers sent to Russia have been killed") wins over a nearer deployment cue."""
    if any(k == "cue" and v in losses and e in (span.start, span.start - 1) for k, v, _, e in marks):
        return None  # "killed 77 and wounded 40": the verb before the number decides
    for kind, value, start, _ in marks:
        if kind == "cue" and value in losses and span.end <= start < clause[1]:
            between = doc[span.end : start]
            predicate = start > 0 and (doc[start - 1].lower_ in PASSIVE or doc[start].lower_ in INTRANSITIVE_LOSSES)
            return value if predicate and not any(t.like_num for t in between) else None
    return None


def hedge_of(doc: Doc, span: Span, marks, phrase_end: int) -> str:
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


def conflict_of(marks, category: str | None, context_conflict: str | None, losses: tuple[str, ...]) -> str:
    """The conflict the sentence names, else the one it refers back to, else Ukraine for losses and troops."""
    named = named_conflict(marks)
    if named is None and any(k == "anaphora" for k, _, _, _ in marks):
        named = context_conflict
    if named is not None:
        return named
    return "ukraine_war" if category in (*losses, "deployed") else "other"


def subject_of(sentence: Sentence, span: Span, clause, noun, category, losses) -> str:
    """The force a number counts: a nationality in its noun phrase ('3,000 Russian soldiers'), a possessive
    owner of the losses ('Russia's monthly losses', 'Ukraine's own casualties'), a subject cue of the lexicon in
    the clause, else North Korea when the clause names it or the number counts troops or losses, else other."""
    doc, marks = sentence.doc, sentence.marks
    phrase_end = noun[2] if noun else span.end
    for kind, value, start, _ in marks:
        if kind == "country_form" and span.end <= start < phrase_end:
            return value if value in SUBJECTS else "other"
    for kind, value, start, end in marks:
        if kind == "country_form" and clause[0] <= start < span.start:
            owned = doc[end : min(span.start, end + 4)]
            if any(t.lower_ in OWNED_FORCE for t in owned) or owner_of_losses(doc, start):
                return value if value in SUBJECTS else "other"
    owner = own_force_owner(sentence, span, clause)
    if owner is not None:
        return owner if owner in SUBJECTS else "other"
    if re.search(r"north korea|dprk|korean|pyongyang", sentence.between(*clause), re.I):
        return "north_korea"
    for kind, value, start, _ in marks:
        if kind == "subject" and clause[0] <= start < clause[1]:
            return value
    return "north_korea" if category in (*losses, "deployed") else "other"


def owner_of_losses(doc: Doc, start: int) -> bool:
    """True for a country named as the owner of losses: 'the total losses of the Armed Forces of Ukraine'."""
    before = [t.lower_ for t in doc[max(0, start - 6) : start]]
    return "of" in before and bool(OWNED_FORCE & set(before[: before.index("of")]))


def own_force_owner(sentence: Sentence, span: Span, clause) -> str | None:
    """The country that counts its own force: 'Russia loses about 1,000 a day', 'Russia has 50,000 troops'."""
    doc, marks = sentence.doc, sentence.marks
    verbs = {s: doc[s].lower_ for k, _, s, _ in marks if k == "own_force_verb" and clause[0] <= s < span.start}
    for kind, value, start, end in marks:
        if kind != "country_form" or not (clause[0] <= start < span.start):
            continue
        after = [
            v
            for s, v in verbs.items()
            if end <= s <= end + 2 and doc[end:s].text.lower() in ("", "itself", "has", "have", "had")
        ]
        if any(v not in ("has", "had") for v in after):
            return value
        if after and all(
            t.like_num or t.lower_ in ("about", "some", "around", "roughly", "nearly", "over")
            for t in doc[max(verbs) + 1 : span.start]
        ):
            return value
    return None


def claim_id(article_id: str, sentence: str, start: int, number: str, actor: str) -> str:
    """A stable id from the claim's article, sentence text, number position and actor."""
    digest = hashlib.sha1(f"{article_id}\x1f{sentence}\x1f{start}\x1f{number}\x1f{actor}".encode()).hexdigest()
    return f"C{digest[:12]}"  # 48 bits: a collision among a million claims has odds of about 1 in 500


@lru_cache(maxsize=4)
def extractor(reference_dir: Path = REFERENCE_DIR) -> Extractor:
    """The extractor built from the reference tables (built once per process)."""
    return Extractor(load_lexicon(reference_dir))


def paragraph_keys(sentences: pd.DataFrame) -> pd.Series:
    """(article, paragraph) of each sentence; sentences without a paragraph number are paragraphs of their own."""
    if "paragraph" in sentences:
        return sentences["article_id"] + "\x1f" + sentences["paragraph"].astype(str)
    return sentences["sentence_id"]


def extract_claims(
    sentences: pd.DataFrame, articles: pd.DataFrame, reference_dir: Path = REFERENCE_DIR
) -> pd.DataFrame:
    """Every claim of the sentences, one row each, in sentence order."""
    engine = extractor(reference_dir)
    by_article = {row["article_id"]: row for row in articles.to_dict("records")}
    same_article = sentences["article_id"].eq(sentences["article_id"].shift())
    previous = sentences["text"].shift(fill_value="").where(same_article, "")
    lower = sentences["text"].str.lower()  # the quick tests run on lower case: much faster than ignoring case
    has_number = lower.str.contains(engine.hint, regex=True)
    paragraphs = paragraph_keys(sentences)
    rows = []
    speakers: dict[str, tuple[tuple[str, ...], int]] = {}  # paragraph -> (speaker, sentence index)
    last_speaker: dict[str, tuple[str, ...]] = {}  # article -> last speaker of its previous paragraph
    texts, ids, aids = sentences["text"].tolist(), sentences["sentence_id"].tolist(), sentences["article_id"].tolist()
    speaks = lower.str.contains(engine.speech, regex=True)
    wanted, speaking = (has_number | speaks).tolist(), speaks.tolist()
    numbered, paragraphs, previous = has_number.tolist(), paragraphs.tolist(), previous.tolist()
    chosen = [i for i in range(len(texts)) if wanted[i]]
    for i, doc in zip(chosen, engine.nlp.tokenizer.pipe([texts[i] for i in chosen], batch_size=512), strict=True):
        para, aid = paragraphs[i], aids[i]
        sentence = engine.analyse(doc, texts[i])
        carried = carried_speaker(speakers.get(para), i, sentence, last_speaker.get(aid, ()))
        found = engine.sentence_claims(doc, previous[i], carried, sentence) if numbered[i] else []
        spoken = sentence_speaker(doc, sentence.actors, sentence.reporting, texts[i]) if speaking[i] else ()
        if spoken:
            speakers[para] = (spoken, i)
            last_speaker[aid] = spoken
        article = by_article.get(aid, {})
        if found:
            as_of, precision = estimate_date(texts[i], article, engine.lexicon, engine.earlier)
        for claim in found:
            rows.append(
                {
                    "claim_id": claim_id(aid, texts[i], claim["start"], claim["number_text"], claim["attributed_to"]),
                    "article_id": aid,
                    "sentence_id": ids[i],
                    **claim,
                    "as_of": as_of,
                    "as_of_precision": precision,
                    "quote": texts[i],
                }
            )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def carried_speaker(held, index: int, sentence: Sentence, previous_paragraph: tuple[str, ...]) -> tuple[str, ...]:
    """The speaker a sentence inherits: the paragraph's last named speaker within reach, or, for 'he said' or
    'the source added', the last speaker of the article so far."""
    if held is not None and index - held[1] <= CARRY_SENTENCES:
        return held[0]
    if anaphoric_report(sentence.doc, sentence.reporting):
        return previous_paragraph
    return ()
