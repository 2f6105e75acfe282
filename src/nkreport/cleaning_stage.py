"""Stage 1's I/O: read and check the corpus, clean it on the chosen engine, write ``data/interim``.

The cleaning itself is the pure :mod:`nkreport.cleaning`; :mod:`nkreport.engine` decides where it runs.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .cleaning import check_offsets, load_name_variants
from .corpus import check_cleaned_duplicates, load_corpus
from .engine import clean
from .paths import REFERENCE_DIR, BuildPaths


def run(
    corpus_dir: Path | str, build_dir: Path | str, engine: str = "pandas", scheduler: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Stage 1 end to end: load and check the corpus, clean it (on the chosen engine), write ``data/interim``."""
    raw = load_corpus(corpus_dir)
    articles, sentences, audit = clean(raw, load_name_variants(REFERENCE_DIR / "name_variants.csv"), engine, scheduler)
    check_offsets(articles, sentences)
    check_cleaned_duplicates(zip(articles["file"], articles["text"], strict=True))
    write_interim(BuildPaths(Path(build_dir)).interim, articles, sentences, audit)
    return articles, sentences, audit


def write_interim(out_dir: Path, articles: pd.DataFrame, sentences: pd.DataFrame, audit: pd.DataFrame) -> None:
    """Write the three tables as CSV into ``out_dir`` (data/interim)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    articles.to_csv(out_dir / "articles.csv", index=False)
    sentences.to_csv(out_dir / "sentences.csv", index=False)
    audit.to_csv(out_dir / "cleaning_audit.csv", index=False)
