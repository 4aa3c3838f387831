"""The JSON Schemas (draft 2020-12) of the history input, the advice output and the error document.

``docs/schema/*.schema.json`` are generated from these functions (``make docs``), so the
vocabularies always match :mod:`recovery_advisor.vocabulary`. The limits mirror the checks of
:meth:`History.from_dict`; ``tests/test_schemas.py`` probes every one of them against the library.
The schema checks the shape of timestamps; the library also checks that the date exists and that
the year is from 1900 to 2100.
"""

from __future__ import annotations

import json
from typing import Any, Final

from ._validate import DATE_PATTERN, DATE_TIME_PATTERN
from .advice import SCHEMA_VERSION
from .history import CHECKIN_MUSCLES, FORMAT_VERSION
from .vocabulary import (
    ACTIONS,
    EXPERIENCES,
    FEELINGS,
    GOALS,
    MUSCLES,
    REGIONS,
    SET_TYPES,
    SEVERITIES,
    VERDICTS,
)

__all__ = ["SCHEMAS", "advice_schema", "error_schema", "history_schema", "schema_text"]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
#: ISO 8601 date-times, as the library checks them (``_validate.DATE_TIME_PATTERN``): date, then
#: optionally a time to the minute at least, optional seconds with 3 or 6 decimals, optional
#: ``Z`` or ``±hh:mm`` offset. A date alone (``2026-11-24``) is read as 00:00 that day.
DATE_TIME: Final = DATE_TIME_PATTERN
#: A calendar date; a date-time is accepted too (its date is taken).
DATE: Final = DATE_PATTERN
EXTENSIONS: Final = {"^x[-_]": {"description": "extension keys for applications; ignored"}}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _number(low: float, high: float, description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "number", "minimum": low, "maximum": high, "description": description, **extra}


