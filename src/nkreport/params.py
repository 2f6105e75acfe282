"""The report's parameters: one validated schema for ``params/*.yaml`` and ``-p`` overrides.

Validation happens before any notebook runs; an error names the parameter,
what was given and what is allowed. Notebooks receive the values only as
literals injected by papermill.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .paths import REFERENCE_DIR

WAR_START = dt.date(2022, 2, 24)
GRADE_PATTERN = r"^[A-F][1-6]$"


class ParamError(ValueError):
    """A parameter problem, with the parameter's name and allowed values in the message."""


class ReportParams(BaseModel):
    """Every parameter the notebooks accept, with its type and allowed range."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    corpus_dir: str = Field("data/raw", description="folder holding articles/ and manifest.csv")
    cutoff_date: dt.date | None = Field(None, description="leave out claims dated after this day")
    include_actors: list[str] = Field(default_factory=list, description="actor ids to keep; empty keeps all")
    exclude_actors: list[str] = Field(default_factory=list, description="actor ids to leave out")
    min_grade: str = Field("F6", pattern=GRADE_PATTERN, description="lowest Admiralty grade kept, e.g. C3")
    central_estimate: Literal["conservative", "median"] = "conservative"
    estimate_window_days: int = Field(
        180, ge=1, le=3650, description="estimates compared with each other are made within this many days"
    )
    include_unverified: bool = Field(False, description="let unverified and conflated estimates set headline figures")
    ukraine_estimate: Literal["low", "central", "high"] = "central"
    precedents: list[str] = Field(default_factory=lambda: ["vietnam", "egypt_1973"])
    judgement_horizon_months: int = Field(
        12, description="months from the evidence date the bottom line judges; one of the horizons judged"
    )
    scenario_probabilities: dict[str, float] | None = Field(
        None, description="per cent per scenario id, summing to 100; null uses the judged probabilities"
    )
    projection_force: int | None = Field(None, gt=0, le=1_300_000, description="troops deployed")
    projection_reinforcements_per_month: int | None = Field(
        None, ge=0, le=100_000, description="troops added per month; null derives it from the public record"
    )
    projection_monthly_loss_rate: float | None = Field(
        None, gt=0, le=1, allow_inf_nan=False, description="share of the force per month"
    )
    projection_killed_share: float | None = Field(
        None,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description="share of casualties that are deaths; null derives it from the public record",
    )
    projection_horizon_months: int = Field(24, ge=1, le=240)
    engine: Literal["pandas", "dask"] = "pandas"
    dask_scheduler: str | None = None

    @field_validator("cutoff_date", mode="before")
    @classmethod
    def date_from_text(cls, value: object) -> object:
        """Accept ISO text for dates (YAML and the command line give text or a date)."""
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form") from None
        return value

    @field_validator("cutoff_date")
    @classmethod
    def after_war_start(cls, value: dt.date | None) -> dt.date | None:
        """A cut-off before the full-scale invasion would leave nothing to report."""
        if value is not None and value < WAR_START:
            raise ValueError(f"must be on or after {WAR_START} (the start of the full-scale war)")
        return value

    @field_validator("include_actors", "exclude_actors", "precedents", mode="before")
    @classmethod
    def list_from_text(cls, value: object) -> object:
        """Let ``a,b`` (a single id or a comma-separated list on the command line) stand for ``[a, b]``."""
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value

    @field_validator("include_actors", "exclude_actors")
    @classmethod
    def known_actors(cls, value: list[str]) -> list[str]:
        """Actor filters must name actors of data/reference/actors.csv (or author, unattributed)."""
        unknown = sorted(set(value) - set(actor_ids()))
        if unknown:
            raise ValueError(f"unknown actor ids {unknown}; known: {', '.join(actor_ids())}")
        return value

    @field_validator("precedents")
    @classmethod
    def known_precedents(cls, value: list[str]) -> list[str]:
        """Precedents must be deployment ids of data/reference/deployments.csv."""
        return check_precedents(value)

    @field_validator("judgement_horizon_months")
    @classmethod
    def judged_horizon(cls, value: int) -> int:
        """The horizon must be one for which scenario_probabilities.csv holds judgements."""
        horizons = judged_horizons()
        if value not in horizons:
            raise ValueError(f"no judged probabilities for {value} months; judged horizons: {horizons}")
        return value

    @field_validator("scenario_probabilities", mode="before")
    @classmethod
    def int_probabilities_are_float(cls, value: object) -> object:
        """Let whole numbers stand for per cent values."""
        if isinstance(value, dict):
            return {k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in value.items()}
        return value

    @field_validator("scenario_probabilities")
    @classmethod
    def probabilities_sum_to_100(cls, value: dict[str, float] | None) -> dict[str, float] | None:
        """Given probabilities must name every scenario of scenarios.yaml, lie in 0..100 and sum to 100."""
        if value is None:
            return value
        known = scenario_ids()
        if sorted(value) != sorted(known):
            raise ValueError(f"must give a probability for each scenario {known}, not for {sorted(value)}")
        if any(not 0 <= v <= 100 for v in value.values()):
            raise ValueError("each probability must lie between 0 and 100 (per cent)")
        total = sum(value.values())
        if abs(total - 100) > 1e-9:
            raise ValueError(f"probabilities sum to {total:g}, not 100")
        return value

    @field_validator("projection_monthly_loss_rate", "projection_killed_share", mode="before")
    @classmethod
    def int_rate_is_float(cls, value: object) -> object:
        """Let ``1`` stand for ``1.0`` in a float parameter."""
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def known_deployments(reference_dir: Path = REFERENCE_DIR) -> list[str]:
    """Deployment ids a user may name as precedents: every deployment of deployments.csv but Ukraine's."""
    with open(reference_dir / "deployments.csv", encoding="utf-8", newline="") as handle:
        return sorted(row["deployment_id"] for row in csv.DictReader(handle) if row["deployment_id"] != "ukraine_2024")


