"""The readiness model: effort, decay, bands, hours to ready and the signals built on them."""

from __future__ import annotations

from typing import Any

import pytest

import recovery_advisor as ra
from recovery_advisor.readiness import Contribution, ReadinessModel

NOW = "2026-11-25T08:00:00"


def _squats(
    start: str, sets: list[dict[str, Any]], name: str = "Squat (Barbell)"
) -> dict[str, Any]:
    return {"start": start, "exercises": [{"name": name, "sets": sets}]}


def _readiness(*workouts: dict[str, Any], now: str = NOW) -> dict[str, int]:
    return ra.advise({"workouts": list(workouts)}, now=now).readiness


HARD = {"reps": 5, "weight_kg": 140, "rpe": 9}


def test_hard_sets_lower_readiness_of_prime_movers_more_than_secondary() -> None:
    """Four sets at RPE 9 just finished: quads (primary) at 38, glutes (secondary) higher."""
    r = _readiness(_squats("2026-11-25T07:59:00", [HARD] * 4))
    assert r["quadriceps"] == 38
    assert r["quadriceps"] < r["glutes"] < 100
    assert r["chest"] == 100


def test_warmup_sets_count_for_nothing() -> None:
    """Warm-up sets leave every muscle at 100."""
    warm = {"reps": 5, "weight_kg": 60, "type": "warmup"}
    assert set(_readiness(_squats("2026-11-25T07:00:00", [warm] * 5)).values()) == {100}


def test_fatigue_is_gone_by_72_hours_for_large_muscles() -> None:
    """Mostly recovered by 48 h, fully by 72 h."""
    at_24 = _readiness(_squats("2026-11-24T08:00:00", [HARD] * 4))["quadriceps"]
    at_48 = _readiness(_squats("2026-11-23T08:00:00", [HARD] * 4))["quadriceps"]
    at_72 = _readiness(_squats("2026-11-22T08:00:00", [HARD] * 4))["quadriceps"]
    assert at_24 < at_48 < at_72 == 100
    assert at_48 >= 67


def test_failure_sets_recover_more_slowly() -> None:
    """At 72 h, sets short of failure have left no fatigue; sets to failure still have
    (recovery up to 24-48 h slower, Morán-Navarro et al.). RPE 10 counts as failure."""
    short = _readiness(
        _squats("2026-11-22T08:00:00", [{"reps": 8, "weight_kg": 100, "rpe": 9.5}] * 4)
    )
    failure = _readiness(
        _squats("2026-11-22T08:00:00", [{"reps": 8, "weight_kg": 100, "type": "failure"}] * 4)
    )
    rpe10 = _readiness(
        _squats("2026-11-22T08:00:00", [{"reps": 8, "weight_kg": 100, "rpe": 10}] * 4)
    )
    assert short["quadriceps"] == 100
    assert failure["quadriceps"] < 100
    assert rpe10["quadriceps"] == failure["quadriceps"]


def test_effort_is_estimated_from_load_and_said_so() -> None:
    """Without RPE, a set near the recent best counts as hard, a light one does not, and the
    advice says effort was estimated."""
    history = {
        "workouts": [
            _squats("2026-11-10T18:00:00", [{"reps": 5, "weight_kg": 150}]),
            _squats("2026-11-24T18:00:00", [{"reps": 5, "weight_kg": 145}] * 3),
        ]
    }
    advice = ra.advise(history, now=NOW)
    assert advice.readiness["quadriceps"] < 67
    assert "effort-estimated" in advice.rules_fired
    light = ra.advise(
        {
            "workouts": [
                history["workouts"][0],
                _squats("2026-11-24T18:00:00", [{"reps": 5, "weight_kg": 60}] * 3),
            ]
        },
        now=NOW,
    )
    assert light.readiness["quadriceps"] > advice.readiness["quadriceps"]


def test_hours_to_ready_lands_on_the_threshold() -> None:
    """Readiness is below the threshold one hour before `hours_to_ready` and at it after."""
    model = ReadinessModel()
    contributions = [Contribution(0.85, 10.0)] * 4 + [Contribution(1.0, 10.0, failure=True)] * 2
    hours = model.hours_to_ready("hamstrings", contributions)
    assert hours > 0
    before = model.readiness(model.fatigue("hamstrings", contributions, hours - 1))
    after = model.readiness(model.fatigue("hamstrings", contributions, hours))
    assert before < model.ready_threshold <= after


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, "ready"),
        (67, "ready"),
        (66, "recovering"),
        (34, "recovering"),
        (33, "fatigued"),
        (0, "fatigued"),
    ],
)
def test_bands_follow_whoop(score: int, band: str) -> None:
    """Ready >= 67, recovering 34-66, fatigued <= 33."""
    assert ReadinessModel().band(score) == band


def test_model_constants_are_rule_book_parameters() -> None:
    """Changing a constant in the rule book changes the advice."""
    book = ra.RuleBook.default()
    history = {"workouts": [_squats("2026-11-23T08:00:00", [HARD] * 4)]}
    default = ra.advise(history, now=NOW, rules=book).readiness["quadriceps"]
    slower = ra.advise(history, now=NOW, rules=book.with_params(large_recovery_h=120)).readiness[
        "quadriceps"
    ]
    assert slower < default
    assert ReadinessModel.from_params(book.param_values()) == ReadinessModel()


def test_muscle_status_says_when_it_is_ready() -> None:
    """Advice.muscles gives band, hours to ready and a day-part label."""
    advice = ra.advise({"workouts": [_squats("2026-11-24T18:00:00", [HARD] * 5)]}, now=NOW)
    quads = next(m for m in advice.muscles if m.muscle == "quadriceps")
    assert quads.hours_to_ready > 0
    assert quads.ready_at.split()[0] in ("Wednesday", "Thursday")
    assert quads.ready_at.split()[1] in ("morning", "afternoon", "evening")
    assert advice.to_dict()["muscles"]["quadriceps"]["hours_to_ready"] == quads.hours_to_ready


def test_session_rpe_load_is_used_when_every_workout_has_it() -> None:
    """The load ratio uses session RPE x minutes when every recent workout logs both."""
    workouts = [
        {
            "start": f"2026-10-{d:02d}T18:00:00",
            "duration_min": 60,
            "session_rpe": 6,
            "exercises": [],
        }
        for d in (20, 23, 27, 30)
    ] + [
        {
            "start": f"2026-11-{d:02d}T18:00:00",
            "duration_min": 60,
            "session_rpe": 7,
            "exercises": [],
        }
        for d in (3, 6, 10, 13, 17, 18, 19, 20, 21, 22, 23, 24)
    ]
    advice = ra.advise({"workouts": workouts}, now=NOW)
    assert "load-spike-warning" in advice.rules_fired
    rec = advice.by_rule("load-spike-warning")[0]
    assert "session-rpe" in rec.because[0]
    assert "not an injury prediction" in rec.message
