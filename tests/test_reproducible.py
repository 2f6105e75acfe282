"""Two builds from the same inputs give identical tables and figures; the report differs only in its date."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from test_reliability import tree_hashes

from nkreport.paths import DEFAULT_PARAMS
from nkreport.pipeline import build, check_inputs

pytestmark = pytest.mark.e2e
BUILT = re.compile(r"Built\s*\d{4}-\d\d-\d\d\s*\d\d:\d\d\s*UTC")


def pdf_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_rebuild_is_identical_but_for_the_date(built_report, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a different build date: 2023-11-14 22:13 UTC
    params, articles = check_inputs(DEFAULT_PARAMS, [])
    again = tmp_path / "again"
    build(params, articles, again)
    for folder in ("data/interim", "data/processed", "figures"):
        first, second = tree_hashes(built_report / folder), tree_hashes(again / folder)
        assert first and first == second, folder
    html = [(root / "report" / "report.html").read_text(encoding="utf-8") for root in (built_report, again)]
    assert "Built 2023-11-14 22:13 UTC" in html[1] and "Built 2023-11-14" not in html[0]
    assert BUILT.sub("Built", html[0]) == BUILT.sub("Built", html[1])
    texts = [pdf_text(root / "report" / "report.pdf") for root in (built_report, again)]
    assert BUILT.sub("Built", texts[0].replace("\u2011", "-")) == BUILT.sub("Built", texts[1].replace("\u2011", "-"))
