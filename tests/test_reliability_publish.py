"""Publishing is one atomic switch of outputs and build state, one build per folder, nothing left behind."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from nkreport import pipeline
from nkreport.incremental import code_hash, read_state
from nkreport.params import load_params
from nkreport.paths import BuildPaths
from nkreport.publish import BuildFolders, BuildLocked, PublishError, build_lock

REAL_EXECUTE = pipeline.execute
OUTPUTS = ("report", "figures", "data/processed", "data/interim")
UNCHANGED = "the previous report, tables, figures and build state are unchanged"


def quick_notebook(path: Path) -> Path:
    """A chapter notebook that declares the projection horizon (it is never run: see ``quick_builds``)."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell(
            'build_dir = ""\nprojection_horizon_months: int | None = 24', metadata={"tags": ["parameters"]}
        )
    ]
    nbformat.write(notebook, path)
    return path


def fake_execute(notebook, new: BuildPaths, params, failed_dir) -> Path:
    """What a run of ``quick_notebook`` would write: one file per output folder, naming the horizon."""
    label = f"{params.projection_horizon_months} months\n"
    for folder in (new.interim, new.processed, new.figures):
        (folder / "table.csv").write_text(label, encoding="utf-8")
    shutil.copy(notebook, new.executed / notebook.name)
    return new.executed / notebook.name


def fake_render(executed, info, new: BuildPaths, timings) -> None:
    label = (new.processed / "table.csv").read_text(encoding="utf-8")
    for name in ("report.html", "report.pdf"):
        (new.report / name).write_text(label, encoding="utf-8")
    timings.add("render", 0.0)


@pytest.fixture
def quick_builds(tmp_path, monkeypatch):
    """``build(months)``: the pipeline's real build, lock and publish, with notebooks and rendering faked."""
    notebook = quick_notebook(tmp_path / "01_quick.ipynb")
    monkeypatch.setattr(pipeline, "execute", fake_execute)
    monkeypatch.setattr(pipeline, "render", fake_render)
    monkeypatch.setattr(pipeline, "build_info", lambda *args: {})

    def build(months: int, out: Path = tmp_path / "out") -> pipeline.BuildTimings:
        params = load_params(None, [("projection_horizon_months", str(months))])
        return pipeline.build(params, 5, out, [notebook])

    return build


def seen(root: Path) -> dict[str, str]:
    """SHA-256 of every file a reader finds through the output paths (the build state included)."""
    return {
        f"{name}/{p.relative_to(root / name)}": hashlib.sha256(p.read_bytes()).hexdigest()
        for name in OUTPUTS
        for p in sorted((root / name).rglob("*"))
        if p.is_file()
    }


def label(root: Path, output: str = "report") -> str:
    name = "report.html" if output == "report" else "table.csv"
    return (root / output / name).read_text(encoding="utf-8").strip()


def build_of(path: Path) -> Path:
    """The build folder an output path resolves into."""
    real = Path(os.path.realpath(path))
    return next(p for p in (real, *real.parents) if p.parent.name == "builds")


def one_build(root: Path) -> Path:
    """The one build folder all four output paths resolve into (and ``current`` names)."""
    builds = {build_of(root / name) for name in OUTPUTS}
    assert builds == {Path(os.path.realpath(BuildFolders(root).current))}
    return builds.pop()


def up_to_date(timings: pipeline.BuildTimings) -> bool:
    return timings.steps == {} and timings.skipped == ["01_quick.ipynb"]


def test_each_build_is_published_whole_through_relative_links(quick_builds, tmp_path):
    out = tmp_path / "out"
    quick_builds(12)
    first = one_build(out)
    assert [label(out, name) for name in OUTPUTS] == ["12 months"] * 4
    assert read_state(out / "report")["notebooks"].keys() == {"01_quick.ipynb"}
    assert os.readlink(out / "report") == ".nkreport/current/report"
    assert os.readlink(out / "data" / "processed") == "../.nkreport/current/data/processed"
    assert not os.path.isabs(os.readlink(BuildFolders(out).current))
    quick_builds(24)
    second = one_build(out)
    assert second != first and [label(out, name) for name in OUTPUTS] == ["24 months"] * 4
    assert Path(os.path.realpath(BuildFolders(out).previous)) == first
    assert up_to_date(quick_builds(24))


def test_a_successful_build_removes_the_notebooks_of_failed_runs(quick_builds, tmp_path):
    folders = BuildFolders(tmp_path / "out")
    quick_builds(24)
    folders.failed.mkdir()
    (folders.failed / "01_quick.ipynb").write_text("{}")
    assert up_to_date(quick_builds(24)) and folders.failed.is_dir()  # nothing was published
    quick_builds(36)
    assert not folders.failed.exists()


