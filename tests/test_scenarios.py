"""Scenarios stage: evidence resolves, indicators read the corpus, ACH ranking, projection arithmetic."""

from __future__ import annotations

import pandas as pd
import pytest

from nkreport import scenarios
from nkreport.paths import REFERENCE_DIR


@pytest.fixture(scope="module")
def sentences(cleaned):
    return cleaned[1]


@pytest.fixture(scope="module")
def hits(cleaned):
    articles, sentences, _ = cleaned
    return scenarios.indicator_hits(sentences, articles, scenarios.load_indicators())


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


def test_every_scenario_reference_resolves(sentences):
    indicators = set(scenarios.load_indicators()["indicator_id"])
    for scenario in scenarios.load_scenarios():
        assert set(scenario["indicators"]) <= indicators, scenario["id"]
        assert scenario["likelihood"] in scenarios.LIKELIHOOD_WORDS
        for ref in scenario["evidence_for"] + scenario["evidence_against"]:
            assert scenarios.resolve(ref, sentences)


def test_every_ach_reference_resolves_and_marks_are_valid(sentences):
    matrix, hypotheses = scenarios.load_ach()
    table = scenarios.ach_table(matrix, sentences)
    assert (table["source"].str.split(": ", n=1).str[1].str.strip().str.len() > 0).all()  # the ref's text
    assert set(matrix.columns[4:]) == set(hypotheses["hypothesis_id"])


def test_unknown_sentence_is_an_error(sentences):
    with pytest.raises(ValueError, match="not a sentence id"):
        scenarios.resolve("acknowledgement-s999", sentences)
    with pytest.raises(ValueError, match="no row"):
        scenarios.resolve("public_estimates.csv:missing_row", sentences)


def test_ach_ranks_by_weighted_inconsistency_alone_ties_by_consistency():
    matrix = pd.DataFrame(
        {
            "evidence_id": ["e1", "e2", "e3"],
            "weight": [1, 2, 1],
            "h_a": ["I", "C", "II"],  # inconsistency 1 + 0 + 2 = 3
            "h_b": ["C", "I", "C"],  # 2, consistent twice
            "h_c": ["N", "I", "N"],  # 2, tied with h_b but consistent with nothing
            "h_d": ["II", "II", "I"],  # 2 + 4 + 1 = 7
        }
    )
    hypotheses = pd.DataFrame({"hypothesis_id": ["h_a", "h_b", "h_c", "h_d"], "hypothesis": ["A", "B", "C", "D"]})
    scores = scenarios.ach_scores(matrix, hypotheses)
    assert scores["hypothesis_id"].tolist() == ["h_b", "h_c", "h_a", "h_d"]
    assert scores["inconsistency"].tolist() == [2, 2, 3, 7]
    assert scores["rank"].tolist() == [1, 2, 3, 4]


def test_indicators_found_in_the_default_corpus(hits):
    found = hits.groupby("indicator_id")["sentence_id"].apply(set)
    assert "defencereport-webb-s021" in found["desertion"]
    assert "acknowledgement-s024" in found["family_relocation"]
    assert "diplomat-casualties-s039" in found["pow_testimony"]
    assert "acknowledgement-s004" in found["acknowledgement_commemoration"]
    assert "diplomat-casualties-s029" in found["army_purges"]


@pytest.mark.parametrize(
    ("sentence", "indicator"),
    [
        ("Ukraine says about 40 North Korean soldiers deserted from their units near Kursk.", "desertion"),
        ("The families of the dead were resettled in the capital.", "family_relocation"),
        ("Two senior officers of the corps were executed last month, defectors say.", "army_purges"),
        ("State television showed a memorial to the fallen soldiers.", "acknowledgement_commemoration"),
        ("A captured North Korean told reporters he wanted to go to Seoul.", "pow_testimony"),
    ],
)
def test_indicator_patterns_read_new_phrasings(sentence, indicator):
    table = scenarios.load_indicators().set_index("indicator_id")
    assert pd.Series([sentence]).str.contains(table.loc[indicator, "pattern"], regex=True).iloc[0]


def test_projection_arithmetic():
    frame = scenarios.project(1000, 0, 0.1, 2, (50, 10), 0.5)
    assert frame["casualties"].tolist() == pytest.approx([150, 240])  # 100 of 1,000, then 90 of 900
    assert frame["deaths"].tolist() == pytest.approx([60, 105])
    assert frame["force"].tolist() == pytest.approx([900, 810])
    with_reinforcements = scenarios.project(1000, 100, 0.1, 1, (0, 0), 1)
    assert with_reinforcements["casualties"].iloc[0] == pytest.approx(110)


def test_loss_rates_derived_from_dated_totals(record):
    rates = scenarios.derived_loss_rates(record, "2024-10-08", 15000)
    totals = record[record["category"].eq("casualties") & record["scope"].eq("total")]
    uk = totals[totals["actor"].eq("uk_defence_intelligence")].iloc[-1]
    uk_rate = uk["value_low"] / scenarios.months("2024-10-08", uk["date"]) / 15000
    assert rates[0] <= uk_rate <= rates[2]
    assert rates[0] < rates[1] < rates[2]


def test_given_parameters_replace_derived_ones(record, headline):
    derived = scenarios.assumptions(record, headline, "2024-10-08")
    given = scenarios.assumptions(record, headline, "2024-10-08", force=20000, loss_rate=0.05, horizon=12)
    assert given.force == 20000 and given.horizon == 12
    assert given.loss_rate[1] == pytest.approx(0.05)
    assert given.loss_rate[0] / given.loss_rate[1] == pytest.approx(derived.loss_rate[0] / derived.loss_rate[1])
    assert given.basis["force"] == "given" and derived.basis["force"].startswith("derived")
    lower = scenarios.central_deaths(scenarios.assumptions(record, headline, "2024-10-08", loss_rate=0.05))
    higher = scenarios.central_deaths(scenarios.assumptions(record, headline, "2024-10-08", loss_rate=0.1))
    assert higher > lower


def test_sensitivity_is_ordered_by_swing(record, headline):
    table = scenarios.sensitivity(scenarios.assumptions(record, headline, "2024-10-08"))
    assert table["swing"].is_monotonic_decreasing
    assert set(table["assumption"]) == {
        "monthly loss rate",
        "killed share of casualties",
        "force deployed",
        "reinforcements per month",
        "horizon (months)",
    }
    assert (table["deaths at high"] >= table["deaths at low"]).all()


def test_evidence_from_articles_outside_the_corpus_is_named_not_fatal(sentences):
    other_corpus = sentences[sentences["article_id"].ne("acknowledgement")]
    assert "not in this corpus" in scenarios.resolve("acknowledgement-s006", other_corpus)
