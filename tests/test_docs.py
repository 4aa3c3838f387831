"""Every code example of README.md and docs/*.md is checked, so that an example that goes stale
fails a test. Each fenced block (``` or ~~~) is checked by the kind its info string names:

``python``
    The blocks of a page run in order in one namespace, from the repository root, with
    matplotlib's Agg backend. A top-level ``print(...)`` whose line ends in a comment must print
    that comment (see *Outputs*); when it prints several lines, the comment describes them and
    is not compared.
``sh`` (also ``bash``, ``shell``) and ``console``
    Every command line runs, in order, with ``bash -o pipefail`` in a fresh temporary folder that
    holds a copy of the repository's ``examples/`` and the page's files (``file`` markers
    below); ``recovery-advisor`` and ``python`` are this checkout's. Each must exit with 0, or
    with the code of an ``exit`` marker. In a ``console`` block the commands are the lines
    starting with ``$ `` and the lines after each are its output. Commands that install or
    build (``make``, ``pip``) are never run: their block needs a ``no-run`` marker.
``json``
    Parses. A history document must validate against ``docs/schema/history.schema.json`` and
    load with ``History.from_dict``; a document with ``schema_version`` against
    ``advice.schema.json`` (or ``error.schema.json`` when it has ``error``); an envelope of
    ``advise_json`` (a ``history`` key) must hold a valid history and get advice, not an error.
``yaml``
    A complete rule file: it loads on top of the bundled rule book.
``csv``
    An export or a check-in/sleep file: ``import_history`` imports every row.
``text``
    Right after a runnable block (nothing but blank lines between): that block's expected
    output. A synopsis (``recovery-advisor COMMAND [--option ...]``) names exactly the options of
    that command. A block of what a command prints (``recovery-advisor: error: ...``) anywhere
    else fails: show its command. Any other text block is prose, not code, and is not checked
    (the signatures of the generated docs/api.md are checked by tests/test_gendocs.py).

Markers are HTML comments on the lines right above a fence (they do not show on GitHub):

``<!-- no-run: REASON -->``
    The block is not checked; its test is reported as skipped with REASON.
``<!-- fragment -->``
    JSON or YAML that is part of a document: only parsed. ``<!-- fragment: when -->``
    (``then``, ``examples``) is validated as that part of a rule, inside a rule made of the
    page's other fragments; ``<!-- fragment: file -->`` is the outline of a rule file, which
    must name every key a rule file and a rule can have.
``<!-- exit: N -->``
    The commands of the block exit with N.
``<!-- file: PATH -->``
    The block is the file PATH of the page's examples: it is written into the folder where the
    page's commands run, and a command must name it (or its folder). A PATH under
    ``examples/`` must be the repository's file. The same comment with the content on the
    lines after it, closed by a line ``-->``, is a file the page does not show (for example
    the broken rule files behind a sample output).
``<!-- excerpt: PATH -->``
    The block is consecutive lines of the repository's file PATH.
``<!-- needs: NAME, ... -->``
    A python block that runs only where every NAME is an importable module or a command on
    PATH (``pyspark, java``: the ``[spark]`` extra and a JRE). Elsewhere it is not run (so
    every block that needs it carries the marker), and the page's test, having run the rest,
    is reported as skipped, naming the blocks and what they lacked.

*Outputs* are compared after removing the temporary folder's path and trailing spaces, with
standard output and standard error together as a terminal shows them: ``...`` within a line
matches any text, a line of only ``...`` any number of lines, and a string may be shown with its
quotes (``# 'train-modified'``). After the output a comment may add a remark following ``: ``
(``# lb: every weight converted to kg``). An output block after a ``sh`` block needs a block of
one command; for several, use a ``console`` block.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

import recovery_advisor as ra
from recovery_advisor._rulefile import FILE_KEYS, RULE_KEYS
from recovery_advisor._yaml import load_yaml

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$")
MARKER = re.compile(r"^\s*<!--\s*(?P<key>[a-z][a-z-]*)\s*(?::\s*(?P<value>.*?))?\s*-->\s*$")
HIDDEN_FILE = re.compile(r"^\s*<!--\s*file:\s*(?P<path>\S+)\s*$")
MARKERS = ("no-run", "fragment", "exit", "file", "excerpt", "needs")
PYTHON = ("python", "py", "python3")
SHELL = ("sh", "bash", "shell")
RUNNABLE = ("python", "sh", "console")
NEVER_RUN = ("make", "pip", "pip3", "pipx", "uv", "conda", "sudo", "apt-get")
FRAGMENTS = ("", "when", "then", "examples", "file")
NOW = "2026-11-25T08:00:00"


# --------------------------------------------------------------------------- reading pages
@dataclass
class Block:
    """One fenced block of a page."""

    page: str  # the page, relative to the repository root
    line: int  # the line of the opening fence (1-based)
    lang: str
    code: str
    markers: dict[str, str]
    follows: Block | None = None  # the block right before it (only blank lines between)
    output: Block | None = None  # the block that shows this block's output

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def kind(self) -> str:
        """What the block is checked as (see the module docstring)."""
        if "no-run" in self.markers:
            return "skipped"
        if self.lang in PYTHON:
            return "python"
        if self.lang in SHELL:
            return "sh"
        if self.lang == "console":
            return "console"
        if "file" in self.markers:
            return "file"
        if "excerpt" in self.markers:
            return "excerpt"
        if self.lang in ("json", "csv"):
            return self.lang
        if self.lang in ("yaml", "yml"):
            return "yaml"
        if self.lang in ("text", "", "output"):
            if self.follows is not None and self.follows.kind in RUNNABLE:
                return "output"
            if self.code.startswith("recovery-advisor "):
                return "synopsis"
            if self.code.startswith("recovery-advisor: "):
                return "orphan-output"
            return "prose"
        return "unknown"


@dataclass
class Page:
    """A page's blocks and the files its examples use (path -> text)."""

    path: str
    blocks: list[Block] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    comments: list[tuple[int, str]] = field(default_factory=list)  # (line, key) of <!-- key -->


