"""Importers: every documented shape of Strong, Hevy and FitNotes exports, and check-in/sleep CSV.

The fixtures in ``tests/fixtures/exports/`` are small synthetic files written for the project,
each reproducing one quirk of real exports. The counts in ``EXPECTED`` follow from how each
fixture was written (which rows are cardio, which are broken), not from running the importer.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor.importers._common import (
    DateReader,
    ValueProblem,
    duration_minutes,
    parse_datetime,
)

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
LB = 0.45359237

# fixture: (format, shape, sets imported, workouts, skipped rows by kind)
EXPECTED: dict[str, tuple[str, str, int, int, dict[str, int]]] = {
    "strong-classic.csv": ("strong", "classic", 10, 3, {"timed": 1, "cardio": 1}),
    "strong-classic-bom-crlf.csv": ("strong", "classic", 4, 1, {"blank": 1}),
    "strong-android-2019-lbs.csv": ("strong", "unit-in-header", 4, 2, {"cardio": 1}),
    "strong-android-2019-kg-decimal-comma.csv": ("strong", "unit-in-header", 3, 1, {}),
    "strong-2019-no-duration.csv": ("strong", "2019-no-duration", 3, 1, {}),
    "strong-per-row-unit.csv": ("strong", "per-row-unit", 3, 1, {"cardio": 1, "invalid": 1}),
    "strong-per-row-unit-duration.csv": (
        "strong",
        "per-row-unit-duration",
        4,
        2,
        {"timed": 1, "cardio": 1},
    ),
    "strong-french.csv": ("strong", "classic", 3, 1, {}),
    "strong-german.csv": ("strong", "classic", 4, 1, {}),
    "strong-rest-timer.csv": ("strong", "unit-in-header", 3, 1, {"rest-timer": 2}),
    "hevy-kg.csv": ("hevy", "", 10, 2, {"timed": 1, "cardio": 1}),
    "hevy-lbs-us-dates.csv": ("hevy", "", 3, 2, {"cardio": 1}),
    "hevy-german-dates.csv": ("hevy", "", 3, 1, {}),
    "hevy-spanish-dates.csv": ("hevy", "", 2, 2, {}),
    "hevy-invalid-rows.csv": ("hevy", "", 2, 1, {"invalid": 4, "malformed": 1}),
    "fitnotes-old-kgs.csv": ("fitnotes", "old", 3, 2, {"cardio": 1, "timed": 1}),
    "fitnotes-old-lbs.csv": ("fitnotes", "old", 2, 1, {}),
    "fitnotes-new-comment.csv": ("fitnotes", "new", 3, 1, {"cardio": 1}),
    "fitnotes-unquoted-commas.csv": ("fitnotes", "old", 6, 2, {"malformed": 2}),
    "checkins.csv": ("checkins", "", 0, 0, {"invalid": 1}),
    "sleep.csv": ("checkins", "", 0, 0, {"invalid": 1}),
}
ALL = sorted(EXPECTED)


def _data_records(path: Path) -> int:
    """The number of CSV records after the header, counted independently of the importer."""
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return len(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))) - 1


def test_every_fixture_is_listed() -> None:
    """Each synthetic export in the fixture folder has its expected account above."""
    on_disk = {p.name for p in FIXTURES.glob("*.csv")} - {"not-an-export.csv"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", ALL)
def test_every_row_is_accounted_for(name: str) -> None:
    """Rows read = rows imported + rows skipped, and rows read = the file's data records."""
    report = ra.import_history(FIXTURES / name).report
    assert report.rows_read == report.rows_imported + len(report.skipped)
    assert report.rows_read == _data_records(FIXTURES / name)
    assert all(s.reason for s in report.skipped)
    assert len({s.row for s in report.skipped}) == len(report.skipped)


