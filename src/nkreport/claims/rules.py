"""Named rules: each is an object with its name, the description a reader sees and the code that applies it.

As spaCy's EntityRuler keeps patterns apart from their application, the words the rules look for are rows of
the lexicon; a rule here says what it does with them. Drop rules decide that a number is not a claim; scope
rules what part of a force a figure counts. Attribution rules are in ``attribution``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from .numbers import ORDINAL

CLAUSE_BREAK = {";", ":", "but", "while", "whereas", "although", "though", "(", ")"}
HEDGE_WORDS = (
    r"(?:\s+(?:about|around|roughly|approximately|some|somewhere|nearly|almost|over|more than|up to|as many as|"
    r"at least|closer to|close to|near))?"
)
RESTATEMENT = re.compile(  # "put the number of engineers at 1,000", "the contingent may eventually rise to around
    # 12,000", "put the number of soldiers sent to Russia somewhere between 10,000 and 12,000"
    r"\b(?!forces (?:at|of|in|from|as|is|was|are|were)\b)"  # "Russian forces at three sites" is a place
    r"(?:number|figure|toll|total|count|estimate|scale|size|strength|forces|contingent|alert|warning)s?"
    r"(?P<of> (?:of|in|from) [\w' -]{1,80}?)?"
    r"(?:\s+(?:could|may|might|will|would|has|have|had|now|eventually|already|likely|be|been|further|even|soon))*"
    r"(?: (?:at|to|of|as|is|was|are|were|exceed|exceeds|exceeded|reach|reached|reaches|surpassed|topped|"
    r"stands at|stood at|"
    r"(?:rise|rises|rose|risen|grow|grows|grew|grown|climb|climbs|climbed|increase|increases|increased|jump|jumped)"
    r"(?: to)?)" + HEDGE_WORDS + r"| (?:somewhere|about|around|roughly|approximately|closer to|close to))\s*$",
    re.I,
)
COUNTED_BY_VERB = re.compile(  # "the troops now number around 8,000", "more troops, possibly totaling 10,000"
    r"\b(?:numbers?|numbered|numbering|totals?|totall?ed|totall?ing|amount(?:s|ed|ing)? to)"
    r"(?:\s+(?:now|already|possibly|probably|likely|perhaps|still|only|just|reportedly))*" + HEDGE_WORDS + r"\s*$",
    re.I,
)
VERB_LEADS = {"will", "would", "could", "may", "might", "can", "to", "now", "they", "which", "that", "still", "already"}
FORMATION_REACH = 3  # words to a unit of a force after a number with no people noun ('two North Korean brigades')
SPEAKERS_REACH = 4  # words between a number and the speakers it counts ('two senior U.S. defense officials')
VAGUE_LABELS = ("VAGUE", "FLOOR")  # the number matcher's labels of vague quantities ('several', 'dozens')
SINGULAR_S = ("ss", "us", "is", "as", "os")  # words ending in 's' that are no plural ('across', 'thus', 'this')
YEAR = re.compile(r"(19|20)\d\d")
DENOMINATOR = re.compile(  # "4,000 out of a total of 12,000", "that of the 11,000 troops in Kursk, 1,000 ..."
    r"(?:\bout of|(?:^|\bthat|,|\d|%|\bpercent|\bhalf|\bthirds?|\bquarters?|\bfifths?)\s*of)(?: the| an?| its| their)?"
    r"(?: approximately| about| around| some| roughly| nearly| estimated)?(?: initial| total| original| estimated)?"
    r"(?: total)?(?: of)?\s*$",
    re.I,
)


def words_of(doc) -> list[str]:
    """The lower case of every token of the sentence, read once and kept with it (``doc.user_data``): the rules
    index this list instead of building a spaCy token for every look at a word."""
    words = doc.user_data.get("lower")
    if words is None:
        words = doc.user_data["lower"] = [t.lower_ for t in doc]
    return words


def punct_of(doc) -> list[bool]:
    """Whether each token of the sentence is punctuation, read once and kept with it as ``words_of`` is."""
    punct = doc.user_data.get("punct")
    if punct is None:
        punct = doc.user_data["punct"] = [t.is_punct for t in doc]
    return punct


def span_text(doc, text: str, start: int, end: int) -> str:
    """The text of tokens ``start:end`` sliced from the sentence string (cheaper than ``Span.text``)."""
    if start >= end:
        return ""
    bounds = doc.user_data.get("bounds")
    if bounds is None:
        bounds = doc.user_data["bounds"] = [(t.idx, t.idx + len(t)) for t in doc]
    return text[bounds[start][0] : bounds[end - 1][1]]


@dataclass(frozen=True)
class Rule:
    """A named rule: ``applies(context)`` is true (or returns a value) when the rule decides."""

    name: str
    description: str
    applies: Callable


@dataclass  # not frozen: one is built per number, and a frozen one takes several times longer to build
class NumberContext:
    """What drop and scope rules look at: the sentence, the number span, its values and the lexicon marks."""

    doc: object
    span: object
    values: tuple[float, float]
    marks: list
    is_day_of_month: bool
    has_counted_noun: bool

    @cached_property
    def not_a_count(self) -> list[tuple[str, int]]:
        """(value, start) of the sentence's marks of words that make a number no count ('years', 'times', 'top')."""
        return [(v, s) for k, v, s, _ in self.marks if k == "not_a_count"]


