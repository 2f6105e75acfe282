"""Chapter 3's stage: read the history reference tables and the claims stage's outputs, compare, write the
tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..history import History, corpus_vs_reference, korean_war_scale, metrics, risk_matrix, statement_dates
from ..params import check_precedents
from . import outputs, reference


@dataclass(frozen=True)
class HistoryStage:
    """What chapter 3 computes."""

    history: History
    metrics: pd.DataFrame
    corpus_vs_reference: pd.DataFrame
    risk_matrix: pd.DataFrame
    korean_war: dict
    precedents: list[str]
    actor_names: dict  # short display names of the actors


def run(build_root: Path, ukraine_estimate: str = "central", precedents: list[str] = ("vietnam",)) -> HistoryStage:
    """Compute chapter 3 from the reference tables and the claims stage's outputs; write data/processed tables."""
    check_precedents(list(precedents))
    history = reference.history()
    sentences = outputs.read("sentences", build_root)
    claims = outputs.read("claims", build_root)
    record = outputs.read("public_record", build_root)
    headline = outputs.read("headline_figures", build_root)
    frame = metrics(history, headline, list(precedents), ukraine_estimate, statement_dates(record, claims), record)
    versus = corpus_vs_reference(claims, sentences, outputs.read("articles", build_root), history)
    stage = HistoryStage(
        history,
        frame,
        versus,
        risk_matrix(history, sentences),
        korean_war_scale(history),
        list(precedents),
        reference.actor_names(),
    )
    outputs.write_all(
        {"history_metrics": frame, "corpus_vs_reference": versus, "risk_matrix": stage.risk_matrix}, build_root
    )
    return stage
