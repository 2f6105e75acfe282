"""Actors recognized compositionally: a country or institution in any form combined with a role word.

A country form ("Ukraine", "Ukrainian", "Kyiv", "Seoul", "the US"; lexicon kind ``country_form``) or an agency
acronym ("HUR", "NIS", "JCS"; kind ``acronym``, matched case-sensitively) followed or preceded by a role word
("officials", "intelligence", "spy agency", "lawmaker", "president"; kind ``role``) names an actor through
``country_actors.csv`` (country, role -> actor). Named people and institutions are the patterns of
``actors.csv``. "South Korean and Western intelligence" gives both countries the role; a country without a role
is a *bare* mark, a speaker only where it reports ("Kyiv said", "Pyongyang itself has admitted"). A country's
institution named with no country ("the General Staff", "the ministry", "the country's spy agency") takes the
country of the actor the article named before it, else the one ``unqualified_roles.csv`` gives its phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from .vocabulary import Lexicon

ROLE_REACH = 4  # tokens to a country form's role word ("Ukraine's own military intelligence", "Seoul's top spy agency")
JOINERS = {"and", ",", "'s", "’s", "own", "the", "its", "both", "&"}
ROLE_NAME_REACH = 5  # words of an institution's name between its role word and its country
ROLE_BEFORE = {"of", "in", "from", "for"}  # "President of Ukraine", "a source in Kyiv"
ROLE_LINKS = ROLE_BEFORE | {"a", "an"}  # "the commander of a Ukrainian unit"
REFERRING_OWNERS = {"the country's", "the nation's", "the state's", "the regime's"}  # + a role: a country named before
POSSESSIVES = {"'s", "’s"}
STATE_LINKS = {"aligned", "controlled", "run", "owned", "backed", "affiliated", "linked", "funded"}  # 'Kremlin-run'
ONE_PERSON = {"officer", "commander", "official", "general", "spokesman", "spokeswoman"}  # who speak for a force
OWNED_ROLE_GAP = 1  # words between an owner's "'s" and its role ("Putin's chief spokesman")
COUNTRY_ROLES = {  # roles that name one country's institution: with no country, the article gives it
    "military",
    "intelligence",
    "ministry",
    "government",
    "president",
    "legislature",
    "state_media",
    "envoy",
    "unification",
}
ACTING_ROLES = {  # "Russia's military has made gains": a speaker only when it reports
    "military",
    "official",
    "government",
    "media",
    "state_media",
    "prisoner",
}


@dataclass(frozen=True)
class ActorMark:
    """An actor named in a sentence: its id, token span, and whether it is a bare country name."""

    actor: str
    start: int
    end: int
    bare: bool = False
    country: str = ""
    speaking: bool = True  # a named source or a speaking role; else a speaker only where it reports
    modifier: bool = False  # names the counted people's side ('North Korean military casualties'), not a speaker
    unqualified: tuple[str, str] = ()  # (role, phrase) of a role named with no country ('the General Staff')
    role_first: bool = (
        False  # the role before its country ('spokesman for Ukraine'): a possessive after it owns no figure
    )


def country_role(
    doc: Doc, start: int, end: int, countries: list, roles: list, claimed: set[int] = frozenset()
) -> tuple[str, int, int] | None:
    """(role, start, end) of the role word that completes a country form, after it past words of a title
    ("Russian Deputy Prime Minister") or just before it (unless a country before the role has it: "Ukraine's top
    diplomat in Seoul")."""
    stop = min(len(doc), end + ROLE_REACH)
    for role, rs, re_ in roles:
        between = doc[end:rs]
        other_country = any(any(cs <= t.i < ce for _, cs, ce in countries) for t in between)
        listed = [t for t in between if t.lower_ not in JOINERS and not any(cs <= t.i < ce for _, cs, ce in countries)]
        # "South Korean and Western intelligence" share the role; "Russia, Ukrainian President" and "Citing the
        # Kremlin, the newspaper" do not (a comma joins a country to a role only in a list of countries)
        listing = other_country or not any(t.lower_ == "," for t in between)
        shared = listing and (not other_country or any(t.lower_ in ("and", "&", "or") for t in between))
        titled = all(t.is_title or t.is_upper for t in between)
        if (
            end <= rs
            and (rs < stop or (other_country and len(listed) < ROLE_REACH))  # "South Korean, Ukrainian, and
            and shared  # Western intelligence sources": a list of countries shares the role
            and (
                titled
                or all(
                    (t.lower_ in JOINERS or t.is_lower or any(cs <= t.i < ce for _, cs, ce in countries))
                    and not t.like_num
                    for t in between
                )
            )
        ):
            return role, rs, re_
    for role, rs, re_ in (r for r in roles if r[1] not in claimed):  # "President of Ukraine", "the Ministry of
        between = doc[re_:start]  # Civil Protection of Ukraine"
        named = len(between) <= ROLE_NAME_REACH and all(t.is_title or t.lower_ in ROLE_LINKS for t in between)
        if re_ < start and doc[re_].lower_ in ROLE_BEFORE and doc[start - 1].lower_ in ROLE_LINKS and named:
            return role, rs, re_
    return None


def actor_marks(doc: Doc, marks: list, lexicon: Lexicon) -> list[ActorMark]:
    """Every actor the sentence names, longest first where marks overlap, in reading order."""
    by_role = lexicon.actor_by_role
    named = [ActorMark(v, s, e) for k, v, s, e in marks if k == "actor"]
    countries = [(v, s, e) for k, v, s, e in marks if k == "country_form"]
    spans = [(s, e) for k, _, s, e in marks if k == "role"]
    roles = [  # a role word inside a longer one is not a role of its own ("media" in "social media")
        (v, s, e)
        for k, v, s, e in marks
        if k == "role" and not any(a <= s and e <= b and b - a > e - s for a, b in spans)
    ]
    found = [with_owned_role(doc, mark, roles) for mark in named]
    for value, s, e in (m[1:] for m in marks if m[0] == "acronym"):
        country, _, role = value.partition(":")
        if role:
            found.append(ActorMark(by_role.get((country, role)) or by_role[(country, "")], s, e, country=country))
        else:
            countries.append((country, s, e))
    claimed: set[int] = set()  # a role word completes one country: "Ukraine's top diplomat in Seoul" is Ukraine's
    for country, s, e in countries:
        default = by_role.get((country, ""))
        role = country_role(doc, s, e, countries, roles, claimed)
        if role is not None:
            actor = by_role.get((country, role[0])) or by_role.get(("*", role[0])) or default
            if role[1] > s:
                claimed.add(role[1])
            if actor:
                span = (min(s, role[1]), max(e, role[2]))
                speaking = role[0] not in ACTING_ROLES
                found.append(ActorMark(actor, *span, country=country, speaking=speaking, role_first=role[1] < s))
        elif default:
            found.append(ActorMark(default, s, e, bare=True, country=country))
    for role, s, e in roles:  # "the country's state media": the country the sentence names first
        earlier = [c for c in countries if c[2] <= s - 3]
        if earlier and doc[max(0, s - 3) : s].text.lower().replace("’", "'") in REFERRING_OWNERS:
            country = earlier[0][0]
            actor = by_role.get((country, role)) or by_role.get(("*", role)) or by_role.get((country, ""))
            if actor:
                found.append(ActorMark(actor, s - 3, e, country=country, speaking=role not in ACTING_ROLES))
    found += unqualified_roles(doc, roles, found)
    found += state_aligned_media(doc, roles, found, lexicon)
    for role, s, e in roles:  # "analysts said", "a security expert": roles that name an actor of any country
        if ("*", role) in by_role and not any(m.start <= s < m.end for m in found):
            found.append(ActorMark(by_role[("*", role)], s, e, speaking=role not in ACTING_ROLES))
    nouns = [(s, e) for k, _, s, e in marks if k == "noun"]
    return [replace(m, modifier=True) if names_counted(doc, m, nouns) else m for m in without_overlaps(found)]


def state_aligned_media(doc: Doc, roles: list, found: list[ActorMark], lexicon: Lexicon) -> list[ActorMark]:
    """Media a state controls, named by a hyphenated link to it ('the Kremlin-aligned Interfax news agency',
    'Kremlin-controlled media'): the state's media, as its state news agencies are."""
    marks = []
    for role, s, e in roles:
        if role != "media":
            continue
        for i in range(max(2, s - ROLE_REACH), s):
            owner = next((m for m in found if m.end == i - 1 and not m.unqualified), None)
            if owner is None or doc[i - 1].text not in ("-", "–") or doc[i].lower_ not in STATE_LINKS:
                continue
            country = owner.country or lexicon.actor_country.get(owner.actor, "")
            actor = lexicon.actor_by_role.get((country, "state_media")) or lexicon.actor_by_role.get((country, ""))
            if actor:
                marks.append(ActorMark(actor, owner.start, e, country=country, speaking=False))
    return marks


def unqualified_roles(doc: Doc, roles: list, found: list[ActorMark]) -> list[ActorMark]:
    """Marks of a country's institution named with no country ('the General Staff said', 'according to the
    ministry', 'the country's spy agency' when the sentence names no country before it): their actor is worked
    out from the article (``resolved``)."""
    marks = []
    for role, s, e in roles:
        if role not in COUNTRY_ROLES or any(m.start <= s < m.end for m in found):
            continue
        owner = doc[max(0, s - 3) : s].text.lower().replace("’", "'") in REFERRING_OWNERS
        if owner or (s > 0 and doc[s - 1].lower_ == "the"):
            phrase = doc[s:e].text.lower()
            start = s - 3 if owner else s - 1
            marks.append(ActorMark("", start, e, speaking=role not in ACTING_ROLES, unqualified=(role, phrase)))
    return marks


def resolved(marks: list[ActorMark], lexicon: Lexicon, country_before: str | None) -> list[ActorMark]:
    """The marks with each unqualified role's actor: the role of the country of the actor the article named last
    before the sentence (``country_before``), else of the country ``unqualified_roles.csv`` gives its phrase;
    a role whose country neither gives is left out, as if unnamed."""
    by_role = lexicon.actor_by_role
    out = []
    for mark in marks:
        if mark.unqualified:
            role, phrase = mark.unqualified
            country = country_before or lexicon.role_countries.get(phrase, "")
            actor = by_role.get((country, role)) or by_role.get((country, ""))
            if actor is None:
                continue
            mark = replace(mark, actor=actor, country=country)
        out.append(mark)
    return out


def with_owned_role(doc: Doc, mark: ActorMark, roles: list) -> ActorMark:
    """A named actor's mark stretched over the role it owns ('Joe Biden's administration', 'Putin's chief
    spokesman'): the role speaks for its owner."""
    if mark.end + 1 < len(doc) and doc[mark.end].lower_ in POSSESSIVES:
        for _, rs, re_ in roles:
            if mark.end < rs <= mark.end + 1 + OWNED_ROLE_GAP and not any(t.like_num for t in doc[mark.end : rs]):
                return replace(mark, end=re_)
    return mark


def names_counted(doc: Doc, mark: ActorMark, nouns: list[tuple[int, int]]) -> bool:
    """True for an actor naming the counted people, not a speaker: right before their noun ('North Korean
    military casualties') or itself the noun of a number ('two North Korean prisoners of war')."""
    counted = mark.start > 0 and doc[mark.start - 1].like_num
    people = [(s, e) for s, e in nouns if not is_one_person(doc, s, e)]  # "Ukraine's top military officer said"
    return any(s == mark.end or (counted and mark.start <= s < mark.end) for s, _ in people)


def is_one_person(doc: Doc, start: int, end: int) -> bool:
    """True for a noun naming one person ('officer', 'commander'), who may speak; not people counted ('officers',
    'casualties', 'dead')."""
    word = doc[end - 1].lower_
    return end - start == 1 and word.isalpha() and not word.endswith("s") and word in ONE_PERSON


def without_overlaps(marks: list[ActorMark]) -> list[ActorMark]:
    """Keep the longest of overlapping marks (named actors win ties), then sort in reading order.

    Marks of a joint phrase share the role word ("South Korean and Western intelligence") and are all kept.
    """
    ranked = sorted(marks, key=lambda m: (m.bare, -(m.end - m.start), m.start))
    kept: list[ActorMark] = []
    for mark in ranked:
        clash = [k for k in kept if mark.start < k.end and k.start < mark.end]
        joint = all(k.country and mark.country and k.country != mark.country and not k.bare for k in clash)
        if not clash or (joint and not mark.bare):
            kept.append(mark)
    return sorted(kept, key=lambda m: (m.start, m.end))
