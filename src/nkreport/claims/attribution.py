"""Attribution by structure: whose figure a number is, and the named rule that decided it.

Rules apply in order; the first that finds an actor wins. Within a sentence: "according to X" or "citing X",
the nearest speaker before the figure in its clause, a speaker after the figure with its reporting verb
('..., the Ukrainian command said', 'said Kyiv'), a speaker earlier in the sentence with a reporting verb.
Across sentences: a speaker named earlier in the paragraph carries (at most ``CARRY_SENTENCES`` back), and a
sentence whose reporting verb has a pronoun or a definite role as subject ("he said", "the source added") takes
the last speaker of the paragraph before. A figure is the author's own only when no speaker is in reach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache, wraps

from spacy.tokens import Doc

from .actors import ActorMark
from .rules import Rule, punct_of, span_text, words_of
from .subjects import unnamed_speaker

ESTIMATE_REACH = 9  # words from a verb of estimating to its 'at' ("put the number of North Korean dead at")
AT_NUMBER_REACH = 3  # words from 'at' to the number ("at around 3,000")
CLAUSE_ENDS = {".", ";", ":", "?", "!"}
VERB_BEFORE = {"also", "further", "now", "he", "she", "it", "they", "which", "who", "previously", "later", "then"}
CARRY_SENTENCES = 2  # how many sentences back in a paragraph a named speaker still speaks
LEAD_REACH = 9  # tokens before an actor searched for "according to" and its fillers
TITLE_REACH = 5  # words of a speaker's title between an inverted reporting verb and the speaker
INSERTION_REACH = 8  # tokens of an insertion between a speaker and its verb ("X, citing Y, said")
INVERTED_REACH = 3  # words between a verb set after the quotation and its speaker ('said a senior')
RELATIVE_CLAUSE_REACH = 24  # tokens of a relative clause set off by commas between a speaker and its verb
OWNED_FIGURE_REACH = 6  # tokens from an owner to the figure it owns ("Zelensky's alert of 10,000")
SPEAKER_AFTER_REACH = 3  # tokens between a speaker after the figure and its reporting verb
ESTIMATE_REACH = 8  # tokens before a figure within which an estimate's wording makes it someone's estimate
ADDRESSEE_BEFORE = {"told", "to"}  # "told Reuters": the actor after these is not the speaker
DASHES = {"—", "–", "-", "--"}
INTERVIEWS = {"interview", "interviews", "conversation", "podcast", "talk", "talks", "meeting", "call"}
CONFIRMED_BY = re.compile(  # an apposition confirming the figure before it: ', a figure confirmed by'
    r", (?:a|an|the) (?:figure|number|estimate|count|toll)s? (?:also )?(?:confirmed|echoed|corroborated|backed|"
    r"shared|supported|repeated) (?:\w+ ){0,3}?by\b",
    re.I,
)
SOURCE_LEADS = re.compile(  # the actor after these is the figure's source
    r"\b(?i:according to|citing|quoting|cited|per|briefed by|briefing (?:from|by)|as reported by|as stated by|"
    r"(?:announced|stated|confirmed|disclosed|revealed|claimed|estimated|assessed|given|offered|suggested|provided|"
    r"compiled)"
    r"(?: [\w-]+){0,5}? by|"
    r"(?:assessments?|estimates?|figures?|data|"
    r"reports?|analys[ie]s|stud(?:y|ies)|updates?|statements?|briefings?|information|remarks|claims?|allegations?|accusations?|"
    r"assertions?|admissions?|warnings?|findings?) (?:from|of|by)|"
    r"(?:information|data|evidence|figures?|intelligence|estimates?) (?:provided|released|published|shared)"
    r"(?: [\w-]+){0,3}? by)"
    r"(?:\s+(?:[A-Z][^\s,;:]*|the|a|an|its|their|from|of|by|in|on|researchers|analysts|experts|officials|sources?|"
    r"(?:country|nation)(?:'s|’s)?|"
    r"'s|’s|recent|latest|new|official|updated|updates?|statements?|estimates?|assessments?|figures?|data|"
    r"photographs|images|footage|video|documents|published|released|displayed|shown|aired|senior|high-ranking|top|"
    r"former|unnamed|anonymous|deputy|social|media|posts?|messages?)){0,6}$"
)
UNSOURCED_ESTIMATE = re.compile(  # an estimate's wording before the figure, with no one named as its source
    r"\b(?:estimated (?:at|to be)|estimates? (?:of|range|ranging|vary|varying|put)|"
    r"(?:figures|numbers|estimates)(?: for [\w ]+)? (?:range|ranging|vary|varying))\b",
    re.I,
)
UNNAMED_LEAD = re.compile(  # "according to various intelligence sources"; "according to the source" refers back
    r"\b(?:according to|citing|quoting|per)\s+(?!(?:the|this|that|these|those|its|their|his|her)\b)", re.I
)
APPOSITION_TAIL = (  # "Petro Ivanenko, a spokesman for the": a name not in actors.csv and its apposition
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*,\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:for|of|at|with|from|in)(?:\s+the)?\s*$"
)
NAMED_SOURCE = re.compile(r"\b(?:according to|citing|quoting)\s+" + APPOSITION_TAIL)
NAMED_SPEAKER = re.compile(r"^\s*" + APPOSITION_TAIL)  # after an inverted verb: "said Petro Ivanenko, head of"
UNNAMED_CITING = re.compile(  # "citing sources in the military", "quoting an unnamed official"
    r"\b(?:citing|quoting)\s+(?:an?\s+|unnamed\s+|anonymous\s+|several\s+|multiple\s+|two\s+|three\s+)*"
    r"(?:unnamed\s+|anonymous\s+|senior\s+|military\s+|intelligence\s+|government\s+|security\s+)*"
    r"(?:sources?|officials?|insiders?|people)\b",
    re.I,
)
RELAYED_BY = re.compile(r"\b(?:quoted|cited|reported|relayed|carried|published) by(?: the| a| an)?\s*$", re.I)
POSSESSED_FIGURE_WORDS = {  # figure words only after a possessive ("the White House's data", "in the NIS's view")
    *("data", "view", "reckoning", "numbers", "calculations", "calculation", "judgement", "judgment", "analysis"),
    *("words", "opinion"),
}
FIGURE_WORDS = {
    "admission",
    "alert",
    "toll",
    "claims",
    "claim",
    "estimate",
    "estimates",
    "figure",
    "figures",
    "count",
    "tally",
    "assessment",
    "assessments",
}
PLACE_BEFORE = {"in", "at", "from", "near", "inside", "into"}  # before a country that is a place
SUBORDINATORS = {"if", "though", "although", "unless", "whether", "even"}  # opening a clause that states nothing
CLAUSE_JOINERS = {"and", "but", "while", "whereas", "whilst"}  # after punctuation: a new clause begins
RELATIVE_PRONOUNS = {"which", "who", "whom", "whose"}
IDENTIFYING_VERBS = {  # a relative clause that says whom its antecedent speaks for now ('who heads')
    *("heads", "leads", "runs", "commands", "chairs", "directs", "oversees", "represents", "serves", "works", "is"),
}
RESTRICTIVE_PRONOUNS = RELATIVE_PRONOUNS | {"that"}
SPEAKING_FOR = {  # "Zelensky's office", "Ukraine's letter alleges": an actor speaking through people or papers
    *("office", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "adviser", "advisor", "press"),
    *("letter", "statement", "report", "submission", "note", "memo"),
    *("channel", "account", "website", "page", "feed", "post", "posts"),  # "the ministry's Telegram channel"
}
LIST_WORDS = {",", "and", "own", "latest", "official", "initial", "earlier", "new"}
ADJECTIVES = {"own", "latest", "official", "initial", "earlier", "new"}  # "Ukraine's own estimate"


@dataclass  # not frozen: one is built per number, and a frozen one takes several times longer to build
class AttributionContext:
    """A number in its sentence: span bounds, clause bounds, actors, reporting verbs, hearsay, carried speaker."""

    doc: Doc
    start: int
    end: int
    clause: tuple[int, int]
    actors: list[ActorMark]
    reporting: list[tuple[int, int]]
    hearsay: list[tuple[int, int]]  # hearsay phrases of the sentence ('reportedly', 'reports say')
    carried: tuple[str, ...] = ()
    relayers: frozenset[str] = frozenset()  # actors that relay others' figures (news media)
    text: str | None = None  # the sentence string
    quoted: tuple[str, ...] = ()  # the speaker of a quotation the sentence is part of, named where it closes
    named_next: tuple[str, ...] = ()  # the source the next sentence names for this one ("This was announced by")
    sending: tuple[int, ...] = ()  # where the sentence's words of sending start ('sent', 'deployed')
    killer: tuple[str, ...] = ()  # the side whose unit inflicted the loss ('Ukrainian soldiers have killed 77')
    answers: dict = field(default_factory=dict, compare=False, repr=False)  # of the ``once_per_actor`` tests


def once_per_actor(test):
    """``test(ctx, mark)`` worked out once per figure and actor: the rules ask the same of each actor in turn."""

    @wraps(test)
    def answer(ctx: AttributionContext, mark: ActorMark):
        key = (test, id(mark))
        found = ctx.answers.get(key)
        if found is None:
            found = ctx.answers[key] = (mark, test(ctx, mark))  # the mark kept, so that its id stays its own
        return found[1]

    return answer


def joined(ctx: AttributionContext, mark: ActorMark) -> list[str]:
    """The actor with those joined to it by 'and' or a comma ("Ukraine and the United States", "Kyiv and Seoul")."""
    group = [mark]
    candidates = [
        m
        for m in ctx.actors
        if m is not mark
        and not m.modifier
        and (m.speaking or m.country)
        and not (m.start > 0 and ctx.doc[m.start - 1].lower_ in PLACE_BEFORE)
        and not addressee(ctx.doc, m.start)  # "In an interview with CNN, Zelensky said": spoken to
    ]
    owned = owns_claim(ctx, mark) or according_to_mark(ctx, mark)  # "according to Ukraine, the US and Seoul"
    while True:  # a list joins outwards from the speaker: "U.S., Ukrainian and South Korean estimates"
        listing = owned or len(group) > 1  # "Seoul, Washington and Kyiv have said": commas continue an 'and' list
        added = [o for o in candidates if o not in group and any(listed_with(ctx, o, m, listing) for m in group)]
        if not added:
            break
        group += added
    overlapping = [m for m in ctx.actors if m not in group and any(m.start < g.end and g.start < m.end for g in group)]
    return sorted({m.actor for m in group + overlapping})


def listed_with(ctx: AttributionContext, other: ActorMark, mark: ActorMark, owned: bool) -> bool:
    """True when ``other`` is listed next to ``mark`` ('and', 'or', a comma; a bare country after a comma only
    in a list that owns the figure)."""
    if not (other.end <= mark.start or mark.end <= other.start):
        return False
    between = ctx.doc[min(other.end, mark.end) : max(other.start, mark.start)].text.lower().strip(" ,")
    if between in ("and", "as well as", "and the", "or", "but also"):
        return True
    listed = between in ("", "the")  # a comma, or a comma and an article: "Ukraine, the United States and"
    return listed and (not other.bare or owned) and (other.end <= mark.start or list_goes_on(ctx, other))


def list_goes_on(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True when another actor follows ``mark`` after a comma or 'and' ("according to Ukraine, the US and South
    Korea"), so that a comma after a source opens a list, not the next clause ("according to the White House,
    North Korea has suffered")."""
    return any(
        m.start > mark.end and ctx.doc[mark.end : m.start].text.lower().strip(" ,") in ("", "and", "or", "and the")
        for m in ctx.actors
    )


