"""Many threads calling ``advise()`` at once get exactly the answers of the same calls made one
by one (the full 8 x 2,000 run is ``benchmarks/threads.py``)."""

from __future__ import annotations

from recovery_advisor._synthetic import compare_threaded, mixed_calls


def test_eight_threads_give_the_sequential_answers() -> None:
    """8 threads x 250 mixed calls (athletes as data and as History objects, plans, two rule
    books, bad input) give answers identical to the same calls made one at a time."""
    calls = mixed_calls(120, seed=7, heavy=False)
    made, wrong, _ = compare_threaded(calls, threads=8, per_thread=250)
    assert made == 2000
    assert wrong == 0
