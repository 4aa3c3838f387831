"""durable-rules is imported by exactly one module, ``_engine``, which applies the mitigations of
``../shared/notes/durable-rules.md``; any other import of it would bypass them."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "recovery_advisor"
#: the top-level modules that the durable-rules distribution installs
DURABLE = ("durable", "durable_rules_engine")


def _is_durable(module: str) -> bool:
    return module.split(".")[0] in DURABLE


def durable_imports(path: Path) -> list[str]:
    """Every import of durable-rules in a source file, as ``line: statement``: ``import``,
    ``from ... import`` and calls of ``import_module``/``__import__`` with a literal name."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                called in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                names = [first.value]
        if any(_is_durable(name) for name in names):
            found.append((node.lineno, f"{node.lineno}: {ast.unparse(node)}"))
    return [text for _, text in sorted(found)]


def test_only_the_engine_module_imports_durable() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20  # the package itself, not an empty folder
    importers = {
        str(path.relative_to(PACKAGE)): imports
        for path in files
        if (imports := durable_imports(path))
    }
    assert list(importers) == ["_engine.py"], importers


def test_the_scan_sees_every_form_of_import(tmp_path: Path) -> None:
    """The scanner itself: each way of importing durable-rules is found, other names are not."""
    source = tmp_path / "m.py"
    source.write_text(
        "import os, durable.engine\n"
        "from durable import lang\n"
        "import durable_rules_engine as e\n"
        "def f():\n"
        "    import importlib\n"
        "    importlib.import_module('durable.engine')\n"
        "    __import__('durable')\n"
        "from . import durable\n"  # a sibling module of that name is not the library
        "import durables, mydurable\n"
        "from durablex import y\n",
        encoding="utf-8",
    )
    assert [line.split(":")[0] for line in durable_imports(source)] == ["1", "2", "3", "6", "7"]
