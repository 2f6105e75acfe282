"""Cost of cleaning and claim extraction at 100, 1,000 and 10,000 articles (synthetic corpora).

Each corpus is generated once (benchmarks/make_corpus.py, seed 0) into the work folder and reused.
Each measurement runs in a fresh Python process so that its peak memory is its own. The pandas
engine is timed at every size (loading, cleaning, extraction, on one core): extraction's throughput in
sentences per second of wall-clock time and per second of this process's CPU time (``time.process_time``, the
one-core figure that other processes on a shared machine do not change); the dask engine
(LocalCluster of two single-process workers, cleaning and extraction together) at the largest size.
Prints a table and writes benchmarks/results/scale.csv.

    python benchmarks/bench_scale.py                        # 100, 1,000, 10,000 articles
    python benchmarks/bench_scale.py --sizes 100 1000 --no-dask
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "scale.csv"
COLUMNS = [
    "articles",
    "engine",
    "sentences",
    "claims",
    "load_s",
    "clean_s",
    "extract_s",
    "total_s",
    "extract_sentences_per_s",
    "extract_sentences_per_cpu_s",
    "peak_mib",
]


def peak_mib() -> int:
    """Peak resident memory of this process so far, in MiB (ru_maxrss is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def measure_pandas(corpus: Path) -> dict:
    """Load, clean and extract one corpus in this process; seconds per stage and peak memory."""
    from nkreport.cleaning import clean_corpus
    from nkreport.corpus import load_corpus
    from nkreport.stages import reference
    from nkreport.stages.claims import extract

    start = time.perf_counter()
    raw = load_corpus(corpus)
    loaded = time.perf_counter()
    articles, sentences, _ = clean_corpus(raw, reference.name_variants())
    cleaned, cpu_cleaned = time.perf_counter(), time.process_time()
    claims = extract(sentences, articles)
    extracted, cpu_extracted = time.perf_counter(), time.process_time()
    return {
        "articles": len(articles),
        "engine": "pandas",
        "sentences": len(sentences),
        "claims": len(claims),
        "load_s": round(loaded - start, 2),
        "clean_s": round(cleaned - loaded, 2),
        "extract_s": round(extracted - cleaned, 2),
        "total_s": round(extracted - start, 2),
        "extract_sentences_per_s": round(len(sentences) / (extracted - cleaned)),
        "extract_sentences_per_cpu_s": round(len(sentences) / (cpu_extracted - cpu_cleaned)),
        "peak_mib": peak_mib(),
    }


def measure_dask(corpus: Path) -> dict:
    """Clean and extract one corpus on the dask engine (cluster start-up included); peak memory of the client."""
    from nkreport.stages.engine import clean_and_extract

    start = time.perf_counter()
    articles, sentences, _, claims = clean_and_extract(corpus, "dask")
    total = time.perf_counter() - start
    return {
        "articles": len(articles),
        "engine": "dask",
        "sentences": len(sentences),
        "claims": len(claims),
        "load_s": "",
        "clean_s": "",
        "extract_s": "",
        "total_s": round(total, 2),
        "extract_sentences_per_s": "",
        "extract_sentences_per_cpu_s": "",
        "peak_mib": peak_mib(),
    }


def corpus_for(size: int, workdir: Path) -> Path:
    """The synthetic corpus of ``size`` articles in ``workdir``, generated on first use."""
    corpus = workdir / f"corpus-{size}"
    if not (corpus / "manifest.csv").exists():
        script = HERE / "make_corpus.py"
        command = [sys.executable, str(script), "--articles", str(size), "--out", str(corpus), "--seed", "0"]
        subprocess.run(command, check=True)
    return corpus


def run_fresh(corpus: Path, engine: str) -> dict:
    """Measure one corpus on one engine in a fresh Python process."""
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import bench_scale; from pathlib import Path; "
        f"print(json.dumps(bench_scale.measure_{engine}(Path({str(corpus)!r}))))"
    )
    environment = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=environment)
    return json.loads(result.stdout.strip().splitlines()[-1])


def write_results(rows: list[dict]) -> None:
    """Write the rows to benchmarks/results/scale.csv (replacing an earlier run)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with open(RESULTS, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def print_table(rows: list[dict]) -> None:
    """The rows as an aligned text table."""
    widths = {c: max(len(c), *(len(f"{r[c]}") for r in rows)) for c in COLUMNS}
    print("  ".join(c.rjust(widths[c]) for c in COLUMNS))
    for row in rows:
        print("  ".join(f"{row[c]}".rjust(widths[c]) for c in COLUMNS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--no-dask", action="store_true", help="skip the dask run at the largest size")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "nkreport-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sorted(args.sizes):
        rows.append(run_fresh(corpus_for(size, args.workdir), "pandas"))
        print(f"{size:,} articles (pandas): {rows[-1]['total_s']} s", file=sys.stderr, flush=True)
    if not args.no_dask:
        rows.append(run_fresh(corpus_for(max(args.sizes), args.workdir), "dask"))
    write_results(rows)
    print_table(rows)


if __name__ == "__main__":
    main()