def judged_horizons(reference_dir: Path = REFERENCE_DIR) -> list[int]:
    """Horizons (months) for which scenario_probabilities.csv holds judgements."""
    with open(reference_dir / "scenario_probabilities.csv", encoding="utf-8", newline="") as handle:
        return sorted({int(row["horizon_months"]) for row in csv.DictReader(handle)})


def scenario_ids(reference_dir: Path = REFERENCE_DIR) -> list[str]:
    """The scenario ids of scenarios.yaml."""
    data = yaml.safe_load((reference_dir / "scenarios.yaml").read_text(encoding="utf-8"))
    return sorted(s["id"] for s in data["scenarios"])


def actor_ids(reference_dir: Path = REFERENCE_DIR) -> list[str]:
    """Actor ids a claim can be attributed to: actors.csv plus the article's author and unattributed reports."""
    with open(reference_dir / "actors.csv", encoding="utf-8", newline="") as handle:
        return sorted({row["actor_id"] for row in csv.DictReader(handle)} | {"author", "unattributed"})


def check_precedents(precedents: list[str]) -> list[str]:
    """The precedents if every one is a known deployment id, else a ValueError listing the known ids."""
    unknown = sorted(set(precedents) - set(known_deployments()))
    if unknown:
        raise ValueError(f"unknown deployment ids {unknown}; known: {', '.join(known_deployments())}")
    return precedents


BOUND_WORDS = (("exclusiveMinimum", ">"), ("minimum", ">="), ("exclusiveMaximum", "<"), ("maximum", "<="))


def describe_option(schema: dict) -> str:
    """One JSON-schema alternative in words: 'integer > 0 and <= 1300000', 'one of pandas, dask', 'null'."""
    if "enum" in schema:
        return "one of " + ", ".join(str(v) for v in schema["enum"])
    kind = {"array": "list", "string": "text"}.get(schema.get("type", "any"), schema.get("type", "any"))
    if schema.get("format") == "date":
        kind = "date YYYY-MM-DD"
    if "items" in schema:
        kind += " of " + describe_option(schema["items"])
    bounds = [f"{word} {schema[key]}" for key, word in BOUND_WORDS if key in schema]
    if "pattern" in schema:
        bounds.append(f"matching {schema['pattern']}")
    return " ".join([kind, " and ".join(bounds)]).strip()


def describe_allowed(name: str) -> str:
    """A short statement of a parameter's allowed values, from the schema."""
    schema = ReportParams.model_json_schema()["properties"].get(name)
    if schema is None:
        return "known parameters: " + ", ".join(ReportParams.model_fields)
    allowed = " or ".join(describe_option(option) for option in schema.get("anyOf", [schema]))
    return f"allowed: {allowed}" + (f"; {schema['description']}" if "description" in schema else "")


def validate_params(values: dict) -> ReportParams:
    """Validate a parameter mapping; raise :class:`ParamError` naming each bad parameter."""
    try:
        return ReportParams(**values)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = ".".join(str(p) for p in error["loc"]) or "?"
            root = str(error["loc"][0]) if error["loc"] else name
            given = error.get("input")
            if error["type"] == "extra_forbidden":
                lines.append(f"unknown parameter {name!r}; {describe_allowed(name)}")
            else:
                lines.append(f"parameter {name!r} = {given!r}: {error['msg']} ({describe_allowed(root)})")
        raise ParamError("invalid parameters:\n  " + "\n  ".join(lines)) from None


def parse_override(text: str) -> object:
    """A ``-p`` value as YAML (numbers, booleans, null, lists); dates stay text."""
    try:
        value = yaml.safe_load(text) if text.strip() else ""
    except (yaml.YAMLError, ValueError):  # e.g. 2025-13-40 looks like a date but is none
        return text
    return value.isoformat() if isinstance(value, dt.date) else value


class UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (plain YAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ParamError(
                    f"line {key_node.start_mark.line + 1}: parameter {key!r} is given twice (first on line "
                    f"{seen[key] + 1}); keep one"
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)


def load_params(path: Path | str | None = None, overrides: list[tuple[str, str]] | None = None) -> ReportParams:
    """Read a YAML parameter file (default values if None), apply ``-p`` overrides, validate."""
    values: dict = {}
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ParamError(f"{path}: parameter file not found")
        try:
            loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)
        except ParamError as exc:
            raise ParamError(f"{path} {exc}") from None
        except (yaml.YAMLError, ValueError) as exc:
            raise ParamError(f"{path}: not valid YAML ({exc})") from None
        if loaded is None:
            raise ParamError(f"{path}: the parameter file is empty; give parameters, or leave out --params")
        if not isinstance(loaded, dict):
            raise ParamError(f"{path}: expected a mapping of parameter names to values")
        values = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in loaded.items()}
    for name, text in overrides or []:
        values[name] = parse_override(text)
    return validate_params(values)


def notebook_values(params: ReportParams) -> dict:
    """Parameters as plain JSON-able literals for papermill (dates as ISO text)."""
    return params.model_dump(mode="json")
