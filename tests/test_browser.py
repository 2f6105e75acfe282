"""The report as a reader sees it: Chromium loads the HTML cleanly; the PDF pages hold their figures and text."""

from __future__ import annotations

import subprocess

import pdfplumber
import pytest
from browser import visit
from PIL import Image

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_html_loads_in_chromium_without_errors_or_requests(built_report, tmp_path):
    screenshot = tmp_path / "report.png"
    seen = visit(built_report / "report" / "report.html", screenshot)
    assert seen.console_errors == [] and seen.page_errors == [] and seen.dialogs == []
    assert seen.requests == []
    assert seen.broken_toc_links == []
    assert "North Korea" in seen.title
    image = Image.open(screenshot)
    assert image.size == (1280, 900)
    assert sum(1 for count in image.convert("L").histogram() if count) > 20  # text and tables, not a blank page


def page_images(pdf, tmp_path):
    """Every PDF page as a 50-dpi grey PNG (pdftoppm from poppler-utils)."""
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", str(pdf), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))


def test_pdf_pages_have_content_and_nothing_runs_off_the_page(built_report, tmp_path):
    pdf_path = built_report / "report" / "report.pdf"
    images = page_images(pdf_path, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        assert len(images) == len(pdf.pages)
        images_in_pdf = 0
        for number, page in enumerate(pdf.pages):
            for word in page.extract_words():
                assert word["x0"] >= 0 and word["x1"] <= page.width, f"page {number + 1}: {word['text']!r} runs off"
                assert word["top"] >= 0 and word["bottom"] <= page.height
            if page.images:
                images_in_pdf += len(page.images)
                histogram = Image.open(images[number]).convert("L").histogram()
                dark = sum(histogram[:200]) / sum(histogram)
                assert dark > 0.01, f"page {number + 1} looks blank"
    assert images_in_pdf == len(list((built_report / "figures").glob("*.png")))  # every figure, once
