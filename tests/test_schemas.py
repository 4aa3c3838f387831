"""The JSON Schemas in docs/schema/ agree with the library: what ``History.from_dict`` accepts and
what ``Advice.to_dict()`` produces."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import recovery_advisor as ra
from recovery_advisor._schemas import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-25T08:00:00"
BOOK = ra.RuleBook.default()


def _load(name: str) -> Draft202012Validator:
    schema = json.loads((ROOT / "docs" / "schema" / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


HISTORY = _load("history.schema.json")
ADVICE = _load("advice.schema.json")
ERROR = _load("error.schema.json")


def _errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)
    ]


def _library_accepts(data: Any) -> bool:
    try:
        ra.History.from_dict(data)
    except ra.HistoryError:
        return False
    return True


def test_schema_files_are_valid_draft_2020_12() -> None:
    """Each schema file is itself a valid draft 2020-12 schema and names that draft."""
    for path in SCHEMAS:
        schema = json.loads((ROOT / path).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path


def test_example_history_is_schema_valid() -> None:
    """The bundled example history passes the history schema."""
    data = json.loads((ROOT / "examples" / "history.json").read_text(encoding="utf-8"))
    assert _errors(HISTORY, data) == []
    assert _library_accepts(data)


@pytest.mark.parametrize("name", sorted(BOOK.fixtures))
def test_rule_file_fixtures_are_schema_valid(name: str) -> None:
    """Every history fixture of the bundled rule files passes the history schema."""
    data = json.loads(json.dumps(BOOK.fixtures[name], default=str))
    assert _errors(HISTORY, data) == []


def test_round_tripped_history_is_schema_valid() -> None:
    """``History.to_dict()`` output is a valid history document."""
    history = ra.load_history(ROOT / "examples" / "history.json")
    assert _errors(HISTORY, history.to_dict()) == []


def _advice_cases() -> list[Any]:
    cases = []
    plans: list[Any] = [None, "legs-and-back", "full-body-beginner"]
    custom = ["Squat (Barbell)", {"name": "Romanian Deadlift (Barbell)", "sets": 3, "reps": "8"}]
    for name in sorted(BOOK.fixtures):
        for plan in plans:
            cases.append(pytest.param(name, plan, id=f"{name}-{plan}"))
    cases.append(pytest.param("back-day-yesterday", custom, id="back-day-yesterday-custom"))
    cases.append(pytest.param("fresh", ["Mystery Machine Press"], id="fresh-unknown-exercise"))
    return cases


@pytest.mark.parametrize(("fixture", "plan"), _advice_cases())
def test_advice_to_dict_is_schema_valid(fixture: str, plan: Any) -> None:
    """``Advice.to_dict()`` for fixture histories and several plans passes the advice schema."""
    advice = ra.advise(BOOK.fixtures[fixture], now=NOW, plan=plan)
    data = json.loads(advice.to_json())
    assert _errors(ADVICE, data) == []


def test_advice_of_every_rule_example_is_schema_valid() -> None:
    """The advice for every example of every rule (the widest set of firing rules we have)
    passes the advice schema."""
    seen = 0
    for rule in BOOK:
        for example in rule.examples:
            advice = ra.advise(BOOK.example_history(example), now=example.now, plan=example.plan)
            assert _errors(ADVICE, json.loads(advice.to_json())) == [], (rule.id, example.name)
            seen += 1
    assert seen >= len(BOOK)


def test_advice_schema_rejects_broken_advice() -> None:
    """The advice schema is strict enough to catch a missing key, a wrong verdict, an extra key
    and a muscle's missing or negative training numbers."""
    advice = ra.advise(BOOK.fixtures["fresh"], now=NOW, plan="legs-and-back").to_dict()
    assert _errors(ADVICE, advice) == []
    for mutate in (
        lambda d: d.pop("verdict"),
        lambda d: d.update(verdict="maybe"),
        lambda d: d.update(extra=1),
        lambda d: d["readiness"].update(hamstrings=101),
        lambda d: d.update(schema_version=2),
        lambda d: d.pop("training_load"),
        lambda d: d.pop("trends"),
        lambda d: d["muscles"]["quadriceps"].pop("weekly_sets_28d"),
        lambda d: d["muscles"]["quadriceps"].update(streak_days=-1),
    ):
        broken = copy.deepcopy(advice)
        mutate(broken)
        assert _errors(ADVICE, broken), broken


