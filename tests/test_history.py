"""History stage: reference tables, corpus against reference, metrics side by side, risk matrix."""

from __future__ import annotations

import pandas as pd
import pytest

from nkreport import history
from nkreport.estimates import graded_estimates, load_estimates, ukraine_figures
from nkreport.paths import REFERENCE_DIR

CITED_TABLES = ["deployments.csv", "deployment_figures.csv", "coup_cases.csv", "korean_war.csv", "public_estimates.csv"]


@pytest.fixture(scope="module")
def reference():
    return history.load_history()


@pytest.fixture(scope="module")
def headline(claim_table):
    return ukraine_figures(claim_table, graded_estimates(load_estimates(), claim_table))


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


def test_ratio_of_deaths_per_month_ukraine_to_vietnam_comes_from_the_tables(reference, headline):
    frame = history.metrics(reference, headline, ["vietnam"], "central")
    vietnam = reference.figures[reference.figures["deployment_id"].eq("vietnam")]
    deaths = vietnam[vietnam["metric"].eq("deaths")]["value_low"].iloc[0]
    months = vietnam[vietnam["metric"].eq("duration_months") & vietnam["confidence"].eq("medium")]["value_low"]
    start = pd.Timestamp(reference.deployments.loc["ukraine_2024", "start_date"])
    ukraine_months = (pd.Timestamp(headline.loc["killed", "as_of"]) - start).days / 30.4375
    expected = (headline.loc["killed", "central"] / ukraine_months) / (deaths / months.median())
    observed = frame.loc["ukraine_2024", "deaths_per_month"] / frame.loc["vietnam", "deaths_per_month"]
    assert observed == pytest.approx(expected, rel=0.01)
    assert frame.loc["vietnam", "deaths"] == 14


def test_ukraine_estimate_parameter_picks_low_or_high(reference, headline):
    low = history.metrics(reference, headline, ["vietnam"], "low").loc["ukraine_2024"]
    high = history.metrics(reference, headline, ["vietnam"], "high").loc["ukraine_2024"]
    assert (low["deaths"], high["deaths"]) == (headline.loc["killed", "low"], headline.loc["killed", "high"])
    assert low["force"] == headline.loc["deployed", "low"]


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
    assert matrix[history.CASES["vi_corps"]].str.contains(r"\[coup_cases.csv:vi_corps_").all()


def test_unknown_precedent_is_refused():
    with pytest.raises(ValueError, match="narnia"):
        history.check_precedents(["vietnam", "narnia"])


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
