"""Build the report: check inputs, run the notebooks with papermill, render, publish.

The project is the folder the command runs in (:mod:`nkreport.paths`); the build refuses to run with
a package imported from another copy's ``src/``. Each build writes into a folder of its own; only when
every notebook ran and both renderings succeeded does it become the current build, with its build state,
in one atomic switch that ``data/interim``, ``data/processed``, ``figures`` and ``report`` resolve
through, under the folder's build lock (:mod:`nkreport.publish`), so a failed or interrupted run leaves
the last good report in place. A failed notebook is kept in ``.nkreport/failed/`` for diagnosis until a
build succeeds.
Notebooks whose inputs did not change since the current build are not rerun (:mod:`nkreport.incremental`);
``--force`` reruns all.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .corpus import CorpusError, corpus_hash, ignored_files, load_corpus, reading_status
from .incremental import build_state, notebook_keys, read_state, render_key, stale
from .params import ParamError, ReportParams, load_params, notebook_values
from .paths import (
    DEFAULT_PARAMS,
    NOTEBOOKS_DIR,
    PROJECT_ROOT,
    ROOT_VARIABLE,
    BuildPaths,
    find_project,
    foreign_package,
    is_project,
    resolve,
)
from .publish import (
    BuildFolders,
    BuildLocked,
    PublishError,
    build_lock,
    discard,
    interruptible,
    new_build,
    prepare,
    publish,
    stop_on_signals,
)

KERNEL = "python3"


class BuildError(RuntimeError):
    """A notebook or a rendering failed; the message names the notebook, cell and error."""


@dataclass
class BuildTimings:
    """Seconds spent per step of a build."""

    steps: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def add(self, step: str, seconds: float) -> None:
        self.steps[step] = self.steps.get(step, 0.0) + seconds


def report_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The chapter notebooks, in run order (by their number prefix)."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def read_cells(notebook: Path) -> list[dict]:
    """A notebook's cells as plain JSON (no nbformat import: it costs a second at start-up)."""
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def cell_source(cell: dict) -> str:
    """A cell's source, stored as a string or a list of lines."""
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


@lru_cache(maxsize=64)
def declared_parameters(notebook: Path) -> frozenset[str]:
    """Names assigned in a notebook's ``parameters`` cell (plain or annotated, e.g. ``x: int | None = None``).

    Read with ``ast`` rather than ``papermill.inspect_notebook``, which skips annotations it cannot parse.
    """
    source = "\n".join(
        cell_source(c) for c in read_cells(notebook) if "parameters" in c.get("metadata", {}).get("tags", [])
    )
    names = set()
    for node in ast.parse(source).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return frozenset(names)


def declared_values(notebook: Path, params: ReportParams) -> dict:
    """The parameter values a notebook declares, from the validated parameters (output root aside)."""
    values = notebook_values(params) | {"corpus_dir": str(resolve(params.corpus_dir))}
    return {k: v for k, v in values.items() if k in declared_parameters(notebook)}


def parameters_for(notebook: Path, params: ReportParams, build_dir: Path) -> dict:
    """The values a notebook declares, plus its output root when it declares one."""
    root = {"build_dir": str(build_dir)} if "build_dir" in declared_parameters(notebook) else {}
    return declared_values(notebook, params) | root


def execute(notebook: Path, new: BuildPaths, params: ReportParams, failed_dir: Path) -> Path:
    """Run one notebook with papermill into the build's folder; on error keep it in ``failed_dir``."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output = new.executed / notebook.name
    try:
        interruptible(
            papermill.execute_notebook,
            str(notebook),
            str(output),
            parameters=parameters_for(notebook, params, new.root),
            kernel_name=KERNEL,
            cwd=str(notebook.parent),
            progress_bar=True,
        )
    except PapermillExecutionError as exc:
        failed_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(output, failed_dir / notebook.name)
        first_line = (exc.evalue or "").strip().splitlines()[0] if exc.evalue else ""
        raise BuildError(
            f"{notebook.name} failed in cell {exc.cell_index} (execution count {exc.exec_count}): "
            f"{exc.ename}: {first_line}\nThe executed notebook is kept in {failed_dir / notebook.name}; "
            "the previous report is unchanged."
        ) from None
    except (RuntimeError, TimeoutError) as exc:  # the kernel died or did not start (DeadKernelError, timeouts)
        raise BuildError(
            f"{notebook.name} could not run: {type(exc).__name__}: {str(exc).strip()[:500]}; "
            "the previous report is unchanged."
        ) from None
    return output


def build_info(params: ReportParams, corpus_dir: Path, articles: int) -> dict:
    """What the title page states: corpus size and hash, the date the evidence is current to, build time; and
    the parameters (for the last annex)."""
    from .render import QUESTION, build_time
    from .stages.scenarios import report_evidence_date

    return {
        "question": QUESTION,
        "evidence_date": report_evidence_date(params.cutoff_date).isoformat(),
        "built": build_time().strftime("%Y-%m-%d %H:%M UTC"),
        "articles": articles,
        "corpus_hash": corpus_hash(corpus_dir),
        "parameters": notebook_values(params),
    }


def render(executed: list[Path], info: dict, new: BuildPaths, timings: BuildTimings) -> None:
    """Write report.html and report.pdf into the build's report folder."""
    from .render import combine_notebooks, html_report, pdf_report

    combined = combine_notebooks(executed, info)
    start = time.perf_counter()
    (new.report / "report.html").write_text(html_report(combined), encoding="utf-8")
    timings.add("render_html", time.perf_counter() - start)
    start = time.perf_counter()
    try:
        pdf = pdf_report(combined)
    except Exception as exc:  # nbconvert raises LatexFailed, OSError (no xelatex), CalledProcessError
        raise BuildError(f"PDF rendering failed: {type(exc).__name__}: {str(exc)[-2000:]}") from None
    (new.report / "report.pdf").write_bytes(pdf)
    timings.add("render_pdf", time.perf_counter() - start)


