"""Soak test: 100,000 calls of ``advise()`` and the resident memory along the way.

Run from the repository root (``make soak`` does)::

    python benchmarks/soak.py                       # 100,000 calls, about five minutes
    python benchmarks/soak.py --calls 3000 --light  # the short version the test suite runs

Prints the resident set size (RSS) every ``--every`` calls and its growth since the end of the
warm-up (the first ``--warmup`` calls, which fill caches and register the rule books). The mix
holds typical athletes, small ones, empty and invalid histories, plans and two rule books.
Exits with status 1 when the growth after warm-up exceeds ``--limit-mb`` (default 5 MB).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time

from recovery_advisor._synthetic import mixed_calls, outcome


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux ``/proc``; else the peak from getrusage)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (2**20 if sys.platform == "darwin" else 2**10)


def soak(calls: int, warmup: int, every: int, light: bool, quiet: bool) -> dict[str, float]:
    mix = mixed_calls(300, seed=3, heavy=not light)
    samples: list[tuple[int, float]] = []
    base = 0.0
    t0 = time.perf_counter()
    for i in range(1, calls + 1):
        outcome(mix[i % len(mix)])
        if i in (warmup, calls) or (i > warmup and i % every == 0):
            gc.collect()
            rss = rss_mb()
            if i == warmup:
                base = rss
            samples.append((i, rss))
            if not quiet:
                print(
                    f"{i:>8,} calls  rss {rss:7.1f} MB  growth since warm-up {rss - base:+6.2f} MB"
                    f"  ({i / (time.perf_counter() - t0):,.0f} calls/s)",
                    flush=True,
                )
    after = [rss for i, rss in samples if i >= warmup]
    return {
        "calls": calls,
        "warmup": warmup,
        "rss_at_warmup_mb": round(base, 2),
        "rss_final_mb": round(after[-1], 2),
        "growth_mb": round(after[-1] - base, 2),
        "peak_growth_mb": round(max(after) - base, 2),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--warmup", type=int, default=5_000)
    parser.add_argument("--every", type=int, default=5_000)
    parser.add_argument("--limit-mb", type=float, default=5.0)
    parser.add_argument("--light", action="store_true", help="small histories only (faster)")
    parser.add_argument("--json", action="store_true", help="print only a JSON summary")
    args = parser.parse_args(argv)
    warmup = min(args.warmup, args.calls)
    summary = soak(args.calls, warmup, args.every, args.light, args.json)
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"growth after warm-up: {summary['growth_mb']:+.2f} MB "
            f"(peak {summary['peak_growth_mb']:+.2f} MB; limit {args.limit_mb} MB) "
            f"over {args.calls - warmup:,} calls"
        )
    return 1 if summary["peak_growth_mb"] > args.limit_mb else 0


if __name__ == "__main__":
    sys.exit(main())
