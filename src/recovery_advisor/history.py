"""The training history: the athlete's profile, workouts, check-ins and sleep (format version 1).

A :class:`History` is built from JSON-like data with :meth:`History.from_dict`, which checks every
field and raises :class:`~recovery_advisor.errors.HistoryError` naming the field path of the first
problem. Units: loads in kilograms, durations in minutes, sleep in hours.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import _validate as v
from ._time import local
from .errors import HistoryError
from .vocabulary import EXPERIENCES, FEELINGS, GOALS, MUSCLE_GROUPS, MUSCLES, SET_TYPES

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Athlete", "CheckIn", "Exercise", "History", "Sleep", "Workout", "WorkoutSet"]

FORMAT_VERSION = 1
CHECKIN_MUSCLES = (*MUSCLES, *MUSCLE_GROUPS)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _in_document(exc: HistoryError, path: str) -> HistoryError:
    """A constructor's error (path ``Class.field``) with the field's place in the document."""
    field = exc.path.partition(".")[2]
    return HistoryError(f"{path}.{field}" if path else field, exc.problem)


# ---------------------------------------------------------------- field checks
# Every class checks its fields when it is built (these are attrs converters), with the rules of
# format version 1 (the helpers of _validate, which from_dict uses too), so an invalid History
# cannot be made: advise(), advise_many() and to_dict() never meet one, and need not check again.
# A constructor names the field as ``Class.field``; from_dict names its place in the document.
def _experience(value: str | None) -> str | None:
    return None if value is None else v.choice(value, "Athlete.experience", EXPERIENCES)


def _sessions_per_week(value: int | None) -> int | None:
    return None if value is None else v.whole(value, "Athlete.sessions_per_week", low=0, high=21)


def _goals(value: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    goals = v.sequence(value, "Athlete.goals", limit=len(GOALS))
    return tuple(
        dict.fromkeys(v.choice(g, f"Athlete.goals[{i}]", GOALS) for i, g in enumerate(goals))
    )


def _body_mass(value: float | None) -> float | None:
    if value is None:
        return None
    return v.number(value, "Athlete.body_mass_kg", low=20, high=400, unit="kg")


def _reps(value: int) -> int:
    return v.whole(value, "WorkoutSet.reps", low=0, high=1000)


def _weight(value: float | None) -> float | None:
    if value is None:
        return None
    return v.number(value, "WorkoutSet.weight_kg", low=0, high=1000, unit="kg")


def _rpe(value: float | None) -> float | None:
    if value is None:
        return None
    rpe = v.number(value, "WorkoutSet.rpe", low=1, high=10)
    if (rpe * 2) % 1:
        raise HistoryError("WorkoutSet.rpe", f"must be in steps of 0.5, got {rpe:g}")
    return rpe


def _rir(value: float | None) -> float | None:
    return None if value is None else v.number(value, "WorkoutSet.rir", low=0, high=10)


def _set_type(value: str) -> str:
    return v.choice(value, "WorkoutSet.type", SET_TYPES)


def _exercise_name(value: str) -> str:
    return v.text(value, "Exercise.name")


def _sets(value: tuple[WorkoutSet, ...] | list[WorkoutSet]) -> tuple[WorkoutSet, ...]:
    return v.instances(value, "Exercise.sets", WorkoutSet, limit=500)


def _start(value: datetime) -> datetime:
    return v.moment(value, "Workout.start")


def _exercises(value: tuple[Exercise, ...] | list[Exercise]) -> tuple[Exercise, ...]:
    return v.instances(value, "Workout.exercises", Exercise, limit=200)


def _workout_name(value: str | None) -> str | None:
    return None if value is None else v.text(value, "Workout.name", allow_empty=True)


def _duration(value: float | None) -> float | None:
    if value is None:
        return None
    return v.number(value, "Workout.duration_min", low=0, high=1440, unit="min")


def _session_rpe(value: float | None) -> float | None:
    return None if value is None else v.number(value, "Workout.session_rpe", low=0, high=10)


def _at(value: datetime) -> datetime:
    return v.moment(value, "CheckIn.at")


def _muscle(value: str) -> str:
    return v.choice(value, "CheckIn.muscle", CHECKIN_MUSCLES)


def _feeling(value: str) -> str:
    return v.choice(value, "CheckIn.feeling", FEELINGS)


def _level(value: int) -> int:
    return v.whole(value, "CheckIn.level", low=1, high=5)


def _night(value: date) -> date:
    return v.calendar_day(value, "Sleep.date")


def _hours(value: float) -> float:
    return v.number(value, "Sleep.hours", low=0, high=24, unit="h")


@attrs.frozen(slots=True)
class Athlete:
    """The athlete's profile; every field is optional.

    ``sessions_per_week`` counts planned strength sessions a week; ``body_mass_kg`` is in kg.
    Fields are checked as :meth:`History.from_dict` checks them: a bad value raises
    :class:`~recovery_advisor.errors.HistoryError` naming it (``Athlete.goals[0]: ...``).
    """

    experience: str | None = attrs.field(default=None, converter=_experience)
    sessions_per_week: int | None = attrs.field(default=None, converter=_sessions_per_week)
    goals: tuple[str, ...] = attrs.field(default=(), converter=_goals)
    body_mass_kg: float | None = attrs.field(default=None, converter=_body_mass)

    @classmethod
    def from_dict(cls, data: Any, path: str = "athlete") -> Athlete:
        """The profile from its format-1 mapping (``athlete``); a HistoryError names the bad field."""
        obj = v.mapping(data, path)
        v.check_keys(obj, path, ("experience", "sessions_per_week", "goals", "body_mass_kg"))
        try:
            return cls(
                experience=obj.get("experience"),
                sessions_per_week=obj.get("sessions_per_week"),
                goals=obj.get("goals", []),
                body_mass_kg=obj.get("body_mass_kg"),
            )
        except HistoryError as exc:
            raise _in_document(exc, path) from None

    def to_dict(self) -> dict[str, Any]:
        """The profile as its format-1 mapping (fields that are unknown are left out)."""
        out: dict[str, Any] = {}
        if self.experience is not None:
            out["experience"] = self.experience
        if self.sessions_per_week is not None:
            out["sessions_per_week"] = self.sessions_per_week
        if self.goals:
            out["goals"] = list(self.goals)
        if self.body_mass_kg is not None:
            out["body_mass_kg"] = self.body_mass_kg
        return out


@attrs.frozen(slots=True)
class WorkoutSet:
    """One set: ``reps`` repetitions with ``weight_kg`` (kg; ``None`` for bodyweight work).

    Effort is ``rpe`` (1-10, in halves) or ``rir`` (reps in reserve); both may be missing.
    ``type`` is ``normal``, ``warmup``, ``dropset`` or ``failure``. Fields are checked as
    :meth:`History.from_dict` checks them (``WorkoutSet.reps: must be a whole number ≥ 0, got
    -5``); numbers are stored as ``int`` (``reps``) and ``float`` (the rest).
    """

    reps: int = attrs.field(converter=_reps)
    weight_kg: float | None = attrs.field(default=None, converter=_weight)
    rpe: float | None = attrs.field(default=None, converter=_rpe)
    rir: float | None = attrs.field(default=None, converter=_rir)
    type: str = attrs.field(default="normal", converter=_set_type)

    @classmethod
    def from_dict(cls, data: Any, path: str) -> WorkoutSet:
        """A set from its format-1 mapping; a HistoryError names the bad field."""
        obj = v.mapping(data, path)
        v.check_keys(obj, path, ("reps", "weight_kg", "rpe", "rir", "type"))
        if "reps" not in obj:
            raise HistoryError(f"{path}.reps", "is missing (a whole number ≥ 0)")
        try:
            return cls(
                reps=obj["reps"],
                weight_kg=obj.get("weight_kg"),
                rpe=obj.get("rpe"),
                rir=obj.get("rir"),
                type=obj.get("type", "normal"),
            )
        except HistoryError as exc:
            raise _in_document(exc, path) from None

    def to_dict(self) -> dict[str, Any]:
        """The set as its format-1 mapping (fields that are not known are left out)."""
        out: dict[str, Any] = {"reps": self.reps}
        if self.weight_kg is not None:
            out["weight_kg"] = self.weight_kg
        if self.rpe is not None:
            out["rpe"] = self.rpe
        if self.rir is not None:
            out["rir"] = self.rir
        out["type"] = self.type
        return out


@attrs.frozen(slots=True)
class Exercise:
    """An exercise as logged, by the name the athlete's app uses, with its sets in order
    (a list or tuple of at most 500 :class:`WorkoutSet`, kept as a tuple)."""

    name: str = attrs.field(converter=_exercise_name)
    sets: tuple[WorkoutSet, ...] = attrs.field(default=(), converter=_sets)

    @classmethod
    def from_dict(cls, data: Any, path: str) -> Exercise:
        """An exercise and its sets from its format-1 mapping; a HistoryError names the bad field."""
        obj = v.mapping(data, path)
        v.check_keys(obj, path, ("name", "sets"))
        if "name" not in obj:
            raise HistoryError(f"{path}.name", "is missing")
        sets = v.sequence(obj.get("sets", []), f"{path}.sets", limit=500)
        parsed = tuple(WorkoutSet.from_dict(s, f"{path}.sets[{i}]") for i, s in enumerate(sets))
        try:
            return cls(name=obj["name"], sets=parsed)
        except HistoryError as exc:
            raise _in_document(exc, path) from None

    def to_dict(self) -> dict[str, Any]:
        """The exercise and its sets as their format-1 mapping."""
        return {"name": self.name, "sets": [s.to_dict() for s in self.sets]}


@attrs.frozen(slots=True)
class Workout:
    """A workout that started at ``start`` (a ``datetime``; naive = the athlete's local time).

    ``duration_min`` is in minutes; ``session_rpe`` is the athlete's rating of the whole
    session (CR-10), used for the session load of Foster et al. 2001. ``exercises`` is a list or
    tuple of at most 200 :class:`Exercise`. Fields are checked as :meth:`History.from_dict`
    checks them (``Workout.start: must be a datetime ..., got str ...``).
    """

    start: datetime = attrs.field(converter=_start)
    exercises: tuple[Exercise, ...] = attrs.field(default=(), converter=_exercises)
    name: str | None = attrs.field(default=None, converter=_workout_name)
    duration_min: float | None = attrs.field(default=None, converter=_duration)
    session_rpe: float | None = attrs.field(default=None, converter=_session_rpe)

    @classmethod
    def from_dict(cls, data: Any, path: str) -> Workout:
        """A workout and its exercises from its format-1 mapping; a HistoryError names the bad field."""
        obj = v.mapping(data, path)
        v.check_keys(obj, path, ("start", "name", "duration_min", "session_rpe", "exercises"))
        if "start" not in obj:
            raise HistoryError(f"{path}.start", "is missing (an ISO 8601 date-time)")
        start = v.timestamp(obj["start"], f"{path}.start")
        exercises = v.sequence(obj.get("exercises", []), f"{path}.exercises", limit=200)
        parsed = tuple(
            Exercise.from_dict(e, f"{path}.exercises[{i}]") for i, e in enumerate(exercises)
        )
        try:
            return cls(
                start=start,
                exercises=parsed,
                name=obj.get("name"),
                duration_min=obj.get("duration_min"),
                session_rpe=obj.get("session_rpe"),
            )
        except HistoryError as exc:
            raise _in_document(exc, path) from None

    def to_dict(self) -> dict[str, Any]:
        """The workout as its format-1 mapping (``start`` as ISO 8601 text)."""
        out: dict[str, Any] = {"start": _iso(self.start)}
        if self.name is not None:
            out["name"] = self.name
        if self.duration_min is not None:
            out["duration_min"] = self.duration_min
        if self.session_rpe is not None:
            out["session_rpe"] = self.session_rpe
        out["exercises"] = [e.to_dict() for e in self.exercises]
        return out


@attrs.frozen(slots=True)
class CheckIn:
    """How a muscle (or ``posterior_chain``) felt at ``at``: fresh, sore, tight or pain, level 1-5.

    Fields are checked as :meth:`History.from_dict` checks them (``CheckIn.muscle: must be one
    of ...``).
    """

    at: datetime = attrs.field(converter=_at)
    muscle: str = attrs.field(converter=_muscle)
    feeling: str = attrs.field(converter=_feeling)
    level: int = attrs.field(default=3, converter=_level)

    @classmethod
    def from_dict(cls, data: Any, path: str) -> CheckIn:
        """A check-in from its format-1 mapping; a HistoryError names the bad field."""
        obj = v.mapping(data, path)
        v.check_keys(obj, path, ("at", "muscle", "feeling", "level"))
        for key in ("at", "muscle", "feeling"):
            if key not in obj:
                raise HistoryError(f"{path}.{key}", "is missing")
        at = v.timestamp(obj["at"], f"{path}.at")
        try:
            return cls(
                at=at, muscle=obj["muscle"], feeling=obj["feeling"], level=obj.get("level", 3)
            )
        except HistoryError as exc:
            raise _in_document(exc, path) from None

    def to_dict(self) -> dict[str, Any]:
        """The check-in as its format-1 mapping (``at`` as ISO 8601 text)."""
        return {
            "at": _iso(self.at),
            "muscle": self.muscle,
            "feeling": self.feeling,
            "level": self.level,
        }


@attrs.frozen(slots=True)
class Sleep:
    """Hours slept (0-24) in the night that ended on ``date`` (a ``date``; a ``datetime`` gives
    its date)."""

    date: date = attrs.field(converter=_night)
    hours: float = attrs.field(converter=_hours)

    @classmethod
    def from_dict(cls, data: Any, path: str) -> Sleep:
        """A night of sleep from its format-1 mapping; a HistoryError names the bad field."""
        obj = v.mapping(data, path)
        v.check_keys(obj, path, ("date", "hours"))
        for key in ("date", "hours"):
            if key not in obj:
                raise HistoryError(f"{path}.{key}", "is missing")
        night = v.day(obj["date"], f"{path}.date")
        try:
            return cls(date=night, hours=obj["hours"])
        except HistoryError as exc:
            raise _in_document(exc, path) from None

    def to_dict(self) -> dict[str, Any]:
        """The night as its format-1 mapping (``date`` as ``YYYY-MM-DD``)."""
        return {"date": self.date.isoformat(), "hours": self.hours}


def _start_key(w: Workout) -> tuple[datetime, str]:
    return (w.start.replace(tzinfo=None), w.name or "")


def _by_start(workouts: tuple[Workout, ...]) -> tuple[Workout, ...]:
    ordered = sorted(workouts, key=_start_key)
    keys = [_start_key(w) for w in ordered]
    if any(a == b for a, b in itertools.pairwise(keys)):
        # workouts that start together: order them by content, so input order never matters
        ordered.sort(key=lambda w: (*_start_key(w), repr(w)))
    return tuple(ordered)


def _athlete(value: Athlete) -> Athlete:
    return v.instance(value, "athlete", Athlete)


def _workouts(value: tuple[Workout, ...] | list[Workout]) -> tuple[Workout, ...]:
    workouts = v.instances(value, "workouts", Workout, limit=100_000)
    _no_duplicate_workouts(workouts)
    return _by_start(workouts)


def _checkins(value: tuple[CheckIn, ...] | list[CheckIn]) -> tuple[CheckIn, ...]:
    return v.instances(value, "checkins", CheckIn, limit=100_000)


def _nights(value: tuple[Sleep, ...] | list[Sleep]) -> tuple[Sleep, ...]:
    nights = v.instances(value, "sleep", Sleep, limit=100_000)
    _no_duplicate_nights(nights)
    return nights


@attrs.frozen(slots=True)
class History:
    """Everything the advice is based on. Every part is optional; an empty history is valid.

    Workouts are kept sorted by start time, so input order never matters. The parts are lists
    or tuples (kept as tuples) of the classes above, which check their own fields; a history
    also refuses a workout or a night given twice, as :meth:`from_dict` does
    (``workouts[3]: repeats the workout of ...``). So every ``History`` is valid: what
    :func:`~recovery_advisor.advise` and :meth:`to_dict` get needs no further check.
    """

    athlete: Athlete = attrs.field(factory=Athlete, converter=_athlete)
    workouts: tuple[Workout, ...] = attrs.field(default=(), converter=_workouts)
    checkins: tuple[CheckIn, ...] = attrs.field(default=(), converter=_checkins)
    sleep: tuple[Sleep, ...] = attrs.field(default=(), converter=_nights)

    @classmethod
    def from_dict(cls, data: Any, *, not_after: datetime | None = None) -> History:
        """Build a history from JSON-like data (format version 1), checking every field.

        With ``not_after`` (the moment of the advice), a workout or check-in later than it is an
        error naming its position in the input.
        """
        obj = v.mapping(data, "")
        v.check_keys(
            obj, "", ("format_version", "$schema", "athlete", "workouts", "checkins", "sleep")
        )
        version = obj.get("format_version", FORMAT_VERSION)
        if isinstance(version, bool) or version != FORMAT_VERSION:
            raise HistoryError(
                "format_version",
                f"must be {FORMAT_VERSION} (the only version), got {v.show(version)}",
            )
        athlete = obj.get("athlete")
        workouts = v.sequence(obj.get("workouts", []), "workouts", limit=100_000)
        checkins = v.sequence(obj.get("checkins", []), "checkins", limit=100_000)
        sleep = v.sequence(obj.get("sleep", []), "sleep", limit=100_000)
        parsed_workouts = tuple(
            Workout.from_dict(w, f"workouts[{i}]") for i, w in enumerate(workouts)
        )
        parsed_sleep = tuple(Sleep.from_dict(s, f"sleep[{i}]") for i, s in enumerate(sleep))
        _no_duplicate_workouts(parsed_workouts)
        _no_duplicate_nights(parsed_sleep)
        parsed_checkins = tuple(
            CheckIn.from_dict(c, f"checkins[{i}]") for i, c in enumerate(checkins)
        )
        if not_after is not None:
            _not_after(parsed_workouts, parsed_checkins, not_after)
        return cls(
            athlete=Athlete() if athlete is None else Athlete.from_dict(athlete),
            workouts=parsed_workouts,
            checkins=parsed_checkins,
            sleep=parsed_sleep,
        )

    @classmethod
    def coerce(cls, data: History | Mapping[str, Any]) -> History:
        """Return ``data`` if it is a :class:`History`, else build one from the mapping."""
        return data if isinstance(data, History) else cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The history as JSON-safe data in format version 1 (round-trips through ``from_dict``)."""
        return {
            "format_version": FORMAT_VERSION,
            "athlete": self.athlete.to_dict(),
            "workouts": [w.to_dict() for w in self.workouts],
            "checkins": [c.to_dict() for c in self.checkins],
            "sleep": [s.to_dict() for s in self.sleep],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The history as a format-1 JSON document (``to_dict()`` serialised; ``indent`` as in
        :func:`json.dumps`).
        """
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> History:
        """A history from a pandas frame with one row per set (columns ``start``, ``workout``,
        ``exercise``, ``set``, ``reps``, ``weight_kg``, ``rpe``, ``rir``, ``type``, ...; see
        :mod:`recovery_advisor.frames`). Needs pandas (``recovery-advisor[pandas]``)."""
        from .frames import history_from_frame

        return history_from_frame(frame)

    def to_frame(self) -> pd.DataFrame:
        """The workouts as a pandas frame, one row per set (see :mod:`recovery_advisor.frames`).
        Needs pandas (``recovery-advisor[pandas]``)."""
        from .frames import history_to_frame

        return history_to_frame(self)

    def _repr_markdown_(self) -> str:
        from .render import render_history_markdown

        return render_history_markdown(self)

    def _repr_html_(self) -> str:
        from .render import render_history_html

        return render_history_html(self)

    def merge(self, other: History) -> History:
        """A history with the workouts, check-ins and sleep of both; ``other``'s profile wins
        where it says something.

        Overlapping exports are the normal case, so nothing is counted twice: a workout of
        ``other`` with the same start and exercises as one of this history is the same workout,
        an identical check-in is kept once, and ``other``'s sleep replaces a night of the same date.
        """
        if not isinstance(other, History):
            raise HistoryError("", f"merge needs a History, got {type(other).__name__}")
        a, b = self.athlete, other.athlete
        athlete = Athlete(
            experience=b.experience or a.experience,
            sessions_per_week=b.sessions_per_week
            if b.sessions_per_week is not None
            else a.sessions_per_week,
            goals=b.goals or a.goals,
            body_mass_kg=b.body_mass_kg if b.body_mass_kg is not None else a.body_mass_kg,
        )
        workouts = {_workout_key(w): w for w in self.workouts}
        for w in other.workouts:
            workouts.setdefault(_workout_key(w), w)
        nights = {night.date: night for night in self.sleep}
        nights.update({night.date: night for night in other.sleep})
        return History(
            athlete=athlete,
            workouts=tuple(workouts.values()),
            checkins=tuple(dict.fromkeys(self.checkins + other.checkins)),
            sleep=tuple(sorted(nights.values(), key=lambda n: n.date)),
        )


def _not_after(
    workouts: tuple[Workout, ...], checkins: tuple[CheckIn, ...], limit: datetime
) -> None:
    """Refuse workouts and check-ins later than ``limit`` (indices are those of the input)."""
    bound = local(limit, limit)
    for i, w in enumerate(workouts):
        start = local(w.start, limit)
        if start > bound:
            name = f" {w.name!r}" if w.name else ""
            raise HistoryError(
                f"workouts[{i}].start",
                f"is after now: the workout{name} of {start:%Y-%m-%d %H:%M} is later than "
                f"{bound:%Y-%m-%d %H:%M}; a history cannot hold future workouts",
            )
    for i, c in enumerate(checkins):
        at = local(c.at, limit)
        if at > bound:
            raise HistoryError(
                f"checkins[{i}].at", f"is after now ({at:%Y-%m-%d %H:%M} > {bound:%Y-%m-%d %H:%M})"
            )


def _workout_key(w: Workout) -> tuple[Any, ...]:
    """What makes two logged workouts the same one: their start and exercises."""
    return (w.start, w.exercises)


def _no_duplicate_workouts(workouts: tuple[Workout, ...]) -> None:
    """Refuse a workout given twice: the same start and exercises (indices are the input's)."""
    seen: dict[datetime, list[int]] = {}
    for i, w in enumerate(workouts):
        same_start = seen.setdefault(w.start, [])
        for first in same_start:  # rarely any: only workouts of the same start are compared
            if workouts[first].exercises == w.exercises:
                raise HistoryError(
                    f"workouts[{i}]",
                    f"repeats the workout of {w.start:%Y-%m-%d %H:%M} (same start and exercises);"
                    " a workout is counted once, so remove the copy (History.merge does this for"
                    " you)",
                )
        same_start.append(i)


def _no_duplicate_nights(sleep: tuple[Sleep, ...]) -> None:
    """Refuse a night given twice (indices are those of the input)."""
    nights: dict[date, int] = {}
    for i, night in enumerate(sleep):
        first = nights.setdefault(night.date, i)
        if first != i:
            raise HistoryError(
                f"sleep[{i}].date",
                f"{night.date} is already given by sleep[{first}]; one entry per night",
            )


def load_json_history(path: str | Path) -> History:
    """Read a history from a JSON file in format version 1."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise HistoryError("", f"cannot read {p}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HistoryError("", f"{p} is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except (RecursionError, ValueError) as exc:  # nested too deeply; a 5,000-digit number
        raise HistoryError("", f"{p} cannot be read as JSON: {v.json_problem(exc)}") from None
    try:
        return History.from_dict(data)
    except HistoryError as exc:
        raise HistoryError(exc.path, f"{exc.problem} (in {p})") from None


def date_of(moment: datetime) -> date:
    return moment.date()
