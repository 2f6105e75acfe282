"""Chapter 4's stage: read the inputs, call the logic of the package, write the outputs, return the facts.

This is the only module of the package that touches files. It reads the cleaned corpus and the claims
stage's tables from a build root, and the reference tables from data/reference.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..paths import REFERENCE_DIR, BuildPaths
from . import ach, bottomline, indicators, projection
from . import scenarios as scenario_set
from .evidence import and_join, resolve, short_name

FIRST_SIGNS = 4  # indicators the bottom line names
EVIDENCE_TABLES = ("public_estimates.csv", "risk_factors.csv", "deployments.csv")


def read_reference(name: str, reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """A reference table as text (empty cells stay empty strings)."""
    return pd.read_csv(reference_dir / name, dtype=str, keep_default_na=False)


def load_scenarios(reference_dir: Path = REFERENCE_DIR) -> dict:
    """scenarios.yaml: the question, the drivers, and the scenarios checked and ordered by severity."""
    data = yaml.safe_load((reference_dir / "scenarios.yaml").read_text(encoding="utf-8"))
    return data | {"scenarios": scenario_set.check_scenarios(data["scenarios"])}


def headline_figures(processed: Path) -> pd.DataFrame:
    """The claims stage's headline figures by category (the one place this package reads them)."""
    return pd.read_csv(processed / "headline_figures.csv").set_index("category")


def up_to(frame: pd.DataFrame, cutoff) -> pd.DataFrame:
    """Rows dated on or before the cut-off (all rows without one)."""
    return frame if cutoff is None else frame[pd.to_datetime(frame["date"]).le(pd.Timestamp(cutoff))]


@dataclass(frozen=True)
class ScenarioStage:
    """What chapter 4 computes and the facts its prose states."""

    drivers: pd.DataFrame
    scenarios: pd.DataFrame
    evidence: pd.DataFrame
    warnings: pd.DataFrame
    matrix: pd.DataFrame
    matrix_data: pd.DataFrame
    indicators: pd.DataFrame
    observations: pd.DataFrame
    candidates: pd.DataFrame
    changes: pd.DataFrame
    ach_matrix: pd.DataFrame
    ach_ranking: pd.DataFrame
    assumptions: projection.Assumptions
    cases: pd.DataFrame
    sensitivity: pd.DataFrame
    vietnam_deaths: float
    korean_war_deaths: float
    names: dict
    facts: dict


