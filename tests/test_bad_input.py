"""Malformed histories and rule files get the library's own error, saying where, and the library
keeps working for the next call.

Histories: every kind of bad value (wrong types, negative or absurd numbers, NaN and infinities,
future or unreadable dates, 100,000-character strings, deeply nested junk, unknown keys) gives a
:class:`HistoryError` whose ``path`` is the field and whose text names it. Rule files (fuzzed
YAML): a :class:`RuleFileError` naming the file and the line, nothing else.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import recovery_advisor as ra
from recovery_advisor._rulefile import parse_rule_file
from strategies import BOOK, NOW_TEXT, history_dicts, mutated_rule_texts, rule_file_texts

GOOD: dict[str, Any] = {
    "athlete": {
        "experience": "intermediate",
        "sessions_per_week": 4,
        "goals": ["strength"],
        "body_mass_kg": 82,
    },
    "workouts": [
        {
            "start": "2026-11-22T10:00:00",
            "name": "Legs",
            "duration_min": 60,
            "session_rpe": 7,
            "exercises": [
                {"name": "Squat (Barbell)", "sets": [{"reps": 5, "weight_kg": 140, "rpe": 8}]}
            ],
        },
        {
            "start": "2026-11-24T18:00:00",
            "name": "Back day",
            "duration_min": 70,
            "session_rpe": 8,
            "exercises": [
                {
                    "name": "Deadlift (Barbell)",
                    "sets": [
                        {"reps": 6, "weight_kg": 170, "rpe": 9, "type": "normal"},
                        {"reps": 6, "weight_kg": 170, "rir": 1},
                    ],
                }
            ],
        },
    ],
    "checkins": [{"at": "2026-11-25T07:30:00", "muscle": "hamstrings", "feeling": "tight"}],
    "sleep": [{"date": "2026-11-25", "hours": 6.5}],
}
BASELINE = ra.advise(GOOD, now=NOW_TEXT, plan="legs-and-back").to_dict()
LONG = "x" * 100_000


def _nested(depth: int) -> Any:
    junk: Any = []
    for _ in range(depth):
        junk = [junk, {"k": junk}] if depth < 50 else [junk]
    return junk


def _label(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return type(value).__name__
    return repr(value)[:24]


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of ``data`` with the field at ``path`` (``workouts[1].exercises[0].name``)
    set to ``value``."""
    out = copy.deepcopy(data)
    node: Any = out
    parts = path.replace("[", ".[").split(".")
    for part in parts[:-1]:
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    last = parts[-1]
    if last.startswith("["):
        node[int(last[1:-1])] = value
    else:
        node[last] = value
    return out


def _still_working() -> None:
    assert ra.advise(GOOD, now=NOW_TEXT, plan="legs-and-back").to_dict() == BASELINE


