"""Time a full build against the naive way, in one run.

Ours: `nkreport.pipeline.build` (papermill per notebook, one combined HTML and one PDF render).
Naive: for each notebook, `jupyter nbconvert --execute --to html` and then `--to pdf`.
Set-up is excluded. Prints both, split into steps, and their ratio; writes benchmarks/results/build.json.

    .venv/bin/python benchmarks/bench_build.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nkreport.paths import DEFAULT_PARAMS, PROJECT_ROOT
from nkreport.pipeline import build, check_inputs, report_notebooks

RESULTS = PROJECT_ROOT / "benchmarks" / "results"


def time_ours(out: Path) -> dict[str, float]:
    """Seconds per step of one full pipeline build into ``out``."""
    params, articles = check_inputs(DEFAULT_PARAMS, [])
    start = time.perf_counter()
    timings = build(params, articles, out)
    return {**timings.steps, "total": time.perf_counter() - start}


def time_naive(out: Path) -> dict[str, float]:
    """Seconds for nbconvert --execute to HTML and to PDF, notebook by notebook."""
    steps = {}
    jupyter = str(Path(sys.executable).with_name("jupyter"))
    for notebook in report_notebooks():
        for fmt in ("html", "pdf"):
            start = time.perf_counter()
            subprocess.run(
                [jupyter, "nbconvert", "--execute", "--to", fmt, "--output-dir", str(out), str(notebook)],
                check=True,
                capture_output=True,
            )
            steps[f"{notebook.stem} {fmt}"] = time.perf_counter() - start
    steps["total"] = sum(steps.values())
    return steps


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours = time_ours(Path(tmp) / "ours")
        naive = time_naive(Path(tmp) / "naive")
    for name, steps in (("pipeline", ours), ("naive nbconvert", naive)):
        print(f"{name}:")
        for step, seconds in steps.items():
            print(f"  {step:<28} {seconds:7.1f} s")
    ratio = naive["total"] / ours["total"]
    print(f"naive / pipeline = {ratio:.2f}x")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "build.json").write_text(json.dumps({"pipeline": ours, "naive": naive, "ratio": ratio}, indent=2))


if __name__ == "__main__":
    main()