def test_advice_schema_checks_training_load_and_trends() -> None:
    """A month of training gives a training_load object and trends the schema accepts; a wrong
    measure, a missing ratio, too few days of history and a trend without falling are refused."""
    advice = ra.advise(BOOK.fixtures["steady-month"], now=NOW).to_dict()
    assert advice["training_load"] is not None
    assert advice["trends"]
    assert _errors(ADVICE, advice) == []
    for mutate in (
        lambda d: d["training_load"].update(measure="kg"),
        lambda d: d["training_load"].pop("ratio"),
        lambda d: d["training_load"].update(days_of_history=3),
        lambda d: d["trends"][0].pop("falling"),
        lambda d: d["trends"][0].update(sessions=2),
    ):
        broken = copy.deepcopy(advice)
        mutate(broken)
        assert _errors(ADVICE, broken), broken


# ----------------------------------------------------------------------- invalid histories
def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets ``value`` at a dotted path (list indices as numbers)."""

    def apply(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return apply


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return apply


def _base() -> dict[str, Any]:
    return {
        "format_version": 1,
        "athlete": {
            "experience": "intermediate",
            "sessions_per_week": 4,
            "goals": ["strength"],
            "body_mass_kg": 82,
        },
        "workouts": [
            {
                "start": "2026-11-24T18:00:00",
                "name": "Back day",
                "duration_min": 70,
                "session_rpe": 8,
                "exercises": [
                    {
                        "name": "Deadlift (Barbell)",
                        "sets": [
                            {"reps": 6, "weight_kg": 170, "rpe": 9, "rir": 1, "type": "normal"}
                        ],
                    }
                ],
            }
        ],
        "checkins": [
            {"at": "2026-11-25T07:30:00", "muscle": "hamstrings", "feeling": "tight", "level": 3}
        ],
        "sleep": [{"date": "2026-11-25", "hours": 6.5}],
    }


SET = "workouts.0.exercises.0.sets.0"
INVALID = {
    "workouts an object": _set("workouts", {}),
    "unknown top-level key": _set("workout", []),
    "misspelt athlete key": _set("athlete.experiance", "beginner"),
    "wrong format version": _set("format_version", 2),
    "bad experience": _set("athlete.experience", "expert"),
    "sessions a week too many": _set("athlete.sessions_per_week", 22),
    "fractional sessions a week": _set("athlete.sessions_per_week", 3.5),
    "unknown goal": _set("athlete.goals", ["strenght"]),
    "too many goals": _set("athlete.goals", ["strength"] * 6),
    "goals null": _set("athlete.goals", None),
    "body mass too small": _set("athlete.body_mass_kg", 5),
    "workouts null": _set("workouts", None),
    "workout without start": _drop("workouts.0.start"),
    "start not a date-time": _set("workouts.0.start", "yesterday"),
    "start as a number": _set("workouts.0.start", 20261124),
    "date-only start with an offset": _set("workouts.0.start", "2026-11-24+01:00"),
    "start with the hour only": _set("workouts.0.start", "2026-11-24T18"),
    "start in the compact form": _set("workouts.0.start", "20261124T180000"),
    "start as an ISO week date": _set("workouts.0.start", "2026-W48-2"),
    "check-in at a compact date": _set("checkins.0.at", "20261125"),
    "sleep date in the compact form": _set("sleep.0.date", "20261125"),
    "workout name too long": _set("workouts.0.name", "x" * 201),
    "duration too long": _set("workouts.0.duration_min", 2000),
    "session rpe above 10": _set("workouts.0.session_rpe", 11),
    "exercise without name": _drop("workouts.0.exercises.0.name"),
    "blank exercise name": _set("workouts.0.exercises.0.name", "   "),
    "exercise name not text": _set("workouts.0.exercises.0.name", 7),
    "unknown exercise key": _set("workouts.0.exercises.0.set", []),
    "set without reps": _drop(f"{SET}.reps"),
    "negative reps": _set(f"{SET}.reps", -1),
    "fractional reps": _set(f"{SET}.reps", 5.5),
    "reps as text": _set(f"{SET}.reps", "5"),
    "reps true": _set(f"{SET}.reps", True),
    "negative weight": _set(f"{SET}.weight_kg", -5),
    "rpe in quarters": _set(f"{SET}.rpe", 8.25),
    "rpe zero": _set(f"{SET}.rpe", 0),
    "rir above 10": _set(f"{SET}.rir", 11),
    "unknown set type": _set(f"{SET}.type", "amrap"),
    "set type null": _set(f"{SET}.type", None),
    "misspelt set key": _set(f"{SET}.weight", 100),
    "sets not a list": _set("workouts.0.exercises.0.sets", {"reps": 5}),
    "check-in without feeling": _drop("checkins.0.feeling"),
    "check-in unknown muscle": _set("checkins.0.muscle", "hamstring"),
    "check-in bad feeling": _set("checkins.0.feeling", "stiff"),
    "check-in level 6": _set("checkins.0.level", 6),
    "check-in level null": _set("checkins.0.level", None),
    "sleep without hours": _drop("sleep.0.hours"),
    "sleep over 24 hours": _set("sleep.0.hours", 25),
    "sleep date not a date": _set("sleep.0.date", "last night"),
}


def test_the_base_document_is_valid() -> None:
    """The document the invalid samples are made from is valid for both."""
    assert _library_accepts(_base())
    assert _errors(HISTORY, _base()) == []


@pytest.mark.parametrize("doc", [[], "history", None, 3])
def test_a_history_must_be_an_object(doc: Any) -> None:
    """A document that is not a JSON object is rejected by both."""
    assert not _library_accepts(doc)
    assert _errors(HISTORY, doc)


@pytest.mark.parametrize("mutate", list(INVALID.values()), ids=list(INVALID))
def test_invalid_history_rejected_by_both(mutate: Callable[[dict[str, Any]], None]) -> None:
    """A history ``History.from_dict`` rejects is rejected by the schema too."""
    doc = _base()
    mutate(doc)
    assert not _library_accepts(doc), "the sample should be invalid for the library"
    assert _errors(HISTORY, doc), "the schema accepted a history the library rejects"


# Things the schema cannot express: the library checks them, the schema only the shape.
NOT_EXPRESSIBLE = {
    "month 13": _set("workouts.0.start", "2026-13-01T18:00:00"),
    "year 1800": _set("workouts.0.start", "1800-01-01T18:00:00"),
    "February 30": _set("sleep.0.date", "2026-02-30"),
}


@pytest.mark.parametrize("mutate", list(NOT_EXPRESSIBLE.values()), ids=list(NOT_EXPRESSIBLE))
def test_calendar_checks_are_the_library_s(mutate: Callable[[dict[str, Any]], None]) -> None:
    """Impossible dates pass the schema's shape check but the library rejects them (documented
    in the schema's module and in docs/history-format.md)."""
    doc = _base()
    mutate(doc)
    assert not _library_accepts(doc)
    assert _errors(HISTORY, doc) == []


