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
    yardstick: pd.DataFrame
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


def read_inputs(paths: BuildPaths, cutoff_date=None) -> Inputs:
    """Read chapter 4's inputs; dated rows after the cut-off are left out."""
    read = lambda folder, name: pd.read_csv(folder / name, keep_default_na=False, na_values=[""])  # noqa: E731
    setting = load_scenarios()
    listed = read_reference("indicators.csv").astype({"lead_time_months": int})
    ids = [s["id"] for s in setting["scenarios"]]
    return Inputs(
        sentences=pd.read_csv(paths.interim / "sentences.csv", dtype={"text": str}, keep_default_na=False),
        articles=read(paths.interim, "articles.csv"),
        record=up_to(read(paths.processed, "public_record.csv"), cutoff_date),
        headline=headline_figures(paths.processed),
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
    projection_force: float | None = None,
    projection_reinforcements_per_month: float | None = None,
    projection_monthly_loss_rate: float | None = None,
    projection_killed_share: float | None = None,
    projection_horizon_months: int = 24,
) -> ScenarioStage:
    """Compute chapter 4 from the reference tables and the earlier stages; write data/processed tables."""
    paths = BuildPaths(build_root)
    data = read_inputs(paths, cutoff_date)
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
    outlook = projected(
        data,
        projection_force,
        projection_reinforcements_per_month,
        projection_monthly_loss_rate,
        projection_killed_share,
        projection_horizon_months,
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
        "projection": projection.projection_facts(outlook["assumptions"], outlook["cases"], outlook["sensitivity"]),
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
        **outlook,
    )
    write_outputs(paths, stage, hits, states, chances, ranked)
    return stage


def projected(data: Inputs, force, reinforcements, loss_rate, killed_share, horizon: int) -> dict:
    """The projection's assumptions, cases and sensitivity, with the precedents' dead for scale."""
    from ..history import UKRAINE, korean_war_scale, load_history, metric_rows, reference_range

    history = load_history()
    a = projection.assumptions(
        data.record,
        data.headline,
        history.deployments.loc[UKRAINE, "start_date"],
        force,
        reinforcements,
        loss_rate,
        killed_share,
        horizon,
    )
    return {
        "assumptions": a,
        "cases": projection.projection_cases(a),
        "sensitivity": projection.sensitivity(a),
        "vietnam_deaths": reference_range(metric_rows(history, "vietnam", "deaths"))["central"],
        "korean_war_deaths": korean_war_scale(history)["central"],
    }


def write_outputs(
    paths: BuildPaths,
    stage: ScenarioStage,
    hits: pd.DataFrame,
    states: pd.DataFrame,
    chances: pd.DataFrame,
    ranked: pd.DataFrame,
) -> None:
    """Write chapter 4's tables and facts to data/processed."""
    from ..claims import write_csv

    write_csv(hits.drop(columns=["text"]), paths.processed / "indicator_candidates.csv")
    write_csv(states.drop(columns=["latest_date"]), paths.processed / "indicator_status.csv")
    write_csv(chances, paths.processed / "scenario_probabilities.csv")
    write_csv(ranked, paths.processed / "ach_scores.csv")
    write_csv(stage.changes.drop(columns=["last_date"]), paths.processed / "what_changed.csv")
    write_csv(stage.cases, paths.processed / "projection.csv")
    write_csv(stage.sensitivity, paths.processed / "sensitivity.csv")
    facts = json.dumps(stage.facts, indent=2, sort_keys=True, default=str)
    (paths.processed / "bottom_line.json").write_text(facts + "\n", encoding="utf-8")