SET = "workouts[1].exercises[0].sets[0]"
BAD_VALUES = [
    # wrong types
    ("workouts", {"start": "2026-11-24"}, "workouts"),
    ("workouts[0]", "Back day", "workouts[0]"),
    ("workouts[1].exercises", {"name": "Deadlift"}, "workouts[1].exercises"),
    (f"{SET}.reps", "five", f"{SET}.reps"),
    (f"{SET}.reps", True, f"{SET}.reps"),
    (f"{SET}.reps", 5.5, f"{SET}.reps"),
    (f"{SET}.weight_kg", "heavy", f"{SET}.weight_kg"),
    (f"{SET}.rpe", [8], f"{SET}.rpe"),
    (f"{SET}.type", 3, f"{SET}.type"),
    ("workouts[1].exercises[0].name", 7, "workouts[1].exercises[0].name"),
    ("workouts[1].start", 1_764_000_000, "workouts[1].start"),
    ("athlete", ["intermediate"], "athlete"),
    ("athlete.goals", "strength", "athlete.goals"),
    ("athlete.sessions_per_week", 3.5, "athlete.sessions_per_week"),
    ("checkins[0].level", "3", "checkins[0].level"),
    ("sleep[0].hours", "7", "sleep[0].hours"),
    ("sleep", {"2026-11-25": 7}, "sleep"),
    # negative numbers
    (f"{SET}.reps", -1, f"{SET}.reps"),
    (f"{SET}.weight_kg", -5, f"{SET}.weight_kg"),
    (f"{SET}.rir", -1, f"{SET}.rir"),
    ("workouts[1].duration_min", -1, "workouts[1].duration_min"),
    ("athlete.sessions_per_week", -1, "athlete.sessions_per_week"),
    ("athlete.body_mass_kg", -82, "athlete.body_mass_kg"),
    ("checkins[0].level", 0, "checkins[0].level"),
    ("sleep[0].hours", -1, "sleep[0].hours"),
    # absurd numbers
    (f"{SET}.reps", 1_000_000, f"{SET}.reps"),
    (f"{SET}.reps", 10**400, f"{SET}.reps"),
    (f"{SET}.weight_kg", 1e9, f"{SET}.weight_kg"),
    (f"{SET}.rpe", 11, f"{SET}.rpe"),
    (f"{SET}.rpe", 8.3, f"{SET}.rpe"),
    ("workouts[1].duration_min", 100_000, "workouts[1].duration_min"),
    ("workouts[1].session_rpe", 42, "workouts[1].session_rpe"),
    ("athlete.sessions_per_week", 1000, "athlete.sessions_per_week"),
    ("athlete.body_mass_kg", 5000, "athlete.body_mass_kg"),
    ("checkins[0].level", 9, "checkins[0].level"),
    ("sleep[0].hours", 25, "sleep[0].hours"),
    # NaN and infinities
    (f"{SET}.weight_kg", math.nan, f"{SET}.weight_kg"),
    (f"{SET}.rpe", math.inf, f"{SET}.rpe"),
    (f"{SET}.reps", math.inf, f"{SET}.reps"),
    (f"{SET}.rir", math.nan, f"{SET}.rir"),
    ("workouts[1].duration_min", math.nan, "workouts[1].duration_min"),
    ("workouts[1].session_rpe", -math.inf, "workouts[1].session_rpe"),
    ("athlete.body_mass_kg", math.inf, "athlete.body_mass_kg"),
    ("sleep[0].hours", math.nan, "sleep[0].hours"),
    # dates: unreadable, out of range, in the future
    ("workouts[1].start", "yesterday", "workouts[1].start"),
    ("workouts[1].start", "2026-13-40T25:00:00", "workouts[1].start"),
    ("workouts[1].start", "", "workouts[1].start"),
    ("workouts[1].start", "0001-01-01T00:00:00", "workouts[1].start"),
    ("workouts[1].start", "2026-11-26T09:00:00", "workouts[1].start"),
    ("workouts[1].start", "2027-01-01T00:00:00+14:00", "workouts[1].start"),
    ("checkins[0].at", "2026-11-25T09:00:00", "checkins[0].at"),
    ("checkins[0].at", "soon", "checkins[0].at"),
    ("sleep[0].date", "tomorrow", "sleep[0].date"),
    ("sleep[0].date", "2026-02-30", "sleep[0].date"),
    # 100,000-character strings
    ("workouts[1].exercises[0].name", LONG, "workouts[1].exercises[0].name"),
    ("workouts[1].name", LONG, "workouts[1].name"),
    ("workouts[1].start", LONG, "workouts[1].start"),
    (f"{SET}.type", LONG, f"{SET}.type"),
    ("checkins[0].muscle", LONG, "checkins[0].muscle"),
    ("athlete.experience", LONG, "athlete.experience"),
    ("sleep[0].date", LONG, "sleep[0].date"),
    # deeply nested junk
    ("workouts[1].exercises[0].sets", _nested(10_000), "workouts[1].exercises[0].sets[0]"),
    ("workouts[1].exercises", _nested(30), "workouts[1].exercises[0]"),
    (f"{SET}.reps", _nested(5_000), f"{SET}.reps"),
    ("checkins", [_nested(1_000)], "checkins[0]"),
    ("athlete.goals", _nested(2_000), "athlete.goals[0]"),
    # unknown keys
    ("workout", [], "workout"),
    ("athlete.age", 30, "athlete.age"),
    (f"{SET}.weight", 100, f"{SET}.weight"),
    (f"{SET}.{LONG}", 1, f"{SET}.{LONG}"),
    ("workouts[1].exercises[0].muscle", "back", "workouts[1].exercises[0].muscle"),
    ("format_version", 2, "format_version"),
    # lone surrogates (JSON lets them through)
    ("workouts[1].exercises[0].name", "Squat \ud800", "workouts[1].exercises[0].name"),
]


