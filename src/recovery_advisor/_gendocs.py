"""Generate the documentation files that are derived from the code (``make docs``).

``GENERATORS`` maps each generated file (relative to the repository root) to a function that
returns its full text. ``python -m recovery_advisor._gendocs`` writes them all;
``python -m recovery_advisor._gendocs --check`` only reports the ones that are out of date (and
exits 1). ``tests/test_gendocs.py`` fails when a committed file differs from its generator.

To add a generated file, write a ``generate_...() -> str`` function and add it to ``GENERATORS``.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._docgen_rules import generate_rules_md
from ._schemas import SCHEMAS, schema_text

__all__ = ["GENERATORS", "generate_api_md", "main", "repo_root"]

_ROLE = re.compile(r":[a-z]+:`(~?)([^`]+)`")


def _markdown(doc: str) -> str:
    """Docstring markup (reStructuredText roles, double back-quotes) as Markdown."""

    def role(m: re.Match[str]) -> str:
        target = m.group(2)
        return f"`{target.rsplit('.', 1)[-1] if m.group(1) else target}`"

    return _ROLE.sub(role, doc).replace("``", "`")


def _default(value: Any) -> str:
    if value is attrs.NOTHING:
        return "<factory>"
    text = repr(value)
    if " at 0x" in text:  # never let a memory address into a generated file
        return f"<{type(value).__name__}>"
    return text


def _annotation(value: Any) -> str:
    return value if isinstance(value, str) else inspect.formatannotation(value)


def _signature(obj: Any, name: str, *, skip_self: bool = False) -> str:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return f"{name}(...)"
    parts: list[str] = []
    star_done = False
    params = list(sig.parameters.values())
    if skip_self and params and params[0].name in ("self", "cls"):
        params = params[1:]
    for p in params:
        text = p.name
        if p.kind is p.VAR_POSITIONAL:
            text, star_done = f"*{p.name}", True
        elif p.kind is p.VAR_KEYWORD:
            text = f"**{p.name}"
        elif p.kind is p.KEYWORD_ONLY and not star_done:
            parts.append("*")
            star_done = True
        if p.annotation is not p.empty:
            text += f": {_annotation(p.annotation)}"
        if p.default is not p.empty:
            text += f" = {_default(p.default)}"
        parts.append(text)
    out = f"{name}({', '.join(parts)})"
    if sig.return_annotation is not sig.empty and sig.return_annotation not in ("None", None):
        out += f" -> {_annotation(sig.return_annotation)}"
    return out


def _doc(obj: Any) -> str:
    doc = inspect.getdoc(obj)
    return _markdown(doc) if doc else ""


def _kind(obj: Any) -> str:
    if inspect.isclass(obj):
        return "error" if issubclass(obj, BaseException) else "class"
    if callable(obj):
        return "function"
    return "constant"


def _members(cls: type) -> list[tuple[str, str, str]]:
    """(heading, signature, doc) of the public methods and properties a class defines itself."""
    out = []
    for name, raw in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(raw, property):
            out.append((f"{cls.__name__}.{name}", f"{name} (property)", _doc(raw)))
        elif isinstance(raw, (classmethod, staticmethod)):
            func = raw.__func__
            skip = isinstance(raw, classmethod)
            sig = _signature(func, f"{cls.__name__}.{name}", skip_self=skip)
            out.append((f"{cls.__name__}.{name}", sig, _doc(func)))
        elif inspect.isfunction(raw):
            sig = _signature(raw, f"{cls.__name__}.{name}")
            out.append((f"{cls.__name__}.{name}", sig, _doc(raw)))
    return out


def _anchor(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "", name.lower().replace(" ", "-"))


#: Modules of optional integrations, imported by name (``from recovery_advisor.dask import
#: advise_frame``), not from the package: documented in ``docs/api.md`` after the package's
#: names. They import their engine (dask, pyspark) only when called, so the docs build anywhere.
OPTIONAL_MODULES = ("recovery_advisor.dask", "recovery_advisor.spark")


def _module_section(module_name: str) -> list[str]:
    """The ``docs/api.md`` section of one optional module: its doc and every name of its
    ``__all__``."""
    import importlib

    module = importlib.import_module(module_name)
    out = ["", f"### {module_name}", ""]
    doc = _doc(module)
    if doc:
        out += [doc]
    for name in module.__all__:
        obj = getattr(module, name)
        out += ["", f"#### {module_name}.{name}", ""]
        if _kind(obj) == "constant":
            out += ["```text", f"{name} = {obj!r}", "```"]
            continue
        out += ["```text", _signature(obj, name), "```"]
        doc = _doc(obj)
        if doc:
            out += ["", doc]
    return out


def generate_api_md() -> str:
    """``docs/api.md``: every name of ``recovery_advisor.__all__`` with its signature and doc,
    then the optional modules of :data:`OPTIONAL_MODULES`."""
    import recovery_advisor as ra

    groups: dict[str, list[str]] = {"function": [], "class": [], "error": [], "constant": []}
    for name in ra.__all__:
        groups[_kind(getattr(ra, name))].append(name)
    titles = {
        "function": "Functions",
        "class": "Classes",
        "error": "Errors",
        "constant": "Constants",
    }
    out = [
        "# API reference",
        "",
        "<!-- Generated by `python -m recovery_advisor._gendocs` (`make docs`) from the",
        "     docstrings. Do not edit: edit the docstrings and regenerate. -->",
        "",
        "Everything here is importable from the package: `import recovery_advisor as ra`, then",
        "`ra.advise(...)`, `ra.History`, and so on; the optional modules at the end are",
        "imported by name. Other modules are internal.",
        "",
    ]
    for kind, names in groups.items():
        if names:
            links = ", ".join(f"[`{n}`](#{_anchor(n)})" for n in names)
            out.append(f"- **{titles[kind]}**: {links}")
    modules = ", ".join(f"[`{m}`](#{_anchor(m)})" for m in OPTIONAL_MODULES)
    out.append(f"- **Optional modules**: {modules}")
    for kind, names in groups.items():
        if not names:
            continue
        out += ["", f"## {titles[kind]}"]
        for name in names:
            obj = getattr(ra, name)
            out += ["", f"### {name}", ""]
            if kind == "constant":
                out += ["```text", f"{name} = {obj!r}", "```"]
                continue
            out += ["```text", _signature(obj, name), "```"]
            doc = _doc(obj)
            if doc:
                out += ["", doc]
            if inspect.isclass(obj):
                for heading, sig, mdoc in _members(obj):
                    out += ["", f"#### {heading}", "", "```text", sig, "```"]
                    if mdoc:
                        out += ["", mdoc]
    out += [
        "",
        "## Optional modules",
        "",
        "Integrations with an engine you install with an extra; import them by name",
        "(`from recovery_advisor.dask import advise_frame`). See docs/distributed.md.",
    ]
    for module_name in OPTIONAL_MODULES:
        out += _module_section(module_name)
    return "\n".join(out) + "\n"


def _schema_generator(build: Callable[[], dict[str, Any]]) -> Callable[[], str]:
    return lambda: schema_text(build())


#: Generated files, relative to the repository root, and the functions that produce them.
GENERATORS: dict[str, Callable[[], str]] = {
    "docs/api.md": generate_api_md,
    "docs/rules.md": generate_rules_md,
    **{path: _schema_generator(build) for path, build in SCHEMAS.items()},
}


def repo_root() -> Path:
    """The repository root: the checkout this module runs from, else the working directory."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / "pyproject.toml").is_file() else Path.cwd()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report out-of-date files")
    parser.add_argument("--root", type=Path, default=None, help="repository root")
    args = parser.parse_args(argv)
    root: Path = args.root or repo_root()
    stale = []
    for rel, generate in GENERATORS.items():
        path = root / rel
        text = generate()
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(rel)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {rel}")
    if args.check and stale:
        print("out of date (run `make docs`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
