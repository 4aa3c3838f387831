"""Placeholders of rule texts (``recovery_advisor._template``)."""

from __future__ import annotations

from typing import Any

from hypothesis import given

from recovery_advisor._template import Filler, fill
from strategies import template_cases

PARAMS = {"limit": 7.0}


def test_fill_reads_the_bound_facts_and_the_parameters() -> None:
    """Fields of bound facts and parameters are shown as in advice; anything else stays."""
    match = {"m": {"muscle": "lower_back", "readiness": 40.0}}
    text = "{m.muscle} at {m.readiness}, cap RPE {$limit}; {x.y} {m.nope} {$nope}"
    assert fill(text, match, PARAMS) == "lower back at 40, cap RPE 7; {x.y} {m.nope} {$nope}"


@given(template_cases())
def test_a_filler_gives_what_fill_gives(case: tuple[list[str], list[dict[str, Any]]]) -> None:
    """Filling many matches that share facts through one Filler (which fills each text once per
    set of facts it reads) gives exactly what fill() gives for each, in any order."""
    texts, matches = case
    filler = Filler(PARAMS)
    for _ in range(2):
        for match in matches:
            for text in texts:
                assert filler(text, match) == fill(text, match, PARAMS)