VALID_VARIANTS = {
    "empty history": lambda d: d.clear(),
    "athlete null": _set("athlete", None),
    "nullable fields null": lambda d: (
        _set(f"{SET}.weight_kg", None)(d),
        _set(f"{SET}.rpe", None)(d),
        _set("workouts.0.name", None)(d),
        _set("athlete.experience", None)(d),
    ),
    "extension keys": lambda d: (
        _set("x-app", {"id": 3})(d),
        _set(f"{SET}.x_note", "felt good")(d),
    ),
    "integral float reps": _set(f"{SET}.reps", 6.0),
    "aware start with Z": _set("workouts.0.start", "2026-11-24T17:00:00Z"),
    "aware start with offset": _set("workouts.0.start", "2026-11-24T18:00:00+01:00"),
    "start with milliseconds": _set("workouts.0.start", "2026-11-24T18:00:00.250"),
    "start to the minute": _set("workouts.0.start", "2026-11-24T18:00"),
    "date-only start": _set("workouts.0.start", "2026-11-24"),
    "date-only check-in": _set("checkins.0.at", "2026-11-25"),
    "sleep date as a date-time": _set("sleep.0.date", "2026-11-25T06:30:00"),
    "check-in of a group": _set("checkins.0.muscle", "posterior_chain"),
    "rpe in halves": _set(f"{SET}.rpe", 8.5),
    "empty workout name": _set("workouts.0.name", ""),
    "schema reference": _set("$schema", "docs/schema/history.schema.json"),
}


@pytest.mark.parametrize("mutate", list(VALID_VARIANTS.values()), ids=list(VALID_VARIANTS))
def test_valid_variants_accepted_by_both(mutate: Callable[[dict[str, Any]], None]) -> None:
    """Optional, nullable and extension forms the library accepts pass the schema."""
    doc = _base()
    mutate(doc)
    assert _library_accepts(doc)
    assert _errors(HISTORY, doc) == []