def read_page(text: str, path: str = "page.md") -> Page:
    """The fenced blocks of a Markdown text (CommonMark fences: ``` or ~~~, at least three,
    closed by a fence at least as long), with their markers and the page's files."""
    page = Page(path)
    lines = text.splitlines()
    markers: dict[str, str] = {}
    previous: Block | None = None  # the last block, while only blank lines follow it
    i = 0
    while i < len(lines):
        hidden = HIDDEN_FILE.match(lines[i])
        marker = MARKER.match(lines[i])
        fence = FENCE.match(lines[i])
        if hidden:
            j = i + 1
            while j < len(lines) and lines[j].strip() != "-->":
                j += 1
            page.files[hidden.group("path")] = "\n".join(lines[i + 1 : j]) + "\n"
            markers, previous, i = {}, None, j + 1
        elif marker:
            key, value = marker.group("key"), marker.group("value") or ""
            page.comments.append((i + 1, key))
            if key in MARKERS:
                markers[key] = value
            i += 1
        elif fence:
            opening, indent = fence.group("fence"), len(fence.group("indent"))
            body: list[str] = []
            j = i + 1
            while j < len(lines):
                close = FENCE.match(lines[j])
                if (
                    close
                    and close.group("fence")[0] == opening[0]
                    and len(close.group("fence")) >= len(opening)
                    and not close.group("info").strip()
                ):
                    break
                body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
                j += 1
            lang = (fence.group("info").split() or [""])[0].lower()
            block = Block(path, i + 1, lang, "\n".join(body) + "\n", markers, previous)
            if block.kind == "output" and previous is not None:
                previous.output = block
            if "file" in markers:
                page.files[markers["file"]] = block.code
            page.blocks.append(block)
            markers, previous, i = {}, block, j + 1
        else:
            if lines[i].strip():
                markers, previous = {}, None
            i += 1
    return page


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(first line number, code) of every python block of a Markdown text."""
    return [(b.line + 1, b.code) for b in read_page(text).blocks if b.lang in PYTHON]


def _page_paths() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
    return [f for f in files if f.is_file()]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


PAGES = {_rel(p): read_page(p.read_text(encoding="utf-8"), _rel(p)) for p in _page_paths()}
BLOCKS = [b for page in PAGES.values() for b in page.blocks]


# --------------------------------------------------------------------------- outputs
def _normalise(text: str, folder: Path | None = None) -> str:
    if folder is not None:
        text = text.replace(f"{folder}{os.sep}", "").replace(str(folder), ".")
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def output_matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` is the documented ``expected`` output: ``...`` in a line matches any
    text, a line of only ``...`` any lines (both compared without trailing spaces)."""
    pattern = ""
    for line in _normalise(expected).splitlines():
        if line.strip() == "...":
            pattern += r"(?:[^\n]*\n)*?"
        else:
            pattern += r"[^\n]*?".join(map(re.escape, line.split("..."))) + r"\n"
    return re.fullmatch(pattern, _normalise(actual) + "\n" if actual.strip() else "") is not None


