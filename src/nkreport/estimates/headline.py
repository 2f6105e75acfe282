"""Headline figures, like with like: central estimates, their range, and floors and ceilings kept apart.

For each quantity of North Korea's losses, the pool is every source's latest whole-force estimate
(public record, and reviewed corpus estimates by a named source); unverified and conflated estimates
stay out unless asked for. Only estimates made within ``window_days`` of the latest evidence on that
quantity are compared: an estimate of the dead in January and one in September count different totals.

- central: ``conservative`` takes the latest point estimate of the best-graded source (ties: the lower
  figure), after ACLED's practice; ``median`` the median of the sources' latest mid-points;
- low and high: the lowest and highest point or range estimate in the window (never a floor or ceiling);
- floor and ceiling: the highest floor and the lowest ceiling in the window, shown beside the range;
- as_of: the date of the latest estimate shown.

The force sent is the sum of its tranches (first contingent, reinforcements, engineers, builders), each
tranche's figure taken from the estimates of that tranche alone.
"""

from __future__ import annotations

import pandas as pd

from .record import EXCLUDED_BY_DEFAULT
from .resolve import UNNAMED

LOSSES = ("killed", "wounded", "casualties", "captured")
ESTIMATE_BOUNDS = ("point", "range")
FIGURE_COLUMNS = [
    "category",
    "central",
    "central_basis",
    "central_date",
    "low",
    "high",
    "estimates",
    "actors",
    "floor",
    "floor_basis",
    "floor_date",
    "ceiling",
    "ceiling_basis",
    "ceiling_date",
    "as_of",
    "sources",
]


def headline_pool(
    estimates: pd.DataFrame, cutoff=None, include_unverified: bool = False, actors: tuple = (), excluded: tuple = ()
) -> pd.DataFrame:
    """Estimates that may set a headline figure: dated, about North Korea's force, by a named source."""
    named = estimates["origin"].eq("public record") | ~estimates["actor"].isin(UNNAMED)
    keep = estimates["force"].eq("north_korean") & named & estimates["date"].notna()
    if not include_unverified:
        keep &= ~estimates["verification"].isin(EXCLUDED_BY_DEFAULT)
    if cutoff is not None:
        keep &= pd.to_datetime(estimates["date"]).le(pd.Timestamp(cutoff))
    if actors:
        keep &= estimates["actor"].isin(actors)
    if excluded:
        keep &= ~estimates["actor"].isin(excluded)
    return estimates[keep].assign(date=pd.to_datetime(estimates.loc[keep, "date"]))


