"""The projection: tranches sized from the record, a backtest that only looks forward, one starting date."""

from __future__ import annotations

import pandas as pd
import pytest

from nkreport.estimates import evidence_date, headline_figures
from nkreport.estimates.headline import headline_pool
from nkreport.params import ParamError, load_params
from nkreport.scenarios import projection as P
from nkreport.stages.projection import inputs
from nkreport.stages.reference import table as reference


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(estimates, figures, tranche figures, record) of the default corpus, as the claims stage writes them."""
    from nkreport import stages
    from nkreport.paths import PROJECT_ROOT

    root = tmp_path_factory.mktemp("projection")
    stages.cleaning.run(PROJECT_ROOT / "data" / "raw", root)
    stages.claims.run(root)
    return inputs(root)


@pytest.fixture(scope="module")
def record(built):
    return built[3]


@pytest.fixture(scope="module")
def figures(built):
    return built[1]


@pytest.fixture(scope="module")
def tables(built):
    return (
        P.tranche_table(reference("projection_tranches.csv"), built[2]),
        reference("projection_phases.csv"),
        reference("projection_roles.csv"),
    )


@pytest.fixture(scope="module")
def fitted(tables, figures, record):
    tranches, phases, roles = tables
    return P.fit(tranches, phases, roles, figures, evidence_date(record))


def test_tranche_totals_equal_the_cited_tranche_sums(tables, figures):
    tranches, _, _ = tables
    sizes = tranches.set_index("tranche")[["sent_low", "sent", "sent_high"]]
    # first: JCS/UK/Western 11,000 to Ukraine's ceiling 12,000; second: JCS >=3,000, NIS 3,000-4,000;
    # 1,000 sappers (Shoigu, NIS); 5,000 builders (Shoigu, NIS)
    assert sizes.loc["first"].tolist() == [11_000, 11_000, 12_000]
    assert sizes.loc["second"].tolist() == [3_000, 3_500, 4_000]
    assert sizes.loc["third_engineers"].tolist() == [1_000, 1_000, 1_000]
    assert sizes.loc["third_builders"].tolist() == [5_000, 5_000, 5_000]
    assert (tranches["sent_low"].sum(), tranches["sent"].sum(), tranches["sent_high"].sum()) == (20_000, 20_500, 22_000)
    assert tranches["sent"].sum() == figures.loc["deployed", "central"]  # the report's force sent
    # the NIS's "15,000 sent in two deployments" (30 Apr 2025) lies within the first two tranches' sum
    first_two = sizes.loc[["first", "second"]].sum()
    assert first_two["sent_low"] <= 15_000 <= first_two["sent_high"]


def test_a_tranche_the_record_does_not_know_is_refused(built):
    tranches = reference("projection_tranches.csv").assign(tranche="fourth")
    with pytest.raises(P.ProjectionError, match=r"\['fourth'\].*tranche"):
        P.tranche_table(tranches, built[2])


def test_killed_share_agrees_with_the_central_figures(fitted, figures):
    # the dead about 2,000 (NIS, 2 Sep 2025), killed and wounded about 4,700 (NIS, 30 Apr 2025)
    assert figures.loc["killed", "central"] == 2_000 and figures.loc["casualties", "central"] == 4_700
    assert all(rates.killed_share == pytest.approx(2_000 / 4_700) for rates in fitted.rates.values())


def test_the_fit_reproduces_the_estimates_it_is_fitted_to(tables, fitted):
    tranches, phases, _ = tables
    central, high = fitted.targets["central"], fitted.targets["high"]
    assert central == (4_700, pd.Timestamp("2025-04-30"))
    assert high == (6_000, pd.Timestamp("2025-06-15"))  # the high case reaches UK Defence Intelligence's floor
    for case, (value, date) in (("central", central), ("high", high)):
        run = P.simulate(tranches, phases, fitted.rates[case], date)
        assert P.value_on(run, "casualties", date) == pytest.approx(value, abs=1)
    # guard duty after April 2025 loses a tenth of the assault rate (projection_roles.csv)
    assert fitted.rates["central"].monthly("guard") == pytest.approx(0.1 * fitted.rates["central"].assault)


def test_backtest_uses_only_estimates_made_after_its_start(tables, built):
    estimates = built[0]
    tranches, phases, roles = tables
    start = P.default_backtest_start(phases)
    assert start == pd.Timestamp("2025-04-27")  # the day after Russia declared Kursk retaken
    day_before = start - pd.Timedelta(days=1)
    before, _ = headline_figures(estimates, "conservative", 180, day_before)
    fit_before = P.fit(tranches, phases, roles, before, start)
    assert all(date <= day_before for _, date in fit_before.targets.values())
    pool = headline_pool(estimates)
    rows = P.backtest(tranches, phases, fit_before, pool, start, evidence_date(built[3]))
    assert len(rows) and (pd.to_datetime(rows["date"]) > start).all()
    later = pool[pool["date"].gt(start) & pool["scope"].eq("total") & pool["category"].isin(P.CUMULATIVE)]
    assert set(later["estimate_id"]) <= set(rows["estimate_id"])
    assert {"nis_2025-09-02_killed", "uk_di_2025-06-15_casualties", "nis_2025-11-01_deployed_guard"} <= set(
        rows["estimate_id"]
    )
    # the fit does not see the later estimates: multiplying them tenfold changes nothing fitted before the start
    inflated = estimates.copy()
    inflated.loc[inflated["date"].gt(start), ["value_low", "value_high"]] *= 10
    refit = P.fit(tranches, phases, roles, headline_figures(inflated, "conservative", 180, day_before)[0], start)
    assert {c: r.assault for c, r in refit.rates.items()} == {c: r.assault for c, r in fit_before.rates.items()}


def test_starting_values_share_the_evidence_date(tables, fitted, figures, record):
    tranches, phases, _ = tables
    evidence = evidence_date(record)
    assert evidence.isoformat() == "2025-12-12"  # North Korea's welcome of its sappers, the latest estimate
    run = P.simulate(tranches, phases, fitted.rates["central"], evidence)
    start = P.starting_values(run, figures, evidence)
    assert set(start["date"]) == {evidence}
    killed = start.set_index("quantity").loc["killed"]
    assert killed["latest central estimate"] == 2_000 and killed["its date"].isoformat() == "2025-09-02"
    assert killed["starting value"] > 2_000  # the months from September to December add to it
    projected = P.project(tranches, phases, fitted, start, evidence, 12)
    first = projected[projected["month"].eq(0)]
    assert first["killed"].tolist() == pytest.approx([killed["starting value"]] * 3)
    assert set(first["date"]) == {evidence}


def test_simulate_loses_a_months_rate_and_rotates_tranches():
    tranches = pd.DataFrame(
        {
            "tranche_id": ["a"],
            "unit": ["infantry"],
            "sent": [1_000.0],
            "arrived": pd.to_datetime(["2025-01-01"]),
            "home": pd.to_datetime([None]),
        }
    )
    phases = pd.DataFrame({"unit": ["infantry"], "role": ["assault"], "start": ["2025-01-01"], "end": [""]})
    rates = P.Rates(0.10, {"assault": 1.0}, killed_share=0.25)
    run = P.simulate(tranches, phases, rates, "2025-01-31")  # 31 days at 10% a month, compounded daily
    assert 96 < P.value_on(run, "casualties", "2025-01-31") < 98
    assert P.value_on(run, "killed", "2025-01-31") == pytest.approx(P.value_on(run, "casualties", "2025-01-31") / 4)
    still = P.Rates(0.0, {"assault": 1.0}, killed_share=0.25)
    rotated = P.simulate(tranches, phases, still, "2026-02-01", tour_months=6)
    assert P.value_on(rotated, "sent", "2026-02-01") == 3_000  # relieved after 6 and 12 months
    assert P.value_on(rotated, "returned", "2026-02-01") == 2_000
    assert P.value_on(rotated, "in theatre", "2026-02-01") == 1_000


@pytest.mark.parametrize(
    ("bound", "value", "expected"),
    [
        ("floor", 6_000, "the model stays below the floor"),
        ("floor", 4_000, "consistent: the model reaches the floor"),
        ("ceiling", 1_000, "the model exceeds the ceiling"),
        ("ceiling", 4_000, "consistent: the model stays under the ceiling"),
        ("point", 1_040, "within the model's range"),  # "about 1,040" may be 1,100 rounded
        ("point", 900, "the model is above the estimate"),
        ("point", 6_000, "the model is below the estimate"),
    ],
)
def test_verdicts_keep_floors_and_ceilings(bound, value, expected):
    assert P.verdict(bound, value, value, low=1_100, high=5_000) == expected


def test_a_range_estimate_agrees_when_it_overlaps_the_model():
    assert P.verdict("range", 3_000, 4_000, low=3_800, high=5_000) == "within the model's range"
    assert P.verdict("range", 3_000, 4_000, low=4_600, high=5_000) == "the model is above the estimate"


def test_yardsticks_cite_their_figures(tables):
    yardsticks = reference("projection_yardsticks.csv")
    assert set(yardsticks["yardstick_id"]) == {"corps", "army", "intake"}
    assert yardsticks["citation"].str.startswith("http").all()
    assert yardsticks.set_index("yardstick_id").loc["army", "value"] == "1280000"


def test_projection_parameters_are_validated():
    params = load_params(None, [("projection_backtest_start", "2025-06-01"), ("projection_tour_months", "6")])
    assert params.projection_backtest_start.isoformat() == "2025-06-01" and params.projection_tour_months == 6
    with pytest.raises(ParamError, match="projection_guard_loss_rate"):
        load_params(None, [("projection_guard_loss_rate", "1.5")])
    with pytest.raises(ParamError, match="projection_backtest_start"):
        load_params(None, [("projection_backtest_start", "2025-13-40")])


def test_rotation_starts_after_the_evidence_date(tables, fitted, figures, record):
    tranches, phases, _ = tables
    evidence = evidence_date(record)
    run = P.simulate(tranches, phases, fitted.rates["central"], evidence)
    start = P.starting_values(run, figures, evidence)
    projected = P.project(tranches, phases, fitted, start, evidence, 12, tour_months=9).query("case == 'central'")
    first, last = projected.iloc[0], projected.iloc[-1]
    assert first["sent"] == 11_000 + 3_500 + 1_000 + 5_000  # the tranches' central sizes, none relieved yet
    # the infantry tranches, past 9 months on the evidence date, are relieved the next day and again 9 months
    # later; the builders (arrived Oct 2025) once, in July 2026; the sappers had gone home
    assert last["sent"] == first["sent"] + 2 * (11_000 + 3_500) + 5_000
    assert last["returned"] > first["returned"]


def test_months_after_the_record_ends_are_called_projected_not_observed():
    note = P.unobserved_note({"record_ends": "2025-12-12"})
    assert note.startswith("The record's last estimate is of 2025-12-12") and "projected, not observed" in note


def test_the_projection_starts_on_the_evidence_date_the_bottom_line_states():
    from nkreport.stages.scenarios import report_evidence_date

    # KCNA on the war museum, 16 Mar 2026, a reviewed observation, is the latest dated evidence; the public
    # record's estimates stop on 12 Dec 2025 (data/reference/SOURCES.md, "Where the public record stops")
    assert report_evidence_date().isoformat() == "2026-03-16"
    assert report_evidence_date("2025-06-30") <= pd.Timestamp("2025-06-30").date()


def test_reference_tables_that_disagree_are_refused_with_file_and_line():
    tranches, phases, roles = (reference(f"projection_{n}.csv") for n in ("tranches", "phases", "roles"))
    P.check_tables(tranches, phases, roles)  # the committed tables agree
    with pytest.raises(P.ProjectionError, match=r"projection_phases.csv, line 3: role 'raid'"):
        P.check_tables(tranches, phases.assign(role=lambda f: f["role"].where(f.index != 1, "raid")), roles)
    with pytest.raises(P.ProjectionError, match=r"projection_tranches.csv, line 2: unit 'pilots'"):
        P.check_tables(tranches.assign(unit=lambda f: f["unit"].where(f.index != 0, "pilots")), phases, roles)
    with pytest.raises(P.ProjectionError, match=r"projection_tranches.csv, line 2: arrived '2025-13-01'"):
        P.check_tables(tranches.assign(arrived=lambda f: f["arrived"].where(f.index != 0, "2025-13-01")), phases, roles)