def test_a_date_only_start_is_midnight_for_the_schema_and_the_library() -> None:
    """A workout start or check-in time given as a date alone is valid against the schema and
    read by the library as 00:00 (local) that day."""
    doc = _base()
    doc["workouts"][0]["start"] = "2026-11-24"
    doc["checkins"][0]["at"] = "2026-11-25"
    assert _errors(HISTORY, doc) == []
    history = ra.History.from_dict(doc)
    assert history.workouts[0].start == datetime(2026, 11, 24, 0, 0)
    assert history.checkins[0].at == datetime(2026, 11, 25, 0, 0)
    assert history.to_dict()["workouts"][0]["start"] == "2026-11-24T00:00:00"


# ----------------------------------------------------------------------- numeric limits
def _numeric_limits(schema: dict[str, Any]) -> list[tuple[str, float, float, bool]]:
    """(dotted path in the base document, minimum, maximum, integer?) of every bounded number."""

    def unwrap(node: dict[str, Any]) -> dict[str, Any]:
        for alt in node.get("anyOf", []):
            if alt.get("type") != "null":
                return unwrap(alt)
        return node

    found: list[tuple[str, float, float, bool]] = []

    def walk(node: dict[str, Any], path: str) -> None:
        node = unwrap(node)
        if node.get("type") in ("number", "integer") and "minimum" in node:
            found.append((path, node["minimum"], node["maximum"], node["type"] == "integer"))
        for key, sub in node.get("properties", {}).items():
            walk(sub, f"{path}.{key}" if path else key)
        if "items" in node and isinstance(node["items"], dict):
            walk(node["items"], f"{path}.0")

    walk(schema, "")
    return found


LIMITS = _numeric_limits(HISTORY.schema)


def test_every_numeric_field_is_probed() -> None:
    """The limit probe below covers every bounded number of the schema (a dozen of them)."""
    paths = {p for p, *_ in LIMITS}
    assert len(paths) >= 10
    assert f"{SET}.reps" in paths
    assert "sleep.0.hours" in paths


@pytest.mark.parametrize(("path", "low", "high", "integer"), LIMITS, ids=[p for p, *_ in LIMITS])
def test_numeric_limits_agree(path: str, low: float, high: float, integer: bool) -> None:
    """At each bound of each number the library and the schema agree: the bounds are accepted,
    a step beyond them is rejected by both."""
    step = 1 if integer else 0.5
    for value, ok in ((low, True), (high, True), (low - step, False), (high + step, False)):
        doc = _base()
        _set(path, value)(doc)
        assert _library_accepts(doc) is ok, (path, value)
        assert (not _errors(HISTORY, doc)) is ok, (path, value)


def test_enumerations_match_the_vocabulary() -> None:
    """The schema's vocabularies are the library's (generated from vocabulary.py)."""
    from recovery_advisor import vocabulary

    text = json.dumps(HISTORY.schema)
    for word in (
        *vocabulary.SET_TYPES,
        *vocabulary.FEELINGS,
        *vocabulary.GOALS,
        *vocabulary.MUSCLES,
    ):
        assert f'"{word}"' in text
    advice = ADVICE.schema
    assert advice["properties"]["verdict"]["enum"] == list(vocabulary.VERDICTS)


# ----------------------------------------------------------------------- error documents
def test_error_documents_are_schema_valid() -> None:
    """What ``advise_json`` returns for bad input passes the error schema, and not the advice
    schema (an application tells them apart)."""
    for text in ("not json", '{"workouts": 3}', '{"history": {}, "now": "soon"}'):
        doc = json.loads(ra.advise_json(text, now=None if "now" in text else NOW))
        assert _errors(ERROR, doc) == [], text
        assert _errors(ADVICE, doc), text