def latest_per_actor(frame: pd.DataFrame, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Each actor's latest estimate (per ``by`` columns too; ties on the day: the higher figure)."""
    ordered = frame.sort_values(["actor", "date", "value_high", "estimate_id"], kind="stable")
    return ordered.groupby([*by, "actor"], sort=True).tail(1)


def in_window(frame: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """The rows made within ``window_days`` of the latest row."""
    if frame.empty:
        return frame
    return frame[frame["date"].ge(frame["date"].max() - pd.Timedelta(days=window_days))]


def pick_central(estimates: pd.DataFrame, method: str) -> tuple[float, str, object]:
    """(value, estimate id, date) of the central figure among comparable estimates."""
    mid = (estimates["value_low"] + estimates["value_high"]) / 2
    if method == "median":
        return float(mid.median()), "median of the sources' latest estimates", estimates["date"].max()
    best = estimates.assign(mid=mid).sort_values(["reliability", "date", "mid"], ascending=[True, False, True])
    pick = best.iloc[0]
    return float(pick["mid"]), pick["estimate_id"], pick["date"]


def bound_figure(frame: pd.DataFrame, bound: str) -> tuple[float | None, str, object]:
    """(value, estimate id, date) of the highest floor or the lowest ceiling in ``frame``."""
    rows = frame[frame["bound"].eq(bound)]
    if rows.empty:
        return None, "", None
    ordered = rows.sort_values(["value_low", "date", "estimate_id"], kind="stable")
    pick = ordered.iloc[-1] if bound == "floor" else ordered.iloc[0]
    return float(pick["value_low"]), pick["estimate_id"], pick["date"]


def figure_row(category: str, window: pd.DataFrame, method: str) -> dict:
    """One headline row from the estimates of one quantity made within the window."""
    comparable = window[window["bound"].isin(ESTIMATE_BOUNDS)]
    central, basis, central_date = pick_central(comparable, method) if not comparable.empty else (None, "", None)
    floor = bound_figure(window, "floor")
    ceiling = bound_figure(window, "ceiling")
    shown = [d for d in (central_date, floor[2], ceiling[2]) if d is not None]
    return {
        "category": category,
        "central": central,
        "central_basis": basis,
        "central_date": central_date,
        "low": float(comparable["value_low"].min()) if not comparable.empty else None,
        "high": float(comparable["value_high"].max()) if not comparable.empty else None,
        "estimates": len(comparable),
        "actors": int(comparable["actor"].nunique()),
        "floor": floor[0],
        "floor_basis": floor[1],
        "floor_date": floor[2],
        "ceiling": ceiling[0],
        "ceiling_basis": ceiling[1],
        "ceiling_date": ceiling[2],
        "as_of": max(comparable["date"].max(), *shown) if not comparable.empty else max(shown, default=None),
        "sources": "; ".join(sorted(window["estimate_id"])),
    }


def loss_figures(pool: pd.DataFrame, window_days: int, method: str) -> list[dict]:
    """Headline rows for the losses: each source's latest whole-force estimate per bound, within the window."""
    totals = pool[pool["scope"].eq("total")]
    rows = []
    for category in LOSSES:
        group = totals[totals["category"].eq(category)]
        if group.empty:
            continue
        latest = latest_per_actor(group, by=("bound",))
        rows.append(figure_row(category, in_window(latest, window_days), method))
    return rows


def tranche_figures(pool: pd.DataFrame, method: str) -> pd.DataFrame:
    """Per tranche of troops sent, the figure from that tranche's own estimates (each source's latest)."""
    single = pool[pool["tranche"].ne("") & ~pool["tranche"].str.contains(r"\+|^all$", regex=True)]
    rows = []
    for tranche, group in single.groupby("tranche", sort=False):
        latest = latest_per_actor(group, by=("bound",))
        row = figure_row(tranche, latest, method)
        if row["central"] is None:  # only floors or ceilings: the tranche is at least its highest floor
            row.update(central=row["floor"], central_basis=row["floor_basis"], central_date=row["floor_date"])
            row.update(low=row["floor"] or row["ceiling"], high=row["ceiling"] or row["floor"])
        row["first_reported"] = group["date"].min()
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.sort_values("first_reported", kind="stable").rename(columns={"category": "tranche"})


def force_sent(tranches: pd.DataFrame) -> dict:
    """The force sent in total: the sum of the tranches' central, low and high figures."""
    return {
        "category": "deployed",
        "central": float(tranches["central"].sum()),
        "central_basis": "sum of " + ", ".join(tranches["central_basis"]),
        "central_date": tranches["central_date"].max(),
        "low": float(tranches["low"].sum()),
        "high": float(tranches["high"].sum()),
        "estimates": int(tranches["estimates"].sum()),
        "actors": None,
        "floor": None,
        "floor_basis": "",
        "floor_date": None,
        "ceiling": None,
        "ceiling_basis": "",
        "ceiling_date": None,
        "as_of": tranches["as_of"].max(),
        "sources": "; ".join(tranches["sources"]),
    }


def in_theatre(pool: pd.DataFrame) -> dict | None:
    """Troops in place at the latest date a source gave the strength of every part of the force."""
    strength = pool[pool["scope"].eq("strength") & pool["category"].eq("deployed")]
    if strength.empty:
        return None
    latest = strength[strength["date"].eq(strength["date"].max())]
    latest = latest[latest["actor"].eq(latest.sort_values("reliability")["actor"].iloc[0])]
    value = float(latest["value_low"].sum())
    return {
        "category": "in_theatre",
        "central": value,
        "central_basis": "sum of " + ", ".join(sorted(latest["estimate_id"])),
        "central_date": latest["date"].max(),
        "low": float(latest["value_low"].sum()),
        "high": float(latest["value_high"].sum()),
        "estimates": len(latest),
        "actors": 1,
        "as_of": latest["date"].max(),
        "sources": "; ".join(sorted(latest["estimate_id"])),
    }


def headline_figures(
    estimates: pd.DataFrame,
    method: str = "conservative",
    window_days: int = 180,
    cutoff=None,
    include_unverified: bool = False,
    actors: tuple = (),
    excluded: tuple = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(headline figures indexed by category, tranches of the force sent) from the graded estimates."""
    if method not in ("conservative", "median"):
        raise ValueError(f"central_estimate must be 'conservative' or 'median', not {method!r}")
    pool = headline_pool(estimates, cutoff, include_unverified, actors, excluded)
    tranches = tranche_figures(pool, method)
    rows = [force_sent(tranches)] if not tranches.empty else []
    theatre = in_theatre(pool)
    rows += ([theatre] if theatre else []) + loss_figures(pool, window_days, method)
    figures = pd.DataFrame(rows).reindex(columns=FIGURE_COLUMNS).set_index("category")
    for column in ("central_date", "floor_date", "ceiling_date", "as_of"):
        figures[column] = pd.to_datetime(figures[column]).dt.date
    return figures, tranches


def disagreements(estimates: pd.DataFrame, window_days: int = 180, **pool_options) -> pd.DataFrame:
    """Per quantity, the lowest and highest comparable estimate (same quantity, whole force, point or range,
    each source's latest within the window) and their ratio; floors and ceilings never enter."""
    pool = headline_pool(estimates, **pool_options)
    totals = pool[pool["scope"].eq("total") & pool["bound"].isin(ESTIMATE_BOUNDS)]
    rows = []
    for category in LOSSES:
        window = in_window(latest_per_actor(totals[totals["category"].eq(category)]), window_days)
        if window["actor"].nunique() < 2:
            continue
        low = window.sort_values(["value_low", "estimate_id"]).iloc[0]
        high = window.sort_values(["value_high", "estimate_id"]).iloc[-1]
        rows.append(
            {
                "category": category,
                "low": low["value_low"],
                "low_basis": low["estimate_id"],
                "high": high["value_high"],
                "high_basis": high["estimate_id"],
                "ratio": round(high["value_high"] / low["value_low"], 1),
                "from": window["date"].min().date(),
                "to": window["date"].max().date(),
            }
        )
    columns = ["category", "low", "low_basis", "high", "high_basis", "ratio", "from", "to"]
    return pd.DataFrame(rows, columns=columns)