@once_per_actor
def speaker_like(ctx: AttributionContext, mark: ActorMark) -> bool:
    """False for an addressee ('told Reuters'), a country naming the side of counted people ('North Korean
    military casualties') or a bare country that does not report."""
    if mark.modifier or in_relative_clause(ctx, mark):
        return False
    if according_to_mark(ctx, mark):
        return True
    before = ctx.doc[mark.start - 1].lower_ if mark.start > 0 else ""
    if addressee(ctx.doc, mark.start):
        return False
    if relays(ctx, mark):
        return False
    if mark.bare and before in PLACE_BEFORE and not (possessive(ctx, mark) and owns_claim(ctx, mark)):
        return False  # "Ukraine's top diplomat in Seoul reported": a place, not a speaker ("in Seoul's view" is)
    if possessive(ctx, mark) and not mark.role_first and not owns_claim(ctx, mark) and not speaks_through(ctx, mark):
        return False  # "in Putin's war": an owner, not a speaker ("spokesman for Ukraine's forces" speaks)
    return (mark.speaking and not mark.bare) or reports(ctx, mark)


def addressee(doc: Doc, start: int) -> bool:
    """True for an actor spoken to ('told Reuters', 'speaking to the BBC', 'in an interview with CNN')."""
    words = words_of(doc)
    i = start - 1 if start > 0 and words[start - 1] != "the" else start - 2
    if i < 0:
        return False
    word = words[i]
    venue = word == "with" and any(w in INTERVIEWS for w in words[max(0, i - 3) : i])
    return word in ADDRESSEE_BEFORE or (word == "told" and i == start - 2) or venue