def test_builds_older_than_the_previous_are_removed(quick_builds, tmp_path):
    folders = BuildFolders(tmp_path / "out")
    for months in (12, 24, 36):
        quick_builds(months)
    kept = {Path(os.path.realpath(folders.current)), Path(os.path.realpath(folders.previous))}
    assert set(folders.builds.iterdir()) == kept and len(kept) == 2
    assert {label(p) for p in kept} == {"24 months", "36 months"}


def failing(real, index: int, error: type[BaseException]):
    """``real``, except that its ``index``-th call (from 0) raises ``error``."""
    calls = [0]

    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] - 1 == index:
            raise error(13, "Permission denied", str(args[-1] if args else ""))
        return real(*args, **kwargs)

    return call


# Each step of making and publishing a build, as (the pipeline function it happens in, the call that fails).
# A publish writes the state (tempfile.mkstemp, os.replace 0), removes the build before the previous one
# (shutil.rmtree 0), points `previous` (os.symlink 0, os.replace 1), then `current` (os.symlink 1, os.replace 2).
STEPS = {
    "making the build folder": ("new_build", tempfile, "mkdtemp", 0),
    "writing the build state": ("publish", tempfile, "mkstemp", 0),
    "renaming the build state into place": ("publish", os, "replace", 0),
    "removing old builds": ("publish", shutil, "rmtree", 0),
    "pointing previous": ("publish", os, "replace", 1),
    "creating the temporary link": ("publish", os, "symlink", 1),
    "the switch": ("publish", os, "replace", 2),
}


def arm(monkeypatch, step: str, error: type[BaseException]) -> None:
    """Make ``step`` fail the next time the pipeline runs it."""
    where, module, name, index = STEPS[step]
    real = getattr(pipeline, where)

    def armed(*args, **kwargs):
        monkeypatch.setattr(pipeline, where, real)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(module, name, failing(getattr(module, name), index, error))
            return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, where, armed)


@pytest.mark.parametrize("step", STEPS)
def test_a_failed_step_leaves_the_outputs_and_next_decision_of_the_last_good_build(
    quick_builds, tmp_path, monkeypatch, step
):
    out = tmp_path / "out"
    quick_builds(12)
    quick_builds(24)  # the last good build; the one before it is the build a publish removes
    before, current = seen(out), one_build(out)
    arm(monkeypatch, step, PermissionError)
    with pytest.raises((PublishError, pipeline.BuildError)) as failure:
        quick_builds(36)
    message = str(failure.value)
    assert "Permission denied" in message
    assert UNCHANGED in message if STEPS[step][0] == "publish" else "cannot create a build folder" in message
    assert seen(out) == before and one_build(out) == current and label(out) == "24 months"
    assert len(list(BuildFolders(out).builds.iterdir())) <= 2  # the failed build's folder is gone
    assert up_to_date(quick_builds(24))
    assert quick_builds(36).steps  # and the new parameters are still to build


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_the_last_good_build(quick_builds, tmp_path, monkeypatch, step):
    out = tmp_path / "out"
    quick_builds(12)
    quick_builds(24)
    before, previous = seen(out), Path(os.path.realpath(BuildFolders(out).previous))
    arm(monkeypatch, step, SystemExit)
    monkeypatch.setattr(pipeline, "discard", lambda *args: None)  # a killed process cleans nothing
    with pytest.raises(SystemExit):
        quick_builds(36)
    assert seen(out) == before and label(out) == "24 months"
    assert up_to_date(quick_builds(24))
    folders = BuildFolders(out)
    assert Path(os.path.realpath(folders.previous)) in (previous, one_build(out))  # pointed early, at current
    assert set(folders.builds.iterdir()) <= {previous, one_build(out)}  # what the dead build left is gone


def test_a_reader_always_sees_one_whole_build(quick_builds, tmp_path):
    out = tmp_path / "out"
    quick_builds(1)
    done, mixed, errors = threading.Event(), [], []

    def read() -> None:
        while not done.is_set():
            try:
                labels = {label(out, name) for name in OUTPUTS}
                build = build_of(out / "report")
                if build_of(out / "data" / "processed") == build and len({label(build, n) for n in OUTPUTS}) != 1:
                    mixed.append(build)
            except OSError as exc:
                errors.append(exc)
                continue
            if len(labels) > 2:  # four reads straddle at most one switch
                mixed.append(labels)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for months in range(2, 30):
            quick_builds(months)
            one_build(out)
    finally:
        done.set()
        reader.join()
    assert mixed == [] and errors == []


