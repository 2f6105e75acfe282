"""Tables and prose: escaping, formatting before escaping, and long tables shown in part."""

from __future__ import annotations

import json
import re

import pandas as pd

from nkreport.display import MAX_ROWS_HTML, MAX_ROWS_PDF, Table, md


def test_long_tables_show_their_first_rows_and_say_so():
    table = Table(pd.DataFrame({"n": range(MAX_ROWS_HTML + 50)}), caption="c", source="data/processed/x.csv")
    html = table._repr_html_()
    rows = json.loads(json.loads(re.search(r'"data_json": ("(?:[^"\\]|\\.)*")', html)[1]))
    assert [r[0] for r in rows] == [f"{n:,}" for n in range(MAX_ROWS_HTML)]  # the interactive table's data
    assert f'id="{table.table_id()}"' in html and "https://cdn" not in html
    assert f"Showing the first {MAX_ROWS_HTML:,} of {MAX_ROWS_HTML + 50:,} rows" in html
    latex = table._repr_latex_()
    assert f"Showing the first {MAX_ROWS_PDF:,} of" in latex
    short = Table(pd.DataFrame({"n": range(3)}), caption="c")
    assert "Showing" not in short._repr_html_() and short._repr_html_().count("<tr") == 4  # a plain table


def test_cells_and_prose_are_escaped():
    html = Table(pd.DataFrame({"text": ["<script>alert(1)</script>"]}), caption="<b>c</b>")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;c&lt;/b&gt;" in html
    latex = Table(pd.DataFrame({"text": ["$5 & 100% #_{x}"]}), caption="c")._repr_latex_()
    assert r"\$5 \& 100\% \#\_\allowbreak{}\{x\}" in latex
    prose = md("{share:.0%} of {who}", share=0.25, who="<i>x</i>")._repr_markdown_()
    assert prose.startswith("25%") and "<i>" not in prose


def test_whole_numbers_held_as_floats_show_no_decimals():
    frame = pd.DataFrame({"force": [15_000.0, None, 384.0], "share": [13.25, 0.0, 0.27]})
    html = Table(frame, caption="c", precision=1)._repr_html_()
    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert cells == ["15,000", "13.2", "", "0", "384", "0.27"]  # never "15,000.0" or "0.0"
    assert "15,000.0" not in Table(frame, caption="c", precision=1)._repr_latex_()
