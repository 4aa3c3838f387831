"""How fast is ``advise()``? Latency, throughput, where the time goes, and batch speed-up.

Run from the repository root (``make bench`` does)::

    python benchmarks/bench_advise.py           # about a minute
    python benchmarks/bench_advise.py --quick   # a few seconds, rougher numbers

Athletes are synthetic (``recovery_advisor._synthetic``): a *typical* athlete logs 90 days at
four sessions a week (about 1,250 sets), check-ins and every night's sleep; a *three-year*
athlete logs the same way for 1,095 days; an *empty* history has nothing. Every call uses the
bundled rule book as it is. Latency is measured on histories already in memory (``History``
objects); reading JSON-like data into a ``History`` is measured on its own, because it is
proportional to the size of the input.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import recovery_advisor as ra
from recovery_advisor import _engine, _reference, api
from recovery_advisor._synthetic import synthetic_history

NOW = "2026-11-25T08:00:00"
PLAN = "legs-and-back"
PROFILES: dict[str, dict[str, Any]] = {
    "typical": {"days": 90, "sessions_per_week": 4, "sets_per_exercise": 3},
    "three-year": {"days": 1095, "sessions_per_week": 4, "sets_per_exercise": 3},
    "empty": {},
}


def athletes(profile: str, n: int, seed0: int = 0) -> list[dict[str, Any]]:
    spec = PROFILES[profile]
    if not spec:
        return [{} for _ in range(n)]
    return [synthetic_history(seed0 + k, **spec) for k in range(n)]


def sets_of(data: dict[str, Any]) -> int:
    return sum(len(e["sets"]) for w in data.get("workouts", []) for e in w["exercises"])


def timings(
    fn: Callable[[Any], Any],
    items: Sequence[Any],
    calls: int,
    clock: Callable[[], float] = time.perf_counter,
) -> list[float]:
    """Seconds per call of ``fn`` over ``items`` round-robin, after a short warm-up."""
    for item in items[:3]:
        fn(item)
    out = []
    for k in range(calls):
        item = items[k % len(items)]
        t0 = clock()
        fn(item)
        out.append(clock() - t0)
    return out


def ms(xs: Sequence[float]) -> tuple[float, float]:
    s = sorted(xs)
    return statistics.median(s) * 1e3, s[min(len(s) - 1, int(0.95 * len(s)))] * 1e3


def latency(quick: bool) -> dict[tuple[str, str | None], float]:
    calls = 300 if quick else 3000
    medians: dict[tuple[str, str | None], float] = {}
    print("## advise() latency (history already in memory; 40 athletes of each kind, round-robin)")
    print(f"{'history':<12} {'sets':>6} {'plan':<14} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7}")
    for profile in PROFILES:
        data = athletes(profile, 10 if quick else 40)
        hists = [ra.History.from_dict(d) for d in data]
        for plan in (None, PLAN):
            call = lambda h, plan=plan: ra.advise(h, now=NOW, plan=plan)  # noqa: E731
            med, p95 = ms(timings(call, hists, calls))
            cpu = ms(timings(call, hists, calls, time.thread_time))[0]
            medians[(profile, plan)] = med
            print(
                f"{profile:<12} {statistics.mean(sets_of(d) for d in data):>6.0f} "
                f"{plan or '(none)':<14} {med:>10.3f} {p95:>8.3f} {cpu:>7.3f}"
            )
    print()
    typ, three = medians[("typical", None)], medians[("three-year", None)]
    typ_p, three_p = medians[("typical", PLAN)], medians[("three-year", PLAN)]
    print(f"target typical <= 2 ms median: {typ:.2f} ms ({'met' if typ <= 2 else 'NOT met'})")
    print(f"  with the {PLAN} plan: {typ_p:.2f} ms ({'met' if typ_p <= 2 else 'NOT met'})")
    print(
        f"target three-year <= 1.3x typical: {three / typ:.2f}x "
        f"({'met' if three <= 1.3 * typ else 'NOT met'}); with the plan {three_p / typ_p:.2f}x"
    )
    print()
    return medians


def parsing(quick: bool) -> None:
    print("## reading JSON-like data (History.from_dict) and advise(dict) end to end")
    calls = 40 if quick else 300
    for profile in ("typical", "three-year"):
        data = athletes(profile, 4)
        parse = ms(timings(ra.History.from_dict, data, calls))[0]
        whole = ms(timings(lambda d: ra.advise(d, now=NOW), data, calls))[0]
        print(
            f"{profile:<12} History.from_dict {parse:7.2f} ms   advise(dict) {whole:7.2f} ms "
            f"({statistics.mean(sets_of(d) for d in data):.0f} sets)"
        )
    print()


def throughput(quick: bool) -> None:
    seconds = 1.0 if quick else 4.0
    data = athletes("typical", 50 if quick else 200, seed0=1000)
    hists = [ra.History.from_dict(d) for d in data]
    for label, items in (("History objects", hists), ("JSON-like dicts", data)):
        for plan in (None, PLAN):
            n = 0
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < seconds:
                ra.advise(items[n % len(items)], now=NOW, plan=plan)
                n += 1
            rate = n / (time.perf_counter() - t0)
            print(
                f"throughput, one core, typical athletes from {label}, plan {plan or '(none)'}: "
                f"{rate:,.0f} athletes/s"
            )
    print()


def stages(quick: bool) -> None:
    """Time spent in fact derivation, the engine, and building the advice (the rest)."""
    acc = {"facts": 0.0, "engine": 0.0}
    real_facts, real_engine = api.derive_facts, api.evaluate_engine

    def timed_facts(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return real_facts(*a, **k)
        finally:
            acc["facts"] += time.perf_counter() - t0

    def timed_engine(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return real_engine(*a, **k)
        finally:
            acc["engine"] += time.perf_counter() - t0

    calls = 300 if quick else 2000
    hists = [ra.History.from_dict(d) for d in athletes("typical", 8)]
    print("## where the time goes (typical athlete)")
    for plan in (None, PLAN):
        for h in hists[:3]:
            ra.advise(h, now=NOW, plan=plan)
        api.derive_facts, api.evaluate_engine = timed_facts, timed_engine  # type: ignore[assignment]
        acc["facts"] = acc["engine"] = 0.0
        total = 0.0
        render = 0.0
        try:
            for k in range(calls):
                h = hists[k % len(hists)]
                t0 = time.perf_counter()
                advice = ra.advise(h, now=NOW, plan=plan)
                t1 = time.perf_counter()
                str(advice)
                render += time.perf_counter() - t1
                total += t1 - t0
        finally:
            api.derive_facts, api.evaluate_engine = real_facts, real_engine
        rest = total - acc["facts"] - acc["engine"]
        print(
            f"plan {plan or '(none)':<14} facts {acc['facts'] / total:5.1%}  "
            f"engine {acc['engine'] / total:5.1%}  advice building {rest / total:5.1%}  "
            f"(of {total / calls * 1e3:.3f} ms); text rendering adds {render / calls * 1e3:.3f} ms"
        )
    print()


def reference(quick: bool) -> None:
    """The same facts through durable-rules and through the plain-Python reference evaluator."""
    calls = 300 if quick else 2000
    book = ra.RuleBook.default()
    params = book.param_values()
    moment = api._now(NOW)
    print("## durable-rules vs the plain-Python reference evaluator, same facts")
    for plan_name in (None, PLAN):
        plan = api.resolve_plan(plan_name, book)
        facts = [
            api.derive_facts(ra.History.from_dict(d), moment, params, plan=plan).facts
            for d in athletes("typical", 8)
        ]
        prepared = [_engine.prepare(f) for f in facts]
        eng = ms(
            timings(
                lambda f: _engine.evaluate_engine(book.fingerprint, book.rules, f, params),
                facts,
                calls,
            )
        )[0]
        ref = ms(
            timings(lambda p: _reference.evaluate_reference(book.rules, p, params), prepared, calls)
        )[0]
        n = statistics.mean(len(f) for f in facts)
        print(
            f"plan {plan_name or '(none)':<14} {n:.0f} facts, {len(book.rules)} rules: "
            f"durable-rules {eng:.3f} ms, reference {ref:.3f} ms, ratio {eng / ref:.1f}x"
        )
    print()


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def machine_speedup() -> float:
    """What two processes gain over one on a pure-CPU loop right now (other load included)."""
    import multiprocessing

    n = 3_000_000
    t0 = time.perf_counter()
    _spin(n)
    _spin(n)
    one = time.perf_counter() - t0
    with multiprocessing.get_context("forkserver").Pool(2) as pool:
        pool.map(_spin, [10, 10])
        t0 = time.perf_counter()
        pool.map(_spin, [n, n])
        two = time.perf_counter() - t0
    return one / two


def batch(quick: bool) -> None:
    n = 200 if quick else 1000
    data = athletes("typical", n, seed0=5000)
    print(f"## advise_many: {n} typical athletes, processes 1 vs 2")
    ra.advise_many(data[:2], now=NOW, processes=2, progress=False)  # start-up, measured below
    t0 = time.perf_counter()
    ra.advise_many(data[:2], now=NOW, processes=2, progress=False)
    startup = time.perf_counter() - t0
    hists = [ra.History.from_dict(d) for d in data]
    for label, items in (("JSON-like dicts", data), ("History objects", hists)):
        times = {}
        for procs in (1, 2):
            t0 = time.perf_counter()
            results = ra.advise_many(items, now=NOW, processes=procs, progress=False)
            times[procs] = time.perf_counter() - t0
            assert all(r.ok for r in results)
        print(
            f"{label}: processes=1 {n / times[1]:,.0f} athletes/s, processes=2 "
            f"{n / times[2]:,.0f} athletes/s, speed-up {times[1] / times[2]:.2f}x"
        )
    print(
        f"(a 2-process pool starts in {startup:.2f} s; on this machine right now two processes "
        f"gain {machine_speedup():.2f}x on a pure-CPU loop; cpu_count={os.cpu_count()})"
    )
    print()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run, rougher numbers")
    parser.add_argument("--skip-batch", action="store_true", help="skip the advise_many part")
    args = parser.parse_args(argv)
    book = ra.RuleBook.default()
    print(
        f"recovery-advisor {ra.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, {len(book.rules)} bundled rules"
    )
    print()
    latency(args.quick)
    parsing(args.quick)
    throughput(args.quick)
    stages(args.quick)
    reference(args.quick)
    if not args.skip_batch:
        batch(args.quick)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
