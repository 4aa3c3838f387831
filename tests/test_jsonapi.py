"""``advise_json``: JSON in, JSON out, with a versioned contract and error documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import recovery_advisor as ra

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-25T08:00:00"
BOOK = ra.RuleBook.default()


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / "history.json").read_text("utf-8"))
    return data


def test_history_document_gives_the_same_advice_as_advise() -> None:
    """A plain history document with ``now``/``plan`` arguments gives exactly
    ``advise(...).to_dict()`` as JSON."""
    out = json.loads(ra.advise_json(json.dumps(_example()), now=NOW, plan="legs-and-back"))
    expected = ra.advise(_example(), now=NOW, plan="legs-and-back").to_dict()
    assert out == json.loads(json.dumps(expected))
    assert out["schema_version"] == ra.SCHEMA_VERSION == 1


def test_envelope_carries_now_and_plan() -> None:
    """An envelope ``{"history", "now", "plan"}`` is the same as passing them as arguments."""
    envelope = {"history": _example(), "now": NOW, "plan": "legs-and-back"}
    out = json.loads(ra.advise_json(json.dumps(envelope)))
    assert out == json.loads(ra.advise_json(json.dumps(_example()), now=NOW, plan="legs-and-back"))
    assert out["now"] == NOW
    assert out["session"] is not None


def test_envelope_plan_as_a_list_of_exercises() -> None:
    """The envelope's plan may be a list of exercises, as in ``advise``."""
    plan = [{"name": "Squat (Barbell)", "sets": 3, "reps": "5"}, "Lat Pulldown (Cable)"]
    envelope = {"history": BOOK.fixtures["fresh"], "now": NOW, "plan": plan}
    out = json.loads(ra.advise_json(json.dumps(envelope)))
    assert [e["name"] for e in out["session"]["exercises"]] == [
        "Squat (Barbell)",
        "Lat Pulldown (Cable)",
    ]


def test_extension_keys_of_the_envelope_are_ignored() -> None:
    """``x-`` keys in the envelope are left to the application."""
    envelope = {"history": {}, "now": NOW, "x-request-id": "42"}
    assert "error" not in json.loads(ra.advise_json(json.dumps(envelope)))


def test_schema_key_is_allowed_in_the_envelope_as_in_a_history() -> None:
    """``$schema`` (for JSON editors) is accepted in an envelope just as in a history document;
    any other unknown key of the envelope is an error document naming it."""
    schema = "https://example.org/history.schema.json"
    envelope = {"$schema": schema, "history": {"$schema": schema}, "now": NOW}
    assert "error" not in json.loads(ra.advise_json(json.dumps(envelope)))
    bad = json.loads(ra.advise_json(json.dumps({"history": {}, "now": NOW, "colour": "red"})))
    assert "colour" in bad["error"]["message"]


def test_bytes_input_is_accepted() -> None:
    """UTF-8 bytes work as well as text."""
    out = json.loads(ra.advise_json(b'{"history": {}}', now=NOW))
    assert out["verdict"] in ("train", "train-modified", "rest")


def test_indent_pretty_prints() -> None:
    """``indent`` pretty-prints the output; the default is one line."""
    assert "\n" not in ra.advise_json("{}", now=NOW)
    assert "\n" in ra.advise_json("{}", now=NOW, indent=2)


def _error(text: str | bytes, **kwargs: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(ra.advise_json(text, **kwargs))
    assert set(doc) == {"schema_version", "error"}, doc
    assert doc["schema_version"] == 1
    err = doc["error"]
    assert set(err) == {"type", "path", "problem", "message"}
    assert err["message"] == (f"{err['path']}: {err['problem']}" if err["path"] else err["problem"])
    return err  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        ("{not json", "", "not valid JSON"),
        (b'{"x\xc3\x28": 1}', "", "not UTF-8"),
        ('{"a": 1, "a": 2}', "", "appears twice"),
        ('{"workouts": [{"start": "x"}]}', "workouts[0].start", "ISO 8601"),
        ('{"history": {"workouts": [{"start": "x"}]}}', "history.workouts[0].start", "ISO 8601"),
        ('{"history": []}', "history", "must be an object"),
        ('{"history": {}, "nwo": "2026-11-25"}', "nwo", "did you mean 'now'"),
        ('{"history": {}, "now": "tomorrow"}', "now", "ISO 8601"),
        ('{"history": {}, "plan": "legz-and-back"}', "plan", "no plan named"),
        ("[1, 2]", "", "must be an object"),
        ('{"workouts": [], "sleep": [{"date": "2026-11-25"}]}', "sleep[0].hours", "missing"),
    ],
)
def test_bad_input_gives_an_error_document(text: str | bytes, path: str, words: str) -> None:
    """Bad input gives ``{"schema_version": 1, "error": {...}}`` naming the place in the input
    (inside an envelope, paths start with ``history.``), never an exception."""
    err = _error(text, now=None if '"now"' in str(text) else NOW)
    assert err["type"] == "HistoryError"
    assert err["path"] == path
    assert words in err["problem"]


def test_future_workout_in_envelope_is_located() -> None:
    """A workout after ``now`` inside an envelope is reported at ``history.workouts[i].start``."""
    envelope = {"history": BOOK.fixtures["fresh"], "now": "2026-11-21T08:00:00"}
    err = _error(json.dumps(envelope))
    assert err["path"] == "history.workouts[1].start"
    assert "after now" in err["problem"]


@pytest.mark.parametrize("name", ["now", "plan"])
def test_now_or_plan_given_twice_is_an_error(name: str) -> None:
    """``now``/``plan`` in both the envelope and the arguments is ambiguous: an error."""
    envelope = {"history": {}, "now": NOW, "plan": "legs-and-back"}
    err = _error(json.dumps(envelope), **{name: NOW if name == "now" else "legs-and-back"})
    assert err["path"] == name
    assert "both" in err["problem"]


def test_non_text_input_raises_type_error() -> None:
    """Passing something that is not JSON text is a programming error, not bad input."""
    with pytest.raises(TypeError, match="JSON text"):
        ra.advise_json({"history": {}})  # type: ignore[arg-type]


def test_bad_rule_folder_still_raises(tmp_path: Path) -> None:
    """A broken rule folder is the application's configuration, not the input: it raises."""
    (tmp_path / "bad.yaml").write_text("version: 1\nrules: [{id: x}]\n", encoding="utf-8")
    with pytest.raises(ra.RuleFileError):
        ra.advise_json("{}", now=NOW, rules=tmp_path)
