"""The force a figure counts: North Korea's, Russia's, Ukraine's, South Korea's or another.

A nationality in the number's noun phrase ("3,000 Russian soldiers") decides first, then a country owning the
losses ("Russia's monthly losses", "the losses of the Armed Forces of Ukraine"), then a country counting its own
force ("Russia loses about 1,000 a day", "Russia has 50,000 troops"), then North Korea when the clause names it,
then the lexicon's subject cues; else North Korea for troops and losses (the corpus's topic), else other.
"We" and "our" name the speaker's side ("speaker", resolved once the speaker is known).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .context import Sentence
from .rules import words_of
from .vocabulary import SUBJECTS

OWN_FORCE_BRIDGE = {  # words between a country and its verb of losing its own ('Russia says it has lost 3,000')
    *("itself", "has", "have", "had", "is", "was", "been", "admits", "admitted", "acknowledges", "to"),
    *("it", "says", "said", "claims", "claimed", "that"),
    *("could", "would", "will", "may", "might", "can", "continues", "continued", "expected", "likely", "be"),
}
# words between a country and its verb of losing when it names its army ('the Ukrainian military suffered',
# "Russia's armed forces have lost")
OWN_FORCE_WORDS = OWN_FORCE_BRIDGE | {
    "military",
    "army",
    "armed",
    "forces",
    "troops",
    "occupiers",
    "invaders",
    "formations",
    "units",
    "brigades",
    "servicemen",
    "soldiers",
    "fighters",
    "regime",
    "'s",
    "’s",
}
OWN_FORCE_REACH = 4
COSTING = {"cost", "costs", "costing"}  # a verb whose object is the side that loses
HELPING = {  # words before a country whose force another helps or fights beside
    *("aiding", "aid", "assist", "assisting", "help", "helping", "support", "supporting", "bolster", "bolstering"),
    *("alongside", "beside", "reinforce", "reinforcing"),
}
BOTH_SIDES = re.compile(r"\b(?:both|each|either) sides?\b", re.I)  # people of both sides together: 'other'
FIGHTING_WITH = {"fighting", "fight", "fought", "serving", "serve", "served"}  # 'fighting with Russian forces'
NEAR_WORDS = {"about", "some", "around", "roughly", "nearly", "over"}
PREPOSITIONS = {"against", "in", "to", "from", "with", "on", "into", "for", "of", "by", "at", "near"}
OWNER_REACH = 4  # tokens after 'among' or 'of' within which the people's nationality stands
FIRST_PERSON_PLURAL = {"we", "our"}  # the speaker's own side: '"We have lost 200 men," the command said'
FORCES = (*SUBJECTS, "speaker")  # what subject_of returns: a force, or the speaker's side to resolve
QUOTES = {'"', "“", "”", "'", "‘", "’"}
FORCE_HEADS = {"army", "military", "force", "forces", "troops", "soldiers", "contingent", "strong"}  # "Russia's N ..."
OWNED_FORCE = {
    *("losses", "casualties", "troops", "soldiers", "forces", "own", "army", "dead", "deaths", "death", "toll"),
    *("fatalities", "personnel"),
}


def subject_of(
    sentence: Sentence, span: Span, clause, noun, category, losses, verb_object: bool = False, actor_country=None
) -> str:
    """The force a number counts: a nationality in its noun phrase ('3,000 Russian soldiers'; for the object of
    a loss verb, anywhere after it in the clause: 'killed 77 and wounded 40 North Korean soldiers'), a possessive
    owner of the losses ('Russia's monthly losses', 'Ukraine's own casualties'), a subject cue of the lexicon in
    the clause, else North Korea when the clause names it or the number counts troops or losses, else other.
    The side that inflicts a loss ('Ukrainian soldiers have killed 77') is not the side counted."""
    doc = sentence.doc
    marks = sorted([*sentence.marks, *speakers_side(doc, clause)], key=lambda m: m[2])
    phrase_end = object_end(sentence, span, clause) if verb_object else noun[2] if noun else span.end
    if not noun:  # "550,000 Russians have been wounded": the people named by their nationality
        phrase_end = max([phrase_end, *(e for k, _, s, e in marks if k == "country_form" and s == span.end)])
    if phrase_end < len(doc) and doc[phrase_end].lower_ in ("among", "of", "from"):  # "3,000 casualties among
        phrase_end = min(clause[1], phrase_end + OWNER_REACH)  # North Korean troops"
    for kind, value, start, _ in marks:
        if kind == "country_form" and span.end <= start < phrase_end:
            return value if value in FORCES else "other"
    if BOTH_SIDES.search(sentence.between(*clause)):
        return "other"  # "Both sides agreed to return the bodies of 6,000", "1,000 prisoners from each side"
    for kind, value, start, _ in marks:  # "the fighting has cost Russia thousands of troops"
        if kind == "country_form" and clause[0] < start < span.start and doc[start - 1].lower_ in COSTING:
            return value if value in FORCES else "other"
    if any(t.lower_ == "its" for t in doc[span.end : phrase_end]):  # "Russia admitted that 3,000 of its soldiers"
        owner = its_owner(doc, marks, clause, span)
        if owner is not None:
            return owner if owner in FORCES else "other"
    for kind, value, start, end in reversed(marks):  # the nearest country before the number first
        if kind == "country_form" and clause[0] <= start < span.start and not verb_object:
            if helped(doc, start):
                continue  # "North Korean troops ... aiding Russian forces, with over 1,000 killed"
            owned = []
            for token in doc[end : min(span.start, end + 4)]:
                if (token.is_punct and token.text not in ("'s", "’s")) or token.like_num:
                    break
                owned.append(token.lower_)
            its_force = owned == ["'s"] and end + 1 == span.start and noun and noun[0].lower() in FORCE_HEADS
            if OWNED_FORCE.intersection(owned) or owner_of_losses(doc, start) or its_force:
                return value if value in FORCES else "other"  # "Russia's troops", "Ukraine's 800,000-strong army"
    subject_loss = loss_of_subject(doc, marks, span, clause)  # "Russia has reported a loss of 770 soldiers"
    if subject_loss is not None and not verb_object:
        return subject_loss if subject_loss in FORCES else "other"
    owner = None  # the side named before a verb that inflicts the loss is not the side counted
    if not verb_object:
        owner = own_force_owner(doc, marks, span, clause) or leaders_force(sentence, span, clause, actor_country)
    if owner is not None:
        return owner if owner in FORCES else "other"
    if re.search(r"north korea|dprk|korean|pyongyang", sentence.between(*clause), re.I):
        return "north_korea"
    for kind, value, start, _ in marks:  # not the side inflicting the loss ('Ukrainian soldiers have killed 77')
        inflicting = verb_object and start < span.start  # nor the side helped ('while aiding Russian forces, with')
        if kind == "subject" and clause[0] <= start < clause[1] and not inflicting and not helped(doc, start):
            return value
    return "north_korea" if category in (*losses, "deployed") else "other"


def speakers_side(doc: Doc, clause) -> list[tuple]:
    """Country marks of value "speaker" for 'we' and 'our' in the clause: the side of whoever says them."""
    words = words_of(doc)
    return [("country_form", "speaker", i, i + 1) for i in range(*clause) if words[i] in FIRST_PERSON_PLURAL]


def object_end(sentence: Sentence, span: Span, clause) -> int:
    """Where the object of a loss verb can name its people ('killed 77 and wounded 40 North Korean soldiers'):
    the clause's end, or a closing quotation mark or the comma before a reporting verb ('"We have killed 200 of
    them," the Ukrainian command said')."""
    doc = sentence.doc
    verbs = [start for start, _ in sentence.reporting if span.end < start < clause[1]]
    stops = [
        i
        for i in range(span.end, clause[1])
        if doc[i].text in QUOTES or (doc[i].text == "," and verbs and i < max(verbs))
    ]
    return min([clause[1], *stops])