@pytest.mark.parametrize(
    ("where", "value", "path"),
    BAD_VALUES,
    ids=[f"{w[:40]}={_label(v)}" for w, v, _ in BAD_VALUES],
)
def test_bad_value_names_its_field(where: str, value: Any, path: str) -> None:
    """A bad value anywhere gives HistoryError whose path is that field (and ``str(e)`` says
    it), and the next call is unaffected."""
    data = _set(GOOD, where, value)
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(data, now=NOW_TEXT, plan="legs-and-back")
    assert caught.value.path == path
    assert str(caught.value).startswith(path + ": ")
    # the offending value is shortened, not echoed whole
    assert len(str(caught.value)) < 600 + len(path)
    _still_working()


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (None, ""),
        ([], ""),
        ("history", ""),
        (42, ""),
        ({1: "x"}, ""),
        ({"workouts": None}, "workouts"),
        ({"checkins": "none"}, "checkins"),
        (json, ""),
    ],
    ids=["none", "list", "text", "int", "int key", "null workouts", "text checkins", "module"],
)
def test_not_a_history_at_all(data: Any, path: str) -> None:
    """Whatever is passed instead of a history, the answer is HistoryError (no traceback from
    inside)."""
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(data, now=NOW_TEXT)
    assert caught.value.path == path
    _still_working()


def test_future_workout_is_named_by_its_input_position() -> None:
    """A future workout in an unsorted list is reported at the index it has in the input."""
    data = copy.deepcopy(GOOD)
    data["workouts"].insert(0, dict(data["workouts"][0], start="2026-12-01T10:00:00"))
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(data, now=NOW_TEXT)
    assert caught.value.path.startswith("workouts[")
    assert caught.value.path.endswith(".start")
    assert "2026-12-01" in str(caught.value)


def test_future_workout_path_is_the_input_index() -> None:
    """The future workout inserted first in the input is ``workouts[0]``."""
    data = copy.deepcopy(GOOD)
    data["workouts"].insert(0, dict(data["workouts"][0], start="2026-12-01T10:00:00"))
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(data, now=NOW_TEXT)
    assert caught.value.path == "workouts[0].start"


@pytest.mark.parametrize(
    ("now", "path"),
    [("tomorrow", "now"), ("", "now"), (LONG, "now"), (12, "now"), ("9999-01-01T00:00", "now")],
)
def test_bad_now(now: Any, path: str) -> None:
    """A bad ``now`` is a HistoryError on ``now``."""
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(GOOD, now=now)
    assert caught.value.path == path
    _still_working()


@pytest.mark.parametrize(
    ("plan", "path"),
    [
        ("legs-and-bak", "plan"),
        ([], "plan"),
        ([LONG], "plan[0].name"),
        ([{"name": "Squat", "sets": -1}], "plan[0].sets"),
        ([{"name": "Squat", "reps": math.nan}], "plan[0].reps"),
        ([{"name": "Squat", "reps": "many"}], "plan[0].reps"),
        ([{"name": "Squat", "reps": "5-3"}], "plan[0].reps"),
        ([{"name": "Squat", "reps": "0"}], "plan[0].reps"),
        (["Squat", {"name": "Row", "reps": "8-200"}], "plan[1].reps"),
        ({"exercises": [{"name": "Squat", "reps": "AMRAP"}]}, "plan.exercises[0].reps"),
        ([{"name": "Squat", "colour": "red"}], "plan[0].colour"),
        (["Squat"] * 41, "plan"),
        (42, "plan"),
    ],
)
def test_bad_plan(plan: Any, path: str) -> None:
    """A bad plan is a HistoryError naming the plan entry."""
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(GOOD, now=NOW_TEXT, plan=plan)
    assert caught.value.path == path
    _still_working()


@pytest.mark.parametrize(
    ("reps", "problem"),
    [
        ("many", "must be a number of reps or a range like '8-10'"),
        ("5-3", "is a range that goes down, got '5-3' (write '3-5')"),
        ("0", "must ask for 1 to 100 reps, got '0'"),
    ],
)
def test_plan_reps_that_are_not_a_count_are_refused(reps: str, problem: str) -> None:
    """Reps that cannot be read as a count or a rising range are a HistoryError naming the
    entry and saying what is wrong, not a silent 0 reps."""
    with pytest.raises(ra.HistoryError) as caught:
        ra.Plan.from_value([{"name": "Deadlift", "reps": reps}])
    assert caught.value.path == "plan[0].reps"
    assert problem in caught.value.problem
    assert str(caught.value).startswith("plan[0].reps: ")


