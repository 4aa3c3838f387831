"""``advise_json()``: JSON text in, JSON text out, for applications that speak only JSON.

The contract (versioned by ``schema_version``; see ``docs/history-format.md`` and
``CHANGELOG.md``):

* **Input** is either a history document (format version 1, ``docs/schema/history.schema.json``)
  or an *envelope* ``{"history": {...}, "now": "2026-11-25T08:00:00", "plan": "legs-and-back"}``
  whose ``now`` and ``plan`` are optional (``plan``: a plan name of the rule book, a list of
  exercises, or ``{"name": ..., "exercises": [...]}``). Keys starting with ``x-`` or ``x_`` are
  ignored; any other key is an error. A key given twice in one object is an error.
* **Output** on success is ``Advice.to_dict()`` as JSON (``docs/schema/advice.schema.json``).
* **Bad input** (text that is not JSON, a history, ``now`` or ``plan`` that is invalid) gives an
  *error document* instead of an exception, ``{"schema_version": 1, "error": {"type":
  "HistoryError", "path": "workouts[0].start", "problem": "...", "message": "..."}}``
  (``docs/schema/error.schema.json``): an application tells the two apart by the ``error`` key.
  Problems that are not the input's fault still raise: a bad rule folder passed as ``rules``
  (:class:`RuleFileError`) or a failure of the engine (:class:`EngineError`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from . import _fastinput
from . import _validate as v
from .advice import SCHEMA_VERSION
from .api import PlanLike, _advise
from .errors import HistoryError
from .rulebook import RuleBook

__all__ = ["ENVELOPE_KEYS", "advise_json", "error_document"]

#: The keys of an envelope; ``history`` is required (``$schema`` is allowed for JSON editors,
#: as in a history document).
ENVELOPE_KEYS: Final = ("$schema", "history", "now", "plan")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise HistoryError("", f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _parse(text: str | bytes | bytearray) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise HistoryError(
            "", f"the input is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except UnicodeDecodeError as exc:
        raise HistoryError("", f"the input is not UTF-8 text: {exc.reason}") from None
    except RecursionError:
        raise HistoryError("", "the input is nested too deeply") from None
    except ValueError as exc:  # a number of 5,000 digits
        raise HistoryError("", f"the input cannot be read as JSON: {v.json_problem(exc)}") from None


def _once(name: str, argument: Any, envelope: Mapping[str, Any]) -> Any:
    if name in envelope and argument is not None:
        raise HistoryError(name, "is given both in the envelope and as an argument; give it once")
    return envelope.get(name, argument)


def error_document(error: HistoryError) -> dict[str, Any]:
    """The JSON-safe error document ``advise_json`` returns for bad input."""
    return {
        "schema_version": SCHEMA_VERSION,
        "error": {
            "type": type(error).__name__,
            "path": error.path,
            "problem": error.problem,
            "message": str(error),
        },
    }


def advise_json(
    text: str | bytes | bytearray,
    *,
    now: datetime | str | None = None,
    plan: PlanLike = None,
    rules: RuleBook | str | Path | None = None,
    indent: int | None = None,
) -> str:
    """Advice as JSON for a history (or an envelope with ``history``, ``now`` and ``plan``) as
    JSON; see the module documentation for the contract.

    ``now`` and ``plan`` may come from the envelope or from the arguments, not both. Bad input
    gives an error document (``{"schema_version": 1, "error": {...}}``), never an exception.
    """
    if not isinstance(text, (str, bytes, bytearray)):
        raise TypeError(f"advise_json() takes JSON text, got {type(text).__name__}")
    decoded = _fastinput.decode_text(text)  # None: read by the precise path
    if decoded is not None:
        try:
            return _answer(text, decoded, now, plan, rules, indent)
        except _fastinput.Fallback:  # valid JSON, but the history needs the precise path
            pass
    return _answer(text, None, now, plan, rules, indent)


def _answer(
    text: str | bytes | bytearray,
    decoded: _fastinput.Decoded | None,
    now: datetime | str | None,
    plan: PlanLike,
    rules: RuleBook | str | Path | None,
    indent: int | None,
) -> str:
    in_envelope = False
    try:
        if decoded is not None:
            history: Any = decoded
            if decoded.envelope is not None:
                in_envelope = True
                now = _once("now", now, decoded.envelope)
                plan = _once("plan", plan, decoded.envelope)
        else:
            data = _parse(text)
            if isinstance(data, Mapping) and "history" in data:
                v.check_keys(data, "", ENVELOPE_KEYS)
                in_envelope = True
                history = data["history"]
                now = _once("now", now, data)
                plan = _once("plan", plan, data)
                if not isinstance(history, Mapping):
                    raise HistoryError("", f"must be an object, got {type(history).__name__}")
            else:
                history = data
        advice = _advise(history, now, plan, rules, None)
    except HistoryError as exc:
        if in_envelope and not exc.path.startswith(("now", "plan")):
            # paths name the place in the input document: inside the envelope's "history"
            path = f"history.{exc.path}" if exc.path else "history"
            exc = HistoryError(path, exc.problem)
        return json.dumps(error_document(exc), indent=indent, ensure_ascii=False)
    return advice.to_json(indent=indent)
