"""Tell the format of a history file from its content (never from its name) and import it."""

from __future__ import annotations

import json
from datetime import time
from typing import Any

from .._validate import json_problem
from ..errors import HistoryError, ImportFormatError
from ..history import History
from ._common import (
    AthleteLike,
    Source,
    Table,
    athlete_of,
    check_options,
    map_header,
    read_source,
)
from .checkins import CHECKIN_HEADERS, is_checkins, parse_checkins
from .fitnotes import FITNOTES_HEADERS, is_fitnotes, parse_fitnotes
from .hevy import HEVY_HEADERS, is_hevy, parse_hevy
from .report import ImportReport, ImportResult
from .strong import STRONG_HEADERS, is_strong, parse_strong

__all__ = ["FORMATS", "detect_format", "import_history"]

FORMATS = ("json", "strong", "hevy", "fitnotes", "checkins")
EXPECTED = (
    "expected a JSON history (format version 1) or a CSV export from Strong, Hevy or FitNotes "
    "(or a check-in/sleep CSV with the columns date,muscle,feeling,level or date,hours)"
)


def detect_format(text: str, name: str = "<input>") -> str:
    """``json``, ``strong``, ``hevy``, ``fitnotes`` or ``checkins``, from the content alone.

    Raises :class:`~recovery_advisor.ImportFormatError` naming what was expected otherwise.
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise ImportFormatError(f"the file is empty; {EXPECTED}", file=name)
    if stripped[0] in "{[":
        return "json"
    cells = Table("\n".join(stripped.splitlines()[:2]), name).header
    header = ",".join(cells)
    # Hevy first: its snake_case names are unambiguous; FitNotes before Strong, since
    # "Exercise" + "Category" never appear in a Strong header.
    if is_hevy(map_header(cells, HEVY_HEADERS)[0]):
        return "hevy"
    if is_fitnotes(map_header(cells, FITNOTES_HEADERS)[0]):
        return "fitnotes"
    if is_strong(map_header(cells, STRONG_HEADERS)[0]):
        return "strong"
    if is_checkins(map_header(cells, CHECKIN_HEADERS)[0]):
        return "checkins"
    shown = ", ".join(c for c in cells[:8] if c) or header[:80]
    raise ImportFormatError(
        f"not a workout export: {EXPECTED}; the first line has {shown!r}", file=name
    )


def _json(text: str, name: str, athlete: AthleteLike) -> ImportResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HistoryError(
            "", f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}"
        ) from None
    except (RecursionError, ValueError) as exc:  # nested too deeply; a 5,000-digit number
        raise HistoryError("", f"{name} cannot be read as JSON: {json_problem(exc)}") from None
    if not isinstance(data, dict):
        raise ImportFormatError(
            f"the JSON holds a {type(data).__name__}, not a history object; {EXPECTED}", file=name
        )
    try:
        history = History.from_dict(data)
    except HistoryError as exc:
        raise HistoryError(exc.path, f"{exc.problem} (in {name})") from None
    if athlete is not None:
        history = history.merge(History(athlete=athlete_of(athlete)))
    sets = sum(len(e.sets) for w in history.workouts for e in w.exercises)
    report = ImportReport(
        format="json",
        file=name,
        rows_read=sets + len(history.checkins) + len(history.sleep),
        sets_imported=sets,
        checkins_imported=len(history.checkins),
        sleep_imported=len(history.sleep),
        workouts=len(history.workouts),
    )
    return ImportResult(history=history, report=report)


def import_history(
    source: Source,
    *,
    format: str | None = None,
    weight_unit: str | None = None,
    athlete: AthleteLike = None,
    date_order: str | None = None,
    workout_time: time | None = None,
) -> ImportResult:
    """Read a history in any supported format, detected from the content (or given by
    ``format``), with the import report.

    ``source`` is a path or an open file. ``weight_unit`` (``"kg"``/``"lb"``) is used by exports
    that do not say their unit (Strong classic); ``athlete`` is a profile to attach (it wins over
    the file's); ``date_order`` (``"dmy"``/``"mdy"``) settles dates like ``05/06/2026``;
    ``workout_time`` is the time of day given to FitNotes workouts (default 12:00).
    """
    if format is not None and format not in FORMATS:
        raise ImportFormatError(
            f"unknown format {format!r}; formats: {', '.join(FORMATS)}", file=None
        )
    check_options(weight_unit, date_order)
    text, name, warnings = read_source(source)
    fmt = format or detect_format(text, name)
    options: dict[str, Any] = {"athlete": athlete, "date_order": date_order, "warnings": warnings}
    if fmt == "json":
        return _json(text, name, athlete)
    if fmt == "strong":
        return parse_strong(text, name, weight_unit=weight_unit, **options)
    if fmt == "hevy":
        return parse_hevy(text, name, **options)
    if fmt == "fitnotes":
        return parse_fitnotes(
            text, name, weight_unit=weight_unit, workout_time=workout_time or time(12, 0), **options
        )
    return parse_checkins(text, name, **options)