def _integer(low: int, high: int, description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": low, "maximum": high, "description": description}


def _text(description: str, *, empty: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "maxLength": 200, "description": description}
    if not empty:
        out["pattern"] = r"\S"
    return out


def _object(
    properties: dict[str, Any], required: tuple[str, ...] = (), description: str = ""
) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object"}
    if description:
        out["description"] = description
    out["properties"] = properties
    if required:
        out["required"] = list(required)
    out["patternProperties"] = EXTENSIONS
    out["additionalProperties"] = False
    return out


def _array(items: dict[str, Any], limit: int, description: str) -> dict[str, Any]:
    return {"type": "array", "items": items, "maxItems": limit, "description": description}


def history_schema() -> dict[str, Any]:
    """The schema of a history document, format version 1 (what ``History.from_dict`` accepts)."""
    timestamp = {
        "type": "string",
        "maxLength": 40,
        "pattern": DATE_TIME,
        "description": "ISO 8601 date-time, or a date alone (00:00 that day); without an offset "
        "it is the athlete's local time",
    }
    workout_set = _object(
        {
            "reps": _integer(0, 1000, "repetitions"),
            "weight_kg": _nullable(_number(0, 1000, "load in kg; missing for bodyweight work")),
            "rpe": _nullable(
                _number(1, 10, "rating of perceived exertion, in steps of 0.5", multipleOf=0.5)
            ),
            "rir": _nullable(_number(0, 10, "reps in reserve (an alternative to rpe)")),
            "type": {"enum": list(SET_TYPES), "default": "normal", "description": "set type"},
        },
        ("reps",),
        "one set",
    )
    exercise = _object(
        {
            "name": _text("the exercise as the athlete's app names it"),
            "sets": _array(workout_set, 500, "the sets in order"),
        },
        ("name",),
        "an exercise of a workout",
    )
    workout = _object(
        {
            "start": timestamp,
            "name": _nullable(_text("the workout's name", empty=True)),
            "duration_min": _nullable(_number(0, 1440, "duration in minutes")),
            "session_rpe": _nullable(_number(0, 10, "rating of the whole session (CR-10)")),
            "exercises": _array(exercise, 200, "the exercises in order"),
        },
        ("start",),
        "a workout",
    )
    checkin = _object(
        {
            "at": timestamp,
            "muscle": {"enum": list(CHECKIN_MUSCLES), "description": "a muscle or a group"},
            "feeling": {"enum": list(FEELINGS)},
            "level": {**_integer(1, 5, "how strongly, 1-5"), "default": 3},
        },
        ("at", "muscle", "feeling"),
        "how a muscle felt",
    )
    sleep = _object(
        {
            "date": {
                "type": "string",
                "maxLength": 40,
                "pattern": DATE,
                "description": "the date the night ended on (ISO 8601)",
            },
            "hours": _number(0, 24, "hours slept"),
        },
        ("date", "hours"),
        "one night's sleep",
    )
    athlete = _object(
        {
            "experience": _nullable({"enum": list(EXPERIENCES)}),
            "sessions_per_week": _nullable(_integer(0, 21, "planned strength sessions a week")),
            "goals": {
                "type": "array",
                "items": {"enum": list(GOALS)},
                "maxItems": len(GOALS),
                "description": "training goals (repeats are ignored)",
            },
            "body_mass_kg": _nullable(_number(20, 400, "body mass in kg")),
        },
        description="the athlete's profile; every field is optional",
    )
    schema = _object(
        {
            "format_version": {"const": FORMAT_VERSION, "description": "the format version"},
            "$schema": {"description": "a reference to this schema; not checked"},
            "athlete": _nullable(athlete),
            "workouts": _array(workout, 100_000, "workouts, in any order"),
            "checkins": _array(checkin, 100_000, "check-ins"),
            "sleep": _array(sleep, 100_000, "nights of sleep"),
        },
        description=(
            "A training history for recovery-advisor, format version 1 (docs/history-format.md). "
            "Every part is optional; an empty object is a valid history."
        ),
    )
    return {"$schema": DRAFT, "title": "recovery-advisor history, format version 1", **schema}


def _closed(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object"}
    if description:
        out["description"] = description
    out["properties"] = properties
    out["required"] = list(properties)
    out["additionalProperties"] = False
    return out


_STRING: Final = {"type": "string"}
_STRINGS: Final = {"type": "array", "items": {"type": "string"}}


def advice_schema() -> dict[str, Any]:
    """The schema of ``Advice.to_dict()`` (``schema_version`` 1). Every key is always present."""
    recommendation = _closed(
        {
            "rule": {"type": "string", "description": "id of the rule that gave it"},
            "title": _STRING,
            "action": {"enum": list(ACTIONS)},
            "severity": {"enum": list(SEVERITIES)},
            "message": _STRING,
            "source": {
                "type": "string",
                "description": "the sentence of the article or the study the rule rests on",
            },
            "ref": _STRING,
            "because": {**_STRINGS, "description": "the facts of the history that made it fire"},
            "muscles": _STRINGS,
            "exercise": _nullable(_STRING),
            "replacement": _nullable(_STRING),
            "topic": {
                "type": "string",
                "description": "the rule's topic (may be empty): the note shows one item per topic",
            },
        },
        "one piece of advice",
    )
    session_exercise = _closed(
        {
            "name": _STRING,
            "sets": {"type": "integer", "minimum": 0},
            "reps": _STRING,
            "rest_seconds": {
                "type": "array",
                "items": {"type": "integer", "minimum": 0},
                "minItems": 2,
                "maxItems": 2,
                "description": "[low, high] rest between sets, in seconds",
            },
            "region": {"enum": [*REGIONS, "unknown"]},
            "note": _nullable(_STRING),
            "replaces": _nullable(_STRING),
            "optional": {"type": "boolean"},
            "load_pct": _nullable(
                {"type": "integer", "description": "percent of the usual working load"}
            ),
            "rpe_max": _nullable({"type": "number"}),
            "changed_by": {**_STRINGS, "description": "ids of the rules that changed it"},
        }
    )
    session = _closed(
        {
            "name": _STRING,
            "title": _STRING,
            "based_on": _nullable(_STRING),
            "warm_up": _nullable(
                _closed(
                    {
                        "minutes": _nullable(
                            {
                                "type": "array",
                                "items": {"type": "integer", "minimum": 0},
                                "minItems": 2,
                                "maxItems": 2,
                            }
                        ),
                        "drills": _STRINGS,
                    }
                )
            ),
            "exercises": {"type": "array", "items": session_exercise},
            "removed": {
                "type": "array",
                "items": _closed({"name": _STRING, "reason": _STRING, "rule": _STRING}),
            },
        },
        "today's session, adjusted by the rules; null without a plan",
    )
    score = {"type": "integer", "minimum": 0, "maximum": 100}
    muscle_status = _closed(
        {
            "readiness": score,
            "band": {"enum": ["ready", "recovering", "fatigued"]},
            "hours_to_ready": {"type": "integer", "minimum": 0},
            "ready_at": {"type": "string", "description": "'now' or a day and part of day"},
            "hard_sets_7d": {"type": "number", "minimum": 0},
            "weekly_sets_28d": {
                "type": "number",
                "minimum": 0,
                "description": "hard sets a week, averaged over the last 4 weeks",
            },
            "streak_days": {
                "type": "integer",
                "minimum": 0,
                "description": "consecutive days with hard sets, ending today or yesterday",
            },
        }
    )
    training_load = _closed(
        {
            "ratio": {
                "type": "number",
                "minimum": 0,
                "description": "acute load over chronic load (a spike flag, not a prediction)",
            },
            "acute": {"type": "number", "minimum": 0, "description": "load of the last 7 days"},
            "chronic": {
                "type": "number",
                "minimum": 0,
                "description": "weekly average load of the last 28 days",
            },
            "days_of_history": {"type": "integer", "minimum": 28},
            "measure": {
                "enum": ["session-rpe", "hard-sets"],
                "description": "session RPE x minutes, or hard sets weighted by relative load",
            },
        },
        "the acute:chronic load ratio; null with less than 28 days of history",
    )
    trend = _closed(
        {
            "exercise": {"type": "string", "description": "the catalogue name of a main lift"},
            "sessions": {"type": "integer", "minimum": 3},
            "change_pct": {
                "type": "number",
                "description": "last session's estimated 1RM vs the best before it, in %",
            },
            "falling": {"type": "boolean", "description": "down three sessions running"},
        },
        "the estimated-1RM trend of one main lift",
    )
    schema = _closed(
        {
            "schema_version": {"const": SCHEMA_VERSION},
            "now": {"type": "string", "description": "the moment of the advice, ISO 8601"},
            "verdict": {"enum": list(VERDICTS)},
            "recommendations": {
                "type": "array",
                "items": recommendation,
                "description": "most severe first; within a severity, the most consequential action first",
            },
            "session": _nullable(session),
            "readiness": {
                "type": "object",
                "description": "readiness 0-100 of every muscle",
                "properties": {m: score for m in MUSCLES},
                "required": list(MUSCLES),
                "additionalProperties": False,
            },
            "muscles": {
                "type": "object",
                "description": (
                    "details of the muscles trained in the last 28 days and, once the history "
                    "spans 28 days, of every large muscle"
                ),
                "propertyNames": {"enum": list(MUSCLES)},
                "additionalProperties": muscle_status,
            },
            "training_load": _nullable(training_load),
            "trends": {
                "type": "array",
                "items": trend,
                "description": "main lifts with 3 or more sessions in the trend window",
            },
            "unrecognized_exercises": {
                **_STRINGS,
                "description": "logged or planned names the exercise catalogue does not know",
            },
            "rules_fired": _STRINGS,
            "rule_book": {"type": "string", "description": "fingerprint of the rule book"},
        },
        "Advice from recovery-advisor (Advice.to_dict(), schema_version 1).",
    )
    return {"$schema": DRAFT, "title": "recovery-advisor advice, schema version 1", **schema}


def error_schema() -> dict[str, Any]:
    """The schema of the error document ``advise_json`` returns for bad input."""
    schema = _closed(
        {
            "schema_version": {"const": SCHEMA_VERSION},
            "error": _closed(
                {
                    "type": {"enum": ["HistoryError"]},
                    "path": {
                        "type": "string",
                        "description": "field path of the problem in the input; '' for the whole",
                    },
                    "problem": _STRING,
                    "message": {"type": "string", "description": "path and problem in one line"},
                }
            ),
        },
        "What advise_json() returns for input it cannot advise on.",
    )
    return {
        "$schema": DRAFT,
        "title": "recovery-advisor error document, schema version 1",
        **schema,
    }


#: Generated schema files: path (relative to the repository root) -> builder.
SCHEMAS: Final = {
    "docs/schema/history.schema.json": history_schema,
    "docs/schema/advice.schema.json": advice_schema,
    "docs/schema/error.schema.json": error_schema,
}


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the text of its file (2-space indentation, a final newline)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