def leaders_force(sentence: Sentence, span: Span, clause, actor_country: dict[str, str] | None) -> str | None:
    """The country of a named leader or body whose force the clause names before the number ('Putin's army has
    lost 1,200 soldiers', 'Zelensky's army lost'), from ``actor_country``."""
    doc = sentence.doc
    for mark in sentence.actors:
        if not (clause[0] <= mark.start and mark.end + 1 < span.start) or doc[mark.end].lower_ not in ("'s", "’s"):
            continue
        if doc[mark.end + 1].lower_ in OWNED_FORCE | {"military"} and (actor_country or {}).get(mark.actor):
            return actor_country[mark.actor]
    return None


def its_owner(doc: Doc, marks, clause, span: Span) -> str | None:
    """The country 'its' refers to: the nearest before the number in its clause that is not the object of a
    preposition ('North Korea's involvement in the war against Ukraine ..., with 12,000 of its troops')."""
    return next(
        (
            v
            for k, v, s, _ in reversed(marks)
            if k == "country_form" and clause[0] <= s < span.start and (s == 0 or doc[s - 1].lower_ not in PREPOSITIONS)
        ),
        None,
    )


def loss_of_subject(doc: Doc, marks, span: Span, clause) -> str | None:
    """The country that opens the clause when the number is its 'loss of N' ('Russia has reported a significant
    loss of 770 soldiers'): a loss named with no owner is its subject's."""
    words = words_of(doc)
    i = span.start - 1
    while i > clause[0] and words[i] in NEAR_WORDS | {"than", "more", "at", "least"}:
        i -= 1
    if i < 1 or words[i] != "of" or words[i - 1] not in ("loss", "losses"):
        return None
    return next((v for k, v, s, _ in marks if k == "country_form" and s <= clause[0] + 1 and s < i), None)


