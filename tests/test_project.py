"""Project hygiene: dependency lists agree, notebooks are committed clean and declare known parameters."""

from __future__ import annotations

import json
import re
import tomllib

import papermill
import pytest
import yaml
from packaging.requirements import Requirement

from nkreport.params import ReportParams
from nkreport.paths import PROJECT_ROOT
from nkreport.pipeline import declared_parameters, report_notebooks

PIPELINE_PARAMETERS = {"build_dir"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions() -> dict[str, str]:
    lines = (PROJECT_ROOT / "requirements.lock").read_text().split()
    return {canonical(line.split("==")[0]): line.split("==")[1] for line in lines}


def test_environment_yml_names_the_pyproject_packages_at_the_locked_versions():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(d) for d in project["dependencies"] + project["optional-dependencies"]["test"]]
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    pip_entries = [Requirement(e) for e in next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))]
    pinned = {canonical(r.name): str(r.specifier).removeprefix("==") for r in pip_entries}
    locked = locked_versions()
    assert set(pinned) == {canonical(r.name) for r in wanted}
    for requirement in wanted:
        version = pinned[canonical(requirement.name)]
        assert version == locked[canonical(requirement.name)], requirement.name
        assert requirement.specifier.contains(version), f"{requirement.name} {version} outside {requirement.specifier}"


def test_notebooks_are_numbered_and_match_package_modules():
    names = [p.stem for p in report_notebooks()]
    assert names[0] == "01_cleaning"
    for name in names:
        module = PROJECT_ROOT / "src" / "nkreport" / name.split("_", 1)[1]
        assert module.with_suffix(".py").is_file() or (module / "__init__.py").is_file()  # a module or a package


@pytest.mark.parametrize("notebook", report_notebooks(), ids=lambda p: p.name)
def test_notebook_committed_without_outputs(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.parametrize("notebook", report_notebooks(), ids=lambda p: p.name)
def test_notebook_parameters_are_known(notebook):
    nb = json.loads(notebook.read_text())
    tagged = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    declared = declared_parameters(notebook)
    assert declared <= set(ReportParams.model_fields) | PIPELINE_PARAMETERS


def test_every_parameter_reaches_a_notebook():
    declared = set().union(*(declared_parameters(nb) for nb in report_notebooks()))
    assert set(ReportParams.model_fields) - declared == set()


@pytest.mark.parametrize("notebook", report_notebooks(), ids=lambda p: p.name)
def test_papermill_sees_every_declared_parameter(notebook):
    """papermill warns about (and its tools miss) parameters it cannot parse, e.g. annotated ones."""
    assert set(papermill.inspect_notebook(str(notebook))) == declared_parameters(notebook)
