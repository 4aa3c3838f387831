"""What apps pay: advise() from JSON text or JSON-like dicts, against ``json.loads`` in one run.

Run from the repository root::

    python benchmarks/bench_input.py           # about half a minute
    python benchmarks/bench_input.py --quick   # a few seconds, rougher numbers
    python benchmarks/bench_input.py --profile typical-dict-plan   # cProfile of one case

Every case is timed round-robin over a few synthetic athletes (``recovery_advisor._synthetic``),
and the cases take turns call by call, so a slower stretch of a shared machine slows them all
alike and the ratios below hold: the goals of issue #12 are ratios, not times. ``typical`` is
90 days at four sessions a week (about 1,200 sets), ``three-year`` the same for 1,095 days.
Times are medians of CPU time (``time.thread_time``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import platform
import pstats
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import recovery_advisor as ra
from recovery_advisor import _engine, _fastinput, api
from recovery_advisor._synthetic import synthetic_history
from recovery_advisor.facts import derive_facts

NOW = "2026-11-25T08:00:00"
PLAN = "legs-and-back"
PROFILES: dict[str, dict[str, Any]] = {
    "typical": {"days": 90, "sessions_per_week": 4, "sets_per_exercise": 3},
    "three-year": {"days": 1095, "sessions_per_week": 4, "sets_per_exercise": 3},
}


def sets_of(data: dict[str, Any]) -> int:
    return sum(len(e["sets"]) for w in data.get("workouts", []) for e in w["exercises"])


def interleaved_ms(
    runs: dict[Any, tuple[Callable[[Any], Any], Sequence[Any]]], calls: int
) -> dict[Any, float]:
    """Median CPU milliseconds per call of each ``fn`` over its ``items`` round-robin, after a
    warm-up. The cases take turns call by call, so a slower stretch of a shared machine slows
    every case alike and the ratios between them hold."""
    for fn, items in runs.values():
        for item in items:
            fn(item)
    times: dict[Any, list[float]] = {key: [] for key in runs}
    for k in range(calls):
        for key, (fn, items) in runs.items():
            item = items[k % len(items)]
            t0 = time.thread_time()
            fn(item)
            times[key].append(time.thread_time() - t0)
    return {key: statistics.median(t) * 1e3 for key, t in times.items()}


def durable_alone(
    book: ra.RuleBook, facts: Sequence[Sequence[dict[str, Any]]]
) -> tuple[Callable[[str], None], list[str]]:
    """durable-rules' C engine alone on the facts, as the adapter asserts them: assert, run every
    action it starts (reading none), delete the session. No Python matching, no advice: what a
    call pays as long as durable-rules does the matching."""
    params = book.param_values()
    ruleset = _engine._ruleset_for(book.fingerprint, book.rules, params)
    texts = []
    for f in facts:
        asserted = _engine._prepare([*f, {"t": "sentinel"}], ruleset.types, ruleset.fields)[1]
        texts.append(json.dumps(asserted, ensure_ascii=False))
    c, handle = _engine._C, ruleset.handle

    def run(text: str) -> None:
        state = c.assert_facts(handle, text)[1]
        started = c.start_action_for_state(handle, state)
        while started and started[1]:
            started = (0, c.complete_and_start_action(handle, state))
        c.delete_state(handle, _engine._SID)

    return run, texts


def cases(profile: str, n: int) -> dict[str, tuple[Callable[[Any], Any], list[Any]]]:
    data = [synthetic_history(k, **PROFILES[profile]) for k in range(n)]
    texts = [json.dumps(d) for d in data]
    hists = [ra.History.from_dict(d) for d in data]
    # the two stages every call pays, alone: the facts of a History and the plan, and the
    # engine (durable-rules and its adapter) on those facts
    book = ra.RuleBook.default()
    params = book.param_values()
    now = datetime.fromisoformat(NOW)
    plan = api.resolve_plan(PLAN, book)
    facts = [derive_facts(h, now, params, plan=plan).facts for h in hists]
    return {
        "json.loads(text)": (json.loads, texts),
        "History.from_dict(dict)": (ra.History.from_dict, data),
        # the two parts in C, alone: msgspec's check of a dict, durable on the facts of the plan
        "msgspec check(dict)": (_fastinput.from_mapping, data),
        "durable C alone(plan)": durable_alone(book, facts),
        "derive_facts(plan)": (lambda h: derive_facts(h, now, params, plan=plan), hists),
        "engine(facts of plan)": (
            lambda f: _engine.evaluate_engine(book.fingerprint, book.rules, f, params),
            facts,
        ),
        "advise(History)": (lambda h: ra.advise(h, now=NOW), hists),
        "advise(History, plan)": (lambda h: ra.advise(h, now=NOW, plan=PLAN), hists),
        "advise(dict, plan)": (lambda d: ra.advise(d, now=NOW, plan=PLAN), data),
        "advise_json(text, plan)": (lambda t: ra.advise_json(t, now=NOW, plan=PLAN), texts),
    }


def measure(quick: bool) -> dict[tuple[str, str], float]:
    calls = 30 if quick else 200
    print(f"{'case':<26} " + " ".join(f"{p:>12}" for p in PROFILES))
    table = {p: cases(p, 3 if quick else 6) for p in PROFILES}
    sets = {
        p: statistics.mean(sets_of(d) for d in table[p]["History.from_dict(dict)"][1])
        for p in PROFILES
    }
    print(f"{'(sets per athlete)':<26} " + " ".join(f"{sets[p]:>12,.0f}" for p in PROFILES))
    runs = {(p, name): run for p in PROFILES for name, run in table[p].items()}
    results = interleaved_ms(runs, calls)
    for name in table["typical"]:
        row = [f"{results[(p, name)]:>9.3f} ms" for p in PROFILES]
        print(f"{name:<26} " + " ".join(row))
    return results


def rate_from_json(quick: bool, plan: str | None = PLAN) -> float:
    """Athletes per second on one core: JSON text of typical athletes in, advice JSON out."""
    texts = [json.dumps(synthetic_history(1000 + k, **PROFILES["typical"])) for k in range(20)]
    seconds = 1.0 if quick else 4.0
    for t in texts[:3]:
        ra.advise_json(t, now=NOW, plan=plan)
    n = 0
    t0 = time.thread_time()
    while time.thread_time() - t0 < seconds:
        ra.advise_json(texts[n % len(texts)], now=NOW, plan=plan)
        n += 1
    return n / (time.thread_time() - t0)


def goals(r: dict[tuple[str, str], float], rate: float, rate_no_plan: float) -> None:
    loads = r[("typical", "json.loads(text)")]
    print()
    print("## goals of issue #12 (ratios in this run)")
    for name in ("advise(dict, plan)", "advise_json(text, plan)"):
        ratio = r[("typical", name)] / loads
        print(
            f"{name}, typical / json.loads: {ratio:.2f}x (goal <= 2x: "
            f"{'met' if ratio <= 2 else 'NOT met'})"
        )
    for name in ("derive_facts(plan)", "engine(facts of plan)"):
        print(f"  of which {name}, typical / json.loads: {r[('typical', name)] / loads:.2f}x")
    floor = (
        r[("typical", "msgspec check(dict)")] + r[("typical", "durable C alone(plan)")]
    ) / loads
    print(
        f"  the C parts alone (msgspec check of the dict + durable-rules on the facts): "
        f"{floor:.2f}x, leaving {2 - floor:.2f}x of the 2x for all the Python"
    )
    typical = r[("typical", "advise(dict, plan)")]
    three = r[("three-year", "advise(dict, plan)")] / typical
    print(
        f"advise(dict, plan), three-year / typical: {three:.2f}x (goal <= 1.3x: "
        f"{'met' if three <= 1.3 else 'NOT met'})"
    )
    check = r[("three-year", "msgspec check(dict)")] - r[("typical", "msgspec check(dict)")]
    print(
        f"  msgspec's check of the three-year dict's extra sets alone: +{check / typical:.2f}x "
        "of typical (the goal allows +0.30x for everything)"
    )
    print(
        f"athletes/s per core from JSON (advise_json, plan): {rate:,.0f} (goal >= 300: "
        f"{'met' if rate >= 300 else 'NOT met'})"
    )
    print(
        f"athletes/s per core from JSON (advise_json, no plan): {rate_no_plan:,.0f} (goal >= 300:"
        f" {'met' if rate_no_plan >= 300 else 'NOT met'})"
    )


def profile(case: str) -> None:
    profile_name, _, rest = case.partition("-")
    if profile_name == "three":
        profile_name, rest = "three-year", rest.partition("-")[2]
    names = {
        "dict-plan": "advise(dict, plan)",
        "history-plan": "advise(History, plan)",
        "history": "advise(History)",
        "json-plan": "advise_json(text, plan)",
        "from-dict": "History.from_dict(dict)",
    }
    fn, items = cases(profile_name, 4)[names[rest]]
    prof = cProfile.Profile()
    prof.enable()
    for k in range(200):
        fn(items[k % len(items)])
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run, rougher numbers")
    parser.add_argument(
        "--profile", metavar="CASE", help="cProfile one case, e.g. typical-dict-plan"
    )
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile)
        return
    print(f"recovery-advisor {ra.__version__}, Python {platform.python_version()}")
    results = measure(args.quick)
    goals(results, rate_from_json(args.quick), rate_from_json(args.quick, plan=None))


if __name__ == "__main__":
    main()
