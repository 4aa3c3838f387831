"""8 threads x 2,000 mixed calls of ``advise()`` must give exactly the sequential answers.

Run from the repository root::

    python benchmarks/threads.py                  # 8 threads x 2,000 calls
    python benchmarks/threads.py --threads 16 --calls 500

Prints the calls made, how many answers differed from the same call made alone (must be 0),
and the throughput. durable-rules runs under one lock, so threads give correctness, not speed:
use ``advise_many(..., processes=N)`` for speed.
"""

from __future__ import annotations

import argparse
import sys

from recovery_advisor._synthetic import compare_threaded, mixed_calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--calls", type=int, default=2000, help="calls per thread")
    parser.add_argument("--distinct", type=int, default=400, help="distinct calls in the mix")
    args = parser.parse_args(argv)
    calls = mixed_calls(args.distinct, seed=11)
    made, wrong, seconds = compare_threaded(calls, args.threads, args.calls)
    print(
        f"{args.threads} threads x {args.calls} calls: {made:,} calls in {seconds:.1f} s "
        f"({made / seconds:,.0f} calls/s), {wrong} answers differed from the sequential ones"
    )
    return 1 if wrong or made != args.threads * args.calls else 0


if __name__ == "__main__":
    sys.exit(main())
