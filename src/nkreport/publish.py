"""How a build owns its output root and publishes: a lock, a folder per build, one atomic switch.

An output root (the project, or ``--out DIR``) holds its builds under ``.nkreport/``::

    .nkreport/builds/<id>/        one build: report/, figures/, data/processed/, data/interim/, and
                                  its build state (report/.build-state.json)
    .nkreport/current -> builds/<id>    the published build
    .nkreport/previous -> builds/<id>   the one it replaced (kept for inspection or roll-back)
    report -> .nkreport/current/report                  figures -> .nkreport/current/figures
    data/processed -> ../.nkreport/current/data/processed, data/interim likewise

Every link is relative, so a project copied or moved with its links (``cp -a``, ``rsync -a``) reads its
own outputs. A reader resolves every output path through ``current``, so it sees one build's files.

- **Lock.** ``.nkreport/build.lock`` holds the pid and start time of the build that runs; a second build
  stops with "a build is running since ... (pid N)". A lock whose process is gone (or whose pid now
  belongs to a younger process) is stale and taken over.
- **Builds.** A build writes only into its own new folder. Under the lock, the build folders other than
  ``current`` and ``previous`` belong to builds that died and are removed; SIGTERM and SIGINT end a build
  through its clean-up (its folder removed, the lock released).
- **Publish.** The build state is written into the build's own folder, so state and outputs switch
  together and cannot disagree; the builds older than the current one are removed, ``previous`` is
  pointed at the current build, and one ``os.replace`` of a fresh temporary link onto ``current``
  publishes (a rename: atomic on POSIX). Until that rename neither a reader nor the next build (which
  reads the state of ``current`` only) sees a change; after it both see the whole new build. A failure
  before it is a :class:`PublishError`; a build killed at any point leaves the old or the new build
  current, and the next build removes what the dead one left.
- **Migration.** Output paths that are real folders (the layout before builds had their own folders,
  or a copy that followed the links) are moved into ``builds/migrated``, which becomes ``current``;
  then the links are made. Each step is a rename, so an interrupted migration resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .incremental import STATE_FILE
from .paths import BuildPaths

HOME = ".nkreport"
LOCK_FILE = "build.lock"
MIGRATED = "migrated"
T = TypeVar("T")


class PublishError(RuntimeError):
    """Publishing failed; the previous outputs and build state are in place."""


class BuildLocked(RuntimeError):
    """Another build holds this folder's lock."""


@dataclass(frozen=True)
class BuildFolders:
    """Where an output root keeps its builds, and the links that say which one is published."""

    root: Path

    @property
    def home(self) -> Path:
        return self.root / HOME

    @property
    def builds(self) -> Path:
        return self.home / "builds"

    @property
    def current(self) -> Path:
        return self.home / "current"

    @property
    def previous(self) -> Path:
        return self.home / "previous"

    @property
    def lock(self) -> Path:
        return self.home / LOCK_FILE

    @property
    def failed(self) -> Path:
        """Where a failed notebook is kept for diagnosis."""
        return self.home / "failed"

    def published(self) -> BuildPaths:
        """The current build's outputs, read through the ``current`` link."""
        return BuildPaths(self.current)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and one rename (never half-written)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def process_start(pid: int) -> float | None:
    """When process ``pid`` started (epoch seconds), or None if no such process runs."""
    import psutil

    try:
        return psutil.Process(pid).create_time()
    except psutil.NoSuchProcess:
        return None
    except psutil.Error:  # exists but not ours to inspect: alive
        return 0.0


def holder_alive(holder: dict) -> bool:
    """True if the lock's process still runs and is the one that took the lock (not a reused pid)."""
    try:
        pid, started = int(holder["pid"]), dt.datetime.fromisoformat(holder["started"]).timestamp()
    except (KeyError, TypeError, ValueError):
        return False
    start = process_start(pid)
    return start is not None and start <= started + 1


def read_holder(lock: Path) -> dict:
    """The lock file's content (pid, start time), or an empty dict if unreadable."""
    try:
        return json.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def take_lock(mine: Path, lock: Path, root: Path) -> None:
    """Make ``lock`` a link to ``mine`` (created whole, or not at all); a stale lock is removed first."""
    for _ in range(3):
        try:
            os.link(mine, lock)
            return
        except FileExistsError:
            current = read_holder(lock)
            if holder_alive(current):
                raise BuildLocked(
                    f"a build is running in {root} since {current['started']} (pid {current['pid']}); "
                    "wait for it to finish (or stop it), then run the build again"
                ) from None
            taken = lock.with_name(f"{LOCK_FILE}.stale-{os.getpid()}")
            try:  # only one of several waiting builds wins this rename
                lock.rename(taken)
                taken.unlink()
            except FileNotFoundError:
                continue
    raise BuildLocked(f"{lock}: could not take the build lock; another build keeps taking it")


