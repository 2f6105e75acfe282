"""The registry of outputs: one entry per table, paths inside a build, round trips, schemas that refuse."""

from __future__ import annotations

import pandas as pd
import pytest

from nkreport.stages import outputs


def test_every_output_has_its_own_path_inside_the_build(tmp_path):
    paths = [entry.path(tmp_path) for entry in outputs.OUTPUTS.values()]
    assert len(set(paths)) == len(paths)
    assert {p.parent.relative_to(tmp_path).as_posix() for p in paths} == {"data/interim", "data/processed"}
    assert outputs.shown("claims") == "data/processed/claims.csv"
    assert outputs.path("sentences", tmp_path) == tmp_path / "data" / "interim" / "sentences.csv"


def test_an_unknown_output_is_refused_with_the_names_it_could_be():
    with pytest.raises(KeyError, match=r"no output 'claim' in the registry.*'claims'"):
        outputs.path("claim", ".")


def test_an_indexed_table_and_facts_read_back_as_written(tmp_path):
    figures = pd.DataFrame(
        {"low": [100.0, 10.0], "central": [150.0, 20.0], "high": [200.0, 30.0], "note": ["NA", ""]},
        index=pd.Index(["deployed", "killed"], name="category"),
    )
    outputs.write("headline_figures", figures, tmp_path)
    back = outputs.read("headline_figures", tmp_path)
    assert back.index.tolist() == ["deployed", "killed"]
    assert back.loc["killed", "central"] == 20.0
    assert back.loc["deployed", "note"] == "NA" and pd.isna(back.loc["killed", "note"])  # "NA" is text, "" missing
    outputs.write("bottom_line", {"horizon": 12, "date": pd.Timestamp("2025-09-02").date()}, tmp_path)
    assert outputs.read("bottom_line", tmp_path) == {"date": "2025-09-02", "horizon": 12}


def test_a_table_without_the_columns_later_stages_read_is_not_written(tmp_path):
    tranches = pd.DataFrame({"tranche": ["first", "first"], "low": [1, 2], "central": [1, 2], "high": [1, 2]})
    with pytest.raises(Exception, match="tranche"):  # a repeated tranche
        outputs.write("deployment_tranches", tranches, tmp_path)
    with pytest.raises(Exception, match="central"):
        outputs.write("headline_figures", pd.DataFrame({"category": ["killed"], "low": [1], "high": [2]}), tmp_path)
    assert not (tmp_path / "data").exists()


def test_cleaned_articles_read_back_as_cleaning_made_them(tmp_path):
    articles = pd.DataFrame(
        {
            "article_id": ["a"],
            "file": ["a.txt"],
            "outlet": [""],  # unknown fields stay empty text, as the extractor reads them in memory
            "published": ["2025"],
            "words": [12],
            "date_low": ["2025-01-01"],
            "date_high": [None],
            "text": ["NA"],
        }
    )
    outputs.write("articles", articles, tmp_path)
    back = outputs.read("articles", tmp_path).iloc[0]
    assert (back["outlet"], back["published"], back["text"], back["words"]) == ("", "2025", "NA", 12)
    assert back["date_low"] == "2025-01-01" and pd.isna(back["date_high"])