def run(
    build_root: Path,
    cutoff_date=None,
    judgement_horizon_months: int = 12,
    scenario_probabilities: dict | None = None,
    projection_force: float | None = None,
    projection_reinforcements_per_month: float | None = None,
    projection_monthly_loss_rate: float | None = None,
    projection_killed_share: float | None = None,
    projection_horizon_months: int = 24,
) -> ScenarioStage:
    """Compute chapter 4 from the reference tables and the earlier stages; write data/processed tables."""
    from ..claims import write_csv
    from ..history import UKRAINE, korean_war_scale, load_history, metric_rows, reference_range

    paths = BuildPaths(build_root)
    sentences = pd.read_csv(paths.interim / "sentences.csv", dtype={"text": str}, keep_default_na=False)
    articles = pd.read_csv(paths.interim / "articles.csv", keep_default_na=False, na_values=[""])
    record = up_to(
        pd.read_csv(paths.processed / "public_record.csv", keep_default_na=False, na_values=[""]), cutoff_date
    )
    headline = headline_figures(paths.processed)
    tables = {name: read_reference(name) for name in EVIDENCE_TABLES}

    setting = load_scenarios()
    scenarios, ids = setting["scenarios"], [s["id"] for s in setting["scenarios"]]
    names = {s["id"]: s["name"] for s in scenarios}
    chances = scenario_set.probabilities(
        read_reference("scenario_probabilities.csv"), scenarios, judgement_horizon_months, scenario_probabilities
    )
    yardstick = read_reference("probability_yardstick.csv")

    listed = read_reference("indicators.csv").astype({"lead_time_months": int})
    matrix = indicators.check_matrix(read_reference("indicator_matrix.csv"), listed, ids)
    observations = up_to(read_reference("indicator_observations.csv"), cutoff_date)
    diagnostic = indicators.diagnosticity(matrix, ids)
    states = indicators.status(listed, observations)
    hits = indicators.candidate_hits(sentences, articles, listed)
    signs = indicators.first_signs(listed, states, diagnostic, ids[0], FIRST_SIGNS)

    evidence_matrix = up_to(read_reference("ach.csv"), cutoff_date)
    hypotheses = read_reference("ach_hypotheses.csv")
    ranked = ach.ranking(evidence_matrix, hypotheses)
    sensitive = ach.sensitivity(evidence_matrix, hypotheses)
    behind = [
        resolve(ref, sentences, tables) if ref else url
        for ref, url in zip(evidence_matrix["evidence"], evidence_matrix["citation"], strict=True)
    ]

    actors = read_reference("actors.csv")
    actor_names = dict(zip(actors["actor_id"], actors["label"].map(short_name), strict=True))
    changed = bottomline.changes(record, read_reference("estimate_revisions.csv"), actor_names)
    reviewed = observations[observations["review"].eq(indicators.REVIEWED)]
    current = bottomline.evidence_date(record["date"], reviewed["date"], evidence_matrix["date"])
    judgement = bottomline.bottom_line(
        scenarios,
        chances,
        yardstick,
        judgement_horizon_months,
        current,
        signs,
        read_reference("judgements.csv"),
        pd.to_datetime(record["date"]).max(),
    )

    history = load_history()
    a = projection.assumptions(
        record,
        headline,
        history.deployments.loc[UKRAINE, "start_date"],
        projection_force,
        projection_reinforcements_per_month,
        projection_monthly_loss_rate,
        projection_killed_share,
        projection_horizon_months,
    )
    cases = projection.projection_cases(a)
    swings = projection.sensitivity(a)
    labels = listed.set_index("indicator_id")["label"]
    facts = {
        "bottom_line": judgement,
        "scenarios": {
            "names": "; ".join(s["name"].lower() for s in scenarios),
            "threats": and_join([s["name"].lower() for s in scenarios if s["threatens_regime"]]),
        },
        "what_changed": {
            "largest_killed_revision": bottomline.largest_revision(changed),
            "sources_revised": int(changed["source"].nunique()),
        },
        "indicators": indicators.facts(states, diagnostic, labels, len(hits), ids[0]),
        "ach": ach.facts(ranked, sensitive, evidence_matrix),
        "projection": projection.projection_facts(a, cases, swings),
    }
    stage = ScenarioStage(
        drivers=scenario_set.drivers_table(setting["drivers"], sentences, tables),
        scenarios=scenario_set.scenario_table(
            scenarios, chances, yardstick, indicators.signposts(diagnostic, listed, ids)
        ),
        evidence=scenario_set.evidence_table(scenarios, sentences, articles, tables),
        warnings=indicators.warnings_table(listed, states, diagnostic, names),
        matrix=indicators.matrix_table(matrix, listed, diagnostic, names),
        matrix_data=matrix,
        indicators=listed,
        observations=indicators.observations_table(observations, listed),
        candidates=indicators.candidates_table(hits, observations, listed),
        changes=changed,
        ach_matrix=ach.matrix_table(evidence_matrix, hypotheses, behind),
        ach_ranking=ach.ranking_table(ranked),
        assumptions=a,
        cases=cases,
        sensitivity=swings,
        vietnam_deaths=reference_range(metric_rows(history, "vietnam", "deaths"))["central"],
        korean_war_deaths=korean_war_scale(history)["central"],
        names=names,
        facts=facts,
    )
    write_csv(hits.drop(columns=["text"]), paths.processed / "indicator_candidates.csv")
    write_csv(states.drop(columns=["latest_date"]), paths.processed / "indicator_status.csv")
    write_csv(chances, paths.processed / "scenario_probabilities.csv")
    write_csv(ranked, paths.processed / "ach_scores.csv")
    write_csv(changed.drop(columns=["last_date"]), paths.processed / "what_changed.csv")
    write_csv(cases, paths.processed / "projection.csv")
    write_csv(swings, paths.processed / "sensitivity.csv")
    (paths.processed / "bottom_line.json").write_text(json.dumps(facts, indent=2, sort_keys=True, default=str) + "\n")
    return stage