def test_plan_entries_read_counts_ranges_words_and_defaults() -> None:
    """A bare name is 3 sets of 10 reps; counts, ranges (with '-', '–' or 'to') and trailing
    words are kept as written and give the range the rules reason about; rounds, seconds and
    metres are not repetitions, so they give no range (and are never heavy work)."""
    plan = ra.Plan.from_value(
        [
            "Deadlift",
            {"name": "Squat", "reps": 5},
            {"name": "Row", "reps": "8-10"},
            {"name": "Lunge", "sets": 2, "reps": "10 per leg"},
            {"name": "Press", "reps": "6 to 8"},
            {"name": "Carry", "reps": "3 rounds"},
            {"name": "Plank", "sets": 2, "reps": "30 s"},
            {"name": "Sled Push", "reps": "20 m"},
        ]
    )
    got = [(e.name, e.sets, e.reps, e.rep_range) for e in plan.exercises]
    assert got == [
        ("Deadlift", 3, "10", (10, 10)),
        ("Squat", 3, "5", (5, 5)),
        ("Row", 3, "8-10", (8, 10)),
        ("Lunge", 2, "10 per leg", (10, 10)),
        ("Press", 3, "6 to 8", (6, 8)),
        ("Carry", 3, "3 rounds", (0, 0)),
        ("Plank", 2, "30 s", (0, 0)),
        ("Sled Push", 3, "20 m", (0, 0)),
    ]


#: ISO 8601 forms Python's ``datetime.fromisoformat`` reads but the history format does not have
ODD_TIMESTAMPS = [
    "20261124T180000",
    "2026-W48-2T18:00",
    "2026-11-24t18:00:00",
    "2026-11-24T18",
    "2026-11-24T18:00:00\x00",
    "2026-11-24T18:00:00+0100",
    "2026-11-24T18:00:00.1",
]


@pytest.mark.parametrize("text", ODD_TIMESTAMPS)
@pytest.mark.parametrize("where", ["workouts[1].start", "checkins[0].at"])
def test_odd_timestamp_forms_are_refused(where: str, text: str) -> None:
    """A timestamp in a form the format does not document (compact, week date, lower-case
    ``t``, the hour alone, a trailing NUL, a compact offset, one decimal) is a HistoryError at
    its field that states the expected form, not a moment read some other way."""
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(_set(GOOD, where, text), now=NOW_TEXT)
    assert caught.value.path == where
    assert "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]" in caught.value.problem
    _still_working()


@pytest.mark.parametrize("text", ODD_TIMESTAMPS)
def test_odd_now_is_refused(text: str) -> None:
    """``now`` follows the same rule as the history's timestamps."""
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(GOOD, now=text)
    assert caught.value.path == "now"
    _still_working()


def _leaves(data: Any, path: str = "") -> list[str]:
    if isinstance(data, dict):
        return [
            leaf
            for key, value in data.items()
            for leaf in _leaves(value, f"{path}.{key}" if path else key)
        ]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, f"{path}[{i}]")]
    return [path]


#: values no field of format 1 accepts
UNACCEPTABLE = [math.nan, math.inf, -math.inf, LONG, {"junk": [[[]]]}, [[[[]]]], True, b"\x00"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=history_dicts, data=st.data())
def test_any_field_made_bad_is_named(history: dict[str, Any], data: Any) -> None:
    """Replace any one field of any valid history by a value no field accepts: the error is a
    HistoryError at exactly that field, and the library keeps working."""
    leaves = [p for p in _leaves(history) if p and not p.startswith("format_version")]
    if not leaves:
        return
    where = data.draw(st.sampled_from(leaves))
    value = data.draw(st.sampled_from(UNACCEPTABLE))
    with pytest.raises(ra.HistoryError) as caught:
        ra.advise(_set(history, where, value), now=NOW_TEXT)
    assert caught.value.path == where, str(caught.value)
    _still_working()