def _diff(expected: str, actual: str) -> str:
    return "\n".join(
        difflib.unified_diff(
            _normalise(expected).splitlines(),
            _normalise(actual).splitlines(),
            "documented",
            "actual",
            lineterm="",
        )
    )


def comment_matches(comment: str, printed: str) -> bool:
    """Whether the comment after a ``print`` shows what it printed (one line): the output,
    maybe with its quotes or ``...``, maybe followed by ``: a remark``."""
    candidates = [comment]
    if ": " in comment:
        candidates.append(comment.split(": ", 1)[0])
    for candidate in list(candidates):
        if len(candidate) >= 2 and candidate[0] == candidate[-1] and candidate[0] in "'\"":
            candidates.append(candidate[1:-1])
    return any(output_matches(c, printed) for c in candidates)


# --------------------------------------------------------------------------- python blocks
def _trailing_comments(code: str) -> dict[int, str]:
    """Line (1-based, in ``code``) -> the comment that ends a line holding code."""
    comments: dict[int, str] = {}
    code_lines: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string[1:].strip()
        elif tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            code_lines.update(range(tok.start[0], tok.end[0] + 1))
    return {line: text for line, text in comments.items() if line in code_lines}


def _is_print(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "print"
    )


def run_python_block(block: Block, namespace: dict[str, Any]) -> str:
    """Run a python block statement by statement in ``namespace``; check the comment of every
    top-level print that prints one line; return what the block printed."""
    tree = ast.parse(block.code)
    comments = _trailing_comments(block.code)
    offset = block.line  # the code's line 1 is the page's line block.line + 1
    printed = io.StringIO()
    for node in tree.body:
        end = node.end_lineno or node.lineno  # in the block, before the offset is added
        module = ast.Module(body=[node], type_ignores=[])
        ast.increment_lineno(module, offset)
        compiled = compile(module, block.page, "exec")
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                exec(compiled, namespace)
        except Exception as exc:
            raise AssertionError(
                f"the python block at {block.where} failed at line {node.lineno + offset}: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        printed.write(out.getvalue())
        text = out.getvalue().rstrip("\n")
        if _is_print(node) and end in comments and "\n" not in text:
            assert comment_matches(comments[end], text), (
                f"{block.page}:{end + offset}: the comment says this prints "
                f"{comments[end]!r}, it printed {text!r}"
            )
    return printed.getvalue()


def missing_needs(block: Block) -> list[str]:
    """The names of the block's ``needs`` marker that are neither a module nor a command."""
    names = [n.strip() for n in block.markers.get("needs", "").split(",") if n.strip()]
    return [
        n
        for n in names
        if shutil.which(n) is None and importlib.util.find_spec(n.split(".")[0]) is None
    ]


def run_python_page(page: Page, skipped: list[str] | None = None) -> dict[str, Any]:
    """Run every python block of the page in one namespace (from the current folder), checking
    documented outputs; return the namespace. A block whose ``needs`` are missing is not run:
    its place and the missing names are added to ``skipped``."""
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in page.blocks:
        if block.kind != "python":
            continue
        missing = missing_needs(block)
        if missing:
            if skipped is None:
                raise AssertionError(f"{block.where} needs {', '.join(missing)}: not installed")
            skipped.append(f"{block.where} (no {', '.join(missing)})")
            continue
        printed = run_python_block(block, namespace)
        if block.output is not None:
            assert output_matches(block.output.code, printed), (
                f"the output shown at {block.output.where} is not what the python block at "
                f"{block.where} prints:\n{_diff(block.output.code, printed)}"
            )
    return namespace


@pytest.fixture
def docs_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The repository root as the current folder, matplotlib non-interactive."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - the test extra installs it
        matplotlib = None
    if matplotlib is not None:
        matplotlib.use("Agg")
    yield
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")


@pytest.mark.parametrize("path", sorted(PAGES))
@pytest.mark.usefixtures("docs_env")
def test_python_blocks_run(path: str) -> None:
    """Every Python example of the page runs, in order, in one namespace, and prints what the
    page says it prints."""
    page = PAGES[path]
    if not any(b.kind == "python" for b in page.blocks):
        pytest.skip(f"{path} has no python blocks")
    skipped: list[str] = []
    run_python_page(page, skipped)
    if skipped:
        pytest.skip(
            f"the other blocks ran; not run, for want of what they need: {'; '.join(skipped)}"
        )


# --------------------------------------------------------------------------- commands
@pytest.fixture(scope="session")
def shims(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``recovery-advisor`` and ``python`` commands that run this checkout."""
    folder = tmp_path_factory.mktemp("bin")
    for name, args in (
        ("recovery-advisor", '-m recovery_advisor "$@"'),
        ("python", '"$@"'),
        ("python3", '"$@"'),
    ):
        script = folder / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" {args}\n', encoding="utf-8")
        script.chmod(0o755)
    return folder


def shell_commands(code: str) -> list[str]:
    """The command lines of a sh block: lines joined across a final backslash, without blank
    lines and comment lines."""
    commands: list[str] = []
    current = ""
    for line in code.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        commands.append((current + line).strip())
        current = ""
    if current:
        commands.append(current.strip())
    return commands


def console_commands(code: str) -> list[tuple[str, str]]:
    """(command, expected output) of every ``$ `` line of a console block (a command ending in
    a backslash goes on on the next line, which may start with ``> ``)."""
    out: list[tuple[str, list[str]]] = []
    pending: str | None = None  # a command continued on the next line
    for line in code.splitlines():
        if pending is not None:
            pending += line.removeprefix("> ")
        elif line.startswith("$ "):
            pending = line[2:]
        elif out:
            out[-1][1].append(line)
            continue
        elif line.strip():
            raise AssertionError(f"a console block starts with output, not '$ ': {line!r}")
        else:
            continue
        if pending.rstrip().endswith("\\"):
            pending = pending.rstrip()[:-1] + " "
        else:
            out.append((pending.strip(), []))
            pending = None
    assert pending is None, "a console block ends in a continued command"
    return [(command, "\n".join(lines)) for command, lines in out]


def _workspace(page: Page, folder: Path) -> Path:
    """A fresh copy of examples/ with the page's files, in ``folder``."""
    shutil.copytree(ROOT / "examples", folder / "examples")
    for name, text in page.files.items():
        target = folder / name
        if name.startswith("examples/"):
            continue  # checked against the repository's file by test_block
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def _run(command: str, folder: Path, shims: Path) -> subprocess.CompletedProcess[str]:
    first = command.split()[0] if command.split() else ""
    if os.path.basename(first) in NEVER_RUN:
        raise AssertionError(
            f"{command!r} installs or builds and is never run by the docs tests: mark its "
            "block <!-- no-run: reason -->"
        )
    env = dict(os.environ)
    env["PATH"] = f"{shims}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    env.update(PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8", MPLBACKEND="Agg")
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def run_commands(block: Block, folder: Path, shims: Path) -> None:
    """Run the commands of a sh or console block; check exit codes and documented outputs."""
    if block.kind == "console":
        commands = console_commands(block.code)
    else:
        commands = [(c, "") for c in shell_commands(block.code)]
        if block.output is not None:
            assert len(commands) == 1, (
                f"{block.output.where} shows the output of a block of {len(commands)} commands "
                f"({block.where}): show it after its command in a console block"
            )
            commands = [(commands[0][0], block.output.code)]
    assert commands, f"the {block.lang} block at {block.where} has no command"
    expected_code = int(block.markers.get("exit") or 0)
    workspace = _workspace(PAGES[block.page], folder)
    for command, expected in commands:
        result = _run(command, workspace, shims)
        output = _normalise(result.stdout, workspace)
        assert result.returncode == expected_code, (
            f"{block.where}: {command!r} exited with {result.returncode}, the docs say "
            f"{expected_code}:\n{output}"
        )
        if block.kind == "console" or block.output is not None:
            assert output_matches(expected, output), (
                f"{block.where}: {command!r} does not print what the docs show:\n"
                f"{_diff(expected, output)}"
            )


# --------------------------------------------------------------------------- documents
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "docs" / "schema" / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _schema_errors(name: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in _validator(name).iter_errors(data)
    ]


def check_json(block: Block) -> None:
    """A JSON document validates as what it is (a fragment only parses)."""
    try:
        data = json.loads(block.code)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"{block.where}: not valid JSON: {exc}") from exc
    if "fragment" in block.markers:
        return
    assert isinstance(data, dict), (
        f"{block.where}: a JSON example that is not a document must be marked <!-- fragment -->"
    )
    if "schema_version" in data:
        kind = "error" if "error" in data else "advice"
        errors = _schema_errors(f"{kind}.schema.json", data)
        assert not errors, f"{block.where}: not a valid {kind} document: {errors}"
    elif "history" in data:
        errors = _schema_errors("history.schema.json", data["history"])
        assert not errors, f"{block.where}: the envelope's history is not valid: {errors}"
        answer = json.loads(ra.advise_json(block.code))
        assert "error" not in answer, f"{block.where}: advise_json gives an error: {answer}"
        errors = _schema_errors("advice.schema.json", answer)
        assert not errors, f"{block.where}: the advice is not valid: {errors}"
    else:
        errors = _schema_errors("history.schema.json", data)
        assert not errors, f"{block.where}: not a valid history: {errors}"
        try:
            ra.History.from_dict(data)
        except ra.HistoryError as exc:
            raise AssertionError(f"{block.where}: History.from_dict refuses it: {exc}") from exc


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value))