def check_inputs(params_file: Path | None, overrides: list[tuple[str, str]]) -> tuple[ReportParams, int]:
    """Validate parameters and the corpus before any notebook runs; return them and the article count."""
    params = load_params(params_file, overrides)
    corpus_dir = resolve(params.corpus_dir)
    articles = load_corpus(corpus_dir)
    ignored = ignored_files(corpus_dir, articles)
    if ignored:
        print(
            f"note: {corpus_dir / 'articles'}: not articles (not .txt), ignored: {', '.join(ignored)}", file=sys.stderr
        )
    check_source_filters(params, articles)
    return params, len(articles)


def unread_articles(root: Path) -> list[str]:
    """Warnings for the cleaned articles of the build under ``root`` the extractor cannot read (another script, no
    words left)."""
    from .stages.outputs import path as output_path

    path = output_path("articles", root)
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [(row["file"], reading_status(row["text"])) for row in csv.DictReader(handle)]
    return [f"warning: {file}: {status}; it gives no claims" for file, status in rows if status != "read"]


FILTERS = ("cutoff_date", "include_actors", "exclude_actors", "min_grade")


def check_source_filters(params: ReportParams, raw: list) -> None:
    """Stop before any notebook runs when the source filters leave no claims.

    This reads the claims once (cleaning and extraction), so it runs only when a filter is not at its default.
    """
    defaults = ReportParams()
    if all(getattr(params, name) == getattr(defaults, name) for name in FILTERS):
        return
    from .claims import filter_claims
    from .cleaning import clean_corpus
    from .stages import claims, reference

    articles, sentences, _ = clean_corpus(raw, reference.name_variants())
    table = claims.graded(sentences, articles)
    kept = filter_claims(table, params.cutoff_date, params.include_actors, params.exclude_actors, params.min_grade)
    if kept.empty:
        given = ", ".join(f"{name}={getattr(params, name)!r}" for name in FILTERS)
        raise ParamError(
            f"parameters {given} leave none of the corpus' {len(table)} claims; actors with claims: "
            f"{', '.join(sorted(set(table['attributed_to'])))}; best grade: {min(table['grade'])}"
        )


def carry_outputs(last: BuildPaths, new: BuildPaths) -> None:
    """Copy the current build's outputs into the new build's folder, so notebooks that are skipped keep theirs."""
    for source, target in zip(
        (last.interim, last.processed, last.figures, last.executed),
        (new.interim, new.processed, new.figures, new.executed),
        strict=True,
    ):
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)


def build(
    params: ReportParams,
    articles: int,
    out_root: Path = PROJECT_ROOT,
    notebooks: list[Path] | None = None,
    force: bool = False,
) -> BuildTimings:
    """Run the notebooks whose inputs changed (all with ``force``) and render the report into ``out_root``.

    The build holds ``out_root``'s lock, writes into a folder of its own and publishes it all or nothing
    (:mod:`nkreport.publish`); a build whose inputs all match the current build's does nothing (see
    :mod:`nkreport.incremental`).
    """
    folders = BuildFolders(out_root.resolve())
    folders.root.mkdir(parents=True, exist_ok=True)
    with build_lock(folders.root):
        prepare(folders)
        return build_locked(params, articles, folders, notebooks or report_notebooks(), force)


