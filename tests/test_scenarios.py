"""Chapter 4: scenarios and probabilities, indicators and warnings, ACH, what changed, the bottom line."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from nkreport.params import ParamError, load_params
from nkreport.scenarios import ach, bottomline, indicators
from nkreport.scenarios import scenarios as scenario_set
from nkreport.scenarios.evidence import and_join, resolve, short_name
from nkreport.stages import outputs, reference
from nkreport.stages import scenarios as stage

N_OF_N = re.compile(r"\b\d+\s+of\s+(?:the\s+)?\d+\s+(?:warning\s+)?indicators\b", re.IGNORECASE)
FLOAT_ARTEFACT = re.compile(r"\d\.0\b|\d\.\d{4,}")


@pytest.fixture(scope="module")
def sentences(cleaned):
    return cleaned[1]


@pytest.fixture(scope="module")
def setting():
    return reference.scenarios()


@pytest.fixture(scope="module")
def tables():
    return {name: reference.table(name) for name in stage.EVIDENCE_TABLES}


@pytest.fixture(scope="module")
def built_stage(tmp_path_factory, name_variants):
    """Chapter 4 run on the default corpus after the cleaning and claims stages, into a temporary root."""
    from nkreport import stages
    from nkreport.paths import PROJECT_ROOT

    root = tmp_path_factory.mktemp("chapter4")
    stages.cleaning.run(PROJECT_ROOT / "data" / "raw", root)
    stages.claims.run(root)
    return root, stage.run(root)


# --- scenarios and probabilities --------------------------------------------------------------------------------


def test_judged_probabilities_sum_to_100_at_every_horizon(setting):
    judged = reference.table("scenario_probabilities.csv")
    for horizon in (12, 24):
        chances = scenario_set.probabilities(judged, setting["scenarios"], horizon)
        assert chances["probability"].sum() == 100
        assert list(chances["scenario_id"]) == ["absorb", "contained", "disaffection", "challenge"]


def test_probabilities_not_summing_to_100_are_refused_naming_the_parameter(setting):
    given = {"absorb": 50, "contained": 30, "disaffection": 10, "challenge": 5}
    with pytest.raises(ValueError, match=r"scenario_probabilities: probabilities sum to 95, not 100"):
        scenario_set.probabilities(pd.DataFrame(), setting["scenarios"], 12, given)


def test_params_file_with_probabilities_not_summing_to_100_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("scenario_probabilities: {absorb: 60, contained: 30, disaffection: 9, challenge: 3}\n")
    with pytest.raises(ParamError, match=r"'scenario_probabilities'.*sum to 102, not 100"):
        load_params(path)
    with pytest.raises(ParamError, match=r"'judgement_horizon_months' = 18.*judged horizons: \[12, 24\]"):
        load_params(None, [("judgement_horizon_months", "18")])
    good = load_params(
        None, [("scenario_probabilities", "{absorb: 40, contained: 40, disaffection: 15, challenge: 5}")]
    )
    assert good.scenario_probabilities["disaffection"] == 15.0


def test_scenarios_are_ordered_outcomes_with_unique_severities(setting):
    assert [s["severity"] for s in setting["scenarios"]] == [1, 2, 3, 4]
    assert [s["threatens_regime"] for s in setting["scenarios"]] == [False, False, True, True]
    broken = [dict(s) for s in setting["scenarios"]]
    broken[1]["severity"] = 1
    with pytest.raises(ValueError, match=r"severities must run 1\.\.4 once each"):
        scenario_set.check_scenarios(broken)


@pytest.mark.parametrize(
    ("probability", "term"),
    [
        (88, "highly likely"),
        (77, "likely"),
        (100, "almost certain"),
        (3, "remote chance"),
        (45, "realistic possibility"),
    ],
)
def test_yardstick_term_holds_or_is_nearest(probability, term):
    assert scenario_set.yardstick_term(probability, reference.table("probability_yardstick.csv"))["term"] == term


def test_every_evidence_reference_resolves(setting, sentences, tables):
    for scenario in setting["scenarios"]:
        for ref in scenario["evidence_for"] + scenario["evidence_against"]:
            assert resolve(ref, sentences, tables)
    for driver in setting["drivers"]:
        assert all(resolve(ref, sentences, tables) for ref in driver["evidence"])
    matrix = reference.table("ach.csv")
    for ref, url in zip(matrix["evidence"], matrix["citation"], strict=True):
        assert resolve(ref, sentences, tables) if ref else url.startswith("http")


def test_unknown_references_are_errors_and_other_corpora_are_named(sentences, tables):
    with pytest.raises(ValueError, match="not a sentence id"):
        resolve("acknowledgement-s999", sentences, tables)
    with pytest.raises(ValueError, match="no row"):
        resolve("public_estimates.csv:missing_row", sentences, tables)
    other_corpus = sentences[sentences["article_id"].ne("acknowledgement")]
    assert "not in this corpus" in resolve("acknowledgement-s006", other_corpus, tables)


# --- indicators and warnings -------------------------------------------------------------------------------------


def observation(indicator_id: str, meets: str, review: str, date: str = "2025-06-01") -> dict:
    return {
        "observation_id": f"{indicator_id}-{date}-{review}",
        "indicator_id": indicator_id,
        "date": date,
        "observed": "something",
        "meets_threshold": meets,
        "review": review,
        "source": "a source",
        "citation": "https://example.org",
    }


def test_an_indicator_counts_as_observed_only_through_a_reviewed_observation():
    listed = pd.DataFrame({"indicator_id": ["a", "b", "c", "d"]})
    rows = pd.DataFrame(
        [
            observation("a", "yes", "unreviewed"),  # a keyword hit or a row nobody checked: not counted
            observation("b", "no", "reviewed"),
            observation("c", "yes", "reviewed", "2025-01-01"),
            observation("c", "no", "reviewed", "2025-09-01"),
        ]
    )
    states = indicators.status(listed, rows).set_index("indicator_id")
    assert states.loc["a", "status"] == indicators.NOT_OBSERVED
    assert states.loc["b", "status"] == indicators.BELOW
    assert states.loc["c", "status"] == indicators.AT_THRESHOLD
    assert states.loc["c", "latest"] == "something (a source, 1 Jan 2025)"
    assert states.loc["d", "status"] == indicators.NOT_OBSERVED


def test_keyword_hits_are_candidates_not_observations(cleaned):
    articles, sentences, _ = cleaned
    listed = reference.table("indicators.csv")
    hits = indicators.candidate_hits(sentences, articles, listed)
    assert "defencereport-webb-s021" in set(hits.loc[hits["indicator_id"].eq("desertion_defection"), "sentence_id"])
    states = indicators.status(listed, reference.table("indicator_observations.csv")).set_index("indicator_id")
    assert states.loc["desertion_defection", "status"] == indicators.BELOW  # two prisoners: below the threshold of ten
    assert states.loc["public_unrest", "status"] == indicators.NOT_OBSERVED
    table = indicators.candidates_table(hits, reference.table("indicator_observations.csv"), listed)
    assert set(table["kind"]) == {"keyword match in the corpus"}


def test_matrix_names_non_diagnostic_indicators_and_what_the_others_point_to(setting):
    ids = [s["id"] for s in setting["scenarios"]]
    listed = reference.table("indicators.csv")
    matrix = indicators.check_matrix(reference.table("indicator_matrix.csv"), listed, ids)
    diagnostic = indicators.diagnosticity(matrix, ids).set_index("indicator_id")
    assert list(diagnostic.index[diagnostic["spread"].eq(0)]) == ["commemoration"]
    assert diagnostic.loc["public_unrest", "points_to"] == "disaffection"
    assert diagnostic.loc["new_tranches", "points_to"] == "absorb; contained"
    assert diagnostic.loc["new_tranches", "points_away_from"] == "challenge"


def test_first_signs_point_away_from_absorption_in_order_of_lead_time(setting):
    ids = [s["id"] for s in setting["scenarios"]]
    listed = reference.table("indicators.csv").astype({"lead_time_months": int})
    matrix = reference.table("indicator_matrix.csv")
    states = indicators.status(listed, reference.table("indicator_observations.csv"))
    signs = indicators.first_signs(listed, states, indicators.diagnosticity(matrix, ids), "absorb", 4)
    assert list(signs["indicator_id"]) == [
        "recruitment_strain",
        "information_crackdown",
        "family_grievance",
        "returnee_isolation",
    ]
    assert "commemoration" not in set(signs["indicator_id"]) and "new_tranches" not in set(signs["indicator_id"])


# --- analysis of competing hypotheses --------------------------------------------------------------------------


@pytest.fixture
def toy_ach():
    hypotheses = pd.DataFrame({"hypothesis_id": ["Ha", "Hb", "Hc"], "hypothesis": ["a", "b", "c"]})
    matrix = pd.DataFrame(
        {
            "evidence_id": ["E1", "E2", "E3", "E4"],
            "description": ["one", "two", "three", "four"],
            "source": ["s1", "s2", "s1", "s3"],
            "weight": ["1", "1", "0.5", "1"],
            "Ha": ["C", "N", "N", "C"],
            "Hb": ["CC", "CC", "CC", "I"],  # much agreement, one inconsistency
            "Hc": ["N", "II", "N", "N"],  # weight 0.5 x 2 would be 1 too, but E2 has weight 1: 2
        }
    )
    return matrix, hypotheses


def test_ach_ranks_by_inconsistency_alone_and_states_ties(toy_ach):
    matrix, hypotheses = toy_ach
    matrix = matrix.assign(Hc=["N", "N", "II", "N"])  # 0.5 x 2 = 1: ties with Hb despite Hb's many CC marks
    ranked = ach.ranking(matrix, hypotheses).set_index("hypothesis_id")
    assert ranked["inconsistency"].to_dict() == {"Ha": 0.0, "Hb": 1.0, "Hc": 1.0}
    assert ranked["rank"].to_dict() == {"Ha": 1, "Hb": 2, "Hc": 2}
    assert ranked["tied"].to_dict() == {"Ha": False, "Hb": True, "Hc": True}
    text = ach.facts(ach.ranking(matrix, hypotheses), ach.sensitivity(matrix, hypotheses), matrix)["ranking"]
    assert "Two explanations tie next at 1: that it spoke b or c." in text


def test_ach_sensitivity_names_items_whose_removal_changes_the_ranking(toy_ach):
    matrix, hypotheses = toy_ach
    sensitive = ach.sensitivity(matrix, hypotheses).set_index("evidence_id")
    assert list(sensitive.index) == ["E2", "E4"]  # without E4, Hb ties Ha; without E2, Hc ties Ha
    assert sensitive.loc["E4", "leading without it"] == "Ha; Hb"
    assert sensitive["leader_changes"].all()


def test_default_ach_ranking_and_sources():
    matrix, hypotheses = reference.table("ach.csv"), reference.table("ach_hypotheses.csv")
    ranked = ach.ranking(matrix, hypotheses)
    assert ach.order(ranked) == [
        (1, ("H5_victory",)),
        (2, ("H2_domestic", "H3_leverage", "H4_follow_russia")),
        (5, ("H1_parade",)),
    ]
    assert matrix["source"].nunique() >= 5
    assert matrix["source"].value_counts().iloc[0] < len(matrix) / 2  # no single source dominates the evidence


# --- what changed, the bottom line -------------------------------------------------------------------------------


def test_what_changed_follows_each_source_over_time():
    actors = reference.table("actors.csv")
    names = dict(zip(actors["actor_id"], actors["label"].map(short_name), strict=True))
    frame = bottomline.changes(reference.public_estimates(), reference.table("estimate_revisions.csv"), names)
    nis = frame[frame["source"].eq("South Korea's NIS") & frame["category"].eq("killed")].iloc[0]
    assert nis["estimates"] == "at least 100 (19 Dec 2024) → 300 (13 Jan 2025) → 600 (30 Apr 2025) → 2,000 (2 Sep 2025)"
    assert nis["factor"] == 20
    assert nis["changes the judgement"].startswith("No. ")
    assert not frame["estimates"].str.contains(FLOAT_ARTEFACT).any()


def test_evidence_date_is_the_latest_dated_item():
    assert bottomline.evidence_date(pd.Series(["2025-12-12", None]), pd.Series(["2026-03-16"])) == pd.Timestamp(
        "2026-03-16"
    )
    with pytest.raises(ValueError, match="evidence date"):
        bottomline.evidence_date(pd.Series([None], dtype=object))


def test_stage_states_the_bottom_line_of_the_default_build(built_stage):
    root, chapter = built_stage
    line = chapter.facts["bottom_line"]
    assert (line["probability"], line["term"], line["range"]) == ("88", "highly likely", "80–90%")
    assert (line["evidence_date"], line["record_end"], line["horizon_end"]) == (
        "16 Mar 2026",
        "12 Dec 2025",
        "Mar 2027",
    )
    assert line["confidence"] == "moderate"
    assert line["term_drops"] == (
        "the judgement would drop to likely if the outcomes that threaten the regime rose from 12% to 25% or more"
    )
    assert [s["indicator"] for s in line["first_signs"]] == [
        "Trouble filling tranches",
        "Crackdown on talk about the war",
        "Families of the dead complain openly",
        "Returnees isolated or dispersed",
    ]
    written = outputs.path("bottom_line", root).read_text(encoding="utf-8")
    assert json.loads(written)["bottom_line"]["probability"] == "88"


def test_a_cutoff_date_limits_the_evidence(built_stage, tmp_path):
    import shutil

    root = shutil.copytree(built_stage[0], tmp_path / "build")
    early = stage.run(root, cutoff_date="2025-06-30")
    line = early.facts["bottom_line"]
    assert (line["evidence_date"], line["record_end"]) == ("26 Jun 2025", "17 Jun 2025")
    assert "museum" not in " ".join(early.ach_matrix["evidence"])


def test_prose_facts_have_no_n_of_n_indicators_no_ids_and_no_float_artefacts(built_stage):
    _, chapter = built_stage
    prose = json.dumps({k: v for k, v in chapter.facts.items() if k != "projection"}, ensure_ascii=False, default=str)
    assert not N_OF_N.search(prose)
    assert not re.search(r"\b[a-z]+_\d{4}-\d{2}-\d{2}_\w+", prose)  # statement ids
    assert not FLOAT_ARTEFACT.search(prose)


def test_summary_notebook_has_no_n_of_n_phrasing_and_no_arithmetic():
    from nkreport.paths import NOTEBOOKS_DIR

    for name in ("04_scenarios.ipynb", "05_summary.ipynb"):
        cells = json.loads((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c["source"]) for c in cells)
        assert not N_OF_N.search(source)
        assert not re.search(r"\{\w+\}\s+of\s+\{\w+\}", source)  # '{seen} of {listed}' templates
        assert not re.search(
            r"\w\s[-+*/]\s\w", "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        )


def test_text_helpers():
    assert short_name("South Korea's National Intelligence Service (NIS)") == "South Korea's NIS"
    assert short_name("President of Ukraine (Volodymyr Zelensky)") == "President of Ukraine"
    assert and_join(["a"]) == "a" and and_join(["a", "b", "c"], "or") == "a, b or c"


@pytest.mark.e2e
def test_rendered_report_opens_with_the_bottom_line(built_report):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_report / "report" / "report.html").read_text(encoding="utf-8"), "lxml")
    text = soup.get_text(" ", strip=True)
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.find_all("h1")]
    assert headings[1] == "Bottom line"  # first after the title page
    assert "We judge it highly likely (80–90% on the UK PHIA probability yardstick" in text
    assert "Evidence current to 16 Mar 2026" in text
    assert "What would show first if it cannot" in text
    assert not N_OF_N.search(text)


def test_chapter_tables_have_no_float_artefacts(built_stage):
    _, chapter = built_stage
    shown = {
        "drivers": chapter.drivers,
        "scenarios": chapter.scenarios,
        "warnings": chapter.warnings,
        "matrix": chapter.matrix,
        "observations": chapter.observations,
        "changes": bottomline.changes_table(chapter.changes),
        "ach ranking": chapter.ach_ranking,
        "ach matrix": chapter.ach_matrix,
    }
    for name, frame in shown.items():
        assert not any(pd.api.types.is_float_dtype(dtype) for dtype in frame.dtypes), name
        cells = frame.select_dtypes(exclude="number").astype(str).stack()
        numbers_only = cells[cells.str.fullmatch(r"[\d,.%]+")]
        assert not numbers_only.str.contains(FLOAT_ARTEFACT).any(), name


def test_what_changed_says_whether_any_revision_changes_the_judgement():
    frame = pd.DataFrame(
        {
            "source": ["South Korea's NIS", "UK Defence Intelligence"],
            "quantity": ["dead", "killed and wounded"],
            "changes the judgement": ["No. Same losses.", "Yes. A new phase of fighting."],
        }
    )
    assert bottomline.verdict(frame.iloc[:1]) == "None of these revisions changes the judgement."
    assert bottomline.verdict(frame) == (
        "The revisions that change the judgement: UK Defence Intelligence on the killed and wounded."
    )
