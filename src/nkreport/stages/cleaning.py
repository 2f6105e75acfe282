"""Chapter 1's stage: read and check the corpus, clean it on the chosen engine, write ``data/interim``.

The cleaning itself is the pure :mod:`nkreport.cleaning`; :mod:`nkreport.stages.engine` decides where it runs.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..cleaning import check_offsets
from ..corpus import check_cleaned_duplicates, load_corpus
from . import outputs, reference
from .engine import clean


def run(
    corpus_dir: Path | str, build_dir: Path | str, engine: str = "pandas", scheduler: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Stage 1 end to end: load and check the corpus, clean it (on the chosen engine), write ``data/interim``."""
    raw = load_corpus(corpus_dir)
    articles, sentences, audit = clean(raw, reference.name_variants(), engine, scheduler)
    check_offsets(articles, sentences)
    check_cleaned_duplicates(zip(articles["file"], articles["text"], strict=True))
    outputs.write_all({"articles": articles, "sentences": sentences, "cleaning_audit": audit}, Path(build_dir))
    return articles, sentences, audit
