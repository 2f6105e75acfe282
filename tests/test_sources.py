"""Sources list: every reference citation counted, article addresses linked only when they are web addresses."""

from __future__ import annotations

import pandas as pd

from nkreport import sources
from nkreport.paths import PROJECT_ROOT
from nkreport.stages import reference


def test_every_reference_citation_is_listed_once_with_its_tables(tmp_path):
    (tmp_path / "a.csv").write_text('id,citation\n1,https://a ; https://b\n2,https://a\n3,""\n')
    (tmp_path / "b.csv").write_text("id,citation\n1,https://a\n")
    (tmp_path / "c.csv").write_text("id,source\n1,https://c\n")  # no citation column: not a reference table
    listed = sources.citations(reference.cited_tables(tmp_path))
    assert listed.to_dict("records") == [
        {"citation": "https://a", "cited by (rows)": "a.csv (2); b.csv (1)"},
        {"citation": "https://b", "cited by (rows)": "a.csv (1)"},
    ]


def test_only_web_addresses_become_links():
    assert sources.link("javascript:alert(1)") == "javascript:alert(1)"
    assert sources.link('https://example.org/"><script>') == "https://example.org/&quot;&gt;&lt;script&gt;"
    assert sources.link("https://example.org/a?b=1&c=2") == (
        '<a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>'
    )


def test_articles_without_a_date_say_unknown():
    articles = pd.DataFrame(
        {"article_id": ["a"], "outlet": ["X"], "author": [""], "title": ["T"], "published": [""], "url": [""]}
    )
    assert sources.article_sources(articles)["published"].tolist() == ["unknown"]


def test_articles_are_cited_as_a_reader_would():
    manifest = pd.read_csv(PROJECT_ROOT / "data" / "raw" / "manifest.csv", dtype=str, keep_default_na=False)
    cited = {row["article_id"]: sources.reader_citation(row) for row in manifest.to_dict("records")}
    assert cited["diplomat-casualties"] == "The Diplomat, Jan 2025"
    assert cited["defencereport-webb"] == "DefenceReport"
    assert cited["won-youngsu"] == "Green Left, on or before 31 Dec 2024"  # the manifest's last possible day
    assert cited["acknowledgement"] == "the unattributed article 'acknowledgement' (list of sources)"
    assert sources.reader_citation({"article_id": "x", "outlet": "NK News", "published": "2025-09-02"}) == (
        "NK News, 2 Sep 2025"
    )
