"""Shared fixtures: the default corpus, a writable copy of it, and its cleaned tables."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from nkreport.cleaning import clean_corpus
from nkreport.corpus import load_corpus
from nkreport.paths import PROJECT_ROOT
from nkreport.stages import reference

DEFAULT_CORPUS = PROJECT_ROOT / "data" / "raw"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the default corpus."""
    target = tmp_path / "raw"
    shutil.copytree(DEFAULT_CORPUS, target)
    return target


@pytest.fixture(scope="session")
def name_variants():
    return reference.name_variants()


@pytest.fixture(scope="session")
def cleaned(name_variants):
    """(articles, sentences, audit) of the default corpus."""
    return clean_corpus(load_corpus(DEFAULT_CORPUS), name_variants)


@pytest.fixture(scope="session")
def claim_table(cleaned):
    """The reviewed and graded claims of the default corpus."""
    from nkreport.stages.claims import graded

    articles, sentences, _ = cleaned
    return graded(sentences, articles)


@pytest.fixture(scope="session")
def built_report(tmp_path_factory) -> Path:
    """The whole report built once from the default corpus and parameters into a temporary root."""
    from nkreport.paths import DEFAULT_PARAMS
    from nkreport.pipeline import build, check_inputs

    out = tmp_path_factory.mktemp("build")
    raw = {
        str(p.relative_to(DEFAULT_CORPUS)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(DEFAULT_CORPUS.rglob("*"))
        if p.is_file()
    }
    params, articles = check_inputs(DEFAULT_PARAMS, [])
    build(params, articles, out)
    (out / "raw-before.json").write_text(json.dumps(raw))
    return out


@pytest.fixture(scope="session")
def estimate_tables(claim_table):
    """(claims with their resolution, every estimate with its mentions) of the default corpus."""
    from nkreport.estimates import resolved_estimates
    from nkreport.stages.claims import graded_record

    return resolved_estimates(claim_table, graded_record(claim_table), reference.register())
