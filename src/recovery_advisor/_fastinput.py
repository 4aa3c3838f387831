"""A fast, validated read of history input for :func:`~recovery_advisor.advise` (msgspec).

``advise()`` given JSON text or JSON-like data need not build a :class:`History`: it needs the
facts' inputs. This module checks the input with msgspec (in C) against the rules of format
version 1 and gives a :class:`HistoryView`, the parts :func:`~recovery_advisor.facts.derive_facts`
reads. It never decides that input is *bad*: whenever anything is unusual (an error, an
``x-`` key, a number written ``5.0`` for a whole number, two workouts of one start, an escape
it cannot rule out, ...) it answers ``None`` and the caller takes the precise path
(:meth:`History.from_dict`), which accepts or refuses the input with its documented message.
So the fast path only ever accepts input the precise path accepts, and reads it to the same
values (``tests/test_fastinput.py`` checks both on generated good and bad input).

What is checked where:

* msgspec: the shape, unknown keys, types, number ranges, RPE steps, text lengths, list limits,
  the set types and sleep dates (``YYYY-MM-DD``);
* Python, once per workout, check-in or distinct exercise name: timestamps (the same
  :func:`~recovery_advisor._validate.timestamp` as the precise path), text that is blank or not
  valid Unicode, the athlete and the check-ins (built with their own checks), years, repeats,
  entries after ``now``.

JSON text has one more rule: a key given twice in one object is an error (msgspec keeps the
last). Every ``:`` of JSON text is either a key's separator or inside a string; re-encoding
the decoded document writes each string again and one separator per key kept, and leaves out
only fields equal to their default (``null``). So if the text has no ``\\u003a`` escape and as
many colons as the re-encoded document, no key was given twice; otherwise the text is parsed
once more with the duplicate check of the precise path.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any, Final, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from . import _validate as v
from ._time import local
from .errors import HistoryError
from .history import CHECKIN_MUSCLES, FORMAT_VERSION, Athlete
from .vocabulary import FEELINGS

__all__ = [
    "Decoded",
    "Fallback",
    "HistoryView",
    "WorkoutView",
    "decode_text",
    "from_mapping",
    "view",
]

_LIMIT: Final = 100_000


class _Set(Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    """A set as :class:`~recovery_advisor.history.WorkoutSet` stores it (facts read it as is)."""

    reps: Annotated[int, Meta(ge=0, le=1000)]
    weight_kg: Annotated[float, Meta(ge=0, le=1000)] | None = None
    rpe: Annotated[float, Meta(ge=1, le=10, multiple_of=0.5)] | None = None
    rir: Annotated[float, Meta(ge=0, le=10)] | None = None
    type: Literal["normal", "warmup", "dropset", "failure"] = "normal"


class _Exercise(Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    name: Annotated[str, Meta(max_length=v.MAX_STRING)]
    sets: Annotated[list[_Set], Meta(max_length=500)] = []


class _Workout(Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    start: Any
    name: Annotated[str, Meta(max_length=v.MAX_STRING)] | None = None
    duration_min: Annotated[float, Meta(ge=0, le=1440)] | None = None
    session_rpe: Annotated[float, Meta(ge=0, le=10)] | None = None
    exercises: Annotated[list[_Exercise], Meta(max_length=200)] | UnsetType = UNSET


class _CheckIn(Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    at: Any
    muscle: Any
    feeling: Any
    level: Any = UNSET


class _Sleep(Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    """A night as :class:`~recovery_advisor.history.Sleep` stores it (facts read it as is)."""

    date: date
    hours: Annotated[float, Meta(ge=0, le=24)]


class _Athlete(Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    experience: Any = UNSET
    sessions_per_week: Any = UNSET
    goals: Any = UNSET
    body_mass_kg: Any = UNSET


class _History(
    Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False, rename={"schema": "$schema"}
):
    format_version: Any = UNSET
    schema: Any = UNSET
    athlete: _Athlete | UnsetType | None = UNSET
    workouts: Annotated[list[_Workout], Meta(max_length=_LIMIT)] | UnsetType = UNSET
    checkins: Annotated[list[_CheckIn], Meta(max_length=_LIMIT)] | UnsetType = UNSET
    sleep: Annotated[list[_Sleep], Meta(max_length=_LIMIT)] | UnsetType = UNSET


class _Envelope(
    Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False, rename={"schema": "$schema"}
):
    history: _History
    schema: Any = UNSET
    now: Any = UNSET
    plan: Any = UNSET


_DOCUMENT = msgspec.json.Decoder(_History)
_ENVELOPE = msgspec.json.Decoder(_Envelope)
_ENCODER = msgspec.json.Encoder()


class WorkoutView:
    """A workout as :func:`~recovery_advisor.facts.derive_facts` reads it (checked, not public)."""

    __slots__ = ("duration_min", "exercises", "name", "session_rpe", "start")

    def __init__(self, start: datetime, w: _Workout) -> None:
        self.start = start
        self.exercises: Sequence[_Exercise] = [] if w.exercises is UNSET else w.exercises
        self.name = w.name
        self.duration_min = w.duration_min
        self.session_rpe = w.session_rpe


class CheckInView:
    """A check-in as :func:`~recovery_advisor.facts.derive_facts` reads it (checked as
    :class:`~recovery_advisor.history.CheckIn` checks it, not public)."""

    __slots__ = ("at", "feeling", "level", "muscle")

    def __init__(self, at: datetime, muscle: str, feeling: str, level: int) -> None:
        self.at = at
        self.muscle = muscle
        self.feeling = feeling
        self.level = level


_MUSCLES: Final = frozenset(CHECKIN_MUSCLES)
_FEELINGS: Final = frozenset(FEELINGS)
_LEVELS: Final = frozenset(range(1, 6))


def _checkin(c: _CheckIn) -> CheckInView | None:
    """``c`` as :class:`~recovery_advisor.history.CheckIn` would hold it; ``None`` for anything
    it would refuse or convert (the precise path decides)."""
    level = 3 if c.level is UNSET else c.level
    if (
        type(c.muscle) is not str
        or c.muscle not in _MUSCLES
        or type(c.feeling) is not str
        or c.feeling not in _FEELINGS
        or type(level) is not int
        or level not in _LEVELS
    ):
        return None
    return CheckInView(_timestamp(c.at), c.muscle, c.feeling, level)


def _timestamp(value: Any) -> datetime:
    """:func:`~recovery_advisor._validate.timestamp`, quicker for the most common forms
    (``YYYY-MM-DDTHH:MM:SS``, optionally with ``Z``): text that Python reads back to exactly
    itself has that form; anything else takes the documented check (a HistoryError if bad)."""
    if type(value) is str and 19 <= len(value) <= 20:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            written = moment.isoformat()
            same = written == value or (
                len(value) == 20 and value[19] == "Z" and written == value[:19] + "+00:00"
            )
            if same and 1900 <= moment.year <= 2100:
                return moment
    return v.timestamp(value, "")


class HistoryView:
    """The parts of a valid history that the facts read: workouts sorted as :class:`History`
    sorts them, check-ins and nights in input order."""

    __slots__ = ("athlete", "checkins", "sleep", "workouts")

    def __init__(
        self,
        athlete: Athlete,
        workouts: Sequence[WorkoutView],
        checkins: Sequence[CheckInView],
        sleep: Sequence[_Sleep],
    ) -> None:
        self.athlete = athlete
        self.workouts = workouts
        self.checkins = checkins
        self.sleep = sleep


class Decoded:
    """JSON text read by :func:`decode_text`: the history's parts, and for an envelope its
    ``now`` and ``plan`` (as a mapping of the keys given)."""

    __slots__ = ("envelope", "history")

    def __init__(self, history: _History, envelope: dict[str, Any] | None) -> None:
        self.history = history
        self.envelope = envelope


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("a key given twice")
    return out


def _no_key_twice(text: str | bytes | bytearray, decoded: Struct) -> bool:
    """Whether no object of ``text`` (that ``decoded`` was read from) gives a key twice."""
    encoded = _ENCODER.encode(decoded)
    if isinstance(text, str):
        same = text.count(":") == encoded.count(b":")
        same = same and "\\u003a" not in text and "\\u003A" not in text
    else:
        same = text.count(b":") == encoded.count(b":")
        same = same and b"\\u003a" not in text and b"\\u003A" not in text
    if same:
        return True
    try:  # an explicit null (left out when re-encoded) or an escape: the precise check
        json.loads(text, object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError):
        return False
    return True


def decode_text(text: str | bytes | bytearray) -> Decoded | None:
    """A history document or an envelope read from JSON text; ``None`` to take the precise path."""
    envelope: dict[str, Any] | None = None
    try:
        if '"history"' in text if isinstance(text, str) else b'"history"' in text:
            env = _ENVELOPE.decode(text)
            envelope = {k: getattr(env, k) for k in ("now", "plan") if getattr(env, k) is not UNSET}
            decoded: Struct = env
            history = env.history
        else:
            history = _DOCUMENT.decode(text)
            decoded = history
    except (msgspec.MsgspecError, RecursionError, ValueError):
        return None
    if not _no_key_twice(text, decoded):
        return None
    return Decoded(history, envelope)


class Fallback(Exception):
    """Raised when JSON text read by :func:`decode_text` needs the precise path after all."""


def from_mapping(data: Any) -> _History | None:
    """JSON-like data checked by msgspec; ``None`` to take the precise path."""
    if not isinstance(data, dict):
        return None
    try:
        return msgspec.convert(data, _History)
    except (msgspec.MsgspecError, RecursionError):
        return None


def _athlete(a: _Athlete | UnsetType | None) -> Athlete:
    if a is None or a is UNSET:
        return Athlete()
    assert isinstance(a, _Athlete)
    return Athlete(
        experience=None if a.experience is UNSET else a.experience,
        sessions_per_week=None if a.sessions_per_week is UNSET else a.sessions_per_week,
        goals=[] if a.goals is UNSET else a.goals,
        body_mass_kg=None if a.body_mass_kg is UNSET else a.body_mass_kg,
    )


def view(h: _History, not_after: datetime) -> HistoryView | None:
    """The history's parts, checked for what msgspec does not check (see the module
    documentation); ``None`` to take the precise path, which names the problem."""
    if h.format_version is not UNSET and (
        isinstance(h.format_version, bool) or h.format_version != FORMAT_VERSION
    ):
        return None
    try:
        athlete = _athlete(h.athlete)
        workouts = []
        names: set[str] = set()
        for w in () if h.workouts is UNSET else h.workouts:
            if w.name is not None:
                v.text(w.name, "", allow_empty=True)
            workout = WorkoutView(_timestamp(w.start), w)
            for e in workout.exercises:
                names.add(e.name)
            workouts.append(workout)
        for name in names:
            v.text(name, "")
        read = [_checkin(c) for c in (() if h.checkins is UNSET else h.checkins)]
    except HistoryError:
        return None
    checkins = [c for c in read if c is not None]
    if len(checkins) != len(read):
        return None
    sleep = [] if h.sleep is UNSET else h.sleep
    nights = {night.date for night in sleep}
    if len(nights) != len(sleep) or any(not 1900 <= d.year <= 2100 for d in nights):
        return None  # a night given twice, or a year out of range
    # workouts in History's order; a start given twice (maybe a repeated workout) and equal
    # sort keys (ordered by content) are left to the precise path
    keys = [(w.start.replace(tzinfo=None), w.name or "") for w in workouts]
    if len(set(keys)) != len(keys) or len({w.start for w in workouts}) != len(workouts):
        return None
    ordered = [workouts[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]
    bound = local(not_after, not_after)
    if any(local(w.start, not_after) > bound for w in workouts) or any(
        local(c.at, not_after) > bound for c in checkins
    ):
        return None  # an entry after now: the precise path names it
    return HistoryView(athlete, ordered, checkins, sleep)
