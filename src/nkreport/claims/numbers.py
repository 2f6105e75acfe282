"""Reading numbers: digits and number words, ranges, fractions and vague quantities.

Every word list comes from the lexicon (``number_word``, ``number_scale``, ``fraction``, ``vague`` rows), and
the quick filter that skips sentences without a number is derived from the same lists.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from .vocabulary import Lexicon

ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
DIGITS = re.compile(r"\d+(?:\.\d+)?")
DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # "10.000 soldiers": a dot between thousands
SPACE_GROUP = re.compile(r"\d{1,3}")  # a group of digits before a space and three more ("20 842")
THREE_DIGITS = re.compile(r"\d{3}")
DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")  # "1,5 million", "2,25": no thousands group has fewer than three digits
DIGIT = re.compile(r"\d")


QUANTITY_KINDS = ("vague", "vague_floor", "vague_plural", "fraction")


def quantity_words(lexicon: Lexicon) -> set[str]:
    """The words of vague quantities and fractions ('couple', 'several', 'thousands', 'third'): every such phrase
    holds at least one of them ('a' and 'of' only join them)."""
    return {w for kind in QUANTITY_KINDS for p in lexicon.mapping(kind) for w in p.split() if w not in ("a", "of")}


def number_word_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """A regex that finds, in lower-case text, a number word or a word of a vague quantity or fraction."""
    return re.compile(r"\b" + word_alternation({*lexicon.number_words, *quantity_words(lexicon)}) + r"\b")


def word_alternation(words) -> str:
    """A regex group matching any of the words, written as a trie ('f(?:ew|i(?:ve|fty))') so that the regex
    engine tries one branch per letter instead of every word at every position."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie_pattern(tree)


def trie_pattern(node: dict) -> str:
    """The regex of one trie node: its branches, optional when a word ends there."""
    branches = [re.escape(char) + trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{group})?" if "" in node else group


def number_text(span: Span) -> str:
    """The number as written, without 'between' of a range, with the percent sign a range of percentages ends
    with ('12% to 40%')."""
    tokens = [t for t in span if t.lower_ != "between"]
    end = tokens[-1].i + 1
    if any(t.text == "%" for t in tokens) and end < len(span.doc) and span.doc[end].text == "%":
        end += 1
    return span.doc[tokens[0].i : end].text


def token_value(tokens: list, words: dict[str, int], scales: dict[str, int], months=frozenset()) -> float | None:
    """Value of a run of number tokens: '11,000', '1.3 million', 'two', 'twenty five', '10.000', '3, 000'; None if
    not a number."""
    total, current = 0.0, 0.0
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if token.text == ",":  # "3, 000": thousands written with a space after the comma
            current *= 1000
            continue
        if DECIMAL_COMMA.fullmatch(token.text):
            current += float(token.text.replace(",", "."))  # "1,5 million": a comma before tenths is a decimal point
            continue
        text = token.lower_.replace(",", "")
        if ORDINAL.match(text):
            return None
        if DOTTED_THOUSANDS.fullmatch(text):
            current += float(text.replace(".", ""))
        elif spaced_group(previous, token, months):
            current = current * 1000 + float(text)  # "20 842", "1 200 000": thousands set off by a space
        elif DIGITS.fullmatch(text):
            current += float(text)
        elif text in scales:
            current = (current or 1) * scales[text]
            if scales[text] >= 1000:
                total, current = total + current, 0.0
        elif text in words:
            current += words[text]
        else:
            return None
    return total + current


def spaced_group(previous, token, months) -> bool:
    """True for three digits after a group of one to three set off by a space ('20 842', '1 200 000'), unless
    that group is a day after one of ``months`` ('Jan. 24 300 soldiers')."""
    if previous is None or not (SPACE_GROUP.fullmatch(previous.text) and THREE_DIGITS.fullmatch(token.text)):
        return False
    return previous.i == 0 or previous.doc[previous.i - 1].lower_ not in months


def span_values(
    span: Span, words: dict[str, int], scales: dict[str, int], months=frozenset()
) -> tuple[float, float] | None:
    """(low, high) of a number or range span."""
    if span.label_ == "NUMBER":
        value = token_value(list(span), words, scales, months)
        return None if value is None else (value, value)
    parts, current = [], []
    for token in span:
        if token.like_num:
            current.append(token)
        elif current:
            parts.append(current)
            current = []
    parts.append(current)
    values = [token_value(p, words, scales, months) for p in parts if p]
    if len(values) != 2 or None in values:
        return None
    if is_hyphenated_compound(parts, words):  # "twenty-five thousand" is one number, not a range
        value = token_value([parts[0][0], *parts[1]], words, scales, months)
        return None if value is None else (value, value)
    if len(parts[1]) == 1 and parts[1][0].lower_ in scales:  # "1.3-million-strong" is one number, not a range
        return values[0] * scales[parts[1][0].lower_], values[0] * scales[parts[1][0].lower_]
    low, high = values
    scale = parts[1][-1].lower_ if len(parts[1]) > 1 else ""
    if scale in scales and not any(t.lower_ in scales for t in parts[0]) and low < scales[scale] <= high:
        low *= scales[scale]  # "20-25 thousand" is 20,000 to 25,000
    elif low < 1000 <= low * 1000 <= high < low * 10_000:
        low *= 1000  # "10-12,000" is 10,000 to 12,000
    if high < low and high < 100 <= low:  # "3,000-4" style shorthand is not a range
        return None
    return (min(low, high), max(low, high))


def is_hyphenated_compound(parts: list[list], words: dict[str, int]) -> bool:
    """True for a tens word joined by a hyphen to a unit word ("twenty-five")."""
    first, second = parts[0], parts[1]
    tens = len(first) == 1 and words.get(first[0].lower_, 0) in range(20, 100, 10)
    joined = first[0].idx + len(first[0].text) + 1 == second[0].idx
    return tens and joined and words.get(second[0].lower_, 0) in range(1, 10)


def fraction_value(tokens: list, words: dict[str, int], denominators: dict[str, str]) -> float | None:
    """Value of 'two-thirds', 'a third', 'half', 'one in three', 'one out of every ten' as a fraction of 1; None if
    not a fraction."""
    text = [t.lower_ for t in tokens if t.text not in ("-", "–") and t.lower_ != "every"]
    if text[1:3] == ["out", "of"]:
        text = [text[0], "in", *text[3:]]  # "one out of ten" is "one in ten"
    if len(text) == 1 and text[0] in denominators:
        return 1 / int(denominators[text[0]]) if text[0] not in ("half", "halves") else 0.5
    if len(text) == 2 and text[1] in denominators and (text[0] in ("a", "one") or text[0] in words):
        numerator = 1 if text[0] in ("a", "one") else words[text[0]]
        return numerator / int(denominators[text[1]])
    if len(text) == 3 and text[1] == "in" and text[0] in ("one", "a", "1") and (text[2] in words or text[2].isdigit()):
        return 1 / (words[text[2]] if text[2] in words else int(text[2]))  # "one in three", "1 in 10"
    return None
