"""The architecture holds: the logic modules read and write no files and import nothing from the stages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from nkreport.paths import PACKAGE_DIR

LOGIC = sorted(
    [
        *(PACKAGE_DIR / "claims").glob("*.py"),
        *(PACKAGE_DIR / "estimates").glob("*.py"),
        *(PACKAGE_DIR / "scenarios").glob("*.py"),
        *(PACKAGE_DIR / name for name in ("cleaning.py", "grading.py", "history.py", "sources.py", "summary.py")),
    ]
)
FILE_CALLS = {"read_csv", "to_csv", "read_text", "write_text", "read_bytes", "write_bytes", "open", "safe_load"}


def imported_modules(tree: ast.Module) -> set[str]:
    """Every module a file imports, relative ones with their dots ('..stages.reference')."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found |= {base} if node.module else {base + alias.name for alias in node.names}
    return found


def called_names(tree: ast.Module) -> set[str]:
    """The names of every function or method a file calls."""
    calls = (node.func for node in ast.walk(tree) if isinstance(node, ast.Call))
    return {f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "") for f in calls}


def test_the_logic_modules_are_found():
    assert len(LOGIC) > 30 and all(path.is_file() for path in LOGIC)


@pytest.mark.parametrize("path", LOGIC, ids=lambda p: p.relative_to(PACKAGE_DIR).as_posix())
def test_a_logic_module_does_no_file_io_and_imports_no_stage(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    stages = {name for name in imported_modules(tree) if name.lstrip(".").split(".")[0] == "stages"}
    stages |= {name for name in imported_modules(tree) if name.startswith("nkreport.stages")}
    assert not stages, f"{path.name} imports {sorted(stages)}: the stages read and hand in what logic needs"
    assert not called_names(tree) & FILE_CALLS, f"{path.name} reads or writes files"