def test_json_file_nested_too_deeply(tmp_path: Path) -> None:
    """A JSON file nested 100,000 levels deep is a HistoryError, not a RecursionError."""
    path = tmp_path / "deep.json"
    path.write_text('{"workouts": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(ra.HistoryError, match="nested too deeply"):
        ra.load_history(path)
    _still_working()


def test_json_file_with_a_huge_number(tmp_path: Path) -> None:
    """A 5,000-digit number in a JSON file is a HistoryError, not a ValueError."""
    path = tmp_path / "huge.json"
    path.write_text('{"athlete": {"body_mass_kg": 1' + "0" * 5000 + "}}", encoding="utf-8")
    with pytest.raises(ra.HistoryError):
        ra.load_history(path)
    _still_working()


# ---------------------------------------------------------------- rule files
RULE_PATH = "fuzz/rules.yaml"


def _check_rule_file_error(exc: ra.RuleFileError, path: str, text: str) -> None:
    assert exc.file == path, str(exc)
    assert isinstance(exc.line, int), f"no line in {exc}"
    assert 1 <= exc.line <= text.count("\n") + 2, str(exc)
    assert str(exc).startswith(f"{path}:{exc.line}"), str(exc)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_rule_texts())
def test_fuzzed_rule_file_parses_or_names_file_and_line(text: str) -> None:
    """A rule file with random edits either parses or raises RuleFileError with the file and
    the line: never another exception, never a hang."""
    try:
        parse_rule_file(text, RULE_PATH)
    except ra.RuleFileError as exc:
        _check_rule_file_error(exc, RULE_PATH, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(mutated_rule_texts(), rule_file_texts(max_rules=2)))
def test_fuzzed_rule_folder_loads_or_names_file_and_line(text: str, tmp_path_factory: Any) -> None:
    """``RuleBook.load`` on a folder holding a fuzzed file (alone, or on top of the bundled
    rules) raises only RuleFileError with file and line; a book that loads advises."""
    folder = tmp_path_factory.mktemp("rules")
    path = folder / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    for base in (None, BOOK):
        try:
            book = ra.RuleBook.load(folder, base=base)
        except ra.RuleFileError as exc:
            _check_rule_file_error(exc, str(path), text)
            continue
        if base is None:  # registering every fuzzed copy of the bundled book would churn memory
            assert ra.advise(GOOD, now=NOW_TEXT, rules=book).verdict
    _still_working()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("rules: &a [*a]\n", 1),
        ("fixtures:\n  a: &a {x: *a}\n", 2),
        ("version: 1\nparams: {x: 1" + "0" * 5000 + "}\n", 2),
        ("version: 1\nrules: " + "[" * 500 + "]" * 500 + "\n", 2),
        ("version: 1\nrules: \x00\n", 2),
        ("version: 1\nrules: !!python/object/apply:os.system ['true']\n", 2),
        (
            "fixtures:\n  a: &a [x,x,x,x,x,x,x,x,x]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
            "  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            "  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
            None,
        ),
    ],
    ids=["recursive alias", "recursive map", "huge int", "deep", "NUL", "python tag", "laughs"],
)
def test_hostile_yaml(text: str, line: int | None) -> None:
    """Recursive aliases, alias bombs, 500-deep nesting, huge numbers, control characters and
    Python tags are RuleFileErrors with a line, refused at once."""
    with pytest.raises(ra.RuleFileError) as caught:
        parse_rule_file(text, RULE_PATH)
    _check_rule_file_error(caught.value, RULE_PATH, text)
    if line is not None:
        assert caught.value.line == line


def test_rule_folder_without_base_keeps_the_model_parameters(tmp_path: Path) -> None:
    """``RuleBook.load(folder, base=None)`` holds only the folder's rules but still the bundled
    model parameters, so it can advise."""
    (tmp_path / "mine.yaml").write_text(
        "version: 1\nrules:\n- id: mine\n  title: t\n  source: s\n  when: [{fact: athlete}]\n"
        "  then: {action: remind, message: hello}\n"
        "  examples: {fires: [{name: a, history: {}}], silent: [{name: b, history: {}}]}\n",
        encoding="utf-8",
    )
    book = ra.RuleBook.load(tmp_path, base=None)
    assert book.ids == ("mine",)
    assert ra.advise(GOOD, now=NOW_TEXT, rules=book).rules_fired == ("mine",)
