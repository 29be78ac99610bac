"""The package layout holds: imports point one way (ui → store → extract → text), every
third-party import is a declared dependency, and no function in components/ reaches 60 lines."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ROOT / "components"
# A module may import its own layer and the layers below it, never one above.
LAYERS = {"text": 0, "extract": 1, "store": 2, "evaluation": 3, "ui": 3}
# Entry points (python -m components.ingest, …) may import anything.
ENTRY_POINTS = {"components/ingest.py", "components/worker.py"}
# Import name → distribution name, where they differ.
DISTRIBUTIONS = {"dateutil": "python-dateutil", "yaml": "pyyaml", "lxml_html_clean": "lxml_html_clean"}
# Names only type checkers see (imported under TYPE_CHECKING).
TYPING_ONLY = {"_typeshed"}
MAX_FUNCTION_LINES = 60


def modules() -> list[Path]:
    return sorted(COMPONENTS.rglob("*.py"))


def imported_names(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
            if node.module == "components":
                names += [(node.lineno, f"components.{alias.name}") for alias in node.names]
    return names


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "components" and parts[1] in LAYERS else None


def layering_violations(path: Path) -> list[str]:
    relative = path.relative_to(ROOT).as_posix()
    own = layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
    if relative in ENTRY_POINTS or own is None:
        return []
    found = []
    for line, name in imported_names(path):
        target = layer_of(name)
        if target is None or target == own:
            continue
        if LAYERS[target] > LAYERS[own] or target == "evaluation" or (own == "evaluation" and target == "ui"):
            found.append(f"{relative}:{line} ({own}) imports {name} ({target})")
    return found


def test_the_layer_check_catches_an_upward_import(tmp_path: Path) -> None:
    bad = ROOT / "components" / "text" / "_probe_upward.py"
    try:
        bad.write_text("def f():\n    from components.ui.i18n import t\n    return t\n", encoding="utf-8")
        assert layering_violations(bad) == ["components/text/_probe_upward.py:2 (text) imports components.ui.i18n (ui)"]
    finally:
        bad.unlink()


def test_imports_point_down_the_layers() -> None:
    violations = [line for path in modules() for line in layering_violations(path)]
    assert not violations, "\n".join(violations)


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(project["dependencies"]) + [d for group in project["optional-dependencies"].values() for d in group]
    return {name.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower().replace("-", "_")
            for name in names}  # fmt: skip


def test_every_third_party_import_is_declared() -> None:
    files = [*modules(), ROOT / "dashboard.py"]
    third_party = {
        name.split(".")[0]
        for path in files
        for _, name in imported_names(path)
        if name.split(".")[0] not in sys.stdlib_module_names and name.split(".")[0] not in {"components", *TYPING_ONLY}
    }
    declared = _declared()
    missing = sorted(
        name for name in third_party if DISTRIBUTIONS.get(name, name).lower().replace("-", "_") not in declared
    )
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_requirements_file_lists_the_declared_runtime_dependencies() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    assert sorted(line for line in lines if line and not line.startswith("#")) == sorted(project["dependencies"])


@pytest.mark.parametrize("path", modules(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_functions_stay_short(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 >= MAX_FUNCTION_LINES
    ]
    assert not long, f"functions of {MAX_FUNCTION_LINES} lines or more: {long}"
