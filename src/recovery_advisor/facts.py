"""Derive a few dozen flat facts from a history, a plan and the time ``now``.

This is the only place that reads raw sets. Everything downstream (the rules engine, the
reference evaluator, the advice) sees :data:`FACT_SCHEMA`-shaped dictionaries. The cost grows with
the time window the model looks at (``e1rm_window_days``), never with the whole history: the
workouts in the window are found by bisection.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Final, Protocol

import attrs

from ._time import local
from .catalogue import Catalogue, CatalogueEntry
from .errors import HistoryError
from .history import Athlete
from .plan import Plan
from .readiness import LARGE_MUSCLES, Contribution, ReadinessModel
from .vocabulary import (
    BANDS,
    EXPERIENCES,
    FEELINGS,
    MUSCLE_GROUPS,
    MUSCLES,
    PATTERNS,
    REGIONS,
    ROLES,
)

__all__ = [
    "FACT_SCHEMA",
    "FIELD_VALUES",
    "Facts",
    "HistoryParts",
    "derive_facts",
    "facts_days",
    "look_back_days",
    "replan",
]

Fact = dict[str, Any]


# What derive_facts reads of a history: a History, or the checked view of JSON input that
# advise() reads without building one (recovery_advisor._fastinput).
class _SetParts(Protocol):
    @property
    def reps(self) -> int: ...
    @property
    def weight_kg(self) -> float | None: ...
    @property
    def rpe(self) -> float | None: ...
    @property
    def rir(self) -> float | None: ...
    @property
    def type(self) -> str: ...


class _ExerciseParts(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def sets(self) -> Sequence[_SetParts]: ...


class _WorkoutParts(Protocol):
    @property
    def start(self) -> datetime: ...
    @property
    def exercises(self) -> Sequence[_ExerciseParts]: ...
    @property
    def name(self) -> str | None: ...
    @property
    def duration_min(self) -> float | None: ...
    @property
    def session_rpe(self) -> float | None: ...


class _SleepParts(Protocol):
    @property
    def date(self) -> date: ...
    @property
    def hours(self) -> float: ...


class _CheckInParts(Protocol):
    @property
    def at(self) -> datetime: ...
    @property
    def muscle(self) -> str: ...
    @property
    def feeling(self) -> str: ...
    @property
    def level(self) -> int: ...


class HistoryParts(Protocol):
    """The parts of a valid history that :func:`derive_facts` reads (workouts in time order)."""

    @property
    def athlete(self) -> Athlete: ...
    @property
    def workouts(self) -> Sequence[_WorkoutParts]: ...
    @property
    def checkins(self) -> Sequence[_CheckInParts]: ...
    @property
    def sleep(self) -> Sequence[_SleepParts]: ...


#: Every fact type, its fields and their kinds (``num``, ``text``, ``bool``). Every fact of a type
#: carries every field, so a rule condition never meets a missing field.
FACT_SCHEMA: Final[dict[str, dict[str, str]]] = {
    "athlete": {
        "experience": "text",
        "experience_declared": "bool",
        "months_logged": "num",
        "sessions_per_week": "num",
        "sessions_per_week_source": "text",
        "observed_sessions_per_week": "num",
        "strength_goal": "bool",
        "goal_strength": "bool",
        "goal_powerlifting": "bool",
        "goal_hypertrophy": "bool",
        "goal_endurance": "bool",
        "goal_general": "bool",
        "has_goals": "bool",
        "body_mass_kg": "num",
    },
    "history": {
        "workouts": "num",
        "workouts_28d": "num",
        "hours_since_last": "num",
        "days_since_last": "num",
        "months_since_last": "num",
        "has_workouts": "bool",
        "estimated_effort_sets": "num",
        "unrecognized": "num",
    },
    "muscle": {
        "muscle": "text",
        "readiness": "num",
        "band": "text",
        "hours_to_ready": "num",
        "ready_at": "text",
        "hard_sets_7d": "num",
        "weekly_sets_28d": "num",
        "last_hard_hours": "num",
        "streak_days": "num",
        "large": "bool",
        "posterior_chain": "bool",
        "effort_estimated": "bool",
    },
    "pattern": {
        "pattern": "text",
        "region": "text",
        "hours_ago": "num",
        "hard_sets": "num",
        "top_rpe": "num",
        "top_pct_1rm": "num",
        "heavy": "bool",
        "exercise": "text",
        "workout": "text",
        "effort_estimated": "bool",
    },
    "legs": {
        "hard_sets_today": "num",
        "hard_sets_yesterday": "num",
        "heavy_sets": "num",
        "hours_ago": "num",
        "when": "text",
        "workout": "text",
    },
    "checkin": {
        "muscle": "text",
        "group": "text",
        "feeling": "text",
        "level": "num",
        "hours_ago": "num",
        "when": "text",
        "posterior_chain": "bool",
    },
    "sleep": {
        "last_night_h": "num",
        "last_night_date": "text",
        "avg_3_h": "num",
        "nights": "num",
        "short_nights_7d": "num",
    },
    "sleep_week": {
        "nights_7d": "num",
        "short_nights_7d": "num",
        "avg_7_h": "num",
        "last_night_logged": "bool",
    },
    "load_ratio": {
        "ratio": "num",
        "acute_7d": "num",
        "chronic_28d": "num",
        "days_of_history": "num",
        "measure": "text",
    },
    "trend": {
        "exercise": "text",
        "sessions": "num",
        "change_pct": "num",
        "below_best_pct": "num",
        "last_e1rm": "num",
        "best_e1rm": "num",
        "falling": "bool",
    },
    "plan": {
        "name": "text",
        "exercises": "num",
        "lower": "num",
        "upper": "num",
        "legs_and_back": "bool",
        "alternating": "bool",
        "heavy_exercises": "num",
        "posterior_exercises": "num",
    },
    "planned": {
        "ex": "num",
        "name": "text",
        "pattern": "text",
        "region": "text",
        "role": "text",
        "sets": "num",
        "reps_low": "num",
        "reps_high": "num",
        "heavy": "bool",
        "posterior": "bool",
        "known": "bool",
        "optional": "bool",
    },
    "load": {
        "ex": "num",
        "name": "text",
        "muscle": "text",
        "primary": "bool",
        "pattern": "text",
        "role": "text",
        "heavy": "bool",
        "posterior_chain": "bool",
    },
    "sentinel": {},
}

#: The words a text field takes, by fact type and field: rule conditions on these fields are
#: checked against them. Text fields not listed (names, labels, times) take any text.
FIELD_VALUES: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("athlete", "experience"): (*EXPERIENCES, "unknown"),
    ("athlete", "sessions_per_week_source"): ("declared", "observed", "unknown"),
    ("muscle", "muscle"): MUSCLES,
    ("muscle", "band"): BANDS,
    ("pattern", "pattern"): PATTERNS,
    ("pattern", "region"): REGIONS,
    ("checkin", "muscle"): MUSCLES,  # a group checked in is expanded to its muscles
    ("checkin", "group"): (*MUSCLE_GROUPS, ""),
    ("checkin", "feeling"): FEELINGS,
    ("load_ratio", "measure"): ("session-rpe", "hard-sets"),
    ("planned", "pattern"): (*PATTERNS, "unknown"),
    ("planned", "region"): (*REGIONS, "unknown"),
    ("planned", "role"): (*ROLES, "unknown"),
    ("load", "muscle"): MUSCLES,
    ("load", "pattern"): PATTERNS,
    ("load", "role"): ROLES,
}

POSTERIOR_CHAIN = frozenset(MUSCLE_GROUPS["posterior_chain"])

#: Exercise names already looked up in the default catalogue (bounded; cleared when full).
_LOOKUPS: dict[str, CatalogueEntry | None] = {}
_LOOKUPS_MAX = 4096


@attrs.frozen(slots=True)
class _Base:
    """The facts of a history, whatever the plan (the sentinel and the plan's facts aside)."""

    facts: tuple[Fact, ...]
    readiness: dict[str, int]
    unrecognized: tuple[str, ...]
    estimated_effort_sets: int


@attrs.frozen(slots=True)
class Facts:
    """The facts of one call plus what the advice needs besides them."""

    facts: tuple[Fact, ...]
    readiness: dict[str, int]
    unrecognized: tuple[str, ...]
    estimated_effort_sets: int
    plan: Plan | None
    plan_entries: tuple[CatalogueEntry | None, ...]
    base: _Base  # the history's part, for replan()


def _r(x: float, nd: int = 1) -> float:
    return round(x, nd)


@attrs.define(slots=True)
class _PatternSeen:
    workout_start: datetime
    hours_ago: float
    hard_sets: int = 0
    top_rpe: float = 0.0
    top_pct: float = 0.0
    heavy_sets: int = 0
    exercise: str = ""
    source: _WorkoutParts | None = None  # labelled only when its fact is written
    estimated: bool = False


#: At the same moment, the more severe feeling of two check-ins of a muscle wins.
_FEELING_RANK = {"fresh": 0, "tight": 1, "sore": 2, "pain": 3}


def _label(w: _WorkoutParts, start: datetime) -> str:
    name = f" {w.name!r}" if w.name else ""
    return f"workout{name} of {start:%a %d %b %H:%M}"


#: The origin of the workout times the e1RM window compares (any fixed moment would do).
_EPOCH: Final = datetime(2000, 1, 1)

#: Days back whose hard sets the 28-day facts (volume, streaks, the load ratio) count.
LOAD_DAYS: Final = 28.0


def facts_days(params: Mapping[str, Any]) -> float:
    """Days back the facts look: the longest of the e1RM window (``e1rm_window_days``), the 28
    days of the load facts and the trend window (``trend_window_days``)."""
    return max(float(params["e1rm_window_days"]), LOAD_DAYS, float(params["trend_window_days"]))


def look_back_days(params: Mapping[str, Any]) -> float:
    """Days of history :func:`derive_facts` reads: :func:`facts_days`, and for each set it rates
    (the last 28 days) the e1RM window before that set, whose best is the set's reference."""
    return max(facts_days(params), LOAD_DAYS + float(params["e1rm_window_days"]))


def derive_facts(
    history: HistoryParts,
    now: datetime,
    params: Mapping[str, Any],
    *,
    plan: Plan | None = None,
    catalogue: Catalogue | None = None,
) -> Facts:
    """All facts for ``history`` at ``now`` (see :data:`FACT_SCHEMA`)."""
    cat = catalogue or Catalogue.default()
    model = ReadinessModel.from_params(params)
    now_l = local(now, now)
    p = params
    window_s = float(p["e1rm_window_days"]) * 86400.0
    facts_cut = now_l - timedelta(days=facts_days(p))
    start_cut = now_l - timedelta(days=look_back_days(p))
    tolerance = timedelta(minutes=float(p["future_tolerance_min"]))

    workouts = history.workouts
    keys = [w.start.replace(tzinfo=None) for w in workouts] if len(workouts) < 64 else None
    # bisect on the naive start (the history is sorted by it); a day's margin covers time zones
    lo_key = start_cut - timedelta(days=1)
    if keys is not None:
        first = bisect.bisect_left(keys, lo_key)
    else:
        first = bisect.bisect_left(workouts, lo_key, key=lambda w: w.start.replace(tzinfo=None))
    recent = workouts[first:]
    if workouts:
        last_start = local(workouts[-1].start, now)
        if last_start > now_l + tolerance:
            idx = len(workouts) - 1
            name = f" {workouts[-1].name!r}" if workouts[-1].name else ""
            raise HistoryError(
                f"workouts[{idx}].start",
                f"is after now: the workout{name} of {last_start:%Y-%m-%d %H:%M} is later than "
                f"{now_l:%Y-%m-%d %H:%M}; a history cannot hold future workouts "
                "(workouts are counted in time order)",
            )

    # --- pass 1: the best estimated 1RM of each exercise in each workout, unknown names
    unrecognized: dict[str, None] = {}
    Item = tuple[CatalogueEntry, Any, int]  # entry, exercise, its point in `bests`
    resolved: list[tuple[_WorkoutParts, datetime, float, list[Item]]] = []
    # per catalogue entry, in time order: workout starts (seconds) and the workout's best e1RM
    bests: dict[str, tuple[list[float], list[float]]] = {}
    lifts: dict[str, CatalogueEntry] = {}  # the entries of `bests`
    known = _LOOKUPS if cat is Catalogue.default() else {}  # names repeat: look each up once
    if len(known) > _LOOKUPS_MAX:
        known.clear()
    if now.tzinfo is not None and any(w.start.tzinfo is not None for w in recent):
        # aware starts are compared in now's time zone: their order can differ from the
        # history's (by wall clock), and the references below need time order
        recent = tuple(sorted(recent, key=lambda w: local(w.start, now)))
    for w in recent:
        start = local(w.start, now)
        if start < start_cut:
            continue
        hours = (now_l - start).total_seconds() / 3600.0
        at_s = (start - _EPOCH).total_seconds()  # the same for every `now`
        in_facts = start >= facts_cut  # else read only for the references of later sets
        items: list[Item] = []
        for ex in w.exercises:
            name = ex.name
            if name in known:
                entry = known[name]
            else:
                entry = known[name] = cat.lookup(name)
            if entry is None:
                if in_facts:
                    unrecognized.setdefault(name)
                continue
            if entry.role == "mobility" or entry.pattern == "cardio":
                continue  # stretches, drills and cardio: known, but no hard sets or load
            top = 0.0  # the best estimated 1RM of this exercise in this workout
            for s in ex.sets:
                kg = s.weight_kg
                if kg and s.type != "warmup" and 0 < s.reps <= 12:
                    # epley_1rm(kg, s.reps + _known_rir(s)), inlined: this loop sees every set
                    if s.rir is not None:
                        known_rir = float(s.rir)
                    elif s.rpe is not None:
                        known_rir = 10.0 - float(s.rpe)
                    else:
                        known_rir = 0.0
                    e1 = kg * (1.0 + (s.reps + known_rir) / 30.0)
                    if e1 > top:
                        top = e1
            points = bests.get(entry.name)
            if points is None:
                points = bests[entry.name] = ([], [])
                lifts[entry.name] = entry
            starts, tops = points
            if starts and starts[-1] == at_s:  # the entry again in this workout
                if top > tops[-1]:
                    tops[-1] = top
            else:
                starts.append(at_s)
                tops.append(top)
            if in_facts:
                items.append((entry, ex, len(starts) - 1))
        if in_facts:
            resolved.append((w, start, max(hours, 0.0), items))

    # --- pass 2: effort of every set, fatigue, volume, patterns, load, trends
    horizon = model.horizon_h
    contributions: dict[str, list[Contribution]] = defaultdict(list)
    sets_7d: dict[str, float] = defaultdict(float)
    sets_28d: dict[str, float] = defaultdict(float)
    last_hard: dict[str, float] = {}
    last_heavy: dict[str, float] = {}  # hours since the latest heavy set that worked the muscle
    hard_days: dict[str, set[date]] = defaultdict(set)
    patterns: dict[str, _PatternSeen] = {}  # latest hard session of each pattern
    heavy_patterns: dict[str, _PatternSeen] = {}  # an earlier heavy one, when the latest is not
    pattern_region: dict[str, str] = {}
    # lower-body work of today (before now) and yesterday, calendar days in now's time zone
    today = now_l.date()
    yesterday = today - timedelta(days=1)
    legs_sets = {today: 0, yesterday: 0}
    legs_heavy = 0
    legs_last: tuple[datetime, float, _WorkoutParts] | None = None
    daily_srpe: dict[date, float] = defaultdict(float)
    daily_sets: dict[date, float] = defaultdict(float)
    foster_ok = True
    estimated_sets = 0
    heavy_rpe = float(p["heavy_rpe"])
    heavy_pct = float(p["heavy_pct_1rm"])
    default_pct = float(p["default_relative_load"])
    share = model.secondary_share
    default_rir = model.default_rir
    hard_rir_max = model.hard_rir_max
    effort_step = model.effort_step
    secondaries: dict[str, list[str]] = {}  # secondary muscles that are not also primary
    workouts_28d = 0
    estimated_rir_min = model.estimated_rir_min
    for w, start, hours, items in resolved:
        if hours > LOAD_DAYS * 24:
            continue  # older than 28 days: only read for references and trends (`bests`)
        workouts_28d += 1
        in_7 = hours <= 7 * 24
        in_horizon = hours <= horizon
        day = start.date()
        hard_load = 0.0
        if w.session_rpe is None or w.duration_min is None:
            foster_ok = False
        for entry, ex, point in items:
            # the reference 1RM: the best of this workout and of the e1RM window before it, so
            # later work never re-rates a set and a rating never changes as time passes
            starts, tops = bests[entry.name]
            one_rm = max(tops[bisect.bisect_left(starts, starts[point] - window_s) : point + 1])
            primary = entry.primary
            secondary = secondaries.get(entry.name)
            if secondary is None:
                secondary = secondaries[entry.name] = [
                    m for m in entry.secondary if m not in primary
                ]
            for s in ex.sets:
                if s.type == "warmup":
                    continue
                estimated = False
                if s.rir is not None:
                    rir = s.rir
                elif s.rpe is not None:
                    rir = 10.0 - s.rpe
                elif s.type == "failure":
                    rir = 0.0
                elif s.weight_kg and one_rm > 0:
                    # reps_possible(load, one_rm) - reps, inlined, to the half rep (the RPE
                    # scale's step) and never below estimated_rir_min: an estimate is no failure
                    rir = (30.0 * (one_rm / s.weight_kg - 1.0) - s.reps) * 2.0 + 0.5
                    rir = rir // 1.0 * 0.5
                    if rir < estimated_rir_min:
                        rir = estimated_rir_min
                    estimated = True
                elif s.type == "dropset":
                    rir, estimated = 1.0, True
                else:
                    rir, estimated = default_rir, True
                # model.effort_weight(rir), inlined with max() spelt out (hot loop)
                if rir > hard_rir_max:
                    weight = 0.0
                else:
                    weight = 1.0 - effort_step * (0.0 if rir < 0.0 else rir)
                    weight = weight if weight > 0.0 else 0.0
                if weight <= 0.0 or s.reps == 0:
                    continue
                pct = (s.weight_kg / one_rm * 100.0) if (s.weight_kg and one_rm > 0) else 0.0
                hard_load += pct / 100.0 if pct else default_pct
                # only a logged failure (set type, RPE 10 or RIR 0) recovers more slowly
                failure = s.type == "failure" or (rir <= 0.0 and not estimated)
                heavy_set = 10.0 - rir >= heavy_rpe or (estimated and pct >= heavy_pct)
                if in_horizon:
                    estimated_sets += estimated
                    # one (frozen) contribution per set and role, shared by its muscles
                    contribution = Contribution(weight, hours, failure, estimated)
                    for m in primary:
                        contributions[m].append(contribution)
                    if secondary:
                        contribution = Contribution(weight * share, hours, failure, estimated)
                        for m in secondary:
                            contributions[m].append(contribution)
                for m in primary:
                    sets_28d[m] += 1.0
                    hard_days[m].add(day)
                    if in_7:
                        sets_7d[m] += 1.0
                    if hours < last_hard.get(m, math.inf):
                        last_hard[m] = hours
                    if heavy_set and hours < last_heavy.get(m, math.inf):
                        last_heavy[m] = hours
                for m in secondary:
                    sets_28d[m] += share
                    if heavy_set and hours < last_heavy.get(m, math.inf):
                        last_heavy[m] = hours
                    if in_7:
                        sets_7d[m] += share
                if entry.region == "lower" and day in legs_sets:
                    legs_sets[day] += 1
                    legs_heavy += heavy_set
                    if legs_last is None or legs_last[0] < start:
                        legs_last = (start, hours, w)
                if in_7:
                    seen = patterns.get(entry.pattern)
                    if seen is None or seen.workout_start < start:
                        if seen is not None and seen.heavy_sets:
                            heavy_patterns[entry.pattern] = seen
                        seen = _PatternSeen(start, hours, source=w)
                        patterns[entry.pattern] = seen
                        pattern_region[entry.pattern] = entry.region
                    if seen.workout_start == start:
                        seen.hard_sets += 1
                        rpe = 10.0 - rir
                        if heavy_set:
                            seen.heavy_sets += 1
                        if (rpe, pct) > (seen.top_rpe, seen.top_pct):
                            seen.exercise = ex.name
                        seen.top_rpe = max(seen.top_rpe, rpe)
                        seen.top_pct = max(seen.top_pct, pct)
                        seen.estimated = seen.estimated or estimated
        if w.session_rpe is not None and w.duration_min is not None:
            daily_srpe[day] += w.session_rpe * w.duration_min
        daily_sets[day] += hard_load

    facts: list[Fact] = []

    # --- athlete
    a = history.athlete
    months = 0.0
    if workouts:
        months = max(0.0, (now_l - local(workouts[0].start, now)).days / 30.44)
    observed = _r(workouts_28d / 4.0)
    if a.sessions_per_week is not None:
        spw, spw_source = float(a.sessions_per_week), "declared"
    elif workouts_28d:
        spw, spw_source = observed, "observed"
    else:
        spw, spw_source = 0.0, "unknown"
    goals = set(a.goals)
    facts.append(
        {
            "t": "athlete",
            "experience": a.experience or "unknown",
            "experience_declared": a.experience is not None,
            "months_logged": _r(months),
            "sessions_per_week": spw,
            "sessions_per_week_source": spw_source,
            "observed_sessions_per_week": observed,
            "strength_goal": bool(goals & {"strength", "powerlifting"}),
            "goal_strength": "strength" in goals,
            "goal_powerlifting": "powerlifting" in goals,
            "goal_hypertrophy": "hypertrophy" in goals,
            "goal_endurance": "endurance" in goals,
            "goal_general": "general" in goals,
            "has_goals": bool(goals),
            "body_mass_kg": a.body_mass_kg or 0.0,
        }
    )

    # --- history
    hours_since = (
        _r((now_l - local(workouts[-1].start, now)).total_seconds() / 3600.0)
        if workouts
        else 99999.0
    )
    facts.append(
        {
            "t": "history",
            "workouts": len(workouts),
            "workouts_28d": workouts_28d,
            "hours_since_last": hours_since,
            "days_since_last": float(int(hours_since // 24.0)),
            "months_since_last": float(round(int(hours_since // 24.0) / 30.44)),
            "has_workouts": bool(workouts),
            "estimated_effort_sets": estimated_sets,
            "unrecognized": len(unrecognized),
        }
    )

    # --- muscles
    readiness: dict[str, int] = {}
    estimated_share = float(p["estimated_fatigue_share"])
    # hard sessions for the same muscle at least this far apart (ACSM 2011): a muscle not ready
    # after a heavy session is ready no earlier, so the hours to ready never undercut the window
    # of the rules that cite it ("heavy deadlifts again from ...")
    heavy_gap_h = float(p["posterior_window_h"])
    # with 28 days of history, the large muscles trained in none of them count too (their
    # weekly volume is 0), so a rule on weekly volume sees the muscles an athlete leaves out
    span_days = (now_l - local(workouts[0].start, now)).days if workouts else 0
    untrained_too = LARGE_MUSCLES if span_days >= LOAD_DAYS else frozenset()
    for m in MUSCLES:
        contribs = contributions.get(m, [])
        # the fatigue left now, and the part of it from sets whose effort was estimated
        fatigue, from_estimates = model.fatigue_parts(m, contribs) if contribs else (0.0, 0.0)
        score = model.readiness(fatigue) if contribs else 100
        readiness[m] = score
        if not contribs and m not in sets_28d and m not in untrained_too:
            continue
        to_ready = model.hours_to_ready(m, contribs) if contribs else 0
        if to_ready and m in last_heavy and last_heavy[m] < heavy_gap_h:
            to_ready = max(to_ready, math.ceil(heavy_gap_h - last_heavy[m]))
        days = hard_days.get(m, set())
        streak = 0
        if days and max(days) >= today - timedelta(days=1):
            d = max(days)
            while d in days:
                streak += 1
                d -= timedelta(days=1)
        ready_at = now_l + timedelta(hours=to_ready)
        facts.append(
            {
                "t": "muscle",
                "muscle": m,
                "readiness": score,
                "band": model.band(score),
                "hours_to_ready": to_ready,
                "ready_at": f"{ready_at:%A} {_part_of_day(ready_at)}" if to_ready else "now",
                "hard_sets_7d": _r(sets_7d.get(m, 0.0)),
                "weekly_sets_28d": _r(sets_28d.get(m, 0.0) / 4.0),
                "last_hard_hours": _r(last_hard.get(m, 99999.0)),
                "streak_days": streak,
                "large": m in LARGE_MUSCLES,
                "posterior_chain": m in POSTERIOR_CHAIN,
                "effort_estimated": from_estimates > 0.0
                and from_estimates >= estimated_share * fatigue,
            }
        )

    # --- movement patterns (last 7 days): the latest heavy session of each, else its latest hard
    # one (a lighter session after heavy deadlifts must not hide them)
    for name in sorted(patterns):
        seen = patterns[name]
        if not seen.heavy_sets and name in heavy_patterns:
            seen = heavy_patterns[name]
        facts.append(
            {
                "t": "pattern",
                "pattern": name,
                "region": pattern_region[name],
                "hours_ago": _r(seen.hours_ago),
                "hard_sets": seen.hard_sets,
                "top_rpe": _r(seen.top_rpe),
                "top_pct_1rm": _r(seen.top_pct),
                "heavy": seen.heavy_sets > 0,
                "exercise": seen.exercise,
                "workout": _label(seen.source, seen.workout_start) if seen.source else "",
                "effort_estimated": seen.estimated,
            }
        )

    # --- lower-body work today or yesterday: a second leg session in a row is a choice the rules
    # see (legs earlier today, or yesterday's leg day less than 48 h ago)
    if legs_last is not None:
        last_start, last_hours, last_workout = legs_last
        facts.append(
            {
                "t": "legs",
                "hard_sets_today": legs_sets[today],
                "hard_sets_yesterday": legs_sets[yesterday],
                "heavy_sets": legs_heavy,
                "hours_ago": _r(last_hours),
                "when": "today" if last_start.date() == today else "yesterday",
                "workout": _label(last_workout, last_start),
            }
        )

    # --- check-ins: per muscle (groups expanded) the latest in the window; at the same moment
    # the more severe feeling. Pain stays in effect for pain_window_h unless a later check-in
    # names that muscle itself (a group check-in never clears it).
    window_s = float(p["checkin_window_h"]) * 3600
    pain_s = max(float(p["pain_window_h"]) * 3600, window_s)
    latest_ok = now_l + tolerance
    latest: dict[str, tuple[datetime, int, int, bool, Any]] = {}
    pain: dict[str, tuple[datetime, int, int, bool, Any]] = {}
    direct: dict[str, datetime] = {}
    for i, c in enumerate(history.checkins):
        at = c.at if c.at.tzinfo is None else local(c.at, now)
        if at > latest_ok:
            raise HistoryError(
                f"checkins[{i}].at", f"is after now ({at:%Y-%m-%d %H:%M} > {now_l:%Y-%m-%d %H:%M})"
            )
        age = (now_l - at).total_seconds()
        if age > pain_s:
            continue
        group = MUSCLE_GROUPS.get(c.muscle)
        report = (at, _FEELING_RANK[c.feeling], c.level, group is None, c)
        for m in group or (c.muscle,):
            if c.feeling == "pain" and (m not in pain or pain[m][:4] < report[:4]):
                pain[m] = report
            if group is None and (m not in direct or direct[m] < at):
                direct[m] = at
            if age <= window_s and (m not in latest or latest[m][:4] < report[:4]):
                latest[m] = report
    for m, worst in pain.items():  # the latest pain stands until the muscle's own check-in
        cleared = m in direct and direct[m] > worst[0]
        if not cleared and (m not in latest or latest[m][4].feeling != "pain"):
            latest[m] = worst
    for m in sorted(latest):
        at, _, _, _, c = latest[m]
        facts.append(
            {
                "t": "checkin",
                "muscle": m,
                "group": c.muscle if c.muscle in MUSCLE_GROUPS else "",
                "feeling": c.feeling,
                "level": c.level,
                "hours_ago": _r((now_l - at).total_seconds() / 3600.0),
                "when": f"{at:%a %d %b %H:%M}",
                "posterior_chain": m in POSTERIOR_CHAIN,
            }
        )

    # --- sleep: one pass over the nights (the latest night, the last 3 and the last 7 days)
    day3 = today - timedelta(days=3)
    day7 = today - timedelta(days=7)
    short = float(p["sleep_short_h"])
    last: _SleepParts | None = None
    recent_nights: list[tuple[date, int, float]] = []
    short_nights = nights_7d = 0
    hours_7d = 0.0
    for n, night in enumerate(history.sleep):
        d = night.date
        if d > today:
            continue
        if last is None or d >= last.date:
            last = night
        if d > day3:
            recent_nights.append((d, n, night.hours))
        if d > day7:
            nights_7d += 1
            hours_7d += night.hours
            if night.hours < short:
                short_nights += 1
    if last is not None and last.date == today:  # the night that ended this morning
        recent3 = [h for _, _, h in sorted(recent_nights)]  # date order, as logged within a day
        facts.append(
            {
                "t": "sleep",
                "last_night_h": _r(last.hours),
                "last_night_date": last.date.isoformat(),
                "avg_3_h": _r(sum(recent3) / len(recent3)),
                "nights": len(recent3),
                "short_nights_7d": short_nights,
            }
        )
    if nights_7d:  # the week, whether or not last night is logged
        facts.append(
            {
                "t": "sleep_week",
                "nights_7d": nights_7d,
                "short_nights_7d": short_nights,
                "avg_7_h": _r(hours_7d / nights_7d),
                "last_night_logged": last is not None and last.date == today,
            }
        )

    # --- acute:chronic load ratio, only with >= 28 days of history
    if workouts and span_days >= LOAD_DAYS:
        measure = "session-rpe" if foster_ok else "hard-sets"
        acute = chronic = 0.0
        for key, value in (daily_srpe if foster_ok else daily_sets).items():
            age = (today - key).days
            if age < 28:
                chronic += value
                if age < 7:
                    acute += value
        weekly_chronic = chronic / 4.0
        ratio = acute / weekly_chronic if weekly_chronic > 0 else 0.0
        facts.append(
            {
                "t": "load_ratio",
                "ratio": _r(ratio, 2),
                "acute_7d": _r(acute),
                "chronic_28d": _r(weekly_chronic),
                "days_of_history": span_days,
                "measure": measure,
            }
        )

    # --- performance trend of main lifts: per catalogue entry (whatever name it was logged
    # under), the best estimated 1RM of each session in the trend window
    trend_cut = (now_l - _EPOCH).total_seconds() - float(p["trend_window_days"]) * 86400.0
    for name in sorted(lifts):
        if lifts[name].role != "main":
            continue
        starts, tops = bests[name]
        values = [v for v in tops[bisect.bisect_left(starts, trend_cut) :] if v > 0]
        if len(values) < 3:
            continue
        best_prev = max(values[:-1])
        last_v = values[-1]
        change = (last_v - best_prev) / best_prev * 100.0 if best_prev else 0.0
        falling = values[-3] > values[-2] > values[-1] and (values[-3] - values[-1]) / values[
            -3
        ] * 100.0 >= float(p["trend_drop_pct"])
        facts.append(
            {
                "t": "trend",
                "exercise": name,
                "sessions": len(values),
                "change_pct": _r(change),
                "below_best_pct": _r(max(0.0, -change)),
                "last_e1rm": _r(last_v),
                "best_e1rm": _r(best_prev),
                "falling": falling,
            }
        )

    base = _Base(
        facts=tuple(facts),
        readiness=readiness,
        unrecognized=tuple(unrecognized),
        estimated_effort_sets=estimated_sets,
    )
    return _with_plan(base, plan, p, cat, known)


def replan(
    facts: Facts, plan: Plan | None, params: Mapping[str, Any], catalogue: Catalogue
) -> Facts:
    """``facts`` with the facts of ``plan`` instead of those of ``facts.plan``: the history's
    facts are kept as they are (they do not depend on the plan)."""
    known = _LOOKUPS if catalogue is Catalogue.default() else {}
    return _with_plan(facts.base, plan, params, catalogue, known)


def _with_plan(
    base: _Base,
    plan: Plan | None,
    params: Mapping[str, Any],
    cat: Catalogue,
    known: dict[str, CatalogueEntry | None],
) -> Facts:
    """The facts of the history (``base``) and of the plan, the sentinel last."""
    p = params
    facts: list[Fact] = list(base.facts)
    unrecognized: dict[str, None] = dict.fromkeys(base.unrecognized)
    # --- the plan
    entries: tuple[CatalogueEntry | None, ...] = ()
    if plan is not None:
        found: list[CatalogueEntry | None] = []
        # "Hamstring Curls or Romanian Deadlifts": the first option known to the catalogue sets
        # pattern, region and role; the muscles are those of every option, so a rule about a
        # muscle sees whichever the athlete picks
        choices: list[list[CatalogueEntry]] = []
        for pe in plan.exercises:
            options = []
            for option in pe.lookup_names:
                if option not in known:
                    known[option] = cat.lookup(option)
                if known[option] is not None:
                    options.append(known[option])
            choices.append([e for e in options if e is not None])
            found.append(options[0] if options else None)
        entries = tuple(found)
        regions = [e.region if e else "unknown" for e in entries]
        lower = sum(r == "lower" for r in regions)
        upper = sum(r == "upper" for r in regions)
        back = any(
            e is not None and e.region == "upper" and e.pattern.endswith("pull") for e in entries
        )
        main_regions = [
            r
            for r, pe in zip(regions, plan.exercises, strict=False)
            if r in ("lower", "upper") and not pe.optional
        ]
        alternating = all(x != y for x, y in itertools.pairwise(main_regions))
        heavy_max = int(p["heavy_reps_max"])
        heavy_flags = []
        for pe, entry in zip(plan.exercises, entries, strict=False):
            low, high = pe.rep_range
            # a loaded lift (main or accessory: 3 x 5 good mornings are heavy) of few reps
            heavy_flags.append(
                entry is not None and entry.role != "mobility" and 0 < low <= heavy_max
            )
        posterior = [any(set(e.primary) & POSTERIOR_CHAIN for e in options) for options in choices]
        facts.append(
            {
                "t": "plan",
                "name": plan.name,
                "exercises": len(plan.exercises),
                "lower": lower,
                "upper": upper,
                "legs_and_back": lower > 0 and back,
                "alternating": alternating,
                "heavy_exercises": sum(heavy_flags),
                "posterior_exercises": sum(posterior),
            }
        )
        for i, (pe, entry) in enumerate(zip(plan.exercises, entries, strict=False)):
            low, high = pe.rep_range
            facts.append(
                {
                    "t": "planned",
                    "ex": i,
                    "name": pe.name,
                    "pattern": entry.pattern if entry else "unknown",
                    "region": entry.region if entry else "unknown",
                    "role": entry.role if entry else "unknown",
                    "sets": pe.sets,
                    "reps_low": low,
                    "reps_high": high,
                    "heavy": heavy_flags[i],
                    "posterior": posterior[i],
                    "known": entry is not None,
                    "optional": pe.optional,
                }
            )
            if entry is None:
                unrecognized.setdefault(pe.name)
                continue
            primary_muscles = {m for e in choices[i] for m in e.primary}
            worked = dict.fromkeys(m for e in choices[i] for m in e.muscles)
            for m in worked:
                facts.append(
                    {
                        "t": "load",
                        "ex": i,
                        "name": pe.name,
                        "muscle": m,
                        "primary": m in primary_muscles,
                        "pattern": entry.pattern,
                        "role": entry.role,
                        "heavy": heavy_flags[i],
                        "posterior_chain": m in POSTERIOR_CHAIN,
                    }
                )

    facts.append({"t": "sentinel"})
    facts[1] = {**facts[1], "unrecognized": len(unrecognized)}  # the history fact, with the plan's
    return Facts(
        facts=tuple(facts),
        readiness=base.readiness,
        unrecognized=tuple(unrecognized),
        estimated_effort_sets=base.estimated_effort_sets,
        plan=plan,
        plan_entries=entries,
        base=base,
    )


def _known_rir(s: Any) -> float:
    """Reps in reserve when the set says so (RIR, RPE or a failure set), else 0."""
    if s.rir is not None:
        return float(s.rir)
    if s.rpe is not None:
        return 10.0 - float(s.rpe)
    return 0.0


def _part_of_day(moment: datetime) -> str:
    hour = moment.hour
    if hour < 12:
        return "morning"
    if hour < 18:
        return "afternoon"
    return "evening"
