"""Adding articles: metadata and text from web pages and PDFs the tests write, refusals, the corpus after an add.

Every page and PDF here is synthetic (written by the tests); no test reaches the network.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import socket
import urllib.error
from pathlib import Path

import pandas as pd
import pytest

from nkreport import add
from nkreport.cleaning import clean_corpus, date_label, manifest_table
from nkreport.corpus import CorpusError, load_corpus, published_bounds
from nkreport.ingest import (
    FIELDS,
    IngestError,
    duplicate_of,
    extract,
    manifest_with_row,
    normalized_url,
    slug,
    source_kind,
    unique_id,
)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a test tried to reach the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


BODY = (
    "<p>South Korea's intelligence service told lawmakers on Thursday that about 11,000 North Korean soldiers "
    "had been sent to the Kursk region, and that several hundred of them had been killed or wounded.</p>"
    "<p>Ukraine's government gave a higher figure. Its officials said the losses were closer to four thousand, "
    "a number that could not be verified independently and that Moscow has not confirmed.</p>"
    "<p>Analysts in Seoul said the troops had little experience of drone warfare, which explained the early "
    "losses, and that a second group of soldiers was being trained before it was sent to the front.</p>"
)
CANONICAL = "https://review.example.org/2025/03/losses-in-kursk/"


def page(head: str = "", body: str = BODY, before: str = "") -> bytes:
    """A news page with navigation, a subscription prompt, a related-stories box and a footer around ``body``."""
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Losses in Kursk</title>{head}</head>"
        "<body><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news</a></li></ul></nav>"
        "<header><p>Subscribe to our newsletter for daily briefings</p></header>"
        f"<article><h1>Losses in Kursk</h1>{before}{body}</article>"
        "<aside><h3>Read more</h3><ul><li><a href='/x'>Markets fall on the open in Tokyo</a></li></ul></aside>"
        "<footer><p>Copyright 2025 Example Review. All rights reserved.</p></footer></body></html>"
    ).encode()


NEWS_HEAD = (
    "<meta property='og:title' content='Losses in Kursk'>"
    "<meta property='og:site_name' content='Example Review'>"
    f"<meta property='og:url' content='{CANONICAL}'><link rel='canonical' href='{CANONICAL}'>"
    "<script type='application/ld+json'>"
    + json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Losses in Kursk",
            "datePublished": "2025-03-14T08:00:00+00:00",
            "author": {"@type": "Person", "name": "Jane Roe"},
        }
    )
    + "</script>"
)
NEWS_BEFORE = (
    "<p class='byline'>By <span class='author'>Jane Roe</span></p><time datetime='2025-03-14'>14 March 2025</time>"
    "<figure><img src='parade.jpg'><figcaption>Soldiers march in a parade. Photo: Agency</figcaption></figure>"
)


@pytest.fixture
def news_page() -> bytes:
    return page(NEWS_HEAD, before=NEWS_BEFORE)


def write_pdf(path: Path, pages: list[list[tuple[str, float]]], metadata: dict | None = None) -> Path:
    """A PDF of A4 pages, each a list of (line, type size) set from the top, a blank line after each ``""``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path, metadata=metadata or {}) as pdf:
        for lines in pages:
            figure = plt.figure(figsize=(8.27, 11.69))
            y = 0.92
            for text, size in lines:
                if text:
                    figure.text(0.1, y, text, fontsize=size)
                y -= 0.02
            pdf.savefig(figure)
            plt.close(figure)
    return path


