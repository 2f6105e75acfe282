"""Reading an article: the claims of a table of sentences, each sentence read with what came before it.

A figure whose sentence names no speaker inherits one: the speaker named up to ``CARRY_SENTENCES`` before in its
paragraph, the named source of the paragraph's last figure, or, for 'he said' and '"...," says Lee', the speaker or
actor the article named last. A quotation that closes in a later sentence is its closing speaker's; a source the
next sentence names ('This was announced by ...') is the figure's. An official publisher's own text speaks for it.
"""

from __future__ import annotations

import gc
import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from functools import cached_property, partial

import pandas as pd

from .attribution import CARRY_SENTENCES, PUBLISHER_RULE, sentence_speaker
from .context import Sentence
from .dates import estimate_date
from .extractor import Extractor
from .subjects import anaphoric_report, unnamed_speaker
from .vocabulary import CLAIM_COLUMNS


def claim_id(article_id: str, sentence: str, start: int, number: str, actor: str) -> str:
    """A stable id from the claim's article, sentence text, number position and actor."""
    digest = hashlib.sha1(f"{article_id}\x1f{sentence}\x1f{start}\x1f{number}\x1f{actor}".encode()).hexdigest()
    return f"C{digest[:12]}"  # 48 bits: a collision among a million claims has odds of about 1 in 500


def paragraph_keys(sentences: pd.DataFrame) -> pd.Series:
    """(article, paragraph) of each sentence; sentences without a paragraph number are paragraphs of their own."""
    if "paragraph" in sentences:
        return sentences["article_id"] + "\x1f" + sentences["paragraph"].astype(str)
    return sentences["sentence_id"]


class Speakers:
    """The speaker each sentence of a table names, worked out only for the sentences a figure may inherit its
    speaker from (the few before it in its paragraph or article), and each sentence tokenized at most once."""

    def __init__(self, engine: Extractor, texts: list[str], paragraphs: list[str], articles: list[str]) -> None:
        self.engine, self.texts = engine, texts
        self.paragraphs, self.articles = positions(paragraphs), positions(articles)
        self.named: dict[int, tuple[str, ...]] = {}
        self.analysed: dict[int, Sentence] = {}

    def analysis(self, i: int) -> Sentence:
        """Sentence ``i`` tokenized and analysed (kept while the sentences of its article are read)."""
        if i not in self.analysed:
            if len(self.analysed) > ANALYSES_KEPT:
                self.analysed.clear()
            doc = self.engine.nlp.tokenizer(self.texts[i])
            self.analysed[i] = self.engine.analyse(doc, self.texts[i], partial(self.country_before, i))
        return self.analysed[i]

    def country_before(self, i: int) -> str | None:
        """The country of the last actor named before sentence ``i`` in its article that speaks for one (a
        government, an agency, an official; not a bare country name or the side of the people counted)."""
        countries = self.engine.lexicon.actor_country
        for j in reversed(before(self.articles[i], i)):
            named = [m.actor for m in self.analysis(j).actors if not m.bare and not m.modifier]
            country = next((countries[a] for a in reversed(named) if a in countries), None)
            if country:
                return country
        return None

    def of(self, i: int) -> tuple[str, ...]:
        """The speaker sentence ``i`` names (it has a reporting word or a source lead), or the one its 'he said',
        'the leader stated' refers back to, else an unattributed one when it is hearsay ("Sources indicate that
        ..."), else ()."""
        if i not in self.named:
            self.named[i] = ()  # while it is worked out: a sentence never refers back to itself
            text, lower = self.texts[i], self.texts[i].lower()
            speaks = self.engine.speech.search(lower) is not None
            if not speaks and not self.engine.may_be_hearsay(lower):
                return ()
            sentence = self.analysis(i)
            named = sentence_speaker(sentence.doc, sentence.actors, sentence.reporting, text) if speaks else ()
            hearsay = sentence.has("hearsay")  # "It is estimated that ...": no one referred back to
            if speaks and not named and not hearsay and anaphoric_report(sentence.doc, sentence.reporting):
                named = self.named_before(i, sentence)
            self.named[i] = named or (("unattributed",) if hearsay else ())
        return self.named[i]

    def carried(self, i: int, sentence: Sentence) -> tuple[str, ...]:
        """The speaker sentence ``i`` inherits: the last named in its paragraph within ``CARRY_SENTENCES``, or, for
        'he said' or 'the source added', the last named in its article so far; hearsay carries only to a sentence
        that refers back ("This contingent includes ...")."""
        carried = self.named_before(i, sentence)
        refers_back = sentence.doc[0].lower_ in REFERS_BACK or "of them" in self.texts[i][:40].lower()
        if carried == ("unattributed",) and not refers_back:
            return ()
        return carried

    def named_before(self, i: int, sentence: Sentence) -> tuple[str, ...]:
        """The last speaker named in sentence ``i``'s paragraph within reach (in its article, for a sentence that
        opens by referring back: 'This new deployment would add to ...'), else, for 'he said', in its article."""
        opens_back = sentence.doc[0].lower_ in OPENS_BACK
        for j in reversed(before(self.articles[i] if opens_back else self.paragraphs[i], i)):
            if i - j > CARRY_SENTENCES:
                break
            if self.of(j):
                return self.of(j)
        if anaphoric_report(sentence.doc, sentence.reporting):  # 'the agency said': a speaker or a mention
            return self.referred(i)
        return ()

    def referred(self, i: int) -> tuple[str, ...]:
        """The speaker a 'he said', 'the agency added' or '"...," says Lee' of sentence ``i`` refers back to: the
        nearest speaker or mention before it in its article (hearsay, 'the reported presence', names no one)."""
        earlier = reversed(before(self.articles[i], i))
        return next((found for j in earlier if (found := self.named_speaker(j) or self.mentioned(j))), ())

    def named_speaker(self, i: int) -> tuple[str, ...]:
        """The speaker sentence ``i`` names, if it names one (not an unattributed source)."""
        return () if self.of(i) == ("unattributed",) else self.of(i)

    def mentioned(self, i: int) -> tuple[str, ...]:
        """The first actor sentence ``i`` names that can speak later ('The Pentagon gave new figures on Monday'),
        not a bare country name or the people counted: what a later 'the department said' may refer back to."""
        actors = self.analysis(i).actors
        return next(((m.actor,) for m in actors if not m.bare and not m.modifier and m.actor != "unattributed"), ())


