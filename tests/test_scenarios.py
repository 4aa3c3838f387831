"""Realistic scenarios of issue #11 (items 5-10): rest days, stop-level pain, beginners, long
layoffs, imbalanced training, and exercises the catalogue does not know."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import recovery_advisor as ra
from recovery_advisor._rulefile import parse_rule_file
from recovery_advisor.api import resolve_plan
from recovery_advisor.cli import main
from recovery_advisor.vocabulary import REST_DAY_DROPPED_ACTIONS

NOW = "2026-11-25T08:00:00"
BOOK = ra.RuleBook.default()
#: rules whose advice is about performing a session: none may speak on a rest day
SESSION_ADVICE = {
    "warm-up-first",
    "hydrate-and-fuel",
    "controlled-form",
    "rest-heavy-lifts",
    "rest-near-maximal-sets",
    "pair-fits-training-frequency",
    "pair-suits-strength-goal",
    "alternate-lower-upper",
}


def _fixture(name: str, **changes: Any) -> dict[str, Any]:
    return {**copy.deepcopy(BOOK.fixtures[name]), **changes}


@pytest.mark.parametrize(
    "history",
    [
        _fixture("fresh", sleep=[{"date": "2026-11-25", "hours": 4}]),
        _fixture(
            "fresh",
            checkins=[
                {"at": "2026-11-25T07:30:00", "muscle": "lower_back", "feeling": "pain", "level": 4}
            ],
        ),
    ],
    ids=["4 h of sleep", "lower-back pain 4/5"],
)
@pytest.mark.parametrize("plan", [None, "legs-and-back"])
def test_a_rest_day_says_rest_and_only_what_helps_recovery(history: Any, plan: Any) -> None:
    """On a rest verdict no advice about performing the session remains (warm-up, fuelling for
    it, pairing, rest intervals, form cues, order), in the advice, its dict or its text; recovery
    advice does."""
    advice = ra.advise(history, now=NOW, plan=plan)
    assert advice.verdict == "rest"
    assert not SESSION_ADVICE & set(advice.rules_fired)
    assert not any(r.action in REST_DAY_DROPPED_ACTIONS for r in advice.recommendations)
    assert {r["rule"] for r in advice.to_dict()["recommendations"]} == {
        r.rule for r in advice.recommendations
    }
    text = str(advice)
    assert "Warm up" not in text
    assert "Pairing legs and back suits" not in text
    assert "Rest 90–120 s" not in text
    assert "eat a meal" not in text
    if plan is not None:
        assert advice.session is not None
        assert advice.session.exercises == ()
        assert advice.session.warm_up == ()
        assert "recovery-sleep-and-nutrition" in advice.rules_fired  # recovery advice stays


def test_a_rest_day_keeps_advice_a_rule_declares_kept() -> None:
    """``rest_day: keep`` keeps a warm-up rule's advice on a rest day; the default drops it."""
    text = """
rules:
  - id: rest-day-walk
    title: A walk on a rest day
    source: "Our gym's rule: an easy walk on a rest day helps recovery."
    when:
      - {fact: sleep, as: s, where: {last_night_h: {lte: 4}}}
    then: {action: warm-up, message: "Take an easy 20-minute walk.", rest_day: keep}
    examples: {fires: [{name: x}], silent: [{name: y}]}
"""
    rules = parse_rule_file(text, "mine.yaml").rules
    book = ra.RuleBook.from_files([parse_rule_file(text, "mine.yaml")], base=BOOK)
    history = _fixture("fresh", sleep=[{"date": "2026-11-25", "hours": 4}])
    advice = ra.advise(history, now=NOW, plan="legs-and-back", rules=book)
    assert advice.verdict == "rest"
    assert advice.by_rule("rest-day-walk")
    dropped = ra.RuleBook.from_files(
        [parse_rule_file(text.replace("rest_day: keep", "rest_day: drop"), "mine.yaml")],
        base=BOOK,
    )
    assert not ra.advise(history, now=NOW, plan="legs-and-back", rules=dropped).by_rule(
        "rest-day-walk"
    )
    assert rules[0].then.rest_day == "keep"


def test_rest_day_drop_on_a_rule_that_makes_the_rest_day_is_an_error() -> None:
    """A rule that cancels the session cannot be dropped on the rest day it makes."""
    text = """
rules:
  - id: my-rest
    title: Rest
    source: "Our gym's rule: rest after a very short night."
    when:
      - {fact: sleep, as: s, where: {last_night_h: {lte: 3}}}
    then:
      action: rest
      message: "Rest today."
      rest_day: drop
      session: [{cancel: {}}]
    examples: {fires: [{name: x}], silent: [{name: y}]}
"""
    with pytest.raises(ra.RuleFileError) as info:
        parse_rule_file(text, "mine.yaml")
    assert info.value.line == 11
    assert info.value.rule_id == "my-rest"
    assert "then.rest_day cannot be 'drop'" in str(info.value)


def test_stop_level_lower_back_pain_is_a_rest_day_with_a_referral() -> None:
    """Lower-back pain 4/5: a rest verdict, no lunges or leg press left, and the advice says to
    stop and see a professional; 3/5 leaves out only what loads the lower back."""
    pain = [{"at": "2026-11-25T07:30:00", "muscle": "lower_back", "feeling": "pain", "level": 4}]
    advice = ra.advise(_fixture("fresh", checkins=pain), now=NOW, plan="legs-and-back")
    assert advice.verdict == "rest"
    assert advice.session is not None
    assert advice.session.exercises == ()
    assert advice.recommendations[0].rule == "pain-stop-level-rest"
    assert "doctor or physiotherapist" in advice.recommendations[0].message
    assert BOOK.params["pain_stop_level"].value == 4
    pain[0]["level"] = 3
    milder = ra.advise(_fixture("fresh", checkins=pain), now=NOW, plan="legs-and-back")
    assert milder.verdict == "train-modified"
    assert "pain-stop-level-rest" not in milder.rules_fired


