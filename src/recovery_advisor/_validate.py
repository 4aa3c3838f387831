"""Small helpers that check JSON-like values and raise :class:`HistoryError` with a field path."""

from __future__ import annotations

import difflib
import math
import re
import reprlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Final, TypeVar

from .errors import HistoryError

MAX_STRING = 200
T = TypeVar("T")


def suggest(word: str, options: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest option, or an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_REPR = reprlib.Repr()
_REPR.maxlevel = 3  # a list nested 5,000 deep is shown as [[[...]]], not recursed into
_REPR.maxstring = _REPR.maxother = 60


def show(value: Any) -> str:
    """A short, safe rendering of an offending value for an error message."""
    text = _REPR.repr(value) if isinstance(value, (list, tuple, dict, set)) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def mapping(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise HistoryError(path, f"must be an object, got {type(value).__name__}")
    return value


def sequence(value: Any, path: str, limit: int = 1_000_000) -> list[Any]:
    if not isinstance(value, (list, tuple)):
        raise HistoryError(path, f"must be a list, got {type(value).__name__}")
    if len(value) > limit:
        raise HistoryError(path, f"has {len(value)} items, more than the limit of {limit}")
    return list(value)


def check_keys(obj: Mapping[str, Any], path: str, allowed: Iterable[str]) -> None:
    """Reject unknown keys (keys starting with ``x-`` or ``x_`` are left to applications)."""
    allowed = tuple(allowed)
    for key in obj:
        if not isinstance(key, str):
            raise HistoryError(path, f"has a non-text key {show(key)}")
        if key in allowed or key.startswith(("x-", "x_")):
            continue
        where = f"{path}.{key}" if path else key
        raise HistoryError(
            where,
            f"unknown field{suggest(key, allowed)}; known fields: {', '.join(allowed)}",
        )


def text(value: Any, path: str, *, limit: int = MAX_STRING, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise HistoryError(path, f"must be text, got {show(value)}")
    if len(value) > limit:
        raise HistoryError(path, f"is {len(value)} characters long, more than the limit of {limit}")
    if not allow_empty and not value.strip():
        raise HistoryError(path, "must not be empty")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate such as "\ud800", which JSON lets through
            raise HistoryError(path, f"is not valid Unicode text, got {show(value)}") from None
    return value


def choice(value: Any, path: str, options: Iterable[str]) -> str:
    options = tuple(options)
    if not isinstance(value, str) or value not in options:
        hint = suggest(value, options) if isinstance(value, str) else ""
        raise HistoryError(path, f"must be one of {', '.join(options)}, got {show(value)}{hint}")
    return value


def number(value: Any, path: str, *, low: float, high: float, unit: str = "") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise HistoryError(path, f"must be a number from {low:g} to {high:g}, got {show(value)}")
    if math.isnan(value) or math.isinf(value):
        raise HistoryError(path, f"must be a finite number, got {value}")
    if not low <= value <= high:
        suffix = f" {unit}" if unit else ""
        raise HistoryError(path, f"must be from {low:g} to {high:g}{suffix}, got {value:g}")
    return float(value)


def whole(value: Any, path: str, *, low: int, high: int) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool)
    if not ok and isinstance(value, float) and value.is_integer():
        value, ok = int(value), True
    if not ok:
        raise HistoryError(path, f"must be a whole number ≥ {low}, got {show(value)}")
    if value < low:
        raise HistoryError(path, f"must be a whole number ≥ {low}, got {value}")
    if value > high:
        raise HistoryError(path, f"must be a whole number ≤ {high}, got {value}")
    return int(value)


#: The timestamp forms of the history format (``docs/history-format.md``), the same as the
#: schema's pattern: a date, then optionally ``T`` (or a space) and the time to the minute, with
#: optional seconds (with 3 or 6 decimals) and an optional ``Z`` or ``±HH:MM`` offset. Python's
#: ``datetime.fromisoformat`` alone accepts far more (``20261124T180000``, week dates, ``t``, an
#: hour alone, a trailing NUL), so the shape is checked first. ``\d`` is ASCII only and the
#: whole text must match, as in the schema's (ECMA 262) pattern.
TIMESTAMP_PATTERN: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{3}|\.\d{6})?)?(?:Z|[+-]\d{2}:\d{2})?)?",
    re.ASCII,
)
#: The same shapes as JSON Schema (ECMA 262) patterns, for the generated schema
#: (``docs/schema/history.schema.json``): a timestamp, and a sleep date (a date, or a date-time
#: with ``T`` whose date is taken).
DATE_TIME_PATTERN: Final = (
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{3}|\.\d{6})?)?(Z|[+-]\d{2}:\d{2})?)?$"
)
DATE_PATTERN: Final = (
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{3}|\.\d{6})?)?(Z|[+-]\d{2}:\d{2})?)?$"
)
#: The expected form, as error messages state it.
TIMESTAMP_FORM: Final = "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]"
_DATE_PATTERN: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _bad_timestamp(value: Any, path: str) -> HistoryError:
    return HistoryError(
        path,
        f"must be an ISO 8601 date-time {TIMESTAMP_FORM} like 2026-11-24T18:00:00, "
        f"got {show(value)}",
    )


