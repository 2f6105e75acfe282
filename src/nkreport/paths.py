"""Where things live: the project's own folders and a build's output folders.

The project is the folder the command runs in, never the installed package's location: ``python -m
nkreport --root DIR`` sets ``NKREPORT_ROOT`` before anything is imported (papermill's kernels inherit it);
without it the project is the nearest folder, from the current one upwards, that holds ``pyproject.toml``
and ``data/raw`` (a notebook opened in JupyterLab runs in ``notebooks/`` and finds its project so).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT_VARIABLE = "NKREPORT_ROOT"
PACKAGE_DIR = Path(__file__).resolve().parent


def is_project(folder: Path) -> bool:
    """True for a folder holding ``pyproject.toml`` and ``data/raw``."""
    return (folder / "pyproject.toml").is_file() and (folder / "data" / "raw").is_dir()


def find_project(start: Path) -> Path | None:
    """The nearest project folder at or above ``start``, or None."""
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if is_project(folder)), None)


def project_root() -> Path:
    """``$NKREPORT_ROOT`` if set, else the project around the current folder (else the package's, for library use)."""
    given = os.environ.get(ROOT_VARIABLE)
    if given:
        return Path(given).resolve()
    return find_project(Path.cwd()) or PACKAGE_DIR.parents[1]


PROJECT_ROOT = project_root()
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEFAULT_PARAMS = PROJECT_ROOT / "params" / "default.yaml"


def foreign_package(root: Path) -> str | None:
    """Why the imported package is not ``root``'s own ``src/nkreport`` (a .venv made for another copy), or None."""
    own = (root / "src" / "nkreport").resolve()
    if own == PACKAGE_DIR:
        return None
    return (
        f"the nkreport package in use is {PACKAGE_DIR}, not this project's {own}: the .venv was set up for "
        f"another copy of the project. Run `make setup` (or `bash scripts/setup.sh`) in {root} to reinstall "
        "it, then build again."
    )


@dataclass(frozen=True)
class BuildPaths:
    """The output folders under ``root``: one build's folder, or an output root (the project), whose
    output paths are links into its current build (:mod:`nkreport.publish`)."""

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
        """The folders a build publishes as a whole when it succeeds."""
        return (self.interim, self.processed, self.figures, self.report)

    def make(self) -> BuildPaths:
        for folder in (*self.outputs(), self.executed):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve(path: str | Path, base: Path = PROJECT_ROOT) -> Path:
    """A path from parameters: absolute as given, else relative to the project."""
    path = Path(path)
    return path if path.is_absolute() else (base / path).resolve()


class NoBuildYet(FileNotFoundError):
    """The project's output links point to a build that does not exist yet."""


def output_root(build_dir: str | Path = "", project: Path = PROJECT_ROOT) -> Path:
    """Where a notebook reads and writes: the build folder papermill passes, else the project itself, whose
    output folders are links into its current build; a clear error when there is no build yet (a fresh clone)."""
    if build_dir:
        return resolve(build_dir, project)
    for folder in BuildPaths(project).outputs():
        if folder.is_symlink() and not folder.exists():
            raise NoBuildYet(
                f"{folder.relative_to(project)} links to {os.readlink(folder)}, which does not exist yet: the "
                f"project has no build. Run `make report` once in {project}, then run the notebook again."
            )
    return project
