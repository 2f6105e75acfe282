"""The Dask engine gives the same tables as the in-process engine."""

from __future__ import annotations

import pandas as pd

from nkreport import engine
from nkreport.cleaning import load_name_variants
from nkreport.corpus import load_corpus
from nkreport.paths import PROJECT_ROOT, REFERENCE_DIR


def test_dask_and_pandas_engines_give_identical_tables(monkeypatch):
    monkeypatch.setattr(engine, "PARTITION_ARTICLES", 2)  # several partitions even for five articles
    raw = load_corpus(PROJECT_ROOT / "data" / "raw")
    variants = load_name_variants(REFERENCE_DIR / "name_variants.csv")
    local = engine.clean(raw, variants, "pandas")
    distributed = engine.clean(raw, variants, "dask")
    for mine, theirs in zip(local, distributed, strict=True):
        pd.testing.assert_frame_equal(mine, theirs)
    articles, sentences, _ = local
    claims_local = engine.extract(sentences, articles, "pandas")
    claims_dask = engine.extract(sentences, articles, "dask")
    pd.testing.assert_frame_equal(claims_local, claims_dask)
    assert len(claims_local) > 30


def test_partitions_keep_order_and_cover_everything():
    chunks = engine.partitions(list(range(7)), 3)
    assert chunks == [[0, 1, 2], [3, 4, 5], [6]]
