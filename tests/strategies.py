"""Hypothesis strategies shared by the tests, every one with explicit bounds."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from hypothesis import strategies as st

#: Exercise names as apps write them, including commas, quotes and accents that need quoting.
EXPORT_NAMES = (
    "Squat (Barbell)",
    "Deadlift (Barbell)",
    "Lat Pulldown (Cable)",
    'Row, "Seal" (Barbell)',
    "Soulevé de terre (Barre)",
    "Overhead Press (Each Side, Dumbbells)",
)


@st.composite
def export_sets(draw: st.DrawFn) -> dict[str, Any]:
    """One strength set as an export row holds it: reps 1-30, weight 0-300 in halves, RPE blank
    or 1-10 in halves, a set order that is a number 1-12 or W, D or F."""
    return {
        "exercise": draw(st.sampled_from(EXPORT_NAMES)),
        "order": draw(st.one_of(st.integers(1, 12).map(str), st.sampled_from(("W", "D", "F")))),
        "weight": draw(st.integers(0, 600)) / 2,
        "reps": draw(st.integers(1, 30)),
        "rpe": draw(st.one_of(st.none(), st.integers(2, 20).map(lambda h: h / 2))),
    }


@st.composite
def export_workouts(draw: st.DrawFn) -> list[tuple[datetime, str, list[dict[str, Any]]]]:
    """1-4 workouts on distinct days of 2020-2026, each with 1-12 sets."""
    days = draw(st.lists(st.integers(0, 2500), min_size=1, max_size=4, unique=True))
    out = []
    for day in days:
        clock = datetime(2020, 1, 1, draw(st.integers(5, 21)), draw(st.integers(0, 59)))
        start = clock + timedelta(days=day)
        name = draw(st.sampled_from(("Lower", "Upper, heavy", "Séance")))
        out.append((start, name, draw(st.lists(export_sets(), min_size=1, max_size=12))))
    return out
