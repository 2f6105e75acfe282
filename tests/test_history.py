"""History stage: reference tables, corpus against reference, metrics side by side, risk matrix."""

from __future__ import annotations

import pandas as pd
import pytest

from nkreport import history
from nkreport.estimates import headline_figures
from nkreport.params import check_precedents
from nkreport.paths import REFERENCE_DIR
from nkreport.stages import reference as stage_reference
from nkreport.stages.claims import graded_record

CITED_TABLES = ["deployments.csv", "deployment_figures.csv", "coup_cases.csv", "korean_war.csv", "public_estimates.csv"]


@pytest.fixture(scope="module")
def reference():
    return stage_reference.history()


@pytest.fixture(scope="module")
def record(claim_table):
    return graded_record(claim_table)


@pytest.fixture(scope="module")
def headline(estimate_tables):
    """Headline figures over a year's window, so that the dead have a low (Jan 2025) and a high (Feb 2025)."""
    return headline_figures(estimate_tables[1], window_days=365)[0]


@pytest.fixture(scope="module")
def side_by_side(reference, headline, record, claim_table):
    """metrics(estimate, precedents) for the default corpus and the public record."""
    statements = history.statement_dates(record, claim_table)
    return lambda estimate, precedents: history.metrics(reference, headline, precedents, estimate, statements, record)


@pytest.mark.parametrize("name", CITED_TABLES)
def test_every_reference_row_has_a_citation_and_a_confidence(name):
    table = pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False)
    assert table["citation"].str.match(r"^https?://").all(), name
    if "confidence" in table.columns:
        assert set(table["confidence"]) <= {"high", "medium", "low"}


def test_disagreeing_sources_are_kept_as_separate_rows(reference):
    vietnam_force = history.metric_rows(reference, "vietnam", "force")
    assert len(vietnam_force) >= 2
    vi_corps_years = reference.coups[reference.coups["case_id"].eq("vi_corps")]["year_low"]
    assert vi_corps_years.nunique() >= 3  # 1994 (famine years), 1995, 1996, 1997 accounts all kept


def test_deaths_per_month_ukraine_against_vietnam(side_by_side):
    frame = side_by_side("central", ["vietnam"])
    # Vietnam: 14 dead (VNA, 2019) over 24 months (1967-68). Ukraine: about 2,000 killed by 2 Sep 2025
    # (South Korea's NIS), 329 days after the deployment began on 8 Oct 2024.
    assert frame.loc["vietnam", "deaths"] == 14
    assert frame.loc["vietnam", "deaths_per_month"] == pytest.approx(14 / 24, abs=0.01)
    assert frame.loc["ukraine_2024", "deaths_per_month"] == pytest.approx(2000 / (329 / 30.4375), rel=0.01)
    observed = frame.loc["ukraine_2024", "deaths_per_month"] / frame.loc["vietnam", "deaths_per_month"]
    assert observed == pytest.approx(317, rel=0.02)


def test_ukraine_estimate_parameter_picks_low_or_high(headline, side_by_side):
    low = side_by_side("low", ["vietnam"]).loc["ukraine_2024"]
    high = side_by_side("high", ["vietnam"]).loc["ukraine_2024"]
    assert (low["deaths"], high["deaths"]) == (headline.loc["killed", "low"], headline.loc["killed", "high"])
    assert low["force"] == headline.loc["deployed", "low"]
    assert low["months"] < high["months"]  # each estimate is divided by the months up to its own date


def test_a_force_known_only_from_a_weak_source_counts_the_better_rated_pilots(reference, side_by_side):
    egypt = reference.figures[reference.figures["deployment_id"].eq("egypt_1973")]
    pilots = egypt[egypt["metric"].eq("pilots")]
    frame = side_by_side("central", ["egypt_1973"]).loc["egypt_1973"]
    assert frame["force"] == pilots.loc[pilots["confidence"].eq("medium"), "value_low"].median() == 30
    assert frame["force_low"] == pilots["value_low"].min()
    assert frame["force_high"] == egypt.loc[egypt["metric"].eq("force"), "value_high"].max()  # the 1,500 kept
    assert frame["deaths_share_pct"] == pytest.approx(100 * frame["deaths"] / 30, abs=0.01)


