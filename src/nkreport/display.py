"""What the notebooks show: captioned tables, numbered figures and data-filled prose.

One style for the whole report. Text that may come from the corpus is escaped
for each output format: HTML-escaped in ``text/html``, LaTeX-escaped in
``text/latex`` and backslash-escaped in ``text/markdown``.
"""

from __future__ import annotations

import hashlib
import html
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>&~\"'^=:])")
LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    # Characters TeX would turn into others: quotes curl; <<, >>, --, ,, and !` form ligatures.
    '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "-": r"-{}",
    ",": r",{}",
}
FIGURE_STYLE = {
    "figure.figsize": (7.5, 4.2),
    "figure.dpi": 110,
    "savefig.dpi": 160,
    "savefig.bbox": "tight",
    "figure.constrained_layout.use": True,
    "font.family": ["DejaVu Sans", "Noto Sans CJK JP"],
    "font.size": 9.5,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "svg.hashsalt": "nkreport",
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "axes.prop_cycle": mpl.cycler(color=["#1f4e79", "#c0504d", "#7f7f7f", "#e8a33d", "#4f8f5b", "#8064a2"]),
}
BREAKABLE = re.compile(r"[\s\-_/]+")
MAX_ROWS_HTML = 500  # longer tables show their first rows; the full table is the CSV named as source
INTERACTIVE_ROWS = 60  # longer tables are interactive in the HTML (itables, offline: no request)
MAX_ROWS_PDF = 60
CHAR_WIDTH = 0.0115  # share of the PDF line width taken by one character of footnote-size table text
TABLE_FONT_SIZES = (("footnotesize", CHAR_WIDTH), ("scriptsize", CHAR_WIDTH * 0.8))
DETERMINISTIC_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def escape_markdown(text: object) -> str:
    """Backslash-escape every Markdown/HTML/LaTeX-active character of a value."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def escape_latex(text: object) -> str:
    """Escape a value for LaTeX text."""
    return "".join(LATEX_SPECIAL.get(ch, ch) for ch in str(text))


def breakable_latex(text: object) -> str:
    """LaTeX-escaped text that may break after hyphens, underscores and slashes (long ids, URLs)."""
    return re.sub(r"(-\{\}|\\_|/)", r"\1\\allowbreak{}", escape_latex(text))


def setup_notebook() -> None:
    """Apply the report's figure and table style; call once at the top of each notebook."""
    mpl.rcParams.update(FIGURE_STYLE)
    pd.set_option("display.max_colwidth", None)


@dataclass
class Markdown:
    """Prose whose ``{placeholders}`` are filled with escaped values."""

    template: str
    values: dict = field(default_factory=dict)

    def _repr_markdown_(self) -> str:
        parts = []
        for literal, name, spec, conversion in string.Formatter().parse(self.template):
            parts.append(literal)
            if name is not None:
                value = self.values[name]
                value = repr(value) if conversion == "r" else str(value) if conversion == "s" else value
                parts.append(escape_markdown(format(value, spec)))
        return "".join(parts)


def md(template: str, **values: object) -> Markdown:
    """Markdown prose with data values escaped, e.g. ``md("{n} articles", n=5)``."""
    return Markdown(template, values)


def md_list(items: list[str], intro: str = "", **values: object) -> Markdown:
    """A bulleted list whose items (computed facts) are escaped like values, after an optional ``md`` intro."""
    names = {f"item_{n}": item for n, item in enumerate(items)}
    bullets = "".join(f"\n- {{{name}}}" for name in names)
    return Markdown(intro + ("\n" if intro else "") + bullets, values | names)


@dataclass
class Numbering:
    """Figure and table counters of one chapter (``Figure 2.3``)."""

    chapter: int
    figures: int = 0
    tables: int = 0

    def next(self, kind: str) -> str:
        if kind == "figure":
            self.figures += 1
            return f"Figure {self.chapter}.{self.figures}"
        self.tables += 1
        return f"Table {self.chapter}.{self.tables}"