def test_a_project_of_real_output_folders_is_migrated_without_losing_its_outputs(quick_builds, tmp_path):
    quick_builds(24)
    old = tmp_path / "old"  # the same outputs and state as real folders: the layout before this one
    shutil.copytree(tmp_path / "out", old, ignore=shutil.ignore_patterns(".nkreport"))
    assert not (old / "report").is_symlink()
    before = seen(old)
    assert up_to_date(quick_builds(24, old))
    assert all((old / name).is_symlink() for name in OUTPUTS)
    assert seen(old) == before and one_build(old).name == "migrated"
    quick_builds(36, old)
    assert label(old) == "36 months" and Path(os.path.realpath(BuildFolders(old).previous)).name == "migrated"


def test_an_interrupted_migration_resumes_without_losing_outputs(quick_builds, tmp_path, monkeypatch):
    quick_builds(24)
    old = tmp_path / "old"
    shutil.copytree(tmp_path / "out", old, ignore=shutil.ignore_patterns(".nkreport"))
    before = seen(old)
    # killed after two of the four folders moved, then after all four moved but before `current` was made
    for module, name, index in ((os, "rename", 2), (os, "replace", 0)):
        with pytest.MonkeyPatch.context() as patch, pytest.raises(SystemExit):
            patch.setattr(module, name, failing(getattr(module, name), index, SystemExit))
            quick_builds(24, old)
    assert not any((old / name).exists() for name in OUTPUTS)
    assert up_to_date(quick_builds(24, old))
    assert seen(old) == before and one_build(old).name == "migrated"


def test_a_copied_project_reads_and_builds_its_own_outputs(quick_builds, tmp_path):
    out, copy = tmp_path / "out", tmp_path / "copy"
    quick_builds(24)
    shutil.copytree(out, copy, symlinks=True)  # as cp -a or rsync -a copy it
    assert one_build(copy).is_relative_to(copy) and seen(copy) == seen(out)
    original = seen(out)
    assert up_to_date(quick_builds(24, copy))
    quick_builds(36, copy)
    assert label(copy) == "36 months" and seen(out) == original


def test_a_copy_that_followed_the_links_is_a_clear_error(quick_builds, tmp_path):
    out, copy = tmp_path / "out", tmp_path / "copy"
    quick_builds(24)
    shutil.copytree(out, copy)  # every link copied as the folder it names, .nkreport/current too
    with pytest.raises(PublishError, match=r"current is a folder, not a link: the project was copied without its"):
        quick_builds(24, copy)
    shutil.rmtree(copy / ".nkreport")  # as the message says; the outputs in the folders are adopted
    assert up_to_date(quick_builds(24, copy)) and label(copy) == "24 months"
    shutil.rmtree(copy / ".nkreport" / "builds")  # only `current` was copied as a folder: the same error
    (copy / ".nkreport" / "current").unlink()
    (copy / ".nkreport" / "current").mkdir()
    with pytest.raises(PublishError, match=r"current is a folder, not a link"):
        quick_builds(24, copy)


def test_a_real_folder_beside_a_current_build_is_a_clear_error(quick_builds, tmp_path):
    out = tmp_path / "out"
    quick_builds(24)
    (out / "figures").unlink()
    (out / "figures").mkdir()
    with pytest.raises(PublishError, match=r"figures is a folder, not the link into .*current.* move it away"):
        quick_builds(24)


