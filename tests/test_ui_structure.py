"""The page's code shows its layering: ui modules and dashboard.py import at module level only,
and dashboard.py, outside components/, keeps its functions as short as tests/test_architecture.py
asks of components/."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = [*sorted((ROOT / "components" / "ui").glob("*.py")), ROOT / "dashboard.py"]
MAX_FUNCTION_LINES = 60


def function_level_imports(source: str) -> list[str]:
    found = []
    for function in ast.walk(ast.parse(source)):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    names = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                    found.append(f"{function.name}:{node.lineno} imports {names}")
    return found


def test_the_import_check_sees_an_import_inside_a_function() -> None:
    source = "def f():\n    from components.store.ingest import extract_bytes\n    return extract_bytes\n"
    assert function_level_imports(source) == ["f:2 imports components.store.ingest"]


def test_ui_modules_import_at_module_level_only() -> None:
    found = {
        path.relative_to(ROOT).as_posix(): imports
        for path in PAGE_FILES
        if (imports := function_level_imports(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_dashboard_functions_stay_short() -> None:
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and node.end_lineno
        and node.end_lineno - node.lineno + 1 >= MAX_FUNCTION_LINES
    ]
    assert long == []
