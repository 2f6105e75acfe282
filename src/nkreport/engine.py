"""Where cleaning and claim extraction run: in process (pandas, the default) or as Dask tasks.

Both engines split the corpus into partitions of articles and run the same per-partition functions,
so their tables are identical (a test checks it). With ``engine: dask`` the partitions become tasks
of a ``dask.bag`` on a Dask cluster: a LocalCluster on this machine by default, or an existing
cluster when ``dask_scheduler`` gives its address (``tcp://host:8786``). Workers need the project
installed (``pip install -e .``) so that they can import ``nkreport``. Progress is logged per
thousand articles.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd

from .claims import CLAIM_COLUMNS, extract_claims
from .cleaning import clean_article, tables_from_results
from .corpus import RawArticle

PARTITION_ARTICLES = 250
PROGRESS_EVERY = 1000


def partitions(items: list, size: int | None = None) -> list[list]:
    """Consecutive chunks of ``size`` items (default: ``PARTITION_ARTICLES``)."""
    size = size or PARTITION_ARTICLES
    return [items[i : i + size] for i in range(0, len(items), size)]


def clean_partition(raw: list[RawArticle], variants: pd.DataFrame, today: dt.date) -> list:
    """Cleaning results of one partition of articles."""
    return [clean_article(article, variants, today) for article in raw]


def extract_partition(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Claims of one partition of articles."""
    return extract_claims(sentences, articles)


class Progress:
    """Logs a line each time another thousand articles are done."""

    def __init__(self, stage: str, total: int) -> None:
        self.stage, self.total, self.done, self.reported = stage, total, 0, 0

    def add(self, articles: int) -> None:
        self.done += articles
        if self.done // PROGRESS_EVERY > self.reported // PROGRESS_EVERY or self.done == self.total:
            if self.total >= PROGRESS_EVERY:
                print(f"{self.stage}: {self.done:,} of {self.total:,} articles", file=sys.stderr)
            self.reported = self.done


@contextmanager
def dask_client(scheduler: str | None) -> Iterator:
    """A Dask client: on the given scheduler, or on a LocalCluster with one single-threaded worker per core."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def run_partitions(function, tasks: list[tuple], sizes: list[int], stage: str, engine: str, scheduler: str | None):
    """Apply ``function`` to each task's arguments, in process or on Dask; results in task order."""
    progress = Progress(stage, sum(sizes))
    if engine == "pandas":
        results = []
        for arguments, size in zip(tasks, sizes, strict=True):
            results.append(function(*arguments))
            progress.add(size)
        return results
    from distributed import as_completed

    with dask_client(scheduler) as client:
        futures = [client.submit(function, *arguments, pure=False) for arguments in tasks]
        index = {future.key: i for i, future in enumerate(futures)}
        results = [None] * len(futures)
        for future in as_completed(futures):
            results[index[future.key]] = future.result()
            progress.add(sizes[index[future.key]])
        return results


def clean(
    raw: list[RawArticle], variants: pd.DataFrame, engine: str = "pandas", scheduler: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Stage 1 tables (articles, sentences, audit) of the corpus, on the chosen engine."""
    today = dt.date.today()
    chunks = partitions(raw)
    tasks = [(chunk, variants, today) for chunk in chunks]
    results = run_partitions(clean_partition, tasks, [len(c) for c in chunks], "cleaning", engine, scheduler)
    return tables_from_results([r for part in results for r in part])


def extract(
    sentences: pd.DataFrame, articles: pd.DataFrame, engine: str = "pandas", scheduler: str | None = None
) -> pd.DataFrame:
    """The raw claims of the cleaned sentences, on the chosen engine, in article and sentence order."""
    ids = sorted(articles["article_id"])
    chunks = partitions(ids)
    tasks = [
        (sentences[sentences["article_id"].isin(chunk)], articles[articles["article_id"].isin(chunk)])
        for chunk in chunks
    ]
    results = run_partitions(extract_partition, tasks, [len(c) for c in chunks], "extraction", engine, scheduler)
    frames = [r for r in results if not r.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CLAIM_COLUMNS)
