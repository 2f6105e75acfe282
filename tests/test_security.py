"""Untrusted text: an article carrying script, event handlers, javascript: links and Markdown/LaTeX specials
renders as literal text in report.html and report.pdf and runs nothing in a browser."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pdfplumber
import pytest
from browser import visit
from bs4 import BeautifulSoup

from nkreport.params import load_params
from nkreport.pipeline import build

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

HOSTILE_TITLE = "<script>alert('title')</script> $x$ & co"
HOSTILE_TEXT = "\n\n".join(
    [
        "Hostile test article",
        "According to the Pentagon, 8,000 North Korean troops <img src=x onerror=alert(1)> were sent, "
        "costing $5 \\ 100% of # {budget} _now_.",
        "<script>alert(document.cookie)</script> South Korean intelligence said about 500 North Korean soldiers "
        'were killed in a <a href="javascript:alert(2)">raid</a> near Kursk.',
        "See [the source](javascript:alert(3)) and **bold** text with a backslash \\section{x} and 50% of it.",
    ]
)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory, corpus_copy_module):
    (corpus_copy_module / "articles" / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    with open(corpus_copy_module / "manifest.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["hostile", "hostile.txt", HOSTILE_TITLE, "<b>Outlet</b>", "Eve", "2025-02-01", "javascript:alert(4)", ""]
        )
    out = tmp_path_factory.mktemp("hostile")
    params = load_params(None, [("corpus_dir", str(corpus_copy_module))])
    build(params, 6, out)
    return out


@pytest.fixture(scope="module")
def corpus_copy_module(tmp_path_factory):
    from conftest import DEFAULT_CORPUS

    target = tmp_path_factory.mktemp("corpus") / "raw"
    shutil.copytree(DEFAULT_CORPUS, target)
    return target


def test_html_has_no_injected_elements_and_shows_the_text(hostile_report):
    soup = BeautifulSoup((hostile_report / "report" / "report.html").read_text(encoding="utf-8"), "lxml")
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name
        href = str(tag.get("href", "")).strip().lower()
        assert not href.startswith("javascript:"), tag
    assert not soup.select('img[src="x"]')
    assert all("alert" not in (script.string or "") for script in soup.find_all("script"))
    text = soup.get_text(" ")
    assert HOSTILE_TITLE in text  # the manifest title, shown literally in the articles table
    assert "javascript:alert(4)" in text  # the address, shown as text, not a link
    assert "$5 \\ 100% of # {budget} _now_" in text  # a claim's sentence, quoted verbatim
    assert "<img src=x onerror=alert(1)>" in text  # the removed markup, shown in the cleaning audit


def test_pdf_shows_the_specials_literally(hostile_report):
    with pdfplumber.open(hostile_report / "report" / "report.pdf") as pdf:
        text = "\n".join(page.extract_text(x_tolerance=1.5) or "" for page in pdf.pages)
    assert "100% of # {budget}" in text
    assert "alert('title')" in text.replace("\u2019", "'").replace("\u2018", "'")


def test_chromium_runs_nothing(hostile_report):
    seen = visit(hostile_report / "report" / "report.html")
    assert seen.dialogs == [] and seen.page_errors == [] and seen.console_errors == [] and seen.requests == []


def test_interactive_tables_show_hostile_cells_as_text(tmp_path):
    from nkreport.display import INTERACTIVE_ROWS, Table
    from nkreport.render import finish_html

    rows = INTERACTIVE_ROWS + 40
    frame = pd.DataFrame({"quote": ["<img src=x onerror=alert(1)> <script>alert(2)</script> $5 {x}"] * rows})
    table = Table(frame, caption="hostile", label="Table 9.9")
    assert table._repr_html_() == table._repr_html_()  # stable id and content
    page = tmp_path / "table.html"
    page.write_text(finish_html(f"<html><head></head><body>{table._repr_html_()}</body></html>"), encoding="utf-8")
    probe = (
        f"[document.querySelectorAll('#{table.table_id()} tbody tr').length,"
        f" document.querySelector('#{table.table_id()} tbody td').textContent]"
    )
    seen = visit(page, probe=probe)
    assert seen.dialogs == [] and seen.page_errors == [] and seen.console_errors == [] and seen.requests == []
    shown_rows, first_cell = seen.probe
    assert shown_rows == 20  # DataTables paged the table: the library ran
    assert first_cell == frame["quote"].iloc[0]  # shown literally
