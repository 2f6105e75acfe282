"""Chapter 2's tables and figures, and the schema of the claims table."""

from __future__ import annotations

import html
import re

import pandas as pd

from .attribution import ATTRIBUTION_RULES, DEFAULT_RULE, PUBLISHER_RULE
from .rules import DROP_RULES, NOT_A_CLAIM
from .vocabulary import SCOPES, SUBJECTS, Lexicon

SHORT_LABELS = {"author": "article's author", "unattributed": "unattributed reports"}


def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    """Short display names of the actors of actors.csv: the label before any parenthesis, plus the two
    pseudo-actors."""
    names = dict(zip(actors["actor_id"], actors["label"].str.replace(r"\s*\(.*$", "", regex=True), strict=True))
    return names | SHORT_LABELS


def sentence_anchor(sentence_id: str) -> str:
    """The HTML id of a cited sentence in the report."""
    return "sentence-" + re.sub(r"[^A-Za-z0-9_-]", "-", sentence_id)


def linked(text: str, sentence_id: str) -> str:
    """Escaped text linking to the sentence it came from."""
    return f'<a href="#{sentence_anchor(sentence_id)}">{html.escape(text)}</a>'


HEDGE_WORDS_SHOWN = {"at_least": "at least ", "at_most": "up to ", "approximate": "about ", "estimated": "est. "}


def value_text(low: float, high: float, hedge: str = "none") -> str:
    """'3,000', 'at least 3,000' or '12,000-15,000'."""
    number = f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"
    return HEDGE_WORDS_SHOWN.get(hedge, "") + number


