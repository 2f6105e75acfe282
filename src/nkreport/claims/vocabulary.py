"""The claims vocabulary in one place: closed sets of the claims table and the phrase tables of the lexicon.

Words are data (``data/reference/claim_lexicon.csv``, ``actors.csv``, ``country_actors.csv``,
``unqualified_roles.csv``, read once by
:func:`nkreport.stages.reference.lexicon`); a :class:`Lexicon` derives what the code needs from them:
categories with their cue priority (file order) and which of them are losses, hedges, conflicts, number words,
months (from the calendar) and weekdays.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

SUBJECTS = ("north_korea", "russia", "ukraine", "south_korea", "other")  # the force a figure counts
SCOPES = ("total", "part", "tranche", "rate", "share")
CLAIM_COLUMNS = [
    "claim_id",
    "article_id",
    "sentence_id",
    "start",
    "end",
    "number_text",
    "value_low",
    "value_high",
    "unit",
    "category",
    "subject",
    "conflict",
    "hedge",
    "attributed_to",
    "attribution_rule",
    "scope",
    "base",
    "as_of",
    "as_of_precision",
    "quote",
]
MATCHER_KINDS = (  # lexicon kinds matched as phrases in a sentence; the others are tables of words
    "anaphora",
    "conflict",
    "cue",
    "earlier",
    "hearsay",
    "hearsay_subject",
    "hedge",
    "noun",
    "not_a_count",
    "rate",
    "reporting",
    "role",
    "sentence_hedge",
    "subject",
    "tranche",
    "country_form",
    "subset",
    "own_force_verb",
    "episode",
    "region",
    "unit_word",
)


@dataclass(frozen=True)
class Lexicon:
    """The domain vocabulary: phrase tables by kind, actors, and actors by country and role."""

    phrases: pd.DataFrame
    actors: pd.DataFrame
    countries: pd.DataFrame
    unqualified: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["role_phrase", "country"]))

    def table(self, kind: str) -> pd.DataFrame:
        """The rows of one kind, in file order."""
        return self.phrases[self.phrases["kind"].eq(kind)]

    def mapping(self, kind: str, cast=str) -> dict[str, object]:
        """phrase -> value of one kind, the value cast (computed once per kind and cast)."""
        key = (kind, cast)
        if key not in self._mappings:
            rows = self.table(kind)
            self._mappings[key] = {p: cast(v) for p, v in zip(rows["phrase"], rows["value"], strict=True)}
        return self._mappings[key]

    @cached_property
    def _mappings(self) -> dict:
        return {}

    @cached_property
    def number_words(self) -> dict[str, int]:
        """Number words and their values ('sixty' -> 60), and the scales ('thousand' -> 1000)."""
        return self.mapping("number_word", int) | self.scales

    @cached_property
    def scales(self) -> dict[str, int]:
        return self.mapping("number_scale", int)

    @cached_property
    def months(self) -> dict[str, int]:
        """Month names, abbreviations with and without a period, and aliases -> month number."""
        names = {}
        for m in range(1, 13):
            full, short = calendar.month_name[m].lower(), calendar.month_abbr[m].lower()
            names |= {full: m, short: m, f"{short}.": m}
        aliases = self.mapping("month_alias", int)
        return names | aliases | {f"{a}.": m for a, m in aliases.items()}

    @cached_property
    def category_rows(self) -> pd.DataFrame:
        return self.table("category")

    @cached_property
    def categories(self) -> tuple[str, ...]:
        return tuple(self.category_rows["phrase"])

    @cached_property
    def loss_categories(self) -> tuple[str, ...]:
        rows = self.category_rows
        return tuple(rows.loc[rows["value"].eq("loss"), "phrase"])

    @cached_property
    def hedges(self) -> tuple[str, ...]:
        """Hedges of the claims table: 'none', then the lexicon's in file order."""
        return ("none", *dict.fromkeys(self.table("hedge")["value"]))

    @cached_property
    def conflicts(self) -> tuple[str, ...]:
        """Conflicts of the claims table: the lexicon's in file order, then 'other'."""
        return (*dict.fromkeys(self.table("conflict")["value"]), "other")

    @cached_property
    def cue_priority(self) -> tuple[str, ...]:
        """Categories in the order a cue wins a tie (file order; 'other', as 'went missing', last)."""
        return (*(c for c in self.categories if c != "other"), "other")

    @cached_property
    def relayers(self) -> frozenset[str]:
        """Actors that relay others' figures: news media and authors."""
        return frozenset(self.actors.loc[self.actors["actor_type"].eq("journalist_or_author"), "actor_id"])

    @cached_property
    def publishers(self) -> frozenset[str]:
        """Actors whose own publications speak for them: governments, state media, international bodies (a think
        tank's or a newspaper's article is its writer's)."""
        kinds = self.actors["actor_type"]
        official = kinds.str.startswith("government") | kinds.isin(["state_media", "international_org"])
        return frozenset(self.actors.loc[official, "actor_id"])

    @cached_property
    def actor_by_role(self) -> dict[tuple[str, str], str]:
        """(country, role) -> actor id; role '' is the country's default speaker."""
        rows = self.countries
        return dict(zip(zip(rows["country"], rows["role"], strict=True), rows["actor_id"], strict=True))

    @cached_property
    def actor_country(self) -> dict[str, str]:
        """actor id -> its country, for the countries that have actors by role ('ukraine_president' -> 'ukraine')."""
        countries = set(self.countries["country"])
        return {a: c for a, c in zip(self.actors["actor_id"], self.actors["party"], strict=True) if c in countries}

    @cached_property
    def role_countries(self) -> dict[str, str]:
        """Role phrase -> the country it names when unqualified and the article names no actor before it
        (``unqualified_roles.csv``: 'general staff' -> 'ukraine')."""
        rows = self.unqualified
        return dict(zip(rows["role_phrase"], rows["country"], strict=True))


WEEKDAYS = {calendar.day_name[d].lower(): d for d in range(7)}
