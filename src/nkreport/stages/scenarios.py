"""Chapter 4's stage: read the inputs, call the logic of :mod:`nkreport.scenarios`, write the outputs, return
the facts.

It reads the cleaned corpus and the claims stage's tables from a build root, and the reference tables from
data/reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import REFERENCE_DIR
from ..scenarios import ach, bottomline, indicators
from ..scenarios import scenarios as scenario_set
from ..scenarios.evidence import and_join, resolve, short_name
from . import outputs, reference
from .reference import table as read_reference

FIRST_SIGNS = 4  # indicators the bottom line names
EVIDENCE_TABLES = ("public_estimates.csv", "risk_factors.csv", "deployments.csv")


def up_to(frame: pd.DataFrame, cutoff) -> pd.DataFrame:
    """Rows dated on or before the cut-off (all rows without one)."""
    return frame if cutoff is None else frame[pd.to_datetime(frame["date"]).le(pd.Timestamp(cutoff))]


def report_evidence_date(cutoff_date=None, reference_dir: Path = REFERENCE_DIR):
    """The date the evidence is current to, as the bottom line states it: the latest of the public record's
    estimates, the reviewed observations and the ACH evidence, on or before a cut-off."""
    record = up_to(read_reference("public_estimates.csv", reference_dir), cutoff_date)
    observations = up_to(read_reference("indicator_observations.csv", reference_dir), cutoff_date)
    reviewed = observations[observations["review"].eq(indicators.REVIEWED)]
    evidence = up_to(read_reference("ach.csv", reference_dir), cutoff_date)
    return bottomline.evidence_date(record["date"], reviewed["date"], evidence["date"]).date()


@dataclass(frozen=True)
class ScenarioStage:
    """What chapter 4 computes and the facts its prose states."""

    drivers: pd.DataFrame
    scenarios: pd.DataFrame
    evidence: pd.DataFrame
    warnings: pd.DataFrame
    matrix: pd.DataFrame
    matrix_data: pd.DataFrame
    yardstick: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    candidates: pd.DataFrame
    changes: pd.DataFrame
    ach_matrix: pd.DataFrame
    ach_ranking: pd.DataFrame
    names: dict
    facts: dict


@dataclass(frozen=True)
class Inputs:
    """What chapter 4 reads: the earlier stages' tables from a build root, and the reference tables."""

    sentences: pd.DataFrame
    articles: pd.DataFrame
    record: pd.DataFrame
    headline: pd.DataFrame
    tables: dict
    setting: dict
    indicators: pd.DataFrame
    matrix: pd.DataFrame
    observations: pd.DataFrame
    evidence: pd.DataFrame
    hypotheses: pd.DataFrame


def read_inputs(build_root: Path, cutoff_date=None) -> Inputs:
    """Read chapter 4's inputs; dated rows after the cut-off are left out."""
    setting = reference.scenarios()
    listed = read_reference("indicators.csv").astype({"lead_time_months": int})
    ids = [s["id"] for s in setting["scenarios"]]
    return Inputs(
        sentences=outputs.read("sentences", build_root),
        articles=outputs.read("articles", build_root),
        record=up_to(outputs.read("public_record", build_root), cutoff_date),
        headline=outputs.read("headline_figures", build_root),
        tables={name: read_reference(name) for name in EVIDENCE_TABLES},
        setting=setting,
        indicators=listed,
        matrix=indicators.check_matrix(read_reference("indicator_matrix.csv"), listed, ids),
        observations=up_to(read_reference("indicator_observations.csv"), cutoff_date),
        evidence=up_to(read_reference("ach.csv"), cutoff_date),
        hypotheses=read_reference("ach_hypotheses.csv"),
    )


def run(
    build_root: Path,
    cutoff_date=None,
    judgement_horizon_months: int = 12,
    scenario_probabilities: dict | None = None,
) -> ScenarioStage:
    """Compute chapter 4 from the reference tables and the earlier stages; write data/processed tables."""
    data = read_inputs(build_root, cutoff_date)
    scenarios = data.setting["scenarios"]
    ids, names = [s["id"] for s in scenarios], {s["id"]: s["name"] for s in scenarios}
    chances = scenario_set.probabilities(
        read_reference("scenario_probabilities.csv"), scenarios, judgement_horizon_months, scenario_probabilities
    )
    yardstick = read_reference("probability_yardstick.csv")

    diagnostic = indicators.diagnosticity(data.matrix, ids)
    states = indicators.status(data.indicators, data.observations)
    hits = indicators.candidate_hits(data.sentences, data.articles, data.indicators)
    signs = indicators.first_signs(data.indicators, states, diagnostic, ids[0], FIRST_SIGNS)

    ranked = ach.ranking(data.evidence, data.hypotheses)
    sensitive = ach.sensitivity(data.evidence, data.hypotheses)

    actors = read_reference("actors.csv")
    actor_names = dict(zip(actors["actor_id"], actors["label"].map(short_name), strict=True))
    changed = bottomline.changes(data.record, read_reference("estimate_revisions.csv"), actor_names)
    reviewed = data.observations[data.observations["review"].eq(indicators.REVIEWED)]
    current = bottomline.evidence_date(data.record["date"], reviewed["date"], data.evidence["date"])
    judgement = bottomline.bottom_line(
        scenarios,
        chances,
        yardstick,
        judgement_horizon_months,
        current,
        signs,
        read_reference("judgements.csv"),
        pd.to_datetime(data.record["date"]).max(),
    )
    labels = data.indicators.set_index("indicator_id")["label"]
    facts = {
        "bottom_line": judgement,
        "scenarios": {
            "names": "; ".join(s["name"].lower() for s in scenarios),
            "threats": and_join([s["name"].lower() for s in scenarios if s["threatens_regime"]]),
        },
        "what_changed": {
            "largest_killed_revision": bottomline.largest_revision(changed),
            "verdict": bottomline.verdict(changed),
        },
        "indicators": indicators.facts(states, diagnostic, labels, len(hits), ids[0]),
        "ach": ach.facts(ranked, sensitive, data.evidence),
    }
    behind = [
        resolve(ref, data.sentences, data.tables) if ref else url
        for ref, url in zip(data.evidence["evidence"], data.evidence["citation"], strict=True)
    ]
    stage = ScenarioStage(
        drivers=scenario_set.drivers_table(data.setting["drivers"]),
        scenarios=scenario_set.scenario_table(
            scenarios, chances, yardstick, indicators.signposts(diagnostic, data.indicators, ids)
        ),
        evidence=scenario_set.evidence_table(
            data.setting["drivers"], scenarios, data.sentences, data.articles, data.tables
        ),
        warnings=indicators.warnings_table(data.indicators, states, diagnostic, names),
        matrix=indicators.matrix_table(data.matrix, data.indicators, diagnostic, names),
        matrix_data=data.matrix,
        yardstick=scenario_set.yardstick_table(yardstick),
        indicators=data.indicators,
        observations=indicators.observations_table(data.observations, data.indicators),
        candidates=indicators.candidates_table(hits, data.observations, data.indicators),
        changes=changed,
        ach_matrix=ach.matrix_table(data.evidence, data.hypotheses, behind),
        ach_ranking=ach.ranking_table(ranked),
        names=names,
        facts=facts,
    )
    written = {
        "indicator_candidates": hits.drop(columns=["text"]),
        "indicator_status": states.drop(columns=["latest_date"]),
        "scenario_probabilities": chances,
        "ach_scores": ranked,
        "what_changed": stage.changes.drop(columns=["last_date"]),
        "bottom_line": stage.facts,
    }
    outputs.write_all(written, build_root)
    return stage