def test_a_beginner_told_to_train_full_body_gets_a_full_body_session_with_a_push() -> None:
    """The beginner's alternative to legs and back is a full-body session with a push, from a
    plan of the rule book that names its source."""
    advice = ra.advise(BOOK.fixtures["beginner"], now=NOW, plan="legs-and-back")
    assert advice.session is not None
    assert advice.session.based_on == "legs-and-back"
    plan = BOOK.plans[advice.session.name]
    assert "isn't for beginners" in plan["source"]
    cat = ra.Catalogue.default()
    by_name = {e["name"]: e for e in plan["exercises"]}
    patterns = set()
    for e in advice.session.exercises:
        entry = cat.lookup(by_name[e.name].get("options", [e.name])[0])
        assert entry is not None
        patterns.add(entry.pattern)
    assert patterns & {"horizontal_push", "vertical_push"}
    assert "train the whole body" in advice.by_rule("beginner-avoid-pairing")[0].message


def test_months_off_say_months_and_cut_load_and_sets_more_than_two_weeks() -> None:
    """90 days off: the advice says months, and cuts load and sets more than three weeks off."""
    long = ra.advise(BOOK.fixtures["fresh"], now="2027-02-20T08:00:00", plan="legs-and-back")
    short = ra.advise(BOOK.fixtures["fresh"], now="2026-12-16T08:00:00", plan="legs-and-back")
    (rec,) = long.by_rule("long-layoff-start-lighter")
    assert "89 days ago, about 3 months" in rec.message
    assert "two weeks" not in str(long)
    assert "no-overload-after-layoff" not in long.rules_fired
    assert long.session is not None
    assert short.session is not None
    planned = {e.name: e.sets for e in resolve_plan("legs-and-back", BOOK).exercises}
    for after_months, after_weeks in zip(
        long.session.exercises, short.session.exercises, strict=True
    ):
        assert after_months.sets == planned[after_months.name] - 1
        assert after_months.load_pct == 70
        assert after_weeks.sets == planned[after_weeks.name]
        assert after_weeks.load_pct in (None, 85)


def test_legs_after_a_month_of_upper_body_only_start_lighter() -> None:
    """Four weeks of bench only, then legs: the leg work is cut in sets and load, naming the
    untrained muscles; the bench is not."""
    history = BOOK.fixtures["bench-only-month"]
    plan = [
        {"name": "Squat (Barbell)", "sets": 4, "reps": 5},
        {"name": "Bench Press (Barbell)", "sets": 4, "reps": 8},
    ]
    advice = ra.advise(history, now=NOW, plan=plan)
    assert advice.session is not None
    squat, bench = advice.session.exercises
    assert (squat.sets, squat.load_pct) == (3, 85)
    assert "untrained-muscle-start-lighter" not in bench.changed_by
    (rec,) = advice.by_rule("untrained-muscle-start-lighter")
    assert rec.severity == "caution"
    assert any(b.startswith("quadriceps: no hard set in the last 4 weeks") for b in rec.because)


def test_an_endurance_athlete_training_six_times_a_week_hears_a_split_may_suit() -> None:
    """Six sessions a week: the advice says a split may suit better, citing the article."""
    history = _fixture(
        "fresh",
        athlete={"experience": "intermediate", "sessions_per_week": 6, "goals": ["endurance"]},
    )
    advice = ra.advise(history, now=NOW, plan="legs-and-back")
    (rec,) = advice.by_rule("split-suits-high-frequency")
    assert "split" in rec.message
    assert "may suit you better" in rec.message
    assert "3–4 times per week" in rec.source
    assert advice.verdict == "train"


def test_an_unknown_exercise_in_the_plan_is_named_and_said_unchecked(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    """An exercise of the athlete's own plan that the catalogue does not know is named and said
    not checked, in str(advice), to_dict() and the command line."""
    plan = [
        {"name": "Squat (Barbell)", "sets": 4, "reps": 5},
        {"name": "Zercher Sandbag Turkish Carry", "sets": 3, "reps": 8},
    ]
    advice = ra.advise(BOOK.fixtures["fresh"], now=NOW, plan=plan)
    (rec,) = advice.by_rule("unknown-planned-exercise")
    assert rec.exercise == "Zercher Sandbag Turkish Carry"
    assert "not checked" in rec.message
    assert "Zercher Sandbag Turkish Carry is not in the exercise catalogue" in str(advice)
    assert any(
        r["exercise"] == "Zercher Sandbag Turkish Carry" and "not checked" in r["message"]
        for r in advice.to_dict()["recommendations"]
    )
    assert advice.session is not None
    assert "not checked" in (advice.session.exercises[1].note or "")
    import json

    (tmp_path / "plan.json").write_text(json.dumps(plan))
    (tmp_path / "h.json").write_text(json.dumps(BOOK.fixtures["fresh"]))
    main(["advise", str(tmp_path / "h.json"), "--now", NOW, "--plan", str(tmp_path / "plan.json")])
    out = capsys.readouterr().out
    assert "Zercher Sandbag Turkish Carry is not in the exercise catalogue" in out
