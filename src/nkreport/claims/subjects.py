"""Subjects of reporting verbs that a sentence does not name: "he said", "the source added", "says Lee" refer back
to a speaker named before; "a source said", "another official stated" introduce an unnamed one.

Reads only the tokens before and after each reporting verb; no actor, no file.
"""

from __future__ import annotations

import calendar

from spacy.tokens import Doc

ANAPHORIC_SUBJECTS = {"he", "she", "it", "they", "the", "this", "that", "officials", "sources"}
SINGULAR_DETERMINERS = {"a", "an", "another", "one"}
BASE_FORMS = {"state", "claim", "estimate", "report", "say", "suggest", "indicate", "confirm", "believe", "assess"}
NEW_SPEAKER_DETERMINERS = {"a", "an", "another", "one", "some", "two", "several"}  # 'a source said'
SUBJECT_ADVERBS = {"also", "further", "has", "have", "had", "later", "then", "previously", "earlier", "reportedly"}
FIRST_PERSON = {"i", "we"}
OBJECT_PRONOUNS = {"him", "her", "them", "it"}
POSSESSIVE_PRONOUNS = {"its", "his", "her", "their"}
REFERRING_GROUPS = {"officials", "lawmakers", "legislators"}  # with no country: those of the speaker named before
CALENDAR_WORDS = {w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.month_abbr) if w}


def subject_words(doc: Doc, start: int) -> list:
    """The words before a reporting verb back to punctuation (at most four), adverbs and auxiliaries left out."""
    words = []
    for token in reversed(doc[max(0, start - 4) : start]):
        if token.is_punct:
            break
        words.insert(0, token)
    return [t for t in words if t.lower_ not in SUBJECT_ADVERBS]


def refers_back(words: list) -> bool:
    """'he', 'officials', 'the source', 'it also', a surname ('Lee', 'Yu further reported'): a subject naming an
    earlier speaker."""
    last = words[-1]
    if last.lower_ in POSSESSIVE_PRONOUNS:  # "in his estimate", "by its count"
        return True
    definite = words[0].lower_ in ("the", "this", "that") and all(t.is_lower for t in words[1:])  # "the spy agency"
    return (
        last.lower_ in ANAPHORIC_SUBJECTS | REFERRING_GROUPS
        or definite
        or (len(words) >= 2 and words[-2].lower_ in ("the", "it", "he"))
        or (
            last.is_title
            and (not last.is_sent_start or len(words) == 1)
            and last.lower_ not in CALENDAR_WORDS | FIRST_PERSON  # "We believe": the writer
        )
    )


def unnamed_speaker(doc: Doc, reporting: list[tuple[int, int]]) -> str | None:
    """Whether a reporting verb has a speaker the sentence does not name: "anaphoric" for one that refers back
    ('he said', 'the source added', 'officials said', 'Lee said', 'said the official', 'according to the
    source', 'according to him'), "new" for a first mention ('a source said', 'another military official
    stated', 'said an official'), else None."""
    for start, end in reporting:
        if start > 0 and doc[start - 1].lower_ in ("a", "an", "the"):
            continue  # "a reported 11,000", "an estimated 5,000": an adjective, not a verb
        if doc[start].lower_ in POSSESSIVE_PRONOUNS:
            return "anaphoric"  # "By his count", "In their view": the figure of a speaker named before
        words = subject_words(doc, start)
        after = [t for t in doc[end : end + 2] if not t.is_punct]
        if len(words) >= 2 and words[0].lower_ in NEW_SPEAKER_DETERMINERS and all(t.is_lower for t in words[1:]):
            if words[0].lower_ in SINGULAR_DETERMINERS and doc[start].lower_ in BASE_FORMS:
                continue  # "a pariah state", "an early estimate": a noun, not a verb of "a source"
            return "new"
        if words and refers_back(words):
            return "anaphoric"
        if words:
            continue
        if after and after[0].lower_ in OBJECT_PRONOUNS | POSSESSIVE_PRONOUNS | REFERRING_GROUPS:
            return "anaphoric"  # "according to him", "according to its estimate", "according to officials"
        if len(after) == 2 and after[1].is_lower and after[1].is_alpha:
            if after[0].lower_ in NEW_SPEAKER_DETERMINERS:
                return "new"
            if after[0].lower_ in ("the", "this"):
                return "anaphoric"
        if after and after[0].is_title and after[0].is_alpha and after[0].lower_ not in CALENDAR_WORDS:
            return "anaphoric"
    return None


def anaphoric_report(doc: Doc, reporting: list[tuple[int, int]]) -> bool:
    """True for a reporting verb whose subject refers back to a speaker named before (see ``unnamed_speaker``)."""
    return unnamed_speaker(doc, reporting) == "anaphoric"
