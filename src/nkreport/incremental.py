"""What a rebuild may skip: content hashes of each notebook's inputs, kept in the build's own folder.

A notebook's key is a SHA-256 over everything its outputs depend on: the notebook file, the package
code, templates and reference tables it calls, the pinned environment, the corpus, the parameters it
declares, and the keys of the notebooks it reads from (``nkreport.depends_on`` in its metadata; by
default every earlier notebook). Outputs are deterministic functions of these inputs (tests check
byte-identical rebuilds), so an unchanged key means unchanged outputs and the notebook is skipped.
The rendering's key is the keys of all notebooks plus the build date's absence: a build whose keys
all match the last successful one renders nothing. The state is part of the build's folder
(``report/.build-state.json``), so it is published with the outputs it describes, in the same switch.

Why not ploomber, Snakemake or DVC: all three decide staleness the same way (file timestamps or
content hashes of declared inputs and outputs), but they need their own pipeline file, and DVC its
cache and ``.dvc`` files under git. Our pipeline is a fixed, short chain of notebooks whose inputs
are already known to the build (parameters by name from papermill, dependencies in notebook
metadata), so forty lines of hashing give the same decision without a second pipeline definition
to keep in step with ``notebooks/``.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .paths import PROJECT_ROOT

STATE_FILE = ".build-state.json"
CODE_GLOBS = (
    "src/nkreport/**/*.py",  # the package and its subpackages (claims, estimates)
    "templates/*",
    "data/reference/*",
    "tests/data/devset/*",  # chapter 2 reports the extractor on the development set
    "requirements.lock",
)


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each separated so that ('ab', 'c') and ('a', 'bc') differ."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_hash(root: Path = PROJECT_ROOT) -> str:
    """Hash of the package code, templates, reference tables and pinned versions."""
    files = sorted(p for pattern in CODE_GLOBS for p in root.glob(pattern) if p.is_file())
    return digest(*(f"{p.relative_to(root)}\0".encode() + p.read_bytes() for p in files))


def dependencies(notebook: Path, earlier: list[Path]) -> list[Path]:
    """The earlier notebooks this one reads from: ``nkreport.depends_on`` stems, else all earlier ones."""
    metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    declared = metadata.get("nkreport", {}).get("depends_on")
    if declared is None:
        return earlier
    by_stem = {p.stem: p for p in earlier}
    missing = sorted(set(declared) - set(by_stem))
    if missing:
        raise ValueError(f"{notebook.name}: depends_on names notebooks that do not run before it: {missing}")
    return [by_stem[stem] for stem in declared]


def notebook_keys(notebooks: list[Path], parameters: dict[Path, dict], corpus: str) -> dict[str, str]:
    """Each notebook's input key, in run order (upstream keys feed downstream ones)."""
    keys: dict[str, str] = {}
    for index, notebook in enumerate(notebooks):
        upstream = dependencies(notebook, notebooks[:index])
        values = json.dumps(parameters[notebook], sort_keys=True, default=str)
        keys[notebook.name] = digest(
            notebook.read_bytes(), code_hash(), corpus, values, *(keys[p.name] for p in upstream)
        )
    return keys


def render_key(keys: dict[str, str]) -> str:
    """Key of the rendered report: every notebook's key, in order."""
    return digest(*(f"{name}={key}" for name, key in keys.items()))


def read_state(report_dir: Path) -> dict:
    """The keys of the last successful build, or an empty state."""
    path = report_dir / STATE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def build_state(keys: dict[str, str]) -> dict:
    """What a successful build records (written into its folder by :func:`nkreport.publish.publish`)."""
    return {"notebooks": keys, "render": render_key(keys)}


def stale(keys: dict[str, str], state: dict, executed_dir: Path) -> list[str]:
    """Notebooks whose key changed or whose executed copy is missing."""
    previous = state.get("notebooks", {})
    return [name for name, key in keys.items() if previous.get(name) != key or not (executed_dir / name).is_file()]