@pytest.mark.parametrize("name", ALL)
def test_fixture_imports_as_designed(name: str) -> None:
    """Format and shape are detected from the content; sets, workouts and skips are as written."""
    fmt, shape, sets, workouts, skipped = EXPECTED[name]
    result = ra.import_history(FIXTURES / name)
    report = result.report
    assert (report.format, report.shape) == (fmt, shape)
    assert report.sets_imported == sets
    assert report.workouts == workouts == len(result.history.workouts)
    assert report.skipped_by_kind() == skipped
    in_history = sum(len(e.sets) for w in result.history.workouts for e in w.exercises)
    assert in_history == sets


@pytest.mark.parametrize("name", ALL)
def test_imported_history_round_trips_through_json(name: str) -> None:
    """What an importer builds is a valid history: it survives to_json -> from_dict unchanged."""
    history = ra.import_history(FIXTURES / name).history
    again = ra.History.from_dict(json.loads(history.to_json()))
    assert again.to_dict() == history.to_dict()


def _sets(history: ra.History) -> list[tuple[str, int, float | None, float | None, str]]:
    return [
        (e.name, s.reps, s.weight_kg, s.rpe, s.type)
        for w in history.workouts
        for e in w.exercises
        for s in e.sets
    ]


# --------------------------------------------------------------------------- Strong
def test_strong_set_orders_rpe_and_durations() -> None:
    """W/D/F set orders become warm-up, drop and failure sets; RPE 7.3 is rounded to 7.5 with a
    note; '1h 10min', '38min' and '2h 38m' become minutes; blank RPE stays unknown."""
    result = ra.read_strong(FIXTURES / "strong-classic.csv")
    sets = _sets(result.history)
    assert sets[0] == ("Squat (Barbell)", 5, 60.0, None, "warmup")
    assert sets[1] == ("Squat (Barbell)", 5, 100.0, 8.0, "normal")
    assert sets[2][3] == 7.5
    assert ("Leg Press", 10, 120.0, None, "dropset") in sets
    assert ("Deadlift (Barbell)", 2, 140.0, None, "failure") in sets
    assert ("Pull Up", 8, None, None, "normal") in sets
    assert [w.duration_min for w in result.history.workouts] == [70.0, 38.0, 158.0]
    assert [w.name for w in result.history.workouts] == ["Lower A", "Pull, heavy", "Upper"]
    assert [(n.row, n.note) for n in result.report.notes] == [(4, "RPE 7.3 rounded to 7.5")]


def test_strong_classic_unit_is_assumed_kg_with_a_warning_or_given() -> None:
    """A classic export does not say its unit: kg by default (with a warning), lb on request."""
    kg = ra.read_strong(FIXTURES / "strong-classic.csv")
    assert kg.report.weight_unit == "kg (assumed)"
    assert any("weight unit" in w for w in kg.report.warnings)
    lb = ra.read_strong(FIXTURES / "strong-classic.csv", weight_unit="lb")
    assert lb.report.weight_unit == "lb"
    assert not lb.report.warnings
    for a, b in zip(_sets(kg.history), _sets(lb.history), strict=True):
        assert (a[2] is None) == (b[2] is None)
        if a[2] is not None:
            assert b[2] == pytest.approx(a[2] * LB, abs=0.001)


def test_strong_unit_in_header_and_per_row_units_are_converted() -> None:
    """'Weight (lbs)' converts every weight; a 'Weight Unit' column converts row by row."""
    lbs = ra.read_strong(FIXTURES / "strong-android-2019-lbs.csv")
    assert lbs.report.weight_unit == "lb"
    assert _sets(lbs.history)[0][2] == pytest.approx(135 * LB, abs=0.001)
    assert [w.duration_min for w in lbs.history.workouts] == [62.0, 45.0]
    per_row = ra.read_strong(FIXTURES / "strong-per-row-unit.csv")
    weights = [s[2] for s in _sets(per_row.history)]
    assert weights == [100.0, pytest.approx(225 * LB, abs=0.001), 45.5]
    (bad,) = per_row.report.problems
    assert bad.row == 6
    assert "stone" in bad.reason


