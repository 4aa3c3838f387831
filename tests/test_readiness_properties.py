"""Properties of the readiness model, checked on generated training (issue: training-load model).

* More recent hard work never raises a muscle's readiness.
* Readiness only rises as time passes without training.

Both are checked on training with stated effort (RPE, RIR or failure sets) and on unrated
training, whose effort is estimated from the load relative to the best estimated 1RM before each
set. For unrated training "more recent" means after every logged workout: a forgotten older
session with a heavier best, logged afterwards, rightly re-rates the later sets as easier.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import recovery_advisor as ra
from strategies import (
    NOW,
    rated_histories,
    rated_workouts,
    unrated_histories,
    unrated_history_and_later_workout,
)


def _never_raised(history: ra.History, extra: ra.Workout) -> None:
    # one with the start and exercises of a logged workout is that workout (History refuses it)
    assume(all((w.start, w.exercises) != (extra.start, extra.exercises) for w in history.workouts))
    before = ra.advise(history, now=NOW).readiness
    after = ra.advise(ra.History(workouts=(*history.workouts, extra)), now=NOW).readiness
    for muscle, score in before.items():
        assert after[muscle] <= score, muscle


@settings(max_examples=150, deadline=None)
@given(history=rated_histories, extra=rated_workouts(st.integers(0, 24 * 5)))
def test_more_recent_hard_work_never_raises_readiness(
    history: ra.History, extra: ra.Workout
) -> None:
    """Adding a workout of rated sets before now lowers or keeps every muscle's readiness."""
    _never_raised(history, extra)


@settings(max_examples=150, deadline=None)
@given(case=unrated_history_and_later_workout())
def test_later_unrated_work_never_raises_readiness(case: tuple[ra.History, ra.Workout]) -> None:
    """Adding an unrated workout after every logged one lowers or keeps every muscle's
    readiness: the sets before it keep their estimated effort, whatever its loads."""
    history, extra = case
    _never_raised(history, extra)


def _only_rises(history: ra.History, hours: int) -> None:
    now = ra.advise(history, now=NOW)
    later = ra.advise(history, now=NOW + timedelta(hours=hours))
    for muscle, score in now.readiness.items():
        assert later.readiness[muscle] >= score, muscle
    for status in now.muscles:
        if status.hours_to_ready <= hours:
            assert later.readiness[status.muscle] >= 67 or status.band == "ready"


@settings(max_examples=150, deadline=None)
@given(history=rated_histories, hours=st.integers(1, 24 * 4))
def test_readiness_only_rises_with_rest(history: ra.History, hours: int) -> None:
    """Advising later, with no training in between, never shows a muscle less ready."""
    _only_rises(history, hours)


@settings(max_examples=150, deadline=None)
@given(history=unrated_histories(), hours=st.integers(1, 24 * 4))
def test_readiness_only_rises_with_rest_when_effort_is_estimated(
    history: ra.History, hours: int
) -> None:
    """With unrated sets too, advising later never shows a muscle less ready: as old bests
    leave the e1RM window, the sets already rated keep the reference they were rated against."""
    _only_rises(history, hours)
