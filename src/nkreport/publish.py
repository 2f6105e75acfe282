"""How a build owns its folder and publishes: a lock, staging folders, and an all-or-nothing switch.

- **Lock.** ``.nkreport-build.lock`` in the output root holds the pid and start time of the build that
  runs there; a second build stops with "a build is running since ... (pid N)". A lock whose process is
  gone (or whose pid now belongs to a younger process) is stale and taken over.
- **Staging.** Each build writes into ``.build-<pid>-*``; a build that holds the lock removes the staging
  folders of dead builds, and SIGTERM or SIGINT end a build through its clean-up (staging removed, lock
  released).
- **Publish.** The four output folders are swapped for the staged ones under a journal
  (``.nkreport-publish.json``): the old folders move into the staging folder, the new ones into place,
  then the build state is written. Any failure rolls every step back and is reported as a
  :class:`PublishError`; a journal left by a build that died half-way is rolled back by the next one, so
  the outputs and the state are always those of one successful build.
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
from pathlib import Path
from typing import TypeVar

from .incremental import STATE_FILE
from .paths import BuildPaths

LOCK_FILE = ".nkreport-build.lock"
JOURNAL_FILE = ".nkreport-publish.json"
STAGING_PREFIX = ".build-"
T = TypeVar("T")


class PublishError(RuntimeError):
    """Publishing failed; the previous outputs and build state are in place."""


class BuildLocked(RuntimeError):
    """Another build holds this folder's lock."""


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
    lock = root / LOCK_FILE
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
    """Make SIGTERM end the build like Ctrl-C (SIGINT) does: through its clean-up, exit status 143."""

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)


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


def remove_stale_staging(root: Path) -> list[Path]:
    """Remove the staging folders left by builds that died; call only while holding the lock."""
    stale = [p for p in root.glob(f"{STAGING_PREFIX}*") if p.is_dir() and not p.is_symlink()]
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return stale


def new_staging(root: Path) -> BuildPaths:
    """A fresh staging folder for this build, with its output folders made."""
    return BuildPaths(Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=root))).make()


def planned_moves(staging: BuildPaths, out: BuildPaths) -> list[dict[str, str]]:
    """For each output folder: where it is, where its new version is staged, where the old one goes."""
    backup = staging.root / "previous"
    return [
        {"target": str(old), "new": str(new), "backup": str(backup / str(index))}
        for index, (new, old) in enumerate(zip(staging.outputs(), out.outputs(), strict=True))
    ]


def roll_back(moves: list[dict[str, str]]) -> None:
    """Undo a publish: a staged folder that moved into place goes back to staging, the old one returns."""
    for move in reversed(moves):
        target, new, backup = Path(move["target"]), Path(move["new"]), Path(move["backup"])
        if target.exists() and not new.exists():
            os.replace(target, new)
        if backup.exists():
            os.replace(backup, target)


def recover(root: Path) -> bool:
    """Roll back a publish that a dead build left half-done (its journal is still there); True if it did."""
    journal = root / JOURNAL_FILE
    if not journal.is_file():
        return False
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
        roll_back(moves)
    except (OSError, ValueError, KeyError) as exc:
        raise PublishError(
            f"{journal}: a build died while publishing and its roll-back failed ({exc}); "
            "the previous outputs are in the .build-* folder it names. Restore them, remove the journal, "
            "then build again."
        ) from None
    journal.unlink()
    return True


def publish(staging: BuildPaths, out: BuildPaths, state: dict) -> None:
    """Replace the output folders of ``out`` by the staged ones, then write the build state: all or nothing.

    SIGINT and SIGTERM wait until the switch is done or rolled back.
    """
    moves = planned_moves(staging, out)
    journal = out.root / JOURNAL_FILE
    done: list[dict[str, str]] = []
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        Path(moves[0]["backup"]).parent.mkdir(parents=True, exist_ok=True)
        write_atomically(journal, json.dumps({"moves": moves}, indent=1))
        for move in moves:
            target = Path(move["target"])
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                os.replace(target, move["backup"])
            done.append(move)
            os.replace(move["new"], target)
        write_atomically(out.report / STATE_FILE, json.dumps(state, indent=2, sort_keys=True) + "\n")
        journal.unlink()
    except OSError as exc:
        try:
            roll_back(done)
            journal.unlink(missing_ok=True)
        except OSError as again:
            raise PublishError(
                f"publishing into {out.root} failed ({exc}) and so did its roll-back ({again}); the next "
                "build restores the previous outputs from its journal"
            ) from None
        raise PublishError(
            f"publishing into {out.root} failed: {exc.strerror or exc} ({exc.filename or ''}); "
            "the previous report, tables, figures and build state are unchanged. Fix the cause "
            "(permissions, disk space) and build again."
        ) from None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
