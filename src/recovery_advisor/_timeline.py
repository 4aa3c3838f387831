"""Readiness of every muscle at a series of past moments (for ``plot_readiness``).

Each point is exactly the readiness :func:`~recovery_advisor.facts.derive_facts` computes at that
moment from the workouts that had started by then, so the curve and ``advise()`` never disagree.
The cost is one fact derivation per point over the workouts of the model's look-back window.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import attrs

from ._time import local
from .catalogue import Catalogue
from .facts import derive_facts, look_back_days
from .history import History

__all__ = ["ReadinessSeries", "readiness_series"]


@attrs.frozen(slots=True)
class ReadinessSeries:
    """``readiness[muscle][i]`` is the readiness (0-100) at ``times[i]`` (naive local times)."""

    times: tuple[datetime, ...]
    readiness: Mapping[str, tuple[int, ...]]


def readiness_series(
    history: History,
    moments: Sequence[datetime],
    params: Mapping[str, Any],
    catalogue: Catalogue | None = None,
) -> ReadinessSeries:
    """Readiness of every muscle at each of ``moments`` (sorted, all aware or all naive)."""
    cat = catalogue or Catalogue.default()
    if not moments:
        return ReadinessSeries((), {})
    first, last = moments[0], moments[-1]
    # Only workouts that can matter: up to the last moment, back to the model's look-back
    # (a day's margin each side covers time zones, the exact test is done per moment below).
    look_back = timedelta(days=look_back_days(params) + 1)
    lo = local(first, first) - look_back
    hi = local(last, last) + timedelta(days=1)
    pool = [w for w in history.workouts if lo <= w.start.replace(tzinfo=None) <= hi]
    times: list[datetime] = []
    series: dict[str, list[int]] = {}
    for moment in moments:
        now_l = local(moment, moment)
        done = tuple(w for w in pool if local(w.start, moment) <= now_l)
        facts = derive_facts(
            History(athlete=history.athlete, workouts=done), moment, params, catalogue=cat
        )
        times.append(now_l)
        for muscle, value in facts.readiness.items():
            series.setdefault(muscle, []).append(value)
    return ReadinessSeries(tuple(times), {m: tuple(v) for m, v in series.items()})
