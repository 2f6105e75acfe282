"""The Dask engine gives the same tables as the in-process (pandas) engine."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from nkreport.corpus import load_corpus
from nkreport.paths import PROJECT_ROOT
from nkreport.stages import engine, reference

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
import make_corpus

DEFAULT_CORPUS = PROJECT_ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def scheduler():
    """The address of a small LocalCluster shared by the tests that pass ``scheduler``."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def assert_same_tables(local: tuple, distributed: tuple) -> None:
    """Every table of one engine equals the same table of the other, values and dtypes."""
    for mine, theirs in zip(local, distributed, strict=True):
        pd.testing.assert_frame_equal(mine, theirs)


@pytest.mark.slow  # starts a Dask cluster
def test_default_corpus_same_tables_on_both_engines():
    local = engine.clean_and_extract(DEFAULT_CORPUS, "pandas")
    distributed = engine.clean_and_extract(DEFAULT_CORPUS, "dask", partition_size=2)  # a LocalCluster of its own
    assert_same_tables(local, distributed)
    assert len(local[3]) > 30


@pytest.mark.slow  # starts a Dask cluster
def test_synthetic_corpus_same_tables_on_both_engines(tmp_path, scheduler):
    corpus = make_corpus.write_corpus(tmp_path / "corpus", 30, seed=0)
    local = engine.clean_and_extract(corpus, "pandas")
    distributed = engine.clean_and_extract(corpus, "dask", scheduler, partition_size=7)
    assert_same_tables(local, distributed)
    assert local[0]["article_id"].nunique() == 30
    assert len(local[1]) >= 30 * 20 and len(local[3]) > 30


@pytest.mark.slow  # starts a Dask cluster
def test_stage_functions_same_tables_on_both_engines(scheduler):
    """``clean`` and ``extract`` (what the notebooks call) agree across engines too."""
    raw = load_corpus(DEFAULT_CORPUS)
    variants = reference.name_variants()
    local = engine.clean(raw, variants, "pandas")
    assert_same_tables(local, engine.clean(raw, variants, "dask", scheduler, partition_size=2))
    articles, sentences, _ = local
    claims = engine.extract(sentences, articles, "pandas")
    pd.testing.assert_frame_equal(claims, engine.extract(sentences, articles, "dask", scheduler, partition_size=2))
    pd.testing.assert_frame_equal(claims, engine.clean_and_extract(DEFAULT_CORPUS)[3])


def test_synthetic_corpus_is_deterministic(tmp_path):
    first = make_corpus.write_corpus(tmp_path / "a", 5, seed=3)
    second = make_corpus.write_corpus(tmp_path / "b", 5, seed=3)
    for path in sorted(first.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes()


def test_partitions_keep_order_and_cover_everything():
    assert engine.partitions(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
