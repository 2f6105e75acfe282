"""Stage 2, claims: every numeric claim of the cleaned sentences, with value, hedge, actor, force and date.

The package is split by responsibility:

- ``vocabulary``: the closed sets of the claims table and the lexicon (words are data in ``data/reference``);
- ``numbers``: digits, number words, ranges, fractions, vague quantities;
- ``dates``: days of the month that are not counts, and the date a source made its estimate;
- ``actors``: actors recognized compositionally (country form + role word, named people, acronyms);
- ``attribution``: whose figure it is, by structure, with the named rule that decided;
- ``subjects``: subjects of reporting verbs a sentence does not name ('he said', 'a source said');
- ``rules``: named drop and scope rules with their descriptions;
- ``context``: what surrounds a number (clause, counted noun, cue, hedge, conflict, share, rate);
- ``forces``: the force a figure counts;
- ``extractor``: the spaCy matchers and the claims of one sentence;
- ``article``: the claims of a table of sentences, each read with the speakers named before it;
- ``register``: the reviewed register, the extractor's evaluation (register and development set), grades;
- ``tables``: chapter 2's tables, figure and the claims schema.

No module here reads or writes files: :mod:`nkreport.stages.claims` reads the corpus and
:mod:`nkreport.stages.reference` the vocabulary and the register, and hands them in.
"""

from .article import claim_id, extract_claims
from .extractor import Extractor, claim_date
from .register import (
    REJECTED,
    REVIEW_FIELDS,
    claims_table,
    evaluation,
    filter_claims,
    match_register,
    reviewed_claims,
    stated_claims,
)
from .tables import (
    actor_names,
    by_category_and_source,
    cited_sentences,
    claims_schema,
    corroboration_count,
    grades_table,
    loss_shares,
    placement_table,
    register_table,
    rules_table,
    value_text,
)
from .vocabulary import CLAIM_COLUMNS, SCOPES, SUBJECTS, Lexicon

__all__ = [
    "CLAIM_COLUMNS",
    "REJECTED",
    "REVIEW_FIELDS",
    "SCOPES",
    "SUBJECTS",
    "Extractor",
    "Lexicon",
    "actor_names",
    "by_category_and_source",
    "cited_sentences",
    "claim_date",
    "claim_id",
    "claims_schema",
    "claims_table",
    "corroboration_count",
    "evaluation",
    "extract_claims",
    "filter_claims",
    "grades_table",
    "loss_shares",
    "match_register",
    "placement_table",
    "register_table",
    "reviewed_claims",
    "rules_table",
    "stated_claims",
    "value_text",
]
