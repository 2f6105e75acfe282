"""What surrounds a number in its sentence: its clause, its counted noun, the cue that gives its category, its
hedge, the conflict it belongs to, and whether it is a share or a rate.

Each function reads the sentence's lexicon marks (kind, value, start, end) and the tokens; none reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span

from .rules import CLAUSE_BREAK, punct_of, span_text, words_of

INCLUDING_REACH = 8  # tokens back to the 'including' that opens a list of parts
AFTER_HEDGE_REACH = 1  # tokens after the counted noun within which "reportedly" still hedges the number
NOUN_REACH = 5  # tokens after a number within which its counted noun stands
RATE_REACH = 3  # tokens after the counted noun within which "a day" makes the figure a rate
SHARE_BASE_REACH = 8  # tokens after 'of' within which a share's base names its people
FRONTED_BASE_REACH = 16  # tokens of a share's base set before it ('out of the 10,000 troops believed to be ...,')
PASSIVE = {"been", "were", "was", "are", "is", "be", "reportedly", "already", "later", "subsequently", "eventually"}
PERFECT = {"have", "has", "had"}  # "18 soldiers have abandoned their posts"
INTRANSITIVE_LOSSES = {"died", "perished", "dead"}
NOUN_PHRASE_MARKS = {"-", "+", "–", "[", "]"}  # punctuation inside a number's noun phrase
SHARE_OWNERS = {"them", "those", "these", "the force", "the unit", "the troops"}  # a share's base with no noun
PERCENT = {"%", "percent", "per cent", "pc"}
PARTITIVE_FILLERS = {
    "the",
    "an",
    "a",
    "approximately",
    "about",
    "around",
    "some",
    "roughly",
    "nearly",
    "estimated",
    "total",
}
MODALS = {"have", "has", "had", "would", "will", "could", "may", "might", "be", "being"}  # "would be sent"
ARTICLES = {"a", "an", "the"}
NEGATIONS = {"not", "n't", "never", "neither", "nor", "yet", "declined", "refused", "unable", "failed", "without"}
PHRASE_PREPOSITIONS = {"for", "with", "against", "at", "on", "into", "than", "because", "after", "before"}
SENT_TO = {"to", "on", "in", "into", "for", "from", "at", "by", "more", "others", "so"}  # "sent 11,000 to Kursk"
LOSS_JOINERS = {
    "and",
    "or",
    ",",
    "and/or",
    "/",
    "been",
    "were",
    "have",
    "seriously",
    "severely",
    "badly",
}  # "killed and wounded", "died or been injured"
COMBINED_LOSS = ({"killed", "wounded", "captured"}, "casualties")  # two or more joined: casualties
BEING = {"are", "were", "is", "was", "remain", "remained", "remains", "stay", "stayed"}
PRESENCE_ADVERBS = {"already", "now", "still", "currently", "reportedly", "believed", "thought", "to", "be"}
PLACE_PREPOSITIONS = {"in", "inside", "near", "at", "on", "along", "within"}
FRONTED_WORDS = {  # words before a number that leave it the subject ('Of those, about 3,000 ...')
    *("of", "those", "these", "them", "about", "around", "some", "roughly", "nearly", "almost", "over", "more"),
    *("than", "at", "least", "up", "to", "as", "many", "an", "estimated", "approximately", "another"),
}
BESIDE_REACH = 3  # words between 'following', 'despite', 'replace' ... and the loss word they govern
BESIDE_LOSS = {  # a loss word after these gives a reason or a circumstance, not what befell the people counted
    *("following", "after", "despite", "amid", "amidst", "replace", "replacing", "replenish", "replenishing"),
    *("offset", "offsetting", "compensate", "compensating"),
}
COLLECTIVE_LOSSES = {"losses", "loss"}  # what a force suffers, counted or not
LOSS_ADJECTIVES = {"heavy", "huge", "significant", "serious", "major", "massive", "severe", "enormous", "big"}
SUFFERING_VERBS = {"suffered", "suffering", "suffer", "suffers", "sustained", "taken", "took", "incurred", "faced"}
STRENGTH = "strong"  # '3,000-strong': the size of the noun after it
STRENGTH_REACH = 2  # tokens between 'strong' and that noun ('3,000-strong North Korean contingent')
RELATIVE_OPENERS = {"who", "which", "whom", "whose"}  # ', who had been captured,': an aside on the people
PART_OPENERS = {("of", "whom"), ("of", "which"), ("among", "whom"), ("among", "them")}  # ', of whom 40 died'


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
        """Reporting verbs, without negated ones ('have not confirmed or denied' makes no speaker)."""
        return [(s, e) for k, _, s, e in self.marks if k == "reporting" and not negated(self.doc, s)]


def with_combined_losses(doc: Doc, marks: list) -> list:
    """The marks plus a casualties mark (of the kinds the run has: noun, cue) over each run of loss words joined by
    'and', 'or' or a comma that names two of the dead, the wounded and the captured ("killed and wounded", "injured
    or killed", "killed or captured"): a count of more than one kind of loss is a count of casualties."""
    parts, total = COMBINED_LOSS
    words = sorted(
        {(s, e): v for k, v, s, e in marks if k in ("noun", "cue")}.items(), key=lambda w: (w[0][0], -w[0][1])
    )
    if len(parts.intersection(v for _, v in words)) < 2:  # no run can name two
        return sorted(marks, key=lambda m: (m[2], -(m[3] - m[2])))
    runs: list[list] = []
    for (start, end), value in words:
        last = runs[-1][-1] if runs else None
        if last and start < last[1]:
            continue  # a shorter word inside the last one
        joined = doc[last[1] : start] if last else ()  # words side by side are not joined: 'prisoners died'
        if last and len(joined) and all(t.lower_ in LOSS_JOINERS for t in joined):
            runs[-1].append((start, end, value))
        else:
            runs.append([(start, end, value)])
    combined = []
    for run in (r for r in runs if len(parts.intersection(v for _, _, v in r)) >= 2):
        first, last = run[0][0], run[-1][1]
        kinds = {k for k, _, s, e in marks if k in ("noun", "cue") and first <= s and e <= last}
        combined += [(kind, total, first, last) for kind in sorted(kinds)]
    return sorted([*marks, *combined], key=lambda m: (m[2], -(m[3] - m[2])))


def negated(doc: Doc, start: int) -> bool:
    """True for a verb with a negation just before it ('not confirmed', "hasn't said", 'not confirmed or')."""
    return any(t.lower_ in NEGATIONS for t in doc[max(0, start - 3) : start])


def clause_bounds(doc: Doc, span: Span) -> tuple[int, int]:
    """Token bounds of the clause holding the span (split at ';', ':', 'but', 'while', and the brackets of a
    parenthesis the span is in; a parenthesis before or after it, "Special Operations Forces (SSO) have
    eliminated 13", is part of its clause)."""
    return clause_edge(doc, span.start - 1, -1), clause_edge(doc, span.end, 1)


def clause_edge(doc: Doc, i: int, step: int) -> int:
    """Where the clause ends reading from token ``i`` backwards (step -1: the clause's first token) or forwards
    (step 1: the token after its last), a whole parenthesis passed over."""
    opening, closing = ("(", ")") if step == 1 else (")", "(")
    depth = 0
    words = words_of(doc)
    while 0 <= i < len(words):
        word = words[i]
        if word == opening:
            depth += 1
        elif word == closing and depth:
            depth -= 1
        elif not depth and word in CLAUSE_BREAK:
            return i + 1 if step == -1 else i
        i += step
    return 0 if step == -1 else len(doc)


def noun_limit(doc: Doc, span: Span) -> int:
    """The end of the number's noun phrase: the first punctuation, other number or preposition that starts
    another phrase ('one reason for the losses') within ``NOUN_REACH``; an editor's brackets in a quotation
    ('3,000 [North Korean soldiers]') do not end it."""
    words, punct = words_of(doc), punct_of(doc)
    for i in range(span.end, min(len(words), span.end + NOUN_REACH)):
        if (punct[i] and words[i] not in NOUN_PHRASE_MARKS) or words[i] in PHRASE_PREPOSITIONS:
            return i
        if words[i][:1].isdigit() and doc[i].like_num:  # another number written in digits
            return i
    return min(len(doc), span.end + NOUN_REACH)


def counted_noun(doc: Doc, span: Span, marks) -> tuple[str, str, int] | None:
    """(noun, inherent category, end token) of the first counted noun within five tokens after the number; for
    a strength ('3,000-strong contingent'), the noun after it."""
    limit = noun_limit(doc, span)
    nouns = [(start, end, value) for kind, value, start, end in marks if kind == "noun" and span.end <= start < limit]
    if not nouns:
        return None
    start, end, value = nouns[0]
    later = [n for n in nouns[1:] if n[0] - end <= STRENGTH_REACH]
    if doc[start].lower_ == STRENGTH and later:  # "a 3,000-strong North Korean contingent"
        start, end, value = later[-1]
    return doc[start:end].text, value, end


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
    if not (is_percent or span.label_ == "FRACTION"):
        return None
    if span.label_ == "FRACTION" and any(t.lower_ == "in" or t.lower_ == "out" for t in span):
        nouns = [e for k, _, s, e in marks if k == "noun" and span.end <= s < span.end + SHARE_BASE_REACH]
        start = span.end + 1 if span.end < len(doc) and doc[span.end].lower_ == "of" else span.end
        return ("share", doc[start : nouns[0]].text, False) if nouns else None  # "one in three (of the) soldiers"
    if i >= len(doc) or doc[i].lower_ != "of":
        base = fronted_base(doc, span, marks)
        return None if base is None else ("percent" if is_percent else "share", base, is_percent)
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
    if not base or not (nouns or base.lower() in SHARE_OWNERS):
        return None
    return ("percent" if is_percent else "share", base, is_percent)


def fronted_base(doc: Doc, span: Span, marks) -> str | None:
    """The base of a share set before it ('Of these, about a quarter were killed'; 'out of the 10,000 troops in
    Russia, 80% are in Kursk'): the phrase from an 'of' that opens the sentence or follows a comma up to the comma
    right before the share (hedges between)."""
    hedged = [s for k, _, s, e in marks if k == "hedge" and e == span.start]
    comma = (hedged[0] if hedged else span.start) - 1
    if comma < 2 or doc[comma].text != ",":
        return None
    for k in range(comma - 1, max(-1, comma - FRONTED_BASE_REACH), -1):
        if doc[k].is_punct:
            return None
        opens = k == 0 or doc[k - 1].is_punct or (doc[k - 1].lower_ == "out" and (k == 1 or doc[k - 2].is_punct))
        if doc[k].lower_ == "of" and opens:
            base = doc[k + 1 : comma].text
            named = any(k < s < comma for kind, _, s, _ in marks if kind == "noun")
            return base if named or base.lower() in SHARE_OWNERS else None
    return None


def rate_of(doc: Doc, span: Span, marks, noun_end: int) -> str | None:
    """The period of a rate ('1,000 casualties a day', 'about 40,000 a month'), if one follows the figure."""
    for kind, value, start, _ in marks:
        if kind == "rate" and noun_end <= start <= noun_end + RATE_REACH:
            return value
        if kind == "rate" and value in ("day", "week", "month") and start == span.start - 1:
            return value  # "daily 1,000"
    return None


def noun_before(span: Span, marks, clause: tuple[int, int]) -> tuple[str, str, int] | None:
    """The last counted noun between the clause start and the number ("the number of engineers at 1,000"), the
    longest where nouns end together ("soldiers killed or wounded")."""
    found = [
        (e, e - s, span.doc[s:e].text, v) for k, v, s, e in marks if k == "noun" and clause[0] <= s and e <= span.start
    ]
    if not found:
        return None
    end, _, text, value = max(found)
    return text, value, end


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


def loss_verb_before(span: Span, marks, losses: tuple[str, ...]) -> str | None:
    """The loss a verb right before the number inflicts on it ("killed 77", "wounded as many as 40"): the number
    is the verb's object. Verbs of one's own losses ("lost 300", lexicon kind ``own_force_verb``) are not."""
    hedged = {s for k, _, s, e in marks if k == "hedge" and e == span.start}
    own = {(s, e) for k, _, s, e in marks if k == "own_force_verb"}
    for kind, value, start, end in marks:
        if kind == "cue" and value in losses and (end == span.start or end in hedged) and (start, end) not in own:
            return value
    return None


def phrase_nationality(span: Span, marks, phrase_end: int) -> str | None:
    """The nationality named between a number and the end of its noun phrase ('3,000 North Korean soldiers')."""
    return next((v for k, v, s, _ in marks if k == "country_form" and span.end <= s < phrase_end), None)


def whole_of(doc: Doc, span: Span) -> Span | None:
    """The number a part is taken from ('3,800 of the approximately 12,000 soldiers'): its people are the part's."""
    i = span.end
    if i >= len(doc) or doc[i].lower_ != "of":
        return None
    i += 1
    while i < len(doc) and doc[i].lower_ in PARTITIVE_FILLERS:
        i += 1
    end = i
    while end < len(doc) and doc[end].like_num:
        end += 1
    return doc[i:end] if end > i else None


def sent_object(doc: Doc, span: Span, marks) -> bool:
    """True for the people sent, with no noun after the number: the object of a verb of sending ("deploy up
    to 100,000 on Russia's side", "has sent 11,000 to Kursk") or the subject of one in the passive or of
    arriving ("11,000 were deployed", "1,500 had already arrived")."""
    hedged = {s for k, _, s, e in marks if k == "hedge" and e == span.start}
    sending = [(s, e) for k, v, s, e in marks if k == "cue" and v == "deployed"]
    after = doc[span.end] if span.end < len(doc) else None
    if any(e == span.start or e in hedged for _, e in sending):
        return after is None or after.is_punct or after.lower_ in SENT_TO
    auxiliaries = lambda s: all(t.lower_ in PASSIVE | MODALS for t in doc[span.end : s])  # noqa: E731
    return any(span.end < s <= span.end + 3 and auxiliaries(s) for s, _ in sending)


def loss_of(doc: Doc, span: Span, marks, losses: tuple[str, ...]) -> str | None:
    """The loss a noun before 'of' gives the number after it ('the bodies of more than 20 soldiers', 'the deaths
    of 300 troops'), hedges between allowed."""
    hedged = {s for k, _, s, e in marks if k == "hedge" and e == span.start}
    of = (min(hedged) if hedged else span.start) - 1
    if of < 1 or doc[of].lower_ != "of":
        return None
    return next((v for k, v, _, e in marks if k in ("noun", "cue") and v in losses and e == of), None)


def described_end(doc: Doc, span: Span, marks) -> int:
    """The end of the words that describe the people right after the number ('one wounded North Korean
    prisoner'): a run of nouns and nationalities, with the loss words before them ('wounded', not 'captured' in
    'two North Koreans captured in battle')."""
    nouns = {s: e for k, _, s, e in marks if k == "country_form" or (k == "noun" and e - s == 1)}
    words = {s: e for k, _, s, e in marks if k == "cue" and e - s == 1}
    end = span.end
    while end in nouns or (end in words and words[end] in nouns):
        end = nouns.get(end) or words[end]
    return end


def asides_after(doc: Doc, span: Span, clause: tuple[int, int]) -> list[tuple[int, int]]:
    """Token ranges after the number that tell of other people or of an earlier time, not of what befell the
    number: a relative clause set off by commas ('300 soldiers, who had been captured, died of their wounds') and
    the part of the whole that follows it (', of whom 40 were killed')."""
    asides, i, words = [], span.end, words_of(doc)
    if "," not in words[span.end : clause[1]]:
        return asides
    while i + 2 < clause[1]:
        if words[i] == "," and (words[i + 1], words[i + 2]) in PART_OPENERS:
            return [*asides, (i, clause[1])]
        if words[i] == "," and words[i + 1] in RELATIVE_OPENERS:
            close = next((j for j in range(i + 2, clause[1]) if words[j] == ","), None)
            if close is not None:
                asides.append((i, close))
                i = close
                continue
        i += 1
    return asides


def losses_suffered_after(doc: Doc, span: Span, marks) -> list[tuple[int, int]]:
    """Token ranges of 'losses' that people after the number suffered ('12,000 soldiers in Kursk have suffered
    heavy losses'): the number counts those who suffered them, not the losses."""
    ranges, words = [], words_of(doc)
    for kind, _, start, end in marks:
        if kind != "cue" or start < span.end or words[start] not in COLLECTIVE_LOSSES:
            continue
        i = start - 1
        while i > span.end and words[i] in LOSS_ADJECTIVES:
            i -= 1
        if words[i] in SUFFERING_VERBS:
            ranges.append((start, end))
    return ranges


def losses_beside(doc: Doc, span: Span, marks) -> list[tuple[int, int]]:
    """Token ranges of loss words after the number that give a reason or a circumstance, not what befell it ('sent
    thousands of soldiers following battlefield casualties', 'to replace its dead', 'will not offset the
    losses'): a loss word within three words after 'following', 'despite', 'amid', 'replace' or 'offset'."""
    words, ranges = words_of(doc), []
    for kind, _, start, end in marks:
        if kind != "cue" or start < span.end:
            continue
        before = words[max(span.end, start - BESIDE_REACH) : start]
        if any(w in BESIDE_LOSS for w in before) and not any(w in (",", ";", ".") for w in before):
            ranges.append((start, end))
    return ranges


def outside(marks, ranges: list[tuple[int, int]]) -> list:
    """The marks that start outside every range."""
    return [m for m in marks if not any(s <= m[2] < e for s, e in ranges)]


def predicate_loss(
    doc: Doc, span: Span, marks, clause, losses: tuple[str, ...], noun_end: int | None = None
) -> str | None:
    """A loss cue after the number in its clause with no other number between: the predicate of the counted
    people ("100 soldiers sent to Russia have been killed", "18 soldiers have abandoned their posts", "two North
    Koreans captured in battle") wins over a nearer deployment cue; a loss word inside the noun phrase is the
    people's attribute ("300 wounded soldiers died")."""
    if any(k == "cue" and v in losses and e in (span.start, span.start - 1) for k, v, _, e in marks):
        return None  # "killed 77 and wounded 40": the verb before the number decides
    phrase_end = max(noun_end or span.end, described_end(doc, span, marks))
    for kind, value, start, end in marks:
        if kind == "cue" and value in losses and span.end <= start and end <= phrase_end:
            continue  # an attribute of the people, not what befell them: '300 wounded soldiers died'
        if kind == "cue" and value in losses and span.end <= start < clause[1]:
            between = doc[span.end : start]
            predicate = start > 0 and (
                doc[start - 1].lower_ in PASSIVE | PERFECT
                or doc[start].lower_ in INTRANSITIVE_LOSSES
                or start == noun_end
            )
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


def killing_side(doc: Doc, span: Span, marks, counted: str, fighters, opponent: dict[str, str]) -> str | None:
    """The country whose unit inflicted a loss on the number ('Ukrainian soldiers have killed 77', 'SSO fighters
    ... killed five', 'The special forces eliminated 17'): a fighting unit before the loss verb, of the country
    named with it or else of the counted force's opponent; None when no unit is named or it is the counted side."""
    before = [(k, v, s) for k, v, s, _ in marks if s < span.start]
    unit = any(t.lower_ in fighters for t in doc[: span.start]) or any(k == "unit_word" for k, _, _ in before)
    if not unit or counted not in opponent:
        return None
    countries = [v for k, v, _ in before if k == "country_form"]
    side = countries[-1] if countries else opponent[counted]
    return side if side == opponent[counted] else None


def included_in_previous(doc: Doc, span: Span) -> bool:
    """True for a number in a list after 'including' ('12,000 troops, including three high-ranking officers and
    around 500 officers'): part of the figure just given."""
    for token in reversed(doc[max(0, span.start - INCLUDING_REACH) : span.start]):
        if token.lower_ in CLAUSE_BREAK:
            return False
        if token.lower_ == "including":
            return True
    return False


def reported_right_before(span: Span, marks) -> bool:
    """True for a number right after a reporting verb, hedges between ('while Seoul says 3,000', 'Seoul estimated
    about 3,000'): with no noun of its own, another source's figure for what the figure before counted."""
    hedged = {s for k, _, s, e in marks if k == "hedge" and e == span.start}
    doc = span.doc
    return any(
        k == "reporting" and (e == span.start or e in hedged) and (s == 0 or doc[s - 1].lower_ not in ARTICLES)
        for k, _, s, e in marks
    )  # "an estimated 11,000": an adjective, not a verb


def present_at_place(doc: Doc, span: Span, clause: tuple[int, int]) -> bool:
    """True for a number with no noun that opens its clause and is said to be somewhere ('About 3,000 are
    already in Kursk', 'Of those, 3,000 remain near the border'): it counts the people a figure before counted."""
    first = span.start
    while first > clause[0] and (doc[first - 1].lower_ in FRONTED_WORDS or doc[first - 1].text == ","):
        first -= 1  # back over 'Of those,' and 'about' to the clause's start or a joining 'and'
    opening = first > clause[0] and doc[first - 1].lower_ not in ("and", ",")
    i = span.end
    while i < clause[1] and doc[i].lower_ in PRESENCE_ADVERBS:
        i += 1
    if opening or i >= clause[1] or doc[i].lower_ not in BEING:
        return False
    i += 1
    while i < clause[1] and doc[i].lower_ in PRESENCE_ADVERBS:
        i += 1
    return i < clause[1] and doc[i].lower_ in PLACE_PREPOSITIONS


def adds_to_previous(doc: Doc, span: Span) -> bool:
    """True for a number that adds to a figure just given ('with up to 10,000 more expected', 'an additional 5,000
    expected to follow', 'another 10,000 or so'): it counts what that figure counted."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in ("another", "additional") or after == "more"
