"""Dates in claim sentences: days of the month that are not counts, and the date a source made its estimate.

An estimate's date comes from the sentence when it says so ("on Jan. 13", "13 January", "in April", "at the end
of April 2025", "last month", "on Thursday", relative to the article's date); when the sentence only signals an
earlier statement ("the spy agency earlier said", "had estimated") the article's date is an upper bound; else the
article's own date stands in for it, with its precision.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import pandas as pd
from spacy.tokens import Doc, Span

from .numbers import word_alternation
from .rules import words_of
from .vocabulary import WEEKDAYS, Lexicon

PERIOD_OPENING = re.compile(r"\b(?:since|from|between|until|till|through)\s+(?:the\s+)?(?:end of\s+)?$", re.I)


def is_month_word(token, months: dict[str, int]) -> bool:
    """True for a month name or abbreviation; 'may' only capitalized and not followed by a verb form."""
    if token.lower_ not in months:
        return False
    if token.lower_ == "may":
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        return token.text == "May" and following not in ("have", "be", "not", "also", "well", "still", "never")
    return True


DAY_JOINERS = {"and", "or", "-", "–", "to"}  # "December 14 and 15"


def is_day_of_month(doc: Doc, span: Span, months: dict[str, int]) -> bool:
    """True when a number is a day of a month: after a month ('Jan. 4', 'Feb 13') or before one ('4 January'), or
    joined to such a day ('On December 14 and 15', '14 and 15 December')."""
    words = words_of(doc)
    first = span.start > 1 and words[span.start - 1] in DAY_JOINERS and doc[span.start - 2].like_num
    if first and is_day_of_month(doc, doc[span.start - 2 : span.start - 1], months):
        return True
    second = span.end + 2 < len(doc) and words[span.end] in DAY_JOINERS and doc[span.end + 1].like_num
    if second and is_month_word(doc[span.end + 2], months):
        return True
    before = span.start - 1 if span.start > 0 else None
    after = span.end if span.end < len(doc) else None
    near_month = any(i is not None and words[i] in months and is_month_word(doc[i], months) for i in (before, after))
    weekday = before is not None and words[before] == "," and span.start > 1 and words[span.start - 2] in WEEKDAYS
    return near_month or weekday


def month_names(months: tuple[str, ...]) -> str:
    """The month names and abbreviations, without dots, as a regex alternation written as a trie (longer names
    first where one begins another: 'sep(?:t(?:ember)?)?')."""
    return word_alternation({m.replace(".", "") for m in months})


@lru_cache(maxsize=4)
def month_mention(months: tuple[str, ...]) -> re.Pattern[str]:
    """A quick test for a month name anywhere in a text: every date pattern needs one."""
    return re.compile(rf"\b(?:{month_names(months)})", re.I)


@lru_cache(maxsize=4)
def date_patterns(months: tuple[str, ...]) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, precision) for dates in running text, most specific first; groups: month, day, year."""
    month = rf"(?P<month>{month_names(months)})\.?"
    return [
        (
            re.compile(rf"\b{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I),
            "day",
        ),
        (
            re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{month}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I),
            "day",
        ),
        (re.compile(rf"\b{month}(?:\s+of)?\s+(?P<year>(?:19|20)\d\d)\b", re.I), "month"),
        (re.compile(rf"\b(?:in|of|late|early|mid|mid-|during|as of)\s+{month}\b(?!\s+\d)", re.I), "month"),
    ]


RELATIVE = {  # phrase -> (date relative to the article's date, precision)
    "last month": (lambda d: (d.replace(day=1) - dt.timedelta(days=1)).replace(day=1), "month"),
    "this month": (lambda d: d.replace(day=1), "month"),
    "yesterday": (lambda d: d - dt.timedelta(days=1), "day"),
    "last week": (lambda d: d - dt.timedelta(days=7), "day"),
}
RELATIVE_MENTION = {phrase: re.compile(rf"\b{phrase}\b") for phrase in RELATIVE}
WEEKDAY_MENTION = re.compile(r"\b(?:on|last|this)\s+(" + "|".join(WEEKDAYS) + r")\b", re.I)


def latest_before(year: int | None, month: int, day: int, reference: dt.date) -> dt.date | None:
    """The date with the given month and day, in the given year or else the latest year not after ``reference``."""
    try:
        if year is not None:
            return dt.date(year, month, day)
        candidate = dt.date(reference.year, month, day)
        return candidate if candidate <= reference else dt.date(reference.year - 1, month, day)
    except ValueError:
        return None


def sentence_dates(text: str, reference: dt.date | None, months: dict[str, int]) -> list[tuple[dt.date, str]]:
    """Dates the sentence states (not those opening a period), with precision 'day' or 'month'."""
    found = []
    names = tuple(months)
    for pattern, precision in date_patterns(names) if month_mention(names).search(text) else ():
        for match in pattern.finditer(text):
            if PERIOD_OPENING.search(text[: match.start()]):
                continue
            if match["month"].lower() == "may" and match["month"] != "May":
                continue
            year = int(match["year"]) if match.groupdict().get("year") else None
            if year is None and reference is None:
                continue
            day = int(match["day"]) if precision == "day" else 1
            date = latest_before(year, months[match["month"].lower()], day, reference or dt.date.max)
            if date is not None and (reference is None or date <= reference):
                found.append((date, precision))
    if reference is not None:
        found += relative_dates(text, reference)
    return found


def relative_dates(text: str, reference: dt.date) -> list[tuple[dt.date, str]]:
    """Dates said relative to the article's date: 'last month', 'yesterday', 'on Thursday'."""
    lower = text.lower()
    found = [
        (when(reference), how)
        for phrase, (when, how) in RELATIVE.items()
        if phrase in lower and RELATIVE_MENTION[phrase].search(lower)
    ]
    for match in WEEKDAY_MENTION.finditer(text):
        back = (reference.weekday() - WEEKDAYS[match[1].lower()]) % 7
        found.append((reference - dt.timedelta(days=back), "day"))
    return found


def article_date(article: dict) -> tuple[dt.date | None, str]:
    """The article's date and its precision: 'day', 'month', 'year', 'range' or 'upper bound' (its last possible
    day), 'lower bound' or 'unknown'."""
    precision = article.get("date_precision", "unknown")
    if precision in ("day", "month", "year", "range", "upper bound") and pd.notna(article.get("date_high")):
        return calendar_day(article["date_high"]), precision  # a range or upper bound: its last day
    if precision == "lower bound" and pd.notna(article.get("date_low")):
        return calendar_day(article["date_low"]), "lower bound"
    return None, "unknown"


@lru_cache(maxsize=4096)
def calendar_day(value) -> dt.date:
    """The day of a date, a timestamp or an ISO date string (read once per value: articles repeat)."""
    return pd.Timestamp(value).date()


def estimate_date(text: str, article: dict, lexicon: Lexicon, earlier: re.Pattern[str]) -> tuple[object, str]:
    """(as_of, as_of_precision) of the claims of one sentence."""
    published, precision = article_date(article)
    reference = published if precision == "day" else None
    stated = sentence_dates(text, reference or (published if precision in ("month", "year") else None), lexicon.months)
    if stated:
        date, how = max(stated)
        return date, f"sentence ({how})"
    if published is None:
        return None, "unknown"
    if precision != "lower bound" and earlier.search(text):
        return published, f"earlier than article ({precision})"
    return published, f"article ({precision})"