def _load_rules(text: str, folder: Path) -> ra.RuleBook:
    path = folder / "doc-example.yaml"
    path.write_text(text, encoding="utf-8")
    return ra.RuleBook.load(path, base=ra.RuleBook.default())


def _page_fragment(page: str, section: str) -> Any:
    for block in PAGES[page].blocks:
        if block.markers.get("fragment") == section:
            return _plain(load_yaml(block.code))[section]
    return None


def check_yaml(block: Block, folder: Path) -> None:
    """A rule file loads with the bundled rules; a fragment parses and, for a part of a rule,
    loads inside a rule."""
    try:
        doc = load_yaml(block.code)
    except yaml.YAMLError as exc:
        raise AssertionError(f"{block.where}: not valid YAML: {exc}") from exc
    section = block.markers.get("fragment")
    if section is None:
        try:
            _load_rules(block.code, folder)
        except ra.RuleFileError as exc:
            raise AssertionError(f"{block.where}: the rule file does not load: {exc}") from exc
        return
    assert section in FRAGMENTS, f"{block.where}: unknown fragment {section!r}; use {FRAGMENTS}"
    if section == "":
        return
    shape = f"{block.where}: a '{section}' fragment is a mapping with the one key {section!r}"
    assert isinstance(doc, dict), shape
    assert list(doc) == [section], shape
    rule: dict[str, Any] = {
        "id": "doc-fragment",
        "title": "A fragment of the docs",
        "source": "The documentation's own example.",
        "when": [{"fact": "athlete", "as": "a"}],
        "then": {"action": "info", "severity": "info", "message": "hello"},
        "examples": {"fires": [{"name": "fires"}], "silent": [{"name": "silent"}]},
    }
    if section == "then":  # its placeholders name the page's 'when' aliases
        rule["when"] = _page_fragment(block.page, "when") or rule["when"]
    rule[section] = _plain(doc)[section]
    try:
        _load_rules(yaml.safe_dump({"version": 1, "rules": [rule]}, sort_keys=False), folder)
    except ra.RuleFileError as exc:
        raise AssertionError(f"{block.where}: not a valid '{section}' of a rule: {exc}") from exc


