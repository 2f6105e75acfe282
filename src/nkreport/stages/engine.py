"""Where cleaning and claim extraction run: in process (pandas, the default) or as Dask tasks.

With ``engine: pandas`` everything runs in this process. With ``engine: dask`` the articles are split
into partitions that become the partitions of a ``dask.bag``, computed on a Dask cluster: a
LocalCluster of two single-threaded worker processes by default, or an existing cluster when
``dask_scheduler`` gives its address (``tcp://host:8786``). The partial results are assembled and
sorted exactly as the in-process path does, so both engines give identical tables (tests check it).
Workers need the project installed (``pip install -e .``) so that they can import ``nkreport``.
Progress is logged per thousand articles (on stderr, and only for corpora of a thousand or more).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..claims.article import extract_claims
from ..claims.vocabulary import CLAIM_COLUMNS
from ..cleaning import ArticleResult, clean_article, tables_from_results
from ..corpus import RawArticle, load_corpus
from . import reference

PARTITION_ARTICLES = 500
PROGRESS_EVERY = 1000
LOCAL_WORKERS = 2


def partitions(items: list, size: int | None = None) -> list[list]:
    """Consecutive chunks of ``size`` items (default: ``PARTITION_ARTICLES``)."""
    size = size or PARTITION_ARTICLES
    return [items[i : i + size] for i in range(0, len(items), size)]


class Progress:
    """Logs a line each time another thousand articles are done (silent for small corpora)."""

    def __init__(self, stage: str, total: int) -> None:
        self.stage, self.total, self.done = stage, total, 0

    def add(self, articles: int) -> None:
        """Count ``articles`` more as done; log when a thousand boundary (or the end) is crossed."""
        before, self.done = self.done, self.done + articles
        crossed = self.done // PROGRESS_EVERY > before // PROGRESS_EVERY or self.done == self.total
        if crossed and self.total >= PROGRESS_EVERY:
            print(f"{self.stage}: {self.done:,} of {self.total:,} articles", file=sys.stderr, flush=True)


@contextmanager
def dask_client(scheduler: str | None) -> Iterator:
    """A Dask client on the given scheduler, or on a LocalCluster of two single-threaded worker processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def on_dask(function: Callable, tasks: list, sizes: list[int], scheduler: str | None, stage: str, *arguments):
    """``function(task, *arguments)`` for every task, one dask.bag partition each; results in task order."""
    import dask.bag as db
    from distributed import as_completed

    progress = Progress(stage, sum(sizes))
    bag = db.from_sequence(tasks, npartitions=len(tasks)).map(function, *arguments)
    with dask_client(scheduler) as client:
        futures = client.compute(bag.to_delayed())
        order = {future.key: n for n, future in enumerate(futures)}
        results: list = [None] * len(futures)
        for future in as_completed(futures):
            n = order[future.key]
            (results[n],) = future.result()
            progress.add(sizes[n])
    return results


def in_process(function: Callable, tasks: list, sizes: list[int], stage: str, *arguments) -> list:
    """``function(task, *arguments)`` for every task in this process, with progress; results in task order."""
    progress = Progress(stage, sum(sizes))
    results = []
    for task, size in zip(tasks, sizes, strict=True):
        results.append(function(task, *arguments))
        progress.add(size)
    return results


def clean_partition(raw: list[RawArticle], variants: pd.DataFrame, today: dt.date) -> list[ArticleResult]:
    """Cleaning results of one partition of articles."""
    return [clean_article(article, variants, today) for article in raw]


def process_partition(raw: list[RawArticle], variants: pd.DataFrame, today: dt.date) -> tuple[list, list[dict]]:
    """Clean one partition of articles and extract its claims: (cleaning results, claim rows)."""
    results = clean_partition(raw, variants, today)
    articles, sentences, _ = tables_from_results(results)
    return results, extract_claims(sentences, articles, reference.extractor()).to_dict("records")


def extract_partition(task: tuple[pd.DataFrame, pd.DataFrame]) -> list[dict]:
    """Claim rows of one partition given as (sentences, articles) of whole articles."""
    return extract_claims(*task, reference.extractor()).to_dict("records")


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """Claim rows as the table ``extract_claims`` builds from them."""
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def clean(
    raw: list[RawArticle],
    variants: pd.DataFrame,
    engine: str = "pandas",
    scheduler: str | None = None,
    partition_size: int | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Stage 1 tables (articles, sentences, audit) of the corpus, on the chosen engine."""
    today = dt.date.today()
    chunks = partitions(raw, partition_size)
    sizes = [len(chunk) for chunk in chunks]
    if engine == "dask":
        results = on_dask(clean_partition, chunks, sizes, scheduler, "cleaning", variants, today)
    else:
        results = in_process(clean_partition, chunks, sizes, "cleaning", variants, today)
    return tables_from_results([r for part in results for r in part])


def extract(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    engine: str = "pandas",
    scheduler: str | None = None,
    partition_size: int | None = None,
) -> pd.DataFrame:
    """The raw claims of the cleaned (sorted) sentences, on the chosen engine, in sentence order."""
    if engine != "dask":
        return extract_claims(sentences, articles, reference.extractor())
    chunks = partitions(sorted(articles["article_id"]), partition_size)
    tasks = [(sentences[sentences["article_id"].isin(c)], articles[articles["article_id"].isin(c)]) for c in chunks]
    rows = on_dask(extract_partition, tasks, [len(c) for c in chunks], scheduler, "extraction")
    return claims_frame([row for part in rows for row in part])


def clean_and_extract(
    corpus_dir: Path | str, engine: str = "pandas", scheduler: str | None = None, partition_size: int = 500
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Load the corpus, clean it and extract its claims: (articles, sentences, audit, claims).

    ``pandas`` runs ``clean_corpus`` then ``extract_claims`` in this process; ``dask`` cleans and
    extracts each partition of ``partition_size`` articles as one task and assembles identical tables.
    """
    raw = sorted(load_corpus(corpus_dir), key=lambda article: article.article_id)
    variants = reference.name_variants()
    if engine != "dask":
        articles, sentences, audit = clean(raw, variants, "pandas", partition_size=partition_size)
        return articles, sentences, audit, extract_claims(sentences, articles, reference.extractor())
    chunks = partitions(raw, partition_size)
    sizes = [len(chunk) for chunk in chunks]
    parts = on_dask(process_partition, chunks, sizes, scheduler, "cleaning and extraction", variants, dt.date.today())
    articles, sentences, audit = tables_from_results([r for results, _ in parts for r in results])
    return articles, sentences, audit, claims_frame([row for _, rows in parts for row in rows])
