"""Hevy CSV exports: quoted, comma-separated, one row per set, the unit in the column name
(``weight_kg`` or ``weight_lbs``), set types, supersets and localized dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..errors import ImportFormatError
from ._common import (
    LB,
    AthleteLike,
    Collector,
    DateReader,
    Source,
    Table,
    ValueProblem,
    blank,
    cell,
    check_options,
    checked_duration,
    fold,
    make_set,
    map_header,
    number,
    read_source,
    round_rpe,
    skip_without_reps,
    span_minutes,
    tidy,
    whole,
)
from .report import ImportResult

__all__ = ["HEVY_HEADERS", "read_hevy"]

HEVY_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "title": ("title",),
        "start": ("start_time",),
        "end": ("end_time",),
        "description": ("description",),
        "exercise": ("exercise_title",),
        "superset": ("superset_id",),
        "exercise_notes": ("exercise_notes",),
        "set_index": ("set_index",),
        "set_type": ("set_type",),
        "weight_kg": ("weight_kg",),
        "weight_lbs": ("weight_lbs", "weight_lb"),
        "reps": ("reps",),
        "distance_km": ("distance_km",),
        "distance_miles": ("distance_miles", "distance_mi"),
        "duration": ("duration_seconds",),
        "rpe": ("rpe",),
    }
}
REQUIRED = ("start", "exercise", "reps")
SET_TYPES = ("normal", "warmup", "dropset", "failure")


def is_hevy(columns: dict[str, int]) -> bool:
    return all(k in columns for k in REQUIRED) and ("set_index" in columns or "set_type" in columns)


def read_hevy(
    source: Source, *, athlete: AthleteLike = None, date_order: str | None = None
) -> ImportResult:
    """Read a Hevy CSV export from a path or an open text file.

    Weights in ``weight_lbs`` are converted to kg; set types (``normal``, ``warmup``, ``dropset``,
    ``failure``) are kept; dates may be localized (``9 Apr 2026, 17:18``,
    ``May 15, 2026, 7:26 PM``, ``05.06.2026, 07:30``, ``19 ago 2026, 14:20``).
    Raises :class:`~recovery_advisor.ImportFormatError` when the file is not a Hevy export.
    """
    check_options(None, date_order)
    text, name, enc_warnings = read_source(source)
    return parse_hevy(text, name, athlete=athlete, date_order=date_order, warnings=enc_warnings)


def parse_hevy(
    text: str,
    name: str,
    *,
    athlete: AthleteLike = None,
    date_order: str | None = None,
    warnings: list[str] | None = None,
) -> ImportResult:
    table = Table(text, name)
    columns, _units, _lang = map_header(table.header, HEVY_HEADERS)
    if not is_hevy(columns):
        raise ImportFormatError(
            "not a Hevy export: expected the columns title, start_time, end_time, "
            "exercise_title, set_index, set_type, weight_kg (or weight_lbs), reps; the header is "
            f"{', '.join(table.header[:8])}",
            file=name,
        )
    col = Collector("hevy", name)
    for w in warnings or ():
        col.warn(w)
    if "weight_kg" in columns:
        weight_key, factor, unit = "weight_kg", 1.0, "kg"
    elif "weight_lbs" in columns:
        weight_key, factor, unit = "weight_lbs", LB, "lb"
    else:
        weight_key, factor, unit = "weight_kg", 1.0, ""
    distance_key = "distance_km" if "distance_km" in columns else "distance_miles"
    distance_unit = "km" if distance_key == "distance_km" else "mi"

    dates = DateReader(
        [cell(r, columns, "start") for _, r in table] + [cell(r, columns, "end") for _, r in table],
        date_order,
    )
    if dates.warning:
        col.warn(dates.warning)
    width = len(table.header)
    durations: dict[Any, float | None] = {}
    supersets: set[tuple[Any, str, str]] = set()
    date_failures = attempted = 0

    for rowno, row in table:
        col.rows_read += 1
        if blank(row):
            col.skip(rowno, "blank", "blank line")
            continue
        if len(row) != width and not (len(row) > width and not any(c.strip() for c in row[width:])):
            col.skip(
                rowno,
                "malformed",
                f"has {len(row)} values, the header has {width} "
                "(a delimiter or quote out of place)",
            )
            continue
        attempted += 1
        try:
            try:
                start = dates(cell(row, columns, "start"), "start_time")
            except ValueProblem:
                date_failures += 1
                raise
            exercise = cell(row, columns, "exercise")
            if not exercise:
                raise ValueProblem("exercise_title is blank")
            reps = whole(cell(row, columns, "reps"), "reps")
            weight = number(cell(row, columns, weight_key), weight_key)
            distance = number(cell(row, columns, distance_key), distance_key)
            seconds = number(cell(row, columns, "duration"), "duration_seconds")
            rpe, rpe_note = round_rpe(number(cell(row, columns, "rpe"), "RPE"))
            set_index = whole(cell(row, columns, "set_index"), "set_index")
        except ValueProblem as exc:
            col.skip(rowno, "invalid", str(exc))
            continue
        raw_type = fold(cell(row, columns, "set_type")) or "normal"
        type_note = None
        set_type = raw_type.replace("-", "").replace("_", "").replace(" ", "")
        if set_type in SET_TYPES:
            pass
        elif set_type == "drop":
            set_type = "dropset"
        else:
            type_note = (
                f"set_type {raw_type!r} is not one of {', '.join(SET_TYPES)}: read as normal"
            )
            set_type = "normal"

        if skip_without_reps(col, rowno, exercise, reps, weight, distance, distance_unit, seconds):
            continue
        weight_kg = None if not weight else (weight if factor == 1.0 else tidy(weight * factor))
        try:
            workout_set = make_set(reps or 0, weight_kg, rpe, set_type)
        except ValueProblem as exc:
            col.skip(rowno, "invalid", f"{exc}: {exercise}")
            continue
        if rpe_note:
            col.note(rowno, rpe_note)
        if type_note:
            col.note(rowno, type_note)
        if reps == 0:
            col.note(rowno, f"0 reps with {weight:g} of weight (a missed lift?): {exercise}")

        title = cell(row, columns, "title") or None
        start_text = cell(row, columns, "start")
        key = (title, start_text)
        if key not in durations:
            minutes = None
            end_text = cell(row, columns, "end")
            if end_text:
                try:
                    end: datetime = dates(end_text, "end_time")
                    minutes = span_minutes(start, end)
                except ValueProblem as exc:
                    col.note(rowno, f"{exc}: the workout's duration was left out")
            durations[key] = checked_duration(minutes, rowno, col, end_text)
        superset = cell(row, columns, "superset")
        if superset:
            supersets.add((key, superset, exercise))
        # set_index restarts at 0 for each exercise entry: the same exercise logged twice in a
        # row stays two entries.
        col.add(key, start, title, durations[key], exercise, workout_set, split=set_index == 0)

    if attempted and date_failures == attempted:
        raise ImportFormatError(
            "no start_time could be read, e.g. "
            f"{cell(table.rows[0], columns, 'start')!r}; expected dates like "
            "9 Apr 2026, 17:18 or May 15, 2026, 7:26 PM",
            file=name,
        )
    if supersets:
        col.warn(
            f"{len(supersets)} exercises were logged in supersets; the history keeps them in "
            "order but not the pairing"
        )
    return col.result(athlete, shape="", language="en", delimiter=table.delimiter, weight_unit=unit)
