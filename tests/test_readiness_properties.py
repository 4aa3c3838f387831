"""Properties of the readiness model, checked on generated training (issue: training-load model).

* More recent hard work never raises a muscle's readiness.
* Readiness only rises as time passes without training.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import recovery_advisor as ra
from strategies import NOW, rated_histories, rated_workouts


@settings(max_examples=150, deadline=None)
@given(history=rated_histories, extra=rated_workouts(st.integers(0, 24 * 5)))
def test_more_recent_hard_work_never_raises_readiness(
    history: ra.History, extra: ra.Workout
) -> None:
    """Adding a workout before now lowers or keeps every muscle's readiness, never raises it."""
    # one with the start and exercises of a logged workout is that workout (History refuses it)
    assume(all((w.start, w.exercises) != (extra.start, extra.exercises) for w in history.workouts))
    before = ra.advise(history, now=NOW).readiness
    after = ra.advise(ra.History(workouts=(*history.workouts, extra)), now=NOW).readiness
    for muscle, score in before.items():
        assert after[muscle] <= score, muscle


@settings(max_examples=150, deadline=None)
@given(history=rated_histories, hours=st.integers(1, 24 * 4))
def test_readiness_only_rises_with_rest(history: ra.History, hours: int) -> None:
    """Advising later, with no training in between, never shows a muscle less ready."""
    now = ra.advise(history, now=NOW)
    later = ra.advise(history, now=NOW + timedelta(hours=hours))
    for muscle, score in now.readiness.items():
        assert later.readiness[muscle] >= score, muscle
    for status in now.muscles:
        if status.hours_to_ready <= hours:
            assert later.readiness[status.muscle] >= 67 or status.band == "ready"
