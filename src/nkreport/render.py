"""Render executed notebooks into one report: a self-contained HTML file and a PDF.

The executed chapters are concatenated into one notebook behind a generated
title page; nbconvert renders it once to HTML (code hidden, images inline, a
table of contents, no external requests) and once to PDF through its LaTeX
exporter with the committed template ``templates/nkreport.tex.j2``.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import os
import re
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter, PDFExporter
from traitlets.config import Config

from .display import escape_markdown
from .paths import TEMPLATES_DIR

TITLE = "North Korea's losses in Russia's war: can the regime absorb them?"
QUESTION = (
    "Can North Korea absorb its losses in Russia's war against Ukraine without a threat to the regime, "
    "and what would we see first if it cannot?"
)
REMOVE_ALWAYS = {"remove_cell", "parameters", "injected-parameters"}
HTML_ONLY, PDF_ONLY = "html_only", "pdf_only"
ANNEX = "annex"  # cell tag: the cell moves to the annexes after the body
ANNEX_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
HEADING = re.compile(r"\A\s*(?P<hashes>#{1,6})\s+(?:[0-9]+(?:\.[0-9]+)*\.?\s+)?(?P<text>[^\n]*)")
CSS = """
body { max-width: 62rem; margin: 0 auto; padding: 0 1.5rem; font-family: "DejaVu Sans", "Noto Sans CJK KR",
  sans-serif; line-height: 1.5; }