@dataclass
class Table:
    """A captioned table that renders as escaped HTML and as a LaTeX longtable."""

    frame: pd.DataFrame
    caption: str
    source: str = ""
    label: str = ""
    html_columns: tuple[str, ...] = ()  # columns already holding safe, escaped HTML
    column_format: str | None = None
    precision: int = 0
    max_rows_html: int = MAX_ROWS_HTML
    max_rows_pdf: int = MAX_ROWS_PDF

    def full_caption(self) -> str:
        return f"{self.label}. {self.caption}" if self.label else self.caption

    def table_id(self) -> str:
        """A stable HTML id from the table's label and caption."""
        return "itables_" + hashlib.sha1(f"{self.label}|{self.caption}".encode()).hexdigest()[:12]

    def shown(self, limit: int) -> tuple[pd.DataFrame, str]:
        """The rows shown (the first ``limit``) and, when rows are left out, a note saying so."""
        if len(self.frame) <= limit:
            return self.frame, ""
        return self.frame.head(limit), (
            f"Showing the first {limit:,} of {len(self.frame):,} rows; the full table is in the source."
        )

    def _repr_html_(self) -> str:
        shown, note = self.shown(self.max_rows_html)
        if len(shown) > INTERACTIVE_ROWS:  # itables escapes every cell itself: give it plain text (links dropped)
            plain = shown.apply(lambda column: column.map(lambda v: format_cell(v, self.precision)))
            for column in self.html_columns:
                plain[column] = plain[column].map(strip_tags)
            body = interactive_table(plain, self.table_id())
        else:
            frame = shown.copy()
            for column in frame.columns:
                if column not in self.html_columns:
                    frame[column] = frame[column].map(lambda v: html.escape(format_cell(v, self.precision)))
            frame.columns = [html.escape(str(c)) for c in frame.columns]
            body = frame.to_html(index=False, escape=False, border=0, classes="report-table", na_rep="")
        source = f'<p class="table-source">Source: {html.escape(self.source)}</p>' if self.source else ""
        caption = f'<p class="table-caption">{html.escape(self.full_caption())}</p>'
        note = f'<p class="table-source">{html.escape(note)}</p>' if note else ""
        return f'<div class="report-table-wrap">{caption}{body}{note}{source}</div>'

    def _repr_latex_(self) -> str:
        shown, note = self.shown(self.max_rows_pdf)
        numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c])]
        plain = shown.apply(lambda column: column.map(lambda v: format_cell(v, self.precision)))
        for column in self.html_columns:  # markup the code made (links): its text, unescaped; corpus text as is
            plain[column] = plain[column].map(strip_tags)
        spec, size = latex_layout(plain, set(numeric))
        frame = plain.apply(lambda column: column.map(breakable_latex))
        frame.columns = [breakable_latex(c) for c in frame.columns]
        styler = frame.style.hide(axis="index")
        caption = escape_latex(self.full_caption())
        latex = styler.to_latex(
            environment="longtable", hrules=True, column_format=self.column_format or spec, caption=caption
        )
        source = f"\n\\par\\footnotesize Source: {escape_latex(self.source)}\\normalsize\n" if self.source else ""
        source = f"\n\\par\\footnotesize {escape_latex(note)}\\normalsize\n{source}" if note else source
        return f"{{\\{size}\n" + latex + "}" + source

    def _repr_markdown_(self) -> str:  # plain fallback for tools that show Markdown only
        return f"**{escape_markdown(self.full_caption())}** ({len(self.frame)} rows)"


def interactive_table(frame: pd.DataFrame, table_id: str) -> str:
    """An offline itables (DataTables) table: sortable, searchable, paged.

    itables escapes cells and headers (``allow_html`` stays off), so corpus text shows as text; the library
    itself is embedded once in the report by :func:`nkreport.render.finish_html`.
    """
    from itables import to_html_datatable

    return to_html_datatable(
        frame, connected=False, table_id=table_id, display_logo_when_loading=False, maxBytes=0, pageLength=20
    )


