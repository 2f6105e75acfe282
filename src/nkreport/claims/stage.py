"""Stage 2's I/O: read the cleaned corpus, extract, review, grade, filter, write the tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import REFERENCE_DIR
from .register import claims_table, evaluation, filter_claims, load_register
from .tables import claims_schema


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
    stage = ClaimsStage(
        sentences=sentences,
        extracted=extracted,
        all_claims=all_claims,
        claims=kept,
        evaluation=evaluation(extracted, register),
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
    write_csv(record, paths.processed / "public_record.csv")
    write_csv(estimates, paths.processed / "estimates.csv")
    write_csv(figures.reset_index(), paths.processed / "headline_figures.csv")
    write_csv(tranches, paths.processed / "deployment_tranches.csv")
    write_csv(stage.placement, paths.processed / "claims_vs_record.csv")
    write_csv(stage.gaps, paths.processed / "disagreements.csv")
    return stage