def build_locked(
    params: ReportParams, articles: int, folders: BuildFolders, notebooks: list[Path], force: bool
) -> BuildTimings:
    """:func:`build` once the lock is held and the folder is prepared."""
    timings = BuildTimings()
    last = folders.published()
    corpus = corpus_hash(resolve(params.corpus_dir))
    keys = notebook_keys(notebooks, {nb: declared_values(nb, params) for nb in notebooks}, corpus)
    state = {} if force else read_state(last.report)
    todo = stale(keys, state, last.executed)
    rendered = all((last.report / name).is_file() for name in ("report.html", "report.pdf"))
    if not todo and rendered and state.get("render") == render_key(keys):
        timings.skipped = [nb.name for nb in notebooks]
        return timings
    try:
        new = new_build(folders)
    except OSError as exc:
        raise BuildError(f"cannot create a build folder in {folders.builds}: {exc.strerror or exc}") from None
    try:
        if not force:
            carry_outputs(last, new)
        executed = []
        for notebook in notebooks:
            if notebook.name not in todo:
                timings.skipped.append(notebook.name)
                executed.append(new.executed / notebook.name)
                continue
            start = time.perf_counter()
            executed.append(execute(notebook, new, params, folders.failed))
            timings.add(f"execute {notebook.stem}", time.perf_counter() - start)
        render(executed, build_info(params, resolve(params.corpus_dir), articles), new, timings)
        publish(new, folders, build_state(keys))
        shutil.rmtree(folders.failed, ignore_errors=True)  # notebooks of earlier failed runs no longer apply
    except OSError as exc:
        raise BuildError(
            f"the build could not write {exc.filename or new.root}: {exc.strerror or exc}; "
            "the previous report is unchanged. Fix the cause (disk space, permissions) and build again."
        ) from None
    finally:
        discard(new, folders)
    return timings


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m nkreport", description=__doc__.splitlines()[0])
    parser.add_argument(
        "command",
        choices=["build", "check", "add", "review"],
        help="build the report, only check inputs, add articles (see `add --help`), or review new claims "
        "(write a sheet, or --merge a filled one)",
    )
    parser.add_argument(
        "--root", type=Path, help="the project folder (default: the one the command runs in, or its nearest parent)"
    )
    parser.add_argument("--params", "-f", type=Path, default=DEFAULT_PARAMS, help="YAML parameter file")
    parser.add_argument(
        "-p",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="override one parameter (repeatable)",
    )
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT, help="output root (default: the project)")
    parser.add_argument("--force", action="store_true", help="rerun every notebook even if its inputs are unchanged")
    parser.add_argument("--sheet", type=Path, help="review: where to write the sheet (default data/review/)")
    parser.add_argument("--merge", type=Path, metavar="SHEET", help="review: merge this filled sheet into the register")
    return parser.parse_args(argv)


def root_problem(given: Path | None) -> str | None:
    """Why this process cannot work on the project it runs in, or None."""
    if given is not None and given.resolve() != PROJECT_ROOT:
        return f"--root {given} was given after the package loaded; run `python -m nkreport --root {given} ...`"
    if not is_project(PROJECT_ROOT) or (ROOT_VARIABLE not in os.environ and find_project(Path.cwd()) is None):
        return (
            f"no project at or above {os.environ.get(ROOT_VARIABLE, Path.cwd())}: run the command in the project "
            "folder (the one holding pyproject.toml and data/raw), or pass --root"
        )
    return foreign_package(PROJECT_ROOT)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    argv = sys.argv[1:] if argv is None else argv
    args = None if argv[:1] == ["add"] else parse_args(argv)
    problem = root_problem(args.root if args else None)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    os.environ[ROOT_VARIABLE] = str(PROJECT_ROOT)  # the notebooks' kernels see the same project
    if args is None:
        from .add import main as add

        return add(argv[1:])
    if args.command == "review":
        from .review import command

        return command(args.out, args.sheet, args.merge)
    try:
        params, articles = check_inputs(args.params, [tuple(p) for p in args.p])
    except (ParamError, CorpusError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"inputs OK: {articles} articles, parameters valid", file=sys.stderr)
    if args.command == "check":
        return 0
    stop_on_signals()
    try:
        timings = build(params, articles, args.out, force=args.force)
    except (BuildError, PublishError, BuildLocked) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit) as exc:
        print("error: the build was stopped; the previous report is unchanged", file=sys.stderr)
        return exc.code if isinstance(exc, SystemExit) and isinstance(exc.code, int) else 130
    out = BuildPaths(args.out.resolve())
    for warning in unread_articles(out.root):
        print(warning, file=sys.stderr)
    report_dir = out.report
    if not timings.steps:
        print(f"report up to date in {report_dir}: no input changed (use --force to rebuild)", file=sys.stderr)
        return 0
    summary = ", ".join(f"{k} {v:.1f}s" for k, v in timings.steps.items())
    skipped = f"; unchanged, not rerun: {', '.join(timings.skipped)}" if timings.skipped else ""
    print(f"report written to {report_dir}: {summary}{skipped}", file=sys.stderr)
    return 0
