"""Catalogue coverage of real workout exports: how many logged sets name a known exercise.

Usage (from the repo root)::

    python benchmarks/catalogue_coverage.py [export.csv ...]

Without arguments it reads every CSV in ``../shared/samples/`` (Strong, Hevy or FitNotes exports).
Prints, per file, the sets resolved / total, the share, the unresolved names with their counts,
and how long loading the catalogue and looking every set up took.
"""

from __future__ import annotations

import collections
import csv
import sys
import time
from pathlib import Path

from recovery_advisor.catalogue import Catalogue

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
NAME_COLUMNS = ("Exercise Name", "exercise_title", "Exercise")


def logged_sets(path: Path) -> list[str]:
    """The exercise name of every set in a CSV export (Strong ``Rest Timer`` rows left out)."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    if not lines:
        return []
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.DictReader(lines, delimiter=delimiter))
    column = next((c for c in NAME_COLUMNS if rows and c in rows[0]), None)
    if column is None:
        raise SystemExit(f"{path}: no exercise-name column (looked for {', '.join(NAME_COLUMNS)})")
    return [
        row[column]
        for row in rows
        if row[column] != "Rest Timer" and row.get("Set Order") != "Rest Timer"
    ]


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(SAMPLES.glob("*.csv"))
    if not paths:
        print(f"no exports given and none found in {SAMPLES}")
        return 1
    t0 = time.perf_counter()
    cat = Catalogue.default()
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"catalogue: {len(cat)} exercises, {len(cat.by_role('mobility'))} mobility drills")
    print(f"load: {load_ms:.1f} ms")
    total = resolved_total = 0
    for path in paths:
        names = logged_sets(path)
        t0 = time.perf_counter()
        unresolved = collections.Counter(n for n in names if cat.lookup(n) is None)
        lookup_us = (time.perf_counter() - t0) * 1e6 / max(len(names), 1)
        resolved = len(names) - sum(unresolved.values())
        total += len(names)
        resolved_total += resolved
        share = resolved / len(names) if names else 1.0
        print(
            f"{path.name}: {resolved}/{len(names)} sets resolved ({share:.2%}), "
            f"{len(set(names))} distinct names, {lookup_us:.1f} us per lookup"
        )
        for name, count in unresolved.most_common():
            print(f"    unresolved: {name!r} x{count}")
    if total:
        print(f"all files: {resolved_total}/{total} sets resolved ({resolved_total / total:.2%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
