"""What the athlete intends to train today: a named template from the rule book or their own list."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from . import _validate as v
from .errors import HistoryError

__all__ = ["Plan", "PlannedExercise"]

_RANGE = r"\s*(\d+)(?:\s*(?:[-–]|to(?![^\W\d_]))\s*(\d+))?"
_REPS = re.compile(rf"^{_RANGE}\s*(.*)$")
# what ``reps`` may say: a count or a range, then optionally words ("per leg", "rounds", "(slow)")
_REPS_TEXT = re.compile(rf"{_RANGE}(?:\s*((?:[^\W\d_]|\().*?))?\s*", re.S)
MAX_REPS = 100
#: words after the number that make ``reps`` a count of something else than repetitions
#: (``"3 rounds"``, ``"30 s"``, ``"20 m"``): such an entry has no rep range
_NOT_REPS = re.compile(
    r"^(rounds?|laps?|s|secs?|seconds?|min|mins|minutes?|m|meters?|metres?|km|yds?|yards?)\b",
    re.I,
)
#: what a plan entry given as a bare name (or without ``sets``/``reps``) asks for
DEFAULT_SETS = 3
DEFAULT_REPS = "10"


def _reps(value: Any, path: str) -> str:
    """The ``reps`` of a plan entry: a whole number 1-100, or text that starts with one or with a
    range low-high (``"8-10"``, ``"10 per leg"``, ``"3 rounds"``)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise HistoryError(path, f"must be a number or text like '8-10', got {v.show(value)}")
    if isinstance(value, int):
        return str(v.whole(value, path, low=1, high=MAX_REPS))
    text = v.text(value, path, limit=40)
    m = _REPS_TEXT.fullmatch(text)
    if m is None:
        raise HistoryError(
            path,
            "must be a number of reps or a range like '8-10', optionally followed by words "
            f"('10 per leg', '3 rounds'), got {v.show(value)}",
        )
    low = int(m.group(1))
    high = low if m.group(2) is None else int(m.group(2))
    if not 1 <= low <= MAX_REPS or not 1 <= high <= MAX_REPS:
        raise HistoryError(path, f"must ask for 1 to {MAX_REPS} reps, got {v.show(value)}")
    if high < low:
        raise HistoryError(
            path, f"is a range that goes down, got {v.show(value)} (write '{high}-{low}')"
        )
    return text.strip()


@attrs.frozen(slots=True)
class PlannedExercise:
    """One planned exercise: ``sets`` × ``reps`` (``"8-10"``, ``"10 per leg"``, ``"3 rounds"``).

    ``reps`` is a whole number 1-100 or text that starts with one or with a rising range
    (``"5-3"`` and ``"many"`` are errors naming the entry, ``plan[0].reps``). A bare name
    (``"Deadlift"``) asks for 3 sets of 10 reps, and so does an entry without ``sets`` or
    ``reps``.
    ``options`` lists catalogue names the athlete may pick from (the article's "Pull-Ups or Lat
    Pulldowns"); the first one is what the rules reason about.
    """

    name: str
    sets: int
    reps: str
    options: tuple[str, ...] = ()
    optional: bool = False
    note: str | None = None

    @property
    def lookup_names(self) -> tuple[str, ...]:
        """The names to look up in the catalogue: the options if any, else the name itself."""
        return self.options or (self.name,)

    @property
    def rep_range(self) -> tuple[int, int]:
        """The lowest and highest reps a set asks for; (0, 0) when ``reps`` is not a count of
        repetitions (``"3 rounds"``, ``"30 s"``, ``"20 m"``), so such work is never "heavy"."""
        m = _REPS.match(self.reps)
        if not m or _NOT_REPS.match(m.group(3)):
            return (0, 0)
        low = int(m.group(1))
        return (low, int(m.group(2)) if m.group(2) else low)

    @classmethod
    def from_dict(cls, data: Any, path: str) -> PlannedExercise:
        """A planned exercise from a mapping (``name``, ``sets``, ``reps``, ...); a HistoryError names
        the bad field.
        """
        if isinstance(data, str):
            data = {"name": data}
        obj = v.mapping(data, path)
        v.check_keys(obj, path, ("name", "sets", "reps", "options", "optional", "note"))
        if "name" not in obj:
            raise HistoryError(f"{path}.name", "is missing")
        reps = _reps(obj.get("reps", DEFAULT_REPS), f"{path}.reps")
        options = v.sequence(obj.get("options", []), f"{path}.options", limit=10)
        note = obj.get("note")
        return cls(
            name=v.text(obj["name"], f"{path}.name"),
            sets=v.whole(obj.get("sets", DEFAULT_SETS), f"{path}.sets", low=1, high=20),
            reps=reps,
            options=tuple(v.text(o, f"{path}.options[{i}]") for i, o in enumerate(options)),
            optional=bool(obj.get("optional", False)),
            note=None if note is None else v.text(note, f"{path}.note", limit=400),
        )

    def to_dict(self) -> dict[str, Any]:
        """The planned exercise as a mapping that :meth:`from_dict` reads back."""
        out: dict[str, Any] = {"name": self.name, "sets": self.sets, "reps": self.reps}
        if self.options:
            out["options"] = list(self.options)
        if self.optional:
            out["optional"] = True
        if self.note:
            out["note"] = self.note
        return out


