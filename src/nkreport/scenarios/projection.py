"""Projection: North Korea's force in Russia's war by phase and role, day by day, fitted to the record.

The force is a set of dated tranches (``projection_tranches.csv``; sizes are the report's own tranche
figures from the public estimates); each tranche's unit plays a role in each phase
(``projection_phases.csv``: assault in the Kursk counter-offensive, then guard duty, demining,
construction), and each role loses a monthly share of
its strength (``projection_roles.csv``): the assault rate is fitted so that the model reproduces an
estimate of killed and wounded at its date, the other roles are judged ratios of it, each with its
reason. Casualties leave the force; a tranche goes home at its known date or, when a tour length is
given, is relieved by a fresh tranche of the same size (rotation). Killed are the killed share of
casualties, the ratio of the central estimates of killed and of killed and wounded.

Months already observed are not projected blindly: the backtest fits the model on the estimates made
before a start date and compares it with every estimate made after it. The projection starts from one
date, the date the evidence is current to: each starting value is the latest central estimate plus
what the model adds between that estimate's date and the evidence date.

Pure: data frames in, data frames out; :mod:`nkreport.stages.projection` reads and writes the files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

DAYS_PER_MONTH = 30.4375
CASES = ("low", "central", "high")
FITTED, RATIO = "fitted", "ratio"
CUMULATIVE = ("killed", "wounded", "casualties")
ROUNDING = 0.1  # a point estimate ("about 1,000") agrees with a model range within 10% of it


class ProjectionError(ValueError):
    """A reference table of the projection does not fit the record; the message names table, row and fix."""


@dataclass(frozen=True)
class Rates:
    """Monthly casualty rates: the assault rate, each role's ratio to it, and the killed share of casualties."""

    assault: float
    ratios: dict
    killed_share: float
    guard_rate: float | None = None  # a given guard rate replaces the assault rate times the guard ratio

    def monthly(self, role: str) -> float:
        """The monthly share of a role's strength killed or wounded."""
        if role == "guard" and self.guard_rate is not None:
            return self.guard_rate
        return self.assault * self.ratios[role]


