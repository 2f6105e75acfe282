"""Incremental rebuilds: unchanged notebooks are skipped, a parameter reruns only what declares it, --force all."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nkreport.params import load_params
from nkreport.pipeline import build, declared_parameters

pytestmark = pytest.mark.e2e


def tiny_notebook(path: Path, parameters: str, body: str, depends_on: list[str] | None = None) -> Path:
    """A notebook with a parameters cell and one cell writing into the build's processed folder."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if depends_on is not None:
        notebook.metadata["nkreport"] = {"depends_on": depends_on}
    notebook.cells = [
        nbformat.v4.new_markdown_cell(f"# {path.stem}"),
        nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "from pathlib import Path\nout = Path(build_dir) / 'data' / 'processed'\n"
            "out.mkdir(parents=True, exist_ok=True)\n" + body
        ),
    ]
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def notebooks(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    first = tiny_notebook(folder / "01_first.ipynb", 'build_dir = ""', "(out / 'first.txt').write_text('one')")
    second = tiny_notebook(
        folder / "02_second.ipynb",
        'build_dir = ""\nprojection_horizon_months: int | None = 24',
        "(out / 'second.txt').write_text(str(projection_horizon_months))",
    )
    third = tiny_notebook(folder / "03_third.ipynb", 'build_dir = ""', "(out / 'third.txt').write_text('3')", [])
    return [first, second, third]


def executed(timings) -> list[str]:
    return sorted(step.removeprefix("execute ") for step in timings.steps if step.startswith("execute "))


def test_annotated_parameters_are_declared(notebooks):
    assert declared_parameters(notebooks[1]) == {"build_dir", "projection_horizon_months"}


def test_rebuilds_skip_what_did_not_change(notebooks, tmp_path):
    out = tmp_path / "out"
    params = load_params(None)
    assert executed(build(params, 5, out, notebooks)) == ["01_first", "02_second", "03_third"]

    again = build(params, 5, out, notebooks)
    assert again.steps == {} and len(again.skipped) == 3

    changed = load_params(None, [("projection_horizon_months", "36")])
    timings = build(changed, 5, out, notebooks)
    assert executed(timings) == ["02_second"]
    assert (out / "data" / "processed" / "second.txt").read_text() == "36"
    assert (out / "data" / "processed" / "first.txt").read_text() == "one"  # carried over from the last build
    assert (out / "report" / "report.html").is_file()

    tiny_notebook(notebooks[0], 'build_dir = ""', "(out / 'first.txt').write_text('uno')")
    assert executed(build(changed, 5, out, notebooks)) == ["01_first", "02_second"]  # 03 does not depend on 01

    assert executed(build(changed, 5, out, notebooks, force=True)) == ["01_first", "02_second", "03_third"]


def test_a_missing_report_is_rebuilt(notebooks, tmp_path):
    out = tmp_path / "out"
    params = load_params(None)
    build(params, 5, out, notebooks)
    (out / "report" / "report.pdf").unlink()
    timings = build(params, 5, out, notebooks)
    assert executed(timings) == [] and "render_pdf" in timings.steps
    assert (out / "report" / "report.pdf").is_file()
