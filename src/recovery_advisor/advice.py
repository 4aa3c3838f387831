"""The answer: advice with reasons, the adjusted session and per-muscle readiness.

Every class here is immutable; :meth:`Advice.to_dict` gives JSON-safe data with stable keys
(``schema_version`` says which contract, see ``docs/schema/advice.schema.json``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, SupportsIndex, overload

import attrs

from . import _validate
from .vocabulary import MUSCLES

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "SCHEMA_VERSION",
    "Advice",
    "MuscleStatus",
    "MuscleStatuses",
    "PerformanceTrend",
    "Recommendation",
    "RemovedExercise",
    "Session",
    "SessionExercise",
    "TrainingLoad",
]

#: Version of the ``Advice.to_dict()`` contract; bumped (with a changelog entry) on any change.
SCHEMA_VERSION = 1


@attrs.frozen(slots=True)
class Recommendation:
    """One piece of advice, with the rule that gave it and the source that rule rests on.

    ``action`` is from :data:`recovery_advisor.vocabulary.ACTIONS`; ``severity`` is ``info``,
    ``caution``, ``warning`` or ``stop``; ``because`` lists the facts of the history that made
    the rule fire; ``topic`` (from the rule file, may be empty) groups recommendations that the
    rendered note shows as one item.
    """

    rule: str
    action: str
    severity: str
    message: str
    source: str
    title: str = ""
    ref: str = ""
    because: tuple[str, ...] = ()
    muscles: tuple[str, ...] = ()
    exercise: str | None = None
    replacement: str | None = None
    topic: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The recommendation as JSON-safe data (every key always present)."""
        return {
            "rule": self.rule,
            "title": self.title,
            "action": self.action,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
            "ref": self.ref,
            "because": list(self.because),
            "muscles": list(self.muscles),
            "exercise": self.exercise,
            "replacement": self.replacement,
            "topic": self.topic,
        }


@attrs.frozen(slots=True)
class SessionExercise:
    """An exercise of the adjusted session. ``rest_seconds`` is a ``(low, high)`` pair in seconds;
    ``load_pct`` caps the load at that percentage of the athlete's usual working weight."""

    name: str
    sets: int
    reps: str
    rest_seconds: tuple[int, int]
    region: str = "unknown"
    note: str | None = None
    replaces: str | None = None
    optional: bool = False
    load_pct: int | None = None
    rpe_max: float | None = None
    changed_by: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The exercise as JSON-safe data (``rest_seconds`` as ``[low, high]``)."""
        return {
            "name": self.name,
            "sets": self.sets,
            "reps": self.reps,
            "rest_seconds": list(self.rest_seconds),
            "region": self.region,
            "note": self.note,
            "replaces": self.replaces,
            "optional": self.optional,
            "load_pct": self.load_pct,
            "rpe_max": self.rpe_max,
            "changed_by": list(self.changed_by),
        }


@attrs.frozen(slots=True)
class RemovedExercise:
    """Planned work left out of today's session, with why and by which rule."""

    name: str
    reason: str
    rule: str

    def to_dict(self) -> dict[str, Any]:
        """The removed exercise as JSON-safe data (``name``, ``reason``, ``rule``)."""
        return {"name": self.name, "reason": self.reason, "rule": self.rule}