def tranche_table(tranches: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """The tranches with their sizes: the report's own tranche figures (low, central, high) for each tranche
    key of ``projection_tranches.csv`` (``figures``: the claims stage's deployment_tranches.csv)."""
    sizes = figures.set_index("tranche")
    missing = sorted(set(tranches["tranche"]) - set(sizes.index))
    if missing:
        raise ProjectionError(
            f"projection_tranches.csv: tranches {missing} have no figure in the public record (known: "
            f"{', '.join(sizes.index)}); use the record's tranche keys (public_estimates.csv, column tranche)"
        )
    frame = tranches.assign(
        sent_low=tranches["tranche"].map(sizes["low"]).astype(float),
        sent=tranches["tranche"].map(sizes["central"]).astype(float),
        sent_high=tranches["tranche"].map(sizes["high"]).astype(float),
    )
    for column in ("arrived", "home"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.sort_values(["arrived", "tranche"], kind="stable").reset_index(drop=True)


def check_tables(tranches: pd.DataFrame, phases: pd.DataFrame, roles: pd.DataFrame) -> None:
    """Raise ProjectionError naming the table and line where the projection's reference tables disagree:
    a phase's role missing from projection_roles.csv, a tranche's unit that no phase covers, a bad date."""
    known = set(roles["role"])
    for line, phase in enumerate(phases.to_dict("records"), start=2):
        if phase["role"] not in known:
            raise ProjectionError(
                f"projection_phases.csv, line {line}: role {phase['role']!r} is not in projection_roles.csv "
                f"({', '.join(sorted(known))}); add the role with its rate ratio and reason"
            )
    covered = set(phases["unit"])
    for line, tranche in enumerate(tranches.to_dict("records"), start=2):
        if tranche["unit"] not in covered:
            raise ProjectionError(
                f"projection_tranches.csv, line {line}: unit {tranche['unit']!r} has no phase in "
                "projection_phases.csv; say which role it plays from when"
            )
    for name, table, columns in (
        ("projection_tranches.csv", tranches, ("arrived", "home")),
        ("projection_phases.csv", phases, ("start", "end")),
    ):
        for column in columns:
            for line, value in enumerate(table[column], start=2):
                if value != "" and pd.isna(pd.to_datetime(value, errors="coerce")):
                    raise ProjectionError(f"{name}, line {line}: {column} {value!r} is not a date (YYYY-MM-DD)")


def role_codes(phases: pd.DataFrame, units: np.ndarray, days: pd.DatetimeIndex) -> tuple[np.ndarray, list[str]]:
    """(tranche-by-day matrix of role codes, role names): the role each tranche's unit plays on each day
    (code 0, no role, where no phase covers the day)."""
    names = ["", *sorted(set(phases["role"]))]
    codes = np.zeros((len(units), len(days)), dtype=int)
    for phase in phases.to_dict("records"):
        end = pd.Timestamp(phase["end"]) if pd.notna(phase["end"]) and phase["end"] != "" else days[-1]
        covered = (days >= pd.Timestamp(phase["start"])) & (days <= end)
        codes[np.ix_(units == phase["unit"], covered)] = names.index(phase["role"])
    return codes, names


def simulate(
    tranches: pd.DataFrame,
    phases: pd.DataFrame,
    rates: Rates,
    end,
    tour_months: int | None = None,
    rotate_from=None,
) -> pd.DataFrame:
    """Day by day from the first arrival to ``end``: strength in theatre by role, and cumulative sent, killed,
    wounded, casualties and men returned home.

    Each day every tranche in theatre loses its role's daily rate of its strength as casualties. A tranche
    goes home on its known date; with ``tour_months``, after ``rotate_from``, a tranche that has served a
    tour is relieved by a fresh tranche of its original size.
    """
    days = pd.date_range(tranches["arrived"].min(), pd.Timestamp(end), freq="D")
    codes, names = role_codes(phases, tranches["unit"].to_numpy(), days)
    daily = np.array([0.0] + [rates.monthly(role) / DAYS_PER_MONTH for role in names[1:]])[codes]
    size = tranches["sent"].to_numpy(float)
    arrived = tranches["arrived"].to_numpy("datetime64[D]")
    home = tranches["home"].to_numpy("datetime64[D]")
    since = arrived.copy()
    strength = np.zeros(len(tranches))
    totals = np.zeros((len(days), 3))  # sent, casualties, returned
    by_role = np.zeros((len(days), len(names)))
    sent = casualties = returned = 0.0
    tour = None if tour_months is None else np.timedelta64(round(tour_months * DAYS_PER_MONTH), "D")
    rotate = np.datetime64(pd.Timestamp(rotate_from or days[0]).date(), "D")
    for index, day in enumerate(days.to_numpy("datetime64[D]")):
        arriving = arrived == day
        strength[arriving] = size[arriving]
        sent += size[arriving].sum()
        leaving = home == day
        returned += strength[leaving].sum()
        strength[leaving] = 0.0
        if tour is not None and day > rotate:
            relieved = np.isnat(home) & (strength > 0) & (day - since >= tour)
            returned += strength[relieved].sum()
            strength[relieved] = size[relieved]
            sent += size[relieved].sum()
            since[relieved] = day
        lost = strength * daily[:, index]
        strength -= lost
        casualties += lost.sum()
        totals[index] = sent, casualties, returned
        by_role[index] = np.bincount(codes[:, index], weights=strength, minlength=len(names))
    frame = pd.DataFrame(totals, columns=["sent", "casualties", "returned"]).assign(date=days)
    for code, role in enumerate(names):
        if role and role != "training":
            frame[f"in theatre: {role}"] = by_role[:, code]
    frame["in theatre"] = by_role.sum(axis=1)
    frame["killed"] = frame["casualties"] * rates.killed_share
    frame["wounded"] = frame["casualties"] - frame["killed"]
    return frame


def value_on(series: pd.DataFrame, column: str, date) -> float:
    """A modelled quantity on a date (0 before the first day, the last day's value after the end)."""
    known = series[series["date"].le(pd.Timestamp(date))]
    return float(known[column].iloc[-1]) if len(known) else 0.0


def fit_assault_rate(tranches, phases, ratios: dict, killed_share: float, target: float, date, guard_rate=None):
    """The assault rate at which the model's killed and wounded on ``date`` equal ``target`` (bisection)."""
    low, high = 0.0, 1.0
    for _ in range(30):
        middle = (low + high) / 2
        rates = Rates(middle, ratios, killed_share, guard_rate)
        if value_on(simulate(tranches, phases, rates, date), "casualties", date) < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


RATIO_COLUMNS = {"low": "ratio_low", "central": "ratio_to_assault", "high": "ratio_high"}


def role_ratios(roles: pd.DataFrame, case: str) -> dict:
    """Each role's ratio to the assault rate in one case, from projection_roles.csv (fitted roles: 1)."""
    bad = ~roles["basis"].isin([FITTED, RATIO, "none"])
    if bad.any():
        raise ProjectionError(
            f"projection_roles.csv: basis must be fitted, ratio or none (rows {list(roles.loc[bad, 'role'])})"
        )
    return dict(zip(roles["role"], roles[RATIO_COLUMNS[case]].astype(float), strict=True))


def killed_share(figures: pd.DataFrame) -> float:
    """Killed as a share of killed and wounded: the ratio of the two central figures (the report's own)."""
    return float(figures.loc["killed", "central"] / figures.loc["casualties", "central"])


@dataclass(frozen=True)
class Fit:
    """The model fitted to the figures of one date: rates per case and the estimates fitted to."""

    rates: dict  # case -> Rates
    targets: dict  # case -> (killed and wounded, date) the case reproduces
    cutoff: object


def fit(tranches, phases, roles, figures, cutoff, killed_share_given=None, guard_rate=None) -> Fit:
    """Fit the assault rate per case to the low, central and high killed-and-wounded figures of ``figures``."""
    if "casualties" not in figures.index or "killed" not in figures.index:
        raise ProjectionError(f"no estimate of killed and of killed and wounded on or before {cutoff}: nothing to fit")
    share = killed_share_given if killed_share_given is not None else killed_share(figures)
    targets = casualty_targets(figures)
    rates = {}
    for case in CASES:
        ratios = role_ratios(roles, case)
        given = None if guard_rate is None else guard_rate * ratios["guard"] / role_ratios(roles, "central")["guard"]
        value, date = targets[case]
        assault = fit_assault_rate(tranches, phases, ratios, share, value, date, given)
        rates[case] = Rates(assault, ratios, share, given)
    return Fit(rates=rates, targets=targets, cutoff=cutoff)


def casualty_targets(figures: pd.DataFrame) -> dict:
    """Per case, the killed-and-wounded figure the model must reproduce and its date: the low, central and
    high estimates at the central estimate's date; the high case at least reaches a higher floor (a floor is
    a lower bound on the truth) at the floor's date."""
    row = figures.loc["casualties"]
    date = pd.Timestamp(row["central_date"])
    targets = {case: (float(row[case]), date) for case in CASES}
    if pd.notna(row.get("floor")) and float(row["floor"]) > targets["high"][0]:
        targets["high"] = (float(row["floor"]), pd.Timestamp(row["floor_date"]))
    return targets


def default_backtest_start(phases: pd.DataFrame) -> pd.Timestamp:
    """The day after the assault phase ended: the first day of guard duty and demining."""
    ends = pd.to_datetime(phases.loc[phases["role"].eq("assault"), "end"])
    if ends.empty or ends.isna().any():
        raise ProjectionError("projection_phases.csv: the assault phase needs an end date to start the backtest")
    return ends.max() + pd.Timedelta(days=1)


def strength_columns(phases: pd.DataFrame) -> dict:
    """Estimate id of a strength at a date (projection_phases.csv) -> the model's column for that role."""
    linked = phases[phases["strength_estimate_id"].ne("")]
    return {row["strength_estimate_id"]: f"in theatre: {row['role']}" for row in linked.to_dict("records")}


def verdict(bound: str, low_value: float, high_value: float, low: float, high: float) -> str:
    """How an estimate compares with the model's range (``low`` to ``high``) on its date: floors and ceilings
    as bounds, a point or range estimate with the rounding its figures carry (``ROUNDING``)."""
    if bound == "floor":
        return "consistent: the model reaches the floor" if high >= low_value else "the model stays below the floor"
    if bound == "ceiling":
        return "consistent: the model stays under the ceiling" if low <= high_value else "the model exceeds the ceiling"
    if high_value * (1 + ROUNDING) < low:
        return "the model is above the estimate"
    if low_value * (1 - ROUNDING) > high:
        return "the model is below the estimate"
    return "within the model's range"


def backtest(tranches, phases, fitted: Fit, pool: pd.DataFrame, start, end) -> pd.DataFrame:
    """Every estimate made after ``start`` (up to ``end``) of the dead, wounded or killed and wounded of the
    whole force, or of a role's strength (projection_phases.csv), beside the model fitted on the estimates made
    before it. ``pool``: the estimates that may set a headline figure (estimates.headline_pool)."""
    dates = pd.to_datetime(pool["date"])
    window = pool[dates.gt(pd.Timestamp(start)) & dates.le(pd.Timestamp(end))]
    totals = window[window["category"].isin(CUMULATIVE) & window["scope"].eq("total")]
    strengths = window[window["estimate_id"].isin(strength_columns(phases))]
    later = pd.concat(
        [
            totals.assign(column=totals["category"]),
            strengths.assign(column=strengths["estimate_id"].map(strength_columns(phases))),
        ]
    ).sort_values(["date", "estimate_id"], kind="stable")
    runs = {case: simulate(tranches, phases, rates, end) for case, rates in fitted.rates.items()}
    rows = []
    for estimate in later.to_dict("records"):
        modelled = [value_on(runs[case], estimate["column"], estimate["date"]) for case in CASES]
        low_value, high_value = float(estimate["value_low"]), float(estimate["value_high"])
        rows.append(
            {
                "date": pd.Timestamp(estimate["date"]).date(),
                "source": estimate["statement_by"],
                "quantity": estimate["column"].replace("in theatre: ", "in theatre on "),
                "bound": estimate["bound"],
                "estimate": span(low_value, high_value),
                "value": low_value if estimate["bound"] != "ceiling" else high_value,
                "model low": modelled[0],
                "model central": modelled[1],
                "model high": modelled[2],
                "verdict": verdict(estimate["bound"], low_value, high_value, min(modelled), max(modelled)),
                "estimate_id": estimate["estimate_id"],
            }
        )
    return pd.DataFrame(rows)


def starting_values(central: pd.DataFrame, figures: pd.DataFrame, evidence_date) -> pd.DataFrame:
    """The projection's starting values, all on the evidence date: each latest central estimate plus what the
    model adds from that estimate's date to the evidence date; strength in theatre as modelled."""
    rows = []
    for quantity in ("casualties", "killed"):
        date = pd.Timestamp(figures.loc[quantity, "central_date"])
        added = value_on(central, quantity, evidence_date) - value_on(central, quantity, date)
        rows.append(
            {
                "quantity": quantity,
                "latest central estimate": float(figures.loc[quantity, "central"]),
                "its date": date.date(),
                "added by the model to the evidence date": added,
                "starting value": float(figures.loc[quantity, "central"]) + added,
            }
        )
    for column in [c for c in central.columns if c.startswith("in theatre")]:
        value = value_on(central, column, evidence_date)
        if value == 0:  # a role nobody plays on the evidence date (the assault ended; the sappers went home)
            continue
        rows.append(
            {
                "quantity": column,
                "latest central estimate": np.nan,
                "its date": None,
                "added by the model to the evidence date": np.nan,
                "starting value": value,
            }
        )
    return pd.DataFrame(rows).assign(date=pd.Timestamp(evidence_date).date())


def months_after(date, months: int) -> pd.Timestamp:
    """The day ``months`` calendar months after ``date``."""
    return pd.Timestamp(date) + pd.DateOffset(months=months)


def project(tranches, phases, fitted: Fit, start: pd.DataFrame, evidence_date, horizon: int, tour_months=None):
    """Month by month from the evidence date: cumulative killed and casualties per case, from the starting
    values, and the force in theatre and men returned home (central case)."""
    end = months_after(evidence_date, horizon)
    begin = start.set_index("quantity")["starting value"]
    rows = []
    for case, rates in fitted.rates.items():
        run = simulate(tranches, phases, rates, end, tour_months, rotate_from=evidence_date)
        at_start = {q: value_on(run, q, evidence_date) for q in ("casualties", "killed", "returned", "sent")}
        for month in range(0, horizon + 1):
            date = months_after(evidence_date, month)
            rows.append(
                {
                    "case": case,
                    "month": month,
                    "date": date.date(),
                    "casualties": begin["casualties"] + value_on(run, "casualties", date) - at_start["casualties"],
                    "killed": begin["killed"] + value_on(run, "killed", date) - at_start["killed"],
                    "in theatre": value_on(run, "in theatre", date),
                    "returned": value_on(run, "returned", date),
                    "sent": value_on(run, "sent", date),
                }
            )
    return pd.DataFrame(rows)


def yardstick_table(yardsticks: pd.DataFrame, tranches: pd.DataFrame, projected: pd.DataFrame) -> pd.DataFrame:
    """Each yardstick with its size and source, and the projected dead at the horizon as a share of it."""
    final = projected[projected["month"].eq(projected["month"].max())].set_index("case")
    corps = float(tranches["sent"].iloc[0])
    rows = []
    for row in yardsticks.to_dict("records"):
        size = corps if row["value"] == "derived" else float(row["value"])
        rows.append(
            {
                "yardstick": row["label"],
                "size": size,
                "source": row["source"],
                "dead, central (%)": round(100 * final.loc["central", "killed"] / size, 2),
                "dead, high (%)": round(100 * final.loc["high", "killed"] / size, 2),
                "sent in all (%)": round(100 * final.loc["central", "sent"] / size, 2),
            }
        )
    return pd.DataFrame(rows)


def sensitivity(tranches, phases, fitted: Fit, start, evidence_date, horizons, multipliers) -> pd.DataFrame:
    """Projected dead (central case) at each horizon for the guard rate times each multiplier."""
    central = fitted.rates["central"]
    base = central.monthly("guard")
    rows = []
    for factor in multipliers:
        rates = replace(central, guard_rate=base * factor)
        run = project(
            tranches,
            phases,
            Fit({"central": rates}, fitted.targets, fitted.cutoff),
            start,
            evidence_date,
            max(horizons),
        )
        for horizon in horizons:
            rows.append(
                {
                    "guard rate (% a month)": 100 * base * factor,
                    "horizon (months)": horizon,
                    "dead": float(run.loc[run["month"].eq(horizon), "killed"].iloc[0]),
                }
            )
    return pd.DataFrame(rows)


def rates_table(fitted: Fit, roles: pd.DataFrame) -> pd.DataFrame:
    """Each role's monthly loss rate per case, with its basis and reason."""
    rows = []
    for role in roles.to_dict("records"):
        if role["basis"] == "none":
            continue
        rates = [100 * fitted.rates[case].monthly(role["role"]) for case in CASES]
        given = role["role"] == "guard" and fitted.rates["central"].guard_rate is not None
        rows.append(
            {
                "role": role["label"],
                "low (%/month)": rates[0],
                "central (%/month)": rates[1],
                "high (%/month)": rates[2],
                "basis": "given as a parameter" if given else role["reason"],
            }
        )
    return pd.DataFrame(rows)


def facts(tranches, fitted, fitted_before, backtest_rows, start_values, projected, yardsticks, evidence_date):
    """What the chapter's prose states, computed here."""
    backtest_start = fitted_before.cutoff
    central = fitted.rates["central"]
    final = projected[projected["month"].eq(projected["month"].max())].set_index("case")
    start = start_values.set_index("quantity")
    verdicts = backtest_rows["verdict"] if len(backtest_rows) else pd.Series(dtype=str)
    consistent = verdicts.str.startswith(("consistent", "within")).sum()
    below = backtest_rows[verdicts.str.contains("below")] if len(backtest_rows) else backtest_rows
    return {
        "evidence_date": pd.Timestamp(evidence_date).date().isoformat(),
        "backtest_start": pd.Timestamp(backtest_start).date().isoformat(),
        "horizon_months": int(projected["month"].max()),
        "horizon_date": final.loc["central", "date"].isoformat(),
        "tranches": len(tranches),
        "sent_low": float(tranches["sent_low"].sum()),
        "sent_high": float(tranches["sent_high"].sum()),
        "assault_rate_pct": 100 * fitted.rates["central"].assault,
        "guard_rate_pct": 100 * fitted.rates["central"].monthly("guard"),
        "killed_share_pct": 100 * central.killed_share,
        "killed_share_before_pct": 100 * fitted_before.rates["central"].killed_share,
        "guard_basis": "given as a parameter"
        if central.guard_rate is not None
        else f"{central.ratios['guard']:g} times the fitted assault rate, as judged",
        "start_killed": float(start.loc["killed", "starting value"]),
        "start_casualties": float(start.loc["casualties", "starting value"]),
        "start_in_theatre": float(projected.query("case == 'central' and month == 0")["in theatre"].iloc[0]),
        "dead": {case: float(final.loc[case, "killed"]) for case in CASES},
        "casualties": {case: float(final.loc[case, "casualties"]) for case in CASES},
        "returned": float(final.loc["central", "returned"]),
        "backtest_estimates": len(backtest_rows),
        "backtest_consistent": int(consistent),
        "backtest_model_below": [
            f"{r['source']}, {r['date']:%-d %b %Y}: {r['quantity']} {r['estimate']}" for r in below.to_dict("records")
        ],
        "yardsticks": {row["yardstick"]: round(row["dead, central (%)"], 2) for row in yardsticks.to_dict("records")},
    }


# --- Tables and figures as a reader sees them -----------------------------------------------------------------


def tranches_shown(tranches: pd.DataFrame) -> pd.DataFrame:
    """The tranches as a reader sees them: unit, size range, dates and the sources of the dates."""
    return pd.DataFrame(
        {
            "tranche": tranches["label"],
            "unit": tranches["unit"],
            "sent": [span(low, high) for low, high in zip(tranches["sent_low"], tranches["sent_high"], strict=True)],
            "arrived": tranches["arrived"].dt.strftime("%d %b %Y"),
            "date's source": tranches["arrived_basis"],
            "home": tranches["home"].dt.strftime("%d %b %Y").fillna(""),
        }
    )


def span(low: float, high: float) -> str:
    """'1,000' or '3,000-4,000'."""
    return f"{low:,.0f}" if low == high else f"{low:,.0f}-{high:,.0f}"


def backtest_shown(rows: pd.DataFrame) -> pd.DataFrame:
    """The backtest as a reader sees it: dates in words, whole numbers."""
    frame = rows.drop(columns=["estimate_id", "value"]).copy()
    frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%d %b %Y")
    for column in ("model low", "model central", "model high"):
        frame[column] = frame[column].round().astype(int)
    return frame


def starting_shown(start: pd.DataFrame) -> pd.DataFrame:
    """The starting values as a reader sees them."""
    frame = start.drop(columns=["date"]).copy()
    frame["its date"] = [d.strftime("%-d %b %Y") if d is not None else "modelled" for d in frame["its date"]]
    for column in ("latest central estimate", "added by the model to the evidence date", "starting value"):
        frame[column] = frame[column].round()
    frame["quantity"] = frame["quantity"].str.replace("casualties", "killed and wounded")
    return frame.rename(
        columns={
            "latest central estimate": "central estimate",
            "added by the model to the evidence date": "added since",
            "starting value": "start",
        }
    )


def colours() -> dict:
    """One colour per quantity across the chapter's figures."""
    return {"killed": "#c0504d", "wounded": "#e8a33d", "casualties": "#1f4e79", "returned": "#4f8f5b"}


def record_points(ax, record: pd.DataFrame, category: str, colour: str, label: str) -> None:
    """The record's cumulative estimates of one quantity as points; floors as upward triangles."""
    rows = record[record["category"].eq(category) & record["scope"].eq("total") & record["bound"].ne("ceiling")]
    for floor, marker in ((True, "^"), (False, "o")):
        own = rows[rows["bound"].eq("floor") == floor]
        if len(own):
            ax.scatter(
                pd.to_datetime(own["date"]),
                own["value_low"],
                color=colour,
                marker=marker,
                s=22,
                zorder=3,
                label=f"{label}: estimate" + (" (floor)" if floor else ""),
            )


def force_figure(tranches: pd.DataFrame, run: pd.DataFrame, record: pd.DataFrame, evidence_date):
    """The force over time: troops sent by tranche (stacked), in theatre, and killed, wounded and returned home,
    modelled (lines) and as the record states them (points)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 3.0))
    days = run["date"]
    stacked = [
        np.where(days >= arrived, sent, 0.0)
        for arrived, sent in zip(tranches["arrived"], tranches["sent"], strict=True)
    ]
    ax.stackplot(
        days,
        stacked,
        labels=list(tranches["label"].str.split(" \\(").str[0]),
        alpha=0.25,
        colors=["#1f4e79", "#5b7fa6", "#8064a2", "#7f7f7f"][: len(stacked)],
    )
    ax.plot(days, run["in theatre"], color="#1f4e79", lw=1.6, label="in theatre (model)")
    c = colours()
    for quantity in ("killed", "wounded", "returned"):
        ax.plot(days, run[quantity], color=c[quantity], lw=1.4, ls="--", label=f"{quantity} (model)")
    record_points(ax, record, "killed", c["killed"], "killed")
    record_points(ax, record, "wounded", c["wounded"], "wounded")
    repatriated = record[record["category"].eq("wounded") & record["scope"].eq("flow")]
    ax.scatter(
        pd.to_datetime(repatriated["date"]),
        repatriated["value_low"],
        color=c["returned"],
        marker="s",
        s=22,
        zorder=3,
        label="wounded sent home: estimate",
    )
    ax.axvline(pd.Timestamp(evidence_date), color="#555555", lw=0.8, ls=":")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(fontsize=7, ncol=2, loc="upper left")
    return fig


def force_title(facts_: dict) -> str:
    """The force figure's finding."""
    return (
        f"North Korea sent {facts_['sent_low']:,.0f}-{facts_['sent_high']:,.0f} troops in {facts_['tranches']} "
        f"tranches; about {facts_['start_in_theatre']:,.0f} were in theatre on {facts_['evidence_date']}"
    )


def backtest_figure(runs: dict, rows: pd.DataFrame, start):
    """The model fitted before ``start`` (band: low to high case) against the estimates made after it."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 1, figsize=(8, 3.3), sharex=True)
    c = colours()
    for ax, quantity in zip(axes, ("casualties", "killed"), strict=True):
        low, central, high = (runs[case] for case in CASES)
        ax.fill_between(
            central["date"],
            np.minimum(low[quantity], high[quantity]),
            np.maximum(low[quantity], high[quantity]),
            color=c[quantity],
            alpha=0.15,
        )
        ax.plot(central["date"], central[quantity], color=c[quantity], lw=1.6, label="model fitted before the start")
        own = rows[rows["quantity"].eq(quantity)]
        for bound, marker in (("floor", "^"), ("point", "o"), ("range", "s"), ("ceiling", "v")):
            shown = own[own["bound"].eq(bound)]
            if len(shown):
                ax.scatter(
                    pd.to_datetime(shown["date"]),
                    shown["value"],
                    color="black",
                    marker=marker,
                    s=24,
                    zorder=3,
                    label=f"estimate after the start ({bound})",
                )
        ax.axvline(pd.Timestamp(start), color="#555555", lw=0.8, ls=":")
        ax.text(0.99, 0.04, quantity, transform=ax.transAxes, ha="right", fontsize=9, color=c[quantity])
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    axes[0].legend(fontsize=7, loc="upper left")
    return fig


def unobserved_note(facts_: dict) -> str:
    """What the projection says about the months after the record's last estimate (whether or not they have
    passed when the report is read)."""
    return (
        f"The record's last estimate is of {facts_['record_ends']}: every month of the projection is projected, "
        "not observed, however many of them have passed when the report is read; only the months before that "
        "date can be checked, and the backtest checks them."
    )


def backtest_reading(facts_: dict) -> str:
    """What the backtest says about the dead: when the model falls short of later estimates of the dead, whether
    the killed share of the earlier estimates explains it (empty when it does not fall short)."""
    if not any(": killed " in item for item in facts_["backtest_model_below"]):
        return ""
    if facts_["killed_share_before_pct"] < facts_["killed_share_pct"]:
        return (
            "The shortfall is in the dead: the estimates made before the start put "
            f"{facts_['killed_share_before_pct']:.0f}% of casualties among the dead, the report's central figures "
            f"{facts_['killed_share_pct']:.0f}%. The "
            "sources raised their count of the dead by more than the pace of the fighting explains."
        )
    return "The shortfall is in the dead, with a killed share no lower than the central figures give."


def backtest_title(facts_: dict) -> str:
    """The backtest figure's finding."""
    return (
        f"Fitted on the estimates made before {facts_['backtest_start']}, the model agrees with "
        f"{facts_['backtest_consistent']} of the {facts_['backtest_estimates']} estimates made since"
    )


def projection_figure(projected: pd.DataFrame, record: pd.DataFrame, corps: float):
    """Cumulative dead from the evidence date per case (band low to high), the record's dead before it, and the
    first contingent's size for scale."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 2.6))
    by_case = {case: projected[projected["case"].eq(case)] for case in CASES}
    dates = pd.to_datetime(by_case["central"]["date"])
    ax.fill_between(
        dates,
        by_case["low"]["killed"],
        by_case["high"]["killed"],
        color=colours()["killed"],
        alpha=0.2,
        label="low to high case",
    )
    ax.plot(dates, by_case["central"]["killed"], color=colours()["killed"], lw=1.8, label="central case")
    record_points(ax, record, "killed", "#555555", "dead")
    ax.axhline(corps, color="#1f4e79", lw=0.8, ls="-.")
    ax.text(dates.iloc[-1], corps * 0.95, "the first contingent", ha="right", va="top", fontsize=8, color="#1f4e79")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(fontsize=7, loc="upper left")
    return fig


def projection_title(facts_: dict) -> str:
    """The projection figure's finding."""
    dead = facts_["dead"]
    return (
        f"By {facts_['horizon_date']}: {dead['low']:,.0f} to {dead['high']:,.0f} dead (central "
        f"{dead['central']:,.0f}), from {facts_['start_killed']:,.0f} on {facts_['evidence_date']}"
    )


def sensitivity_figure(table: pd.DataFrame):
    """Projected dead against the guard rate, one line per horizon."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 2.5))
    for horizon, own in table.groupby("horizon (months)"):
        ax.plot(own["guard rate (% a month)"], own["dead"], marker="o", lw=1.4, label=f"{horizon} months")
    ax.set_xscale("log")
    rates = sorted(table["guard rate (% a month)"].unique())
    ax.set_xticks(rates, [f"{v:.2g}%" for v in rates])
    ax.minorticks_off()
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(title="horizon", fontsize=8, title_fontsize=8)
    return fig


def sensitivity_title(table: pd.DataFrame) -> str:
    """The sensitivity figure's finding: the spread of dead at the longest horizon across the guard rates."""
    longest = table[table["horizon (months)"].eq(table["horizon (months)"].max())]
    rates = longest["guard rate (% a month)"]
    return (
        f"At {longest['horizon (months)'].iloc[0]} months, a guard rate from {rates.min():.2g}% to {rates.max():.2g}% "
        f"a month gives {longest['dead'].min():,.0f} to {longest['dead'].max():,.0f} dead"
    )
