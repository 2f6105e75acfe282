"""The sources annex's stage: the corpus articles of the build and the citations of the reference tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import sources
from . import outputs, reference


@dataclass(frozen=True)
class SourcesStage:
    """What the sources annex shows: the cleaned articles (as text) and every reference citation, linked."""

    articles: pd.DataFrame
    citations: pd.DataFrame


def run(build_root: Path) -> SourcesStage:
    """Read the build's articles and the reference tables' citations."""
    return SourcesStage(
        articles=outputs.read("articles", build_root),
        citations=sources.citation_table(reference.cited_tables()),
    )