def check_outline(block: Block) -> None:
    """The outline of a rule file names every key of a file and of a rule."""
    doc = _plain(load_yaml(block.code))
    assert sorted(doc) == sorted(FILE_KEYS), (
        f"{block.where}: the outline's keys {sorted(doc)} are not a rule file's {FILE_KEYS}"
    )
    (rule,) = doc["rules"]
    assert sorted(rule) == sorted(RULE_KEYS), (
        f"{block.where}: the outline's rule keys {sorted(rule)} are not a rule's {RULE_KEYS}"
    )


def check_csv(block: Block) -> None:
    """Every row of a CSV example imports."""
    result = ra.import_history(io.StringIO(block.code))
    report = result.report
    assert report.rows_read > 0, f"{block.where}: no rows read"
    assert not report.skipped, f"{block.where}: rows skipped: {report.skipped}"


def check_file(block: Block) -> None:
    """A file of the page's examples is used, or is the repository's file; it parses."""
    name = block.markers["file"]
    if block.lang == "json":
        json.loads(block.code)
    elif block.lang in ("yaml", "yml"):
        load_yaml(block.code)
    elif block.lang == "csv":
        check_csv(block)
    if name.startswith("examples/"):
        shipped = (ROOT / name).read_text(encoding="utf-8")
        assert block.code == shipped, f"{block.where} is not the repository's {name}"
        return
    commands = [
        c
        for b in PAGES[block.page].blocks
        if b.kind in ("sh", "console")
        for c in (
            shell_commands(b.code)
            if b.kind == "sh"
            else [cmd for cmd, _ in console_commands(b.code)]
        )
    ]
    parts = Path(name).parts
    names = {name, *("/".join(parts[:i]) + "/" for i in range(1, len(parts)))}
    assert any(n in c for n in names for c in commands), (
        f"{block.where}: no command of {block.page} uses {name}"
    )