def test_concentration_in_time_and_place(reference, record, side_by_side):
    frame = side_by_side("central", ["vietnam", "egypt_1973", "zimbabwe"])
    vietnam = reference.figures.set_index("figure_id")
    expected = 100 * vietnam.loc["vietnam_deaths_peak_year_vna", "value_high"] / frame.loc["vietnam", "deaths"]
    assert frame.loc["vietnam", ["peak_year", "peak_year_deaths_pct"]].tolist() == [1967, round(expected, 1)]
    assert frame.loc["egypt_1973", "peak_year_deaths_pct"] == 100  # a deployment within one year
    assert pd.isna(frame.loc["zimbabwe", "peak_year_deaths_pct"])  # no deaths recorded
    nis = record[record["actor"].eq("south_korea_nis") & record["category"].eq("killed") & record["scope"].eq("total")]
    dates = pd.to_datetime(nis["date"])
    end_2024, latest = nis.loc[dates.dt.year.eq(2024), "value_high"].max(), nis["value_high"].max()
    ukraine = frame.loc["ukraine_2024"]
    assert (ukraine["peak_year"], ukraine["peak_year_basis"]) == (2025, "south_korea_nis")
    assert ukraine["peak_year_deaths_pct"] == pytest.approx(100 * (latest - end_2024) / latest, abs=0.1)
    kursk = record.set_index("estimate_id").loc[["us_2024-11-04_deployed_kursk", "us_2024-11-04_deployed"]]
    assert ukraine["theatre_share_low_pct"] == pytest.approx(
        100 * kursk["value_low"].iloc[0] / kursk["value_high"].iloc[1], abs=0.1
    )
    assert ukraine["theatre_share_high_pct"] == pytest.approx(
        100 * kursk["value_high"].iloc[0] / kursk["value_low"].iloc[1], abs=0.1
    )
    assert ukraine["theatre_share_basis"] == "US State Department (Miller) / DoD (Ryder), 4 Nov 2024"  # no ids


def test_years_to_acknowledgement_from_the_dates(reference):
    vietnam = history.years_to_acknowledgement(reference.deployments.loc["vietnam"])
    ukraine = history.years_to_acknowledgement(reference.deployments.loc["ukraine_2024"])
    assert vietnam == pytest.approx(34.7, abs=0.1)  # Oct 1966 to 6 Jul 2001
    assert ukraine == pytest.approx(0.6, abs=0.1)  # 8 Oct 2024 to 28 Apr 2025


def test_corpus_figures_beside_reference_flag_the_unconfirmed(claim_table, reference, cleaned):
    _, sentences, _ = cleaned
    figures = history.corpus_figures_vs_reference(claim_table, reference)
    flagged = set(figures.loc[figures["corpus only"], "corpus"])
    assert flagged == {"1,000", "27"}  # 1,000 men in Vietnam; 27 deaths per North Korean sources
    unsourced = figures.set_index("corpus").loc["384", "difference"]  # inside AP's 200-400, but no source says 384
    assert unsourced == "within the reference range, though no source gives this figure itself"
    years = history.corpus_years_vs_reference(sentences, reference).set_index("sentence")
    assert years.loc["unprecedented-intervention-s007", "corpus"] == "1992"
    assert years.loc["unprecedented-intervention-s007", "difference"] == "matches a reference version"
    assert years.loc["acknowledgement-s012", "difference"] == "1 year(s) earlier than the reference"
    assert years.loc["diplomat-casualties-s028", "corpus"] == "1990s"


def test_years_are_read_from_sentences():
    assert history.years_in("In 1992, North Korea only just managed to head off a coup.") == (1992, 1992)
    assert history.years_in("Pilots served in the 1960s and it was made public in 2000.") == (2000, 2000)
    assert history.years_in("In the 1990s, the VI Corps were reportedly involved.") == (1990, 1999)
    assert history.years_in("It sent 2,000 troops.") is None