def test_publish_errors_are_a_message_not_a_traceback(quick_builds, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    quick_builds(24)
    monkeypatch.setattr(pipeline, "report_notebooks", lambda: [tmp_path / "01_quick.ipynb"])
    arm(monkeypatch, "the switch", PermissionError)
    assert pipeline.main(["build", "--out", str(out), "-p", "projection_horizon_months", "36"]) == 1
    error = capsys.readouterr().err
    assert f"error: publishing into {out} failed: Permission denied" in error and UNCHANGED in error
    assert "Traceback" not in error and label(out) == "24 months"


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
    lock = BuildFolders(tmp_path).lock
    lock.parent.mkdir()
    lock.write_text(json.dumps({"pid": dead.pid, "started": "2026-01-01T00:00:00+00:00"}))
    with build_lock(tmp_path) as lock:
        assert json.loads(lock.read_text())["pid"] == os.getpid()


def test_a_lock_whose_pid_now_belongs_to_a_younger_process_is_stale(tmp_path):
    lock = BuildFolders(tmp_path).lock
    lock.parent.mkdir()
    lock.write_text(json.dumps({"pid": os.getpid(), "started": "2000-01-01T00:00:00+00:00"}))
    with build_lock(tmp_path) as lock:
        assert json.loads(lock.read_text())["started"] != "2000-01-01T00:00:00+00:00"


def test_a_build_removes_the_folders_of_dead_builds_under_its_lock(quick_builds, tmp_path, monkeypatch):
    out = tmp_path / "out"
    quick_builds(24)
    folders = BuildFolders(out)
    kept = set(folders.builds.iterdir())
    for name in ("20260101T000000Z-123-abc", "20260101T000001Z-456-def"):
        (folders.builds / name / "report").mkdir(parents=True)
    seen_then = {}

    def locked(params, articles, folders_, notebooks, force):
        seen_then["builds"] = set(folders.builds.iterdir())
        seen_then["lock"] = folders.lock.is_file()
        return pipeline.BuildTimings()

    monkeypatch.setattr(pipeline, "build_locked", locked)
    quick_builds(24)
    assert seen_then == {"builds": kept, "lock": True}
    assert not folders.lock.exists()


def nothing_built(out: Path) -> bool:
    """True if ``out`` holds no build, no lock and no published build (only the output links)."""
    folders = BuildFolders(out)
    return list(folders.builds.iterdir()) == [] and not folders.lock.exists() and not folders.current.exists()


def sleeping_notebook(path: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell('build_dir = ""', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import time\ntime.sleep(120)"),
    ]
    nbformat.write(notebook, path)
    return path


def ignoring_sigint() -> None:
    """In a child before it starts: SIGINT ignored, as a background job or a parent that ignores it leaves it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "start"), [(signal.SIGTERM, None), (signal.SIGINT, None), (signal.SIGINT, ignoring_sigint)]
)
def test_an_interrupted_build_removes_its_folder_and_lock(tmp_path, signum, start):
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
    process = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, preexec_fn=start)
    deadline = time.monotonic() + 60
    while not list(out.glob(".nkreport/builds/*/report/executed/01_sleep.ipynb")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(out.glob(".nkreport/builds/*")), "the build did not start"
    time.sleep(2)  # the kernel runs the sleeping cell
    kernels = psutil.Process(process.pid).children(recursive=True)
    assert kernels, "no kernel process"
    process.send_signal(signum)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert nothing_built(out), process.stderr.read().decode()[-2000:]
    _, alive = psutil.wait_procs(kernels, timeout=15)
    assert alive == []  # the kernel was shut down too


def test_code_in_subpackages_is_part_of_the_build_key(tmp_path):
    module = tmp_path / "src" / "nkreport" / "estimates" / "headline.py"
    module.parent.mkdir(parents=True)
    module.write_text("VALUE = 1\n")
    before = code_hash.__wrapped__(tmp_path)
    module.write_text("VALUE = 2\n")
    assert code_hash.__wrapped__(tmp_path) != before


def test_a_full_disk_while_building_is_a_message_and_changes_nothing(quick_builds, tmp_path, monkeypatch):
    out = tmp_path / "out"
    quick_builds(24)
    before = seen(out)

    def no_space(last, new):
        raise OSError(28, "No space left on device", str(new.processed / "claims.csv"))

    monkeypatch.setattr(pipeline, "carry_outputs", no_space)
    with pytest.raises(pipeline.BuildError, match=r"could not write .*claims\.csv: No space left on device"):
        quick_builds(36)
    assert seen(out) == before and len(list(BuildFolders(out).builds.iterdir())) == 1


def test_a_kernel_that_dies_is_a_message_naming_the_notebook(quick_builds, tmp_path, monkeypatch):
    import papermill
    from nbclient.exceptions import DeadKernelError

    out = tmp_path / "out"
    quick_builds(24)
    state = read_state(out / "report")

    def dies(*args, **kwargs):
        raise DeadKernelError("Kernel died")

    monkeypatch.setattr(pipeline, "execute", REAL_EXECUTE)
    monkeypatch.setattr(papermill, "execute_notebook", dies)
    notebook = sleeping_notebook(tmp_path / "01_sleep.ipynb")
    with pytest.raises(pipeline.BuildError, match=r"01_sleep\.ipynb could not run: DeadKernelError: Kernel died"):
        pipeline.build(load_params(None), 5, out, notebooks=[notebook], force=True)
    assert read_state(out / "report") == state and label(out) == "24 months"


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
    assert nothing_built(out)
