"""FitNotes (Android) CSV exports: one row per set, dates without a time (one workout a day).

Old header ``Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time`` (or
``Weight (lbs)``); new header ``Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,
Distance Unit,Time`` (some versions add ``Comment``). Some exports do not quote names that
contain commas (``Overhead Press (Each Side, Dumbbells)``): such rows have too many values and
are repaired when exactly one way of joining the values back gives a valid row, else skipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

from ..errors import ImportFormatError
from ._common import (
    AthleteLike,
    Collector,
    DateReader,
    Source,
    Table,
    ValueProblem,
    blank,
    cell,
    check_options,
    clock_seconds,
    fold,
    make_set,
    map_header,
    number,
    read_source,
    round_rpe,
    skip_without_reps,
    tidy,
    whole,
)
from .report import ImportResult
from .strong import unit_factor

__all__ = ["FITNOTES_HEADERS", "read_fitnotes"]

FITNOTES_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "date": ("date",),
        "exercise": ("exercise",),
        "category": ("category",),
        "weight": ("weight",),
        "weight_unit": ("weight unit",),
        "reps": ("reps",),
        "distance": ("distance",),
        "distance_unit": ("distance unit",),
        "time": ("time",),
        "comment": ("comment", "comments", "notes", "note"),
        "rpe": ("rpe",),
    }
}
REQUIRED = ("date", "exercise", "category", "reps")
_DISTANCE_UNITS = ("", "m", "km", "mi", "mile", "miles", "ft", "yd", "yards", "meters", "metres")
MAX_EXTRA = 6


def is_fitnotes(columns: dict[str, int]) -> bool:
    return all(k in columns for k in REQUIRED)


def read_fitnotes(
    source: Source,
    *,
    athlete: AthleteLike = None,
    workout_time: time = time(12, 0),
    weight_unit: str | None = None,
    date_order: str | None = None,
) -> ImportResult:
    """Read a FitNotes CSV export from a path or an open text file.

    FitNotes records dates without a time: each day becomes one workout starting at
    ``workout_time`` (default 12:00; a warning in the report says so). ``weight_unit`` is only
    used when the header gives no unit. Rows split by an unquoted comma inside a name are
    repaired (and listed in the report's notes) or skipped as ``malformed``.
    """
    check_options(weight_unit, date_order)
    text, name, enc_warnings = read_source(source)
    return parse_fitnotes(
        text,
        name,
        athlete=athlete,
        workout_time=workout_time,
        weight_unit=weight_unit,
        date_order=date_order,
        warnings=enc_warnings,
    )


class _Reader:
    def __init__(
        self,
        columns: dict[str, int],
        units: dict[str, str],
        dates: DateReader,
        weight_unit: str | None,
    ) -> None:
        self.columns = columns
        self.dates = dates
        self.per_row = "weight_unit" in columns
        self.header_factor = unit_factor(units.get("weight") or weight_unit or "kg", "weight unit")

    def parse(self, row: Sequence[str]) -> dict[str, Any]:
        """The values of a row; raises :class:`ValueProblem` naming the first bad one."""
        c = self.columns
        out: dict[str, Any] = {
            "date": self.dates(cell(row, c, "date")),
            "exercise": cell(row, c, "exercise"),
            "category": cell(row, c, "category"),
            "weight": number(cell(row, c, "weight"), "weight"),
            "reps": whole(cell(row, c, "reps"), "reps"),
            "distance": number(cell(row, c, "distance"), "distance"),
            "seconds": clock_seconds(cell(row, c, "time")),
            "rpe": number(cell(row, c, "rpe"), "RPE"),
        }
        out["factor"] = (
            unit_factor(cell(row, c, "weight_unit"), "weight unit")
            if self.per_row
            else self.header_factor
        )
        dunit = fold(cell(row, c, "distance_unit"))
        if dunit not in _DISTANCE_UNITS:
            raise ValueProblem(f"distance unit {dunit!r} is not km, m or mi")
        out["distance_unit"] = dunit
        if not out["exercise"]:
            raise ValueProblem("exercise name is blank")
        return out


def _parses(reader: _Reader, row: Sequence[str]) -> bool:
    try:
        reader.parse(row)
    except ValueProblem:
        return False
    return True


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def repair(
    row: Sequence[str],
    width: int,
    text_columns: Sequence[int],
    delimiter: str,
    reader: _Reader,
    known: Sequence[set[str]] = (),
) -> tuple[list[str], dict[str, Any]] | str:
    """Join the values of a row that has too many back into ``width`` columns.

    The extra values are given to the free-text columns (exercise, category, comment) in every
    possible way, and a way is kept when the resulting row is valid. Ways are ranked by how many
    of their names have balanced parentheses and how many of their names appear in the file's
    well-formed rows (``known``, one set per text column); the best must be unique. Returns the
    repaired row and its values, or the reason it could not be repaired.
    """
    extra = len(row) - width
    if extra > MAX_EXTRA:
        return f"{extra} values too many (at most {MAX_EXTRA} can be repaired)"
    scored: list[tuple[int, list[str], dict[str, Any]]] = []
    for split in itertools.product(range(extra + 1), repeat=len(text_columns)):
        if sum(split) != extra:
            continue
        give = dict(zip(text_columns, split, strict=True))
        out: list[str] = []
        i = 0
        for j in range(width):
            n = 1 + give.get(j, 0)
            out.append(delimiter.join(row[i : i + n]))
            i += n
        try:
            values = reader.parse(out)
        except ValueProblem:
            continue
        score = sum(_balanced(out[j]) for j in text_columns)
        score += sum(
            2 for j, names in zip(text_columns, known, strict=False) if out[j].strip() in names
        )
        scored.append((score, out, values))
    if not scored:
        return "no way of joining the values back gives a valid row"
    best = max(s for s, _, _ in scored)
    top = [(out, values) for s, out, values in scored if s == best]
    if len(top) > 1:
        readings = " or ".join(repr(out[text_columns[0]]) for out, _ in top[:3])
        return f"ambiguous: the exercise could be {readings}"
    return top[0]


def parse_fitnotes(
    text: str,
    name: str,
    *,
    athlete: AthleteLike = None,
    workout_time: time = time(12, 0),
    weight_unit: str | None = None,
    date_order: str | None = None,
    warnings: list[str] | None = None,
) -> ImportResult:
    table = Table(text, name)
    columns, units, _lang = map_header(table.header, FITNOTES_HEADERS)
    if not is_fitnotes(columns):
        raise ImportFormatError(
            "not a FitNotes export: expected the columns Date, Exercise, Category, Weight, "
            f"Reps, Distance, Distance Unit, Time; the header is {', '.join(table.header[:8])}",
            file=name,
        )
    col = Collector("fitnotes", name)
    for w in warnings or ():
        col.warn(w)
    if "weight_unit" in columns:
        unit_source = "per-row"
    elif units.get("weight"):
        try:
            unit_source = "lb" if unit_factor(units["weight"], "weight unit") != 1.0 else "kg"
        except ValueProblem as exc:
            raise ImportFormatError(str(exc), file=name, row=1) from None
    else:
        unit_source = weight_unit or "kg (assumed)"
    shape = "new" if "weight_unit" in columns else "old"
    width = len(table.header)
    dates = DateReader((cell(r, columns, "date") for _, r in table), date_order)
    if dates.warning:
        col.warn(dates.warning)
    try:
        reader = _Reader(columns, units, dates, weight_unit)
    except ValueProblem as exc:
        raise ImportFormatError(str(exc), file=name, row=1) from None
    text_columns = [columns[k] for k in ("exercise", "category", "comment") if k in columns]
    known: list[set[str]] = [
        {r[j].strip() for _, r in table if len(r) == width} for j in text_columns
    ]
    date_failures = attempted = 0

    for rowno, row in table:
        col.rows_read += 1
        if blank(row):
            col.skip(rowno, "blank", "blank line")
            continue
        repaired = False
        if (
            len(row) > width
            and not any(c.strip() for c in row[width:])
            and _parses(reader, row[:width])
        ):
            row = row[:width]  # trailing empty values (a trailing comma) are harmless
        elif len(row) > width:
            fixed = repair(row, width, text_columns, table.delimiter, reader, known)
            if isinstance(fixed, str):
                col.skip(
                    rowno,
                    "malformed",
                    f"has {len(row)} values, the header has {width} (a comma inside a name "
                    f"that is not quoted) and cannot be repaired: {fixed}",
                )
                continue
            row, repaired = fixed[0], True
        elif len(row) < width:
            col.skip(rowno, "malformed", f"has {len(row)} values, the header has {width}")
            continue
        attempted += 1
        try:
            try:
                values = reader.parse(row)
            except ValueProblem as exc:
                if "date" in str(exc).split(" ", 1)[0]:
                    date_failures += 1
                raise
            rpe, rpe_note = round_rpe(values["rpe"])
        except ValueProblem as exc:
            col.skip(rowno, "invalid", str(exc))
            continue
        exercise: str = values["exercise"]
        reps, weight = values["reps"], values["weight"]
        distance, seconds = values["distance"], values["seconds"]
        unit = values["distance_unit"]
        if skip_without_reps(col, rowno, exercise, reps, weight, distance, unit, seconds):
            continue
        factor: float = values["factor"]
        weight_kg = None if not weight else (weight if factor == 1.0 else tidy(weight * factor))
        try:
            workout_set = make_set(reps or 0, weight_kg, rpe, "normal")
        except ValueProblem as exc:
            col.skip(rowno, "invalid", f"{exc}: {exercise}")
            continue
        if repaired:
            col.note(
                rowno,
                f"an unquoted comma split this row; read as exercise {exercise!r}, "
                f"category {values['category']!r}",
            )
        if rpe_note:
            col.note(rowno, rpe_note)
        if reps == 0:
            col.note(rowno, f"0 reps with {weight:g} of weight (a missed lift?): {exercise}")
        day = values["date"].date()
        start = datetime.combine(day, workout_time)
        col.add(day, start, None, None, exercise, workout_set)

    if attempted and date_failures == attempted:
        raise ImportFormatError(
            f"no date could be read, e.g. {cell(table.rows[0], columns, 'date')!r}; "
            "expected dates like 2017-06-23",
            file=name,
        )
    if col.sets:
        col.warn(
            f"FitNotes records no time of day: each day's workout was placed at "
            f"{workout_time:%H:%M} (pass workout_time, or --workout-time, to change it)"
        )
    if unit_source == "kg (assumed)" and col.sets:
        col.warn("the header gives no weight unit; weights were read as kg")
    return col.result(
        athlete, shape=shape, language="en", delimiter=table.delimiter, weight_unit=unit_source
    )