def relays(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for an outlet that quotes another ('as quoted by the Polish Press Agency', 'reported by CNN')."""
    text = ctx.text if ctx.text is not None else ctx.doc.text
    return bool(RELAYED_BY.search(span_text(ctx.doc, text, max(0, mark.start - 4), mark.start)))


def bound_to_later_figure(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for a source after the figure whose lead follows another figure with no punctuation between ('3,000
    dead, compared with 4,000 according to Kyiv', 'against 4,000 claimed by Kyiv'): that figure's source only.
    '4,000 killed and 3,000 wounded, according to Kyiv' gives both figures to Kyiv."""
    if mark.start < ctx.end:
        return False
    later = [t.i for t in ctx.doc[ctx.end : mark.start] if t.like_num]
    return bool(later) and not any(t.is_punct for t in ctx.doc[later[-1] + 1 : mark.start])


def in_relative_clause(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for an actor inside a relative clause set off by commas ('the NIS, which helped question the captured
    soldiers in Kyiv, said'; 'the deployment, which was confirmed by Putin in April, saw') or about an actor
    before it, with the main verb after it ('US officials who briefed Ukraine's ministry said'): not the main
    speaker."""
    opener, words, punct = None, words_of(ctx.doc), punct_of(ctx.doc)
    for i in range(mark.start - 1, -1, -1):
        if punct[i]:
            break
        if i > 0 and words[i - 1] == "," and words[i] in RELATIVE_PRONOUNS:
            opener = i
            break
        if restricts_actor(ctx, words[i], i):
            return any(mark.end <= s < ctx.start for s, _ in ctx.reporting)
    if opener is None or words[opener + 1] in IDENTIFYING_VERBS:
        return False  # "Petro Ivanenko, who heads Ukraine's military intelligence, said": whom the speaker speaks for
    return "," in words[mark.end : max(mark.end, ctx.start)]


def restricts_actor(ctx: AttributionContext, word: str, i: int) -> bool:
    """True for 'that', 'who' or 'which' (``word``, token ``i``) right after an actor: a relative clause about it
    ('a delegation of the NIS that spent the week briefing officials at NATO has spoken of'), whose actors are not
    the verb's subject; not after the object of a reporting verb ('told South Korean lawmakers that Ukraine's
    claims ...')."""
    if word not in RESTRICTIVE_PRONOUNS:
        return False
    return any(m.end == i and not m.bare and not reported_to(ctx, m) for m in ctx.actors)


def reported_to(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for an actor after a reporting verb in its clause ('told South Korean lawmakers')."""
    return any(e <= mark.start and not any(t.is_punct for t in ctx.doc[e : mark.start]) for _, e in ctx.reporting)


def possessive(ctx: AttributionContext, mark: ActorMark) -> bool:
    words = words_of(ctx.doc)
    return mark.end < len(words) and words[mark.end] in ("'s", "’s")


@once_per_actor
def reports(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True when a reporting verb follows the actor closely ("Kyiv said", "Pyongyang itself has admitted",
    "Seoul has previously claimed", "Sergiy Kyslytsya, recently listed"), or the actor owns the figure."""
    end = after_insertion(ctx, mark.end) if mark.bare else after_insertion(ctx, mark.end) or after_apposition(ctx, mark)
    others = {  # "Russia that Ukraine said": Ukraine's verb; not "the US ambassador to NATO said"
        m.start for m in ctx.actors if m.start >= mark.end and not addressee(ctx.doc, m.start)
    }
    return (
        inverted_speaker(ctx, mark)
        or any(
            (
                mark.end <= s <= mark.end + SPEAKER_AFTER_REACH
                and not any(breaks(t, mark) or t.i in others for t in ctx.doc[mark.end : s])
            )
            or s == end
            for s, _ in ctx.reporting
        )
        or owns_claim(ctx, mark)
    )


def inverted_speaker(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for the subject of a reporting verb set after a comma or quotation that ends its clause ('..., said a
    senior Ukrainian commander.'), lower-case words between; not the subject of what a speaker said ('Kyiv said
    Russia's army has lost')."""
    doc = ctx.doc
    closes = mark.end == len(doc) or doc[mark.end].is_punct or doc[mark.end].lower_ in RELATIVE_PRONOUNS
    if not closes:
        return False  # "..., claimed that North Korea may deploy": the subject of what was claimed
    for start, end in ctx.reporting:
        between = doc[end : mark.start]
        after_pause = start > 0 and (doc[start - 1].text == "," or doc[start - 1].is_quote)
        lower = all(t.is_lower and t.is_alpha and t.lower_ != "that" for t in between)
        if after_pause and end <= mark.start and len(between) <= INVERTED_REACH and lower:
            return True
    return False


def after_insertion(ctx: AttributionContext, start: int) -> int | None:
    """Where the words resume after an insertion set off by commas right after ``start`` ('lawmakers, citing
    intelligence sources, reported'; 'Kyiv, which has repeatedly urged Seoul to send weapons, said'), or None."""
    if start >= len(ctx.doc) or ctx.doc[start].text != ",":
        return None
    relative = start + 1 < len(ctx.doc) and ctx.doc[start + 1].lower_ in RELATIVE_PRONOUNS  # ', which has ...,'
    for token in ctx.doc[start + 1 : start + 1 + (RELATIVE_CLAUSE_REACH if relative else INSERTION_REACH)]:
        if token.is_quote:
            return None
        if token.text == ",":
            return token.i + 1
    return None


def after_apposition(ctx: AttributionContext, mark: ActorMark) -> int | None:
    """Where the words resume after an apposition that holds the actor ('Oleksii, the commander of a Ukrainian
    communications unit fighting in Kursk, told'), or None."""
    opener = ctx.doc[max(0, mark.start - 2) : mark.start]
    named = len(opener) == 2 and opener[1].text == "," and opener[0].is_title  # "Petro Ivanenko, spokesman for"
    if not (named or (len(opener) == 2 and opener[0].text == "," and opener[1].lower_ in ("the", "a", "an"))):
        return None
    for token in ctx.doc[mark.end : mark.end + INSERTION_REACH]:
        if token.is_quote or token.like_num:
            return None
        if token.text == ",":
            return token.i + 1
    return None


def breaks(token, mark: ActorMark) -> bool:
    """True for a token between an actor and a verb that separates them: a quotation mark, or any punctuation
    after a bare country name ('... in eastern Russia," Ryder said')."""
    return token.is_quote or (token.is_punct and mark.bare)


def speaks_through(ctx: AttributionContext, mark: ActorMark) -> bool:
    """'Zelensky's office', 'the Kremlin's spokesman': an actor speaking through its office or spokespeople."""
    after = ctx.doc[mark.end + 1 : mark.end + 3]
    return any(t.lower_ in SPEAKING_FOR for t in after)


def owns_claim(ctx: AttributionContext, mark: ActorMark) -> bool:
    """'Ukraine's claims', 'Seoul's estimate', 'U.S., Ukrainian and South Korean estimates': a country owning
    the figure (its possessive or adjective before a word for a figure, past the countries listed with it)."""
    starts = {m.start: m.end for m in ctx.actors}
    lower = words_of(ctx.doc)
    end = mark.end + 1 if possessive(ctx, mark) else mark.end
    while end < len(lower):
        joiners = end
        while joiners < len(lower) and lower[joiners] in LIST_WORDS:
            joiners += 1
        if joiners in starts and joiners > end:  # ", Ukrainian and South Korean": the list goes on
            end = starts[joiners]
        else:
            end = joiners if all(w in ADJECTIVES for w in lower[end:joiners]) else end
            break
    words = FIGURE_WORDS | POSSESSED_FIGURE_WORDS if possessive(ctx, mark) else FIGURE_WORDS
    return end < len(lower) and lower[end] in words


def owns_later_figure(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for an actor after the figure that owns a figure of its own ('..., more than Zelensky's alert of
    10,000'): not the speaker of the earlier one."""
    return owns_claim(ctx, mark) and any(t.like_num for t in ctx.doc[mark.end : mark.end + OWNED_FIGURE_REACH])


def according_to_mark(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for an actor right after 'according to' or 'citing'."""
    text = ctx.text if ctx.text is not None else ctx.doc.text
    lead = span_text(ctx.doc, text, max(0, mark.start - LEAD_REACH), mark.start)
    return is_source_lead(lead) or NAMED_SOURCE.search(lead) is not None  # "according to Petro Ivanenko, a
    # spokesman for the Ukrainian military"


@lru_cache(maxsize=4096)
def is_source_lead(lead: str) -> bool:
    """True for the words before an actor that make it the source ('according to', 'briefed by')."""
    found = SOURCE_LEADS.search(lead)
    return found is not None and "," not in found.group()


def according_to(ctx: AttributionContext) -> list[str] | None:
    """An actor right after 'according to', 'citing' or 'announced by' in the figure's clause (the nearest before
    the figure) or after the figure, not in a relative clause ('which was confirmed by Putin'); a news outlet there
    only relays when another actor of the sentence reports ("NIS reported ..., according to Yonhap")."""
    relayed = any(reports(ctx, m) and m.actor not in ctx.relayers for m in ctx.actors)
    sources = [
        m
        for m in ctx.actors
        if (ctx.clause[0] <= m.start < ctx.clause[1] or m.start >= ctx.end)
        and according_to_mark(ctx, m)
        and not (relayed and m.actor in ctx.relayers)
        and not in_relative_clause(ctx, m)
        and not bound_to_later_figure(ctx, m)
    ]
    before = [m for m in sources if m.start < ctx.start]
    nearest = before[-1] if before else next(iter(sources), None)  # "Figures disclosed by the NIS match remarks by
    return joined(ctx, nearest) if nearest else None  # Shoigu, who mentioned 5,000 ...": Shoigu's


def colon_lead(ctx: AttributionContext) -> list[str] | None:
    """The actor that opens a sentence with no reporting verb and is followed by a colon before the figure
    ('Pentagon: 3,000 ...'; not 'Russia: 3,000 soldiers arrived, Kyiv said')."""
    first = next((m for m in ctx.actors if m.start <= 1), None)
    if first is None or ctx.reporting or first.end >= ctx.start or ctx.doc[first.end].text != ":":
        return None
    return joined(ctx, first) if first.start == 0 or ctx.doc[0].lower_ == "the" else None


def figure_for(ctx: AttributionContext) -> list[str] | None:
    """A figure followed by 'for' and an actor, as in a comparison ('4,000 for Zelensky, 3,000 for NIS')."""
    start = ctx.end + 1 if ctx.end < len(ctx.doc) and ctx.doc[ctx.end].lower_ == "for" else None
    if start is None:
        return None
    mark = next((m for m in ctx.actors if m.start in (start, start + 1) and not m.modifier), None)
    return [mark.actor] if mark and ctx.doc[start : mark.start].text.lower() in ("", "the") else None


def reporting_before(ctx: AttributionContext) -> list[str] | None:
    """The nearest actor before the figure in its clause that reports ("Seoul has previously claimed ...")."""
    before = [
        m for m in ctx.actors if ctx.clause[0] <= m.start < ctx.start and speaker_like(ctx, m) and reports(ctx, m)
    ]
    return joined(ctx, before[-1]) if before else None


def speaker_before(ctx: AttributionContext) -> list[str] | None:
    """The nearest speaker before the figure in its clause, unless it is the sender of the figure ('Kim Jong-un
    sent roughly 12,000 soldiers'; a unit that killed ('SOF operators neutralized 21') reports its own count)."""
    before = [
        m
        for m in ctx.actors
        if ctx.clause[0] <= m.start < ctx.start
        and speaker_like(ctx, m)
        and not any(m.end <= c < ctx.start for c in ctx.sending)
    ]
    return joined(ctx, before[-1]) if before else None


def shared_subject(ctx: AttributionContext) -> list[str] | None:
    """The subject of the sentence for a reporting verb right after 'but' that has none of its own ('The Russian
    side has not disclosed its losses, but claimed 3,000 Ukrainians were killed')."""
    start = ctx.clause[0]
    verb_next = any(s in (start, start + 1) for s, _ in ctx.reporting)
    if start < 2 or ctx.doc[start - 1].lower_ != "but" or not verb_next:
        return None
    subject = next((m for m in ctx.actors if m.start <= 1 and not m.modifier), None)
    return joined(ctx, subject) if subject is not None else None


def titled_between(ctx: AttributionContext, start: int, end: int) -> bool:
    """True when only a title or a name stands between a reporting verb and its speaker ('reported Deputy Chief of
    the', 'said Petro Ivanenko, spokesman for')."""
    words = list(ctx.doc[start:end])
    text = ctx.text if ctx.text is not None else ctx.doc.text
    if len(words) > 2 and NAMED_SPEAKER.search(span_text(ctx.doc, text, start, end) + " "):
        return True  # "said Petro Ivanenko, a spokesman for the": a name and its apposition
    if len(words) > 2 and words[-1].lower_ in ("a", "an", "the"):
        words.pop()  # "said Petro Ivanenko, a Ukrainian military spokesman"
    if len(words) > 1 and words[-1].text == ",":
        words.pop()  # "said Petro Ivanenko, spokesman for Ukraine's ..."
    return 0 < len(words) <= TITLE_REACH and all(t.is_title or t.lower_ in ("of", "the") for t in words)


def speaker_after(ctx: AttributionContext) -> list[str] | None:
    """A speaker after the figure with a reporting verb next to it ('..., the command said', 'said Kyiv')."""
    for mark in (
        m for m in ctx.actors if m.start >= ctx.end and not in_next_clause(ctx, m) and not owns_later_figure(ctx, m)
    ):
        verb_before = any(e <= mark.start <= e + 2 or titled_between(ctx, e, mark.start) for _, e in ctx.reporting)
        right_after = any(  # "..., said Kyiv", '," claim Ukraine and the West'; not "to assess DPRK presence"
            e <= mark.start <= e + 1
            and ctx.doc[e : mark.start].text.lower() in ("", "the")
            and s > 0
            and ctx.doc[s - 1].is_punct
            for s, e in ctx.reporting
        )
        inverted = right_after and mark.bare and not mark.modifier
        titled = verb_before and not mark.bare and not mark.modifier  # "said Petro Ivanenko, spokesman for Ukraine's"
        if (
            signed(ctx.doc, mark)
            or (speaker_like(ctx, mark) and (reports(ctx, mark) or verb_before))
            or inverted
            or titled
        ):
            return joined(ctx, mark)  # "..., the command said", "said Kyiv", "claim Ukraine and the West"
    return None


def signed(doc: Doc, mark: ActorMark) -> bool:
    """True for an actor that signs the sentence after a dash or a colon, or in a closing parenthesis ('3,000
    North Koreans killed — Zelensky', '...: Zelensky', '... (Ukrainian intelligence)')."""
    after = doc[mark.end :]
    opener = doc[mark.start - 1].text if mark.start > 0 else ""
    named_before = mark.start > 1 and doc[mark.start - 2].is_title  # "of Korea (DPRK)": an abbreviation
    closing = opener == "(" and len(after) > 0 and after[0].text == ")" and not named_before
    return (opener in DASHES or opener == ":" or closing) and all(t.is_punct for t in after)


def in_next_clause(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for an actor after the figure in a clause of its own, opened by punctuation and a conjunction ("Kyiv
    captured two soldiers - and Ukraine's president said ..."; "1,200, while South Korean sources suggest 300")."""
    words = ctx.doc[ctx.end : mark.start]
    return any(
        t.lower_ in CLAUSE_JOINERS
        and ctx.doc[t.i - 1].is_punct
        and not any(w.is_quote for w in ctx.doc[t.i : mark.start])
        for t in words
    )


def speaker_earlier(ctx: AttributionContext) -> list[str] | None:
    """A speaker earlier in the sentence (outside the clause) with a reporting verb before the figure, not the
    sender of the figure ('Kim Jong Un is doubling down ... sending an additional 10,000')."""
    earlier = [m for m in ctx.actors if m.start < ctx.start and speaker_like(ctx, m) and not sends(ctx, m)]
    if earlier and any(s < ctx.start for s, _ in ctx.reporting):
        return joined(ctx, earlier[-1])
    return None


def sends(ctx: AttributionContext, mark: ActorMark) -> bool:
    """True for an actor that sends the figure's people ('Kim Jong Un is ... sending an additional 10,000'): a word
    of sending follows it before the figure with no reporting verb between ('Budanov has stated that North Korea
    agreed to send')."""
    return any(mark.end <= c < ctx.start and not any(mark.end <= s < c for s, _ in ctx.reporting) for c in ctx.sending)


def with_estimating_verbs(doc: Doc, marks: list, verbs: frozenset[str]) -> list:
    """The marks plus a reporting mark over each verb of estimating with 'at' and a number after it ('Seoul put
    the number of North Korean dead at 3,000', 'Kyiv now puts the losses at around 3,000'), from the verb to 'at'."""
    found = []
    for token in (t for t in doc if t.lower_ in verbs):
        for t in doc[token.i + 1 : token.i + 1 + ESTIMATE_REACH]:
            if t.text in CLAUSE_ENDS:
                break
            if t.lower_ == "at" and any(n.like_num for n in doc[t.i + 1 : t.i + 1 + AT_NUMBER_REACH]):
                found.append(("reporting", "", token.i, t.i + 1))
                break
    return [*marks, *found]


def with_reported_hearsay(doc: Doc, marks: list) -> list:
    """The marks plus a hearsay mark over each subject of hearsay followed by a reporting word ('Reports reveal',
    'unnamed sources claimed') or, as a noun, by 'that' ('There are other reports that ...'): unnamed reports
    speak for no actor; a country's sources are its actor's ('American sources estimate'), and 'reports' after
    its subject is a verb ('The intelligence service also reports that')."""
    reporting = {s: e for k, _, s, e in marks if k == "reporting"}
    owned = {e for k, _, _, e in marks if k in ("actor", "acronym", "country_form")}
    subjects = owned | {e for k, _, _, e in marks if k == "role"}
    heard = []
    for kind, value, start, end in marks:
        if kind != "hearsay_subject" or start in owned:
            continue
        verb = end + 2 if doc[end : end + 2].text.lower() == ", which" else end  # "reports, which suggest"
        if verb in reporting:
            heard.append(("hearsay", value, start, reporting[verb]))
        elif end < len(doc) and doc[end].lower_ == "that" and is_noun_use(doc, start, end, subjects):
            heard.append(("hearsay", value, start, end + 1))
    return [*marks, *heard]


def is_noun_use(doc: Doc, start: int, end: int, subjects: set[int]) -> bool:
    """True for a subject of hearsay used as a noun ('There are other reports that', 'to confirm reports that'),
    not as a verb after its subject: an actor, role or country ending right before it ('The agency reports
    that'), a name, a pronoun or an adverb ('Lee reports', 'it also reports')."""
    if end - start > 1 or start == 0:
        return True
    before = doc[start - 1]
    return not (start in subjects or before.lower_ in VERB_BEFORE or (before.is_title and not before.is_sent_start))


def carried_speaker(ctx: AttributionContext) -> list[str] | None:
    """The speaker named earlier in the paragraph, when this sentence names none."""
    named = [m for m in ctx.actors if speaker_like(ctx, m)]
    return list(ctx.carried) if not named and ctx.carried else None


def named_in_next_sentence(ctx: AttributionContext) -> list[str] | None:
    """The source the next sentence names for this one ('This was announced by Sergei Shoigu')."""
    return list(ctx.named_next) or None


def quotation_speaker(ctx: AttributionContext) -> list[str] | None:
    """The speaker named where a quotation that holds the figure closes, in a later sentence."""
    named = any(speaker_like(ctx, m) for m in ctx.actors)
    return list(ctx.quoted) if ctx.quoted and not named else None


def new_unnamed_speaker(ctx: AttributionContext) -> list[str] | None:
    """An unnamed speaker introduced in this sentence ('a source said'), when it names no actor."""
    named = any(speaker_like(ctx, m) for m in ctx.actors)
    return ["unattributed"] if not named and unnamed_speaker(ctx.doc, ctx.reporting) == "new" else None


def anaphoric_speaker(ctx: AttributionContext) -> list[str] | None:
    """A speaker referred back to ('the official said', 'he added'): the speaker carried from before, else an
    unattributed source; not when the sentence names a speaker of its own."""
    if any(speaker_like(ctx, m) for m in ctx.actors) or unnamed_speaker(ctx.doc, ctx.reporting) != "anaphoric":
        return None
    return list(ctx.carried) or ["unattributed"]


def unit_count(ctx: AttributionContext) -> list[str] | None:
    """A unit's count of the losses it inflicted ('SSO fighters killed five'), when no speaker is named."""
    named = any(speaker_like(ctx, m) for m in ctx.actors)
    return list(ctx.killer) if ctx.killer and not named else None


def unsourced_estimate(ctx: AttributionContext) -> list[str] | None:
    """A figure given as someone's estimate without saying whose ('with estimates of up to 4,000', 'estimated at
    around 15,000', 'casualty figures range from 2,000 to 4,000'): an unnamed source, not the author's."""
    text = ctx.text if ctx.text is not None else ctx.doc.text
    start = max(ctx.clause[0], ctx.start - ESTIMATE_REACH)
    return ["unattributed"] if UNSOURCED_ESTIMATE.search(span_text(ctx.doc, text, start, ctx.end)) else None


def unnamed_source(ctx: AttributionContext) -> list[str] | None:
    """'according to various intelligence sources', 'citing a report': a source given but not named."""
    text = ctx.text if ctx.text is not None else ctx.doc.text
    clause = span_text(ctx.doc, text, ctx.clause[0], len(ctx.doc))
    return ["unattributed"] if UNNAMED_LEAD.search(clause) else None


def hearsay(ctx: AttributionContext) -> list[str] | None:
    """'reportedly', 'reports say': hearsay before the figure, or after it when no later figure follows it
    ('11,000 troops are reportedly ...', '..., reports say.'); not hearsay about a later figure ('12,000 troops,
    with reports indicating the number could rise to 100,000'); not when a speaker referred back to reports the
    belief ('1,000 are believed to have been killed, it said': the speaker 'it' refers to)."""
    applies = any(s < ctx.end or not any(t.like_num for t in ctx.doc[e:]) for s, e in ctx.hearsay)
    speech = [(s, e) for s, e in ctx.reporting if not any(hs <= s < he for hs, he in ctx.hearsay)]
    if applies and unnamed_speaker(ctx.doc, speech) == "anaphoric" and ctx.carried:
        return None  # not 'It is estimated', whose verb is the hearsay's own
    return ["unattributed"] if applies else None


def relayed_unnamed(ctx: AttributionContext) -> list[str] | None:
    """An outlet reporting the figure and citing someone it does not name ('Ukrainska Pravda reported, citing
    sources in the military, that ...'): an unnamed source, not the outlet that relays it."""
    relays_it = any(m.actor in ctx.relayers and reports(ctx, m) for m in ctx.actors if m.start < ctx.start)
    if not relays_it:
        return None
    text = ctx.text if ctx.text is not None else ctx.doc.text
    return ["unattributed"] if UNNAMED_CITING.search(span_text(ctx.doc, text, ctx.clause[0], ctx.start)) else None


ATTRIBUTION_RULES = (
    Rule("'according to' or 'citing' an actor", "the actor after 'according to' or 'citing'", according_to),
    Rule(
        "a relay citing someone unnamed",
        "an outlet that reports the figure citing sources it does not name: an unnamed source",
        relayed_unnamed,
    ),
    Rule(
        "actor before a colon opening the sentence",
        "a headline's or summary's source ('Seoul: North Korea has sent 3,000 more soldiers')",
        colon_lead,
    ),
    Rule(
        "figure for an actor",
        "a figure followed by 'for' and an actor ('4,000 for Zelensky, 3,000 for NIS')",
        figure_for,
    ),
    Rule(
        "reporting actor before the figure in its clause",
        "the nearest actor before the figure that is the subject of a reporting verb",
        reporting_before,
    ),
    Rule(
        "actor with a reporting verb after the figure",
        "a quotation or figure followed by its speaker ('..., the Ukrainian command said')",
        speaker_after,
    ),
    Rule(
        "source named in the next sentence",
        "the next sentence says who gave the figures ('This was announced by ...', 'This information was shared by')",
        named_in_next_sentence,
    ),
    Rule("hearsay with no reporting actor", "'reportedly', 'it is believed' and no actor reporting", hearsay),
    Rule(
        "speaker of a quotation, named where it closes",
        "a figure inside a quotation that closes in a later sentence of the paragraph ('...,\" he added')",
        quotation_speaker,
    ),
    Rule(
        "speaker not named, first mentioned",
        "a reporting verb whose subject is a first mention of someone unnamed ('a source said', 'an official told')",
        new_unnamed_speaker,
    ),
    Rule(
        "a unit's count of the losses it inflicted",
        "no speaker named and a fighting unit before the loss verb ('SSO fighters killed five'): the unit's side",
        unit_count,
    ),
    Rule(
        "speaker referred back to",
        "'the official said', 'he added', 'says Lee': the speaker carried from before, else an unattributed source",
        anaphoric_speaker,
    ),
    Rule("nearest actor before the figure in its clause", "the speaker nearest before the figure", speaker_before),
    Rule(
        "subject of a verb after 'but'",
        "a reporting verb right after 'but' shares the sentence's subject ('X has not disclosed ..., but claimed')",
        shared_subject,
    ),
    Rule(
        "actor of a reporting verb earlier in the sentence",
        "a speaker before a reporting verb earlier in the sentence",
        speaker_earlier,
    ),
    Rule(
        "source given but not named",
        "'according to' or 'citing' with no actor after it ('according to various intelligence sources')",
        unnamed_source,
    ),
    Rule(
        "speaker carried from earlier in the paragraph",
        f"no speaker in the sentence: the one named up to {CARRY_SENTENCES} sentences before in the paragraph",
        carried_speaker,
    ),
    Rule(
        "an estimate whose source is not named",
        "no speaker in reach and the figure given as an estimate ('with estimates of up to 4,000', 'estimated at')",
        unsourced_estimate,
    ),
)


PUBLISHER_RULE = (
    "the publisher's own text",
    "no actor named in an article an official actor publishes (a ministry, a mission, state media): its figure",
)
DEFAULT_RULE = ("no actor named: the author's own statement", "no rule above applies: the figure is the author's")


def attribution(ctx: AttributionContext) -> dict:
    """The actors a figure belongs to (one per joint source) and the rule that decided it; a source that confirms
    the figure in an apposition after it ('..., a figure confirmed by Lytvynenko') joins the source named before."""
    confirmer = confirming_mark(ctx)
    if confirmer is not None:
        before = replace(ctx, actors=[m for m in ctx.actors if m.start < confirmer.start], answers={})
        found = attribution(before)
        if found["actors"] not in (["author"], ["unattributed"]) and confirmer.actor not in found["actors"]:
            return found | {"actors": [*found["actors"], confirmer.actor]}
    for rule in ATTRIBUTION_RULES:
        actors = rule.applies(ctx)
        if actors:
            return {"actors": actors, "attribution_rule": rule.name}
    return {"actors": ["author"], "attribution_rule": DEFAULT_RULE[0]}


def confirming_mark(ctx: AttributionContext) -> ActorMark | None:
    """The actor of an apposition that confirms the figure just before it ('160,000 soldiers, a figure confirmed
    by Oleksandr Lytvynenko'; 'an estimate shared by Seoul'), if any."""
    text = ctx.text if ctx.text is not None else ctx.doc.text
    last = ctx.doc[ctx.end - 1]
    found = CONFIRMED_BY.search(text, last.idx + len(last))
    if found is None or any(t.like_num and t.idx < found.start() for t in ctx.doc[ctx.end :]):
        return None
    return next((m for m in ctx.actors if ctx.doc[m.start].idx >= found.end()), None)


def sentence_speaker(
    doc: Doc, actors: list[ActorMark], reporting: list[tuple[int, int]], text: str | None = None
) -> tuple[str, ...]:
    """The speaker a sentence names (for the sentences after it), or () when it names none: the actor it cites
    ('CNN reported, citing a Ukrainian intelligence assessment'), as for its own figures, else the first that
    reports."""
    if not actors:
        return ()
    ctx = AttributionContext(doc, len(doc), len(doc), (0, len(doc)), actors, reporting, [], text=text)
    cited = [m for m in actors if according_to_mark(ctx, m)]
    named = [m for m in actors if speaker_like(ctx, m) and (reports(ctx, m) or m in cited) and not hypothetical(doc, m)]
    first = next((m for m in named if m in cited), named[0] if named else None)
    return tuple(joined(ctx, first)) if first else ()


def hypothetical(doc: Doc, mark: ActorMark) -> bool:
    """True for an actor in a sentence's opening conditional or concessive clause ('If North Korea's claim is
    true, ...', 'Though North Korea only recently confirmed it, ...'): not a speaker for the sentences after."""
    return doc[0].lower_ in SUBORDINATORS and not any(t.text == "," for t in doc[: mark.start])