def check_excerpt(block: Block) -> None:
    """The block is consecutive lines of a repository file."""
    text = (ROOT / block.markers["excerpt"]).read_text(encoding="utf-8")
    assert f"\n{block.code}" in f"\n{text}", (
        f"{block.where} is not an excerpt of {block.markers['excerpt']}"
    )


def check_synopsis(block: Block) -> None:
    """A usage synopsis names exactly the options of its command."""
    import argparse

    from recovery_advisor.cli import build_parser

    words = block.code.split()[1:]
    parser = build_parser()
    command: list[str] = []
    for word in words:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs or word not in subs[0].choices:
            break
        parser = subs[0].choices[word]
        command.append(word)
    assert command, f"{block.where}: the synopsis names no command"
    known = {o for a in parser._actions for o in a.option_strings} - {"-h", "--help"}
    shown = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", block.code))
    assert shown <= known, f"{block.where}: options {sorted(shown - known)} do not exist"
    missing = known - shown - {"--debug"}
    assert not missing, f"{block.where}: the synopsis leaves out {sorted(missing)}"


CHECKED = [b for b in BLOCKS if b.kind not in ("python", "output", "prose")]


@pytest.mark.parametrize("block", CHECKED, ids=lambda b: f"{b.where}-{b.kind}")
def test_block(block: Block, tmp_path: Path, shims: Path) -> None:
    """Each example that is not Python is checked as its kind says (see the module docstring)."""
    kind = block.kind
    if kind == "skipped":
        pytest.skip(f"{block.where} ({block.lang}): {block.markers['no-run']}")
    elif kind in ("sh", "console"):
        run_commands(block, tmp_path, shims)
    elif kind == "json":
        check_json(block)
    elif kind == "yaml" and block.markers.get("fragment") == "file":
        check_outline(block)
    elif kind == "yaml":
        check_yaml(block, tmp_path)
    elif kind == "csv":
        check_csv(block)
    elif kind == "file":
        check_file(block)
    elif kind == "excerpt":
        check_excerpt(block)
    elif kind == "synopsis":
        check_synopsis(block)
    elif kind == "orphan-output":
        raise AssertionError(
            f"{block.where} shows what a command prints without the command: show it after "
            "its '$ command' line in a console block (or mark it <!-- no-run: reason -->)"
        )
    else:
        raise AssertionError(
            f"{block.where}: a ```{block.lang} block is not a kind the docs tests know: use "
            "python, sh, console, json, yaml, csv or text, or mark it <!-- no-run: reason -->"
        )


