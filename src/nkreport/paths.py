"""Where things live: the project's own folders and a build's output folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEFAULT_PARAMS = PROJECT_ROOT / "params" / "default.yaml"


@dataclass(frozen=True)
class BuildPaths:
    """The output folders of one build, under ``root`` (the project, or a staging folder)."""

    root: Path

    @property
    def interim(self) -> Path:
        return self.root / "data" / "interim"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def report(self) -> Path:
        return self.root / "report"

    @property
    def executed(self) -> Path:
        return self.report / "executed"

    def outputs(self) -> tuple[Path, ...]:
        """The folders a build replaces as a whole when it succeeds."""
        return (self.interim, self.processed, self.figures, self.report)

    def make(self) -> BuildPaths:
        for folder in (*self.outputs(), self.executed):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve(path: str | Path, base: Path = PROJECT_ROOT) -> Path:
    """A path from parameters: absolute as given, else relative to the project."""
    path = Path(path)
    return path if path.is_absolute() else (base / path).resolve()