def format_cell(value: object, precision: int) -> str:
    """A cell value as text: thousands separators for numbers, whole numbers without decimals, empty for missing."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value.is_integer():  # a count held as float (a column with gaps) reads as a count: 15,000, not 15,000.0
            return f"{value:,.0f}"
        return f"{value:,.{precision}f}" if abs(value) >= 1 else f"{value:.3g}"
    return str(value)


def strip_tags(text: str) -> str:
    """Text of an HTML fragment (for LaTeX renderings of link columns)."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def latex_layout(frame: pd.DataFrame, numeric: set[str]) -> tuple[str, str]:
    """Column widths and font size of a LaTeX table, from its plain text.

    Every column is at least as wide as its longest word (numbers: their longest value); the rest of the
    line is shared among text columns by their text length. When the words do not fit at footnote size,
    the table is set in script size; if they still do not fit, the minimum widths shrink to the page.
    """
    cells = {c: [str(c), *frame[c]] for c in frame.columns}
    longest = {c: max(len(w) for v in cells[c] for w in (BREAKABLE.split(v) or [""])) for c in frame.columns}
    for c in numeric:
        longest[c] = max([longest[c], *(len(v) for v in frame[c])])
    available = 0.97 - 0.025 * len(frame.columns)
    sizes = [(size, {c: width * longest[c] for c in frame.columns}) for size, width in TABLE_FONT_SIZES]
    fitting = [(size, minimum) for size, minimum in sizes if sum(minimum.values()) <= available]
    size, minimum = fitting[0] if fitting else sizes[-1]
    if not fitting:
        minimum = {c: w * available / sum(minimum.values()) for c, w in minimum.items()}
    text_columns = [c for c in frame.columns if c not in numeric]
    weights = {c: max(4, min(60, max(len(v) for v in cells[c]))) ** 0.7 for c in text_columns}
    spare = max(0.0, available - sum(minimum.values()))
    total = sum(weights.values()) or 1
    widths = {c: minimum[c] + (spare * weights[c] / total if c in weights else 0) for c in frame.columns}
    align = {True: "\\raggedleft", False: "\\raggedright"}
    return "".join(
        f">{{{align[c in numeric]}\\arraybackslash}}p{{{widths[c]:.3f}\\linewidth}}" for c in frame.columns
    ), size


def save_figure(fig: plt.Figure, figures_dir: Path, name: str) -> Path:
    """Save a figure as PNG and SVG with fixed metadata, so rebuilds are byte-identical."""
    figures_dir.mkdir(parents=True, exist_ok=True)
    png = figures_dir / f"{name}.png"
    fig.savefig(png, metadata=DETERMINISTIC_METADATA["png"])
    fig.savefig(figures_dir / f"{name}.svg", metadata=DETERMINISTIC_METADATA["svg"])
    return png


def finish_figure(
    fig: plt.Figure, title: str, source: str, xlabel: str | None = None, ylabel: str | None = None
) -> plt.Figure:
    """Give a figure its finding as title, labelled axes and a source line."""
    ax = fig.axes[0]
    ax.set_title(title)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    fig.get_layout_engine().execute(fig)  # lay the axes out first, then put the source line below their labels
    renderer = fig.canvas.get_renderer()
    bottom = min(a.get_tightbbox(renderer).transformed(fig.transFigure.inverted()).y0 for a in fig.axes)
    fig.text(0.01, bottom - 0.02, f"Source: {source}", fontsize=7.5, color="#555555", ha="left", va="top")
    return fig


def show_figure(fig: plt.Figure, figures_dir: Path, name: str, number: str, caption: str):
    """Save the figure, close it, and return the PNG display plus its numbered caption."""
    from IPython.display import Image, display

    path = save_figure(fig, figures_dir, name)
    plt.close(fig)
    display(Image(filename=str(path), alt=f"{number}. {caption}"))
    return md(f"*{number}.* {{caption}}", caption=caption)
