"""The readiness model: effort, decay, bands, hours to ready and the signals built on them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

import recovery_advisor as ra
from recovery_advisor.api import ESTIMATED
from recovery_advisor.facts import derive_facts
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


UNRATED = {"reps": 5, "weight_kg": 140}


def test_later_heavier_work_never_rerates_earlier_sets() -> None:
    """Unrated sets are rated against the best known up to their own workout: a heavier set
    an hour ago adds fatigue instead of making yesterday's 5 x 5 at 140 kg count as easy."""
    yesterday = _squats("2026-11-24T18:00:00", [UNRATED] * 5)
    heavier = _squats("2026-11-25T07:00:00", [{"reps": 5, "weight_kg": 170}])
    alone = _readiness(yesterday)["quadriceps"]
    assert alone < 67
    assert _readiness(yesterday, heavier)["quadriceps"] < alone


def test_an_old_best_leaving_the_window_does_not_lower_readiness() -> None:
    """A 175 kg best 89.5 days before yesterday's unrated 5 x 5 at 140 kg stays the reference
    of those sets: readiness is the same whether the best is still in the 90-day window of
    now (12 h later) or has left it (18 h later), and only rises with time."""
    old_best = _squats("2026-08-26T20:00:00", [{"reps": 5, "weight_kg": 175}])
    sets = _squats("2026-11-24T08:00:00", [UNRATED] * 5)
    at_12 = _readiness(old_best, sets, now="2026-11-24T20:00:00")["quadriceps"]
    at_18 = _readiness(old_best, sets, now="2026-11-25T02:00:00")["quadriceps"]
    assert at_18 >= at_12
    without = _readiness(sets, now="2026-11-24T20:00:00")["quadriceps"]
    assert at_12 > without  # the old best still makes the sets count as lighter


def test_a_shorter_e1rm_window_still_rates_against_the_best_before_each_set() -> None:
    """The reference of a set is the best of the e1RM window before its own workout: with a
    7-day window, a best 10 days before yesterday's sets no longer counts; one 6.5 days before
    them (7.5 days before now) does."""
    book = ra.RuleBook.default().with_params(e1rm_window_days=7)
    sets = _squats("2026-11-24T08:00:00", [UNRATED] * 5)

    def quads(best_start: str) -> int:
        best = _squats(best_start, [{"reps": 5, "weight_kg": 175}])
        history = {"workouts": [best, sets]}
        return ra.advise(history, now=NOW, rules=book).readiness["quadriceps"]

    alone = ra.advise({"workouts": [sets]}, now=NOW, rules=book).readiness["quadriceps"]
    assert quads("2026-11-17T20:00:00") > quads("2026-11-14T08:00:00") == alone


@pytest.mark.parametrize("reps", [3, 5, 8])
def test_estimated_effort_is_never_failure(reps: int) -> None:
    """Unrated sets at the athlete's best are rated at RPE 9.5 (0.5 RIR, estimated_rir_min)
    and never count as failure: identical sets all recover in 72 h, not 96 h by floating-point
    chance, while the same sets logged at RPE 10 still carry fatigue at 80 h."""
    unrated = {"reps": reps, "weight_kg": 140}
    at_80h = "2026-11-22T00:00:00"
    assert _readiness(_squats(at_80h, [unrated] * 4))["quadriceps"] == 100
    assert _readiness(_squats(at_80h, [{**unrated, "rpe": 10}] * 4))["quadriceps"] < 100
    params = ra.RuleBook.default().param_values()
    history = ra.History.from_dict({"workouts": [_squats("2026-11-24T18:00:00", [unrated] * 4)]})
    facts = derive_facts(history, datetime(2026, 11, 25, 8), params).facts
    squat = next(f for f in facts if f["t"] == "pattern" and f["pattern"] == "squat")
    assert squat["top_rpe"] == 9.5
    assert squat["effort_estimated"]


