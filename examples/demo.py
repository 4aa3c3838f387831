"""`make demo`: advise on the bundled example history, then show contrasting athletes.

Run from the repository root: ``python examples/demo.py``.
"""

from __future__ import annotations

from pathlib import Path

import recovery_advisor as ra

HERE = Path(__file__).resolve().parent
NOW = "2026-11-25T08:00:00"


def banner(text: str) -> None:
    print()
    print("=" * 78)
    print(text)
    print("=" * 78)


def main() -> None:
    history = ra.load_history(HERE / "history.json")
    banner(
        "1. The example athlete: heavy deadlifts and rows last night, tight hamstrings, 6.5 h sleep"
    )
    print(ra.advise(history, now=NOW, plan="legs-and-back"))

    fresh = ra.History(
        athlete=history.athlete,
        workouts=tuple(w for w in history.workouts if w.start.day != 24),
        sleep=tuple(s for s in history.sleep if s.date.day != 25),
    )
    banner("2. The same athlete without last night's back day: fresh, 4 sessions a week, strength")
    print(ra.advise(fresh, now=NOW, plan="legs-and-back"))

    beginner = {"athlete": {"experience": "beginner", "sessions_per_week": 3, "goals": ["general"]}}
    banner("3. A beginner asking for the same session")
    print(ra.advise(beginner, now=NOW, plan="legs-and-back"))


if __name__ == "__main__":
    main()