ANALYSES_KEPT = 256  # analysed sentences kept for speaker look-ups (more than an article's)
UNNAMED = ("author", "unattributed")  # a figure's speaker when its sentence names none: a carried one may replace it


class Inherited(Sequence):
    """The speaker a sentence inherits from the sentences before it (``inherited`` in ``extract_claims``), worked
    out when a rule first asks for it. The rules ask for it only where a figure has no speaker of its own and
    would otherwise be the author's or an unnamed source's, so one reading of the sentence gives what reading it
    without the speaker and, if a figure was left unnamed, again with it gave; sentences whose figures name
    their speaker never look back."""

    def __init__(self, find: Callable[[], tuple[str, ...]]) -> None:
        self.find = find

    @cached_property
    def speaker(self) -> tuple[str, ...]:
        return self.find()

    def __getitem__(self, index):
        return self.speaker[index]

    def __len__(self) -> int:
        return len(self.speaker)

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, Sequence) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.speaker)


def source_within_reach(last: tuple[int, tuple[str, ...]] | None, i: int) -> tuple[str, ...]:
    """The named source of the paragraph's last figure when it stands at most ``CARRY_SENTENCES`` before sentence
    ``i`` ('SSO fighters eliminated 13, according to an official statement. ... five were killed in direct
    combat'), else ()."""
    return last[1] if last and i - last[0] <= CARRY_SENTENCES else ()


def positions(keys: list[str]) -> list[list[int]]:
    """For each row, the positions of every row with the same key (one shared list per key, in order)."""
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    return [groups[key] for key in keys]


def before(group: list[int], i: int) -> list[int]:
    """The positions of ``group`` (sorted) before ``i``."""
    return group[: bisect_left(group, i)]


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused, then restored: extraction makes no reference cycles (everything
    it drops is freed at once), and the collector's passes over the objects alive cost it a few percent."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@collector_paused()
