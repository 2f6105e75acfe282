"""The projection (moved from the former scenarios module; its rewrite lives elsewhere)."""

from __future__ import annotations

import pandas as pd
import pytest

from nkreport.paths import REFERENCE_DIR
from nkreport.scenarios import projection


@pytest.fixture(scope="module")
def record():
    frame = pd.read_csv(REFERENCE_DIR / "public_estimates.csv", keep_default_na=False, na_values=[""])
    return frame.assign(reliability=frame["actor"].map(lambda a: "B" if a.startswith("south_korea") else "C"))


@pytest.fixture(scope="module")
def headline():
    return pd.DataFrame(
        {
            "low": [11000, 101, 1200],
            "central": [15000, 2000, 6000],
            "high": [15000, 6000, 6000],
            "as_of": ["2025-11-14", "2025-11-14", "2025-06-15"],
        },
        index=pd.Index(["deployed", "killed", "casualties"], name="category"),
    )


def test_projection_arithmetic():
    frame = projection.project(1000, 0, 0.1, 2, (50, 10), 0.5)
    assert frame["casualties"].tolist() == pytest.approx([150, 240])  # 100 of 1,000, then 90 of 900
    assert frame["deaths"].tolist() == pytest.approx([60, 105])
    assert frame["force"].tolist() == pytest.approx([900, 810])
    with_reinforcements = projection.project(1000, 100, 0.1, 1, (0, 0), 1)
    assert with_reinforcements["casualties"].iloc[0] == pytest.approx(110)


def test_loss_rates_derived_from_dated_totals(record):
    rates = projection.derived_loss_rates(record, "2024-10-08", 15000)
    totals = record[record["category"].eq("casualties") & record["scope"].eq("total")]
    uk = totals[totals["actor"].eq("uk_defence_intelligence")].iloc[-1]
    uk_rate = uk["value_low"] / projection.months("2024-10-08", uk["date"]) / 15000
    assert rates[0] <= uk_rate <= rates[2]
    assert rates[0] < rates[1] < rates[2]


def test_given_parameters_replace_derived_ones(record, headline):
    derived = projection.assumptions(record, headline, "2024-10-08")
    given = projection.assumptions(record, headline, "2024-10-08", force=20000, loss_rate=0.05, horizon=12)
    assert given.force == 20000 and given.horizon == 12
    assert given.loss_rate[1] == pytest.approx(0.05)
    assert given.loss_rate[0] / given.loss_rate[1] == pytest.approx(derived.loss_rate[0] / derived.loss_rate[1])
    assert given.basis["force"] == "given" and derived.basis["force"].startswith("derived")
    lower = projection.central_deaths(projection.assumptions(record, headline, "2024-10-08", loss_rate=0.05))
    higher = projection.central_deaths(projection.assumptions(record, headline, "2024-10-08", loss_rate=0.1))
    assert higher > lower


def test_sensitivity_is_ordered_by_swing(record, headline):
    table = projection.sensitivity(projection.assumptions(record, headline, "2024-10-08"))
    assert table["swing"].is_monotonic_decreasing
    assert (table["deaths at high"] >= table["deaths at low"]).all()
