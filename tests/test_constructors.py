"""Hand-built histories are checked like JSON-like ones: the classes check their fields.

``History``, ``Workout``, ``Exercise``, ``WorkoutSet``, ``CheckIn``, ``Sleep`` and ``Athlete``
apply the rules of :meth:`History.from_dict` (ranges, vocabularies, finite numbers, lengths,
types) when they are built, so an invalid history cannot be made and ``advise()``, which trusts
any ``History``, never meets one. A constructor's error is the library's ``HistoryError`` naming
``Class.field``; ``from_dict`` names the field's place in the document instead.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import recovery_advisor as ra
from strategies import NOW, NOW_TEXT

START = datetime(2026, 11, 24, 18, 0)
SQUAT = ra.Exercise("Squat (Barbell)", (ra.WorkoutSet(reps=5, weight_kg=100.0, rpe=8.0),))


def _advice() -> dict[str, Any]:
    history = ra.History(workouts=(ra.Workout(start=START, exercises=(SQUAT,)),))
    return ra.advise(history, now=NOW_TEXT, plan="legs-and-back").to_dict()


BASELINE = _advice()


def _workout(**fields: Any) -> ra.Workout:
    return ra.Workout(**{"start": START, "exercises": (SQUAT,), **fields})


def _checkin(**fields: Any) -> ra.CheckIn:
    return ra.CheckIn(**{"at": START, "muscle": "hamstrings", "feeling": "tight", **fields})


def _set(**fields: Any) -> ra.WorkoutSet:
    return ra.WorkoutSet(**{"reps": 5, **fields})


# (what is built, the path of the error, words of the problem)
BAD = {
    # the cases seen in the field: each used to give a TypeError from deep inside, wrong advice
    # or an EngineError without a path
    "start as text": (
        lambda: _workout(start="2026-11-24T18:00:00"),
        "Workout.start",
        "must be a datetime (History.from_dict reads ISO 8601 text), got str",
    ),
    "start a date": (
        lambda: _workout(start=date(2026, 11, 24)),
        "Workout.start",
        "must be a datetime (a date alone has no time of day), got date",
    ),
    "negative sleep": (
        lambda: ra.Sleep(date=date(2026, 11, 25), hours=-5.0),
        "Sleep.hours",
        "must be from 0 to 24 h, got -5",
    ),
    "unknown muscle": (lambda: _checkin(muscle="elbow"), "CheckIn.muscle", "got 'elbow'"),
    "level 99": (lambda: _checkin(level=99), "CheckIn.level", "must be a whole number ≤ 5"),
    "negative reps": (lambda: _set(reps=-5), "WorkoutSet.reps", "must be a whole number ≥ 0"),
    "huge rpe": (lambda: _set(rpe=1e9), "WorkoutSet.rpe", "must be from 1 to 10"),
    "bogus type": (lambda: _set(type="bogus"), "WorkoutSet.type", "got 'bogus'"),
    "reps as text": (lambda: _set(reps="5"), "WorkoutSet.reps", "got '5'"),
    "huge weight": (lambda: _set(weight_kg=1e300), "WorkoutSet.weight_kg", "from 0 to 1000 kg"),
    # the rest of the rules of from_dict
    "rpe in quarters": (lambda: _set(rpe=8.25), "WorkoutSet.rpe", "steps of 0.5"),
    "NaN weight": (lambda: _set(weight_kg=math.nan), "WorkoutSet.weight_kg", "finite"),
    "infinite rir": (lambda: _set(rir=math.inf), "WorkoutSet.rir", "finite"),
    "reps true": (lambda: _set(reps=True), "WorkoutSet.reps", "whole number"),
    "fractional reps": (lambda: _set(reps=5.5), "WorkoutSet.reps", "whole number"),
    "blank exercise name": (lambda: ra.Exercise("  "), "Exercise.name", "must not be empty"),
    "long exercise name": (lambda: ra.Exercise("x" * 201), "Exercise.name", "limit of 200"),
    "lone surrogate": (lambda: ra.Exercise("Squat \ud800"), "Exercise.name", "not valid Unicode"),
    "501 sets": (
        lambda: ra.Exercise("Squat", (ra.WorkoutSet(reps=1),) * 501),
        "Exercise.sets",
        "has 501 items, more than the limit of 500",
    ),
    "a dict for a set": (
        lambda: ra.Exercise("Squat", ({"reps": 5},)),
        "Exercise.sets[0]",
        "must be a WorkoutSet (History.from_dict reads JSON-like data), got dict",
    ),
    "sets as text": (lambda: ra.Exercise("Squat", "5x5"), "Exercise.sets", "must be a list"),
    "201 exercises": (
        lambda: _workout(exercises=(SQUAT,) * 201),
        "Workout.exercises",
        "more than the limit of 200",
    ),
    "long workout name": (lambda: _workout(name="x" * 201), "Workout.name", "limit of 200"),
    "duration of two days": (
        lambda: _workout(duration_min=2880),
        "Workout.duration_min",
        "from 0 to 1440 min",
    ),
    "session rpe 11": (lambda: _workout(session_rpe=11), "Workout.session_rpe", "0 to 10"),
    "year 1800": (lambda: _workout(start=datetime(1800, 1, 1)), "Workout.start", "1900 to 2100"),
    "check-in at as text": (lambda: _checkin(at="2026-11-24"), "CheckIn.at", "got str"),
    "bad feeling": (lambda: _checkin(feeling="stiff"), "CheckIn.feeling", "got 'stiff'"),
    "sleep date as text": (
        lambda: ra.Sleep(date="2026-11-25", hours=7.0),
        "Sleep.date",
        "must be a date (History.from_dict reads ISO 8601 text), got str",
    ),
    "sleep of 25 hours": (lambda: ra.Sleep(date=date(2026, 11, 25), hours=25), "Sleep.hours", "24"),
    "unknown experience": (lambda: ra.Athlete(experience="pro"), "Athlete.experience", "pro"),
    "22 sessions a week": (
        lambda: ra.Athlete(sessions_per_week=22),
        "Athlete.sessions_per_week",
        "≤ 21",
    ),
    "goals as text": (lambda: ra.Athlete(goals="strength"), "Athlete.goals", "must be a list"),
    "unknown goal": (lambda: ra.Athlete(goals=("strenght",)), "Athlete.goals[0]", "strength"),
    "light athlete": (lambda: ra.Athlete(body_mass_kg=5), "Athlete.body_mass_kg", "20 to 400"),
    "a dict for the athlete": (
        lambda: ra.History(athlete={"experience": "advanced"}),
        "athlete",
        "must be an Athlete (History.from_dict reads JSON-like data), got dict",
    ),
    "text for a workout": (
        lambda: ra.History(workouts=(_workout(), "Back day")),
        "workouts[1]",
        "must be a Workout, got str",
    ),
    "workouts as one workout": (
        lambda: ra.History(workouts=_workout()),
        "workouts",
        "must be a list, got Workout",
    ),
    "a check-in for a night": (
        lambda: ra.History(sleep=(_checkin(),)),
        "sleep[0]",
        "must be a Sleep, got CheckIn",
    ),
    "the same workout twice": (
        lambda: ra.History(workouts=(_workout(), _workout(exercises=()), _workout(name="again"))),
        "workouts[2]",
        "repeats the workout of 2026-11-24 18:00",
    ),
    "the same night twice": (
        lambda: ra.History(
            sleep=(ra.Sleep(date(2026, 11, 25), 7), ra.Sleep(date(2026, 11, 25), 6))
        ),
        "sleep[1].date",
        "already given by sleep[0]",
    ),
}


@pytest.mark.parametrize(("build", "path", "words"), list(BAD.values()), ids=list(BAD))
def test_an_invalid_object_cannot_be_built(build: Any, path: str, words: str) -> None:
    """Building a history part with a value ``from_dict`` would refuse raises ``HistoryError``
    (not a TypeError from deep inside), whose ``path`` names the class and field and whose text
    says what was wrong; advising goes on unaffected."""
    with pytest.raises(ra.HistoryError) as caught:
        build()
    assert caught.value.path == path
    assert words in caught.value.problem
    assert str(caught.value) == f"{path}: {caught.value.problem}"
    assert _advice() == BASELINE


def test_evolve_checks_too() -> None:
    """``attrs.evolve`` builds through the constructor, so it cannot make an invalid part."""
    good = _set()
    with pytest.raises(ra.HistoryError, match=r"^WorkoutSet\.reps: "):
        attrs.evolve(good, reps=-1)
    with pytest.raises(ra.HistoryError, match=r"^workouts\[0\]: must be a Workout"):
        attrs.evolve(ra.History(), workouts=[None])


def test_values_are_normalised_as_from_dict_does() -> None:
    """Numbers are stored as from_dict stores them (whole ``reps`` as ``int``, the rest as
    ``float``), lists become tuples (so the parts stay hashable), repeated goals are kept once
    and a sleep ``datetime`` gives its date, so a hand-built part equals the parsed one."""
    s = ra.WorkoutSet(reps=5.0, weight_kg=100, rpe=8, rir=2)  # type: ignore[arg-type]
    assert (type(s.reps), type(s.weight_kg), type(s.rpe), type(s.rir)) == (int, float, float, float)
    assert s == ra.WorkoutSet.from_dict({"reps": 5, "weight_kg": 100, "rpe": 8, "rir": 2}, "set")
    exercise = ra.Exercise("Squat", [s, s])  # type: ignore[arg-type]
    assert exercise.sets == (s, s)
    hash(exercise)
    history = ra.History(
        athlete=ra.Athlete(goals=["strength", "strength", "general"]),  # type: ignore[arg-type]
        workouts=[ra.Workout(start=START, exercises=[exercise])],  # type: ignore[arg-type]
        sleep=[ra.Sleep(date=datetime(2026, 11, 25, 6, 30), hours=7)],  # type: ignore[list-item]
    )
    assert history.athlete.goals == ("strength", "general")
    assert history.sleep[0].date == date(2026, 11, 25)
    assert isinstance(history.workouts, tuple)
    assert ra.History.from_dict(history.to_dict()) == history


def test_from_dict_names_the_place_in_the_document() -> None:
    """The same check through ``from_dict`` names the field by its path in the document."""
    data = {
        "workouts": [
            {
                "start": "2026-11-24T18:00:00",
                "exercises": [
                    {"name": "Squat (Barbell)", "sets": [{"reps": 5}]},
                    {
                        "name": "Deadlift (Barbell)",
                        "sets": [{"reps": 5}, {"reps": 5}, {"reps": -5}],
                    },
                ],
            }
        ]
    }
    with pytest.raises(ra.HistoryError) as caught:
        ra.History.from_dict(data)
    assert str(caught.value) == (
        "workouts[0].exercises[1].sets[2].reps: must be a whole number ≥ 0, got -5"
    )
    with pytest.raises(ra.HistoryError) as caught:
        ra.History.from_dict({"athlete": {"goals": ["strength", "stamina"]}})
    assert caught.value.path == "athlete.goals[1]"


def test_a_hand_built_history_is_advised_like_its_document() -> None:
    """A valid hand-built history (aware and naive times, every optional field) gets the same
    advice as the same history read from its document."""
    aware = (NOW - timedelta(hours=20)).replace(tzinfo=timezone(timedelta(hours=1)))
    history = ra.History(
        athlete=ra.Athlete(experience="intermediate", sessions_per_week=4, body_mass_kg=82),
        workouts=(
            ra.Workout(
                start=aware,
                name="Back day",
                duration_min=70,
                session_rpe=8,
                exercises=(
                    ra.Exercise(
                        "Deadlift (Barbell)",
                        (ra.WorkoutSet(6, 170, rpe=9), ra.WorkoutSet(6, 170, rir=1)),
                    ),
                ),
            ),
        ),
        checkins=(ra.CheckIn(NOW - timedelta(hours=1), "hamstrings", "tight", 4),),
        sleep=(ra.Sleep(NOW.date(), 5.5),),
    )
    same = ra.History.from_dict(history.to_dict())
    plan = "legs-and-back"
    assert ra.advise(history, now=NOW, plan=plan) == ra.advise(same, now=NOW, plan=plan)


# ----------------------------------------------------------------------- one set of rules
#: values for every field of a set and a check-in: valid ones and ones some field refuses
VALUES = st.sampled_from(
    [
        *(None, 0, 1, 3, 5, 5.0, 7.5, 8.25, 10, 11, -1, 1000, 1001, 1e300),
        *(math.nan, -math.inf, True, "5", "", "normal", "warmup", "amrap"),
        *("hamstrings", "posterior_chain", "elbow", "sore", [], {"reps": 5}),
    ]
)
SET_FIELDS = ("reps", "weight_kg", "rpe", "rir", "type")
CHECKIN_FIELDS = ("muscle", "feeling", "level")


def _outcome(build: Any) -> Any:
    try:
        return build()
    except ra.HistoryError as exc:
        return exc.path.rpartition(".")[2], exc.problem


@settings(max_examples=300, deadline=None)
@given(fields=st.fixed_dictionaries({}, optional=dict.fromkeys(SET_FIELDS, VALUES)))
def test_constructor_and_from_dict_apply_the_same_rules_to_a_set(fields: dict[str, Any]) -> None:
    """For any values of a set's fields, ``WorkoutSet(...)`` and ``WorkoutSet.from_dict`` agree:
    both build the same set, or both refuse the same field for the same reason (``null`` in a
    document is a missing value, as ``None`` is for the constructor)."""
    fields = {"reps": 5, **fields}
    built = _outcome(lambda: ra.WorkoutSet(**fields))
    parsed = _outcome(lambda: ra.WorkoutSet.from_dict(dict(fields), "set"))
    assert built == parsed


@settings(max_examples=200, deadline=None)
@given(fields=st.fixed_dictionaries(dict.fromkeys(CHECKIN_FIELDS, VALUES)))
def test_constructor_and_from_dict_apply_the_same_rules_to_a_check_in(
    fields: dict[str, Any],
) -> None:
    """For any muscle, feeling and level, ``CheckIn(...)`` and ``CheckIn.from_dict`` agree."""
    built = _outcome(lambda: ra.CheckIn(at=START, **fields))
    parsed = _outcome(lambda: ra.CheckIn.from_dict({"at": START.isoformat(), **fields}, "c"))
    assert built == parsed
