"""Real articles added by a user move no headline figure until their claims are reviewed.

The added articles are built from the development set's real passages (tests/data/devset): one article
per outlet, its passages as paragraphs, dated to the latest passage.
"""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from nkreport.cleaning import clean_corpus
from nkreport.corpus import load_corpus
from nkreport.estimates import headline_figures, resolved_estimates
from nkreport.paths import PROJECT_ROOT
from nkreport.stages import reference
from nkreport.stages.claims import graded, graded_record

DEVSET = PROJECT_ROOT / "tests" / "data" / "devset"
OUTLETS = 12


def devset_articles() -> pd.DataFrame:
    """One article per outlet for the outlets with most passages: id, outlet, published, text."""
    passages = pd.concat(
        [pd.read_csv(DEVSET / f"passages_{half}.csv", dtype=str, keep_default_na=False) for half in "ab"]
    )
    counts = passages.groupby("outlet")["passage_id"].count().sort_values(ascending=False, kind="stable")
    chosen = passages[passages["outlet"].isin(counts.index[:OUTLETS])]
    grouped = chosen.sort_values("passage_id").groupby("outlet", sort=True)
    return pd.DataFrame(
        {
            "outlet": list(grouped.groups),
            "published": grouped["published"].max().str[:10].to_numpy(),
            "url": grouped["url"].first().to_numpy(),
            "text": grouped["text"].agg("\n\n".join).to_numpy(),
        }
    )


def add_articles(corpus, articles: pd.DataFrame) -> None:
    with open(corpus / "manifest.csv", "a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for n, row in enumerate(articles.itertuples(), start=1):
            name = f"added_{n:02d}.txt"
            (corpus / "articles" / name).write_text(row.text + "\n", encoding="utf-8")
            writer.writerow(
                [f"added-{n:02d}", name, f"Passages from {row.outlet}", row.outlet, "", row.published, "", ""]
            )


def headline_of(corpus, name_variants) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(headline figures, claims with their resolution) of a corpus."""
    articles, sentences, _ = clean_corpus(load_corpus(corpus), name_variants)
    table = graded(sentences, articles)
    resolved, estimates = resolved_estimates(table, graded_record(table), reference.register())
    return headline_figures(estimates)[0], resolved


@pytest.mark.slow  # more than 5 s: left out of make test-fast
def test_ten_real_articles_change_no_headline_figure_until_reviewed(corpus_copy, name_variants):
    before, _ = headline_of(corpus_copy, name_variants)
    added = devset_articles()
    add_articles(corpus_copy, added)
    after, resolved = headline_of(corpus_copy, name_variants)
    new = resolved[resolved["article_id"].str.startswith("added-")]
    assert len(added) >= 10 and len(new) >= 30
    assert new["resolution"].eq("unreviewed").any() and new["resolution"].eq("mention (matched)").any()
    assert not new["resolution"].isin(["corpus estimate (reviewed)", "mention (reviewed)"]).any()
    pd.testing.assert_frame_equal(before.drop(columns="sources"), after.drop(columns="sources"))