def test_markers_are_known() -> None:
    """No comment looks like a misspelt marker (which would leave its block checked as
    something else), and markers are on blocks they apply to."""
    for path, page in PAGES.items():
        for line, key in page.comments:
            near = difflib.get_close_matches(key, MARKERS, n=1, cutoff=0.6)
            assert key in MARKERS or not near, (
                f"{path}:{line}: unknown marker {key!r} (did you mean {near[0]!r}?)"
            )
        for block in page.blocks:
            if "fragment" in block.markers and block.lang not in ("json", "yaml", "yml"):
                raise AssertionError(f"{block.where}: only json and yaml blocks are fragments")
            if "exit" in block.markers and block.kind not in ("sh", "console", "skipped"):
                raise AssertionError(f"{block.where}: an exit marker on a {block.lang} block")
            if "needs" in block.markers and block.kind != "python":
                raise AssertionError(f"{block.where}: a needs marker on a {block.lang} block")


def test_a_block_whose_needs_are_missing_is_not_run_and_is_named() -> None:
    """A python block with ``needs`` runs only when each name is a module or a command; the
    others of the page run either way."""
    code = "ran.append({n})\n"
    blocks = [
        Block("p.md", 1, "python", "ran = []\n", {}),
        Block("p.md", 5, "python", code.format(n=1), {"needs": "json, sh"}),
        Block("p.md", 9, "python", code.format(n=2), {"needs": "json, no_such_module_xyz"}),
        Block("p.md", 13, "python", code.format(n=3), {}),
    ]
    skipped: list[str] = []
    namespace = run_python_page(Page("p.md", blocks), skipped)
    assert namespace["ran"] == [1, 3]
    assert skipped == ["p.md:9 (no no_such_module_xyz)"]


# --------------------------------------------------------------------------- the worked example
@pytest.mark.usefixtures("docs_env")
def test_worked_rule_folder_is_examples_my_rules() -> None:
    """The folder the worked example of docs/rule-files.md writes is examples/my-rules/, and
    loaded as a folder (advise(..., rules=folder)) it has the documented effect: its rule is
    added, a parameter changed, a bundled rule switched off and another one replaced."""
    namespace = run_python_page(PAGES["docs/rule-files.md"])
    folder = Path(namespace["folder"])
    written = {p.name: p.read_text(encoding="utf-8").strip() for p in folder.glob("*.yaml")}
    shipped = {
        p.name: p.read_text(encoding="utf-8").strip()
        for p in (ROOT / "examples" / "my-rules").glob("*.yaml")
    }
    assert written == shipped, "examples/my-rules/ must hold the worked example's files"
    athlete = {"athlete": {"experience": "intermediate", "sessions_per_week": 5}}
    bundled = ra.advise(athlete, now=NOW, plan="legs-and-back")
    mine = ra.advise(athlete, now=NOW, plan="legs-and-back", rules="examples/my-rules")
    assert "five-a-week" in mine.rules_fired
    assert "pair-fits-training-frequency" in mine.rules_fired
    assert "pair-fits-training-frequency" not in bundled.rules_fired
    assert "hydrate-and-fuel" in bundled.rules_fired
    assert "hydrate-and-fuel" not in mine.rules_fired
    (warm_up,) = mine.by_rule("warm-up-first")
    assert warm_up.message != bundled.by_rule("warm-up-first")[0].message
    assert warm_up.source.startswith("Our gym's rule")