def extract_claims(sentences: pd.DataFrame, articles: pd.DataFrame, engine: Extractor) -> pd.DataFrame:
    """Every claim of the sentences, one row each, in sentence order, as ``engine`` reads them."""
    by_article = {row["article_id"]: row for row in articles.to_dict("records")}
    texts, ids, aids = sentences["text"].tolist(), sentences["sentence_id"].tolist(), sentences["article_id"].tolist()
    paragraphs = paragraph_keys(sentences).tolist()
    previous = ["" if i == 0 or aids[i - 1] != aids[i] else texts[i - 1] for i in range(len(texts))]
    numbered = [engine.may_count(text) for text in texts]
    quoted = quotation_speakers(engine, texts, paragraphs, numbered)
    named_next = sources_named_next(engine, texts, aids, numbered)
    speakers = Speakers(engine, texts, paragraphs, aids)
    last_claim: dict[str, dict] = {}  # paragraph -> its last claim so far
    last_source: dict[str, tuple[int, tuple[str, ...]]] = {}  # paragraph -> (sentence, named source of its last figure)
    publishers: dict[str, str | None] = {}  # outlet -> the actor that publishes under its name

    def inherited(i: int, sentence: Sentence) -> tuple[str, ...]:  # a speaker named before may be theirs
        carried = speakers.carried(i, sentence) or source_within_reach(last_source.get(paragraphs[i]), i)
        if not carried and quoted.get(i, ((), ""))[1] == "anaphoric":  # '"... 100 died ...," says Lee.'
            carried = speakers.referred(i)
        return carried

    def claims_of(i: int, sentence: Sentence, carried: Inherited) -> list[dict]:
        quote = quotation_speaker(quoted[i], carried) if i in quoted else ()
        prior = last_claim.get(paragraphs[i])
        return engine.sentence_claims(sentence.doc, previous[i], carried, sentence, quote, prior, named_next.get(i, ()))

    rows = []
    for i, text in enumerate(texts):
        if not numbered[i]:
            continue
        sentence = speakers.analysis(i)
        found = claims_of(i, sentence, Inherited(partial(inherited, i, sentence)))
        if not found:
            continue
        last_claim[paragraphs[i]] = found[-1]
        last_sources = tuple(c["attributed_to"] for c in found if c["start"] == found[-1]["start"])
        if not set(last_sources) & set(UNNAMED):
            last_source[paragraphs[i]] = (i, last_sources)
        aid = aids[i]
        outlet = by_article.get(aid, {}).get("outlet")
        outlet = outlet if isinstance(outlet, str) else ""  # missing: NaN or None
        if outlet not in publishers:
            publishers[outlet] = engine.publisher(outlet)
        found = published_by(found, publishers[outlet])
        as_of, precision = estimate_date(text, by_article.get(aid, {}), engine.lexicon, engine.earlier)
        for claim in found:
            rows.append(
                {
                    "claim_id": claim_id(aid, text, claim["start"], claim["number_text"], claim["attributed_to"]),
                    "article_id": aid,
                    "sentence_id": ids[i],
                    **claim,
                    "as_of": as_of,
                    "as_of_precision": precision,
                    "quote": text,
                }
            )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def published_by(claims: list[dict], publisher: str | None) -> list[dict]:
    """The claims with the author's own figures given to the actor that publishes the article, if any."""
    if publisher is None:
        return claims
    own = {"attributed_to": publisher, "attribution_rule": PUBLISHER_RULE[0]}
    return [claim | own if claim["attributed_to"] == "author" else claim for claim in claims]


def open_quotations(texts: list[str], paragraphs: list[str]) -> dict[int, int]:
    """Sentence index -> index of the later sentence of its paragraph that closes the quotation it is part of
    (cleaned text has straight double quotes: a sentence with an odd number of them opens or closes one)."""
    closes: dict[int, int] = {}
    inside: list[int] = []
    for i, text in enumerate(texts):
        if inside and paragraphs[inside[0]] != paragraphs[i]:
            inside = []  # a quotation does not run across paragraphs
        odd = text.count('"') % 2 == 1
        if inside and odd:
            closes.update((k, i) for k in inside)
            inside = []
        elif inside or odd:
            inside.append(i)
    return closes


