"""pandas interop: ``History.from_frame``, ``history.to_frame()``, ``advice.to_frame()``."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import recovery_advisor as ra
from recovery_advisor.frames import RECOMMENDATION_COLUMNS, SET_COLUMNS
from strategies import frame_histories

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-25T08:00:00"
BOOK = ra.RuleBook.default()


@pytest.fixture(scope="module")
def history() -> ra.History:
    return ra.load_history(ROOT / "examples" / "history.json")


def test_to_frame_has_one_row_per_set(history: ra.History) -> None:
    """``to_frame()`` has the documented columns and one row per logged set, in order."""
    df = history.to_frame()
    assert tuple(df.columns) == SET_COLUMNS
    n_sets = sum(len(e.sets) for w in history.workouts for e in w.exercises)
    assert len(df) == n_sets
    first = history.workouts[0]
    row = df.iloc[0]
    assert row["start"] == first.start
    assert row["workout"] == first.name
    assert row["exercise"] == first.exercises[0].name
    assert row["set"] == 1
    assert row["reps"] == first.exercises[0].sets[0].reps
    assert str(df["reps"].dtype) == "Int64"


def test_round_trip_of_the_example(history: ra.History) -> None:
    """``History.from_frame(h.to_frame())`` gives back exactly the workouts of ``h``."""
    back = ra.History.from_frame(history.to_frame())
    assert back.workouts == history.workouts
    assert back.checkins == ()
    assert back.sleep == ()


def test_round_trip_of_awkward_workouts() -> None:
    """Empty workouts, exercises without sets, a repeated exercise block, aware times and
    missing optional values all survive the round trip."""
    aware = datetime(2026, 11, 24, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    squat = ra.WorkoutSet(reps=5, weight_kg=100.0, rpe=8.0)
    history = ra.History(
        workouts=(
            ra.Workout(start=datetime(2026, 11, 20, 18, 0)),
            ra.Workout(
                start=aware,
                name="Legs",
                duration_min=60.0,
                session_rpe=7.0,
                exercises=(
                    ra.Exercise("Squat (Barbell)", (squat, squat)),
                    ra.Exercise("Squat (Barbell)", (ra.WorkoutSet(reps=10, type="dropset"),)),
                    ra.Exercise("Plank"),
                    ra.Exercise("Pull Up", (ra.WorkoutSet(reps=8, rir=2.0, type="failure"),)),
                ),
            ),
        )
    )
    df = history.to_frame()
    assert len(df) == 1 + 2 + 1 + 1 + 1
    assert ra.History.from_frame(df) == history


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=frame_histories)
def test_round_trip_is_exact(history: ra.History) -> None:
    """For any workouts (of the same name or not, with or without sets, naive or aware), the
    frame gives them back exactly: equal, and with the same document (offsets, types)."""
    back = ra.History.from_frame(history.to_frame())
    assert back.workouts == history.workouts
    assert back.to_dict() == history.to_dict()


@pytest.mark.parametrize(
    "sets",
    [((), (5,)), ((5,), ()), ((), ()), ((5,), (), (5, 3)), ((), (5,), ())],
    ids=[
        "empty-then-sets",
        "sets-then-empty",
        "empty-twice",
        "sets-empty-sets",
        "empty-sets-empty",
    ],
)
def test_an_exercise_without_sets_is_never_merged(sets: tuple[tuple[int, ...], ...]) -> None:
    """An exercise without sets next to one of the same name stays an exercise of its own (its
    row, with empty set columns, always stands for one exercise): the case Hypothesis found."""
    exercises = tuple(
        ra.Exercise("Plank", tuple(ra.WorkoutSet(reps=r) for r in reps)) for reps in sets
    )
    history = ra.History(
        workouts=(ra.Workout(start=datetime(2026, 11, 24, 18), exercises=exercises),)
    )
    assert ra.History.from_frame(history.to_frame()) == history


def test_two_workouts_of_the_same_start_and_name_become_one() -> None:
    """The one thing a frame cannot express, as the module documents: two workouts with the
    same start and name come back as one workout with the exercises of both, in order."""
    start = datetime(2026, 11, 24, 18)
    one = ra.Workout(start=start, name="Legs", exercises=(ra.Exercise("Squat (Barbell)"),))
    two = ra.Workout(start=start, name="Legs", exercises=(ra.Exercise("Plank"),))
    back = ra.History.from_frame(ra.History(workouts=(one, two)).to_frame())
    (workout,) = back.workouts
    assert {e.name for e in workout.exercises} == {"Squat (Barbell)", "Plank"}


def test_limits_are_named_by_the_row_they_start_in() -> None:
    """An exercise of more than 500 sets (the format's limit) is a HistoryError naming the row
    where the exercise starts."""
    df = pd.DataFrame(
        {
            "start": ["2026-11-24T18:00:00"] * 502,
            "exercise": ["Plank"] + ["Squat (Barbell)"] * 501,
            "reps": [1] * 502,
        }
    )
    with pytest.raises(ra.HistoryError) as info:
        ra.History.from_frame(df)
    assert info.value.path == "rows[1].exercise"
    assert info.value.problem == (
        "the exercise 'Squat (Barbell)' that starts in this row: sets has 501 items, more than"
        " the limit of 500"
    )


def _frame(**overrides: object) -> pd.DataFrame:
    data: dict[str, object] = {
        "start": ["2026-11-24T18:00:00"] * 3,
        "workout": ["Back day"] * 3,
        "exercise": ["Deadlift (Barbell)", "Deadlift (Barbell)", "Lat Pulldown (Cable)"],
        "reps": [5, 5, 10],
        "weight_kg": [170.0, 170.0, None],
        "rpe": [8.5, 9.0, None],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def test_from_frame_with_text_times_and_few_columns() -> None:
    """A minimal frame (text times, no ``set`` column) groups rows into workouts and exercises
    and gives the same advice as the equivalent JSON history."""
    history = ra.History.from_frame(_frame())
    (workout,) = history.workouts
    assert workout.name == "Back day"
    assert [e.name for e in workout.exercises] == ["Deadlift (Barbell)", "Lat Pulldown (Cable)"]
    assert workout.exercises[0].sets[1] == ra.WorkoutSet(reps=5, weight_kg=170.0, rpe=9.0)
    assert workout.exercises[1].sets[0].weight_kg is None
    same = ra.History.from_dict(history.to_dict())
    assert ra.advise(history, now=NOW).to_dict() == ra.advise(same, now=NOW).to_dict()


def test_from_frame_groups_workouts_by_start_and_name() -> None:
    """Rows of two workouts, interleaved, become two workouts sorted by start; the ``set``
    column splits two blocks of the same exercise."""
    df = pd.DataFrame(
        {
            "start": pd.to_datetime(["2026-11-24 18:00", "2026-11-20 18:00", "2026-11-24 18:00"]),
            "exercise": ["Squat (Barbell)", "Bench Press (Barbell)", "Squat (Barbell)"],
            "set": [1, 1, 1],
            "reps": [5, 5, 3],
            "x_note": ["a", "b", "c"],
        }
    )
    history = ra.History.from_frame(df)
    assert [w.start.day for w in history.workouts] == [20, 24]
    assert [len(e.sets) for e in history.workouts[1].exercises] == [1, 1]


def test_workout_level_values_may_repeat_or_be_blank() -> None:
    """``duration_min`` may be on every row of a workout or only on one."""
    df = _frame(duration_min=[70, None, 70])
    (workout,) = ra.History.from_frame(df).workouts
    assert workout.duration_min == 70


@pytest.mark.parametrize(
    ("overrides", "path", "words"),
    [
        ({"reps": [5, -1, 10]}, "rows[1].reps", "whole number ≥ 0, got -1"),
        ({"rpe": [8.5, 8.25, None]}, "rows[1].rpe", "steps of 0.5"),
        ({"start": ["2026-11-24T18:00:00", "yesterday", None]}, "rows[1].start", "ISO 8601"),
        ({"start": ["2026-11-24T18:00:00", None, None]}, "rows[1].start", "missing"),
        ({"exercise": ["Deadlift (Barbell)", None, "Row"]}, "rows[1].exercise", "missing"),
        ({"reps": [5, None, 10]}, "rows[1].reps", "missing"),
        ({"duration_min": [70, 60, None]}, "rows[1].duration_min", "60 but 70 in rows[0]"),
        ({"type": ["normal", "amrap", "normal"]}, "rows[1].type", "must be one of"),
        ({"wieght_kg": [1, 2, 3]}, "columns.wieght_kg", "did you mean 'weight_kg'"),
    ],
)
def test_bad_frames_name_row_and_column(
    overrides: dict[str, object], path: str, words: str
) -> None:
    """A bad value raises HistoryError naming the 0-based row and the column."""
    with pytest.raises(ra.HistoryError) as info:
        ra.History.from_frame(_frame(**overrides))
    assert info.value.path == path
    assert words in info.value.problem


def test_missing_required_column() -> None:
    """A frame without ``reps`` says which required column is missing."""
    with pytest.raises(ra.HistoryError, match="reps"):
        ra.History.from_frame(_frame().drop(columns=["reps"]))


def test_not_a_frame() -> None:
    """Passing something other than a DataFrame is a HistoryError, not an AttributeError."""
    with pytest.raises(ra.HistoryError, match="DataFrame"):
        ra.History.from_frame([{"start": NOW}])  # type: ignore[arg-type]


def test_advice_to_frame_one_row_per_recommendation(history: ra.History) -> None:
    """``advice.to_frame()`` has one row per recommendation with the keys of ``to_dict`` as
    columns and the same values (``None`` becomes pandas' missing value)."""
    for fixture, plan in (("back-day-yesterday", "legs-and-back"), ("beginner", "legs-and-back")):
        advice = ra.advise(BOOK.fixtures[fixture], now=NOW, plan=plan)
        df = advice.to_frame()
        assert tuple(df.columns) == RECOMMENDATION_COLUMNS
        assert len(df) == len(advice.recommendations)
        assert len(df) > 0
        for row, rec in zip(df.to_dict("records"), advice.recommendations, strict=True):
            for key, value in rec.to_dict().items():
                if value is None:  # missing values are pandas' missing values
                    assert pd.isna(row[key]), (key, row[key])
                else:
                    assert row[key] == value, key


def test_advice_to_frame_empty() -> None:
    """Advice without recommendations gives an empty frame that still has the columns."""
    advice = ra.advise({}, now=NOW)
    df = ra.Advice(
        now=advice.now, verdict="train", recommendations=(), readiness=advice.readiness
    ).to_frame()
    assert len(df) == 0
    assert tuple(df.columns) == RECOMMENDATION_COLUMNS


def test_without_pandas_the_error_names_the_extra(
    history: ra.History, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When pandas cannot be imported, the frame methods raise MissingDependencyError naming
    the ``pandas`` extra."""
    for name in [m for m in sys.modules if m == "pandas" or m.startswith("pandas.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ra.MissingDependencyError, match=r"recovery-advisor\[pandas\]"):
        history.to_frame()
    with pytest.raises(ra.MissingDependencyError, match=r"recovery-advisor\[pandas\]"):
        ra.advise(history, now=NOW).to_frame()
    with pytest.raises(ra.MissingDependencyError, match="pandas"):
        ra.History.from_frame(object())  # type: ignore[arg-type]