@attrs.frozen(slots=True)
class Session:
    """Today's session: warm-up (minutes, drills), exercises in order, and removed work."""

    name: str
    title: str
    exercises: tuple[SessionExercise, ...]
    removed: tuple[RemovedExercise, ...] = ()
    warm_up_min: tuple[int, int] | None = None
    warm_up: tuple[str, ...] = ()
    based_on: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The session as JSON-safe data (the advice schema's ``session``)."""
        return {
            "name": self.name,
            "title": self.title,
            "based_on": self.based_on,
            "warm_up": None
            if self.warm_up_min is None and not self.warm_up
            else {
                "minutes": list(self.warm_up_min) if self.warm_up_min else None,
                "drills": list(self.warm_up),
            },
            "exercises": [e.to_dict() for e in self.exercises],
            "removed": [r.to_dict() for r in self.removed],
        }

    def _repr_markdown_(self) -> str:
        from .render import render_session_markdown

        return render_session_markdown(self)

    def _repr_html_(self) -> str:
        from .render import render_session_html

        return render_session_html(self)


@attrs.frozen(slots=True)
class MuscleStatus:
    """Readiness of one muscle (0-100), its band, and whole hours until it is ready again.

    ``hard_sets_7d`` counts its hard sets of the last 7 days (secondary sets count half),
    ``weekly_sets_28d`` their weekly average over the last 4 weeks, and ``streak_days`` the
    consecutive days with hard sets for it, ending today or yesterday.
    """

    muscle: str
    readiness: int
    band: str
    hours_to_ready: int
    ready_at: str
    hard_sets_7d: float
    weekly_sets_28d: float = 0.0
    streak_days: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The muscle's status as JSON-safe data (keys of the advice schema's ``muscles`` items)."""
        return {
            "readiness": self.readiness,
            "band": self.band,
            "hours_to_ready": self.hours_to_ready,
            "ready_at": self.ready_at,
            "hard_sets_7d": self.hard_sets_7d,
            "weekly_sets_28d": self.weekly_sets_28d,
            "streak_days": self.streak_days,
        }


class MuscleStatuses(tuple[MuscleStatus, ...]):
    """The muscles of :attr:`Advice.muscles`: a tuple (ordered by muscle name) that can also be
    indexed by muscle name like :attr:`Advice.readiness`.

    ``statuses["hamstrings"]`` is that muscle's :class:`MuscleStatus`; ``statuses[0]`` and
    iteration work as on any tuple; ``"hamstrings" in statuses`` and ``statuses.get(name)`` test
    by name. A name that is not a muscle raises ``KeyError`` with a suggestion; a muscle without
    a status (not trained recently) raises ``KeyError`` pointing at ``advice.readiness``.
    """

    __slots__ = ()

    @overload
    def __getitem__(self, key: SupportsIndex) -> MuscleStatus: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[MuscleStatus, ...]: ...
    @overload
    def __getitem__(self, key: str) -> MuscleStatus: ...
    def __getitem__(
        self, key: SupportsIndex | slice | str
    ) -> MuscleStatus | tuple[MuscleStatus, ...]:
        if not isinstance(key, str):
            return tuple.__getitem__(self, key)
        found = self.get(key)
        if found is not None:
            return found
        if key not in MUSCLES:
            raise KeyError(f"{key!r} is not a muscle{_validate.suggest(key, MUSCLES)}")
        raise KeyError(
            f"no status for {key!r}: it has not been trained recently "
            f"(its readiness is in advice.readiness[{key!r}])"
        )

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return self.get(key) is not None
        return tuple.__contains__(self, key)

    def get(self, muscle: str, default: MuscleStatus | None = None) -> MuscleStatus | None:
        """The status of ``muscle``, or ``default`` when it has none."""
        return next((m for m in self if m.muscle == muscle), default)

    def names(self) -> tuple[str, ...]:
        """The muscle names, in order."""
        return tuple(m.muscle for m in self)


@attrs.frozen(slots=True)
class TrainingLoad:
    """The acute:chronic load ratio (docs/readiness.md), known with 28 days of history or more.

    ``ratio`` is ``acute``, the load of the last 7 days, over ``chronic``, the weekly average of
    the last 28; ``measure`` says what load is: ``session-rpe`` (session RPE x minutes, when every
    workout of the 28 days logs both) or ``hard-sets`` (hard sets weighted by their share of the
    estimated 1RM). ``days_of_history`` is how far back the log goes. A spike flag, not an injury
    prediction.
    """

    ratio: float
    acute: float
    chronic: float
    days_of_history: int
    measure: str

    def to_dict(self) -> dict[str, Any]:
        """The training load as JSON-safe data (the advice schema's ``training_load``)."""
        return {
            "ratio": self.ratio,
            "acute": self.acute,
            "chronic": self.chronic,
            "days_of_history": self.days_of_history,
            "measure": self.measure,
        }


@attrs.frozen(slots=True)
class PerformanceTrend:
    """The estimated-1RM trend of one main lift with 3 or more sessions in the trend window.

    ``exercise`` is its catalogue name, ``change_pct`` its last session's best estimated 1RM
    against the best of the sessions before (negative when below), and ``falling`` is true when
    it fell three sessions running by ``trend_drop_pct`` or more.
    """

    exercise: str
    sessions: int
    change_pct: float
    falling: bool

    def to_dict(self) -> dict[str, Any]:
        """The trend as JSON-safe data (keys of the advice schema's ``trends`` items)."""
        return {
            "exercise": self.exercise,
            "sessions": self.sessions,
            "change_pct": self.change_pct,
            "falling": self.falling,
        }


@attrs.frozen(slots=True)
class Advice:
    """What to do today, and why.

    ``verdict`` is ``train``, ``train-modified`` or ``rest``; ``recommendations`` come most severe
    first and, within a severity, the most consequential action first (``stop``, ``rest``,
    ``postpone`` ... ``pair``, ``info``: :data:`recovery_advisor.vocabulary.ACTION_ORDER`);
    ``readiness`` maps every muscle to 0-100; ``muscles`` details the ones that have been trained
    recently (and every large muscle once the history spans 28 days); ``training_load`` is the
    acute:chronic load ratio (``None`` under 28 days of history) and ``trends`` the estimated-1RM
    trends of the main lifts, whether or not a rule fired on them; ``unrecognized_exercises``
    lists logged names the catalogue does not know.
    """

    now: datetime
    verdict: str
    recommendations: tuple[Recommendation, ...]
    readiness: dict[str, int]
    session: Session | None = None
    muscles: MuscleStatuses = attrs.field(default=MuscleStatuses(), converter=MuscleStatuses)
    unrecognized_exercises: tuple[str, ...] = ()
    rules_fired: tuple[str, ...] = ()
    rule_book: str = ""
    training_load: TrainingLoad | None = None
    trends: tuple[PerformanceTrend, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe data with stable keys (see ``docs/schema/advice.schema.json``)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "now": self.now.isoformat(),
            "verdict": self.verdict,
            "recommendations": [r.to_dict() for r in self.recommendations],
            "session": None if self.session is None else self.session.to_dict(),
            "readiness": dict(self.readiness),
            "muscles": {m.muscle: m.to_dict() for m in self.muscles},
            "training_load": None if self.training_load is None else self.training_load.to_dict(),
            "trends": [t.to_dict() for t in self.trends],
            "unrecognized_exercises": list(self.unrecognized_exercises),
            "rules_fired": list(self.rules_fired),
            "rule_book": self.rule_book,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The advice as a JSON document: ``to_dict()`` serialised (``indent`` as in
        :func:`json.dumps`).
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def by_rule(self, rule_id: str) -> tuple[Recommendation, ...]:
        """The recommendations one rule gave (empty when it did not fire)."""
        return tuple(r for r in self.recommendations if r.rule == rule_id)

    def __str__(self) -> str:
        from .render import render_text

        return render_text(self)

    def _repr_markdown_(self) -> str:
        from .render import render_markdown

        return render_markdown(self)

    def _repr_html_(self) -> str:
        from .render import render_html

        return render_html(self)

    def plot(self, *, ax: Axes | None = None) -> Figure:
        """Every muscle's readiness as a sorted bar chart coloured by band; needs matplotlib
        (``pip install 'recovery-advisor[plot]'``). Returns the figure."""
        from .plot import plot_advice

        return plot_advice(self, ax=ax)

    def to_frame(self) -> pd.DataFrame:
        """The recommendations as a pandas frame, one row each (columns as the keys of
        ``Recommendation.to_dict()``). Needs pandas (``recovery-advisor[pandas]``)."""
        from .frames import advice_to_frame

        return advice_to_frame(self)
