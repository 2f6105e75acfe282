"""The projection of losses (moved verbatim from the former scenarios module; rewritten separately).

Month by month from the latest headline figures: reinforcements join the force, a loss rate takes its
share as casualties, and a share of those die. Assumptions are parameters; those left empty are derived
from the public record and the claims stage, and the report states which were given and which derived.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

CASES = ("low", "central", "high")


@dataclass(frozen=True)
class Assumptions:
    """The projection's assumptions; ``*_basis`` says whether each was given as a parameter or derived."""

    force: float
    force_range: tuple[float, float]
    reinforcements: float
    loss_rate: tuple[float, float, float]
    killed_share: tuple[float, float, float]
    horizon: int
    start_casualties: float
    start_deaths: float
    start_date: str
    basis: dict


def months(start, end) -> float:
    """Months between two dates."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / 30.4375


def derived_loss_rates(record: pd.DataFrame, start: str, force: float) -> tuple[float, float, float]:
    """Monthly casualties as a share of the force: each source's latest cumulative total over the months since
    the deployment began; low, median and high across sources."""
    totals = record[record["category"].eq("casualties") & record["scope"].eq("total")]
    latest = totals.sort_values(["actor", "date", "estimate_id"]).groupby("actor").tail(1)
    rates = (latest["value_low"] + latest["value_high"]) / 2 / latest["date"].map(lambda d: months(start, d)) / force
    return float(rates.min()), float(rates.median()), float(rates.max())


def derived_killed_shares(record: pd.DataFrame) -> tuple[float, float, float]:
    """Killed as a share of killed and wounded, from sources that gave both totals on the same day."""
    totals = record[record["scope"].eq("total")]
    mid = (totals["value_low"] + totals["value_high"]) / 2
    pairs = totals.assign(mid=mid).pivot_table(index=["actor", "date"], columns="category", values="mid", aggfunc="max")
    shares = (pairs["killed"] / pairs["casualties"]).dropna()
    if shares.empty:
        raise ValueError("the public record has no source giving killed and casualties on the same day")
    return float(shares.min()), float(shares.median()), float(shares.max())


def derived_reinforcements(record: pd.DataFrame, start: str) -> float:
    """Troops added per month: the growth from the initial contingent to the latest best-graded total."""
    deployed = record[record["category"].eq("deployed")]
    initial = deployed[deployed["scope"].eq("initial")]
    totals = deployed[deployed["scope"].eq("total")]
    best = totals[totals["reliability"].eq(totals["reliability"].min())].sort_values(["date", "estimate_id"]).iloc[-1]
    growth = best["value_high"] - initial["value_high"].median()
    return max(0.0, float(growth / months(start, best["date"])))


def assumptions(
    record: pd.DataFrame,
    headline: pd.DataFrame,
    start: str,
    force: float | None = None,
    reinforcements: float | None = None,
    loss_rate: float | None = None,
    killed_share: float | None = None,
    horizon: int = 24,
) -> Assumptions:
    """The projection's assumptions: parameters where given, else derived from the record and headline figures.

    A given loss rate or killed share becomes the central case; the low and high cases keep the derived
    spread around it (as ratios to the derived central value).
    """
    basis = {}
    derived_force = float(headline.loc["deployed", "central"])
    basis["force"] = "given" if force is not None else "derived: central troops sent (chapter 2)"
    force = float(force) if force is not None else derived_force
    rates = derived_loss_rates(record, start, derived_force)
    basis["loss_rate"] = (
        "given (low/high keep the sources' spread)"
        if loss_rate is not None
        else ("derived: sources' latest casualties per month since deployment, over the force")
    )
    if loss_rate is not None:
        rates = tuple(loss_rate * r / rates[1] for r in rates)
    shares = derived_killed_shares(record)
    basis["killed_share"] = (
        "given (low/high keep the sources' spread)"
        if killed_share is not None
        else ("derived: killed over killed and wounded, where one source gave both on one day")
    )
    if killed_share is not None:
        shares = tuple(min(1.0, killed_share * s / shares[1]) for s in shares)
    basis["reinforcements"] = (
        "given"
        if reinforcements is not None
        else ("derived: growth from the initial contingent to the latest best-graded total, per month")
    )
    reinforcements = float(reinforcements) if reinforcements is not None else derived_reinforcements(record, start)
    basis["horizon"] = "given"
    return Assumptions(
        force=force,
        force_range=(float(headline.loc["deployed", "low"]), float(headline.loc["deployed", "high"])),
        reinforcements=reinforcements,
        loss_rate=rates,
        killed_share=shares,
        horizon=int(horizon),
        start_casualties=float(headline.loc["casualties", "central"]),
        start_deaths=float(headline.loc["killed", "central"]),
        start_date=str(max(headline.loc["casualties", "as_of"], headline.loc["killed", "as_of"])),
        basis=basis,
    )


def project(
    force: float,
    reinforcements: float,
    rate: float,
    horizon: int,
    start: tuple[float, float],
    killed_share: float,
) -> pd.DataFrame:
    """Month by month: the force in theatre, cumulative casualties and dead, from ``start`` = (casualties, dead).

    Each month reinforcements join, then the loss rate takes its share of the force as casualties, of which
    ``killed_share`` die; casualties leave the force.
    """
    rows, strength = [], force
    casualties, deaths = start
    for month in range(1, horizon + 1):
        strength += reinforcements
        lost = rate * strength
        strength -= lost
        casualties += lost
        deaths += lost * killed_share
        rows.append({"month": month, "force": strength, "casualties": casualties, "deaths": deaths})
    return pd.DataFrame(rows)


def projection_cases(a: Assumptions) -> pd.DataFrame:
    """The low, central and high cases (loss rate and killed share move together)."""
    start = (a.start_casualties, a.start_deaths)
    frames = [
        project(a.force, a.reinforcements, rate, a.horizon, start, share).assign(case=case)
        for case, rate, share in zip(CASES, a.loss_rate, a.killed_share, strict=True)
    ]
    return pd.concat(frames, ignore_index=True)


def central_deaths(a: Assumptions) -> float:
    """Projected cumulative deaths at the horizon in the central case."""
    start = (a.start_casualties, a.start_deaths)
    return float(
        project(a.force, a.reinforcements, a.loss_rate[1], a.horizon, start, a.killed_share[1])["deaths"].iloc[-1]
    )


def sensitivity(a: Assumptions) -> pd.DataFrame:
    """How far each assumption, moved to its low and high value with the others central, moves projected deaths."""
    variations = {
        "monthly loss rate": ("loss_rate", a.loss_rate[0], a.loss_rate[2]),
        "killed share of casualties": ("killed_share", a.killed_share[0], a.killed_share[2]),
        "force deployed": ("force", a.force_range[0], a.force_range[1]),
        "reinforcements per month": ("reinforcements", 0.0, 2 * a.reinforcements),
        "horizon (months)": ("horizon", max(1, a.horizon // 2), a.horizon * 3 // 2),
    }
    central = replace(a, loss_rate=(a.loss_rate[1],) * 3, killed_share=(a.killed_share[1],) * 3)
    base = central_deaths(central)
    rows = []
    for name, (field, low, high) in variations.items():
        outcome = []
        for value in (low, high):
            changed = (value,) * 3 if field in ("loss_rate", "killed_share") else value
            outcome.append(central_deaths(replace(central, **{field: changed})))
        rows.append(
            {
                "assumption": name,
                "low value": low,
                "high value": high,
                "deaths at low": outcome[0],
                "deaths at high": outcome[1],
                "swing": abs(outcome[1] - outcome[0]),
                "central deaths": base,
            }
        )
    return pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def assumptions_table(a: Assumptions) -> pd.DataFrame:
    """Every assumption of the projection with its value(s) and whether it was given or derived."""
    pct = lambda values: " / ".join(f"{100 * v:.1f}%" for v in values)  # noqa: E731
    rows = [
        ("force deployed at the start", f"{a.force:,.0f}", a.basis["force"]),
        ("reinforcements per month", f"{a.reinforcements:,.0f}", a.basis["reinforcements"]),
        ("monthly loss rate (low / central / high)", pct(a.loss_rate), a.basis["loss_rate"]),
        ("killed share of casualties (low / central / high)", pct(a.killed_share), a.basis["killed_share"]),
        ("horizon", f"{a.horizon} months from {a.start_date}", a.basis["horizon"]),
        ("casualties at the start", f"{a.start_casualties:,.0f}", "central killed and wounded (chapter 2)"),
        ("dead at the start", f"{a.start_deaths:,.0f}", "central killed (chapter 2)"),
    ]
    return pd.DataFrame(rows, columns=["assumption", "value", "basis"])


def projection_figure(cases: pd.DataFrame, vietnam_deaths: float, korean_war_deaths: float):
    """Projected cumulative deaths per case on a log scale, with Vietnam's and the Korean War's dead as lines."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.2))
    styles = {"low": ("#7f7f7f", "--"), "central": ("#c0392b", "-"), "high": ("#7f7f7f", ":")}
    for case, (color, line) in styles.items():
        own = cases[cases["case"].eq(case)]
        ax.plot(own["month"], own["deaths"], color=color, ls=line, lw=1.8, label=f"{case} case")
    for value, label in ((vietnam_deaths, "Vietnam dead"), (korean_war_deaths, "Korean War military dead")):
        ax.axhline(value, color="#1f4e79", lw=0.8, ls="-.")
        ax.text(cases["month"].max(), value * 1.15, label, ha="right", fontsize=8, color="#1f4e79")
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(frameon=False, loc="lower right", bbox_to_anchor=(1, 0.12), fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return fig


def tornado_figure(table: pd.DataFrame):
    """Horizontal bars from deaths at each assumption's low value to its high value, widest on top."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.2))
    y = np.arange(len(table))
    low = table[["deaths at low", "deaths at high"]].min(axis=1)
    high = table[["deaths at low", "deaths at high"]].max(axis=1)
    ax.barh(y, high - low, left=low, color="#1f4e79", height=0.5)
    ax.axvline(table["central deaths"].iloc[0], color="#c0392b", lw=1)
    ax.set_yticks(y, table["assumption"])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    return fig


def sensitivity_table(table: pd.DataFrame) -> pd.DataFrame:
    """The sensitivity table as a reader sees it: shares and rates in per cent, counts as whole numbers."""
    return pd.DataFrame(
        {
            "assumption": table["assumption"],
            "low value": [value_shown(n, v) for n, v in zip(table["assumption"], table["low value"], strict=True)],
            "high value": [value_shown(n, v) for n, v in zip(table["assumption"], table["high value"], strict=True)],
            "dead at low": table["deaths at low"].round().astype(int),
            "dead at high": table["deaths at high"].round().astype(int),
            "swing": table["swing"].round().astype(int),
        }
    )


def value_shown(assumption: str, value: float) -> str:
    """A rate or share in per cent, anything else as a whole number."""
    return f"{100 * value:.1f}%" if "rate" in assumption or "share" in assumption else f"{value:,.0f}"


def projection_facts(a: Assumptions, cases: pd.DataFrame, table: pd.DataFrame) -> dict:
    """What the projection's prose states: dead and casualties per case at the horizon, the most sensitive input."""
    final = cases[cases["month"].eq(a.horizon)].set_index("case")
    return {
        "horizon_months": a.horizon,
        "start_date": a.start_date,
        "projected_deaths": {case: round(float(final.loc[case, "deaths"])) for case in CASES},
        "projected_casualties": {case: round(float(final.loc[case, "casualties"])) for case in CASES},
        "most_sensitive_assumption": table.iloc[0]["assumption"],
    }
