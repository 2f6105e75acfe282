"""Faithful text in the PDF: corpus and manifest text prints as written, every LaTeX special and markup included."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import nbformat
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from nkreport.display import Table, escape_latex, md
from nkreport.render import pdf_report

pytestmark = pytest.mark.e2e

WRITTEN = [
    "losses were <5% of the force, or >2,000 soldiers killed",
    "Losses <5% or >2,000",
    "<b>Outlet</b> & \"quoted\" and 'single' `tick`",
    "$5 \\ 100% of # {budget} _now_ ~ ^ -- --- << >> ?` !` ,, ``",
    "<script>alert('x')</script> \\section{x} \\\\ end",
    "Łódź, Čapek, Bắc Giang, ΰ ί, Ѣ, Kim Jong-un (김정은, 金正恩)",
]


def shown(text: str) -> str:
    """Text as compared: in NFC form, whitespace removed (line breaks and spacing are layout, not content), and
    the non-breaking hyphen that pdftotext reads for the font's hyphen glyph read as a hyphen."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", "", text)).replace("\u2011", "-")


def pdf_text(rows: list[str]) -> str:
    """The text pdftotext reads from a one-chapter report holding ``rows`` in a table and in prose."""
    table = Table(pd.DataFrame({"title": rows, "n": range(len(rows))}), caption="Texts as written")
    prose = md(" ".join(f"[{{t{i}}}]" for i in range(len(rows))), **{f"t{i}": r for i, r in enumerate(rows)})
    cell = nbformat.v4.new_code_cell(
        outputs=[
            nbformat.v4.new_output("display_data", data={"text/latex": table._repr_latex_(), "text/plain": ""}),
            nbformat.v4.new_output("display_data", data={"text/markdown": prose._repr_markdown_(), "text/plain": ""}),
        ]
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Texts"), cell])
    notebook.metadata.update(title="Texts", nkreport={"question": "", "built": "", "articles": 0, "parameters": {}})
    pdf = pdf_report(notebook)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_markup_quotes_and_latex_specials_print_as_written():
    text = shown(pdf_text(WRITTEN))
    for row in WRITTEN:
        assert text.count(shown(row)) == 2, row  # once in the table, once in the prose


def test_latex_escaping_leaves_no_active_character():
    assert escape_latex("a--b") == "a-{}-{}b"
    assert escape_latex('<"x">') == r"\textless{}\textquotedbl{}x\textquotedbl{}\textgreater{}"


# Printable characters of the scripts the report's fonts cover (Noto Serif CJK KR, DejaVu Serif for Latin
# Extended, Greek and Cyrillic): ASCII, Latin-1, Latin Extended-A and -B and Additional (Vietnamese), Greek,
# Cyrillic, Hangul syllables and CJK ideographs; words of at most four characters, so that TeX never hyphenates.
COVERED_RANGES = (
    (0x21, 0x7E),
    (0xA1, 0xFF),
    (0x100, 0x24F),
    (0x1E00, 0x1EF9),
    (0x386, 0x3CE),
    (0x400, 0x45F),
    (0xAC00, 0xD7A3),
)
COVERED = st.one_of(
    *(st.characters(min_codepoint=a, max_codepoint=b, categories=("L", "N", "P", "S")) for a, b in COVERED_RANGES),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF, categories=("Lo",)),
)
SENTENCE = st.lists(st.text(COVERED, min_size=1, max_size=4), min_size=1, max_size=8).map(" ".join)


# Two renderings of six sentences each; no shrinking (each step would render again): a failure prints the sentence.
@settings(max_examples=2, deadline=None, phases=(Phase.generate,), suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SENTENCE, min_size=6, max_size=6))
def test_any_printable_sentence_prints_as_written(sentences):
    text = shown(pdf_text(sentences))
    assert [s for s in sentences if shown(s) not in text] == []