def test_estimated_effort_is_rounded_to_the_half_rep() -> None:
    """Equal unrated sets get one estimate: four 5 x 130 kg after a 5 x 140 kg best leave the
    same fatigue as four sets logged at the rounded RIR (RPE 7.5 here: 30 x (163.3 / 130 - 1)
    - 5 = 2.69 reps, rounded to 2.5)."""
    best = _squats("2026-11-20T08:00:00", [UNRATED])
    unrated = _readiness(best, _squats("2026-11-24T18:00:00", [{"reps": 5, "weight_kg": 130}] * 4))
    logged = _readiness(
        best, _squats("2026-11-24T18:00:00", [{"reps": 5, "weight_kg": 130, "rpe": 7.5}] * 4)
    )
    assert unrated["quadriceps"] == logged["quadriceps"] < 100


def test_a_short_e1rm_window_does_not_shorten_the_load_and_trend_windows() -> None:
    """With e1rm_window_days at its minimum (7), the 28-day chronic load and the 42-day trend
    window still see their whole windows: a steady month is no load spike, and three falling
    squat sessions over 10 days are still a falling trend."""
    book = ra.RuleBook.default()
    short = book.with_params(e1rm_window_days=7)
    steady = book.fixtures["steady-month"]
    default = ra.advise(steady, now=NOW, rules=book)
    narrow = ra.advise(steady, now=NOW, rules=short)
    assert not {"load-spike-warning", "load-spike-caution"} & set(narrow.rules_fired)
    assert narrow.training_load == default.training_load
    assert narrow.to_dict()["readiness"] == default.to_dict()["readiness"]
    falling = ra.advise(book.fixtures["falling-squat"], now=NOW, rules=short)
    assert "performance-falling" in falling.rules_fired


def test_references_follow_the_order_of_instants_across_time_zones() -> None:
    """With an aware ``now``, workouts are rated in the order they happened, not by wall
    clock: a 170 kg best logged at 11:00+05:00 (06:00 UTC) comes before 140 kg sets at 10:00 UTC,
    exactly as when both are written in UTC."""
    sets = _squats("2026-11-24T10:00:00+00:00", [UNRATED] * 5)
    best = [{"reps": 5, "weight_kg": 170}]
    now = "2026-11-25T08:00:00+00:00"
    in_utc = _readiness(sets, _squats("2026-11-24T06:00:00+00:00", best), now=now)
    elsewhere = _readiness(sets, _squats("2026-11-24T11:00:00+05:00", best), now=now)
    assert elsewhere == in_utc
    assert in_utc["quadriceps"] > _readiness(sets, now=now)["quadriceps"]


def test_stretches_mobility_drills_and_cardio_are_not_hard_sets() -> None:
    """Catalogue role mobility (stretches, drills, active-recovery movements) and pattern cardio
    leave no fatigue, no hard-set volume, no movement-pattern fact and no load: 4 sets each of
    Hamstring Stretch, Cat Cow and Couch Stretch, and Aerobics, leave every muscle at 100. They
    are still known exercises, not unrecognized ones."""
    workout = {
        "start": "2026-11-24T20:00:00",
        "exercises": [
            {"name": name, "sets": [{"reps": 10}] * 4}
            for name in ("Hamstring Stretch", "Cat Cow", "Couch Stretch", "Aerobics", "Running")
        ],
    }
    advice = ra.advise({"workouts": [workout]}, now=NOW)
    assert set(advice.readiness.values()) == {100}
    assert advice.muscles == ()
    assert advice.unrecognized_exercises == ()
    params = ra.RuleBook.default().param_values()
    history = ra.History.from_dict({"workouts": [workout]})
    kinds = {f["t"] for f in derive_facts(history, datetime(2026, 11, 25, 8), params).facts}
    assert not kinds & {"muscle", "pattern"}


