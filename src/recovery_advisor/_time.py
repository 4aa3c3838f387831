"""Time-zone handling shared by the history model and the facts layer."""

from __future__ import annotations

from datetime import datetime

__all__ = ["local"]


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
