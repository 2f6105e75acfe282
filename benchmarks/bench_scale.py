"""Cost of cleaning and claim extraction at 100, 1,000 and 10,000 articles (synthetic corpora).

Each size runs in a fresh process so that its peak memory is its own. Prints a table and writes
benchmarks/results/scale.csv: wall seconds for loading, cleaning and extraction, sentences,
extraction throughput in sentences per second on one core, and peak resident memory.

    python benchmarks/bench_scale.py                  # 100, 1,000, 10,000 articles, pandas engine
    python benchmarks/bench_scale.py --sizes 1000 --engine dask
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "scale.csv"


def measure(corpus: Path, engine: str) -> dict:
    """Load, clean and extract one corpus; timings in seconds, peak memory in MiB (this process)."""
    from nkreport import engine as engines
    from nkreport.cleaning import load_name_variants
    from nkreport.corpus import load_corpus
    from nkreport.paths import REFERENCE_DIR

    start = time.perf_counter()
    raw = load_corpus(corpus)
    loaded = time.perf_counter()
    articles, sentences, _ = engines.clean(raw, load_name_variants(REFERENCE_DIR / "name_variants.csv"), engine)
    cleaned = time.perf_counter()
    claims = engines.extract(sentences, articles, engine)
    extracted = time.perf_counter()
    return {
        "articles": len(articles),
        "engine": engine,
        "sentences": len(sentences),
        "claims": len(claims),
        "load_s": round(loaded - start, 2),
        "clean_s": round(cleaned - loaded, 2),
        "extract_s": round(extracted - cleaned, 2),
        "total_s": round(extracted - start, 2),
        "extract_sentences_per_s": round(len(sentences) / (extracted - cleaned)),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run_size(size: int, engine: str, workdir: Path) -> dict:
    """Generate a corpus of ``size`` articles and measure it in a fresh Python process."""
    corpus = workdir / f"corpus-{size}"
    if not corpus.exists():
        subprocess.run(
            [
                sys.executable,
                str(Path(__file__).parent / "make_corpus.py"),
                "--articles",
                str(size),
                "--out",
                str(corpus),
            ],
            check=True,
        )
    code = f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_scale; "
    code += f"print(json.dumps(bench_scale.measure(__import__('pathlib').Path({str(corpus)!r}), {engine!r})))"
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--engine", choices=["pandas", "dask"], default="pandas")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "nkreport-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = [run_size(size, args.engine, args.workdir) for size in args.sizes]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with open(RESULTS, "a" if RESULTS.exists() else "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        if handle.tell() == 0:
            writer.writeheader()
        writer.writerows(rows)
    for row in rows:
        print("  ".join(f"{k}={v}" for k, v in row.items()))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["total_s"] / first["total_s"]) / (last["articles"] / first["articles"])
        print(f"time grows {growth:.2f}x as fast as the corpus from {first['articles']:,} to {last['articles']:,}")


if __name__ == "__main__":
    main()
