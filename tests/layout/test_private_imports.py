"""No module reaches into another's private names: what one module lends another is public
(found by a code review: ``explore`` used ``explain.tree._subgame_step``)."""

from __future__ import annotations

import ast
from pathlib import Path

import commit_calc

SOURCE = Path(commit_calc.__file__).parent

#: Private names still lent across modules, by a module another helper is splitting.
PENDING: set[tuple[str, str]] = set()


def _private_imports() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("commit_calc"):
                found += [(str(path.relative_to(SOURCE)), node.module or "", alias.name)
                          for alias in node.names
                          if alias.name.startswith("_") and not alias.name.startswith("__")]
    return found


def test_no_module_imports_another_modules_private_names() -> None:
    found = [f for f in _private_imports() if (f[1], f[2]) not in PENDING]
    assert found == []

