"""End to end: the default corpus through every notebook to report.html and report.pdf."""

from __future__ import annotations

import nbformat
import pdfplumber
import pytest
from bs4 import BeautifulSoup

from nkreport.pipeline import report_notebooks
from nkreport.render import is_front_matter

pytestmark = pytest.mark.e2e


def chapter_title(notebook) -> str:
    """The first level-one heading of a notebook's first cell."""
    first = nbformat.read(notebook, as_version=4).cells[0]["source"]
    return next(line[2:].strip() for line in first.splitlines() if line.startswith("# "))


def report_order(notebooks) -> list:
    """Front matter first, then run order, as the report shows them."""
    return sorted(notebooks, key=lambda p: not is_front_matter(nbformat.read(p, as_version=4)))


CHAPTERS = [chapter_title(p) for p in report_order(report_notebooks())]


@pytest.fixture(scope="module")
def soup(built_report):
    return BeautifulSoup((built_report / "report" / "report.html").read_text(encoding="utf-8"), "lxml")


def heading_texts(soup):
    return [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.find_all("h1")]


def test_outputs_in_place(built_report):
    assert (built_report / "data" / "interim" / "sentences.csv").is_file()
    executed = sorted(p.name for p in (built_report / "report" / "executed").glob("*.ipynb"))
    assert executed == [p.name for p in report_notebooks()]
    assert not list(built_report.glob(".build-*")), "staging folder left behind"


def test_html_has_chapters_toc_and_no_code(soup):
    assert heading_texts(soup)[1:] == CHAPTERS  # the first h1 is the title page
    toc_links = [a["href"] for a in soup.select("nav#toc a")]
    assert toc_links and all(soup.find(id=link[1:]) is not None for link in toc_links)
    assert not soup.select(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .highlight, .jp-InputPrompt")
    assert "Table 1.3. Cleaning audit" in soup.get_text()


def test_html_is_self_contained(soup):
    assert not soup.find_all(["script", "link"], src=True)
    assert not [link for link in soup.find_all("link") if link.get("href")]
    for image in soup.find_all("img"):
        assert image["src"].startswith("data:image/")


def test_html_title_page_states_build(soup, built_report):
    header = soup.find("header", class_="title-page").get_text(" ", strip=True)
    assert "from 5 articles" in header and "corpus SHA-256" in header
    assert "projection_horizon_months" in header


def test_pdf_has_title_page_chapters_and_pages(built_report):
    with pdfplumber.open(built_report / "report" / "report.pdf") as pdf:
        text = "\n".join(page.extract_text(x_tolerance=1.5) or "" for page in pdf.pages).replace("\u2019", "'")
        pages = len(pdf.pages)
    assert pages > 1
    assert "Parameters of this build" in text and "Contents" in text
    for chapter in CHAPTERS:
        assert chapter in text
    assert "Table 1.3. Cleaning audit" in text
