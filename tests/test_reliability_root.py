"""One project root: the folder the command runs in, never the installed package's location."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nkreport.paths import PROJECT_ROOT, find_project, foreign_package

IGNORED = shutil.ignore_patterns(".venv", ".git", "__pycache__", ".*_cache", ".hypothesis", "*.egg-info", ".nkreport")
OUTPUTS = ("data/interim", "data/processed", "figures", "report")


def project_copy(target: Path) -> Path:
    """A copy of this project (sources, corpus, the output links) without its .venv and builds."""
    shutil.copytree(PROJECT_ROOT, target, ignore=IGNORED, symlinks=True)
    return target


def add_article(project: Path, title: str) -> None:
    raw = project / "data" / "raw"
    (raw / "articles" / "added.txt").write_text(
        "Seoul said on Monday that about 300 North Korean soldiers had been killed near Kursk.\n", encoding="utf-8"
    )
    with open(raw / "manifest.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["added", "added.txt", title, "Test", "", "2025-03-01", "", ""]
        )


def outputs_hash(project: Path) -> dict[str, str]:
    return {
        str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in OUTPUTS
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }


def nkreport(args: list[str], cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NKREPORT_ROOT", "PYTHONPATH")}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", "nkreport", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_project_is_found_from_any_folder_inside_it(tmp_path):
    project = tmp_path / "p"
    (project / "data" / "raw").mkdir(parents=True)
    (project / "notebooks").mkdir()
    (project / "pyproject.toml").write_text("")
    assert find_project(project / "notebooks") == project
    assert find_project(tmp_path) is None


def test_a_package_from_another_copy_is_named_with_what_to_run(tmp_path):
    assert foreign_package(PROJECT_ROOT) is None
    problem = foreign_package(tmp_path)
    assert str(PROJECT_ROOT / "src" / "nkreport") in problem and "make setup" in problem


def test_a_copy_with_the_original_package_refuses_to_build_and_leaves_the_original(tmp_path):
    copy = project_copy(tmp_path / "copy")
    add_article(copy, "Only in the copy")
    before = outputs_hash(PROJECT_ROOT)
    run = nkreport(["build"], cwd=copy)  # this .venv imports the original's src/
    assert run.returncode == 2
    assert f"not this project's {copy / 'src' / 'nkreport'}" in run.stderr and "make setup" in run.stderr
    assert outputs_hash(PROJECT_ROOT) == before


def test_root_outside_a_project_is_refused(tmp_path):
    run = nkreport(["check", "--root", str(tmp_path)], cwd=PROJECT_ROOT)
    assert run.returncode == 2 and "no project at or above" in run.stderr
    run = nkreport(["check"], cwd=tmp_path)  # not the installed package's project either
    assert run.returncode == 2 and f"no project at or above {tmp_path}" in run.stderr


@pytest.mark.e2e
def test_a_copied_project_builds_itself_and_leaves_the_original_byte_identical(tmp_path):
    copy = project_copy(tmp_path / "copy")
    add_article(copy, "Only in the copy: 300 killed")
    before = outputs_hash(PROJECT_ROOT)
    run = nkreport(["--root", str(copy), "build"], cwd=tmp_path, pythonpath=copy / "src")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "inputs OK: 6 articles" in run.stderr and f"report written to {copy / 'report'}" in run.stderr
    assert "Only in the copy: 300 killed" in (copy / "report" / "report.html").read_text(encoding="utf-8")
    assert outputs_hash(PROJECT_ROOT) == before


def install_reason(project: Path) -> str:
    """What ``scripts/setup.sh`` finds wrong with ``project``'s .venv (empty: nothing to reinstall)."""
    return run_setup_function("install_reason", project)


def run_setup_function(name: str, project: Path) -> str:
    setup = PROJECT_ROOT / "scripts" / "setup.sh"
    run = subprocess.run(
        ["bash", "-c", f'source "{setup}" && {name}'], cwd=project, capture_output=True, text=True, check=True
    )
    return run.stdout.strip()


@pytest.mark.slow
def test_setup_reinstalls_when_the_venv_imports_another_copy_of_the_package(tmp_path):
    original, copy = tmp_path.resolve() / "original", tmp_path.resolve() / "copy"
    for project in (original, copy):
        (project / "src" / "nkreport").mkdir(parents=True)
        (project / "src" / "nkreport" / "__init__.py").write_text("")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(PROJECT_ROOT / name, copy / name)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(copy / ".venv")], check=True)
    assert install_reason(copy) == "nkreport is not installed in .venv"
    # what an editable install leaves in site-packages: a .pth naming the project's src/
    (pth,) = [p / "__editable__.nkreport-0.1.0.pth" for p in (copy / ".venv" / "lib").glob("python3*/site-packages")]
    pth.write_text(f"{copy / 'src'}\n")
    (copy / ".venv" / ".nkreport-installed").write_text(run_setup_function("install_stamp", copy) + "\n")
    assert install_reason(copy) == ""
    pth.write_text(f"{original / 'src'}\n")  # the .venv came along from the original (copied or moved)
    assert install_reason(copy) == f".venv imports nkreport from {original / 'src'}, not from {copy / 'src'}"
    pth.write_text(f"{copy / 'src'}\n")
    (copy / "requirements.lock").write_text("pandas==0.0.1\n")
    assert install_reason(copy) == "requirements.lock or pyproject.toml changed since the last install"


def test_a_notebook_run_before_any_build_gets_a_clear_error(tmp_path):
    from nkreport.paths import NoBuildYet, output_root

    (tmp_path / "data").mkdir()
    (tmp_path / "report").symlink_to(".nkreport/current/report")
    with pytest.raises(NoBuildYet, match=r"report links to \.nkreport/current/report.*Run `make report` once"):
        output_root("", tmp_path)
    assert output_root("elsewhere", tmp_path) == (tmp_path / "elsewhere").resolve()
    (tmp_path / ".nkreport" / "current" / "report").mkdir(parents=True)
    assert output_root("", tmp_path) == tmp_path
