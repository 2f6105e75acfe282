"""The readers of ``data/reference``: each curated table read (and checked) for the stages to hand to the logic.

Tables are read as text (empty cells stay empty strings) unless a reader says otherwise. The vocabulary, the
extractor built from it and the grading tables are read once per process (they do not change during a build).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from ..claims.extractor import Extractor
from ..claims.tables import actor_names as short_actor_names
from ..claims.vocabulary import Lexicon
from ..cleaning import name_variant_table
from ..estimates.record import record_table
from ..grading import GradingTables, actor_table
from ..history import History
from ..paths import REFERENCE_DIR
from ..scenarios.scenarios import check_scenarios


def table(name: str, reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """A reference table as text (empty cells stay empty strings)."""
    return pd.read_csv(reference_dir / name, dtype=str, keep_default_na=False)


def name_variants(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """name_variants.csv checked and ordered for cleaning (longest variant first)."""
    return name_variant_table(table("name_variants.csv", reference_dir), reference_dir / "name_variants.csv")


@lru_cache(maxsize=4)
def lexicon(reference_dir: Path = REFERENCE_DIR) -> Lexicon:
    """The claims vocabulary: claim_lexicon.csv, actors.csv, country_actors.csv and unqualified_roles.csv."""
    read = lambda name: table(name, reference_dir)  # noqa: E731
    names = ("claim_lexicon.csv", "actors.csv", "country_actors.csv", "unqualified_roles.csv")
    return Lexicon(*(read(name) for name in names))


@lru_cache(maxsize=4)
def extractor(reference_dir: Path = REFERENCE_DIR) -> Extractor:
    """The extractor built from the vocabulary (built once per process)."""
    return Extractor(lexicon(reference_dir))


def register(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """claims_reviewed.csv: the team's reviewed claim register of the default corpus."""
    path = reference_dir / "claims_reviewed.csv"
    frame = pd.read_csv(path, dtype={"article_id": str, "quote": str, "number_text": str}, keep_default_na=False)
    return frame.astype({"value_low": float, "value_high": float})


def public_estimates(reference_dir: Path = REFERENCE_DIR) -> pd.DataFrame:
    """public_estimates.csv checked, with parsed dates and numeric values."""
    return record_table(table("public_estimates.csv", reference_dir))


def source_names(reference_dir: Path = REFERENCE_DIR) -> dict[str, str]:
    """How the report cites each actor in prose ("South Korea's NIS"), from source_names.csv."""
    names = table("source_names.csv", reference_dir)
    return dict(zip(names["actor_id"], names["cited_as"], strict=True))


def actor_names(reference_dir: Path = REFERENCE_DIR) -> dict[str, str]:
    """Short display names of the actors of actors.csv and of the two pseudo-actors."""
    return short_actor_names(table("actors.csv", reference_dir))


@lru_cache(maxsize=4)
def grading(reference_dir: Path = REFERENCE_DIR) -> GradingTables:
    """grading_rules.csv and actors.csv, as grades are given from them."""
    return GradingTables(table("grading_rules.csv", reference_dir), actor_table(table("actors.csv", reference_dir)))


def history(reference_dir: Path = REFERENCE_DIR) -> History:
    """The reference tables of the historical comparison (empty cells are missing values)."""
    read = lambda name: pd.read_csv(reference_dir / name, keep_default_na=False, na_values=[""])  # noqa: E731
    return History(
        deployments=read("deployments.csv").set_index("deployment_id"),
        figures=read("deployment_figures.csv"),
        korean_war=read("korean_war.csv"),
        coups=read("coup_cases.csv"),
        risks=read("risk_factors.csv"),
        mentions=read("history_mentions.csv"),
    )


def scenarios(reference_dir: Path = REFERENCE_DIR) -> dict:
    """scenarios.yaml: the question, the drivers, and the scenarios checked and ordered by severity."""
    data = yaml.safe_load((reference_dir / "scenarios.yaml").read_text(encoding="utf-8"))
    return data | {"scenarios": check_scenarios(data["scenarios"])}


def cited_tables(reference_dir: Path = REFERENCE_DIR) -> dict[str, pd.DataFrame]:
    """Every reference table with a ``citation`` column, by file name, in name order."""
    tables = {path.name: table(path.name, reference_dir) for path in sorted(reference_dir.glob("*.csv"))}
    return {name: frame for name, frame in tables.items() if "citation" in frame.columns}
