"""Synthetic athletes for benchmarks, soak runs and load tests (deterministic for a seed).

Not part of the public API: the histories are plausible, not realistic. A typical athlete
(``days=90``, four sessions a week) logs about 1,200 sets, a check-in or two a week and every
night's sleep.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

__all__ = ["SPLITS", "synthetic_history"]

#: A four-day split: (workout name, [(exercise as an app logs it, base load in kg)]).
SPLITS: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = (
    (
        "Legs",
        (
            ("Squat (Barbell)", 120.0),
            ("Romanian Deadlift (Barbell)", 100.0),
            ("Leg Press (Machine)", 180.0),
            ("Lying Leg Curl (Machine)", 45.0),
            ("Walking Lunge (Dumbbell)", 24.0),
            ("Standing Calf Raise (Machine)", 80.0),
        ),
    ),
    (
        "Push",
        (
            ("Bench Press (Barbell)", 90.0),
            ("Overhead Press (Barbell)", 55.0),
            ("Incline Bench Press (Dumbbell)", 30.0),
            ("Dip", 0.0),
            ("Lateral Raise (Dumbbell)", 10.0),
            ("Triceps Pushdown (Cable)", 30.0),
        ),
    ),
    (
        "Back",
        (
            ("Deadlift (Barbell)", 160.0),
            ("Pull Up", 0.0),
            ("Bent Over Row (Barbell)", 80.0),
            ("Lat Pulldown (Cable)", 65.0),
            ("Face Pull (Cable)", 25.0),
            ("Bicep Curl (Dumbbell)", 14.0),
        ),
    ),
    (
        "Full body",
        (
            ("Front Squat (Barbell)", 90.0),
            ("Hip Thrust (Barbell)", 120.0),
            ("Seated Cable Row", 60.0),
            ("Bench Press (Dumbbell)", 32.0),
            ("Hanging Leg Raise", 0.0),
            ("Kettlebell Swing", 24.0),
        ),
    ),
)
_UNKNOWN = ("Zercher Carry Thing", "Landmine Twist Variant")
_CHECKIN_MUSCLES = ("hamstrings", "lower_back", "quadriceps", "lats", "posterior_chain", "glutes")
_FEELINGS = ("fresh", "sore", "tight", "pain")
_SESSION_DAYS = {1: (0,), 2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}


def synthetic_history(
    seed: int = 0,
    *,
    days: int = 90,
    sessions_per_week: int = 4,
    now: datetime | str = "2026-11-25T08:00:00",
    sets_per_exercise: int = 4,
    checkins_per_week: float = 1.5,
    sleep: bool = True,
    unknown_share: float = 0.01,
) -> dict[str, Any]:
    """A JSON-like history (format version 1) of ``days`` days before ``now``.

    ``sessions_per_week`` (1-7) workouts a week of six exercises, each with one warm-up set and
    ``sets_per_exercise`` working sets; RPE is logged on about two sets of three.
    """
    rng = random.Random(seed)
    end = datetime.fromisoformat(now) if isinstance(now, str) else now
    start_day = (end - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
    weekdays = _SESSION_DAYS.get(sessions_per_week, tuple(range(min(sessions_per_week, 7))))
    strength = 1.0
    workouts: list[dict[str, Any]] = []
    checkins: list[dict[str, Any]] = []
    nights: list[dict[str, Any]] = []
    split = 0
    for d in range(days + 1):
        day = start_day + timedelta(days=d)
        if sleep and day.date() <= end.date():
            nights.append(
                {"date": day.date().isoformat(), "hours": round(rng.uniform(5.0, 9.0), 1)}
            )
        if rng.random() < checkins_per_week / 7.0:
            at = day + timedelta(hours=rng.randint(6, 9), minutes=rng.randint(0, 59))
            if at < end:
                checkins.append(
                    {
                        "at": at.isoformat(),
                        "muscle": rng.choice(_CHECKIN_MUSCLES),
                        "feeling": rng.choice(_FEELINGS),
                        "level": rng.randint(1, 5),
                    }
                )
        if day.weekday() not in weekdays:
            continue
        begin = day + timedelta(hours=rng.choice((7, 12, 17, 18, 19)), minutes=rng.randint(0, 59))
        if begin >= end:
            continue
        name, exercises = SPLITS[split % len(SPLITS)]
        split += 1
        strength *= 1.0 + rng.uniform(-0.004, 0.006)
        logged = []
        for ex_name, base in exercises:
            if rng.random() < unknown_share:
                ex_name = rng.choice(_UNKNOWN)
            load = round(base * strength / 2.5) * 2.5
            sets: list[dict[str, Any]] = []
            if load:
                sets.append({"reps": 8, "weight_kg": round(load * 0.5, 1), "type": "warmup"})
            for _ in range(sets_per_exercise):
                s: dict[str, Any] = {"reps": rng.randint(5, 12)}
                if load:
                    s["weight_kg"] = load
                if rng.random() < 0.67:
                    s["rpe"] = rng.choice((6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0))
                if rng.random() < 0.03:
                    s["type"] = "failure"
                sets.append(s)
            logged.append({"name": ex_name, "sets": sets})
        workout: dict[str, Any] = {"start": begin.isoformat(), "name": name, "exercises": logged}
        if rng.random() < 0.8:
            workout["duration_min"] = rng.randint(45, 95)
            workout["session_rpe"] = rng.choice((5, 6, 7, 8, 9))
        workouts.append(workout)
    return {
        "format_version": 1,
        "athlete": {
            "experience": rng.choice(("beginner", "intermediate", "intermediate", "advanced")),
            "sessions_per_week": sessions_per_week,
            "goals": rng.sample(("strength", "hypertrophy", "powerlifting", "general"), k=2),
            "body_mass_kg": round(rng.uniform(60.0, 110.0), 1),
        },
        "workouts": workouts,
        "checkins": checkins,
        "sleep": nights,
    }


#: One call of a mixed workload: (history, now, plan, rules).
Call = tuple[Any, str, Any, Any]


def mixed_calls(n: int, seed: int = 0, *, heavy: bool = True) -> list[Call]:
    """``n`` distinct calls as an app makes them: typical and small athletes (as data and as
    parsed histories), empty histories, plans by name and as lists, a second rule book, and bad
    input that must fail the same way every time. ``heavy=False`` keeps every history small."""
    from .history import History
    from .rulebook import RuleBook

    rng = random.Random(seed)
    book = RuleBook.default()
    other = book.with_params(heavy_rpe=8.5, tight_level=2)
    nows = ("2026-11-25T08:00:00", "2026-11-26T18:30:00", "2026-12-01T07:00:00")
    plans: tuple[Any, ...] = (
        None,
        "legs-and-back",
        "full-body-beginner",
        ["Deadlift (Barbell)", "Pull Up", "Zercher Thing"],
    )
    out: list[Call] = []
    for k in range(n):
        now = nows[k % len(nows)]
        kind = rng.randrange(10)
        history: Any
        if kind == 0:
            history = {}
        elif kind == 1:  # bad input: fails with a HistoryError
            history = {"workouts": [{"start": "2026-11-24T18:00:00", "exercises": "x"}]}
        elif kind in (2, 3) and heavy:
            history = synthetic_history(seed * 1000 + k, days=90, sets_per_exercise=3, now=now)
        elif kind == 4 and heavy:
            history = History.from_dict(
                synthetic_history(seed * 1000 + k, days=60, sets_per_exercise=3, now=now)
            )
        else:
            history = synthetic_history(
                seed * 1000 + k, days=rng.choice((2, 5, 10)), sets_per_exercise=2, now=now
            )
            if kind % 2:
                history = History.from_dict(history)
        plan = plans[rng.randrange(len(plans))]
        rules = other if rng.randrange(4) == 0 else None
        out.append((history, now, plan, rules))
    return out


def outcome(call: Call) -> Any:
    """The result of one call as comparable data: the advice's ``to_dict()`` or the error."""
    from .api import advise
    from .errors import RecoveryAdvisorError

    history, now, plan, rules = call
    try:
        return advise(history, now=now, plan=plan, rules=rules).to_dict()
    except RecoveryAdvisorError as exc:
        return f"{type(exc).__name__}: {exc}"


def compare_threaded(calls: list[Call], threads: int, per_thread: int) -> tuple[int, int, float]:
    """Make ``per_thread`` of ``calls`` (round-robin, each thread from its own offset) on each of
    ``threads`` threads at once, and compare every answer with the same call made alone.
    Returns (calls made, answers that differed, seconds)."""
    import threading
    import time

    expected = [outcome(c) for c in calls]
    wrong: list[int] = []
    made: list[int] = []
    start = threading.Barrier(threads)

    def worker(t: int) -> None:
        start.wait()
        for i in range(per_thread):
            k = (t * 37 + i) % len(calls)
            if outcome(calls[k]) != expected[k]:
                wrong.append(k)
            made.append(k)

    pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    t0 = time.perf_counter()
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    return len(made), len(wrong), time.perf_counter() - t0
