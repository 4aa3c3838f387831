"""The history format: what is accepted, and the errors (with field paths) for what is not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import recovery_advisor as ra

NOW = "2026-11-25T08:00:00"


def _history(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "athlete": {"experience": "intermediate", "sessions_per_week": 4, "goals": ["strength"]},
        "workouts": [
            {
                "start": "2026-11-24T18:00:00",
                "name": "Back day",
                "duration_min": 70,
                "exercises": [
                    {
                        "name": "Deadlift (Barbell)",
                        "sets": [{"reps": 6, "weight_kg": 170, "rpe": 9, "type": "normal"}],
                    }
                ],
            }
        ],
        "checkins": [
            {"at": "2026-11-25T07:30:00", "muscle": "hamstrings", "feeling": "tight", "level": 3}
        ],
        "sleep": [{"date": "2026-11-25", "hours": 6.5}],
    }
    base.update(parts)
    return base


def test_the_issue_example_round_trips() -> None:
    """The documented example parses, and to_dict() gives data that parses to the same history."""
    history = ra.History.from_dict(_history())
    assert ra.History.from_dict(history.to_dict()) == history
    assert history.workouts[0].exercises[0].sets[0].rpe == 9


def test_an_empty_history_is_valid_and_gets_advice() -> None:
    """Every part is optional: {} is a history, and advising on it works."""
    advice = ra.advise({}, now=NOW)
    assert advice.verdict == "train"
    assert "no-history" in advice.rules_fired
    assert set(advice.readiness.values()) == {100}


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (
            lambda h: h["workouts"][0]["exercises"][0]["sets"][0].update(reps=-1),
            "workouts[0].exercises[0].sets[0].reps",
            "must be a whole number ≥ 0, got -1",
        ),
        (
            lambda h: h["workouts"][0]["exercises"][0]["sets"][0].update(rpe=11),
            "workouts[0].exercises[0].sets[0].rpe",
            "must be from 1 to 10",
        ),
        (
            lambda h: h["workouts"][0]["exercises"][0]["sets"][0].update(rpe=8.3),
            "workouts[0].exercises[0].sets[0].rpe",
            "steps of 0.5",
        ),
        (
            lambda h: h["workouts"][0]["exercises"][0]["sets"][0].update(weight_kg=float("nan")),
            "workouts[0].exercises[0].sets[0].weight_kg",
            "finite",
        ),
        (
            lambda h: h["workouts"][0]["exercises"][0]["sets"][0].update(type="drop"),
            "workouts[0].exercises[0].sets[0].type",
            "did you mean 'dropset'",
        ),
        (lambda h: h["workouts"][0].update(start="yesterday"), "workouts[0].start", "ISO 8601"),
        (
            lambda h: h["workouts"][0].update(strat="2026-11-24"),
            "workouts[0].strat",
            "did you mean 'start'",
        ),
        (
            lambda h: h["checkins"][0].update(feeling="stiff"),
            "checkins[0].feeling",
            "must be one of",
        ),
        (
            lambda h: h["checkins"][0].update(muscle="hamstring"),
            "checkins[0].muscle",
            "did you mean 'hamstrings'",
        ),
        (lambda h: h["checkins"][0].update(level=7), "checkins[0].level", "≤ 5"),
        (lambda h: h["sleep"][0].update(hours=30), "sleep[0].hours", "from 0 to 24"),
        (
            lambda h: h["athlete"].update(experience="expert"),
            "athlete.experience",
            "must be one of",
        ),
        (
            lambda h: h["workouts"][0]["exercises"][0].update(name="x" * 100_000),
            "workouts[0].exercises[0].name",
            "more than the limit of 200",
        ),
        (lambda h: h.update(workouts={"a": 1}), "workouts", "must be a list"),
    ],
)
def test_bad_input_names_the_field_path(mutate: Any, path: str, words: str) -> None:
    """A malformed history raises HistoryError whose text starts with the field path."""
    data = json.loads(json.dumps(_history(), allow_nan=True))
    mutate(data)
    with pytest.raises(ra.HistoryError) as info:
        ra.advise(data, now=NOW)
    assert info.value.path == path
    assert str(info.value).startswith(f"{path}: ")
    assert words in str(info.value)
    # the library keeps working for the next call
    assert ra.advise(_history(), now=NOW).verdict in ("train", "train-modified", "rest")


def test_future_workouts_are_rejected() -> None:
    """A workout after `now` is an error naming it, not silently ignored."""
    data = _history()
    data["workouts"][0]["start"] = "2026-11-26T18:00:00"
    with pytest.raises(ra.HistoryError, match=r"^workouts\[0\]\.start: is after now"):
        ra.advise(data, now=NOW)


def test_unknown_exercises_are_listed_not_dropped() -> None:
    """An exercise the catalogue does not know is listed in the advice."""
    data = _history()
    data["workouts"][0]["exercises"].append({"name": "Zercher Sandbag Flip", "sets": [{"reps": 5}]})
    advice = ra.advise(data, now=NOW)
    assert advice.unrecognized_exercises == ("Zercher Sandbag Flip",)
    assert advice.to_dict()["unrecognized_exercises"] == ["Zercher Sandbag Flip"]


def test_workout_order_in_the_input_does_not_matter() -> None:
    """Workouts are sorted by start time, so any input order gives the same advice."""
    data = ra.load_history(Path(__file__).parents[1] / "examples" / "history.json").to_dict()
    shuffled = dict(data, workouts=list(reversed(data["workouts"])))
    assert ra.advise(shuffled, now=NOW).to_dict() == ra.advise(data, now=NOW).to_dict()


def test_aware_and_naive_times_mix_as_documented() -> None:
    """With an aware `now`, aware times convert to its offset and naive ones are local."""
    data = _history()
    data["workouts"][0]["start"] = "2026-11-24T17:00:00+00:00"
    naive = ra.advise(_history(), now="2026-11-25T08:00:00+01:00")
    aware = ra.advise(data, now="2026-11-25T08:00:00+01:00")
    assert naive.readiness == aware.readiness
    assert naive.to_dict()["recommendations"] == aware.to_dict()["recommendations"]


def test_load_history_reports_bad_json_with_its_file(tmp_path: Path) -> None:
    """A file that is not JSON gives an error naming the file and the line."""
    bad = tmp_path / "h.json"
    bad.write_text('{"workouts": [', encoding="utf-8")
    with pytest.raises(ra.RecoveryAdvisorError, match=r"h\.json"):
        ra.load_history(bad)


def test_merge_keeps_everything() -> None:
    """Merging two histories keeps every workout, check-in and night."""
    a = ra.History.from_dict(_history())
    b = ra.History.from_dict({"sleep": [{"date": "2026-11-24", "hours": 8}]})
    merged = a.merge(b)
    assert len(merged.sleep) == 2
    assert merged.workouts == a.workouts
    assert merged.athlete == a.athlete


def test_a_workout_or_night_given_twice_is_an_error() -> None:
    """Duplicates would be counted twice, so they are refused with the index of the copy."""
    data = _history()
    data["workouts"].append(json.loads(json.dumps(data["workouts"][0])))
    with pytest.raises(
        ra.HistoryError, match=r"^workouts\[1\]: repeats the workout of 2026-11-24 18:00"
    ):
        ra.History.from_dict(data)
    data = _history(sleep=[{"date": "2026-11-25", "hours": 8}, {"date": "2026-11-25", "hours": 3}])
    with pytest.raises(
        ra.HistoryError, match=r"^sleep\[1\]\.date: 2026-11-25 is already given by sleep\[0\]"
    ):
        ra.History.from_dict(data)


def test_merging_overlapping_exports_counts_nothing_twice() -> None:
    """Merging a history with itself (an overlapping re-import) changes nothing."""
    history = ra.load_history(Path(__file__).parents[1] / "examples" / "history.json")
    assert history.merge(history) == history
    assert (
        ra.advise(history.merge(history), now=NOW).readiness
        == ra.advise(history, now=NOW).readiness
    )


def test_merge_refuses_what_is_not_a_history() -> None:
    """Merging a mapping is a clear error, not an AttributeError."""
    with pytest.raises(ra.HistoryError, match="merge needs a History, got dict"):
        ra.History().merge({"workouts": []})  # type: ignore[arg-type]


def test_format_version_must_be_the_number_one() -> None:
    """`true` is not version 1."""
    with pytest.raises(ra.HistoryError, match="format_version: must be 1"):
        ra.History.from_dict({"format_version": True})
