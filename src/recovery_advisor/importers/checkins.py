"""How the athlete felt and slept, from a small CSV file.

Check-ins: ``date,muscle,feeling,level`` (``level`` 1-5 is optional, default 3); ``date`` may be a
date (the check-in is taken at the start of that day) or a date-time. Sleep: ``date,hours``, the
hours slept in the night that ended on ``date``. One file may hold both kinds of rows when it has
all five columns: a row with a muscle is a check-in, a row with only hours is a night of sleep.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..errors import HistoryError, ImportFormatError
from ..history import CheckIn, History, Sleep
from ._common import (
    AthleteLike,
    DateReader,
    Source,
    Table,
    ValueProblem,
    athlete_of,
    blank,
    cell,
    check_options,
    duration_minutes,
    fold,
    map_header,
    number,
    read_source,
)
from .report import ImportReport, ImportResult, RowNote, SkippedRow

__all__ = ["CHECKIN_HEADERS", "read_checkins"]

CHECKIN_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "date": ("date", "at", "datetime", "time", "when", "night"),
        "muscle": ("muscle", "muscle group", "area"),
        "feeling": ("feeling", "feel", "status"),
        "level": ("level", "intensity", "severity"),
        "hours": ("hours", "sleep", "sleep hours", "hours slept"),
    }
}


def is_checkins(columns: dict[str, int]) -> bool:
    return "date" in columns and (
        ("muscle" in columns and "feeling" in columns) or "hours" in columns
    )


_HOURS_CLOCK = re.compile(r"^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$")
MAX_NIGHT_HOURS = 24.0


def _hours(text: str) -> float | None:
    """Hours of sleep from ``7.5``, ``7,5``, ``7h 30min`` or ``7:30`` (hours:minutes, with
    optional seconds); blank gives ``None``. A value outside 0-24 h is not a night of sleep."""
    s = text.strip()
    if not s:
        return None
    clock = _HOURS_CLOCK.match(s)
    if clock:
        h, m, sec = (int(g) if g is not None else 0 for g in clock.groups())
        if m > 59 or sec > 59:
            raise ValueProblem(f"hours {s!r} is not hours:minutes like 7:30")
        hours = h + m / 60 + sec / 3600
    else:
        try:
            hours = number(s, "hours") or 0.0
        except ValueProblem:
            try:
                minutes = duration_minutes(s, "min")
            except ValueProblem:
                raise ValueProblem(
                    f"hours {s!r} is not hours of sleep like 7.5, 7:30 or 7h 30min"
                ) from None
            hours = 0.0 if minutes is None else minutes / 60
    if not 0 <= hours <= MAX_NIGHT_HOURS:
        raise ValueProblem(f"hours {s!r} is not a night of sleep (0-24 h)")
    return round(hours, 3)


def read_checkins(
    source: Source, *, athlete: AthleteLike = None, date_order: str | None = None
) -> ImportResult:
    """Read check-ins (``date,muscle,feeling,level``) and/or sleep (``date,hours``) from a CSV
    file; the result's history holds only those, ready for :meth:`History.merge`."""
    check_options(None, date_order)
    text, name, enc_warnings = read_source(source)
    return parse_checkins(text, name, athlete=athlete, date_order=date_order, warnings=enc_warnings)


def parse_checkins(
    text: str,
    name: str,
    *,
    athlete: AthleteLike = None,
    date_order: str | None = None,
    warnings: list[str] | None = None,
) -> ImportResult:
    table = Table(text, name)
    columns, _units, _lang = map_header(table.header, CHECKIN_HEADERS)
    if not is_checkins(columns):
        raise ImportFormatError(
            "not a check-in or sleep file: expected the columns date,muscle,feeling,level or "
            f"date,hours; the header is {', '.join(table.header[:8])}",
            file=name,
        )
    dates = DateReader((cell(r, columns, "date") for _, r in table), date_order)
    skipped: list[SkippedRow] = []
    notes: list[RowNote] = []
    checkins: list[CheckIn] = []
    sleep: list[Sleep] = []
    width = len(table.header)
    nights: dict[Any, int] = {}
    rows = 0
    for rowno, row in table:
        rows += 1
        if blank(row):
            skipped.append(SkippedRow(rowno, "blank line", "blank"))
            continue
        if len(row) > width and any(c.strip() for c in row[width:]):
            skipped.append(
                SkippedRow(rowno, f"has {len(row)} values, the header has {width}", "malformed")
            )
            continue
        muscle = fold(cell(row, columns, "muscle")).replace(" ", "_").replace("-", "_")
        try:
            moment = dates(cell(row, columns, "date"))
            if muscle:
                data: dict[str, Any] = {
                    "at": moment,
                    "muscle": muscle,
                    "feeling": fold(cell(row, columns, "feeling")),
                }
                level = cell(row, columns, "level")
                if level:
                    data["level"] = number(level, "level")
                checkins.append(CheckIn.from_dict(data, "check-in"))
            else:
                hours = _hours(cell(row, columns, "hours"))
                if hours is None:
                    raise ValueProblem("neither a muscle nor hours of sleep")
                night = Sleep.from_dict({"date": moment.date(), "hours": hours}, "sleep")
                if night.date in nights:
                    raise ValueProblem(
                        f"the night of {night.date} is already given in row {nights[night.date]}"
                    )
                nights[night.date] = rowno
                sleep.append(night)
                if moment.time() != datetime.min.time():
                    notes.append(RowNote(rowno, "the time of day was ignored (sleep is per night)"))
        except ValueProblem as exc:
            skipped.append(SkippedRow(rowno, str(exc), "invalid"))
        except HistoryError as exc:
            skipped.append(SkippedRow(rowno, f"{exc.path.split('.')[-1]} {exc.problem}", "invalid"))
    report = ImportReport(
        format="checkins",
        file=name,
        rows_read=rows,
        checkins_imported=len(checkins),
        sleep_imported=len(sleep),
        skipped=tuple(skipped),
        notes=tuple(notes),
        warnings=tuple([*(warnings or ()), *([dates.warning] if dates.warning else [])]),
        delimiter=table.delimiter,
        language="en",
    )
    history = History(athlete=athlete_of(athlete), checkins=tuple(checkins), sleep=tuple(sleep))
    return ImportResult(history=history, report=report)
