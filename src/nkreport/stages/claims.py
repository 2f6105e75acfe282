"""Chapter 2's stage: read the cleaned corpus and the reference tables, extract, review, grade, filter, resolve
to estimates, evaluate the extractor (on the register and on the development set), write the tables."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..claims import actor_names, claims_schema, claims_table, evaluation, extract_claims, filter_claims
from ..claims.register import devset_scores
from ..claims.tables import extraction_facts, extraction_quality
from ..cleaning import clean_corpus
from ..corpus import RawArticle
from ..estimates import disagreements, graded_estimates, headline_figures, record_at, resolved_estimates
from ..estimates.facts import chapter_facts
from ..grading import at_least_grade
from ..paths import PROJECT_ROOT
from . import outputs, reference
from .engine import extract as extract_on

DEVSET_DIR = PROJECT_ROOT / "tests" / "data" / "devset"
CLAIMS_SOURCE = f"{outputs.shown('claims')} (extracted, reviewed against data/reference/claims_reviewed.csv, graded)"


@dataclass(frozen=True)
class ClaimsStage:
    """What chapter 2 computes: claims, the estimates they mention, the extractor's evaluation, headline figures."""

    sentences: pd.DataFrame
    extracted: pd.DataFrame
    all_claims: pd.DataFrame
    claims: pd.DataFrame
    evaluation: pd.DataFrame
    record: pd.DataFrame
    estimates: pd.DataFrame
    figures: pd.DataFrame
    tranches: pd.DataFrame
    gaps: pd.DataFrame
    placement: pd.DataFrame
    facts: dict
    events: pd.DataFrame
    quality: pd.DataFrame  # the extractor on the register and on both halves of the development set
    quality_facts: dict
    actor_names: dict  # short display names of the actors


def extract(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The claims of the sentences, as the extractor built from ``data/reference`` reads them."""
    return extract_claims(sentences, articles, reference.extractor())


def graded(
    sentences: pd.DataFrame, articles: pd.DataFrame, extracted: pd.DataFrame | None = None, register=None
) -> pd.DataFrame:
    """The claims of the sentences (``extracted`` when already computed) with the reviewed register's corrections
    (``register``, else data/reference's), each graded."""
    extracted = extract(sentences, articles) if extracted is None else extracted
    register = reference.register() if register is None else register
    return claims_table(extracted, register, reference.public_estimates(), reference.grading())


def graded_record(claims: pd.DataFrame) -> pd.DataFrame:
    """The public record of data/reference, each estimate graded (corroboration against ``claims`` too)."""
    return graded_estimates(reference.public_estimates(), claims, reference.grading())


def run(
    build_root: Path,
    cutoff_date=None,
    include_actors=(),
    exclude_actors=(),
    min_grade: str = "F6",
    central_estimate: str = "conservative",
    engine: str = "pandas",
    scheduler: str | None = None,
    estimate_window_days: int = 180,
    include_unverified: bool = False,
) -> ClaimsStage:
    """Extract, review, grade and filter the claims of the cleaned corpus; resolve them to estimates;
    write the data/processed tables."""
    sentences = outputs.read("sentences", build_root)
    articles = outputs.read("articles", build_root)
    register = reference.register()
    register = register[register["article_id"].isin(set(articles["article_id"]))]  # articles of this corpus
    extracted = extract_on(sentences, articles, engine, scheduler)
    all_claims = graded(sentences, articles, extracted, register)
    all_claims = claims_schema(reference.lexicon()).validate(all_claims)
    record = graded_record(all_claims)
    all_claims, estimates = resolved_estimates(all_claims, record, register)
    kept = filter_claims(all_claims, cutoff_date, include_actors, exclude_actors, min_grade)
    if kept.empty:
        raise ValueError(
            f"the filters cutoff_date={cutoff_date}, include_actors={list(include_actors)}, "
            f"exclude_actors={list(exclude_actors)}, min_grade={min_grade} leave no claims"
        )
    estimates = estimates[at_least_grade(estimates["grade"].fillna("F6"), min_grade) | estimates["grade"].isna()]
    pool = dict(
        cutoff=cutoff_date,
        include_unverified=include_unverified,
        actors=tuple(include_actors),
        excluded=tuple(exclude_actors),
    )
    figures, tranches = headline_figures(estimates, central_estimate, estimate_window_days, **pool)
    gaps = disagreements(estimates, estimate_window_days, **pool)
    names = reference.source_names()
    facts = chapter_facts(figures, estimates, gaps, kept, names, estimate_window_days, include_unverified)
    scores = evaluation(extracted, register)
    stage = ClaimsStage(
        sentences=sentences,
        extracted=extracted,
        all_claims=all_claims,
        claims=kept,
        evaluation=scores,
        **quality_of(scores),
        record=record,
        estimates=estimates,
        figures=figures,
        tranches=tranches,
        gaps=gaps,
        placement=record_at(kept, record),
        facts=facts,
        events=reference.table("war_events.csv"),
        actor_names=actor_names(reference.table("actors.csv")),
    )
    written = {
        "claims_extracted": extracted,
        "claims": kept,
        "claims_evaluation": stage.evaluation,
        "claims_quality": stage.quality,
        "public_record": record,
        "estimates": estimates,
        "headline_figures": figures,
        "deployment_tranches": tranches,
        "claims_vs_record": stage.placement,
        "disagreements": stage.gaps,
        "estimate_facts": facts,
    }
    outputs.write_all(written, build_root)
    return stage


def read_devset(devset_dir: Path = DEVSET_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(passages, coded claims) of every half of the development set."""
    read = lambda pattern: pd.concat(  # noqa: E731
        [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(devset_dir.glob(pattern))], ignore_index=True
    )
    claims = read("claims_*.csv")
    for column in ("value_low", "value_high"):
        claims[column] = pd.to_numeric(claims[column].replace("", None), errors="raise")
    return read("passages_*.csv"), claims


def devset_extraction(passages: pd.DataFrame) -> pd.DataFrame:
    """Claims the extractor finds when each passage is an article (dated by the passage) cleaned as the corpus is."""
    raw = [
        RawArticle(
            article_id=row.passage_id,
            file=f"{row.passage_id}.txt",
            text=row.text,
            meta={"title": "", "outlet": row.outlet, "author": "", "published": row.published, "url": row.url},
            manifest_line=n,
            sha256=hashlib.sha256(row.text.encode()).hexdigest(),
        )
        for n, row in enumerate(passages.itertuples(index=False), start=2)
    ]
    articles, sentences, _ = clean_corpus(raw, reference.name_variants())
    return extract(sentences, articles)


def devset_evaluation(devset_dir: Path = DEVSET_DIR) -> pd.DataFrame:
    """Strict scores of the extractor on the tune and test halves of the development set."""
    passages, expected = read_devset(devset_dir)
    return devset_scores(devset_extraction(passages), expected, passages)


def quality_of(register_scores: pd.DataFrame, devset_dir: Path = DEVSET_DIR) -> dict:
    """The stage's extraction-quality fields: the side-by-side table and the facts chapter 2 states."""
    passages, expected = read_devset(devset_dir)
    scores = devset_scores(devset_extraction(passages), expected, passages)
    return {"quality": extraction_quality(register_scores, scores), "quality_facts": extraction_facts(scores, passages)}