def not_a_count_after(ctx: NumberContext, value: str, reach: int = 2) -> bool:
    """True when a not-a-count mark of ``value`` starts within ``reach`` tokens after the number, with no other
    number between ('wounded 40 over three days': the days are the three's)."""
    end = ctx.span.end
    return any(
        v == value and end <= s <= end + reach and not any(t.like_num for t in ctx.doc[end:s])
        for v, s in ctx.not_a_count
    )


def is_year(ctx: NumberContext) -> bool:
    first = ctx.span[0]
    return (
        len(ctx.span) == 1
        and YEAR.fullmatch(first.text) is not None
        and ctx.values[0] == int(first.text)
        and not ctx.has_counted_noun
    )


def is_rank(ctx: NumberContext) -> bool:
    """'ranked number 3', 'No. 12' (not 'the force will number 10,000', 'the North Korean dead number 3,000')."""
    before = ctx.span.start - 1
    people = any(k == "noun" and e == before for k, _, _, e in ctx.marks)  # people who number N
    verb = before > 0 and (ctx.doc[before - 1].lower_ in VERB_LEADS or people)
    return not_a_count_after(ctx, "rank") or any(v == "rank" and s == before and not verb for v, s in ctx.not_a_count)


def counts_speakers(ctx: NumberContext) -> bool:
    """'citing two officials', 'two senior U.S. defense officials said': the speakers' noun within four words of
    the number, in its noun phrase (no punctuation between)."""
    end, punct = ctx.span.end, punct_of(ctx.doc)
    return any(
        v == "speakers" and end <= s <= end + SPEAKERS_REACH and not any(punct[end:s]) for v, s in ctx.not_a_count
    )


def is_money(ctx: NumberContext) -> bool:
    """A currency sign or code right before the number ('$2,000', 'US$ 3,000') or right after it ('3,000 USD')."""
    before = ctx.span.start - 1
    return not_a_count_after(ctx, "money", reach=0) or any(v == "money" and s == before for v, s in ctx.not_a_count)


def marked_right_before(ctx: NumberContext, value: str) -> bool:
    """True when a not-a-count mark of ``value`` stands right before the number ('aged 20', 'Unit 1234')."""
    return any(v == value and s == ctx.span.start - 1 for v, s in ctx.not_a_count)


def is_ratio_written_out(ctx: NumberContext) -> bool:
    """True for the first number of a ratio written with hyphens ('losses of 4-to-1')."""
    doc, end = ctx.doc, ctx.span.end
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_.startswith("to")


def is_partitive(ctx: NumberContext) -> bool:
    end = ctx.span.end
    return ctx.span[0].lower_ == "one" and end < len(ctx.doc) and ctx.doc[end].lower_ == "of"


def counts_things(ctx: NumberContext) -> bool:
    """True for a vague quantity followed at once by a plural word that is no counted noun or cue ('several
    challenges facing the troops', 'several news agencies'): it counts those things, not people. (A number,
    'eight opponents', may count people the lexicon has no noun for.)"""
    end = ctx.span.end
    if end >= len(ctx.doc) or ctx.span.label_ not in VAGUE_LABELS:
        return False
    after = ctx.doc[end]
    plural = after.is_lower and after.is_alpha and after.lower_.endswith("s") and not after.lower_.endswith(SINGULAR_S)
    return plural and not any(s == end and k in ("noun", "cue") for k, _, s, _ in ctx.marks)


DROP_RULES = (
    Rule("ordinal", "an ordinal such as 21st", lambda c: any(ORDINAL.match(t.text) for t in c.span)),
    Rule("date", "a day of a month ('Jan. 4', '4 January', 'Thursday, 13')", lambda c: c.is_day_of_month),
    Rule("partitive", "'one of' picks an item, it does not count", is_partitive),
    Rule("duration", "followed by a unit of time", lambda c: not_a_count_after(c, "duration")),
    Rule("ratio", "a ratio or multiple ('50 times larger')", lambda c: not_a_count_after(c, "ratio")),
    Rule("ratio", "a ratio written with hyphens ('4-to-1')", is_ratio_written_out),
    Rule("age", "a person's age ('aged 20')", lambda c: marked_right_before(c, "age")),
    Rule(
        "label",
        "a number naming one thing ('Unit 1234', 'cell 12', 'Article 4')",
        lambda c: marked_right_before(c, "label"),
    ),
    Rule(
        "equipment",
        "counts equipment, money or distance, not people",
        lambda c: not_a_count_after(c, "equipment"),
    ),
    Rule("money", "a sum of money ('$2,000 per soldier', '3,000 USD')", is_money),
    Rule(
        "place", "counts places, not people ('three villages', 'five bases')", lambda c: not_a_count_after(c, "place")
    ),
    Rule(
        "formation",
        "counts units of a force, not people ('one brigade', 'two regiments', 'one Ukrainian unit')",
        lambda c: not_a_count_after(c, "formation", reach=1 if c.has_counted_noun else FORMATION_REACH),
    ),
    Rule("rank", "a rank or list position ('top 10', 'number 2')", is_rank),
    Rule(
        "speakers",
        "counts the people who give a figure, not soldiers ('citing two officials', 'three sources said')",
        counts_speakers,
    ),
    Rule("things", "a vague quantity that counts the things named after it ('several challenges')", counts_things),
    Rule("year", "a four-digit year (1900-2100) with no counted noun", is_year),
    Rule(
        "single",
        "'one' with no counted noun picks an item ('one village')",
        lambda c: c.values == (1.0, 1.0) and not c.has_counted_noun and c.span[0].is_alpha,
    ),
)
NOT_A_CLAIM = Rule("no_counted_noun", "no counted noun, loss cue or restatement near the number", lambda c: True)


