"""The extractor: spaCy rule machinery over a blank English pipeline (no model is downloaded).

``Matcher`` finds numbers, ranges and vague quantities; ``PhraseMatcher`` the lexicon's phrases (and, case
sensitive, agency acronyms). A number becomes a claim when it counts people or forces: it has a counted noun
("11,000 troops", "Sixty North Korean soldiers"), or a loss cue in its clause ("as much as 3,000 ... reported dead
or wounded"), or it restates a figure ("put the number at about 1000"), or it is a share of a force ("two-thirds
of them died"). The drop rules of ``rules`` name why any other number is not a claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import spacy
from spacy.attrs import IS_TITLE, LIKE_NUM, LOWER
from spacy.lang.en import English
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .actors import actor_marks, resolved
from .attribution import (
    AttributionContext,
    attribution,
    with_estimating_verbs,
    with_reported_hearsay,
)
from .context import (
    Sentence,
    adds_to_previous,
    asides_after,
    clause_bounds,
    conflict_of,
    counted_noun,
    dead_beside_wounded,
    hedge_of,
    included_in_previous,
    killing_side,
    loss_of,
    loss_verb_before,
    losses_beside,
    losses_suffered_after,
    named_conflict,
    nearest_cue,
    noun_before,
    outside,
    phrase_nationality,
    predicate_loss,
    present_at_place,
    rate_of,
    reported_right_before,
    sent_object,
    share_of,
    whole_of,
    with_combined_losses,
)
from .dates import estimate_date, is_day_of_month
from .forces import subject_of
from .numbers import (
    DIGIT,
    fraction_value,
    number_text,
    number_word_pattern,
    quantity_words,
    span_values,
    word_alternation,
)
from .rules import (
    COUNTED_BY_VERB,
    DENOMINATOR,
    RESTATEMENT,
    NumberContext,
    ScopeContext,
    drop_rule,
    not_a_count_after,
    scope_rule,
)
from .vocabulary import MATCHER_KINDS, SUBJECTS, Lexicon

SPACED_THOUSANDS = re.compile(r"\d(?:\s+,\s*|,\s+)0\d\d")  # "3, 000 troops", "3 ,000 troops"
NAMES_NORTH_KOREA = re.compile(r"north korea|dprk|korean|pyongyang|kim jong", re.I)
VAGUE_HEDGES = {"VAGUE": "approximate", "FLOOR": "at_least"}  # "a couple thousand", "several hundred"


class ReportEnglish(English):
    """English with one more infix: a dash between digits splits a range ("10,000–12,000"). The tokenizer is
    built once with it (setting ``infix_finditer`` afterwards makes spaCy reload every special case)."""

    class Defaults(English.Defaults):
        infixes = (*English.Defaults.infixes, r"(?<=[0-9])[–—](?=[0-9])")


@dataclass
class Extractor:
    """spaCy matchers built once from the lexicon."""

    lexicon: Lexicon
    nlp: spacy.language.Language = field(init=False)
    numbers: Matcher = field(init=False)
    phrases: PhraseMatcher = field(init=False)
    acronyms: PhraseMatcher = field(init=False)
    wordy: Matcher = field(init=False)
    wordy_length: int = field(init=False)  # tokens in the longest pattern of ``wordy``
    spaced: Matcher = field(init=False)
    media: Matcher = field(init=False)
    mark_names: dict[int, tuple[str, str]] = field(init=False)  # phrase or media match id -> (kind, value)

    def __post_init__(self) -> None:
        self.nlp = ReportEnglish()
        for word in self.lexicon.scales:  # "1.5 lakh": every scale word of the lexicon reads as a number
            for form in (word, word.title(), word.upper()):
                self.nlp.vocab[form].like_num = True
        self.numbers = Matcher(self.nlp.vocab)
        num = {"LIKE_NUM": True, "OP": "+"}
        self.numbers.add("NUMBER", [[num]], greedy="LONGEST")
        self.spaced = Matcher(self.nlp.vocab)  # "3, 000": run only where the text has such a number
        spaced = [{"TEXT": {"REGEX": r"^\d{1,3}$"}}, {"ORTH": ","}, {"TEXT": {"REGEX": r"^0\d\d$"}}]
        self.spaced.add("NUMBER", [spaced])
        scale_words = {"LOWER": {"IN": list(self.lexicon.scales)}}
        self.numbers.add("HALF", [[{"LOWER": "half"}, {"LOWER": "a"}, scale_words]])  # "half a million"
        one, every, single = {"LOWER": {"IN": ["one", "1"]}}, {"LOWER": "every", "OP": "?"}, {"LIKE_NUM": True}
        self.numbers.add(  # "one in three", "one out of every ten": a share
            "FRACTION",
            [[one, {"LOWER": "in"}, every, single], [one, {"LOWER": "out"}, {"LOWER": "of"}, every, single]],
            greedy="LONGEST",
        )
        self.numbers.add(
            "RANGE",
            [
                [{"LOWER": "between"}, num, {"LOWER": "and"}, num],
                [{"LOWER": "between"}, num, {"ORTH": "%"}, {"LOWER": "and"}, num],  # "between 5% and 10%"
                [num, {"ORTH": {"IN": ["-", "–", "to"]}}, num],
                [num, {"ORTH": "%"}, {"ORTH": {"IN": ["-", "–", "to"]}}, num],  # "12% to 40%"
                [num, {"LOWER": "or"}, {"LOWER": "even", "OP": "?"}, num],  # "three thousand or even ten thousand"
            ],
            greedy="LONGEST",
        )
        self.wordy = Matcher(self.nlp.vocab)  # vague quantities and fractions, run only where their words occur
        scales = {"LOWER": {"IN": list(self.lexicon.scales)}}
        multipliers = [p for p, v in self.lexicon.mapping("vague").items() if v.isdigit()]
        vague = [[*({"LOWER": w} for w in p.split()), scales] for p in multipliers]
        self.wordy.add("VAGUE", vague, greedy="LONGEST")
        floors = [[*({"LOWER": w} for w in p.split()), scales] for p in self.lexicon.mapping("vague_floor")]
        plurals = [[*({"LOWER": w} for w in p.split())] for p in self.lexicon.mapping("vague_plural")]
        self.wordy.add("FLOOR", floors + plurals, greedy="LONGEST")
        fractions = list(self.lexicon.mapping("fraction"))
        parts = [
            [
                {"LOWER": {"IN": ["a", "one", *self.lexicon.number_words]}},
                {"ORTH": "-", "OP": "?"},
                {"LOWER": {"IN": fractions}},
            ],
            [{"LOWER": "half"}, {"LOWER": "of"}],
        ]
        self.wordy.add("FRACTION", parts, greedy="LONGEST")
        self.wordy_length = max(map(len, [*vague, *floors, *plurals, *parts]))
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.mark_names = {}
        rows = self.lexicon.phrases[self.lexicon.phrases["kind"].isin(MATCHER_KINDS)]
        for (kind, value), group in rows.groupby(["kind", "value"]):
            self.add_phrases(self.phrases, kind, value, group["phrase"].tolist())
        for row in self.lexicon.actors.itertuples():
            patterns = [p.strip() for p in row.patterns.split("|") if p.strip()]
            if patterns:
                self.add_phrases(self.phrases, "actor", row.actor_id, patterns)
        self.media = Matcher(self.nlp.vocab)  # a news outlet by its name: "the Wall Street Journal", "NK News"
        for head, actor in self.lexicon.mapping("media_head").items():
            name = [{"IS_TITLE": True, "OP": "+"}, {"LOWER": head, "IS_TITLE": True}]
            self.media.add(f"actor:{actor}", [name, [{"IS_UPPER": True, "OP": "+"}, {"LOWER": head, "IS_TITLE": True}]])
            self.mark_names[self.nlp.vocab.strings[f"actor:{actor}"]] = ("actor", actor)
        self.acronyms = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for phrase, value in self.lexicon.mapping("acronym").items():
            self.add_phrases(self.acronyms, "acronym", value, [phrase])

    def add_phrases(self, matcher: PhraseMatcher, kind: str, value: str, phrases: list[str]) -> None:
        """Add the phrases of one (kind, value) to a phrase matcher, their match id named by ``mark_names``."""
        key = f"{kind}:{value}"
        matcher.add(key, list(self.nlp.tokenizer.pipe(phrases)))
        self.mark_names[self.nlp.vocab.strings[key]] = (kind, value)

    @cached_property
    def words(self) -> dict[str, int]:
        return self.lexicon.number_words

    @cached_property
    def number_word_regex(self) -> re.Pattern[str]:
        """Finds a number word or a word of a vague quantity in lower-case text, derived from the lexicon."""
        return number_word_pattern(self.lexicon)

    def may_count(self, text: str) -> bool:
        """False for a sentence with no digit, number word or vague-quantity word: it holds no number to read."""
        return DIGIT.search(text) is not None or self.number_word_regex.search(text.lower()) is not None

    @cached_property
    def quantity_words(self) -> frozenset[int]:
        """The words a vague quantity or a fraction cannot lack ('couple', 'several', 'thousands', 'third'), as the
        hashes of their lower case."""
        return frozenset(self.nlp.vocab.strings.add(w) for w in quantity_words(self.lexicon))

    @cached_property
    def quantity_text(self) -> re.Pattern[str]:
        """Finds a word of ``quantity_words`` in lower-case text: a sentence without one has no such token."""
        return re.compile(word_alternation(quantity_words(self.lexicon)))

    @cached_property
    def acronym_text(self) -> re.Pattern[str]:
        """Finds the first token of an agency acronym ('NIS', 'U.S.') anywhere in a text: a sentence without one has
        no match of ``acronyms``, which compares tokens as written."""
        return re.compile(word_alternation({self.nlp.tokenizer(p)[0].text for p in self.lexicon.mapping("acronym")}))

    @cached_property
    def media_head_titles(self) -> re.Pattern[str]:
        """Finds an outlet's last word in title case ('Times', 'News') in text: a sentence without one has no
        title-case token of ``media_heads``."""
        return re.compile(word_alternation(w.title() for w in self.lexicon.mapping("media_head")))

    @cached_property
    def force_nouns(self) -> frozenset[str]:
        """Nouns that count a force's members ('soldiers', 'personnel'): their count outside a war is its size."""
        return frozenset(self.lexicon.mapping("fighter")) | frozenset(self.lexicon.mapping("force_noun"))

    @cached_property
    def media_heads(self) -> frozenset[int]:
        """The words every outlet's name ends with, in title case ('Times', 'News'), as the hashes of their lower
        case."""
        return frozenset(self.nlp.vocab.strings.add(w) for w in self.lexicon.mapping("media_head"))

    @cached_property
    def speech(self) -> re.Pattern[str]:
        """A quick test for a sentence that may name a speaker: a reporting word or a source lead."""
        words = {p.split()[0] for p in self.lexicon.mapping("reporting")} | {"citing", "cited", "briefed", "briefing"}
        return re.compile(r"\b" + word_alternation(words) + r"\b")

    @cached_property
    def hearsay_words(self) -> frozenset[str]:
        """The longest word of each hearsay phrase ('believed', 'reportedly'), in lower case."""
        phrases = self.nlp.tokenizer.pipe(self.lexicon.mapping("hearsay"))
        return frozenset(max((t.lower_ for t in phrase), key=len) for phrase in phrases)

    @cached_property
    def estimate_verbs(self) -> frozenset[str]:
        """Verbs that give an estimate with 'at' and a number ('put', 'places'; lexicon kind ``estimate_verb``)."""
        return frozenset(self.lexicon.mapping("estimate_verb"))

    @cached_property
    def estimate_verb_text(self) -> re.Pattern[str]:
        """A quick test for a sentence that may hold a verb of estimating."""
        return re.compile(r"\b(?i:" + "|".join(sorted(self.estimate_verbs)) + r")\b")

    def civilian(self, doc: Doc, span: Span, noun: tuple[str, str, int]) -> bool:
        """True for civilians counted ('15,000 laborers', '12,000 civilians'), not for a force's own builders
        ('5,000 military construction workers'; lexicon kinds ``civilian`` and ``military_modifier``)."""
        if noun[0].split()[-1].lower() not in self.lexicon.mapping("civilian"):
            return False
        return not any(t.lower_ in self.lexicon.mapping("military_modifier") for t in doc[span.end : noun[2]])

    def may_be_hearsay(self, lower: str) -> bool:
        """False for a lower-case sentence that holds no hearsay phrase ('it is believed', 'reportedly')."""
        return any(word in lower for word in self.hearsay_words)

    @cached_property
    def earlier(self) -> re.Pattern[str]:
        """Words that say a source made its estimate before the article ('earlier said', 'had estimated')."""
        return re.compile(r"\b" + word_alternation(self.lexicon.mapping("earlier")) + r"\b", re.I)

    def phrase_marks(self, doc: Doc, text: str | None = None) -> list[tuple[str, str, int, int]]:
        """(kind, value, start, end) of every vocabulary match, longest first where they overlap (``text`` is the
        sentence's string, if known)."""
        names = self.mark_names
        acronyms = self.acronyms(doc) if text is None or self.acronym_text.search(text) is not None else []
        found = [(*names[match_id], start, end) for match_id, start, end in [*self.phrases(doc), *acronyms]]
        named = [(s, e) for k, _, s, e in found if k in ("actor", "acronym")]
        titled = text is None or self.media_head_titles.search(text) is not None
        media = self.media(doc) if titled and has_title_word(doc, self.media_heads) else ()
        for match_id, start, end in media:  # an outlet's name unless it names a known actor
            if not any(s < end and start < e for s, e in named):
                found.append((*names[match_id], start, end))
        if text is None or self.estimate_verb_text.search(text) is not None:
            found = with_estimating_verbs(doc, found, self.estimate_verbs)
        return with_combined_losses(doc, with_reported_hearsay(doc, found))

    def number_spans(self, doc: Doc, text: str | None = None) -> list[Span]:
        """Number, range, vague and fraction spans, longest first, not overlapping, in reading order (``text`` is
        the sentence's string, if known)."""
        found = self.number_matches(doc, doc.text if text is None else text)
        worded = text is None or self.quantity_text.search(text.lower()) is not None
        if worded:
            found += self.wordy_matches(doc)
        number = self.nlp.vocab.strings["NUMBER"]
        found.sort(key=lambda m: (m[0] == number, -(m[2] - m[1]), m[1]))
        kept: list[tuple[int, int, int]] = []
        for match in found:
            if not any(match[1] < k[2] and k[1] < match[2] for k in kept):
                kept.append(match)
        return [Span(doc, s, e, label=m) for m, s, e in sorted(kept, key=lambda m: m[1])]

    def wordy_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The matches of ``wordy``, run only over the tokens within one match's length of a word of
        ``quantity_words`` (every match holds one); none without such a word."""
        at = [i for i, word in enumerate(lower_words(doc)) if word in self.quantity_words]
        if not at:
            return []
        reach = self.wordy_length - 1
        return matches_in(self.wordy, doc[max(0, at[0] - reach) : at[-1] + reach + 1])

    @cached_property
    def scales_like_numbers(self) -> bool:
        """True when spaCy reads every scale word ('hundred', 'million') as number-like, as it does in English."""
        return all(self.nlp.vocab[word].like_num for word in self.lexicon.scales)

    def number_matches(self, doc: Doc, text: str) -> list[tuple[int, int, int]]:
        """The matches of ``numbers`` and ``spaced``, the matchers run only over the tokens a match can cover: from
        two tokens before the first number-like token ('between 10 and 12', 'half a million') to the last (every
        pattern ends with a number or a scale word). A lone number-like token not two after 'half' is a number by
        itself, found without running them (a range or a spaced thousand has two)."""
        everywhere = [0, len(doc) + 1]  # a window over every token, should a scale word not be number-like
        numeric = doc.to_array(LIKE_NUM).nonzero()[0] if self.scales_like_numbers else everywhere
        if len(numeric) == 0:
            return []
        first, last = int(numeric[0]), int(numeric[-1])
        if first == last and (first < 2 or doc[first - 2].lower_ != "half"):
            return [(self.nlp.vocab.strings["NUMBER"], first, first + 1)]
        window = doc[max(0, first - 2) : last + 1]
        found = matches_in(self.numbers, window)
        if SPACED_THOUSANDS.search(text):
            found += matches_in(self.spaced, window)
        return found

    def analyse(self, doc: Doc, text: str | None = None, country_before: Callable[[], str] | None = None) -> Sentence:
        """The marks, actors and reporting verbs of one tokenized sentence (``text`` is its string, if known;
        ``country_before`` gives the country of the actor its article named last before it)."""
        return LazySentence(doc, doc.text if text is None else text, self, country_before)

    def sentence_claims(
        self,
        doc: Doc,
        previous_text: str = "",
        carried: tuple[str, ...] = (),
        sentence: LazySentence | None = None,
        quoted: tuple[str, ...] = (),
        prior: dict | None = None,
        named_next: tuple[str, ...] = (),
    ) -> list[dict]:
        """Claims of one tokenized sentence (dicts without article fields), one per actor of a joint statement.

        ``previous_text`` is the sentence before: its conflict holds when this one refers back to it ("at the
        time"). ``carried`` is the speaker named earlier in the paragraph, ``quoted`` the speaker of a quotation
        the sentence is part of, named where the quotation closes; ``prior`` the paragraph's last claim before
        this sentence, which a restatement refers back to ("It now puts the figure at about 2,000"); ``named_next``
        the source the next sentence names for it ("This was announced by Sergei Shoigu").
        """
        sentence = sentence or self.analyse(doc)
        spans = sentence.numbers
        if not spans:
            return []  # no number: the sentence's words need no reading
        context_conflict = None
        if previous_text and sentence.has("anaphora"):
            context_conflict = named_conflict(self.phrase_marks(self.nlp.tokenizer(previous_text), previous_text))
        claims: list[dict] = []
        earlier = [prior] if prior else []
        for span in spans:
            claim = self.claim_for(sentence, span, earlier + claims, context_conflict, carried, quoted, named_next)
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
        if span.label_ == "HALF":
            value = self.lexicon.scales[span[-1].lower_] / 2
            return value, value
        if span.label_ == "FRACTION":
            value = fraction_value(
                list(span) if span[-1].lower_ != "of" else list(span[:1]), self.words, self.lexicon.mapping("fraction")
            )
            return None if value is None else (round(value, 2), round(value, 2))  # "a third" is written 0.33
        return span_values(span, self.words, self.lexicon.scales, self.lexicon.months)

    def claim_for(
        self, sentence: Sentence, span: Span, previous: list[dict], context_conflict, carried, quoted=(), named_next=()
    ) -> dict | None:
        """The claim a number span makes, or None when a drop rule applies."""
        doc, marks = sentence.doc, sentence.marks
        values = self.span_values(span)
        if values is None:
            return None
        whole = whole_of(doc, span)  # "3,800 of the approximately 12,000 soldiers deployed had died"
        noun = counted_noun(doc, span, marks) or (counted_noun(doc, whole, marks) if whole else None)
        share = share_of(doc, span, marks)
        rate = rate_of(doc, span, marks, noun[2] if noun else span.end)
        context = NumberContext(
            doc, span, values, marks, is_day_of_month(doc, span, self.lexicon.months), noun is not None
        )
        if share is None and rate is None and drop_rule(context) is not None:
            return None
        if rate is not None and not_a_count_after(context, "equipment", reach=1):
            return None  # "135 meters per day": a rate of no people
        if share is None and span.label_ == "FRACTION":
            return None
        clause = clause_bounds(doc, span)
        before = sentence.between(clause[0], span.start)
        restated = RESTATEMENT.search(before)
        if noun is None and ((restated and restated["of"]) or COUNTED_BY_VERB.search(before)):
            noun = noun_before(span, marks, clause)  # "the number of engineers at 1,000", "the troops number 8,000"
        alternative = noun is None and reported_right_before(span, marks)  # "while Seoul says 3,000"
        refers = (
            bool(restated)
            or alternative
            or (  # a figure given before: 'with 10,000 more', 'including ...'
                noun is None
                and (
                    adds_to_previous(doc, span)
                    or included_in_previous(doc, span)
                    or (present_at_place(doc, span, clause) and previous_force(previous))  # "About 3,000 are in Kursk"
                )
            )
        )
        category = noun[1] or None if noun else None
        losses = self.lexicon.loss_categories
        noun_end = noun[2] if noun and not whole else None
        asides = asides_after(doc, whole or span, clause)  # not ', who had been captured,'
        asides += losses_beside(doc, span, marks)  # not 'sent 3,000 more following heavy losses'
        if noun is not None:  # not the losses its people suffered: '12,000 soldiers have suffered heavy losses'
            asides += losses_suffered_after(doc, span, marks)
        cue_marks = outside(marks, asides)
        predicate = predicate_loss(doc, whole or span, cue_marks, clause, losses, noun_end)
        cue = predicate or nearest_cue(span, cue_marks, clause, self.lexicon.cue_priority)
        if share is not None:  # a share of a force is a share of what its clause says was lost, if anything
            losses_said = [m for m in cue_marks if m[1] in losses]
            cue = nearest_cue(span, losses_said, clause, self.lexicon.cue_priority) or cue
        category = loss_of(doc, span, marks, losses) or category  # "the bodies of more than 20 soldiers"
        inflicted = loss_verb_before(span, marks, losses)
        if category in (None, "force_size") and cue is not None and (category is None or cue in losses):
            category = cue
        elif predicate is not None and share is None:
            category = predicate  # what befell the people: '300 wounded soldiers died', '300 POWs were killed'
        if inflicted and category in losses:
            category = inflicted  # "killed 77 and wounded 40": the verb before the number, not a later loss word
        if category == "casualties" and dead_beside_wounded(doc, span, marks, clause):
            category = "killed"  # "had lost 198,000 soldiers and another 550,000 wounded"
        denominator = DENOMINATOR.search(before) is not None
        if denominator:
            category = "deployed"
        if share is not None:
            noun_text = share[0]
        elif not noun and refers and previous and not denominator:  # "killed 21 and wounded 40 more": wounded
            named_after = any(k == "cue" and v in losses and st == span.end for k, v, st, _ in marks)
            own = category if alternative or named_after else None  # "Ukrainians claim 200 have died", "including
            # 600 killed": its own predicate or loss word
            noun_text, category = previous[-1]["unit"], inflicted or own or previous[-1]["category"]
        elif not noun and cue in losses:
            noun_text = cue
        elif not noun and cue == "other":
            noun_text = "people"  # "three had gone missing": people, in no category of loss
        elif not noun and category == "deployed" and (refers or sent_object(doc, span, marks)):
            noun_text = "troops"  # "deploy up to 100,000 on Russia's side", "the contingent may rise to 12,000"
        elif not noun and not denominator:
            return None
        else:
            noun_text = noun[0] if noun else "troops"
        if category is None and noun and phrase_nationality(span, marks, noun[2]) == "north_korea":
            category = "deployed"  # "12,000 North Korean soldiers" with no other cue: the North's force sent
        conflict = conflict_of(marks, category, context_conflict, losses)
        if category is None and noun and previous and included_in_previous(doc, span):
            category = previous[-1]["category"]  # "12,000 troops, including around 500 officers": sent too
        if category is None and noun and conflict != "other":
            category = "deployed"  # a count of personnel in a war with no loss or other cue is the force sent
        elif category is None and noun and noun[0] in self.force_nouns:  # as written: not a name ("Special Forces")
            category = "force_size"  # soldiers counted outside any war: the size of a force ('1.3 million active')
        countries = self.lexicon.actor_country
        subject = subject_of(sentence, span, clause, noun, category, losses, inflicted is not None, countries)
        if noun and self.civilian(doc, span, noun):
            subject = "other"  # "15,000 North Korean laborers", "12,000 civilians": people, not a force
        if not noun and refers and previous and not denominator:
            subject = previous[-1]["subject"]
        elif subject == "north_korea" and belligerent_before(previous) and not NAMES_NORTH_KOREA.search(sentence.text):
            subject = previous[-1]["subject"]  # "... 475 Ukrainian troops were killed. Other losses: 'South' (275)"
        if category == "deployed" and subject in ("russia", "ukraine"):
            category = "force_size"  # a belligerent's own troops in its own war are its force, not a deployment
        scope, unit = self.scope_of(sentence, span, noun, share, rate, clause, subject, noun_text, category)
        ctx = AttributionContext(
            doc,
            span.start,
            span.end,
            clause,
            sentence.actors,
            sentence.reporting,
            [(s, e) for k, _, s, e in marks if k == "hearsay"],
            carried,
            self.lexicon.relayers,
            sentence.text,
            quoted,
            named_next,
            tuple(s for k, v, s, _ in marks if k == "cue" and v == "deployed"),
            self.killer(doc, span, marks, subject) if inflicted else (),
        )
        attributed = attribution(ctx)
        category = self.sense_of(sentence, clause, attributed["actors"], category) or category
        speakers = countries.get(attributed["actors"][0], "")
        if subject == "enemy":  # "the enemy lost 1,200": the side the speaker fights
            subject = self.lexicon.mapping("opponent").get(speakers, "other")
        elif subject == "speaker":  # '"We have lost 200 men," the command said': the speaker's own side
            subject = speakers if speakers in SUBJECTS else "other"
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
            **attributed,
        }

    def sense_of(self, sentence: Sentence, clause: tuple[int, int], actors: list[str], category) -> str | None:
        """The category that the clause's loss word giving ``category`` has in its source's usage (lexicon kind
        ``source_sense``: Ukraine's forces report the enemy 'eliminated' for killed, Russia's ministry for all its
        losses), or None."""
        senses = self.lexicon.mapping("source_sense")
        for kind, value, start, end in sentence.marks:
            sense = senses.get(sentence.between(start, end).lower()) if kind == "cue" and value == category else None
            if sense and clause[0] <= start < clause[1] and [sense.partition(":")[0]] == actors:
                return sense.partition(":")[2]
        return None

    def publisher(self, outlet: str) -> str | None:
        """The official actor that publishes under an outlet's name ('U.S. Department of Defense', 'KCNA'), when the
        name is one actor's, not a bare country's ('HuffPost UK'), else None."""
        doc = self.nlp.tokenizer(outlet)
        actors = {m.actor for m in self.analyse(doc, outlet).actors if not m.bare}
        return actors.pop() if len(actors) == 1 and actors <= self.lexicon.publishers else None

    def killer(self, doc: Doc, span: Span, marks, subject: str) -> tuple[str, ...]:
        """The actor of the side whose unit inflicted the loss a number counts ('Ukrainian soldiers have killed 77'),
        or ()."""
        fighters = self.lexicon.mapping("fighter")
        side = killing_side(doc, span, marks, subject, fighters, self.lexicon.mapping("opponent"))
        actor = side and (
            self.lexicon.actor_by_role.get((side, "military")) or self.lexicon.actor_by_role.get((side, ""))
        )
        return (actor,) if actor else ()

    def scope_of(self, sentence: Sentence, span: Span, noun, share, rate, clause, subject, noun_text, category=None):
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
            category,
        )
        scope, period = scope_rule(ctx)
        if scope == "share":
            return scope, "percent" if share[2] else "share"
        if scope == "rate":
            return scope, f"{noun_text} per {period}"
        return scope, noun_text


def matches_in(matcher: Matcher, window: Span) -> list[tuple[int, int, int]]:
    """(match id, start, end) of the matcher's matches in a span, as token positions of its doc."""
    return [(match_id, window.start + start, window.start + end) for match_id, start, end in matcher(window)]


def belligerent_before(previous: list[dict]) -> bool:
    """True when the figure before (in the sentence or, before it, the paragraph) counts Russia's or Ukraine's
    force: a later figure of a sentence that names no force, nor North Korea, counts the same side."""
    return bool(previous) and previous[-1]["subject"] in ("russia", "ukraine")


def previous_force(previous: list[dict]) -> bool:
    """True when the figure before counts a force sent or present (not a loss): what a later 'About 3,000 are
    already in Kursk' can count part of."""
    return bool(previous) and previous[-1]["category"] in ("deployed", "force_size")


def lower_words(doc: Doc) -> list[int]:
    """The hashes of the lower case of every token (a quick test for words a matcher needs)."""
    return doc.to_array(LOWER).tolist()


def has_title_word(doc: Doc, words: frozenset[int]) -> bool:
    """True when a title-case token is one of the words (given as the hashes of their lower case)."""
    lowers = lower_words(doc)
    if words.isdisjoint(lowers):
        return False
    return any(title and lower in words for lower, title in zip(lowers, doc.to_array(IS_TITLE).tolist(), strict=True))


def claim_date(sentence: str, article: dict, engine: Extractor) -> tuple[object, str]:
    """The date of a sentence's claims: the date its source made the estimate, else the article's (see ``dates``)."""
    return estimate_date(sentence, article, engine.lexicon, engine.earlier)


class LazySentence(Sentence):
    """A ``Sentence`` whose marks and actors are read when first asked for: a sentence with no number needs
    neither, and most sentences' numbers are dropped before their attribution is needed."""

    def __init__(self, doc: Doc, text: str, engine: Extractor, country_before: Callable[[], str] | None = None):
        self.doc, self.text, self.engine = doc, text, engine
        self.country_before = country_before  # the country of the actor its article named last before it

    @cached_property
    def marks(self) -> list:
        return self.engine.phrase_marks(self.doc, self.text)

    @cached_property
    def actors(self) -> list:
        found = actor_marks(self.doc, self.marks, self.engine.lexicon)
        if not any(m.unqualified for m in found):
            return found
        return resolved(found, self.engine.lexicon, self.country_before() if self.country_before else None)

    @cached_property
    def numbers(self) -> list[Span]:
        """The number spans, read once though a sentence's claims are read again with a speaker carried to it."""
        return self.engine.number_spans(self.doc, self.text)
