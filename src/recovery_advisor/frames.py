"""pandas interop (needs pandas: ``pip install 'recovery-advisor[pandas]'``).

A history's workouts as a *long* frame, one row per set (:data:`SET_COLUMNS`):

========================  ==========================================================  ==========
column                    meaning                                                     required
========================  ==========================================================  ==========
``start``                 when the workout started (datetime or ISO 8601 text)        yes
``workout``               the workout's name                                          no
``duration_min``          the workout's duration in minutes                           no
``session_rpe``           the athlete's rating of the whole workout (0-10)            no
``exercise``              the exercise as logged                                      yes
``set``                   1-based number of the set within the exercise               no
``reps``                  repetitions                                                 yes
``weight_kg``             load in kg (empty for bodyweight work)                      no
``rpe`` / ``rir``         effort: RPE 1-10 in halves, or reps in reserve              no
``type``                  ``normal``, ``warmup``, ``dropset`` or ``failure``          no
========================  ==========================================================  ==========

Rows with the same ``start`` and ``workout`` form one workout (in order of first appearance);
within it, consecutive rows of the same ``exercise`` form one exercise, and a ``set`` number that
does not go up starts a new one. A row whose ``set``, ``reps`` and other set columns are all
empty stands for an exercise without sets, always an exercise of its own (even between rows of
the same name), and a row whose ``exercise`` is empty for a workout without exercises. So
``History.from_frame(h.to_frame())`` gives back the workouts of ``h`` exactly, with one
exception a frame cannot express: two workouts with the same start and name (and different
exercises, else they would be one) come back as one workout with the exercises of both. The
profile, check-ins and sleep are not part of the frame: combine with :meth:`History.merge`.

Values are checked like the JSON format's: a bad value raises
:class:`~recovery_advisor.errors.HistoryError` naming the row (0-based position) and column,
``rows[3].reps: must be a whole number ≥ 0, got -1``; an exercise of more than 500 sets or a
workout of more than 200 exercises is named by the row it starts in. Unknown columns are errors too, except
those starting with ``x-`` or ``x_``.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from . import _validate as v
from .errors import HistoryError, MissingDependencyError
from .history import Exercise, History, Workout, WorkoutSet

if TYPE_CHECKING:
    import pandas as pd

    from .advice import Advice

__all__ = [
    "RECOMMENDATION_COLUMNS",
    "SET_COLUMNS",
    "advice_to_frame",
    "history_from_frame",
    "history_to_frame",
]

#: The columns of :func:`history_to_frame`, in order.
SET_COLUMNS: Final = (
    "start",
    "workout",
    "duration_min",
    "session_rpe",
    "exercise",
    "set",
    "reps",
    "weight_kg",
    "rpe",
    "rir",
    "type",
)
REQUIRED_COLUMNS: Final = ("start", "exercise", "reps")
_SET_FIELDS: Final = ("reps", "weight_kg", "rpe", "rir", "type")
_WORKOUT_FIELDS: Final = ("duration_min", "session_rpe")
#: The columns of :func:`advice_to_frame`, in order (the keys of a recommendation's ``to_dict``).
RECOMMENDATION_COLUMNS: Final = (
    "rule",
    "title",
    "action",
    "severity",
    "message",
    "source",
    "ref",
    "because",
    "muscles",
    "exercise",
    "replacement",
    "topic",
)


def _pandas(feature: str) -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError(feature, "pandas", "pandas") from None
    return pandas


def _plain(value: Any) -> Any:
    """A frame cell as a plain Python value; every kind of missing value becomes ``None``."""
    if value is None or isinstance(value, (list, tuple, dict)):
        return value
    pd = _pandas("History.from_frame()")
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, datetime):
        return value
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


# --------------------------------------------------------------------------- history -> frame
def history_to_frame(history: History) -> pd.DataFrame:
    """The workouts of ``history`` as a long frame, one row per set (:data:`SET_COLUMNS`)."""
    pd = _pandas("History.to_frame()")
    rows: list[tuple[Any, ...]] = []
    for w in history.workouts:
        head = (w.start, w.name, w.duration_min, w.session_rpe)
        if not w.exercises:
            rows.append((*head, None, None, None, None, None, None, None))
        for ex in w.exercises:
            if not ex.sets:
                rows.append((*head, ex.name, None, None, None, None, None, None))
            for n, s in enumerate(ex.sets, 1):
                rows.append((*head, ex.name, n, s.reps, s.weight_kg, s.rpe, s.rir, s.type))
    frame = pd.DataFrame.from_records(rows, columns=list(SET_COLUMNS))
    return frame.astype(
        {
            "set": "Int64",
            "reps": "Int64",
            "duration_min": "float64",
            "session_rpe": "float64",
            "weight_kg": "float64",
            "rpe": "float64",
            "rir": "float64",
        }
    )


# --------------------------------------------------------------------------- frame -> history
def _columns(frame: Any) -> list[str]:
    names = list(frame.columns)
    for name in names:
        if not isinstance(name, str):
            raise HistoryError("columns", f"has a non-text column name {v.show(name)}")
        if name in SET_COLUMNS or name.startswith(("x-", "x_")):
            continue
        raise HistoryError(
            f"columns.{name}",
            f"unknown column{v.suggest(name, SET_COLUMNS)}; known columns: {', '.join(SET_COLUMNS)}",
        )
    if len(set(names)) != len(names):
        raise HistoryError("columns", "has the same column twice")
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise HistoryError(
            "columns", f"lacks the required column(s) {', '.join(missing)} (one row per set)"
        )
    return [n for n in names if n in SET_COLUMNS]


@attrs.define(slots=True)
class _Block:
    name: str
    row: int
    sets: list[WorkoutSet] = attrs.field(factory=list)
    last_set: float = -math.inf
    #: an exercise without sets (its row has no set values): the next row starts a new one
    closed: bool = False


@attrs.define(slots=True)
class _Draft:
    workout: Workout
    row: int
    blocks: list[_Block] = attrs.field(factory=list)


def history_from_frame(frame: pd.DataFrame) -> History:
    """A history whose workouts are the rows of a long frame, one per set (see the module doc).

    Raises :class:`HistoryError` naming the row and column of the first bad value.
    """
    pd = _pandas("History.from_frame()")
    if not isinstance(frame, pd.DataFrame):
        raise HistoryError("", f"must be a pandas DataFrame, got {type(frame).__name__}")
    columns = _columns(frame)
    drafts: dict[tuple[datetime, str | None], _Draft] = {}
    for pos, values in enumerate(frame[columns].itertuples(index=False, name=None)):
        row = {c: _plain(x) for c, x in zip(columns, values, strict=True)}
        path = f"rows[{pos}]"
        if row["start"] is None:
            raise HistoryError(f"{path}.start", "is missing (an ISO 8601 date-time)")
        head = {"start": row["start"]} | {
            k: row[k] for k in ("workout", *_WORKOUT_FIELDS) if row.get(k) is not None
        }
        if "workout" in head:
            head["name"] = head.pop("workout")
        workout = Workout.from_dict(head, path)
        key = (workout.start, workout.name)
        draft = drafts.get(key)
        if draft is None:
            draft = drafts[key] = _Draft(workout, pos)
        else:
            for field in _WORKOUT_FIELDS:
                old, new = getattr(draft.workout, field), getattr(workout, field)
                if new is not None and old is not None and new != old:
                    raise HistoryError(
                        f"{path}.{field}",
                        f"is {new:g} but {old:g} in rows[{draft.row}] of the same workout",
                    )
                if old is None and new is not None:
                    draft.workout = attrs.evolve(draft.workout, **{field: new})
        set_values = {k: row[k] for k in _SET_FIELDS if row.get(k) is not None}
        number = row.get("set")
        if row["exercise"] is None:
            if set_values or number is not None:
                raise HistoryError(f"{path}.exercise", "is missing (the row has set values)")
            continue
        name = v.text(row["exercise"], f"{path}.exercise")
        if number is not None:
            number = v.whole(number, f"{path}.set", low=0, high=10_000)
        if not set_values and number is None:
            # an exercise without sets, always one of its own: the exercise before it, or after
            # it, may have the same name (to_frame writes such a row for an exercise whose
            # sets list is empty)
            draft.blocks.append(_Block(name, pos, closed=True))
            continue
        block = draft.blocks[-1] if draft.blocks else None
        if (
            block is None
            or block.closed
            or block.name != name
            or (number is not None and number <= block.last_set)
        ):
            block = _Block(name, pos)
            draft.blocks.append(block)
        if number is not None:
            block.last_set = number
        block.sets.append(WorkoutSet.from_dict(set_values, path))
    # The classes check the limits of the JSON format (sets per exercise, exercises per
    # workout); their errors name the row where the exercise or the workout starts.
    workouts: list[Workout] = []
    seen: dict[tuple[Any, ...], int] = {}
    for d in drafts.values():
        exercises = []
        for b in d.blocks:
            try:
                exercises.append(Exercise(name=b.name, sets=tuple(b.sets)))
            except HistoryError as exc:
                raise _starting_here(
                    exc, f"rows[{b.row}].exercise", f"the exercise {b.name!r}"
                ) from None
        try:
            workout = attrs.evolve(d.workout, exercises=tuple(exercises))
        except HistoryError as exc:
            raise _starting_here(exc, f"rows[{d.row}].start", "the workout") from None
        first = seen.setdefault((workout.start, workout.exercises), d.row)
        if first != d.row:
            raise HistoryError(
                f"rows[{d.row}].start",
                f"starts a workout that repeats the one of rows[{first}] (same start and "
                "exercises); a workout is counted once, so remove the copy",
            )
        workouts.append(workout)
    return History(workouts=workouts)


def _starting_here(exc: HistoryError, path: str, what: str) -> HistoryError:
    """A constructor's error (``Exercise.sets: has 501 items ...``) at the row ``what`` starts."""
    field = exc.path.partition(".")[2]
    return HistoryError(path, f"{what} that starts in this row: {field} {exc.problem}")


# --------------------------------------------------------------------------- advice -> frame
def advice_to_frame(advice: Advice) -> pd.DataFrame:
    """The recommendations of ``advice``, one row each (:data:`RECOMMENDATION_COLUMNS`, the keys
    of ``Recommendation.to_dict()``; ``because`` and ``muscles`` hold lists), most severe first."""
    pd = _pandas("Advice.to_frame()")
    records = [r.to_dict() for r in advice.recommendations]
    return pd.DataFrame.from_records(records, columns=list(RECOMMENDATION_COLUMNS))
