"""The real exports in ``../shared/samples/`` (next to the repository; skipped when absent) import
with every row accounted for and no unexplained skip, and their exercises resolve to the
catalogue. The files are read in place, never copied into the project."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import recovery_advisor as ra

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
FILES = {
    "strong-classic-comma.csv": ("strong", "classic"),
    "hevy-with-rpe.csv": ("hevy", ""),
    "hevy-plain.csv": ("hevy", ""),
}
COVERAGE_TARGET = 0.97

pytestmark = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"the real samples are not present at {SAMPLES}"
)


def _records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("name", sorted(FILES))
def test_real_sample_imports_with_no_unexplained_skip(name: str) -> None:
    """Every data row is imported or skipped for an expected reason (cardio, timed holds)."""
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {SAMPLES}")
    result = ra.import_history(path)
    report = result.report
    assert (report.format, report.shape) == FILES[name]
    records = _records(path)
    assert report.rows_read == len(records)
    assert report.rows_read == report.sets_imported + len(report.skipped)
    assert report.problems == (), report.summary()
    # each skipped row really is a set without reps (cardio or a timed hold)
    reps_column = "Reps" if FILES[name][0] == "strong" else "reps"
    for skipped in report.skipped:
        assert records[skipped.row - 2][reps_column] in ("", "0"), skipped
    assert sum(len(e.sets) for w in result.history.workouts for e in w.exercises) == (
        report.sets_imported
    )


def _coverage(history: ra.History, catalogue: ra.Catalogue) -> float:
    total = resolved = 0
    for workout in history.workouts:
        for exercise in workout.exercises:
            total += len(exercise.sets)
            if catalogue.lookup(exercise.name) is not None:
                resolved += len(exercise.sets)
    return resolved / total if total else 1.0


@pytest.mark.parametrize("name", sorted(FILES))
def test_real_sample_sets_resolve_to_the_catalogue(name: str) -> None:
    """At least 97 % of the imported sets name an exercise the default catalogue knows."""
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {SAMPLES}")
    coverage = _coverage(ra.load_history(path), ra.Catalogue.default())
    assert coverage >= COVERAGE_TARGET, f"{name}: {coverage:.1%} of sets resolve"