def quotation_speakers(engine: Extractor, texts: list[str], paragraphs: list[str], numbered: list[bool]) -> dict:
    """Sentence index -> (actor, kind) of the speaker named after the quotation it is part of, for figures inside
    a quotation that closes in a later sentence ('"... 1,000 killed. ... a force of 12,000," he added.'): the
    actors of the closing sentence's reporting verb (kind "named"), or "new" ('a source said') or "anaphoric"
    ('he added') for a speaker it does not name, or "" when the quotation closes without a speaker."""
    speakers = {}
    for i, j in open_quotations(texts, paragraphs).items():
        if numbered[i]:
            tail = engine.nlp.tokenizer(texts[j][texts[j].rfind('"') + 1 :].strip())
            after = engine.analyse(tail)
            named = sentence_speaker(tail, after.actors, after.reporting)
            speakers[i] = (named, "named") if named else ((), unnamed_speaker(tail, after.reporting) or "")
    return speakers


NAMED_NEXT = re.compile(  # "This was announced by Sergei Shoigu", "This conclusion was made by experts from",
    # "The decision was announced during a visit to Pyongyang by"
    r"^(?:this|that|these|the (?:information|figures?|report|data|estimates?|numbers?|move|news|conclusion|"
    r"assessment|decision|plan))(?: information| figures?| data| conclusion| assessment| estimate)?"
    r" (?:was|were|has been|had been|is|are)(?: \w+)?? (?:reported|announced|stated|shared|said|confirmed|disclosed|"
    r"revealed|published|provided|claimed|given|released|made|reached|drawn)(?: [\w-]+){0,6}? by\b"
    # "That is according to the NIS", "That's according to Kyiv", "The figure comes from Ukraine's intelligence"
    r"|^(?:this|that|these|the (?:figures?|estimates?|numbers?|data|information))(?:'s|’s| is| was| are| were)?"
    r" (?:according to|(?:comes?|came) from)\b",
    re.I,
)
OWNED_NEXT = re.compile(  # "That's a Ukrainian estimate", "That is the NIS's latest estimate": whose figure it was
    r"^(?:this|that|these|it)(?:'s|’s| is| was| are| were) (?:an? |the )?(?P<owner>[^,;:]{1,60}?)(?:'s|’s)?"
    r" (?:own |latest |official |new |initial |earlier )?(?:estimate|figure|assessment|count|tally|number)s?\b",
    re.I,
)
OPENS_BACK = {"this", "these", "that", "those"}  # a sentence opening with these refers to the one before
REFERS_BACK = {"this", "these", "that", "those", "they", "it", "of", "among"}  # words opening a sentence
RELAY_WORDS = {"citing", "referring"}  # "shared by Suspilne Ukraine, citing intelligence sources"


def sources_named_next(engine: Extractor, texts: list[str], articles: list[str], numbered: list[bool]) -> dict:
    """Sentence index -> the source that the next sentence of its article names for it ("This was announced by
    Sergei Shoigu"); whoever relays someone it does not name ("shared by Suspilne, citing intelligence sources")
    gives an unattributed source."""
    named = {}
    for i in range(len(texts) - 1):
        same = numbered[i] and articles[i] == articles[i + 1]
        found = same and NAMED_NEXT.match(texts[i + 1])
        owned = same and not found and OWNED_NEXT.match(texts[i + 1])
        if not (found or owned):
            continue
        tail = engine.nlp.tokenizer(owned["owner"] if owned else texts[i + 1][found.end() :].strip())
        actors = engine.analyse(tail).actors
        if not actors:
            continue
        first = actors[0]
        lead = next((t.i for t in tail[first.end : first.end + 4] if t.lower_ in RELAY_WORDS), None)
        if lead is None:
            named[i] = (first.actor,)
            continue
        cited = [a.actor for a in actors if a.start > lead]
        named[i] = (cited[0],) if cited else ("unattributed",)
    return named


def quotation_speaker(quote: tuple, carried: tuple[str, ...]) -> tuple[str, ...]:
    """The speaker of a figure inside a quotation: the actor named where it closes; for 'he added', the speaker
    carried from before, else an unattributed source; for 'a source said', an unattributed source."""
    named, kind = quote
    if kind == "named":
        return named
    if kind == "anaphoric" and carried:
        return carried
    return ("unattributed",) if kind else ()