def test_performance_trend_is_per_catalogue_exercise() -> None:
    """Sessions logged as "Squat (Barbell)" and "Back Squat" (one catalogue entry) make one
    trend under the catalogue name, and its message gives the drop as a positive share below
    the best, never a double negative."""
    loads = [(140, "Squat (Barbell)"), (140, "Back Squat"), (135, "Squat (Barbell)")]
    loads.append((130, "Back Squat"))
    days = ("13", "17", "20", "23")
    workouts = [
        _squats(f"2026-11-{day}T18:00:00", [{"reps": 5, "weight_kg": kg, "rpe": 8}] * 2, name)
        for day, (kg, name) in zip(days, loads, strict=True)
    ]
    advice = ra.advise({"workouts": workouts}, now=NOW)
    recs = advice.by_rule("performance-falling")
    assert [r.exercise for r in recs] == ["Squat (Barbell)"]
    assert "(7.1 % below your best)" in recs[0].message
    assert "-" not in recs[0].message.split("(")[-1]


def _two_leg_sessions(rated: bool) -> dict[str, Any]:
    rpe = {"rpe": 9.5} if rated else {}
    return {
        "workouts": [
            _squats("2026-11-24T10:00:00", [{"reps": 5, "weight_kg": 140, **rpe}] * 5),
            _squats(
                "2026-11-24T19:00:00", [{"reps": 10, "weight_kg": 200, **rpe}] * 4, "Leg Press"
            ),
        ]
    }


def test_a_muscle_fatigued_by_estimated_effort_says_so() -> None:
    """The muscle fact carries effort_estimated (a quarter or more of its fatigue now from sets
    whose effort was estimated), so muscle-fatigued gives the reason "effort estimated from load
    relative to your recent best"; the same sets logged at RPE 9.5 do not."""
    estimated = ra.advise(_two_leg_sessions(rated=False), now=NOW)
    rated = ra.advise(_two_leg_sessions(rated=True), now=NOW)
    assert estimated.readiness == rated.readiness  # unrated sets at their best count as RPE 9.5
    (rec,) = estimated.by_rule("muscle-fatigued")
    assert rec.muscles == ("quadriceps",)
    assert ESTIMATED in rec.because
    (rec,) = rated.by_rule("muscle-fatigued")
    assert ESTIMATED not in rec.because


def test_effort_estimated_needs_its_share_of_the_fatigue() -> None:
    """One unrated set beside nine rated ones (well under a quarter of the quadriceps' fatigue)
    does not mark the muscle as estimated; with estimated_fatigue_share 0.05 it does."""
    history = _two_leg_sessions(rated=True)
    history["workouts"].append(_squats("2026-11-24T20:00:00", [{"reps": 5, "weight_kg": 135}]))
    params = ra.RuleBook.default().param_values()
    h = ra.History.from_dict(history)

    def quads(**changes: float) -> Any:
        facts = derive_facts(h, datetime(2026, 11, 25, 8), {**params, **changes}).facts
        return next(f for f in facts if f["t"] == "muscle" and f["muscle"] == "quadriceps")

    assert quads()["effort_estimated"] is False
    assert quads(estimated_fatigue_share=0.05)["effort_estimated"] is True


def test_low_weekly_volume_flags_untrained_large_muscles() -> None:
    """With four weeks of history and a hypertrophy goal, doing only bench press flags every
    large muscle left out (quadriceps, hamstrings ... at 0 sets a week), with the numbers in the
    reason; chest, at 12 sets a week, and the small muscles are not flagged. With three weeks
    of history the untrained muscles get no muscle facts (and no flag) at all."""
    book = ra.RuleBook.default()
    advice = ra.advise(book.fixtures["bench-only-month"], now=NOW)
    flagged = {m for r in advice.by_rule("weekly-volume-low") for m in r.muscles}
    large = {"quadriceps", "hamstrings", "glutes", "lower_back", "lats", "middle_back"}
    assert flagged == large | {"adductors"}
    quads = next(r for r in advice.by_rule("weekly-volume-low") if r.muscles == ("quadriceps",))
    assert quads.message.startswith("For growth: 0 hard sets a week for quadriceps")
    assert quads.because == (
        "0 hard sets a week for quadriceps over the last 4 weeks (0 in the last 7 days), under "
        "the 10 that grew muscle better; 29 days of history",
    )
    status = {m.muscle: m for m in advice.muscles}
    assert status["quadriceps"].readiness == 100
    assert status["quadriceps"].band == "ready"
    assert "triceps" in status
    assert "calves" not in status
    short = {"workouts": book.fixtures["bench-only-month"]["workouts"][5:]}
    short["athlete"] = book.fixtures["bench-only-month"]["athlete"]
    assert {m.muscle for m in ra.advise(short, now=NOW).muscles} == {
        "chest",
        "shoulders",
        "triceps",
    }