def test_strong_decimal_commas_and_localized_headers() -> None:
    """Semicolon files with decimal commas, French and German headers, German dates and
    durations are read like the English export."""
    comma = ra.read_strong(FIXTURES / "strong-android-2019-kg-decimal-comma.csv")
    assert _sets(comma.history)[0] == ("Squat (Barbell)", 5, 82.5, 7.5, "normal")
    french = ra.read_strong(FIXTURES / "strong-french.csv")
    assert french.report.language == "fr"
    assert french.history.workouts[0].duration_min == 70.0
    german = ra.read_strong(FIXTURES / "strong-german.csv")
    assert (german.report.language, german.report.delimiter) == ("de", ";")
    workout = german.history.workouts[0]
    assert workout.start == datetime(2023, 2, 14, 18, 20)
    assert workout.duration_min == 65.0
    assert [s[4] for s in _sets(german.history)] == ["warmup", "normal", "normal", "dropset"]
    assert _sets(german.history)[1][2:4] == (102.5, 8.5)


def test_strong_byte_order_mark_and_crlf_change_nothing() -> None:
    """A BOM and Windows line endings are read like a plain file; a blank line is accounted."""
    result = ra.read_strong(FIXTURES / "strong-classic-bom-crlf.csv")
    assert result.history.workouts[0].exercises[0].name == "Front Squat (Barbell)"
    assert [s.row for s in result.report.skipped] == [4]
    assert any("0 reps" in n.note for n in result.report.notes)


def test_strong_rest_timer_rows_are_skipped_as_such() -> None:
    """Newer exports interleave 'Rest Timer' rows: they are skipped with their own reason."""
    result = ra.read_strong(FIXTURES / "strong-rest-timer.csv")
    assert [(s.row, s.kind) for s in result.report.skipped] == [
        (3, "rest-timer"),
        (5, "rest-timer"),
    ]
    assert [len(e.sets) for e in result.history.workouts[0].exercises] == [2, 1]


def test_strong_per_row_unit_duration_keeps_bodyweight_sets() -> None:
    """Blank weights on bodyweight sets give sets without a load; planks and runs are skipped."""
    result = ra.read_strong(FIXTURES / "strong-per-row-unit-duration.csv")
    assert ("Push Up", 15, None, None, "normal") in _sets(result.history)
    assert [w.duration_min for w in result.history.workouts] == [70.0, 45.0]
    assert _sets(result.history)[0][3] == 8.5


# --------------------------------------------------------------------------- Hevy
def test_hevy_set_types_supersets_and_repeated_exercises() -> None:
    """Set types are kept, supersets are noted, and an exercise logged twice stays twice."""
    result = ra.read_hevy(FIXTURES / "hevy-kg.csv")
    lower, upper = result.history.workouts
    assert lower.start == datetime(2026, 4, 9, 17, 18)
    assert lower.duration_min == 47.0
    hack = lower.exercises[0]
    assert [s.type for s in hack.sets] == ["warmup", "normal", "failure", "dropset"]
    assert [s.rpe for s in hack.sets] == [None, 8.0, 10.0, 7.5]
    assert lower.exercises[-1].sets[0].weight_kg is None
    assert [e.name for e in upper.exercises] == ["Bench Press (Barbell)"] * 2
    assert any("superset" in w for w in result.report.warnings)


@pytest.mark.parametrize(
    ("name", "start", "minutes"),
    [
        ("hevy-kg.csv", datetime(2026, 4, 9, 17, 18), 47.0),
        ("hevy-lbs-us-dates.csv", datetime(2026, 5, 15, 19, 26), 65.0),
        ("hevy-german-dates.csv", datetime(2026, 6, 5, 7, 30), 75.0),
        ("hevy-spanish-dates.csv", datetime(2026, 8, 19, 14, 20), 70.0),
    ],
)
def test_hevy_localized_dates(name: str, start: datetime, minutes: float) -> None:
    """'9 Apr 2026, 17:18', 'May 15, 2026, 7:26 PM', '05.06.2026, 07:30', '19 ago 2026, 14:20'."""
    workout = ra.read_hevy(FIXTURES / name).history.workouts[0]
    assert (workout.start, workout.duration_min) == (start, minutes)