def drop_rule(ctx: NumberContext) -> str | None:
    """The name of the first drop rule that applies to the number, if any."""
    return next((rule.name for rule in DROP_RULES if rule.applies(ctx)), None)


REGION_REACH = 4  # tokens after the counted noun within which a region bounds the count


@dataclass  # not frozen: one is built per number, and a frozen one takes several times longer to build
class ScopeContext:
    """What scope rules look at: the number, its counted noun's end, its clause, the marks and the force."""

    doc: object
    span: object
    marks: list
    noun_end: int
    clause: tuple[int, int]
    subject: str
    is_subset: bool
    share: bool
    rate: str | None
    category: str | None = None


def in_clause(ctx: ScopeContext, kind: str, value: str | None = None) -> bool:
    return any(
        k == kind and (value is None or v == value) and ctx.clause[0] <= s < ctx.clause[1] for k, v, s, _ in ctx.marks
    )


def episode_rate(ctx: ScopeContext) -> str | None:
    """'over the past 24 hours': a count per day."""
    return next(
        (v for k, v, s, _ in ctx.marks if k == "episode" and v != "part" and ctx.clause[0] <= s < ctx.clause[1]), None
    )


def member_of_unit(ctx: ScopeContext) -> bool:
    """'Nine members of the regiment': people of one unit."""
    after = [t.lower_ for t in ctx.doc[ctx.noun_end : ctx.noun_end + 3]]
    return after[:1] == ["of"] and any(
        k == "unit_word" and ctx.noun_end + 1 <= s <= ctx.noun_end + 3 for k, _, s, _ in ctx.marks
    )


def region_near(ctx: ScopeContext) -> bool:
    """A region named right after the number's noun phrase ('troops in the Kursk direction', 'to the Kursk region')."""
    return any(k == "region" and ctx.span.end <= s <= ctx.noun_end + REGION_REACH for k, _, s, _ in ctx.marks)


def tranche_cue(ctx: ScopeContext) -> bool:
    """'another 6,000', '6,000 more', 'additional troops', 'reinforcements' in the clause of a deployment."""
    if ctx.category not in (None, "deployed"):
        return False
    for kind, value, start, _ in ctx.marks:
        if kind != "tranche":
            continue
        if value == "in the clause" and ctx.clause[0] <= start < ctx.clause[1]:
            return True
        if value == "next to the number" and ctx.span.start - 2 <= start <= ctx.span.end:
            return True
        if value == "after the number" and start in (ctx.span.end, ctx.noun_end) and not is_more_than(ctx, start):
            return True
    return False


def is_more_than(ctx: ScopeContext, start: int) -> bool:
    return start + 1 < len(ctx.doc) and ctx.doc[start + 1].lower_ == "than"


SCOPE_RULES = (
    Rule(
        "share",
        "a fraction or percentage of a force ('two-thirds of them', '40 percent of the troops')",
        lambda c: c.share,
    ),
    Rule("rate", "a count per day, week or month ('1,000 casualties a day')", lambda c: c.rate is not None),
    Rule("rate", "a count over the past 24 hours", episode_rate),
    Rule("part", "a part of a force: officers, generals, engineers, pilots", lambda c: c.is_subset),
    Rule("part", "the members of one unit ('nine members of the regiment')", member_of_unit),
    Rule(
        "part",
        "a count of one episode: a weekend, a few days, one attack",
        lambda c: in_clause(c, "episode", "part"),
    ),
    Rule(
        "part",
        "a belligerent's own force in one region ('60,000 Russian troops in the Kursk direction')",
        lambda c: c.subject in ("russia", "ukraine") and region_near(c),
    ),
    Rule("tranche", "one deployment wave or reinforcement ('another 6,000', 'reinforcements')", tranche_cue),
)


def scope_rule(ctx: ScopeContext) -> tuple[str, str | None]:
    """(scope, period of a rate) by the first scope rule that applies; 'total' when none does."""
    for rule in SCOPE_RULES:
        found = rule.applies(ctx)
        if found:
            return rule.name, found if isinstance(found, str) else ctx.rate
    return "total", None