def test_advice_carries_the_training_load_numbers_when_no_rule_fires() -> None:
    """Advice gives the load ratio (TrainingLoad), the lifts' trends (PerformanceTrend) and each
    muscle's 4-week weekly sets and streak, in to_dict() too, whether or not a rule fired on
    them; the load ratio is None under 28 days of history."""
    book = ra.RuleBook.default()
    steady = ra.advise(book.fixtures["steady-month"], now=NOW)
    assert not {"load-spike-warning", "load-spike-caution", "performance-falling"} & set(
        steady.rules_fired
    )
    load = steady.training_load
    assert load == ra.TrainingLoad(
        ratio=0.73, acute=13.2, chronic=18.1, days_of_history=29, measure="hard-sets"
    )
    assert steady.to_dict()["training_load"] == {
        "ratio": 0.73,
        "acute": 13.2,
        "chronic": 18.1,
        "days_of_history": 29,
        "measure": "hard-sets",
    }
    squat = next(t for t in steady.trends if t.exercise == "Squat (Barbell)")
    assert squat == ra.PerformanceTrend(
        "Squat (Barbell)", sessions=13, change_pct=0.0, falling=False
    )
    quads = next(m for m in steady.muscles if m.muscle == "quadriceps")
    assert (quads.weekly_sets_28d, quads.streak_days) == (9.0, 0)
    assert steady.to_dict()["muscles"]["quadriceps"]["weekly_sets_28d"] == 9.0
    fresh = ra.advise(book.fixtures["squats-two-days-running"], now=NOW)
    assert fresh.training_load is None
    assert fresh.to_dict()["training_load"] is None
    assert fresh.to_dict()["trends"] == []
    assert next(m for m in fresh.muscles if m.muscle == "quadriceps").streak_days == 2
    falling = ra.advise(book.fixtures["falling-squat"], now=NOW).to_dict()["trends"]
    assert falling == [
        {"exercise": "Squat (Barbell)", "sessions": 4, "change_pct": -9.7, "falling": True}
    ]


def test_fatigue_parts_split_the_fatigue_by_estimated_effort() -> None:
    """fatigue_parts gives the muscle's fatigue (as fatigue() does) and the part of it left by
    contributions of estimated sets (the fatigue of those alone)."""
    model = ReadinessModel()
    logged = [Contribution(0.85, 10.0), Contribution(1.0, 30.0, failure=True)]
    estimated = [Contribution(0.925, 5.0, estimated=True), Contribution(0.4, 70.0, estimated=True)]
    both = logged + estimated
    total, part = model.fatigue_parts("quadriceps", both)
    assert total == pytest.approx(model.fatigue("quadriceps", both))
    assert part == pytest.approx(model.fatigue("quadriceps", estimated))
    assert 0 < part < total


_TUESDAY_DEADLIFTS = {
    "athlete": {"experience": "intermediate", "sessions_per_week": 4},
    "workouts": [
        {
            "start": "2026-11-24T18:00:00",
            "name": "Back",
            "exercises": [
                {
                    "name": "Deadlift (Barbell)",
                    "sets": [{"reps": 5, "weight_kg": 180, "rpe": 9}] * 4,
                }
            ],
        }
    ],
}


