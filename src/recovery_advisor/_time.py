"""Time-zone handling shared by the history model and the facts layer."""

from __future__ import annotations

import warnings
from datetime import datetime
from typing import TYPE_CHECKING

from .errors import TimeZoneWarning

if TYPE_CHECKING:
    from .facts import HistoryParts

__all__ = ["current_moment", "first_aware", "local", "warn_if_naive_now"]


def local(moment: datetime, now: datetime) -> datetime:
    """A naive local time for ``moment``: see "Time zones" in ``docs/history-format.md``.

    Naive times are the athlete's local time. With an aware ``now``, an aware ``moment`` is
    converted to now's offset; with a naive ``now``, an aware ``moment`` keeps its own
    wall-clock time.
    """
    if moment.tzinfo is None:
        return moment
    if now.tzinfo is not None:
        return moment.astimezone(now.tzinfo).replace(tzinfo=None)
    return moment.replace(tzinfo=None)


def current_moment() -> datetime:
    """The default ``now``: the computer's current local time, aware (with its UTC offset).

    Aware, so that history timestamps with an offset are converted to the local zone instead of
    keeping their own wall-clock time; naive history times read as local times either way.
    """
    return datetime.now().astimezone()


def first_aware(history: HistoryParts) -> tuple[str, datetime] | None:
    """The field path and value of the first timestamp with an offset, or ``None``."""
    for i, w in enumerate(history.workouts):
        if w.start.tzinfo is not None:
            return f"workouts[{i}].start", w.start
    for j, c in enumerate(history.checkins):
        if c.at.tzinfo is not None:
            return f"checkins[{j}].at", c.at
    return None


def warn_if_naive_now(history: HistoryParts, now: datetime) -> None:
    """Warn (:class:`TimeZoneWarning`) when a naive ``now`` meets timestamps with an offset."""
    if now.tzinfo is not None:
        return
    found = first_aware(history)
    if found is None:
        return
    path, moment = found
    warnings.warn(
        f"now {now.isoformat()} has no UTC offset but {path} = {moment.isoformat()} has one: "
        f"timestamps with an offset keep their own wall-clock time "
        f"({moment.replace(tzinfo=None).isoformat()}), so a history exported in UTC is shifted "
        f"by your offset. Give now your UTC offset (e.g. {now.isoformat()}+01:00 for UTC+1) "
        f"to compare exact moments",
        TimeZoneWarning,
        stacklevel=3,
    )