def test_hevy_pounds_and_midnight() -> None:
    """weight_lbs is converted to kg; 12:05 AM is five past midnight."""
    result = ra.read_hevy(FIXTURES / "hevy-lbs-us-dates.csv")
    assert result.report.weight_unit == "lb"
    assert _sets(result.history)[0][2] == pytest.approx(225 * LB, abs=0.001)
    assert result.history.workouts[1].start == datetime(2026, 5, 16, 0, 5)


def test_hevy_invalid_rows_are_skipped_with_row_and_reason() -> None:
    """RPE 12, reps 'abc', a negative weight, an unreadable date and a short row: each skipped."""
    report = ra.read_hevy(FIXTURES / "hevy-invalid-rows.csv").report
    reasons = {s.row: s.reason for s in report.skipped}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "RPE 12" in reasons[3]
    assert "'abc'" in reasons[4]
    assert "-20" in reasons[5]
    assert "'someday'" in reasons[6]
    assert "14" in reasons[7]


# --------------------------------------------------------------------------- FitNotes
def test_fitnotes_unquoted_commas_are_repaired_or_reported() -> None:
    """Names split by unquoted commas are joined back (with a note); a row no joining can make
    valid, and a truncated row, are skipped as malformed."""
    result = ra.read_fitnotes(FIXTURES / "fitnotes-unquoted-commas.csv")
    names = [e.name for w in result.history.workouts for e in w.exercises]
    assert "Overhead Press (Each Side, Dumbbells)" in names
    assert "Cable Fly (High, to Low)" in names
    assert "Lateral Raise" in names
    assert {n.row for n in result.report.notes} == {3, 4, 5, 7}
    assert [(s.row, s.kind) for s in result.report.skipped] == [(8, "malformed"), (9, "malformed")]


def test_fitnotes_dates_units_and_time_of_day() -> None:
    """Each day is one workout at workout_time; lbs and per-row units are converted."""
    old = ra.read_fitnotes(FIXTURES / "fitnotes-old-kgs.csv", workout_time=time(18, 30))
    assert [w.start for w in old.history.workouts] == [
        datetime(2017, 6, 23, 18, 30),
        datetime(2017, 6, 25, 18, 30),
    ]
    assert any("18:30" in w for w in old.report.warnings)
    lbs = ra.read_fitnotes(FIXTURES / "fitnotes-old-lbs.csv")
    assert _sets(lbs.history)[0][2] == pytest.approx(315 * LB, abs=0.001)
    new = ra.read_fitnotes(FIXTURES / "fitnotes-new-comment.csv")
    assert [s[2] for s in _sets(new.history)] == [140.0, pytest.approx(315 * LB, abs=0.001), 100.0]


# --------------------------------------------------------------------------- check-ins and sleep
def test_checkins_and_sleep_csv_merge_with_an_export() -> None:
    """Check-ins and sleep from CSV merge with an imported history; invalid rows are skipped."""
    checkins = ra.read_checkins(FIXTURES / "checkins.csv")
    assert [(c.muscle, c.feeling, c.level) for c in checkins.history.checkins] == [
        ("hamstrings", "tight", 3),
        ("lower_back", "sore", 2),
        ("posterior_chain", "tight", 3),
    ]
    assert checkins.history.checkins[1].at == datetime(2026, 11, 24, 21, 0)
    assert "achy" in checkins.report.skipped[0].reason
    sleep = ra.read_checkins(FIXTURES / "sleep.csv")
    assert [(s.date, s.hours) for s in sleep.history.sleep] == [
        (date(2026, 11, 23), 7.5),
        (date(2026, 11, 24), 6.5),
        (date(2026, 11, 25), 7.5),
    ]
    workouts = ra.load_history(FIXTURES / "hevy-kg.csv")
    merged = workouts.merge(checkins.history).merge(sleep.history)
    assert len(merged.workouts) == 2
    assert len(merged.checkins) == 3
    assert len(merged.sleep) == 3