def register_table(claims: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Every claim as a reader sees it: value linked to its sentence, what it counts, who says so (``names``:
    :func:`actor_names`), grade."""
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "value": [
                linked(value_text(lo, hi), s)
                for lo, hi, s in claims[["value_low", "value_high", "sentence_id"]].itertuples(index=False)
            ],
            "category": claims["category"].str.replace("_", " "),
            "conflict": claims["conflict"].str.replace("_", " "),
            "hedge": claims["hedge"].str.replace("_", " "),
            "according to": claims["attributed_to"].map(names),
            "as of": claims["as_of"].astype(str).where(claims["as_of"].notna(), "unknown"),
            "grade": claims["grade"],
            "sentence": claims["sentence_id"],
            "review": claims["review"],
        }
    )


def cited_sentences(claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences the claims come from, each with an anchor the claim tables link to."""
    cited = sentences[sentences["sentence_id"].isin(set(claims["sentence_id"]))]
    return pd.DataFrame(
        {
            "sentence": [f'<span id="{sentence_anchor(s)}">{html.escape(s)}</span>' for s in cited["sentence_id"]],
            "text": cited["text"],
        }
    )


def by_category_and_source(claims: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Per category and actor (``names``: :func:`actor_names`): number of claims, lowest and highest figure, and
    the spread (high / low)."""
    grouped = claims.groupby(["conflict", "category", "scope", "attributed_to"], sort=True)
    table = grouped.agg(claims=("claim_id", "size"), low=("value_low", "min"), high=("value_high", "max"))
    table = table.reset_index()
    table["spread"] = (table["high"] / table["low"]).round(2)
    table["attributed_to"] = table["attributed_to"].map(names)
    table[["conflict", "category"]] = table[["conflict", "category"]].apply(lambda c: c.str.replace("_", " "))
    return table.rename(columns={"attributed_to": "according to", "scope": "counts"})


def loss_shares(figures: pd.DataFrame) -> pd.DataFrame:
    """Killed and casualties as a share of the force deployed, for the low, central and high figures."""
    force = figures.loc["deployed"]
    rows = []
    for category in ("killed", "casualties"):
        if category in figures.index:
            losses = figures.loc[category]
            rows.append(
                {"losses": category}
                | {case: round(100 * losses[case] / force[case], 1) for case in ("low", "central", "high")}
            )
    return pd.DataFrame(rows)


def claims_schema(lexicon: Lexicon):
    """The pandera schema the claims table must satisfy, over the categories, conflicts and hedges of ``lexicon``."""
    import pandera.pandas as pa

    text = pa.Column(str, nullable=False)
    return pa.DataFrameSchema(
        {
            "claim_id": pa.Column(str, pa.Check.str_matches(r"^C[0-9a-f]{12}$"), unique=True),
            "article_id": text,
            "sentence_id": pa.Column(str, pa.Check.str_matches(r"^.+-s\d{3,}$")),
            "value_low": pa.Column(float, pa.Check.ge(0)),
            "value_high": pa.Column(float, pa.Check.ge(0)),
            "category": pa.Column(str, pa.Check.isin(lexicon.categories)),
            "conflict": pa.Column(str, pa.Check.isin(lexicon.conflicts)),
            "hedge": pa.Column(str, pa.Check.isin(lexicon.hedges)),
            "subject": pa.Column(str, pa.Check.isin(SUBJECTS)),
            "scope": pa.Column(str, pa.Check.isin(SCOPES)),
            "attributed_to": text,
            "quote": text,
            "reliability": pa.Column(str, pa.Check.isin(list("ABCDEF"))),
            "credibility": pa.Column(int, pa.Check.in_range(1, 6)),
            "grade": pa.Column(str, pa.Check.str_matches(r"^[A-F][1-6]$")),
            "grade_rule": text,
        },
        checks=[
            pa.Check(lambda df: df["value_low"] <= df["value_high"], error="value_low above value_high"),
            pa.Check(
                lambda df: pd.Series(
                    [n in q for n, q in zip(df["number_text"], df["quote"], strict=True)], index=df.index
                ),
                error="number_text not in its quote",
            ),
        ],
        strict=False,
    )


def placement_table(placement: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Claims against the record as a reader sees them: the record's range and how many statements make it."""
    frame = placement.merge(claims[["claim_id", "sentence_id", "category", "value_low", "value_high", "hedge"]])
    return pd.DataFrame(
        {
            "claim": frame["claim_id"],
            "sentence": frame["sentence_id"],
            "category": frame["category"],
            "claim value": [
                value_text(lo, hi, h) for lo, hi, h in frame[["value_low", "value_high", "hedge"]].to_numpy()
            ],
            "record range": [
                "" if pd.isna(lo) else value_text(lo, hi) for lo, hi in frame[["record_low", "record_high"]].to_numpy()
            ],
            "statements": frame["record_sources"].fillna("").map(lambda s: len(s.split("; ")) if s else 0),
            "position": frame["position"],
        }
    )


def grades_table(claims: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """How each claim was graded: who says so (``names``: :func:`actor_names`), its grade, the two rules that gave
    it, and how many statements corroborate it."""
    support = claims["corroborated_by"].fillna("").astype(str)
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "according to": claims["attributed_to"].map(names),
            "grade": claims["grade"],
            "reliability rule": claims["grade_rule"].str.split("; ").str[0],
            "credibility rule": claims["grade_rule"].str.split("; ").str[1],
            "corroborating statements": support.map(corroboration_count),
        }
    )


def corroboration_count(listed: str) -> int:
    """Number of corroborating statements in a '; '-joined list that may end with '(+N more)'."""
    items = [item for item in listed.split("; ") if item]
    more = re.fullmatch(r"\(\+(\d+) more\)", items[-1]) if items else None
    return len(items) - 1 + int(more[1]) if more else len(items)


QUALITY_MEASURES = {  # measure of the development set -> (measure, metric) of the register evaluation
    "value recall": ("value", "recall"),
    "value precision": ("value", "precision"),
    "category": ("category", "accuracy on matched claims"),
    "source": ("attributed_to", "accuracy on matched claims"),
    "force": ("subject", "accuracy on matched claims"),
}


def extraction_quality(evaluation: pd.DataFrame, devset: pd.DataFrame) -> pd.DataFrame:
    """The extractor's scores side by side: on the reviewed register of the default corpus, and on the tune and
    test halves of the development set (real passages from outlets outside the corpus, scored strictly)."""
    register = evaluation.set_index(["measure", "metric"])
    halves = devset.set_index(["split", "measure"])
    rows = []
    for measure, key in QUALITY_MEASURES.items():
        row = {"measure": measure, "register": register.loc[key, "score"]}
        for split, label in (("tune", "development set, tune half"), ("test", "development set, test half")):
            row[label] = halves.loc[(split, measure), "score"]
            row[f"{label} (n)"] = int(halves.loc[(split, measure), "of"])
        rows.append(row)
    return pd.DataFrame(rows)


def extraction_facts(devset: pd.DataFrame, passages: pd.DataFrame) -> dict:
    """What chapter 2 says of the development set: its size, and the test half's scores."""
    test = devset[devset["split"].eq("test")].set_index("measure")
    chosen = passages[passages["split"].eq("test")]
    return {
        "passages": len(passages),
        "outlets": passages["outlet"].nunique(),
        "test_passages": len(chosen),
        "test_outlets": chosen["outlet"].nunique(),
        "test_claims": int(test.loc["value recall", "of"]),
        **{f"test_{m.replace(' ', '_')}": float(test.loc[m, "score"]) for m in QUALITY_MEASURES},
    }


def rules_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The extractor's rules as a reader sees them: how a claim's source is decided (in the order the rules are
    tried, with the claims of this corpus each one decided) and why a number is not a claim."""
    decided = claims["attribution_rule"].value_counts()
    sources = [(r.name, r.description) for r in ATTRIBUTION_RULES] + [PUBLISHER_RULE, DEFAULT_RULE]
    rows = [
        {"decides": "the source", "rule": name, "what it does": text, "claims": int(decided.get(name, 0))}
        for name, text in sources
    ]
    rows += [
        {"decides": "not a claim", "rule": r.name, "what it does": r.description, "claims": None}
        for r in (*DROP_RULES, NOT_A_CLAIM)
    ]
    return pd.DataFrame(rows).astype({"claims": "Int64"})
