"""The athletes and bad histories that tests/test_dask.py and tests/test_spark.py advise."""

from __future__ import annotations

from typing import Any

from recovery_advisor._synthetic import synthetic_history

NOW = "2026-11-25T08:00:00"
N = 500

#: Histories that cannot be advised, each with the error type and path it must report.
BAD: dict[str, tuple[Any, str, str]] = {
    "bad-json": ('{"workouts": [', "HistoryError", ""),
    "wrong-type": (
        {"workouts": [{"start": "2026-11-24T18:00:00", "exercises": "x"}]},
        "HistoryError",
        "workouts[0].exercises",
    ),
    "future": (
        {"workouts": [{"start": "2027-01-01T10:00:00", "exercises": []}]},
        "HistoryError",
        "workouts[0].start",
    ),
    "not-an-object": ("[1, 2]", "HistoryError", ""),
    "null": (None, "HistoryError", ""),
}


def synthetic_athletes(n: int = N) -> list[tuple[str, dict[str, Any]]]:
    """``n`` plausible athletes (id, history as JSON-like data), 30 days each, deterministic."""
    return [
        (f"a{k:04d}", synthetic_history(k, days=30, sets_per_exercise=2, now=NOW)) for k in range(n)
    ]