def test_sleep_hours_read_h_mm_as_hours_and_minutes() -> None:
    """Sleep written as h:mm is hours:minutes (7:30 is 7.5 h, not 7 min 30 s); a value that is
    not a night (more than 24 h, negative, 7:75, a word) is skipped as invalid with its row."""
    text = (
        "date,hours\n2026-11-20,7:30\n2026-11-21,0:45\n2026-11-22,6:20:00\n"
        "2026-11-23,25:00\n2026-11-24,7:75\n2026-11-25,30\n2026-11-26,-1\n2026-11-27,lots\n"
    )
    result = ra.read_checkins(io.StringIO(text))
    assert [(s.date.day, s.hours) for s in result.history.sleep] == [
        (20, 7.5),
        (21, 0.75),
        (22, pytest.approx(6 + 20 / 60, abs=0.001)),
    ]
    skipped = {s.row: (s.kind, s.reason) for s in result.report.skipped}
    assert sorted(skipped) == [5, 6, 7, 8, 9]
    assert all(kind == "invalid" for kind, _ in skipped.values())
    assert "'25:00'" in skipped[5][1]
    assert "0-24 h" in skipped[5][1]
    assert "hours:minutes" in skipped[6][1]
    assert "'30'" in skipped[7][1]
    assert "'lots'" in skipped[9][1]
    assert "row 5 [invalid]" in result.report.summary()


# --------------------------------------------------------------------------- detection, sources
def test_format_is_detected_from_content_not_name(tmp_path: Path) -> None:
    """A Hevy export named .json and a JSON history named .csv are both read correctly."""
    hevy = tmp_path / "history.json"
    shutil.copy(FIXTURES / "hevy-kg.csv", hevy)
    assert ra.import_history(hevy).report.format == "hevy"
    history = tmp_path / "export.csv"
    shutil.copy(Path(__file__).parents[1] / "examples" / "history.json", history)
    assert ra.import_history(history).report.format == "json"
    assert ra.load_history(history) == ra.load_history(
        Path(__file__).parents[1] / "examples" / "history.json"
    )


def test_readers_take_open_files_text_or_binary() -> None:
    """A path, an open text file and an open binary file give the same history."""
    path = FIXTURES / "strong-classic.csv"
    from_path = ra.read_strong(path).history
    with path.open(encoding="utf-8", newline="") as text:
        assert ra.read_strong(text).history == from_path
    with path.open("rb") as binary:
        assert ra.import_history(binary).history == from_path
    stream = io.StringIO((FIXTURES / "hevy-kg.csv").read_text(encoding="utf-8"))
    assert ra.load_history(stream) == ra.load_history(FIXTURES / "hevy-kg.csv")


def test_athlete_profile_is_attached() -> None:
    """The athlete option gives the profile an export cannot carry."""
    profile = {"experience": "advanced", "sessions_per_week": 4}
    history = ra.read_hevy(FIXTURES / "hevy-kg.csv", athlete=profile).history
    assert history.athlete == ra.Athlete(experience="advanced", sessions_per_week=4)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"PK\x03\x04rest-of-a-zip", "xlsx"),
        (b"\x00\x01\x02binary", "binary"),
        (b"[1, 2, 3]", "not a history object"),
        ((FIXTURES / "not-an-export.csv").read_bytes(), "Strong, Hevy or FitNotes"),
    ],
)
def test_not_an_export_is_a_clear_error(tmp_path: Path, content: bytes, expected: str) -> None:
    """Files that are not histories raise ImportFormatError naming what was expected."""
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    with pytest.raises(ra.ImportFormatError, match=expected) as info:
        ra.load_history(path)
    assert "upload.csv" in str(info.value)


