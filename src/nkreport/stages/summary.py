"""The summary's stage: read the chapters' outputs that the summary opening the report draws on."""

from __future__ import annotations

from pathlib import Path

from ..summary import Findings
from . import outputs


def run(build_root: Path) -> Findings:
    """The chapters' tables and facts from the build under ``build_root``."""
    read = lambda name: outputs.read(name, build_root)  # noqa: E731
    return Findings(
        disagreements=read("disagreements"),
        history=read("history_metrics"),
        versus=read("corpus_vs_reference"),
        facts=read("bottom_line"),
        claims=read("claims"),
        estimates=read("estimate_facts"),
    )
