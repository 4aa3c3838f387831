"""docs/cli.md documents every command and option the parser has (its command lines run, and
their sample outputs are compared, in tests/test_docs.py)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from recovery_advisor.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = ("importers.md", "cli.md")
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                out.extend(_parsers(sub))
    return out


def test_cli_page_documents_every_option_and_command() -> None:
    """Each option string and each command of the parser appears in docs/cli.md."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for parser in _parsers(build_parser()):
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in text, option
    for command in ("advise", "import", "rules check", "rules list"):
        assert f"`{command}`" in text, command
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in text


def test_shell_examples_use_sh_fences() -> None:
    """Shell examples are in ```sh or ```console blocks (never ```bash or ```python)."""
    for name in DOCS:
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert "```bash" not in text
        assert "```shell" not in text
        for block in PYTHON_BLOCK.findall(text):
            assert "recovery-advisor " not in block
