"""Rule texts agree with every muscle name, plural or singular (issue #11)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from recovery_advisor._template import show_value
from recovery_advisor.vocabulary import MUSCLES

RULES = Path(__file__).resolve().parents[1] / "rules"
MUSCLE_REF = re.compile(r"\{[a-z_]+\.muscle\}")
PLURAL_BAD = r"(is|was|has|feels|needs|looks|isn't)"
SINGULAR_BAD = r"(are|were|have|feel|need|look|aren't)"


def texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value)


def templates() -> list[tuple[str, str]]:
    out = []
    for path in sorted(RULES.glob("*.yaml")):
        for text in texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if MUSCLE_REF.search(text):
                out.append((path.name, text))
    return out


def test_there_are_muscle_templates_to_check() -> None:
    """The check below sees the rule book's texts (so it cannot pass vacuously)."""
    assert len(templates()) >= 20


@pytest.mark.parametrize("muscle", MUSCLES)
def test_verbs_agree_with_the_muscle(muscle: str) -> None:
    """No "hamstrings is" or "lower back feel" in any message, note or reason of a rule."""
    name = show_value(muscle)
    plural = name.endswith("s")
    bad = re.compile(
        rf"\b{re.escape(name)}\s+{PLURAL_BAD if plural else SINGULAR_BAD}\b", re.IGNORECASE
    )
    wrong = [
        (file, filled)
        for file, text in templates()
        if bad.search(filled := MUSCLE_REF.sub(name, text))
    ]
    assert not wrong, wrong
