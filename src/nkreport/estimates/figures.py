"""Figure of chapter 2: each source's estimates of the dead and of the killed and wounded over time."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .describe import day, number

PANELS = (("killed", "Dead"), ("casualties", "Killed and wounded"))
MARKERS = {"floor": "^", "ceiling": "v", "point": "o", "range": "o"}


def timeline_frame(estimates: pd.DataFrame) -> pd.DataFrame:
    """Dated whole-force estimates of the dead and of the killed and wounded, North Korea's force."""
    keep = (
        estimates["force"].eq("north_korean")
        & estimates["scope"].eq("total")
        & estimates["category"].isin([c for c, _ in PANELS])
        & estimates["date"].notna()
    )
    return estimates[keep].assign(date=pd.to_datetime(estimates.loc[keep, "date"])).sort_values(["date", "estimate_id"])


def revision_title(estimates: pd.DataFrame, names: dict[str, str]) -> str:
    """The finding: how the most often revised source's estimate of the dead moved."""
    dead = timeline_frame(estimates)
    dead = dead[dead["category"].eq("killed") & dead["origin"].eq("public record")]
    actor = dead["actor"].value_counts().sort_index().idxmax()
    series = dead[dead["actor"].eq(actor)]
    first, last = series.iloc[0], series.iloc[-1]
    return (
        f"{names.get(actor, actor)} revised its estimate of the dead from {number(first['value_low'])} "
        f"({day(first['date'])}) to {number(last['value_low'])} ({day(last['date'])})"
    )


def timeline_figure(estimates: pd.DataFrame, events: pd.DataFrame, names: dict[str, str]) -> plt.Figure:
    """Two panels (dead; killed and wounded): one colour per source, ranges as bars, floors as upward
    triangles, ceilings as downward ones, unverified or conflated estimates hollow; events as lines."""
    frame = timeline_frame(estimates)
    actors = sorted(frame["actor"].unique())
    colours = dict(zip(actors, plt.get_cmap("tab10").colors, strict=False))
    fig, axes = plt.subplots(2, 1, figsize=(8, 6.4), sharex=True, layout="constrained")
    for ax, (category, label) in zip(axes, PANELS, strict=True):
        panel = frame[frame["category"].eq(category)]
        for actor, rows in panel.groupby("actor", sort=True):
            colour = colours[actor]
            for bound, points in rows.groupby("bound", sort=True):
                hollow = points["verification"].isin(["unverified", "conflated"])
                for is_hollow, chosen in points.groupby(hollow):
                    ax.scatter(
                        chosen["date"],
                        chosen["value_low"],
                        marker=MARKERS[bound],
                        s=36,
                        facecolors="none" if is_hollow else colour,
                        edgecolors=colour,
                        zorder=3,
                    )
            ranges = rows[rows["value_low"] < rows["value_high"]]
            ax.vlines(ranges["date"], ranges["value_low"], ranges["value_high"], color=colour, lw=3, alpha=0.5)
            ax.plot(rows["date"], rows["value_low"], color=colour, lw=0.8, alpha=0.5, label=names.get(actor, actor))
        for event in events.itertuples():
            ax.axvline(pd.Timestamp(event.date), color="#999999", lw=0.7, ls=":")
        ax.set_ylabel(f"{label} (people)")
        ax.set_ylim(0, None)
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.grid(axis="y", alpha=0.3)
    for number_, event in enumerate(events.itertuples(), start=1):
        axes[0].annotate(
            str(number_), (pd.Timestamp(event.date), 1), xycoords=("data", "axes fraction"), fontsize=7, ha="center"
        )
    handles, labels = axes[0].get_legend_handles_labels()
    more_h, more_l = axes[1].get_legend_handles_labels()
    seen = dict(zip(labels + more_l, handles + more_h, strict=True))
    axes[0].legend(seen.values(), seen.keys(), frameon=False, fontsize=7, ncol=2, loc="upper left")
    axes[1].set_xlabel("Date the source made the estimate")
    return fig


def events_note(events: pd.DataFrame) -> str:
    """The numbered events marked on the figure, as one line for its caption."""
    return "; ".join(f"{n} {e.event} ({day(e.date)})" for n, e in enumerate(events.itertuples(), start=1))
