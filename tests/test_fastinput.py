"""The fast read of JSON input (``recovery_advisor._fastinput``, msgspec) answers exactly as the
precise one (``History.from_dict`` and ``json.loads`` with the duplicate-key check) would: the
same advice for good input, the same error message for bad input, on dicts and on JSON text
written every which way (indented, escaped, keys twice, explicit nulls, envelopes).
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import recovery_advisor as ra
from recovery_advisor import _fastinput, api
from recovery_advisor import _validate as v
from recovery_advisor._synthetic import synthetic_history
from recovery_advisor.facts import derive_facts
from strategies import (
    NOW,
    NOW_TEXT,
    history_dicts,
    json_texts,
    odd_history_dicts,
    timestamp_texts,
)
from test_bad_input import BAD_VALUES, GOOD, UNACCEPTABLE, _leaves, _set

PLAN = "legs-and-back"
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def precise() -> Iterator[None]:
    """Within: advise() and advise_json() take only the precise path (History.from_dict)."""
    with (
        mock.patch.object(_fastinput, "from_mapping", return_value=None),
        mock.patch.object(_fastinput, "decode_text", return_value=None),
    ):
        yield


def outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """What a call gives: its advice (as a dict) or JSON text, or its error and message."""
    try:
        result = call()
    except (ra.HistoryError, TypeError) as exc:
        return type(exc).__name__, str(exc)
    return "ok", result.to_dict() if isinstance(result, ra.Advice) else result


def same_advice(data: Any, plan: str | None = PLAN) -> tuple[str, Any]:
    """advise(data) the fast way and the precise way give the same outcome; returns it."""
    fast = outcome(lambda: ra.advise(data, now=NOW_TEXT, plan=plan))
    with precise():
        slow = outcome(lambda: ra.advise(data, now=NOW_TEXT, plan=plan))
    assert fast == slow
    return fast


def same_json(text: str | bytes, **kw: Any) -> str:
    """advise_json(text) the fast way and the precise way give the same text; returns it."""
    fast = ra.advise_json(text, **kw)
    with precise():
        slow = ra.advise_json(text, **kw)
    assert fast == slow
    return fast


LIMIT = NOW + timedelta(minutes=5)


def test_typical_input_takes_the_fast_path() -> None:
    """The equivalence below is not vacuous: a synthetic athlete, the docs' example, the bad-input
    tests' GOOD history and ``History.to_json()`` output are all read the fast way."""
    synthetic = synthetic_history(3, days=90)
    for data in (synthetic, GOOD, json.loads(ra.load_history("examples/history.json").to_json())):
        checked = _fastinput.from_mapping(data)
        assert checked is not None
        assert _fastinput.view(checked, LIMIT) is not None
        for text in (json.dumps(data), json.dumps(data, indent=2, ensure_ascii=False)):
            decoded = _fastinput.decode_text(text)
            assert decoded is not None
            assert _fastinput.view(decoded.history, LIMIT) is not None


@SLOW
@given(data=history_dicts)
def test_fast_view_gives_the_same_facts(data: dict[str, Any]) -> None:
    """For any valid history, the fast view (when it decides) yields exactly the facts of the
    History that from_dict builds, with and without a plan."""
    checked = _fastinput.from_mapping(data)
    view = None if checked is None else _fastinput.view(checked, LIMIT)
    history = ra.History.from_dict(data, not_after=LIMIT)
    if view is None:
        return
    book = ra.RuleBook.default()
    params = book.param_values()
    for plan in (None, api.resolve_plan(PLAN, book)):
        assert derive_facts(view, NOW, params, plan=plan) == derive_facts(
            history, NOW, params, plan=plan
        )


@SLOW
@given(data=history_dicts)
def test_valid_dicts_give_the_same_advice(data: dict[str, Any]) -> None:
    """advise(dict) gives the same advice whichever way the dict is read."""
    same_advice(data)


@SLOW
@given(data=odd_history_dicts())
def test_odd_dicts_give_the_same_outcome(data: dict[str, Any]) -> None:
    """Valid but unusual dicts (x- keys, nulls, whole numbers as 5.0, datetimes, tuples, repeated
    starts, aware times) and invalid ones give the same advice or the same error message."""
    same_advice(data)


@pytest.mark.parametrize(("where", "value", "path"), BAD_VALUES, ids=range(len(BAD_VALUES)))
def test_bad_input_corpus_gives_the_same_error(where: str, value: Any, path: str) -> None:
    """Every bad value of the bad-input corpus gets the precise path's error message, from a
    dict and from JSON text."""
    data = _set(GOOD, where, value)
    kind, message = same_advice(data)
    assert kind == "HistoryError"
    assert message.startswith(path + ": ")
    if isinstance(value, list):  # the nested junk: shared lists, exponential as text
        return
    try:
        text = json.dumps(data)
    except (ValueError, TypeError):  # 10**400 and bytes are not JSON
        return
    answer = json.loads(same_json(text, now=NOW_TEXT, plan=PLAN))
    assert answer["error"]["path"] == path