def test_heavy_deadlifts_are_not_due_again_inside_the_48_h_window() -> None:
    """The issue's case: heavy deadlifts Tuesday 18:00, advice Wednesday 08:00. The rule that
    cites 48 h and advice.muscles both say Thursday evening (48 h after), not Wednesday evening
    (where readiness alone would be back at 67, 26 h after)."""
    advice = ra.advise(_TUESDAY_DEADLIFTS, now=NOW, plan="legs-and-back")
    (postpone,) = advice.by_rule("posterior-chain-postpone-heavy-hinge")
    assert "Heavy deadlifts again from Thursday evening." in postpone.message
    assert advice.session is not None
    assert "Thursday evening" in advice.session.removed[0].reason
    status = {m.muscle: m for m in advice.muscles}
    for muscle in ("lower_back", "glutes", "hamstrings"):
        assert status[muscle].band == "recovering"
        assert status[muscle].hours_to_ready == 34, muscle  # Wed 08:00 + 34 h = Thu 18:00
        assert status[muscle].ready_at == "Thursday evening"
        assert advice.to_dict()["muscles"][muscle]["hours_to_ready"] == 34


@pytest.mark.parametrize("window_h", [48, 60])
@pytest.mark.parametrize(
    "now", ["2026-11-25T08:00:00", "2026-11-25T14:00:00", "2026-11-25T20:00:00"]
)
def test_hours_to_ready_and_the_posterior_window_agree(window_h: int, now: str) -> None:
    """Whenever the posterior-chain postponement fires, the moment it names is no earlier than
    the window (posterior_window_h, one parameter for both) after the heavy session."""
    book = ra.RuleBook.default().with_params(posterior_window_h=window_h)
    advice = ra.advise(_TUESDAY_DEADLIFTS, now=now, plan="legs-and-back", rules=book)
    lower_back = next(m for m in advice.muscles if m.muscle == "lower_back")
    if "posterior-chain-postpone-heavy-hinge" in advice.rules_fired:
        hours_since = (datetime.fromisoformat(now) - datetime(2026, 11, 24, 18)).total_seconds()
        assert lower_back.hours_to_ready >= window_h - hours_since / 3600
    else:
        assert lower_back.band == "ready"


def _legs_fact(workouts: list[dict[str, Any]], now: datetime) -> dict[str, Any] | None:
    params = ra.RuleBook.default().param_values()
    facts = derive_facts(ra.History.from_dict({"workouts": workouts}), now, params).facts
    found = [f for f in facts if f["t"] == "legs"]
    assert len(found) <= 1
    return found[0] if found else None


MODERATE = {"reps": 8, "weight_kg": 100, "rpe": 7}


def test_the_legs_fact_counts_lower_body_work_of_today_and_yesterday() -> None:
    """Hard sets of lower-body exercises earlier today and yesterday are counted per calendar
    day; upper-body work, warm-ups and older leg work are not."""
    workouts = [
        _squats("2026-11-23T18:00:00", [MODERATE] * 5),  # two days ago
        _squats("2026-11-24T19:00:00", [MODERATE] * 2, name="Leg Press"),
        _squats("2026-11-25T06:30:00", [MODERATE] * 3),
        _squats("2026-11-25T07:00:00", [HARD, {**HARD, "type": "warmup"}], name="Bench Press"),
    ]
    legs = _legs_fact(workouts, datetime(2026, 11, 25, 8))
    assert legs is not None
    assert legs["hard_sets_today"] == 3
    assert legs["hard_sets_yesterday"] == 2
    assert legs["heavy_sets"] == 0
    assert legs["when"] == "today"
    assert legs["hours_ago"] == 1.5
    assert "Wed 25 Nov 06:30" in legs["workout"]


def test_the_legs_fact_follows_the_calendar_day_of_now() -> None:
    """Yesterday's leg work is 'yesterday' however few hours ago; the day before is not counted."""
    workouts = [_squats("2026-11-24T23:00:00", [HARD] * 4)]
    legs = _legs_fact(workouts, datetime(2026, 11, 25, 1))
    assert legs is not None
    assert (legs["hard_sets_today"], legs["hard_sets_yesterday"], legs["heavy_sets"]) == (0, 4, 4)
    assert legs["when"] == "yesterday"
    assert _legs_fact(workouts, datetime(2026, 11, 26, 1)) is None
    assert (
        _legs_fact(
            [_squats("2026-11-25T07:00:00", [HARD] * 4, name="Bench Press")],
            datetime(2026, 11, 25, 8),
        )
        is None
    )