def test_risk_matrix_cells_carry_resolvable_evidence(reference, cleaned):
    _, sentences, _ = cleaned
    matrix = history.risk_matrix(reference, sentences)
    assert list(matrix.columns) == ["factor", *history.CASES.values()]
    assert len(matrix) == reference.risks["factor"].nunique() == 6
    today = matrix[history.CASES["ukraine_2024"]]
    ids = today.str.extract(r"\[(.+)\]$")[0]
    assert ids.isin(set(sentences["sentence_id"])).all()
    vi_corps = reference.coups.loc[reference.coups["case_id"].eq("vi_corps"), "source"]
    cited = matrix[history.CASES["vi_corps"]].str.extract(r"\[(.+)\]$")[0]
    assert cited.isin(set(vi_corps)).all()  # a reader's citation of the account, not a row id
    assert not matrix.stack().str.contains("coup_cases.csv").any()


def test_unknown_precedent_is_refused():
    with pytest.raises(ValueError, match="narnia"):
        check_precedents(["vietnam", "narnia"])


def test_korean_war_scale_spans_the_sources(reference):
    scale = history.korean_war_scale(reference)
    killed = reference.korean_war[reference.korean_war["metric"].eq("killed")]
    assert scale["low"] == killed["value_low"].min()
    assert scale["high"] == killed["value_high"].max()


def test_long_listings_are_cut_with_a_count():
    rows = pd.DataFrame({"q": ["Vietnam force"] * 10, "c": ["1,000"] * 10, "s": [f"a-s{i:03d}" for i in range(10)]})
    text = history.listing(rows, shown=3)
    assert text.count("Vietnam force") == 3 and text.endswith("; and 7 more")
    assert history.listing(rows.iloc[0:0]) == "none"


def test_coup_summary_keeps_every_date_and_headcount(reference):
    summary = history.coup_summary(reference).set_index("case")
    coups = reference.coups
    for case_id in ("frunze_plot", "vi_corps"):
        rows = coups[coups["case_id"].eq(case_id)]
        counts = pd.concat([rows["punished_low"], rows["punished_high"]]).dropna()
        row = summary.loc[rows["case"].iloc[0]]
        assert row["accounts"] == len(rows)
        assert row["years given"] == f"{rows['year_low'].min():.0f}-{rows['year_high'].max():.0f}"
        assert row["punished (range of accounts)"] == f"{counts.min():,.0f}-{counts.max():,.0f}"
    assert summary["years given"].tolist() == ["1990-1999", "1994-1998"]


def test_a_headcount_without_an_upper_figure_reads_as_a_floor(reference):
    table = history.coup_accounts_table(reference).set_index("account")
    assert table.loc["vi_corps_dailynkjp", "punished"] == "at least 40 executed (families sent to camps)"
    assert table.loc["frunze_martin2004_lim", "punished"].startswith("200-300 arrested")
    assert table.loc["frunze_yi2015", "punished"] == ""


def test_acknowledgement_record_and_shared_risk_factors(reference):
    deployments = reference.deployments.drop(index="ukraine_2024")
    record = history.acknowledgement_record(reference)
    assert record == {
        "earlier": len(deployments),
        "at_the_time": 1,  # DR Congo 2000, announced by Pyongyang itself
        "never": int(deployments["acknowledged_year"].isna().sum()),
    }
    risks = reference.risks
    today_high = set(risks.loc[risks["case_id"].eq("ukraine_2024") & risks["level"].eq("high"), "factor"])
    assert today_high == {"foreign_exposure", "grievance", "regime_response"}
    assert len(history.shared_high_factors(risks)) == 2  # foreign exposure (Frunze plot) and the regime's response
    assert history.factor_level(risks, "unit_cohesion_command", "ukraine_2024") == "low"
