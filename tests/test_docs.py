"""Every ```python block of README.md and docs/*.md runs.

Each file is one test case: its blocks run in order in one namespace, from the repository root,
with matplotlib's non-interactive Agg backend. A failure names the file and the line of the
block. Use ```sh, ```text or ```json for blocks that are not Python to run.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)$")


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(first line number, code) of every fenced block whose info string is ``python`` or
    ``py`` (CommonMark fences: ``` or ~~~, at least three, closed by a fence at least as long)."""
    blocks: list[tuple[int, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, indent = m.group("fence"), len(m.group("indent"))
        lang = (m.group("info").split() or [""])[0].lower()
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            close = FENCE.match(lines[j])
            if (
                close
                and close.group("fence")[0] == fence[0]
                and len(close.group("fence")) >= len(fence)
                and not close.group("info").strip()
            ):
                break
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        if lang in ("python", "py", "python3"):
            blocks.append((i + 2, "\n".join(body) + "\n"))
        i = j + 1
    return blocks


def _doc_files() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
    return [f for f in files if f.is_file()]


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", _doc_files(), ids=_id)
def test_python_blocks_run(
    path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every Python example of the file runs, in order, in one namespace."""
    blocks = python_blocks(path.read_text(encoding="utf-8"))
    if not blocks:
        pytest.skip(f"{_id(path)} has no python blocks")
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - the test extra installs it
        matplotlib = None
    if matplotlib is not None:
        matplotlib.use("Agg")
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    try:
        for line, code in blocks:
            compiled = compile(code, f"{_id(path)}:{line}", "exec")
            try:
                exec(compiled, namespace)
            except Exception as exc:
                raise AssertionError(
                    f"the python block at {_id(path)}:{line} failed: {type(exc).__name__}: {exc}"
                ) from exc
    finally:
        if matplotlib is not None and "matplotlib.pyplot" in sys.modules:
            import matplotlib.pyplot as plt

            plt.close("all")
    capsys.readouterr()


def test_block_extraction() -> None:
    """The extractor finds python blocks (``` and ~~~, indented, longer fences) and nothing
    else, with the line number of their first line."""
    text = "\n".join(
        [
            "# Title",  # 1
            "```python",  # 2
            "a = 1",  # 3
            "```",  # 4
            "```sh",  # 5
            "make test",  # 6
            "```",  # 7
            "````python",  # 8
            "b = '''",  # 9
            "```",  # 10
            "'''",  # 11
            "````",  # 12
            "- item",  # 13
            "  ~~~py",  # 14
            "  c = 3",  # 15
            "  ~~~",  # 16
            "```",  # 17
            "no language",  # 18
            "```",  # 19
        ]
    )
    blocks = python_blocks(text)
    assert [line for line, _ in blocks] == [3, 9, 15]
    assert blocks[0][1] == "a = 1\n"
    assert blocks[1][1] == "b = '''\n```\n'''\n"
    assert blocks[2][1] == "c = 3\n"