def helped(doc: Doc, start: int) -> bool:
    """True for a country named as the side another force helps or fights beside ('aiding Russian forces', 'to
    assist Russian forces', 'fighting with Russian forces'): not the owner of the figure that follows."""
    words = words_of(doc)
    before = words[max(0, start - 2) : start]
    beside = len(before) == 2 and before[0] in FIGHTING_WITH and before[1] == "with"  # not 'signed contracts with'
    return beside or any(w in HELPING for w in before)


def owner_of_losses(doc: Doc, start: int) -> bool:
    """True for a country named as the owner of losses: 'the total losses of the Armed Forces of Ukraine', 'the
    losses of Ukraine' (not 'the casualties of Russian troops in Ukraine': a place)."""
    before = [t.lower_ for t in doc[max(0, start - 6) : start]]
    right_after_of = before[-1:] == ["of"] or before[-2:] == ["of", "the"]
    if not right_after_of:
        return False
    of = before.index("of")  # the losses right before it ('the total losses of'), not 'casualties on the front
    return bool(OWNED_FORCE & set(before[max(0, of - 2) : of]))  # lines of Russia's war'


def own_force_owner(doc: Doc, marks, span: Span, clause) -> str | None:
    """The country that counts its own force: 'Russia loses about 1,000 a day', 'Russia has 50,000 troops'."""
    verbs = {s: doc[s].lower_ for k, _, s, _ in marks if k == "own_force_verb" and clause[0] <= s < span.start}
    for kind, value, start, end in marks:
        if kind != "country_form" or not (clause[0] <= start < span.start):
            continue
        after = {
            s: v
            for s, v in verbs.items()
            if end <= s <= end + OWN_FORCE_REACH and all(t.lower_ in OWN_FORCE_WORDS for t in doc[end:s])
        }
        if any(v not in ("has", "had") for v in after.values()):
            return value  # "the number after its own 'has'", not after a later verb ("Seoul has reported that
        if after and all(t.like_num or t.lower_ in NEAR_WORDS for t in doc[max(after) + 1 : span.start]):
            return value  # Pyongyang has sent around 3,000")
        if start <= clause[0] + 1 and coordinated_loss(doc, verbs, end, span, marks):
            return value  # "Russia fired 3,000 shells and lost 200 soldiers": the clause's subject lost them
    return None


def coordinated_loss(doc: Doc, verbs: dict[int, str], end: int, span: Span, marks) -> bool:
    """True for a verb of losing right before the number, joined by 'and' to the subject's earlier verb, with
    no other country between."""
    for s, verb in verbs.items():
        if verb in ("has", "had") or s < end or not all(t.lower_ in NEAR_WORDS for t in doc[s + 1 : span.start]):
            continue
        others = any(k == "country_form" and end <= ms < s for k, _, ms, _ in marks)
        if not others and any(t.lower_ == "and" for t in doc[end:s]):
            return True
    return False
