"""End to end: the default corpus through every notebook to report.html and report.pdf."""

from __future__ import annotations

import re
import subprocess

import nbformat
import pdfplumber
import pytest
from bs4 import BeautifulSoup

from nkreport.paths import BuildPaths
from nkreport.pipeline import report_notebooks
from nkreport.render import in_annex, report_position
from nkreport.stages.outputs import OUTPUTS

pytestmark = pytest.mark.e2e


def chapter_title(notebook) -> str:
    """The first level-one heading of a notebook's first cell."""
    first = nbformat.read(notebook, as_version=4).cells[0]["source"]
    return next(line[2:].strip() for line in first.splitlines() if line.startswith("# "))


def report_order(notebooks) -> list:
    """Front matter first, then each chapter's position, as the report shows them."""
    return sorted(notebooks, key=lambda p: report_position(nbformat.read(p, as_version=4), p))


def opens_body(notebook) -> bool:
    """True for a chapter whose opening cell stays in the body (not an annex)."""
    nb = nbformat.read(notebook, as_version=4)
    return not in_annex(nb.cells[0], nb)


CHAPTERS = [chapter_title(p) for p in report_order(report_notebooks()) if opens_body(p)]


@pytest.fixture(scope="module")
def soup(built_report):
    return BeautifulSoup((built_report / "report" / "report.html").read_text(encoding="utf-8"), "lxml")


def heading_texts(soup):
    return [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.find_all("h1")]


def test_outputs_in_place(built_report):
    paths = BuildPaths(built_report)
    written = {p.resolve() for folder in (paths.interim, paths.processed) for p in folder.iterdir() if p.is_file()}
    registered = {output.path(built_report).resolve() for output in OUTPUTS.values()}
    assert written == registered, "every table the build writes has one entry in the registry of outputs"
    executed = sorted(p.name for p in (built_report / "report" / "executed").glob("*.ipynb"))
    assert executed == [p.name for p in report_notebooks()]
    builds = list((built_report / ".nkreport" / "builds").iterdir())
    assert builds == [(built_report / "report").resolve().parent], "one build, the one the outputs link to"


def test_html_has_chapters_toc_and_no_code(soup):
    headings = heading_texts(soup)[1:]  # the first h1 is the title page
    body = [h for h in headings if not h.startswith("Annex ")]
    assert body == CHAPTERS
    annexes = headings[len(body) :]
    assert annexes and all(h.startswith("Annex ") for h in annexes), "annexes follow the body"
    assert [h.split(".")[0] for h in annexes] == [f"Annex {chr(65 + i)}" for i in range(len(annexes))]
    assert annexes[-1] == f"Annex {chr(64 + len(annexes))}. Build parameters"
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
    assert "Evidence current to 2026-03-16" in header  # KCNA on the war museum, the latest reviewed evidence
    assert "projection_horizon_months" not in header  # parameters go to the last annex
    annex = soup.find("h1", string=lambda t: t and t.endswith("Build parameters")).find_parent("div")
    assert "projection_horizon_months" in annex.get_text()


def test_pdf_has_title_page_chapters_and_pages(built_report):
    with pdfplumber.open(built_report / "report" / "report.pdf") as pdf:
        text = "\n".join(page.extract_text(x_tolerance=1.5) or "" for page in pdf.pages).replace("\u2019", "'")
        pages = len(pdf.pages)
    assert pages > 1
    assert "Evidence current to" in text and "Contents" in text
    for chapter in CHAPTERS:
        assert chapter in text
    assert "Table 1.3. Cleaning audit" in text


def pdf_pages(built_report) -> list[str]:
    """The PDF's pages as text, in reading order (pdftotext, as a reader's copy-paste would give)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(built_report / "report" / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return text.replace("\u2019", "'").split("\f")


def test_pdf_annexes_follow_the_body_and_start_by_page_16(built_report):
    pages = pdf_pages(built_report)
    heading = re.compile(r"^\s*Annex A\. .*[^\d\s]\s*$", re.M)  # a heading, not a contents line ending in a page
    starts = [i for i, page in enumerate(pages) if heading.search(page)]
    assert starts, "no annex heading in the PDF"
    first_annex = starts[0]
    body = "\n".join(pages[:first_annex])
    for chapter in CHAPTERS:  # every body chapter's heading comes before the first annex
        assert re.search(rf"^\s*{re.escape(chapter)}\s*$", body, re.M), chapter
    annex_text = "\n".join(pages[first_annex:])
    letters = re.findall(r"^\s*Annex ([A-Z])\. .*[^\d\s]\s*$", annex_text, re.M)
    assert letters == sorted(set(letters)) and letters[0] == "A"
    assert "Cleaning audit" in annex_text and "Cleaning audit" not in body  # a tagged chapter left the body
    assert first_annex + 1 <= 16, f"the annexes start on page {first_annex + 1}"


def test_pdf_pages_are_numbered_once(built_report):
    numbers = [int(m) for page in pdf_pages(built_report) for m in re.findall(r"Page (\d+)\s*$", page.strip())]
    assert numbers == list(range(1, len(numbers) + 1))


def test_pdf_never_asks_to_click(built_report):
    assert not re.search(r"\bclick", "\n".join(pdf_pages(built_report)), re.I)


def test_rendered_tables_have_no_float_artefacts(soup):
    cells = [td.get_text(" ", strip=True) for td in soup.select("table.report-table td")]
    assert cells
    artefacts = [c for c in cells if re.fullmatch(r"-?[\d,]+\.0+", c)]
    assert not artefacts, artefacts[:5]