def test_reader_for_the_wrong_format_says_which_was_expected() -> None:
    """read_hevy on a Strong export names the Hevy columns it expected."""
    with pytest.raises(ra.ImportFormatError, match="not a Hevy export"):
        ra.read_hevy(FIXTURES / "strong-classic.csv")
    with pytest.raises(ra.ImportFormatError, match="not a Strong export"):
        ra.read_strong(FIXTURES / "hevy-kg.csv")
    with pytest.raises(ra.ImportFormatError, match="not a FitNotes export"):
        ra.read_fitnotes(FIXTURES / "hevy-kg.csv")


def test_missing_file_and_unreadable_dates_are_errors(tmp_path: Path) -> None:
    """A missing file and a file whose dates are all unreadable are errors, not empty imports."""
    with pytest.raises(ra.ImportFormatError, match="cannot read"):
        ra.load_history(tmp_path / "nope.csv")
    bad = tmp_path / "dates.csv"
    text = (FIXTURES / "strong-2019-no-duration.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace("2019-08-01 19:10:00", "the first of August"), encoding="utf-8")
    with pytest.raises(ra.ImportFormatError, match="no date"):
        ra.load_history(bad)


def test_header_only_export_is_an_empty_history(tmp_path: Path) -> None:
    """An export with no rows imports nothing and says so."""
    path = tmp_path / "empty.csv"
    path.write_text((FIXTURES / "hevy-kg.csv").read_text().splitlines()[0] + "\n")
    result = ra.import_history(path)
    assert result.report.rows_read == 0
    assert result.history.workouts == ()


def test_json_history_reports_its_contents() -> None:
    """load_history still reads the JSON format; its report counts sets, check-ins and sleep."""
    path = Path(__file__).parents[1] / "examples" / "history.json"
    result = ra.import_history(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    sets = sum(len(e["sets"]) for w in data["workouts"] for e in w["exercises"])
    assert result.report.sets_imported == sets
    assert result.report.checkins_imported == len(data["checkins"])
    assert result.history == ra.History.from_dict(data)


def test_report_summary_and_dict_agree() -> None:
    """The summary names the format and counts; to_dict carries every skipped row."""
    report = ra.import_history(FIXTURES / "hevy-invalid-rows.csv").report
    text = report.summary()
    assert "Hevy export" in text
    assert "7 rows read" in text
    assert "5 rows skipped" in text
    data = report.to_dict()
    assert [s["row"] for s in data["skipped"]] == [s.row for s in report.skipped]
    assert data["rows_read"] == data["rows_imported"] + len(data["skipped"])


def test_report_refuses_an_account_that_does_not_add_up() -> None:
    """An ImportReport whose rows do not add up cannot be built."""
    with pytest.raises(ValueError, match="does not add up"):
        ra.ImportReport(format="strong", rows_read=3, sets_imported=1)


# --------------------------------------------------------------------------- value parsing
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-09 17:18:00", datetime(2026, 4, 9, 17, 18)),
        ("2026-04-09T17:18", datetime(2026, 4, 9, 17, 18)),
        ("9 Apr 2026, 17:18", datetime(2026, 4, 9, 17, 18)),
        ("May 15, 2026, 7:26 PM", datetime(2026, 5, 15, 19, 26)),
        ("May 15, 2026, 12:10 PM", datetime(2026, 5, 15, 12, 10)),
        ("05.06.2026, 07:30", datetime(2026, 6, 5, 7, 30)),
        ("19 ago 2026, 14:20", datetime(2026, 8, 19, 14, 20)),
        ("3 févr. 2026, 09:05", datetime(2026, 2, 3, 9, 5)),
        ("3. März 2026, 09:05", datetime(2026, 3, 3, 9, 5)),
        ("14.02.2023 18:20:00", datetime(2023, 2, 14, 18, 20)),
        ("2017-06-23", datetime(2017, 6, 23)),
        ("23/06/2017", datetime(2017, 6, 23)),
    ],
)
def test_dates_in_many_spellings(text: str, expected: datetime) -> None:
    """Every spelling of a date seen in exports is understood."""
    assert parse_datetime(text) == expected


