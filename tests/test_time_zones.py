"""A naive ``now`` never meets timestamps with an offset silently (issue #11)."""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor import cli

LIFT = {"name": "Deadlift (Barbell)", "sets": [{"reps": 5, "weight_kg": 180, "rpe": 9}] * 4}


def utc_history(start: str = "2026-11-24T17:00:00Z") -> dict[str, object]:
    earlier = {"start": "2026-11-20T17:00:00", "exercises": [LIFT]}
    checkin = {"at": "2026-11-25T07:00:00+01:00", "muscle": "hamstrings", "feeling": "tight"}
    return {"workouts": [earlier, {"start": start, "exercises": [LIFT]}], "checkins": [checkin]}


def test_naive_now_with_utc_timestamps_warns_and_names_the_field() -> None:
    """The warning names the first aware field and says what was done with it."""
    with pytest.warns(ra.TimeZoneWarning) as caught:
        ra.advise(utc_history(), now="2026-11-25T08:00:00")
    text = str(caught[0].message)
    assert "workouts[1].start = 2026-11-24T17:00:00+00:00" in text
    assert "keep their own wall-clock time (2026-11-24T17:00:00)" in text
    assert len(caught) == 1


def test_an_aware_checkin_alone_is_named_too() -> None:
    """Check-ins with an offset warn as workouts do, with their own path."""
    data = {"checkins": [{"at": "2026-11-25T07:00:00Z", "muscle": "lats", "feeling": "sore"}]}
    with pytest.warns(ra.TimeZoneWarning, match=r"checkins\[0\]\.at"):
        ra.advise(data, now="2026-11-25T08:00:00")


def test_history_objects_warn_like_json_data() -> None:
    """A History built in Python is checked the same way as JSON-like data."""
    history = ra.History.from_dict(utc_history())
    with pytest.warns(ra.TimeZoneWarning):
        ra.advise(history, now=datetime(2026, 11, 25, 8))


@pytest.mark.parametrize(
    ("data", "now"),
    [
        (utc_history(), "2026-11-25T08:00:00+01:00"),  # aware now: exact conversion
        (utc_history(), "2026-11-25T07:00:00Z"),
        ({"workouts": [{"start": "2026-11-24T17:00:00", "exercises": [LIFT]}]}, "2026-11-25T08:00"),
        ({}, "2026-11-25T08:00:00"),
    ],
)
def test_no_warning_when_nothing_is_shifted(data: dict[str, object], now: str) -> None:
    """Aware now, or a history without offsets, gives no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ra.advise(data, now=now)


def test_the_warning_can_be_made_an_error() -> None:
    """Users who want a refusal turn the warning into an exception."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ra.TimeZoneWarning)
        with pytest.raises(ra.TimeZoneWarning):
            ra.advise(utc_history(), now="2026-11-25T08:00:00")


def test_default_now_is_aware_and_converts_offsets() -> None:
    """Without ``now`` the advice uses the aware local time, so UTC timestamps are not shifted."""
    start = (datetime.now(timezone.utc) - timedelta(hours=20)).replace(microsecond=0)
    data = {"workouts": [{"start": start.isoformat().replace("+00:00", "Z"), "exercises": [LIFT]}]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        advice = ra.advise(data)
    assert advice.now.tzinfo is not None
    exact = ra.advise(data, now=advice.now)
    assert exact.readiness == advice.readiness


def test_cli_prints_the_warning_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line shows the warning in its own form and still gives the advice."""
    path = tmp_path / "history.json"
    path.write_text(json.dumps(utc_history()), encoding="utf-8")
    code = cli.main(["advise", str(path), "--now", "2026-11-25T08:00:00", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "recovery-advisor: warning: now 2026-11-25T08:00:00 has no UTC offset" in err
    assert json.loads(out)["verdict"]