@SLOW
@given(history=history_dicts, data=st.data())
def test_any_field_made_bad_gives_the_same_error(history: dict[str, Any], data: Any) -> None:
    """Any one field of a valid history replaced by a value no field accepts: the same error."""
    leaves = [p for p in _leaves(history) if p]
    if not leaves:
        return
    where = data.draw(st.sampled_from(leaves))
    value = data.draw(st.sampled_from([*UNACCEPTABLE, None, -1, 1e400, "", 5.0, "2026-11-24"]))
    same_advice(_set(history, where, value))


@SLOW
@given(text=json_texts())
def test_json_text_gives_the_same_answer(text: str) -> None:
    """Any JSON text of a history or an envelope (indented or not, keys escaped, a key twice,
    ``\\u003a`` escapes, explicit nulls, x- keys) gives the same answer both ways."""
    same_json(text, now=NOW_TEXT)
    if '"now"' not in text:  # without now the answer would depend on the clock
        same_json(text.encode("utf-8"), now=NOW_TEXT, plan="legs-and-back")


@pytest.mark.parametrize(
    "text",
    [
        '{"workouts": [], "workouts": []}',
        '{"workouts": [{"start": "2026-11-24T18:00", "start": "2026-11-24T19:00"}]}',
        '{"workouts": [{"start": "2026-11-24T18:00", "st\\u0061rt": "2026-11-24T19:00"}]}',
        '{"workouts": [{"start": "2026-11-24T18:00", "name": null, "name": "x"}]}',
        '{"workouts": [{"start": "2026-11-24T18:00", "name" : "a", "name" : "b"}]}',
        '{"workouts": [{"name": "a\\u003a", "start": "2026-11-24T18:00", "name": "b"}]}',
        '{"history": {"sleep": []}, "now": "2026-11-25T08:00", "now": "2026-11-25T09:00"}',
        '{"history": {}, "plan": {"name": "x", "name": "y", "exercises": ["Squat"]}}',
        '{"athlete": {"goals": [], "goals": ["strength"]}}',
        '{"$schema": {"a": 1, "a": 2}}',
    ],
)
def test_a_key_given_twice_is_refused_fast_or_not(text: str) -> None:
    """A key given twice in one object is the precise path's error, however the key is
    written and wherever the object is; the fast read never accepts it."""
    answer = json.loads(same_json(text, now=NOW_TEXT))
    assert "appears twice" in answer["error"]["problem"]


def test_three_year_history_gives_the_same_advice() -> None:
    """A three-year history (only the last months are read for the facts) gives the same
    advice from a dict and from JSON text as the precise path."""
    data = synthetic_history(7, days=1095)
    same_advice(data)
    same_json(json.dumps(data), now=NOW_TEXT, plan=PLAN)


def test_a_deep_copy_is_not_changed() -> None:
    """Reading a dict the fast way leaves it as it was."""
    data = synthetic_history(1, days=60)
    before = copy.deepcopy(data)
    ra.advise(data, now=NOW_TEXT)
    assert data == before


def test_nan_and_datetimes_in_dicts() -> None:
    """Python-only values in a dict (NaN, datetime objects) get the precise path's answer."""
    data = copy.deepcopy(GOOD)
    data["workouts"][0]["start"] = datetime(2026, 11, 22, 10, 0)
    assert same_advice(data)[0] == "ok"
    data["workouts"][0]["duration_min"] = math.nan
    assert same_advice(data)[0] == "HistoryError"


@given(timestamp_texts())
@settings(max_examples=400)
def test_the_quick_timestamp_reads_as_the_documented_one(text: str) -> None:
    """The fast read's timestamp of the common form gives the same moment as the documented
    check (``_validate.timestamp``), and refuses exactly what it refuses."""
    try:
        expected: datetime | None = v.timestamp(text, "")
    except ra.HistoryError:
        expected = None
    try:
        got: datetime | None = _fastinput._timestamp(text)
    except ra.HistoryError:
        got = None
    assert got == expected
    assert got is None or got.tzinfo == expected.tzinfo  # type: ignore[union-attr]


def test_check_ins_the_fast_read_cannot_vouch_for_go_the_precise_way() -> None:
    """A check-in with a level written 3.0, a muscle or feeling not in the vocabulary, or a
    level out of range is left to the precise path, which accepts the first and names the rest."""
    base = {"at": "2026-11-24T07:00:00", "muscle": "lats", "feeling": "tight"}
    for odd, error in (
        ({"level": 3.0}, None),
        ({"level": 6}, "checkins[0].level"),
        ({"level": True}, "checkins[0].level"),
        ({"muscle": "Lats"}, "checkins[0].muscle"),
        ({"feeling": "achy"}, "checkins[0].feeling"),
    ):
        data = {"checkins": [{**base, **odd}]}
        assert _fastinput.view(_fastinput.from_mapping(data), NOW) is None  # type: ignore[arg-type]
        if error is None:
            assert (
                ra.advise(data, now=NOW_TEXT).to_dict()
                == ra.advise(ra.History.from_dict(data), now=NOW_TEXT).to_dict()
            )
        else:
            with pytest.raises(ra.HistoryError) as info:
                ra.advise(data, now=NOW_TEXT)
            assert info.value.path == error