@contextmanager
def build_lock(root: Path) -> Iterator[Path]:
    """Hold ``root``'s build lock for the duration; stop with :class:`BuildLocked` if a live build holds it."""
    lock = BuildFolders(root).lock
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = {"pid": os.getpid(), "started": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    mine = lock.with_name(f"{LOCK_FILE}.{os.getpid()}")
    mine.write_text(json.dumps(holder), encoding="utf-8")
    try:
        take_lock(mine, lock, root)
    finally:
        mine.unlink(missing_ok=True)
    try:
        yield lock
    finally:
        if read_holder(lock).get("pid") == os.getpid():
            lock.unlink(missing_ok=True)


def stop_on_signals() -> None:
    """Make SIGTERM end the build like Ctrl-C (SIGINT) does: through its clean-up, exit status 143; and SIGINT end
    it even when the process was started with SIGINT ignored (a background job, or a parent that ignores it: the
    child inherits that)."""

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def interruptible(function: Callable[..., T], *args, **kwargs) -> T:
    """``function(*args, **kwargs)`` in a worker thread, so that SIGINT and SIGTERM reach this thread's handlers.

    papermill's client would otherwise take both signals over while a notebook runs (it only shuts the kernel
    down) and leave them unhandled afterwards. On a signal the kernels this process started are stopped and the
    exception goes on to the build's clean-up.
    """
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except BaseException:
        stop_child_processes()
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def stop_child_processes(grace: float = 5.0) -> None:
    """Terminate this process's children (notebook kernels), killing those still running after ``grace`` seconds."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        child.terminate()
    _, alive = psutil.wait_procs(children, timeout=grace)
    for child in alive:
        child.kill()


def point(link: Path, target: Path) -> None:
    """Make ``link`` a relative link to ``target`` in one rename (a temporary link replaces it)."""
    temporary = link.with_name(f".{link.name}.new")
    temporary.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, link.parent), temporary)
    try:
        os.replace(temporary, link)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def linked_build(link: Path) -> Path | None:
    """The build folder ``link`` (``current`` or ``previous``) names, or None if it is not a link."""
    return link.parent / "builds" / Path(os.readlink(link)).name if link.is_symlink() else None


def unused_builds(folders: BuildFolders, keep: set[Path | None]) -> list[Path]:
    """The build folders not in ``keep``: those of dead builds, and builds older than ``previous``."""
    names = {folder.name for folder in keep if folder is not None}
    if not folders.builds.is_dir():
        return []
    return sorted(p for p in folders.builds.iterdir() if p.name not in names)


def remove_dead_builds(folders: BuildFolders) -> None:
    """Remove the folders of builds that died (neither current nor previous); call only while holding the lock."""
    for folder in unused_builds(folders, {linked_build(folders.current), linked_build(folders.previous)}):
        shutil.rmtree(folder, ignore_errors=True)


def adopt_folders(folders: BuildFolders) -> None:
    """Move output paths that are real folders into ``builds/migrated`` and make it current (resumable).

    Output folders beside a ``current`` build are not adopted: they are not the last good outputs.
    """
    if folders.current.exists() and not folders.current.is_symlink():
        raise PublishError(
            f"{folders.current} is a folder, not a link: the project was copied without its links. Remove "
            f"{folders.home} and build again (the outputs in report/, figures/ and data/ are kept), or copy "
            "the project with `cp -a` or `rsync -a`."
        )
    real = [p for p in BuildPaths(folders.root).outputs() if p.is_dir() and not p.is_symlink()]
    migrated = folders.builds / MIGRATED
    if not real and (folders.current.is_symlink() or not migrated.is_dir()):
        return
    if folders.current.is_symlink():
        raise PublishError(
            f"{real[0]} is a folder, not the link into {folders.current} that builds publish through; "
            f"move it away (`mv {real[0]} {real[0]}.old`) and build again"
        )
    for folder in real:
        target = migrated / folder.relative_to(folders.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(folder, target)
    point(folders.current, migrated)


def link_outputs(folders: BuildFolders) -> None:
    """Make each output path a relative link to its folder in ``current`` (a clone has them, dangling)."""
    for path, target in zip(BuildPaths(folders.root).outputs(), folders.published().outputs(), strict=True):
        if not (path.is_symlink() and os.readlink(path) == os.path.relpath(target, path.parent)):
            path.parent.mkdir(parents=True, exist_ok=True)
            point(path, target)


def prepare(folders: BuildFolders) -> None:
    """Before a build, under the lock: adopt real output folders, make the links, remove dead builds."""
    try:
        adopt_folders(folders)
        link_outputs(folders)
    except OSError as exc:
        raise PublishError(
            f"cannot set up the output links in {folders.root}: {exc.strerror or exc} ({exc.filename or ''}); "
            "fix the cause (permissions, disk space) and build again"
        ) from None
    remove_dead_builds(folders)


def new_build(folders: BuildFolders) -> BuildPaths:
    """A fresh folder for this build's outputs (readable by all, like any output), its folders made."""
    folders.builds.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(tempfile.mkdtemp(prefix=f"{stamp}-{os.getpid()}-", dir=folders.builds))
    folder.chmod(0o755)
    return BuildPaths(folder).make()


def discard(build: BuildPaths, folders: BuildFolders) -> None:
    """Remove a build's folder unless it was published."""
    if linked_build(folders.current) != build.root:
        shutil.rmtree(build.root, ignore_errors=True)


def publish(build: BuildPaths, folders: BuildFolders, state: dict) -> None:
    """Make ``build``, with its build state, the current build in one rename: all or nothing.

    SIGINT and SIGTERM wait until the switch is done or has failed.
    """
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        write_atomically(build.report / STATE_FILE, json.dumps(state, indent=2, sort_keys=True) + "\n")
        last = linked_build(folders.current)
        for folder in unused_builds(folders, {last, build.root}):
            shutil.rmtree(folder)
        if last is not None:
            point(folders.previous, last)
        point(folders.current, build.root)
    except OSError as exc:
        raise PublishError(
            f"publishing into {folders.root} failed: {exc.strerror or exc} ({exc.filename or ''}); "
            "the previous report, tables, figures and build state are unchanged. Fix the cause "
            "(permissions, disk space) and build again."
        ) from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