def write_two_column_pdf(path: Path, title: str, left: list[str], right: list[str], footer: str = "") -> Path:
    """One A4 page: a title set across, two columns of 11-point lines side by side, a footer set across."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        figure = plt.figure(figsize=(8.27, 11.69))
        figure.text(0.5, 0.94, title, ha="center", fontsize=18)
        for x, column in ((0.08, left), (0.54, right)):
            for n, line in enumerate(column):
                figure.text(x, 0.88 - 0.02 * n, line, fontsize=11)
        figure.text(0.5, 0.05, footer, ha="center", fontsize=11)
        pdf.savefig(figure)
        plt.close(figure)
    return path


def body_page(paragraphs: list[list[str]], number: int) -> list[tuple[str, float]]:
    """A page with a running header, paragraphs of 11-point lines and a page number at the foot."""
    lines = [("Example Institute | Policy Brief 7", 8), ("", 8)]
    for paragraph in paragraphs:
        lines += [(line, 11) for line in paragraph] + [("", 11)]
    return [*lines, *[("", 11)] * (40 - len(lines)), (f"Page {number}", 9)]


PDF_TEXT = [
    [
        [
            "South Korea's intelligence service said that about 11,000 North Korean",
            "soldiers had been sent to the Kursk region, and that several hundred had been",
            "killed or wounded in their first weeks of fighting against Ukraine's forces.",
        ],
        ["Ukraine's government gave a higher figure, which could not be verified."],
    ],
    [
        [
            "Analysts in Seoul noted that the troops had little experience of drone war-",
            "fare, which explained the early losses; a second group of soldiers was being",
            "trained, according to the same officials, who spoke on condition of anonymity.",
        ]
    ],
]


@pytest.fixture
def brief_pdf(tmp_path: Path) -> Path:
    """A policy brief: a title page (title, byline, date, institute), two pages of text with header and footer."""
    title_page = [("", 12)] * 8 + [
        ("The cost", 24),
        ("of Kursk", 24),
        ("", 12),
        ("By Jane Roe", 14),
        ("Published 14 April 2025", 12),
        ("", 12),
        ("Example Institute", 12),
    ]
    return write_pdf(
        tmp_path / "brief.pdf",
        [title_page, body_page(PDF_TEXT[0], 2), body_page(PDF_TEXT[1], 3)],
        {"Title": "Working draft v3.docx", "Author": "Office user", "CreationDate": dt.datetime(2025, 5, 2)},
    )


def fields_of(found) -> tuple[str, ...]:
    """Title, outlet, author, published, published_latest and url, in that order."""
    return tuple(found.fields[name] for name in FIELDS)


def bounds_of(article) -> tuple:
    return article.date_low, article.date_high, article.date_precision, date_label(article)


def test_web_page_fields_and_main_text(news_page):
    found = extract(source_kind("saved.html", news_page), news_page, "saved.html")
    assert found.kind == "html"
    assert fields_of(found) == ("Losses in Kursk", "Example Review", "Jane Roe", "2025-03-14", "", CANONICAL)
    assert "about 11,000 North Korean soldiers had been sent to the Kursk region" in found.text
    assert "a second group of soldiers was being trained" in found.text
    for boilerplate in ("Home", "World news", "Subscribe", "Photo: Agency", "parade", "Read more", "Markets fall"):
        assert boilerplate not in found.text, boilerplate
    assert "All rights reserved" not in found.text and "By Jane Roe" not in found.text
    assert all(line.strip() for line in found.text.splitlines()), "one paragraph per line, no blank lines"


@pytest.mark.parametrize(
    ("head", "before", "url", "published", "latest"),
    [
        ("", "<time datetime='2025-02-03T10:00'>3 February</time>", "", "2025-02-03", ""),
        ("<meta property='article:published_time' content='2024-12-31T10:00:00Z'>", "", "", "2024-12-31", ""),
        ("<link rel='canonical' href='https://news.example.org/2025/01/kursk/'>", "", "", "2025-01", ""),
        ("<link rel='canonical' href='https://news.example.org/2025/01/17/kursk/'>", "", "", "2025-01-17", ""),
        (
            '<script type=\'application/ld+json\'>{"@type": "Article", "dateModified": "2025-04-01"}</script>',
            "",
            "",
            "",
            "2025-04-01",
        ),
        ("", "<p>Updated on January 5, 2025 at noon</p>", "", "", ""),
        ("", "", "https://news.example.org/world/kursk", "", ""),
    ],
    ids=["time-element", "open-graph", "url-month", "url-day", "modified-only", "date-in-text", "undated-url"],
)
def test_web_page_date_from_markup_or_address_never_from_text(head, before, url, published, latest):
    found = extract("html", page(head, before=before), "p.html", url)
    assert (found.fields["published"], found.fields["published_latest"]) == (published, latest)
    if url:
        assert found.fields["url"] == url and found.origins["url"] == "the address it was fetched or saved from"


def test_pdf_title_page_byline_date_and_running_text(brief_pdf):
    data = brief_pdf.read_bytes()
    found = extract(source_kind("brief.pdf", data), data, "brief.pdf")
    assert found.kind == "pdf"
    assert fields_of(found) == ("The cost of Kursk", "", "Jane Roe", "2025-04-14", "", "")
    assert found.origins["title"] == "the largest type on the first page" and found.origins["author"].startswith(
        "a 'By' line"
    )
    assert found.notes == ("PDF file created 2025-05-02 (not taken as the publication date)",)
    assert found.text.splitlines() == [
        " ".join(PDF_TEXT[0][0]),
        PDF_TEXT[0][1][0],
        " ".join(PDF_TEXT[1][0]).replace("war- fare", "warfare"),
    ]


def test_pdf_without_title_page_takes_the_document_metadata(tmp_path):
    lines = [("", 11)] * 3 + [(line, 11) for line in PDF_TEXT[0][0]]
    path = write_pdf(tmp_path / "note.pdf", [lines], {"Title": "Notes on Kursk", "Author": "John Doe"})
    found = extract("pdf", path.read_bytes(), "note.pdf")
    assert (found.fields["title"], found.fields["author"]) == ("Notes on Kursk", "John Doe")
    assert found.origins["title"] == "the PDF's metadata" and found.fields["published"] == ""
    assert found.text == " ".join(PDF_TEXT[0][0]) + "\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.docx", b"PK\x03\x04 a zip archive", "notes.docx: a .docx file; nkreport add reads a saved web page"),
        ("report.pdf", b"<html>not a pdf</html>", "report.pdf: named or served as a PDF, but it does not start"),
        ("download", b"\x00\x01", "download: no known type"),
    ],
)
def test_unsupported_sources_are_refused(name, data, message):
    with pytest.raises(IngestError, match=message.replace(".", r"\.")):
        source_kind(name, data)


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("html", page(body="<p></p>"), "no article text could be extracted from this web page"),
        ("pdf", b"%PDF-1.4\n1 0 obj garbage", "the PDF cannot be read"),
        ("text", b"caf\xe9 au lait", "not valid UTF-8 at byte offset 3"),
        ("text", b"  \n ", "source: the file is empty or holds only whitespace"),
    ],
)
def test_sources_without_text_are_refused(kind, data, message):
    with pytest.raises(IngestError, match=message):
        extract(kind, data, "source")


def test_empty_pdf_page_is_refused_as_without_text(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", [[("", 11)]])
    with pytest.raises(IngestError, match="no article text could be extracted from this PDF"):
        extract("pdf", path.read_bytes(), "scan.pdf")


def test_slugs_and_unique_ids():
    assert slug("Pyongyang's losses in Kursk") == "pyongyangs-losses-in-kursk"
    assert slug("Kim Jong Un’s gamble — Ünïcode, 2025!") == "kim-jong-uns-gamble-unicode-2025"
    long = slug("North Korea " * 20)
    assert len(long) <= 60 and long.endswith("korea") and not long.endswith("-")
    assert slug("북한군 파병") == ""
    assert unique_id(["북한군 파병", "kursk-report"], set()) == "kursk-report"
    assert unique_id(["", ""], set()) == "article"
    assert unique_id(["Losses in Kursk"], {"losses-in-kursk", "losses-in-kursk-2"}) == "losses-in-kursk-3"


def test_manifest_gains_the_optional_columns_only_when_missing():
    old = 'article_id,file,title,outlet,author,published,url,notes\na,a.txt,"T, with comma",,,2025,,n\n'
    row = {"article_id": "b", "file": "b.txt", "title": "B", "published_latest": "2024-12-31", "original_sha256": ""}
    extended = manifest_with_row(old, row)
    rows = list(csv.DictReader(io.StringIO(extended)))
    assert [r["article_id"] for r in rows] == ["a", "b"]
    assert rows[0]["title"] == "T, with comma" and rows[0]["published_latest"] == ""
    assert rows[1]["published_latest"] == "2024-12-31"
    again = manifest_with_row(extended, {**row, "article_id": "c", "file": "c.txt"})
    assert again.startswith(extended) and again.count("\n") == 4


def test_duplicates_by_address_or_cleaned_text():
    corpus = [("a", "https://www.example.org/story/?utm_source=x", "First  paragraph.\n\nSecond one.")]
    assert normalized_url("http://example.org/story#top") == normalized_url(corpus[0][1]) == "example.org/story"
    assert "address as article 'a'" in duplicate_of("https://example.org/story", "other", corpus)
    assert "cleaned text is the same as that of article 'a'" in duplicate_of("", "first paragraph. second one.", corpus)
    assert "cleaned text is part of article 'a'" in duplicate_of("", "Second one.", corpus)
    assert duplicate_of("https://example.org/other", "A different text.", corpus) == ""


def test_published_bounds_with_a_last_possible_day():
    today = dt.date(2026, 1, 1)
    assert published_bounds("", "2024-12-31", "m", today) == published_bounds("", "2024-12", "m", today)
    upper = published_bounds("", "2024-12-31", "m", today)
    assert (upper.low, upper.high, upper.precision) == (None, dt.date(2024, 12, 31), "upper bound")
    narrowed = published_bounds("2025-01", "2025-01-15", "m", today)
    assert (narrowed.low, narrowed.high, narrowed.precision) == (dt.date(2025, 1, 1), dt.date(2025, 1, 15), "range")
    assert published_bounds("2025-01-05", "2025-02", "m", today).precision == "day"
    with pytest.raises(CorpusError, match="m: published_latest '2024-12-31' is before published '2025-01'"):
        published_bounds("2025-01", "2024-12-31", "m", today)
    with pytest.raises(CorpusError, match="m, field published_latest: published '2024-13' is not a real date"):
        published_bounds("", "2024-13", "m", today)


def test_manifest_without_the_optional_columns_still_loads(corpus_copy):
    manifest = corpus_copy / "manifest.csv"
    rows = list(csv.DictReader(manifest.open(encoding="utf-8")))
    with manifest.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0])[:8], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    articles = load_corpus(corpus_copy)
    assert len(articles) == 5 and all(a.meta["published_latest"] == "" for a in articles)


def test_default_corpus_states_the_green_left_article_bounds(cleaned):
    articles = cleaned[0].set_index("article_id")
    article = articles.loc["won-youngsu"]
    low, high = dt.date(2023, 1, 1), dt.date(2024, 12, 31)
    assert bounds_of(article) == (low, high, "range", "between 2023-01-01 (from text) and 2024-12-31")


def added_corpus(corpus_copy: Path, sources: list[str], fetcher=None) -> list[add.Outcome]:
    return add.add_all(sources, corpus_copy, fetcher or refuse_network)


def refuse_network(url: str) -> add.Source:
    raise AssertionError(f"a test tried to fetch {url}")


def corpus_state(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def test_added_page_and_pdf_load_clean_and_show_their_dates(corpus_copy, tmp_path, news_page, brief_pdf, name_variants):
    saved = tmp_path / "saved.html"
    saved.write_bytes(news_page)
    outcomes = added_corpus(corpus_copy, [str(saved), str(brief_pdf)])
    assert [(o.article_id, o.error) for o in outcomes] == [("losses-in-kursk", ""), ("the-cost-of-kursk", "")]
    rows = {r["article_id"]: r for r in csv.DictReader((corpus_copy / "manifest.csv").open(encoding="utf-8"))}
    assert rows["losses-in-kursk"]["original_sha256"] == hashlib.sha256(news_page).hexdigest()
    assert (corpus_copy / "originals" / "the-cost-of-kursk.pdf").read_bytes() == brief_pdf.read_bytes()
    assert rows["the-cost-of-kursk"]["notes"].startswith("added by nkreport add from brief.pdf (PDF); PDF file")
    assert "  outlet            not found" in outcomes[1].lines
    articles, sentences, _ = clean_corpus(load_corpus(corpus_copy), name_variants)
    table = manifest_table(articles).set_index("Article")
    assert table.loc["losses-in-kursk", "Published"] == "2025-03-14"
    assert table.loc["the-cost-of-kursk", "Published"] == "2025-04-14"
    assert table.loc["the-cost-of-kursk", "Author"] == "Jane Roe"
    texts = sentences.groupby("article_id")["text"].apply(" ".join)
    assert texts["losses-in-kursk"].startswith("South Korea's intelligence service told lawmakers")


def test_a_modified_date_becomes_the_last_possible_day(corpus_copy, tmp_path, name_variants):
    head = '<script type=\'application/ld+json\'>{"@type": "Article", "dateModified": "2025-04-01"}</script>'
    (tmp_path / "undated.html").write_bytes(page(head))
    [outcome] = added_corpus(corpus_copy, [str(tmp_path / "undated.html")])
    assert "  published         not found" in outcome.lines
    articles, _, _ = clean_corpus(load_corpus(corpus_copy), name_variants)
    article = articles.set_index("article_id").loc[outcome.article_id]
    assert bounds_of(article)[1:] == (dt.date(2025, 4, 1), "upper bound", "on or before 2025-04-01")


def test_refused_sources_leave_the_corpus_untouched(corpus_copy, tmp_path, news_page):
    first_text = (corpus_copy / "articles" / "000_e2fa12f25b57093f.txt").read_text(encoding="utf-8")
    sources = {
        "empty.html": page(body="<p></p>"),
        "copy.txt": (first_text.replace("\u2019", "'").replace("\n", "\n\n") + "Share this article\n").encode(),
        "excerpt.txt": "\n".join(first_text.splitlines()[1:4]).encode(),
        "same-address.html": page(
            "<link rel='canonical' href='https://thediplomat.com/2025/01/"
            "will-casualties-in-ukraine-lead-to-change-in-north-korea'>"
        ),
        "notes.docx": b"PK\x03\x04",
    }
    for name, data in sources.items():
        (tmp_path / name).write_bytes(data)
    before = corpus_state(corpus_copy)
    outcomes = added_corpus(corpus_copy, [str(tmp_path / name) for name in sources])
    assert corpus_state(corpus_copy) == before
    errors = [o.error for o in outcomes]
    assert errors[0].endswith("empty.html: no article text could be extracted from this web page")
    assert errors[1] == "copy.txt: a duplicate, its cleaned text holds the whole of article 'diplomat-casualties'"
    assert errors[2] == "excerpt.txt: a duplicate, its cleaned text is part of article 'diplomat-casualties'"
    assert "same-address.html: a duplicate, the corpus already has this address as article 'diplomat" in errors[3]
    assert "notes.docx: a .docx file" in errors[4]


def test_a_failed_write_is_undone(corpus_copy, tmp_path, news_page, monkeypatch):
    (tmp_path / "saved.html").write_bytes(news_page)
    before = corpus_state(corpus_copy)

    calls = []

    def fails_after_the_write(folder):
        calls.append(folder)
        if len(calls) > 1:  # the first call opens the corpus, the second checks it after the write
            raise CorpusError("simulated check failure")
        return load_corpus(folder)

    monkeypatch.setattr(add, "load_corpus", fails_after_the_write)
    [outcome] = added_corpus(corpus_copy, [str(tmp_path / "saved.html")])
    assert outcome.error == "losses-in-kursk: not added, the corpus would not load with it: simulated check failure"
    assert corpus_state(corpus_copy) == before


def test_links_are_fetched_through_the_fetcher(corpus_copy, news_page, brief_pdf):
    served = {
        "https://review.example.org/p/123": (news_page, "text/html; charset=utf-8"),
        "https://institute.example.org/download?id=7": (brief_pdf.read_bytes(), "application/pdf"),
    }

    def fetcher(url):
        return add.Source(url, served[url][0], url, served[url][1])

    outcomes = added_corpus(corpus_copy, list(served), fetcher)
    assert [o.article_id for o in outcomes] == ["losses-in-kursk", "the-cost-of-kursk"]
    rows = list(csv.DictReader((corpus_copy / "manifest.csv").open(encoding="utf-8")))
    assert [row["url"] for row in rows[-2:]] == [CANONICAL, "https://institute.example.org/download?id=7"]
    url_line = (
        "  url               https://institute.example.org/download?id=7   [from the address it was fetched from]"
    )
    assert url_line in outcomes[1].lines
    assert (corpus_copy / "originals" / "losses-in-kursk.html").is_file()
    assert (corpus_copy / "originals" / "the-cost-of-kursk.pdf").is_file()


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution")), "no answer"),
        (TimeoutError("timed out"), "no answer (timed out)"),
        (urllib.error.HTTPError("https://x.example.org/a", 404, "Not Found", {}, None), "answered 404 Not Found"),
    ],
)
def test_a_link_that_does_not_answer_is_refused(monkeypatch, error, message):
    def urlopen(request, timeout):
        raise error

    monkeypatch.setattr(add.urllib.request, "urlopen", urlopen)
    with pytest.raises(IngestError, match=re.escape("https://x.example.org/a: ") + ".*" + re.escape(message)):
        add.fetch("https://x.example.org/a")


def test_batch_from_a_folder_adds_what_it_can_and_exits_non_zero(corpus_copy, tmp_path, news_page, brief_pdf, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "saved.html").write_bytes(news_page)
    (folder / "brief.pdf").write_bytes(brief_pdf.read_bytes())
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / ".DS_Store").write_bytes(b"\x00")
    assert add.main([str(folder), "ftp://example.org/x", "--corpus", str(corpus_copy)]) == 1
    out, err = capsys.readouterr()
    assert "added the-cost-of-kursk from brief.pdf" in out and "added losses-in-kursk from saved.html" in out
    assert "not added: notes.docx: a .docx file" in err
    assert "not added: ftp://example.org/x: only http and https addresses can be fetched" in err
    assert err.strip().endswith("2 added, 2 not added; `make report` rebuilds the report with them")
    assert len(load_corpus(corpus_copy)) == 7


def test_add_is_a_subcommand_of_the_pipeline(corpus_copy, tmp_path, news_page, capsys):
    from nkreport.pipeline import main

    (tmp_path / "saved.html").write_bytes(news_page)
    assert main(["add", str(tmp_path / "saved.html"), "--corpus", str(corpus_copy)]) == 0
    assert "published         2025-03-14   [from the page's metadata]" in capsys.readouterr().out


def test_a_broken_corpus_stops_the_add(corpus_copy, tmp_path, news_page, capsys):
    (corpus_copy / "articles" / "stray.txt").write_text("An article without a manifest row.\n")
    (tmp_path / "saved.html").write_bytes(news_page)
    assert add.main([str(tmp_path / "saved.html"), "--corpus", str(corpus_copy)]) == 2
    assert "the corpus does not load, so nothing is added until it is fixed" in capsys.readouterr().err


def test_an_original_changed_after_extraction_is_caught(corpus_copy, tmp_path, news_page):
    (tmp_path / "saved.html").write_bytes(news_page)
    [outcome] = added_corpus(corpus_copy, [str(tmp_path / "saved.html")])
    (corpus_copy / "originals" / f"{outcome.article_id}.html").write_bytes(news_page + b"<!-- edited -->")
    with pytest.raises(CorpusError, match="the original was changed after the text was extracted from it"):
        load_corpus(corpus_copy)


def test_a_claim_without_its_own_date_takes_the_last_possible_day():
    from nkreport.claims.dates import article_date

    article = {"date_low": None, "date_high": dt.date(2025, 4, 1), "date_precision": "upper bound"}
    assert article_date(article) == (dt.date(2025, 4, 1), "upper bound")
    ranged = {**article, "date_low": dt.date(2024, 11, 1), "date_precision": "range"}
    assert article_date(ranged) == (dt.date(2025, 4, 1), "range")


def test_the_sources_annex_states_the_last_possible_day():
    from nkreport.sources import article_sources

    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "outlet": "",
            "author": "",
            "title": "",
            "published": ["2025-01", "", ""],
            "published_latest": ["", "2024-12-31", ""],
            "url": "",
        }
    )
    assert article_sources(articles)["published"].tolist() == ["2025-01", "on or before 2024-12-31", "unknown"]


def test_pdf_title_is_the_first_run_of_largest_type_and_later_headings_stay(tmp_path):
    lines = [("Kursk, one year on", 18), ("", 11), *[(line, 11) for line in PDF_TEXT[0][0]], ("", 11)]
    lines += [("What comes next", 18), ("", 11), (PDF_TEXT[0][1][0], 11)]
    found = extract("pdf", write_pdf(tmp_path / "one.pdf", [lines]).read_bytes(), "one.pdf")
    assert (found.fields["title"], found.origins["title"]) == (
        "Kursk, one year on",
        "the largest type on the first page",
    )
    assert found.text.splitlines() == [" ".join(PDF_TEXT[0][0]), "What comes next", PDF_TEXT[0][1][0]]


def test_the_first_article_of_a_new_corpus_creates_its_manifest(tmp_path, news_page):
    (tmp_path / "saved.html").write_bytes(news_page)
    corpus = tmp_path / "new-corpus"
    [outcome] = added_corpus(corpus, [str(tmp_path / "saved.html")])
    [article] = load_corpus(corpus)
    assert (outcome.article_id, article.meta["outlet"]) == ("losses-in-kursk", "Example Review")
    header = (corpus / "manifest.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "article_id,file,title,outlet,author,published,url,notes,published_latest,original_sha256"


@pytest.mark.e2e
def test_the_report_states_the_green_left_article_bounds(built_report):
    from bs4 import BeautifulSoup

    html = (built_report / "report" / "report.html").read_text(encoding="utf-8")
    text = " ".join(BeautifulSoup(html, "lxml").get_text(" ").split())
    assert "Won Youngsu between 2023-01-01 (from text) and 2024-12-31" in text  # chapter 1, the articles
    assert "Why is North Korea helping Russia's war on Ukraine? on or before 2024-12-31" in text  # the sources annex


def test_recheck_extracts_each_original_again(corpus_copy, tmp_path, news_page, brief_pdf, capsys):
    (tmp_path / "saved.html").write_bytes(news_page)
    added_corpus(corpus_copy, [str(tmp_path / "saved.html"), str(brief_pdf)])
    assert add.recheck(corpus_copy) == [("losses-in-kursk", "the same text"), ("the-cost-of-kursk", "the same text")]
    edited = corpus_copy / "articles" / "the-cost-of-kursk.txt"
    lines = edited.read_text(encoding="utf-8").splitlines()
    edited.write_text("\n".join([lines[0], "A correction by hand.", *lines[1:]]) + "\n", encoding="utf-8")
    assert add.main(["--recheck", "--corpus", str(corpus_copy)]) == 1
    assert "the-cost-of-kursk: differs from line 2: edited by hand, or read otherwise now" in capsys.readouterr().out


def mhtml(html: bytes, saved_from: str) -> bytes:
    """A web archive as a browser saves a page in one file: MIME, the page quoted-printable, its address."""
    from email.charset import QP, Charset
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    archive = MIMEMultipart("related", type="text/html")
    archive["From"] = "<Saved by Blink>"
    archive["Snapshot-Content-Location"] = saved_from
    charset = Charset("utf-8")
    charset.body_encoding = QP
    archive.attach(MIMEText(html.decode(), "html", charset))
    return archive.as_bytes()


def test_a_page_saved_as_one_file_is_read_with_the_address_it_was_saved_from(corpus_copy, tmp_path):
    address = "https://review.example.org/world/kursk-losses"
    data = mhtml(page(NEWS_HEAD.replace(CANONICAL, "")), address)
    assert source_kind("page.mhtml", data) == source_kind("page", data) == "mhtml"
    found = extract("mhtml", data, "page.mhtml")
    assert fields_of(found) == ("Losses in Kursk", "Example Review", "Jane Roe", "2025-03-14", "", address)
    assert found.origins["url"] == "the address it was fetched or saved from"
    assert "about 11,000 North Korean soldiers" in found.text and "Subscribe" not in found.text
    (tmp_path / "page.mhtml").write_bytes(data)
    [outcome] = added_corpus(corpus_copy, [str(tmp_path / "page.mhtml")])
    assert (corpus_copy / "originals" / f"{outcome.article_id}.mhtml").read_bytes() == data
    with pytest.raises(IngestError, match=re.escape("archive.mhtml: a saved web archive (MHTML) without an HTML page")):
        extract("mhtml", b"MIME-Version: 1.0\nContent-Type: text/plain\n\nhello", "archive.mhtml")


def test_chapter_one_counts_the_undated_and_those_with_a_last_possible_day(cleaned):
    from nkreport.cleaning import corpus_summary

    summary = corpus_summary(*cleaned)
    # Four of the five default articles have no publication date; the Green Left one has a last possible day.
    assert (summary["undated"], summary["undated_with_latest"]) == (4, 1)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("14 April 2025", "2025-04-14"),
        ("Published: April 14th, 2025", "2025-04-14"),
        ("Dated the 1st of March 2025", ""),
        ("1st of March 2025", "2025-03-01"),
        ("8. April 1992", "1992-04-08"),
        ("March 2025", "2025-03"),
        ("2025-03-09", "2025-03-09"),
        ("Seoul, 14 April 2025", ""),
        ("Updated 14 April 2025", ""),
    ],
)
def test_a_date_line_is_a_line_that_is_only_a_date(line, date):
    from nkreport.ingest.pdf import date_line

    assert date_line(line) == date


def test_an_updated_line_on_the_first_page_gives_the_last_possible_day(tmp_path):
    lines = [("Kursk, one year on", 18), ("Last updated: 2 May 2025", 11), ("", 11)]
    lines += [(line, 11) for line in PDF_TEXT[0][0]]
    found = extract("pdf", write_pdf(tmp_path / "updated.pdf", [lines]).read_bytes(), "updated.pdf")
    assert (found.fields["published"], found.fields["published_latest"]) == ("", "2025-05-02")
    assert found.text == " ".join(PDF_TEXT[0][0]) + "\n"


def test_two_columns_are_read_one_after_the_other(tmp_path):
    import textwrap

    left = textwrap.wrap(" ".join(PDF_TEXT[0][0] + PDF_TEXT[0][1]), 38)
    right = textwrap.wrap(" ".join(PDF_TEXT[1][0]).replace("war- fare", "warfare"), 38)
    footer = "Example Institute, Seoul, for its members"
    path = write_two_column_pdf(tmp_path / "two.pdf", "Two columns on Kursk", left, right, footer)
    found = extract("pdf", path.read_bytes(), "two.pdf")
    assert found.fields["title"] == "Two columns on Kursk"
    assert found.text.splitlines() == [" ".join(left), " ".join(right), footer]


def test_a_table_of_two_columns_is_read_row_by_row(tmp_path):
    sources = ["South Korea's NIS", "Ukraine's government", "The Pentagon", "Russia's defence ministry"]
    figures = ["11,000", "12,000", "10,000", "none"]
    path = write_two_column_pdf(tmp_path / "table.pdf", "Estimates of the force", sources, figures)
    found = extract("pdf", path.read_bytes(), "table.pdf")
    assert " ".join(f"{s} {f}" for s, f in zip(sources, figures, strict=True)) in found.text