# ----------------------------------------------------------------------- timestamps
#: Timestamps of the documented forms (docs/history-format.md, "Time zones"): both accept them.
GOOD_TIMESTAMPS = [
    "2026-11-24T18:00",
    "2026-11-24T18:00:00",
    "2026-11-24T18:00:00.250",
    "2026-11-24T18:00:00.250000",
    "2026-11-24T18:00Z",
    "2026-11-24T18:00:00Z",
    "2026-11-24T18:00:00.250Z",
    "2026-11-24T18:00:00+01:00",
    "2026-11-24T18:00-05:30",
    "2026-11-24T18:00:00.250000+14:00",
    "2026-11-24 18:00:00",
    "2026-11-24 18:00",
    "1900-01-01T00:00",
    "2100-12-31T23:59:59",
]
#: Forms Python's ``datetime.fromisoformat`` reads but the format does not have: both refuse them.
BAD_TIMESTAMPS = [
    "20261124T180000",  # the basic (compact) form
    "2026-W48-2T18:00",  # a week date
    "2026-328T18:00",  # an ordinal date
    "2026-11-24t18:00:00",  # a lower-case separator
    "2026-11-24T18",  # the hour alone
    "2026-11-24T1800",  # a compact time
    "2026-11-24T18:00:00\x00",  # a trailing NUL
    "2026-11-24T18:00:00.1",  # one decimal
    "2026-11-24T18:00:00.12345",  # five decimals
    "2026-11-24T18:00:00,250",  # a decimal comma
    "2026-11-24T18:00:00+0100",  # a compact offset
    "2026-11-24T18:00:00+01",  # an offset of hours alone
    "2026-11-24T18:00:00+01:00:00",  # an offset with seconds
    "2026-11-24T18:00z",  # a lower-case Z
    "2026-11-24T18:00:00 ",  # a trailing space
    " 2026-11-24T18:00:00",  # a leading space
    "2026-11-24T18:00:00 +01:00",  # a space before the offset
    "2026-11-24_18:00",
    "2026/11/24T18:00",
    "soon",
    "",
]


def _start_accepted(start: str) -> tuple[bool, bool]:
    """(library accepts, schema accepts) the base document with this workout start."""
    doc = _base()
    _set("workouts.0.start", start)(doc)
    return _library_accepts(doc), not _errors(HISTORY, doc)


@pytest.mark.parametrize("start", GOOD_TIMESTAMPS + BAD_TIMESTAMPS)
def test_library_and_schema_agree_on_timestamps(start: str) -> None:
    """The library reads exactly the timestamp forms the schema describes: for each good and
    bad timestamp, both accept it or both refuse it (the forms are the documented ones)."""
    library, schema = _start_accepted(start)
    assert library == schema, (start, library, schema)
    assert library is (start in GOOD_TIMESTAMPS)


@pytest.mark.parametrize(
    "text", ["2026-11-24T18:00:00\n", "٢٠٢٦-١١-٢٤T18:00", "2026-11-24T18:00\n"]
)
def test_what_python_regular_expressions_read_differently(text: str) -> None:
    """A trailing newline and non-ASCII digits: the schema's pattern is an ECMA 262 regular
    expression, where ``$`` is the very end and ``\\d`` an ASCII digit, so it refuses them, and
    so does the library (jsonschema evaluates patterns with Python's ``re``, which reads both
    more loosely, so this is checked on the pattern read the ECMA way)."""
    pattern = HISTORY.schema["properties"]["workouts"]["items"]["properties"]["start"]["pattern"]
    ecma = re.compile(pattern.removeprefix("^").removesuffix("$"), re.ASCII)
    assert ecma.fullmatch(text) is None
    assert _start_accepted(text)[0] is False


def test_a_date_alone_is_still_read_as_midnight() -> None:
    """A workout ``start`` or check-in ``at`` that is a date alone is read as midnight, as
    before (whether the schema accepts it is decided separately)."""
    doc = _base()
    _set("workouts.0.start", "2026-11-24")(doc)
    _set("checkins.0.at", "2026-11-25")(doc)
    history = ra.History.from_dict(doc)
    assert history.workouts[0].start == datetime(2026, 11, 24)
    assert history.checkins[0].at == datetime(2026, 11, 25)


@pytest.mark.parametrize(
    ("night", "ok"),
    [
        ("2026-11-25", True),
        ("2026-11-25T06:30:00", True),
        ("2026-11-25T06:30:00+01:00", True),
        ("20261125", False),
        ("2026-W48-3", False),
        ("2026-329", False),
        ("2026-11-25T06", False),
        ("2026-11-25Tmorning", False),
        ("2026-11-25\x00", False),
    ],
)
def test_sleep_dates_are_a_date_or_a_documented_date_time(night: str, ok: bool) -> None:
    """A sleep ``date`` is ``YYYY-MM-DD`` or a date-time of the documented forms (whose date is
    taken); compact, week and ordinal dates are refused, as is a date followed by junk."""
    doc = _base()
    _set("sleep.0.date", night)(doc)
    assert _library_accepts(doc) is ok
