"""The extractor on real passages from outlets outside the corpus (tests/data/devset), scored strictly.

Each passage runs as an article through cleaning and extraction; a claim counts as found only in the same
sentence with the same value. The tune half is what rules were tuned on (its figures are a regression floor);
the test half was never looked at to write rules. Issue 12's targets are value recall 0.90, precision 0.95,
category 0.90 and source 0.85; the test half meets the first two, not category and source, so its test asserts
the measured floor.
"""

from __future__ import annotations

import pandas as pd
import pytest

from nkreport.claims import tables
from nkreport.stages import claims as stage

# measured on the tune half (batches A, B tune split, C to K, codes after the blind audit): a floor; batch K
# (README_k.md) lowered recall and source (0.958, 0.918 before tuning on it) below the floors of C to J
TUNE_FLOOR = {"value recall": 0.95, "value precision": 0.98, "category": 0.93, "source": 0.91}
TEST_FLOOR = {"value recall": 0.95, "value precision": 0.98, "category": 0.83, "source": 0.74}  # category, source below


@pytest.fixture(scope="module")
def scores():
    return stage.devset_evaluation().set_index(["split", "measure"])["score"]


def test_the_development_set_has_both_halves_of_real_passages():
    passages, expected = stage.read_devset()
    assert set(passages["split"]) == {"tune", "test"}
    assert passages["passage_id"].is_unique
    assert set(expected["passage_id"]) <= set(passages["passage_id"])
    assert passages.groupby("outlet")["split"].nunique().eq(1).all()  # split by outlet
    assert len(expected) >= 120


@pytest.mark.parametrize("measure", sorted(TUNE_FLOOR))
def test_tune_half_keeps_its_scores(scores, measure):
    assert scores["tune", measure] >= TUNE_FLOOR[measure]


@pytest.mark.parametrize("measure", sorted(TEST_FLOOR))
def test_test_half_stays_at_its_measured_floor(scores, measure):
    assert scores["test", measure] >= TEST_FLOOR[measure]


def test_chapter_two_shows_the_scores_it_measured(scores):
    passages, _ = stage.read_devset()
    register = pd.DataFrame(
        [
            {"measure": m, "metric": k, "score": 0.5}
            for m, k in [("value", "recall"), ("value", "precision")]
            + [(f, "accuracy on matched claims") for f in ("category", "attributed_to", "subject")]
        ]
    )
    devset = scores.rename("score").reset_index().assign(of=1)
    table = tables.extraction_quality(register, devset).set_index("measure")
    assert table.loc["source", "development set, test half"] == scores["test", "source"]
    assert table.loc["value recall", "development set, tune half"] == scores["tune", "value recall"]
    assert table["register"].eq(0.5).all()
    facts = tables.extraction_facts(devset, passages)
    assert facts["test_value_precision"] == scores["test", "value precision"]
    assert facts["passages"] == len(passages) and facts["test_passages"] < facts["passages"]