@attrs.frozen(slots=True)
class Plan:
    """A session plan: an optional warm-up (``warm_up``: minutes and drills) and exercises.

    ``source`` is the sentence (or study) a plan of the rule book rests on.
    """

    name: str
    exercises: tuple[PlannedExercise, ...]
    warm_up_min: tuple[int, int] | None = None
    warm_up: tuple[str, ...] = ()
    title: str | None = None
    source: str | None = None

    @classmethod
    def from_value(
        cls, value: Plan | Sequence[Any] | Mapping[str, Any], path: str = "plan"
    ) -> Plan:
        """A plan from a :class:`Plan`, a list of exercises, or a mapping with ``exercises``."""
        if isinstance(value, Plan):
            return value
        if isinstance(value, Mapping):
            obj = value
            v.check_keys(
                obj, path, ("name", "title", "source", "exercises", "warm_up", "warm_up_min")
            )
            items = v.sequence(obj.get("exercises", []), f"{path}.exercises", limit=40)
            prefix = f"{path}.exercises"
            name = v.text(obj.get("name", "custom"), f"{path}.name", limit=80)
            warm = v.sequence(obj.get("warm_up", []), f"{path}.warm_up", limit=20)
            wmin = obj.get("warm_up_min")
            warm_min: tuple[int, int] | None = None
            if wmin is not None:
                pair = v.sequence(wmin, f"{path}.warm_up_min", limit=2)
                if len(pair) != 2:
                    raise HistoryError(
                        f"{path}.warm_up_min", "must be a [low, high] pair of minutes"
                    )
                warm_min = (
                    v.whole(pair[0], f"{path}.warm_up_min[0]", low=0, high=60),
                    v.whole(pair[1], f"{path}.warm_up_min[1]", low=0, high=60),
                )
            title = obj.get("title")
            source = obj.get("source")
        elif isinstance(value, (list, tuple)):
            items, prefix, name, warm, warm_min = list(value), path, "custom", [], None
            title = source = None
        else:
            raise HistoryError(
                path,
                f"must be a plan name, a list of exercises or a Plan, got {type(value).__name__}",
            )
        if not items:
            raise HistoryError(prefix, "must list at least one exercise")
        if len(items) > 40:
            raise HistoryError(prefix, f"has {len(items)} exercises, more than the limit of 40")
        return cls(
            name=name,
            title=None if title is None else v.text(title, f"{path}.title"),
            source=None if source is None else v.text(source, f"{path}.source", limit=400),
            exercises=tuple(
                PlannedExercise.from_dict(e, f"{prefix}[{i}]") for i, e in enumerate(items)
            ),
            warm_up_min=warm_min,
            warm_up=tuple(v.text(w, f"{path}.warm_up[{i}]") for i, w in enumerate(warm)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The plan as a mapping that :meth:`Plan.from_value` reads back."""
        out: dict[str, Any] = {"name": self.name}
        if self.title:
            out["title"] = self.title
        if self.source:
            out["source"] = self.source
        if self.warm_up_min:
            out["warm_up_min"] = list(self.warm_up_min)
        if self.warm_up:
            out["warm_up"] = list(self.warm_up)
        out["exercises"] = [e.to_dict() for e in self.exercises]
        return out
