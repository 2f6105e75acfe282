"""Named rules: each is an object with its name, the description a reader sees and the code that applies it.

As spaCy's EntityRuler keeps patterns apart from their application, the words the rules look for are rows of
the lexicon; a rule here says what it does with them. Drop rules decide that a number is not a claim; scope
rules what part of a force a figure counts. Attribution rules are in ``attribution``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .numbers import ORDINAL

CLAUSE_BREAK = {";", ":", "but", "while", "whereas", "although", "though", "(", ")"}
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


@dataclass(frozen=True)
class Rule:
    """A named rule: ``applies(context)`` is true (or returns a value) when the rule decides."""

    name: str
    description: str
    applies: Callable


@dataclass(frozen=True)
class NumberContext:
    """What drop and scope rules look at: the sentence, the number span, its values and the lexicon marks."""

    doc: object
    span: object
    values: tuple[float, float]
    marks: list
    is_day_of_month: bool
    has_counted_noun: bool


def mark_after(ctx: NumberContext, kind: str, value: str | None = None, reach: int = 2) -> bool:
    """True when a mark of ``kind`` (and ``value``) starts within ``reach`` tokens after the number."""
    return any(
        k == kind and (value is None or v == value) and ctx.span.end <= s <= ctx.span.end + reach
        for k, v, s, _ in ctx.marks
    )


def is_year(ctx: NumberContext) -> bool:
    first = ctx.span[0]
    return (
        len(ctx.span) == 1
        and bool(re.fullmatch(r"(19|20)\d\d", first.text))
        and ctx.values[0] == int(first.text)
        and not ctx.has_counted_noun
    )


def is_rank(ctx: NumberContext) -> bool:
    before = ctx.span.start - 1
    return mark_after(ctx, "not_a_count", "rank") or any(
        k == "not_a_count" and v == "rank" and s == before for k, v, s, _ in ctx.marks
    )


def is_partitive(ctx: NumberContext) -> bool:
    after = ctx.doc[ctx.span.end : ctx.span.end + 1]
    return ctx.span[0].lower_ == "one" and len(after) == 1 and after[0].lower_ == "of"


DROP_RULES = (
    Rule("ordinal", "an ordinal such as 21st", lambda c: any(ORDINAL.match(t.text) for t in c.span)),
    Rule("date", "a day of a month ('Jan. 4', '4 January', 'Thursday, 13')", lambda c: c.is_day_of_month),
    Rule("partitive", "'one of' picks an item, it does not count", is_partitive),
    Rule("duration", "followed by a unit of time", lambda c: mark_after(c, "not_a_count", "duration")),
    Rule("ratio", "a ratio or multiple ('50 times larger')", lambda c: mark_after(c, "not_a_count", "ratio")),
    Rule(
        "equipment",
        "counts equipment, money or distance, not people",
        lambda c: mark_after(c, "not_a_count", "equipment"),
    ),
    Rule("rank", "a rank or list position ('top 10', 'number 2')", is_rank),
    Rule("year", "a four-digit year (1900-2100) with no counted noun", is_year),
)
NOT_A_CLAIM = Rule("no_counted_noun", "no counted noun, loss cue or restatement near the number", lambda c: True)


def drop_rule(ctx: NumberContext) -> str | None:
    """The name of the first drop rule that applies to the number, if any."""
    return next((rule.name for rule in DROP_RULES if rule.applies(ctx)), None)


def drop_rules_table() -> list[dict[str, str]]:
    """Every drop rule with its description, for the method annex."""
    return [{"rule": r.name, "description": r.description} for r in (*DROP_RULES, NOT_A_CLAIM)]
