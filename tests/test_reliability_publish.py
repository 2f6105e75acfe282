"""Publishing is all or nothing (outputs and build state), one build per folder, no staging left behind."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from nkreport import pipeline
from nkreport.incremental import STATE_FILE, code_hash, read_state
from nkreport.params import load_params
from nkreport.paths import BuildPaths
from nkreport.publish import JOURNAL_FILE, LOCK_FILE, BuildLocked, PublishError, build_lock, new_staging, recover
from nkreport.publish import publish as publish_outputs

OLD_STATE = {"notebooks": {"01_a.ipynb": "old"}, "render": "old"}
NEW_STATE = {"notebooks": {"01_a.ipynb": "new"}, "render": "new"}
# A successful publish renames: the journal into place, each of the four folders out and the new one in,
# the state file into place; then it removes the journal.
RENAMES = 1 + 4 * 2 + 1


def outputs(paths: BuildPaths, label: str) -> BuildPaths:
    """Output folders with one file each, holding ``label``."""
    paths.make()
    for folder in paths.outputs():
        (folder / "table.csv").write_text(f"{folder.name},{label}\n", encoding="utf-8")
    return paths


def tree(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` outside staging folders."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).parts[0].startswith(".build-")
    }


@pytest.fixture
def last_good(tmp_path: Path) -> BuildPaths:
    """A folder with the outputs and build state of a previous build."""
    out = outputs(BuildPaths(tmp_path / "out"), "old")
    (out.report / STATE_FILE).write_text(json.dumps(OLD_STATE), encoding="utf-8")
    return out


def fail_at(monkeypatch, call: int, error: type[BaseException] = PermissionError) -> None:
    """Make the ``call``-th ``os.replace`` (counting from 0) raise; the others work."""
    real, calls = os.replace, [0]

    def replace(source, target):
        calls[0] += 1
        if calls[0] - 1 == call:
            raise error(13, "Permission denied", str(target))
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("step", range(RENAMES))
def test_a_failed_publish_step_leaves_outputs_and_state_of_the_last_good_build(last_good, monkeypatch, step):
    before = tree(last_good.root)
    staging = outputs(new_staging(last_good.root), "new")
    fail_at(monkeypatch, step)
    with pytest.raises(PublishError, match="previous report, tables, figures and build state are unchanged"):
        publish_outputs(staging, last_good, NEW_STATE)
    monkeypatch.undo()
    assert tree(last_good.root) == before
    assert read_state(last_good.report) == OLD_STATE
    assert not (last_good.root / JOURNAL_FILE).exists()


def test_a_failed_journal_removal_rolls_back_too(last_good, monkeypatch):
    before = tree(last_good.root)
    staging = outputs(new_staging(last_good.root), "new")
    real = Path.unlink

    def unlink(self, missing_ok=False):
        if self.name == JOURNAL_FILE and not missing_ok:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(PublishError):
        publish_outputs(staging, last_good, NEW_STATE)
    monkeypatch.undo()
    assert tree(last_good.root) == before


def test_a_successful_publish_replaces_everything_and_writes_the_state_last(last_good):
    staging = outputs(new_staging(last_good.root), "new")
    publish_outputs(staging, last_good, NEW_STATE)
    assert (last_good.figures / "table.csv").read_text() == "figures,new\n"
    assert (last_good.report / "table.csv").read_text() == "report,new\n"
    assert read_state(last_good.report) == NEW_STATE
    assert not (last_good.root / JOURNAL_FILE).exists()


@pytest.mark.parametrize("step", [2, 5, 8])
def test_a_build_that_died_while_publishing_is_rolled_back_by_the_next(last_good, monkeypatch, step):
    before = tree(last_good.root)
    staging = outputs(new_staging(last_good.root), "new")
    fail_at(monkeypatch, step, error=SystemExit)  # the process dies: no roll-back of its own
    with pytest.raises(SystemExit):
        publish_outputs(staging, last_good, NEW_STATE)
    monkeypatch.undo()
    assert (last_good.root / JOURNAL_FILE).exists() and tree(last_good.root) != before
    assert recover(last_good.root)
    assert tree(last_good.root) == before
    assert read_state(last_good.report) == OLD_STATE


def test_publish_errors_are_a_message_not_a_traceback(monkeypatch, capsys):
    def failing_build(*args, **kwargs):
        raise PublishError("publishing into /x failed: Permission denied (/x/report); ... unchanged.")

    monkeypatch.setattr(pipeline, "build", failing_build)
    assert pipeline.main(["build"]) == 1
    error = capsys.readouterr().err
    assert "error: publishing into /x failed: Permission denied" in error and "Traceback" not in error


def test_a_second_build_stops_while_the_first_holds_the_lock(tmp_path):
    with build_lock(tmp_path) as lock:
        holder = json.loads(lock.read_text())
        assert holder["pid"] == os.getpid()
        with pytest.raises(BuildLocked) as second, build_lock(tmp_path):
            pass
    assert f"a build is running in {tmp_path} since {holder['started']} (pid {os.getpid()})" in str(second.value)
    assert not lock.exists()  # released


def test_a_lock_of_a_dead_build_is_taken_over(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": dead.pid, "started": "2026-01-01T00:00:00+00:00"}))
    with build_lock(tmp_path) as lock:
        assert json.loads(lock.read_text())["pid"] == os.getpid()


def test_a_lock_whose_pid_now_belongs_to_a_younger_process_is_stale(tmp_path):
    (tmp_path / LOCK_FILE).write_text(json.dumps({"pid": os.getpid(), "started": "2000-01-01T00:00:00+00:00"}))
    with build_lock(tmp_path) as lock:
        assert json.loads(lock.read_text())["started"] != "2000-01-01T00:00:00+00:00"


def test_a_build_removes_staging_folders_of_dead_builds_under_its_lock(tmp_path, monkeypatch):
    out = tmp_path / "out"
    for name in (".build-123-abc", ".build-456-def"):
        (out / name / "report").mkdir(parents=True)
    seen = {}

    def locked(params, articles, paths, notebooks, force):
        seen["folders"] = sorted(p.name for p in out.iterdir())
        return pipeline.BuildTimings()

    monkeypatch.setattr(pipeline, "build_locked", locked)
    pipeline.build(load_params(None), 5, out, notebooks=[tmp_path / "01_x.ipynb"])
    assert seen["folders"] == [LOCK_FILE]
    assert sorted(p.name for p in out.iterdir()) == []


def sleeping_notebook(path: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell('build_dir = ""', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import time\ntime.sleep(120)"),
    ]
    nbformat.write(notebook, path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_removes_its_staging_folder_and_lock(tmp_path, signum):
    out = tmp_path / "out"
    notebook = sleeping_notebook(tmp_path / "01_sleep.ipynb")
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from nkreport.params import load_params
        from nkreport.pipeline import build
        from nkreport.publish import stop_on_signals
        stop_on_signals()
        build(load_params(None), 5, Path({str(out)!r}), notebooks=[Path({str(notebook)!r})])
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(out.glob(".build-*/report/executed/01_sleep.ipynb")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(out.glob(".build-*")), "the build did not start"
    time.sleep(2)  # the kernel runs the sleeping cell
    kernels = psutil.Process(process.pid).children(recursive=True)
    assert kernels, "no kernel process"
    process.send_signal(signum)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert sorted(p.name for p in out.iterdir()) == [], process.stderr.read().decode()[-2000:]
    _, alive = psutil.wait_procs(kernels, timeout=15)
    assert alive == []  # the kernel was shut down too


def test_code_in_subpackages_is_part_of_the_build_key(tmp_path):
    module = tmp_path / "src" / "nkreport" / "estimates" / "headline.py"
    module.parent.mkdir(parents=True)
    module.write_text("VALUE = 1\n")
    before = code_hash.__wrapped__(tmp_path)
    module.write_text("VALUE = 2\n")
    assert code_hash.__wrapped__(tmp_path) != before


def test_a_full_disk_while_staging_is_a_message_and_changes_nothing(last_good, tmp_path, monkeypatch):
    before = tree(last_good.root)

    def no_space(out, staging):
        raise OSError(28, "No space left on device", str(staging.processed / "claims.csv"))

    monkeypatch.setattr(pipeline, "carry_outputs", no_space)
    notebook = sleeping_notebook(tmp_path / "01_sleep.ipynb")
    with pytest.raises(pipeline.BuildError, match=r"could not write .*claims\.csv: No space left on device"):
        pipeline.build(load_params(None), 5, last_good.root, notebooks=[notebook])
    assert tree(last_good.root) == before
    assert not list(last_good.root.glob(".build-*"))


def test_a_kernel_that_dies_is_a_message_naming_the_notebook(last_good, tmp_path, monkeypatch):
    import papermill
    from nbclient.exceptions import DeadKernelError

    def dies(*args, **kwargs):
        raise DeadKernelError("Kernel died")

    monkeypatch.setattr(papermill, "execute_notebook", dies)
    notebook = sleeping_notebook(tmp_path / "01_sleep.ipynb")
    with pytest.raises(pipeline.BuildError, match=r"01_sleep\.ipynb could not run: DeadKernelError: Kernel died"):
        pipeline.build(load_params(None), 5, last_good.root, notebooks=[notebook], force=True)
    assert read_state(last_good.report) == OLD_STATE


@pytest.mark.slow
def test_sigterm_after_the_notebooks_ran_still_cleans_up(tmp_path):
    out, marker = tmp_path / "out", tmp_path / "rendering"
    notebook = tmp_path / "01_quick.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell('build_dir = ""', metadata={"tags": ["parameters"]})],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        ),
        notebook,
    )
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from nkreport import pipeline
        from nkreport.params import load_params
        from nkreport.publish import stop_on_signals

        def slow_render(*args):
            Path({str(marker)!r}).touch()
            time.sleep(120)

        pipeline.render = slow_render
        stop_on_signals()
        pipeline.build(load_params(None), 5, Path({str(out)!r}), notebooks=[Path({str(notebook)!r})])
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert marker.exists(), process.stderr.read().decode()[-2000:] if process.poll() is not None else "no render"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    assert process.returncode == 143
    assert sorted(p.name for p in out.iterdir()) == []