.title-page { border-bottom: 2px solid #1f4e79; margin: 2rem 0 1rem; padding-bottom: 1rem; }
.title-page h1.report-title { font-size: 2rem; margin-bottom: .3rem; }
.title-page table { font-size: .85rem; }
nav#toc { background: #f4f6f9; padding: .6rem 1.2rem; margin: 1rem 0 2rem; }
nav#toc ol { margin: .2rem 0; padding-left: 0; list-style: none; }
nav#toc li.toc-h2 { margin-left: 1.2rem; font-size: .92rem; }
.report-table-wrap { overflow-x: auto; margin: 1rem 0; }
table.report-table { border-collapse: collapse; font-size: .8rem; }
table.report-table th, table.report-table td { border-bottom: 1px solid #ddd; padding: .2rem .5rem;
  vertical-align: top; text-align: left; }
p.table-caption { font-weight: bold; margin-bottom: .3rem; }
p.table-source { font-size: .75rem; color: #555; margin-top: .2rem; }
:target { background: #fff4cc; }
"""


def build_time() -> dt.datetime:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def title_cell(info: dict) -> nbformat.NotebookNode:
    """The HTML title page: question, corpus, the date the evidence is current to, build time (values escaped)."""
    evidence = info.get("evidence_date")
    evidence_line = f"Evidence current to <strong>{html.escape(str(evidence))}</strong>. " if evidence else ""
    source = (
        f'<header class="title-page"><h1 class="report-title" id="report-title">{html.escape(TITLE)}</h1>\n'
        f"<p><em>{html.escape(QUESTION)}</em></p>\n"
        f"<p>{evidence_line}Built {html.escape(info['built'])} from {info['articles']} articles "
        f"(corpus SHA-256 <code>{html.escape(info['corpus_hash'][:16])}</code>); "
        f"the build's parameters are in the last annex.</p></header>"
    )
    return nbformat.v4.new_markdown_cell(source, metadata={"tags": [HTML_ONLY]})


def report_position(notebook: nbformat.NotebookNode, path: Path) -> float:
    """Where a chapter stands in the report: 0 for front matter (metadata ``nkreport.front``), else metadata
    ``nkreport.order`` when set (e.g. 4.5 places a chapter after chapter 4), else its file's number prefix."""
    if is_front_matter(notebook):
        return 0.0
    return float(notebook.metadata.get("nkreport", {}).get("order", int(path.name[:2])))


def is_front_matter(notebook: nbformat.NotebookNode) -> bool:
    """True for a notebook that runs last but opens the report (the summary): metadata ``nkreport.front``."""
    return bool(notebook.metadata.get("nkreport", {}).get("front", False))


def in_annex(cell: nbformat.NotebookNode, notebook: nbformat.NotebookNode) -> bool:
    """True for a cell tagged ``annex``, or any cell of a notebook whose metadata says ``nkreport.annex``."""
    return ANNEX in cell.metadata.get("tags", []) or bool(notebook.metadata.get("nkreport", {}).get("annex", False))


def heading(cell: nbformat.NotebookNode) -> tuple[int, str] | None:
    """(level, text without its section number) of a Markdown cell that opens with a heading, else None."""
    if cell.cell_type != "markdown":
        return None
    match = HEADING.match(cell.source)
    return (len(match["hashes"]), match["text"].strip()) if match else None


def retitled(cell: nbformat.NotebookNode, title: str) -> nbformat.NotebookNode:
    """A copy of a Markdown cell whose opening heading is replaced by ``title`` (a Markdown heading line)."""
    cell = copy.deepcopy(cell)
    cell.source = HEADING.sub(title, cell.source, count=1)
    return cell


def annex_cells(runs: list[tuple[str, list[nbformat.NotebookNode]]]) -> list[nbformat.NotebookNode]:
    """The annexes: each run of annex cells, lettered A, B, ... in report order.

    A run is the annex cells of one chapter that follow each other. A run that opens with a heading takes
    that heading as its annex title; later headings of the same or a higher level in the run open further
    annexes, deeper ones become its numbered sections (A.1, A.2). A run without a heading is titled after
    its chapter.
    """
    cells, letter, level, sections = [], -1, 0, 0
    for chapter, run in runs:
        level = 0
        for index, cell in enumerate(run):
            found = heading(cell)
            if index == 0 and found is None:
                letter += 1
                level, sections = 1, 0
                title = f"{ANNEX_LETTERS[letter]}. From the chapter \u201c{chapter}\u201d"
                cells.append(nbformat.v4.new_markdown_cell(f"# Annex {title}"))
            elif found is not None and (index == 0 or found[0] <= level):
                letter += 1
                level, sections = found[0], 0
                cell = retitled(cell, f"# Annex {ANNEX_LETTERS[letter]}. {found[1]}")
            elif found is not None:
                sections += 1
                cell = retitled(cell, f"## {ANNEX_LETTERS[letter]}.{sections} {found[1]}")
            cells.append(cell)
    return cells


def parameters_cell(parameters: dict, letter: str) -> nbformat.NotebookNode:
    """The last annex: the build's parameters as a Markdown table (names and values escaped)."""
    rows = "\n".join(f"| {escape_markdown(name)} | {escape_markdown(value)} |" for name, value in parameters.items())
    return nbformat.v4.new_markdown_cell(
        f"# Annex {letter}. Build parameters\n\nThe values this build ran with (the parameter file and "
        "command-line overrides, validated before any notebook ran).\n\n| parameter | value |\n|---|---|\n" + rows
    )


def combine_notebooks(paths: list[Path], info: dict) -> nbformat.NotebookNode:
    """One notebook: the title page, the front matter, the chapters, then the annexes, with stable cell ids.

    Chapters stand in :func:`report_position` order. Cells tagged ``annex`` (or every cell of a notebook
    marked ``nkreport.annex``) leave the body and follow it as lettered annexes; the build's parameters
    close the report as the last annex.
    """
    combined = nbformat.v4.new_notebook()
    combined.metadata = copy.deepcopy(nbformat.read(paths[0], as_version=4).metadata)
    combined.metadata.pop("papermill", None)
    combined.metadata.update(title=TITLE, date=info["built"], nkreport=info)
    body, runs = [title_cell(info)], []
    notebooks = sorted(
        ((nbformat.read(path, as_version=4), path) for path in paths), key=lambda pair: report_position(*pair)
    )
    for notebook, _ in notebooks:
        kept = [c for c in notebook.cells if not REMOVE_ALWAYS & set(c.metadata.get("tags", []))]
        chapter = next((h[1] for h in map(heading, kept) if h), "")
        run: list = []
        for cell in kept:
            if in_annex(cell, notebook):
                run.append(cell)
                continue
            if run:
                runs.append((chapter, run))
                run = []
            body.append(cell)
        if run:
            runs.append((chapter, run))
    annexes = annex_cells(runs)
    letters = sum(1 for c in annexes if c.source.startswith("# Annex "))
    page_break = nbformat.v4.new_raw_cell("\\clearpage", metadata={"raw_mimetype": "text/latex"})
    cells = [*body, page_break, *annexes, parameters_cell(info.get("parameters", {}), ANNEX_LETTERS[letters])]
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index:04d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    combined.cells = cells
    return combined


def exporter_config(remove_tag: str) -> Config:
    """nbconvert settings: no code, no prompts, cells with ``remove_tag`` left out."""
    config = Config()
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {remove_tag, *REMOVE_ALWAYS}
    config.TagRemovePreprocessor.remove_input_tags = {"remove_input"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove_output"}
    return config


def html_report(notebook: nbformat.NotebookNode) -> str:
    """The self-contained HTML report with a table of contents and no external requests."""
    exporter = HTMLExporter(config=exporter_config(PDF_ONLY), template_name="lab")
    body, _ = exporter.from_notebook_node(notebook)
    return finish_html(body)


def itables_bundle() -> str:
    """The offline itables/DataTables library as inline script (base64), for interactive tables."""
    from itables import javascript

    bundle = Path(javascript.__file__).parent / "html" / "dt_bundle.js"
    return javascript.generate_init_offline_itables_html(bundle)


def finish_html(body: str) -> str:
    """Drop external scripts and links, add the report's CSS and the table of contents."""
    soup = BeautifulSoup(body, "lxml")
    for tag in soup.find_all(["script", "link"]):
        if tag.get("src") or (tag.name == "link" and tag.get("href")) or "MathJax" in (tag.string or ""):
            tag.decompose()
    style = soup.new_tag("style")
    style.string = CSS
    soup.head.append(style)
    if "window._itables_" in body:  # interactive tables: embed the DataTables bundle once, no request
        soup.head.append(BeautifulSoup(itables_bundle(), "html.parser"))
    if soup.title:
        soup.title.string = TITLE
    nav = soup.new_tag("nav", id="toc")
    heading = soup.new_tag("h2", id="contents")
    heading.string = "Contents"
    nav.append(heading)
    items = soup.new_tag("ol")
    for h in soup.find_all(["h1", "h2"]):
        if h.get("id") in (None, "report-title", "contents"):
            continue
        item = soup.new_tag("li", attrs={"class": f"toc-{h.name}"})
        link = soup.new_tag("a", href=f"#{h['id']}")
        link.string = h.get_text(" ", strip=True).rstrip("¶").strip()
        item.append(link)
        items.append(item)
    nav.append(items)
    header = soup.find("header", class_="title-page")
    (header.insert_after(nav) if header else soup.body.insert(0, nav))
    for anchor in soup.find_all("a", class_="anchor-link"):
        anchor.decompose()
    return str(soup)


def pdf_report(notebook: nbformat.NotebookNode) -> bytes:
    """The PDF report through nbconvert's LaTeX exporter and the committed template."""
    config = exporter_config(HTML_ONLY)
    config.TemplateExporter.extra_template_paths = [str(TEMPLATES_DIR)]
    config.PDFExporter.template_file = "nkreport.tex.j2"
    config.PDFExporter.raw_mimetypes = ["text/latex", ""]  # raw LaTeX cells (the page break before the annexes)
    exporter = PDFExporter(config=config)
    pdf, _ = exporter.from_notebook_node(notebook)
    return pdf
