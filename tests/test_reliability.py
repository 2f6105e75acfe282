"""Nothing lost: raw data untouched, failed runs leave the last good report, outputs published whole."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from nkreport.paths import DEFAULT_PARAMS, NOTEBOOKS_DIR, PROJECT_ROOT
from nkreport.pipeline import BuildError, build, check_inputs, main

pytestmark = pytest.mark.e2e
RAW = PROJECT_ROOT / "data" / "raw"


def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` (relative path -> hash)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def published(out: Path) -> dict[str, str]:
    """Hashes of what a build publishes: tables, figures and the rendered report."""
    hashes = {}
    for folder in ("data/interim", "data/processed", "figures"):
        hashes |= {f"{folder}/{k}": v for k, v in tree_hashes(out / folder).items()}
    for name in ("report.html", "report.pdf"):
        hashes[name] = hashlib.sha256((out / "report" / name).read_bytes()).hexdigest()
    return hashes


def broken_copy(tmp_path: Path) -> Path:
    """The cleaning notebook with a cell that fails after the stage has written its tables."""
    notebook = nbformat.read(NOTEBOOKS_DIR / "01_cleaning.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell('raise RuntimeError("broken on purpose")'))
    path = tmp_path / "01_cleaning.ipynb"
    nbformat.write(notebook, path)
    return path


def test_raw_data_is_not_written_by_a_build(built_report):
    before = json.loads((built_report / "raw-before.json").read_text())
    assert tree_hashes(RAW) == before


def test_failed_run_leaves_the_last_good_report_in_place(built_report, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(built_report, out, symlinks=True)
    good = published(out)
    params, articles = check_inputs(DEFAULT_PARAMS, [])
    with pytest.raises(BuildError) as failure:
        build(params, articles, out, notebooks=[broken_copy(tmp_path)], force=True)
    message = str(failure.value)
    assert "01_cleaning.ipynb failed in cell" in message and "RuntimeError: broken on purpose" in message
    assert published(out) == good
    assert (out / ".nkreport" / "failed" / "01_cleaning.ipynb").is_file()
    assert (out / "report" / "executed" / "01_cleaning.ipynb").is_file()  # the good executed copy stays
    assert len(list((out / ".nkreport" / "builds").iterdir())) == 1  # the failed build's folder is removed


def test_command_line_reports_bad_parameters_before_running(capsys):
    assert main(["check", "-p", "projection_horizon_months", "0"]) == 2
    error = capsys.readouterr().err
    assert "projection_horizon_months" in error and "greater than or equal to 1" in error
    assert main(["check", "-p", "horison", "12"]) == 2
    assert "unknown parameter 'horison'" in capsys.readouterr().err
