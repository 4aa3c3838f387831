"""Shared machinery of the importers: reading text, CSV, headers, numbers, durations, dates, and
the collector that groups rows into workouts while keeping the row account."""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any, TypeAlias

import attrs

from ..errors import HistoryError, ImportFormatError
from ..history import Athlete, Exercise, History, Workout, WorkoutSet
from .report import ImportReport, ImportResult, RowNote, SkippedRow

Source: TypeAlias = "str | os.PathLike[str] | IO[str] | IO[bytes]"
AthleteLike: TypeAlias = "Athlete | Mapping[str, Any] | None"

LB = 0.45359237
MILE_KM = 1.609344
MAX_BYTES = 256 * 1024 * 1024


# --------------------------------------------------------------------------- reading text
def source_name(source: Source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return str(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<input>"


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text from bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, or,
    failing UTF-8, Windows-1252 (with a warning)."""
    if data[:4] == b"PK\x03\x04":
        raise ImportFormatError(
            "this is a zip archive (an .xlsx spreadsheet?), not a CSV or JSON export; "
            "export or save it as CSV",
            file=name,
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise ImportFormatError("the file is not valid UTF-16 text", file=name) from None
    if b"\x00" in data[:4096]:
        raise ImportFormatError(
            "this is a binary file, not a CSV or JSON export (it contains NUL bytes)", file=name
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        warning = (
            f"the file is not UTF-8 (byte {exc.start}); it was read as Windows-1252, "
            "check accented names"
        )
        return data.decode("cp1252", errors="replace"), [warning]


def read_source(source: Source) -> tuple[str, str, list[str]]:
    """The text of a path or an open file, its display name, and warnings about the encoding."""
    name = source_name(source)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            if path.is_dir():
                raise ImportFormatError("is a folder, not a file", file=name)
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise ImportFormatError(
                    f"is {size // (1024 * 1024)} MB, more than the limit of "
                    f"{MAX_BYTES // (1024 * 1024)} MB",
                    file=name,
                )
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFormatError(
                f"cannot read the file: {exc.strerror or exc}", file=name
            ) from None
        text, warnings = decode(data, name)
        return text, name, warnings
    if not callable(getattr(source, "read", None)):
        raise ImportFormatError(
            f"expected a file path or an open file, got {type(source).__name__}", file=name
        )
    raw = source.read()
    if isinstance(raw, bytes):
        text, warnings = decode(raw, name)
        return text, name, warnings
    if not isinstance(raw, str):
        raise ImportFormatError(f"reading gave {type(raw).__name__}, not text", file=name)
    return raw.removeprefix("\ufeff"), name, []


# --------------------------------------------------------------------------- CSV
def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def sniff_delimiter(header: str) -> str:
    """The delimiter of a header line: the most frequent of ``,``, ``;`` and tab outside quotes."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


class Table:
    """The header and rows of a CSV text; row numbers count the header as row 1."""

    def __init__(self, text: str, name: str, delimiter: str | None = None) -> None:
        self.name = name
        self.offset = 0
        head = first_line(text)
        if re.fullmatch(r'"?sep=(.)"?\s*', head):
            # Excel's "sep=;" line names the delimiter; the header follows it
            delimiter = delimiter or head.strip().strip('"')[4]
            text = text[text.index(head) + len(head) :].lstrip("\r\n")
            self.offset = 1
        self.delimiter = delimiter or sniff_delimiter(first_line(text))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self.delimiter)
        rows: list[list[str]] = []
        try:
            for row in reader:
                rows.append(row)
        except csv.Error as exc:
            raise ImportFormatError(
                f"not readable as CSV: {exc}", file=name, row=len(rows) + 1
            ) from None
        # leading blank lines before the header are not rows of data
        while rows and not any(cell.strip() for cell in rows[0]):
            rows.pop(0)
        if not rows:
            raise ImportFormatError("the file is empty", file=name)
        header = [cell.strip() for cell in rows[0]]
        while header and not header[-1]:
            header.pop()
        self.header = header
        self.rows = rows[1:]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        for i, row in enumerate(self.rows):
            yield i + 2 + self.offset, row


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """A header cell folded for matching: no accents, case-folded, one space, straight quotes."""
    text = unicodedata.normalize("NFKD", text.strip().strip('"').strip())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


_UNIT_IN_HEADER = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def split_unit(cell: str) -> tuple[str, str]:
    """``'weight (kg)'`` -> ``('weight', 'kg')``; a cell without a unit gives ``(cell, '')``."""
    folded = fold(cell)
    m = _UNIT_IN_HEADER.match(folded)
    if m and m.group(1):
        return m.group(1).strip(), m.group(2).strip()
    return folded, ""


def map_header(
    header: Sequence[str], aliases: Mapping[str, Mapping[str, Iterable[str]]]
) -> tuple[dict[str, int], dict[str, str], str]:
    """Map canonical column names to indexes.

    ``aliases`` maps a language to ``{canonical: [folded spellings]}``. Returns the column
    indexes, the unit found in each column's header (``'kg'`` for ``Weight (kg)``) and the
    language most of the matched names belong to.
    """
    lookup: dict[str, tuple[str, str]] = {}
    for lang, table in aliases.items():
        for canon, spellings in table.items():
            for s in spellings:
                lookup.setdefault(s, (canon, lang))
    columns: dict[str, int] = {}
    units: dict[str, str] = {}
    votes: dict[str, int] = {}
    for i, cell in enumerate(header):
        folded = fold(cell)
        base, unit = split_unit(cell)
        hit = lookup.get(folded) or lookup.get(base) or lookup.get(folded.rstrip("."))
        if hit is None:
            continue
        canon, lang = hit
        if canon in columns:
            continue
        columns[canon] = i
        if lookup.get(folded) is None and unit:
            units[canon] = unit
        if canon not in ("rpe", "notes", "date", "distance"):
            votes[lang] = votes.get(lang, 0) + 1
    language = max(votes, key=lambda k: votes[k]) if votes else ""
    return columns, units, language


def cell(row: Sequence[str], columns: Mapping[str, int], key: str) -> str:
    i = columns.get(key)
    if i is None or i >= len(row):
        return ""
    return row[i].strip()


# --------------------------------------------------------------------------- values
class ValueProblem(ValueError):
    """A cell that cannot be read; the message says which and why."""


def number(text: str, what: str) -> float | None:
    """A number written with a decimal point or a decimal comma; blank gives ``None``."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not s:
        return None
    if "," in s and "." in s:
        s = (
            s.replace(".", "").replace(",", ".")
            if s.rfind(",") > s.rfind(".")
            else s.replace(",", "")
        )
    elif "," in s:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        raise ValueProblem(f"{what} {text.strip()!r} is not a number") from None
    if math.isnan(value) or math.isinf(value):
        raise ValueProblem(f"{what} {text.strip()!r} is not a finite number")
    return value


def whole(text: str, what: str) -> int | None:
    value = number(text, what)
    if value is None:
        return None
    if not value.is_integer():
        raise ValueProblem(f"{what} {text.strip()!r} is not a whole number")
    return int(value)


def tidy(value: float) -> float:
    """Round a converted value to a gram (kg) or a metre, to avoid long float tails."""
    return round(value, 3)


_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)\.?", re.UNICODE)
_DURATION_UNITS = {
    "h": 60.0,
    "hr": 60.0,
    "hrs": 60.0,
    "hour": 60.0,
    "hours": 60.0,
    "std": 60.0,
    "stunde": 60.0,
    "stunden": 60.0,
    "heure": 60.0,
    "heures": 60.0,
    "hora": 60.0,
    "horas": 60.0,
    "ora": 60.0,
    "ore": 60.0,
    "m": 1.0,
    "min": 1.0,
    "mins": 1.0,
    "minute": 1.0,
    "minutes": 1.0,
    "minuten": 1.0,
    "minuto": 1.0,
    "minutos": 1.0,
    "minuti": 1.0,
    "s": 1 / 60,
    "sec": 1 / 60,
    "secs": 1 / 60,
    "sek": 1 / 60,
    "second": 1 / 60,
    "seconds": 1 / 60,
    "seconde": 1 / 60,
    "secondes": 1 / 60,
    "sekunden": 1 / 60,
    "segundos": 1 / 60,
    "secondi": 1 / 60,
}
_CLOCK = re.compile(r"^(\d+):(\d{1,2})(?::(\d{1,2}))?$")


def duration_minutes(text: str, bare_unit: str = "s") -> float | None:
    """Minutes from ``2h 38m``, ``38min``, ``1h 10min``, ``1 Std. 10 Min.``, ``1:10:00`` or a bare
    number (in ``bare_unit``: ``s`` or ``min``). Blank gives ``None``."""
    s = text.strip()
    if not s:
        return None
    clock = _CLOCK.match(s)
    if clock:
        a, b, c = clock.groups()
        return int(a) * 60 + int(b) + int(c) / 60 if c is not None else int(a) + int(b) / 60
    try:
        bare = number(s, "duration")
    except ValueProblem:
        bare = None
    if bare is not None:
        return bare / 60 if bare_unit == "s" else bare
    total = 0.0
    rest = s
    matched = False
    for m in _DURATION_PART.finditer(s):
        unit = fold(m.group(2))
        if unit not in _DURATION_UNITS:
            raise ValueProblem(f"duration {text!r} has an unknown unit {m.group(2)!r}")
        value = float(m.group(1).replace(",", "."))
        total += value * _DURATION_UNITS[unit]
        rest = rest.replace(m.group(0), "", 1)
        matched = True
    if not matched or rest.strip(" ,."):
        raise ValueProblem(f"duration {text!r} is not like '1h 10min' or '38m'")
    return total


def clock_seconds(text: str) -> float | None:
    """Seconds from ``0:09:21``, ``9:21`` or a bare number of seconds; blank gives ``None``."""
    s = text.strip()
    if not s:
        return None
    m = _CLOCK.match(s)
    if m:
        a, b, c = m.groups()
        return int(a) * 3600 + int(b) * 60 + int(c) if c is not None else int(a) * 60 + int(b)
    value = number(s, "time")
    return value


# --------------------------------------------------------------------------- dates
_MONTHS: dict[int, tuple[str, ...]] = {
    1: (
        "jan",
        "janv",
        "january",
        "janvier",
        "januar",
        "jaen",
        "ene",
        "enero",
        "gen",
        "gennaio",
        "janeiro",
        "januari",
    ),
    2: (
        "feb",
        "febr",
        "february",
        "fev",
        "fevr",
        "fevrier",
        "februar",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
    ),
    3: ("mar", "mars", "march", "marz", "maerz", "mrz", "marzo", "marco", "maart", "mrt"),
    4: ("apr", "april", "avr", "avril", "abr", "abril", "aprile"),
    5: ("may", "mai", "mayo", "mag", "maggio", "maio", "mei"),
    6: ("jun", "june", "juin", "juni", "junio", "giu", "giugno", "junho"),
    7: ("jul", "july", "juil", "juillet", "juli", "julio", "lug", "luglio", "julho"),
    8: ("aug", "august", "aout", "ago", "agosto", "augustus"),
    9: ("sep", "sept", "september", "septembre", "septiembre", "set", "settembre", "setembro"),
    10: (
        "oct",
        "october",
        "octobre",
        "okt",
        "oktober",
        "octubre",
        "ott",
        "ottobre",
        "out",
        "outubro",
    ),
    11: ("nov", "november", "novembre", "noviembre", "novembro"),
    12: (
        "dec",
        "december",
        "decembre",
        "dez",
        "dezember",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
    ),
}
MONTHS = {name: number for number, names in _MONTHS.items() for name in names}

_TIME = re.compile(
    r"(?<![\d.])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?"
    r"(?:\s*([ap])\.?\s?m\.?(?![^\W\d_]))?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ISO_LIKE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)

DATE_EXAMPLES = (
    "2026-04-09 17:18:00, 9 Apr 2026, 17:18, May 15, 2026, 7:26 PM, "
    "05.06.2026, 07:30 or 19 ago 2026, 14:20"
)


class DateReader:
    """Reads the dates of one file. Numeric dates with slashes (``05/06/2026``) are ambiguous:
    the order is ``date_order`` when given, else decided from the file (a first number above 12
    means day first, a second above 12 means month first, times with AM/PM mean month first),
    else day first with a warning."""

    def __init__(self, values: Iterable[str], date_order: str | None = None) -> None:
        if date_order not in (None, "dmy", "mdy"):
            raise ValueError(f"date_order must be 'dmy' or 'mdy', got {date_order!r}")
        self.order = date_order
        self.warning: str | None = None
        self._cache: dict[tuple[str, str], datetime | str] = {}
        if date_order is None:
            self.order = self._decide(values)

    def _decide(self, values: Iterable[str]) -> str:
        day_first = month_first = ampm = ambiguous = False
        for value in values:
            m = _NUMERIC_DATE.search(value)
            if not m or m.group(2) != "/" or len(m.group(1)) == 4:
                continue
            a, b = int(m.group(1)), int(m.group(3))
            if a > 12:
                day_first = True
            elif b > 12:
                month_first = True
            else:
                ambiguous = True
            if re.search(r"\d\s*[ap]\.?\s?m\b", value, re.IGNORECASE):
                ampm = True
        if day_first and not month_first:
            return "dmy"
        if month_first and not day_first:
            return "mdy"
        if ampm:
            return "mdy"
        if ambiguous or (day_first and month_first):
            self.warning = (
                "dates like 05/06/2026 are ambiguous; they were read day first "
                "(pass date_order='mdy' or --date-order mdy for month first)"
            )
        return "dmy"

    def __call__(self, text: str, what: str = "date") -> datetime:
        # every set of a workout repeats its date: parse each distinct text once
        key = (text, what)
        hit = self._cache.get(key)
        if hit is None:
            try:
                hit = parse_datetime(text, what, self.order or "dmy")
            except ValueProblem as exc:
                hit = str(exc)
            self._cache[key] = hit
        if isinstance(hit, str):
            raise ValueProblem(hit)
        return hit


def parse_datetime(text: str, what: str = "date", order: str = "dmy") -> datetime:
    """A date-time from the many ways exports write one (see :data:`DATE_EXAMPLES`)."""
    s = text.strip()
    if not s:
        raise ValueProblem(f"{what} is blank")
    if _ISO_LIKE.match(s):
        try:
            return _checked(datetime.fromisoformat(s.replace("Z", "+00:00")), text, what)
        except ValueError:
            pass
    hour = minute = second = 0
    m = _TIME.search(s)
    if m:
        hour, minute = int(m.group(1)), int(m.group(2))
        second = int(m.group(3) or 0)
        half = (m.group(4) or "").lower()
        if half:
            if not 1 <= hour <= 12:
                raise ValueProblem(f"{what} {text!r} has an impossible 12-hour time")
            hour = hour % 12 + (12 if half == "p" else 0)
        s = s[: m.start()] + " " + s[m.end() :]
    try:
        day = _parse_day(s, order)
        moment = datetime.combine(day, time(hour, minute, second))
    except (ValueError, OverflowError):
        raise ValueProblem(f"{what} {text.strip()!r} is not a date like {DATE_EXAMPLES}") from None
    return _checked(moment, text, what)


def _checked(moment: datetime, text: str, what: str) -> datetime:
    if not 1900 <= moment.year <= 2100:
        raise ValueProblem(f"{what} {text.strip()!r} has a year outside 1900-2100")
    return moment


def _year(value: int) -> int:
    return value + 2000 if value < 100 else value


def _parse_day(s: str, order: str) -> date:
    m = _NUMERIC_DATE.search(s)
    if m:
        a, sep, b, c = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        if len(m.group(1)) == 4:
            return date(a, b, c)
        if sep == "/" and order == "mdy":
            return date(_year(c), a, b)
        return date(_year(c), b, a)
    month = None
    for word in _WORD.findall(s):
        month = MONTHS.get(fold(word).rstrip("."))
        if month is not None:
            break
    if month is None:
        raise ValueError("no month")
    numbers = [x for x in re.findall(r"\d+", s)]
    years = [int(x) for x in numbers if len(x) == 4]
    days = [int(x) for x in numbers if len(x) <= 2]
    if len(years) != 1 or len(days) != 1:
        raise ValueError("no day or year")
    return date(years[0], month, days[0])


# --------------------------------------------------------------------------- collecting
def check_options(weight_unit: str | None = None, date_order: str | None = None) -> None:
    """Reject option values a caller mistyped, naming the option."""
    if weight_unit is not None and (
        not isinstance(weight_unit, str)
        or fold(weight_unit).rstrip(".") not in ("kg", "kgs", "lb", "lbs")
    ):
        raise ImportFormatError(f"option weight_unit must be 'kg' or 'lb', got {weight_unit!r}")
    if date_order not in (None, "dmy", "mdy"):
        raise ImportFormatError(f"option date_order must be 'dmy' or 'mdy', got {date_order!r}")


def athlete_of(athlete: AthleteLike) -> Athlete:
    if athlete is None:
        return Athlete()
    if isinstance(athlete, Athlete):
        return athlete
    return Athlete.from_dict(athlete)


def make_set(reps: int, weight_kg: float | None, rpe: float | None, set_type: str) -> WorkoutSet:
    """A checked :class:`WorkoutSet`; raises :class:`ValueProblem` naming the bad value."""
    data: dict[str, Any] = {"reps": reps, "type": set_type}
    if weight_kg is not None:
        data["weight_kg"] = weight_kg
    if rpe is not None:
        data["rpe"] = rpe
    try:
        return WorkoutSet.from_dict(data, "set")
    except HistoryError as exc:
        field = exc.path.removeprefix("set.").replace("weight_kg", "weight")
        raise ValueProblem(f"{field} {exc.problem}") from None


def round_rpe(value: float | None) -> tuple[float | None, str | None]:
    """RPE to the History model (1-10 in steps of 0.5): ``0`` means not logged; other values are
    rounded to the nearest half, with a note when that changed them."""
    if value is None or value == 0:
        return None, None
    rounded = round(value * 2) / 2
    if not 1 <= rounded <= 10:
        raise ValueProblem(f"RPE {value:g} is outside 1-10")
    if rounded != value:
        return rounded, f"RPE {value:g} rounded to {rounded:g}"
    return rounded, None


class _Work:
    __slots__ = ("duration", "exercises", "name", "start")

    def __init__(self, start: datetime, name: str | None, duration: float | None) -> None:
        self.start = start
        self.name = name
        self.duration = duration
        self.exercises: list[tuple[str, list[WorkoutSet]]] = []


class Collector:
    """Groups imported sets into workouts and exercises and keeps the row account."""

    def __init__(self, fmt: str, file: str | None) -> None:
        self.format = fmt
        self.file = file
        self.rows_read = 0
        self.sets = 0
        self.skipped: list[SkippedRow] = []
        self.notes: list[RowNote] = []
        self.warnings: list[str] = []
        self._workouts: dict[Any, _Work] = {}

    def skip(self, row: int, kind: str, reason: str) -> None:
        self.skipped.append(SkippedRow(row=row, reason=reason, kind=kind))

    def note(self, row: int, text: str) -> None:
        self.notes.append(RowNote(row=row, note=text))

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def add(
        self,
        key: Any,
        start: datetime,
        name: str | None,
        duration: float | None,
        exercise: str,
        workout_set: WorkoutSet,
        *,
        split: bool = False,
    ) -> None:
        """Add a set to the workout ``key``: to its last exercise when the name is the same (and
        ``split`` is false), else as a new exercise."""
        work = self._workouts.get(key)
        if work is None:
            work = self._workouts[key] = _Work(start, name, duration)
        if work.exercises and work.exercises[-1][0] == exercise and not split:
            work.exercises[-1][1].append(workout_set)
        else:
            work.exercises.append((exercise, [workout_set]))
        self.sets += 1

    def _built(self) -> tuple[Workout, ...]:
        """The workouts collected (their classes check the limits of the history format)."""
        built: dict[tuple[Any, ...], Workout] = {}
        for w in self._workouts.values():
            workout = Workout(
                start=w.start,
                name=w.name,
                duration_min=w.duration,
                exercises=tuple(Exercise(name=n, sets=tuple(s)) for n, s in w.exercises),
            )
            key = (workout.start, workout.exercises)
            first = built.get(key)
            if first is not None:
                # two workouts of the file with the same start and exercises: one workout with
                # every set of both rows (each row is still counted once)
                self.warn(
                    f"two workouts started at {workout.start:%Y-%m-%d %H:%M} with the same "
                    "exercises; their sets were combined into one workout"
                )
                workout = attrs.evolve(first, exercises=first.exercises + workout.exercises)
                del built[key]
                key = (workout.start, workout.exercises)
            built[key] = workout
        return tuple(built.values())

    def result(self, athlete: AthleteLike, **meta: Any) -> ImportResult:
        profile = athlete_of(athlete)
        try:
            history = History(athlete=profile, workouts=self._built())
        except HistoryError as exc:  # a 300-character name, 600 sets of one exercise, ...
            raise ImportFormatError(
                f"the file holds more than the history format allows: {exc}", file=self.file
            ) from None
        report = ImportReport(
            format=self.format,
            file=self.file,
            rows_read=self.rows_read,
            sets_imported=self.sets,
            workouts=len(history.workouts),
            skipped=tuple(sorted(self.skipped, key=lambda s: s.row)),
            notes=tuple(sorted(self.notes, key=lambda n: n.row)),
            warnings=tuple(self.warnings),
            **meta,
        )
        return ImportResult(history=history, report=report)


def checked_duration(
    minutes: float | None, row: int, collector: Collector, text: str
) -> float | None:
    """A workout duration within 0-24 h (rounded to 0.1 min), or ``None`` with a note."""
    if minutes is None:
        return None
    if not 0 <= minutes <= 1440:
        collector.note(row, f"workout duration {text!r} is outside 0-24 h and was left out")
        return None
    return round(minutes, 1)


def skip_without_reps(
    col: Collector,
    row: int,
    exercise: str,
    reps: int | None,
    weight: float | None,
    distance: float | None,
    distance_unit: str,
    seconds: float | None,
) -> bool:
    """Skip (and account for) a row that is not a strength set: a distance or a time without
    reps (cardio, carries, holds), or nothing at all. Returns True when the row was skipped;
    a row with 0 reps and a weight (a missed lift) is kept."""
    if reps:
        return False
    if distance:
        what = f"{distance:g} {distance_unit}" if distance_unit else f"distance {distance:g}"
        what += f" in {seconds:g} s" if seconds else ""
        col.skip(row, "cardio", f"a distance and no reps: {exercise}, {what}")
    elif seconds:
        col.skip(row, "timed", f"a time and no reps: {exercise}, {seconds:g} s")
    elif reps is None and weight:
        col.skip(row, "invalid", f"reps are blank: {exercise}, weight {weight:g}")
    elif reps is None or not weight:
        col.skip(row, "empty", f"an empty set, no reps, weight, distance or time: {exercise}")
    else:
        return False
    return True


def blank(row: Sequence[str]) -> bool:
    return not any(c.strip() for c in row)


def span_minutes(start: datetime, end: datetime) -> float:
    return (end - start) / timedelta(minutes=1)
