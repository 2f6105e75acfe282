"""The registry of outputs: every table and facts file the build writes, one entry each.

An entry names the output, its place in a build (``data/interim`` or ``data/processed``), its schema (for the
claims the full pandera schema; for the tables later stages read back, the columns they rely on), and how it
is read back; the stages write and read through it, the notebooks' captions name
it (:func:`shown`), and the tests find it here, so that no path is typed twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..claims.tables import claims_schema
from ..paths import BuildPaths
from .reference import lexicon

AS_READ = {"keep_default_na": False, "na_values": [""]}  # empty cells are missing, "NA" and "None" stay text


@dataclass(frozen=True)
class Output:
    """One output of the build: ``folder`` is ``interim`` or ``processed``; ``reading`` are ``read_csv``'s
    arguments; ``index`` the column it is indexed by when read; ``schema`` a callable giving its pandera schema."""

    name: str
    folder: str
    file: str
    reading: dict = field(default_factory=lambda: dict(AS_READ))
    index: str | None = None
    schema: Callable | None = None

    def path(self, root: Path) -> Path:
        """Where the output is in the build under ``root``."""
        return getattr(BuildPaths(Path(root)), self.folder) / self.file

    @property
    def shown(self) -> str:
        """The output's path as a caption names it ("data/processed/claims.csv")."""
        return f"data/{self.folder}/{self.file}"


def table(
    name: str, folder: str = "processed", index: str | None = None, schema: Callable | None = None, **reading
) -> Output:
    """An entry for a CSV table ``<name>.csv``."""
    return Output(name, folder, f"{name}.csv", reading or dict(AS_READ), index, schema)


def claims_schema_of_reference():
    """The claims table's schema, over the vocabulary of ``data/reference``."""
    return claims_schema(lexicon())


def columns(*names: str, unique: str | None = None) -> Callable:
    """A schema that requires ``names`` (other columns may follow; cells may be empty), ``unique`` filled and
    without repeats: what the stages that read the table back rely on."""

    def schema():
        import pandera.pandas as pa

        return pa.DataFrameSchema({name: pa.Column(unique=name == unique, nullable=name != unique) for name in names})

    return schema


TEXT = {"dtype": str, "keep_default_na": False}
ARTICLE_TEXT = (
    *("article_id", "file", "title", "outlet", "author", "published", "published_latest", "url", "raw_sha256"),
    *("date_precision", "date_source", "text"),
)
ESTIMATE = ("estimate_id", "date", "actor", "category", "force", "scope", "bound", "value_low", "value_high")
FIGURES = ("low", "central", "high")  # a headline figure's range
OUTPUTS = {
    entry.name: entry
    for entry in (
        # chapter 1, cleaning
        table(  # as cleaning made it: text stays text ("" when empty), an unknown date is missing
            "articles",
            "interim",
            schema=columns("article_id", "file", "published", "text", unique="article_id"),
            dtype=dict.fromkeys(ARTICLE_TEXT, str),
            keep_default_na=False,
            na_values={"date_low": [""], "date_high": [""]},
        ),
        table(
            "sentences",
            "interim",
            schema=columns("article_id", "sentence_id", "start", "end", "text", unique="sentence_id"),
            dtype={"text": str},
            keep_default_na=False,
        ),
        table("cleaning_audit", "interim"),
        # chapter 2, claims and estimates
        table("claims_extracted", "interim"),
        Output("claims", "processed", "claims.csv", schema=claims_schema_of_reference),
        table("claims_evaluation"),
        table("claims_quality"),
        table("public_record", schema=columns(*ESTIMATE, "grade", unique="estimate_id")),
        table(  # empty text stays text; the projection parses what it needs
            "estimates", schema=columns(*ESTIMATE, "verification", unique="estimate_id"), keep_default_na=False
        ),
        table("headline_figures", index="category", schema=columns("category", *FIGURES, unique="category")),
        table("deployment_tranches", schema=columns("tranche", *FIGURES, unique="tranche")),
        table("claims_vs_record"),
        table("disagreements", schema=columns("category", "low", "high", "ratio")),
        Output("estimate_facts", "processed", "estimate_facts.json"),
        # chapter 3, history
        table(
            "history_metrics",
            index="deployment_id",
            schema=columns(
                "deployment_id", "deaths", "deaths_per_month", "years_to_acknowledgement", unique="deployment_id"
            ),
        ),
        table("corpus_vs_reference", schema=columns("quantity", "corpus", "sentence", "corpus only")),
        table("risk_matrix"),
        # chapter 4, scenarios, indicators, ACH and the bottom line
        table("indicator_candidates"),
        table("indicator_status"),
        table("scenario_probabilities"),
        table("ach_scores"),
        table("what_changed"),
        Output("bottom_line", "processed", "bottom_line.json"),
        # chapter 5, projection
        table("projection_backtest"),
        table("projection_start"),
        table("projection"),
        table("projection_sensitivity"),
        Output("projection_summary", "processed", "projection_summary.json"),
    )
}


def entry(name: str) -> Output:
    """The registry's entry ``name``; a clear error for a name it does not hold."""
    if name not in OUTPUTS:
        raise KeyError(f"no output {name!r} in the registry (nkreport.stages.outputs.OUTPUTS): {sorted(OUTPUTS)}")
    return OUTPUTS[name]


def path(name: str, root: Path) -> Path:
    """Where output ``name`` is in the build under ``root``."""
    return entry(name).path(root)


def shown(name: str) -> str:
    """Output ``name``'s path as a caption names it."""
    return entry(name).shown


def write_csv(frame: pd.DataFrame, target: Path) -> None:
    """Write a table with a fixed line ending and no index."""
    target.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(target, index=False, lineterminator="\n")


def write(name: str, data: pd.DataFrame | dict, root: Path) -> None:
    """Write output ``name`` (a table, checked against its schema if it has one, or facts as JSON) under ``root``."""
    output = entry(name)
    target = output.path(root)
    if output.file.endswith(".json"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8")
        return
    frame = data.reset_index() if output.index else data
    if output.schema is not None:
        output.schema().validate(frame)
    write_csv(frame, target)


def write_all(written: dict[str, pd.DataFrame | dict], root: Path) -> None:
    """Write each output named in ``written`` under ``root``."""
    for name, data in written.items():
        write(name, data, root)


def read(name: str, root: Path, as_text: bool = False) -> pd.DataFrame | dict:
    """Output ``name`` as the stages wrote it under ``root`` (``as_text``: every cell as text, not indexed)."""
    output = entry(name)
    source = output.path(root)
    if output.file.endswith(".json"):
        return json.loads(source.read_text(encoding="utf-8"))
    if as_text:
        return pd.read_csv(source, **TEXT)
    frame = pd.read_csv(source, **output.reading)
    return frame.set_index(output.index) if output.index else frame