def test_ambiguous_slash_dates_follow_the_file_or_the_option() -> None:
    """05/06/2026 is day first unless the file shows month first or the caller says so."""
    assert DateReader(["13/06/2026"]).order == "dmy"
    assert DateReader(["06/13/2026"]).order == "mdy"
    ambiguous = DateReader(["05/06/2026"])
    assert ambiguous("05/06/2026") == datetime(2026, 6, 5)
    assert ambiguous.warning
    assert DateReader(["05/06/2026"], "mdy")("05/06/2026") == datetime(2026, 5, 6)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("2h 38m", 158.0),
        ("38min", 38.0),
        ("1h 10min", 70.0),
        ("1 Std. 5 Min.", 65.0),
        ("1:10:00", 70.0),
        ("45s", 0.75),
        ("", None),
    ],
)
def test_durations(text: str, minutes: float | None) -> None:
    """Durations as exports write them become minutes."""
    assert duration_minutes(text) == minutes


@pytest.mark.parametrize("text", ["soon", "2 fortnights", "1h 10min and a bit"])
def test_unreadable_durations_raise(text: str) -> None:
    """A duration that cannot be read is reported, never guessed."""
    with pytest.raises(ValueProblem):
        duration_minutes(text)


def test_bad_workout_duration_is_a_note_not_a_lost_set(tmp_path: Path) -> None:
    """An unreadable or impossible workout duration drops the duration, keeps the sets."""
    text = (FIXTURES / "strong-classic.csv").read_text(encoding="utf-8")
    path = tmp_path / "s.csv"
    path.write_text(text.replace("1h 10min", "soon").replace("38min", "42h 13m"), encoding="utf-8")
    result = ra.read_strong(path)
    assert result.report.sets_imported == EXPECTED["strong-classic.csv"][2]
    assert [w.duration_min for w in result.history.workouts] == [None, None, 158.0]
    assert len([n for n in result.report.notes if "duration" in n.note]) == 2


def test_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    """An Excel 'sep=;' first line is honoured; row numbers still match the file's lines."""
    original = FIXTURES / "strong-per-row-unit.csv"
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\n" + original.read_text(encoding="utf-8"), encoding="utf-8")
    plain, excel = ra.import_history(original), ra.import_history(path)
    assert excel.history == plain.history
    assert [s.row for s in excel.report.skipped] == [s.row + 1 for s in plain.report.skipped]


def test_mistyped_options_are_refused() -> None:
    """A weight unit or date order the readers do not know is a ValueError naming it."""
    with pytest.raises(ValueError, match="weight_unit must be 'kg' or 'lb', got 'stone'"):
        ra.read_strong(FIXTURES / "strong-classic.csv", weight_unit="stone")
    with pytest.raises(ValueError, match="date_order"):
        ra.import_history(FIXTURES / "hevy-kg.csv", date_order="ymd")


def test_an_export_beyond_the_history_format_is_an_import_error(tmp_path: Path) -> None:
    """A file holding what no history can (an exercise name of 250 characters) is an
    ImportFormatError naming the file and the limit, not a history that ``from_dict`` would
    refuse (the history classes check their fields)."""
    text = (FIXTURES / "strong-classic.csv").read_text(encoding="utf-8")
    path = tmp_path / "long.csv"
    path.write_text(text.replace("Squat (Barbell)", "Squat " + "x" * 244), encoding="utf-8")
    with pytest.raises(ra.ImportFormatError) as info:
        ra.read_strong(path)
    assert info.value.file is not None
    assert info.value.file.endswith("long.csv")
    assert "Exercise.name: is 250 characters long, more than the limit of 200" in str(info.value)