def _parse_timestamp(value: str) -> datetime | None:
    """The moment ``value`` names if it has a documented form and exists, else ``None``."""
    if len(value) > 40 or TIMESTAMP_PATTERN.fullmatch(value) is None:
        return None
    try:
        return datetime.fromisoformat(value[:-1] + "+00:00" if value[-1] == "Z" else value)
    except ValueError:  # month 13, 25 o'clock, an offset of 24 hours
        return None


def timestamp(value: Any, path: str) -> datetime:
    """A datetime, or ISO 8601 text in one of the documented forms (:data:`TIMESTAMP_PATTERN`)."""
    if isinstance(value, datetime):
        return moment(value, path)
    if not isinstance(value, str):
        raise _bad_timestamp(value, path)
    result = _parse_timestamp(value)
    if result is None:
        raise _bad_timestamp(value, path)
    return moment(result, path)


def moment(value: Any, path: str) -> datetime:
    """A :class:`datetime` (naive or aware) of a year from 1900 to 2100."""
    if not isinstance(value, datetime):
        hint = (
            " (History.from_dict reads ISO 8601 text)"
            if isinstance(value, str)
            else " (a date alone has no time of day)"
            if isinstance(value, date)
            else ""
        )
        raise HistoryError(
            path, f"must be a datetime{hint}, got {type(value).__name__} {show(value)}"
        )
    if not 1900 <= value.year <= 2100:
        raise HistoryError(path, f"year must be from 1900 to 2100, got {value.year}")
    return value


def day(value: Any, path: str) -> date:
    """A date: a :class:`date`, ``YYYY-MM-DD`` text, or a date-time (whose date is taken)."""
    if isinstance(value, datetime):
        return moment(value, path).date()
    if isinstance(value, date):
        return calendar_day(value, path)
    if isinstance(value, str) and len(value) <= 40:
        if _DATE_PATTERN.fullmatch(value):
            try:
                return calendar_day(date.fromisoformat(value), path)
            except ValueError:
                pass
        elif len(value) > 10 and value[10] == "T":
            moment_ = _parse_timestamp(value)
            if moment_ is not None:
                return calendar_day(moment_.date(), path)
    raise HistoryError(path, f"must be an ISO 8601 date like 2026-11-25, got {show(value)}")


def calendar_day(value: Any, path: str) -> date:
    """A :class:`date` of a year from 1900 to 2100 (a datetime gives its date)."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        hint = " (History.from_dict reads ISO 8601 text)" if isinstance(value, str) else ""
        raise HistoryError(path, f"must be a date{hint}, got {type(value).__name__} {show(value)}")
    if not 1900 <= value.year <= 2100:
        raise HistoryError(path, f"year must be from 1900 to 2100, got {value.year}")
    return value


def instance(value: Any, path: str, kind: type[T]) -> T:
    """``value`` if it is a ``kind``; else a HistoryError naming what it is."""
    if not isinstance(value, kind):
        raise _not_a(value, path, kind)
    return value


def instances(value: Any, path: str, kind: type[T], *, limit: int) -> tuple[T, ...]:
    """A tuple of ``kind`` from a list or tuple of at most ``limit`` of them."""
    items: tuple[T, ...]
    if type(value) is tuple:
        items = value
        if len(items) > limit:
            raise HistoryError(path, f"has {len(items)} items, more than the limit of {limit}")
    else:
        items = tuple(sequence(value, path, limit))
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise _not_a(item, f"{path}[{i}]", kind)
    return items


def _not_a(value: Any, path: str, kind: type) -> HistoryError:
    noun = kind.__name__
    hint = " (History.from_dict reads JSON-like data)" if isinstance(value, Mapping) else ""
    article = "an" if noun[0] in "AEIOU" else "a"
    return HistoryError(path, f"must be {article} {noun}{hint}, got {type(value).__name__}")


def json_problem(exc: BaseException) -> str:
    """What made ``json.loads`` fail beyond a syntax error, in a few words."""
    if isinstance(exc, RecursionError):
        return "values are nested too deeply"
    return str(exc).split(";")[0]