# --------------------------------------------------------------------------- the test itself
def test_reading_blocks_markers_and_files() -> None:
    """Fences (``` and ~~~, indented, longer) with their first line, markers right above a
    fence, output blocks right after a runnable one and hidden files."""
    text = "\n".join(
        [
            "# Title",  # 1
            "```python",  # 2
            "a = 1",  # 3
            "```",  # 4
            "<!-- no-run: installs -->",  # 5
            "```sh",  # 6
            "make test",  # 7
            "```",  # 8
            "````python",  # 9
            "b = '''",  # 10
            "```",  # 11
            "'''",  # 12
            "````",  # 13
            "",  # 14
            "```text",  # 15
            "out",  # 16
            "```",  # 17
            "- item",  # 18
            "  ~~~py",  # 19
            "  c = 3",  # 20
            "  ~~~",  # 21
            "<!-- file: my/x.yaml",  # 22
            "a: 1",  # 23
            "-->",  # 24
            "<!-- exit: 2 -->",  # 25
            "<!-- file: y.yaml -->",  # 26
            "```yaml",  # 27
            "b: 2",  # 28
            "```",  # 29
            "```",  # 30
            "no language",  # 31
            "```",  # 32
        ]
    )
    page = read_page(text)
    assert python_blocks(text) == [(3, "a = 1\n"), (10, "b = '''\n```\n'''\n"), (20, "c = 3\n")]
    assert [(b.line, b.kind) for b in page.blocks] == [
        (2, "python"),
        (6, "skipped"),
        (9, "python"),
        (15, "output"),
        (19, "python"),
        (27, "file"),
        (30, "prose"),
    ]
    assert page.blocks[1].markers == {"no-run": "installs"}
    assert page.blocks[2].output is page.blocks[3]
    assert page.blocks[5].markers == {"exit": "2", "file": "y.yaml"}
    assert page.files == {"my/x.yaml": "a: 1\n", "y.yaml": "b: 2\n"}


def test_command_lines() -> None:
    """sh blocks: comment and blank lines dropped, continuations joined; console blocks: the
    ``$`` lines and their outputs."""
    assert shell_commands("# a comment\n\nra x \\\n    --y 1   # note\nra z\n") == [
        "ra x      --y 1   # note",
        "ra z",
    ]
    assert console_commands("$ ra a \\\n> --b\nline 1\nline 2\n$ ra c\n") == [
        ("ra a  --b", "line 1\nline 2"),
        ("ra c", ""),
    ]


def test_output_matching() -> None:
    """``...`` inside a line and on a line of its own; quotes and remarks in print comments."""
    assert output_matches("a ... c\n", "a b b c\n")
    assert not output_matches("a ... c\n", "a b b d\n")
    assert output_matches("first\n...\nlast\n", "first\n1\n2\nlast\n")
    assert output_matches("first\n...\nlast\n", "first\nlast\n")
    assert not output_matches("18 16 2", "18 16")
    assert output_matches("", "")
    assert not output_matches("", "something")
    assert comment_matches("'train-modified'", "train-modified")
    assert comment_matches("lb: every weight converted to kg", "lb")
    assert comment_matches("['a', ...]", "['a', 'b']")
    assert not comment_matches("Deadlift (Barbell)", "Deadlift")
