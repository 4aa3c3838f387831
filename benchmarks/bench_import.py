"""Import the real exports in ../shared/samples/ (when present) and the synthetic fixtures, and
print, per file: rows read, sets imported, rows skipped (by kind), the share of sets whose
exercise the default catalogue knows, and the import time (best of 5 runs).

Run from the repository root: ``python benchmarks/bench_import.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import recovery_advisor as ra

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "exports"
RUNS = 5


def coverage(history: ra.History, catalogue: ra.Catalogue) -> float:
    total = known = 0
    for workout in history.workouts:
        for exercise in workout.exercises:
            total += len(exercise.sets)
            known += len(exercise.sets) if catalogue.lookup(exercise.name) else 0
    return known / total if total else 1.0


def measure(path: Path, catalogue: ra.Catalogue) -> str:
    best = float("inf")
    result = None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = ra.import_history(path)
        best = min(best, time.perf_counter() - start)
    assert result is not None
    r = result.report
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(r.skipped_by_kind().items())) or "-"
    return (
        f"{path.name:44} {r.format:8} {r.rows_read:6} {r.rows_imported:8} {len(r.skipped):7}"
        f"  {kinds:22} {coverage(result.history, catalogue):8.1%} {best * 1000:9.1f}"
    )


def main() -> None:
    catalogue = ra.Catalogue.default()
    head = (
        f"{'file':44} {'format':8} {'read':>6} {'imported':>8} {'skipped':>7}  "
        f"{'skipped by kind':22} {'catalogue':>8} {'time (ms)':>9}"
    )
    groups = [("real samples (../shared/samples)", sorted(SAMPLES.glob("*.csv")))]
    groups.append(("synthetic fixtures", sorted(FIXTURES.glob("*.csv"))))
    for title, files in groups:
        print(f"\n{title}")
        print(head)
        if not files:
            print("  (none found)")
        for path in files:
            try:
                print(measure(path, catalogue))
            except ra.RecoveryAdvisorError as exc:
                print(f"{path.name:44} error: {exc}")


if __name__ == "__main__":
    main()
