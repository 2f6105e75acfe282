"""Chapter 5's stage, the projection: reads the claims stage's outputs and the projection's reference tables, runs
the pure :mod:`nkreport.scenarios.projection`, writes the projection's tables and the facts its chapter states."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..estimates import evidence_date, headline_figures
from ..estimates.headline import headline_pool
from ..scenarios import projection as model
from . import outputs
from .reference import table as reference
from .scenarios import report_evidence_date

SENSITIVITY_MULTIPLIERS = (0.25, 0.5, 1.0, 2.0, 4.0)


@dataclass(frozen=True)
class ProjectionStage:
    """What the projection chapter shows."""

    tranches: pd.DataFrame
    rates: pd.DataFrame
    record: pd.DataFrame
    history: pd.DataFrame  # the fitted model, day by day, to the evidence date (central case)
    backtest: pd.DataFrame
    backtest_runs: dict
    start: pd.DataFrame
    projected: pd.DataFrame
    yardsticks: pd.DataFrame
    sensitivity: pd.DataFrame
    facts: dict


def inputs(build_root: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(estimates, headline figures by category, tranche figures, public record) written by the claims stage."""
    estimates = outputs.read("estimates", build_root)
    estimates = estimates.assign(
        date=pd.to_datetime(estimates["date"].replace("", None)),
        value_low=estimates["value_low"].astype(float),
        value_high=estimates["value_high"].astype(float),
    )
    read = lambda name: outputs.read(name, build_root)  # noqa: E731
    return estimates, read("headline_figures"), read("deployment_tranches"), read("public_record")


def run(
    build_root: Path,
    projection_horizon_months: int = 24,
    projection_backtest_start=None,
    projection_guard_loss_rate: float | None = None,
    projection_tour_months: int | None = None,
    projection_killed_share: float | None = None,
    central_estimate: str = "conservative",
    estimate_window_days: int = 180,
    include_unverified: bool = False,
    cutoff_date=None,
) -> ProjectionStage:
    """Fit, backtest and project; write the tables; return what the chapter shows."""
    estimates, figures, tranche_figures, record = inputs(build_root)
    listed, phases, roles = (reference(f"projection_{name}.csv") for name in ("tranches", "phases", "roles"))
    model.check_tables(listed, phases, roles)
    tranches = model.tranche_table(listed, tranche_figures)
    pool = headline_pool(estimates, cutoff_date, include_unverified)
    evidence = report_evidence_date(cutoff_date)
    fitted = model.fit(tranches, phases, roles, figures, evidence, projection_killed_share, projection_guard_loss_rate)
    start_date = (
        pd.Timestamp(projection_backtest_start)
        if projection_backtest_start is not None
        else model.default_backtest_start(phases)
    )
    before, _ = headline_figures(
        estimates, central_estimate, estimate_window_days, start_date - pd.Timedelta(days=1), include_unverified
    )
    fitted_before = model.fit(
        tranches, phases, roles, before, start_date, projection_killed_share, projection_guard_loss_rate
    )
    backtest_runs = {case: model.simulate(tranches, phases, r, evidence) for case, r in fitted_before.rates.items()}
    backtest = model.backtest(tranches, phases, fitted_before, pool, start_date, evidence)
    history = model.simulate(tranches, phases, fitted.rates["central"], evidence)
    start = model.starting_values(history, figures, evidence)
    projected = model.project(
        tranches, phases, fitted, start, evidence, projection_horizon_months, projection_tour_months
    )
    yardsticks = model.yardstick_table(reference("projection_yardsticks.csv"), tranches, projected)
    horizons = sorted(
        {max(1, projection_horizon_months // 2), projection_horizon_months, projection_horizon_months * 3 // 2}
    )
    sensitivity = model.sensitivity(tranches, phases, fitted, start, evidence, horizons, SENSITIVITY_MULTIPLIERS)
    facts = model.facts(tranches, fitted, fitted_before, backtest, start, projected, yardsticks, evidence) | {
        "record_ends": evidence_date(record, cutoff_date).isoformat()
    }
    stage = ProjectionStage(
        tranches=tranches,
        rates=model.rates_table(fitted, roles),
        record=pool,
        history=history,
        backtest=backtest,
        backtest_runs=backtest_runs,
        start=start,
        projected=projected,
        yardsticks=yardsticks,
        sensitivity=sensitivity,
        facts=facts,
    )
    written = {
        "projection_backtest": backtest,
        "projection_start": start,
        "projection": projected,
        "projection_sensitivity": sensitivity,
        "projection_summary": facts,
    }
    outputs.write_all(written, build_root)
    return stage
