"""Property: whatever the shape, delimiter, quoting or byte-order mark, a Strong export of
strength sets imports every row, and each set keeps its reps, weight, RPE and type."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_advisor as ra
from strategies import export_workouts, messy_exports

LB = 0.45359237
TYPES = {"W": "warmup", "D": "dropset", "F": "failure"}
SHAPES = ("classic", "unit-in-header", "per-row-unit", "2019-no-duration")


def _write(
    workouts: list[tuple[datetime, str, list[dict[str, Any]]]],
    shape: str,
    delimiter: str,
    quote_all: bool,
    unit: str,
) -> str:
    comma = delimiter == ";"

    def num(x: float) -> str:
        text = f"{x:g}"
        return text.replace(".", ",") if comma else text

    if shape == "classic":
        header = [
            "Date",
            "Workout Name",
            "Duration",
            "Exercise Name",
            "Set Order",
            "Weight",
            "Reps",
            "Distance",
            "Seconds",
            "Notes",
            "Workout Notes",
            "RPE",
        ]
    elif shape == "unit-in-header":
        header = [
            "Workout #",
            "Date",
            "Workout Name",
            "Duration (sec)",
            "Exercise Name",
            "Set Order",
            f"Weight ({'lbs' if unit == 'lb' else 'kg'})",
            "Reps",
            "RPE",
            "Distance (meters)",
            "Seconds",
            "Notes",
            "Workout Notes",
        ]
    elif shape == "per-row-unit":
        header = [
            "Date",
            "Workout Name",
            "Exercise Name",
            "Set Order",
            "Weight",
            "Weight Unit",
            "Reps",
            "RPE",
            "Distance",
            "Distance Unit",
            "Seconds",
            "Notes",
            "Workout Notes",
        ]
    else:
        header = [
            "Date",
            "Workout Name",
            "Exercise Name",
            "Set Order",
            "Weight",
            "Reps",
            "Distance",
            "Seconds",
            "Notes",
            "Workout Notes",
            "RPE",
        ]
    buf = io.StringIO()
    writer = csv.writer(
        buf,
        delimiter=delimiter,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\r\n" if quote_all else "\n",
    )
    writer.writerow(header)
    for number, (start, name, sets) in enumerate(workouts, 1):
        for s in sets:
            rpe = "" if s["rpe"] is None else num(s["rpe"])
            values = {
                "Date": start.strftime("%Y-%m-%d %H:%M:%S"),
                "Workout #": str(number),
                "Workout Name": name,
                "Duration": "1h 10min",
                "Duration (sec)": "4200",
                "Exercise Name": s["exercise"],
                "Set Order": s["order"],
                "Weight": num(s["weight"]),
                "Weight Unit": "lbs" if unit == "lb" else "kg",
                "Reps": str(s["reps"]),
                "RPE": rpe,
                "Distance": "0",
                "Distance (meters)": "0",
                "Distance Unit": "",
                "Seconds": "0",
                "Notes": "",
                "Workout Notes": "",
            }
            values["Weight (kg)"] = values["Weight (lbs)"] = values["Weight"]
            writer.writerow([values[h] for h in header])
    return buf.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    workouts=export_workouts(),
    shape=st.sampled_from(SHAPES),
    delimiter=st.sampled_from((",", ";")),
    quote_all=st.booleans(),
    unit=st.sampled_from(("kg", "lb")),
    bom=st.booleans(),
)
def test_strong_exports_import_every_set_faithfully(
    workouts: list[tuple[datetime, str, list[dict[str, Any]]]],
    shape: str,
    delimiter: str,
    quote_all: bool,
    unit: str,
    bom: bool,
) -> None:
    """Every generated row becomes one set with the same reps, weight (in kg), RPE and type."""
    text = ("\ufeff" if bom else "") + _write(workouts, shape, delimiter, quote_all, unit)
    weight_unit = unit if shape in ("classic", "2019-no-duration") else None
    result = ra.read_strong(io.BytesIO(text.encode("utf-8")), weight_unit=weight_unit)
    report = result.report
    rows = sum(len(sets) for _, _, sets in workouts)
    assert (report.rows_read, report.sets_imported, report.skipped) == (rows, rows, ())
    assert report.shape == shape
    got = [
        (w.start, e.name, s) for w in result.history.workouts for e in w.exercises for s in e.sets
    ]
    want = [(start, s) for start, _, sets in sorted(workouts) for s in sets]
    assert len(got) == len(want)
    factor = LB if unit == "lb" else 1.0
    for (start, name, got_set), (want_start, s) in zip(got, want, strict=True):
        assert (start, name) == (want_start, s["exercise"])
        assert got_set.reps == s["reps"]
        assert got_set.rpe == s["rpe"]
        assert got_set.type == TYPES.get(s["order"], "normal")
        if s["weight"] == 0:
            assert got_set.weight_kg is None
        else:
            assert got_set.weight_kg == pytest.approx(s["weight"] * factor, abs=0.001)


@settings(max_examples=300, deadline=None)
@given(text=messy_exports())
def test_messy_files_never_crash(text: str) -> None:
    """Whatever the rows hold, an import either accounts for every row or raises the library's
    own error: never another exception (which would reach the user as a traceback)."""
    try:
        result = ra.import_history(io.BytesIO(text.encode("utf-8")))
    except (ra.ImportFormatError, ra.HistoryError):
        return
    report = result.report
    assert report.rows_read == report.rows_imported + len(report.skipped)
    ra.History.from_dict(result.history.to_dict())
