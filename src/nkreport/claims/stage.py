"""Stage 2's I/O: read the cleaned corpus, extract, review, grade, filter, write the tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .register import claims_table, evaluation, filter_claims, load_register
from .tables import claims_schema, disagreements


@dataclass(frozen=True)
class ClaimsStage:
    """What chapter 2 computes: claims, the extractor's evaluation, the graded public record, headline figures."""

    sentences: pd.DataFrame
    extracted: pd.DataFrame
    all_claims: pd.DataFrame
    claims: pd.DataFrame
    evaluation: pd.DataFrame
    record: pd.DataFrame
    figures: pd.DataFrame
    latest: pd.DataFrame
    placement: pd.DataFrame


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
) -> ClaimsStage:
    """Extract, review, grade and filter the claims of the cleaned corpus; write data/processed tables."""
    from ..estimates import (
        graded_estimates,
        headline_statements,
        latest_by_actor,
        load_estimates,
        record_at,
        ukraine_figures,
    )
    from ..paths import BuildPaths

    paths = BuildPaths(build_root)
    sentences = pd.read_csv(paths.interim / "sentences.csv", dtype={"text": str}, keep_default_na=False)
    articles = pd.read_csv(paths.interim / "articles.csv", keep_default_na=False, na_values=[""])
    from ..engine import extract

    register = load_register()
    register = register[register["article_id"].isin(set(articles["article_id"]))]  # articles of this corpus
    extracted = extract(sentences, articles, engine, scheduler)
    all_claims = claims_table(sentences, articles, register, extracted=extracted)
    all_claims = claims_schema().validate(all_claims)
    kept = filter_claims(all_claims, cutoff_date, include_actors, exclude_actors, min_grade)
    if kept.empty:
        raise ValueError(
            f"the filters cutoff_date={cutoff_date}, include_actors={list(include_actors)}, "
            f"exclude_actors={list(exclude_actors)}, min_grade={min_grade} leave no claims"
        )
    record = graded_estimates(load_estimates(), all_claims)
    if cutoff_date is not None:
        record = record[pd.to_datetime(record["date"]).le(pd.Timestamp(cutoff_date))]
    figures = ukraine_figures(kept, record, central_estimate, cutoff_date)
    latest = latest_by_actor(headline_statements(kept, record, cutoff_date))
    stage = ClaimsStage(
        sentences=sentences,
        extracted=extracted,
        all_claims=all_claims,
        claims=kept,
        evaluation=evaluation(extracted, register),
        record=record,
        figures=figures,
        latest=latest,
        placement=record_at(kept, record),
    )
    write_csv(extracted, paths.interim / "claims_extracted.csv")
    write_csv(kept, paths.processed / "claims.csv")
    write_csv(stage.evaluation, paths.processed / "claims_evaluation.csv")
    write_csv(record, paths.processed / "public_record.csv")
    write_csv(figures.reset_index(), paths.processed / "headline_figures.csv")
    write_csv(stage.placement, paths.processed / "claims_vs_record.csv")
    write_csv(disagreements(latest), paths.processed / "disagreements.csv")
    return stage
