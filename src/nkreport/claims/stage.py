"""Stage 2's I/O: read the cleaned corpus, extract, review, grade, filter, write the tables."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import PROJECT_ROOT, REFERENCE_DIR
from .extractor import extract_claims
from .register import claims_table, devset_scores, evaluation, filter_claims, load_register
from .tables import claims_schema, extraction_facts, extraction_quality


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


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table with a fixed line ending and no index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")


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
    from ..engine import extract
    from ..estimates import (
        disagreements,
        graded_estimates,
        headline_figures,
        load_estimates,
        load_source_names,
        record_at,
        resolved_estimates,
    )
    from ..estimates.facts import chapter_facts
    from ..grading import at_least_grade
    from ..paths import BuildPaths

    paths = BuildPaths(build_root)
    sentences = pd.read_csv(paths.interim / "sentences.csv", dtype={"text": str}, keep_default_na=False)
    articles = pd.read_csv(paths.interim / "articles.csv", keep_default_na=False, na_values=[""])
    register = load_register()
    register = register[register["article_id"].isin(set(articles["article_id"]))]  # articles of this corpus
    extracted = extract(sentences, articles, engine, scheduler)
    all_claims = claims_table(sentences, articles, register, extracted=extracted)
    all_claims = claims_schema().validate(all_claims)
    record = graded_estimates(load_estimates(), all_claims)
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
    facts = chapter_facts(figures, estimates, gaps, kept, load_source_names(), estimate_window_days, include_unverified)
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
        events=pd.read_csv(REFERENCE_DIR / "war_events.csv", dtype=str, keep_default_na=False),
    )
    write_csv(extracted, paths.interim / "claims_extracted.csv")
    write_csv(kept, paths.processed / "claims.csv")
    write_csv(stage.evaluation, paths.processed / "claims_evaluation.csv")
    write_csv(stage.quality, paths.processed / "claims_quality.csv")
    write_csv(record, paths.processed / "public_record.csv")
    write_csv(estimates, paths.processed / "estimates.csv")
    write_csv(figures.reset_index(), paths.processed / "headline_figures.csv")
    write_csv(tranches, paths.processed / "deployment_tranches.csv")
    write_csv(stage.placement, paths.processed / "claims_vs_record.csv")
    write_csv(stage.gaps, paths.processed / "disagreements.csv")
    (paths.processed / "estimate_facts.json").write_text(json.dumps(facts, indent=1, default=str), encoding="utf-8")
    return stage


DEVSET_DIR = PROJECT_ROOT / "tests" / "data" / "devset"


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
    from ..cleaning import clean_corpus, load_name_variants
    from ..corpus import RawArticle

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
    articles, sentences, _ = clean_corpus(raw, load_name_variants(REFERENCE_DIR / "name_variants.csv"))
    return extract_claims(sentences, articles)


def devset_evaluation(devset_dir: Path = DEVSET_DIR) -> pd.DataFrame:
    """Strict scores of the extractor on the tune and test halves of the development set."""
    passages, expected = read_devset(devset_dir)
    return devset_scores(devset_extraction(passages), expected, passages)


def quality_of(register_scores: pd.DataFrame, devset_dir: Path = DEVSET_DIR) -> dict:
    """The stage's extraction-quality fields: the side-by-side table and the facts chapter 2 states."""
    passages, expected = read_devset(devset_dir)
    scores = devset_scores(devset_extraction(passages), expected, passages)
    return {"quality": extraction_quality(register_scores, scores), "quality_facts": extraction_facts(scores, passages)}
