"""The report's structure: chapters in their place, annex cells after the body in the HTML and the PDF."""

from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest
from bs4 import BeautifulSoup

from nkreport.render import combine_notebooks, html_report, pdf_report

INFO = {"built": "2026-01-01 00:00 UTC", "articles": 2, "corpus_hash": "ab" * 32, "evidence_date": "2025-12-12"}


def chapter(folder, name, cells, **meta):
    """A small executed-looking chapter notebook: (markdown text, tags) pairs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["nkreport"] = meta
    nb.cells = [nbformat.v4.new_markdown_cell(text, metadata={"tags": tags}) for text, tags in cells]
    path = folder / name
    nbformat.write(nb, path)
    return path


@pytest.fixture
def combined(tmp_path):
    paths = [
        chapter(
            tmp_path,
            "01_cleaning.ipynb",
            [("# 1. Cleaning\n\ncorpus text", []), ("## 1.1 Audit\n\naudit rows", [])],
            annex=True,
        ),
        chapter(
            tmp_path,
            "03_history.ipynb",
            [
                ("# 3. Precedents\n\nbody text", []),
                ("## The coup accounts\n\naccount rows", ["annex"]),
                ("closing body text", []),
            ],
        ),
        chapter(tmp_path, "05_summary.ipynb", [("# Summary\n\nbottom line", [])], front=True),
        chapter(tmp_path, "07_projection.ipynb", [("# 5. Projection\n\nprojection text", [])], order=3.5),
    ]
    return combine_notebooks(paths, INFO | {"parameters": {"projection_horizon_months": 24, "corpus_dir": "a_b|c"}})


def test_annex_cells_follow_the_body_in_order_with_letters(combined):
    markdown = [c.source.split("\n")[0] for c in combined.cells if c.cell_type == "markdown"][1:]  # after the title
    assert markdown == [
        "# Summary",
        "# 3. Precedents",
        "closing body text",
        "# 5. Projection",
        "# Annex A. Cleaning",
        "## A.1 Audit",
        "# Annex B. The coup accounts",
        "# Annex C. Build parameters",
    ]


def test_html_places_annexes_after_the_body(combined):
    soup = BeautifulSoup(html_report(combined), "lxml")
    toc = [a.get_text() for a in soup.select("nav#toc a")]
    assert toc[-4:] == ["Annex A. Cleaning", "A.1 Audit", "Annex B. The coup accounts", "Annex C. Build parameters"]
    soup.find("nav", id="toc").decompose()
    text = soup.get_text(" ")
    order = ["bottom line", "body text", "closing body text", "projection text", "Annex A. Cleaning", "audit rows"]
    positions = [text.index(t) for t in order]
    assert positions == sorted(positions)
    assert text.index("Annex B. The coup accounts") < text.index("account rows") < text.index("Annex C.")
    header = soup.find("header", class_="title-page").get_text(" ", strip=True)
    assert "Evidence current to 2025-12-12" in header and "projection_horizon_months" not in header
    assert "a_b|c" in soup.find(string=lambda s: s and "a_b|c" in s)  # parameter values shown as text


@pytest.mark.skipif(shutil.which("xelatex") is None or shutil.which("pdftotext") is None, reason="needs TeX")
def test_pdf_places_annexes_after_the_body_and_numbers_pages_once(combined, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pdf_report(combined))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    order = ["bottom line", "closing body text", "projection text", "Annex A. Cleaning", "audit rows", "Annex C."]
    positions = [text.index(t, text.index("projection text") if t.startswith("Annex") else 0) for t in order]
    assert positions == sorted(positions)
    assert "Build parameters" in pages[-2] + pages[-1] and "projection_horizon_months" not in pages[0]
    opening = next(page for page in pages if "Annex A. Cleaning" in page)
    assert "projection text" not in opening  # the annexes open on a new page
    numbers = [line.split()[-1] for page in pages for line in page.splitlines() if line.startswith("Page ")]
    assert len(numbers) == len(set(numbers))  # no two pages numbered alike
