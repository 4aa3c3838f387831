"""The durable-rules adapter: the only module that imports durable-rules.

It applies every mitigation measured in the project's field notes on durable-rules 2.0.28:

=====================================  ================================================
hazard                                 mitigation here
=====================================  ================================================
timer threads race synchronous calls   ``_QuietHost`` overrides ``Host._run`` with a no-op
not thread-safe                        one module lock (``_LOCK``) around each evaluation
1,024 live sessions per ruleset        one fixed session id (``_SID``), deleted in ``finally``
32-bit hashed ids collide              ids are ``str(index)``, never derived from user data
identical facts raise                  every fact has a distinct ``id``
unmatched fact aborts a batch          a ``_SINK`` rule that takes every fact (and never fires)
``delete_state`` crash on idle state   a ``sentinel`` fact every call; ``_SENTINEL`` always fires
exponent floats dropped / crash        :func:`sanitize` rejects NaN/inf/huge, rounds tiny to 0
exceptions in actions swallowed        the collector records its own errors; re-raised here
ruleset churn leaks memory             one ruleset per rule-book fingerprint, registered once
more than 255 properties per fact      :func:`sanitize` refuses facts with > 200 fields
``register_rulesets`` mutates input    a fresh definition is built for each registration
``$not`` depends on the facts' order   'absent' entries are probe rules (see ``_definition``)
joins: ``2 == 2.0`` and ``2 != 2.0``   every number is asserted as a float
``$or`` over references misjudged      'any' entries with references become separate rules
a false ``<``/``!=`` between facts     such comparisons are checked by the action, not durable
  corrupts memory (crash later)
a lone alias ``m`` is unwrapped        engine aliases are internal (``a0``, ``a1``, ...)
a DeprecationWarning per action        durable's clock ``_unix_now`` is replaced by ours:
  on Python 3.12+                      the same value, without ``utcfromtimestamp``
=====================================  ================================================

The last two hazards were found here, not in the field notes: durable's ``Closure`` replaces a
match ``{"m": fact}`` by the bare fact, so a one-fact rule whose alias is ``m`` lost its binding;
and its clock calls ``datetime.utcfromtimestamp``, deprecated since Python 3.12.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import operator
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ._matching import Match, RuleMatches, engine_number, resolve, sort_matches
from .errors import EngineError
from .rules_ast import AnyOf, Condition, Pattern, Ref, Rule, Test

try:
    from durable import engine as _durable
except ImportError as exc:  # pragma: no cover - only where durable-rules cannot load
    from ._compat import durable_load_error

    raise durable_load_error(exc) from exc

__all__ = ["evaluate_engine", "registered_rulesets", "sanitize"]

_SID = "0"
_SINK = "__sink__"
_MAX_VARIANTS = 64
_SENTINEL = "__sentinel__"
_NEVER = "__never__"
_CAP = 100_000
_MAX_FIELDS = 200
_MAX_ABS = 1e15
_TINY = 1e-4

_OPS = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}


_EPOCH = datetime.datetime(1970, 1, 1)


def _unix_now() -> float:
    """durable's clock (naive local time minus the naive epoch, in seconds), without
    ``datetime.utcfromtimestamp(0)``: on Python 3.12+ that warned on every action."""
    return (datetime.datetime.now() - _EPOCH).total_seconds()


_durable._unix_now = _unix_now


class _QuietHost(_durable.Host):  # type: ignore[misc]
    """A durable host without the two background timer threads (they race synchronous calls)."""

    def _run(self) -> None:
        return None


class _Call:
    """What the actions of one evaluation collect (only one call runs at a time)."""

    __slots__ = ("blocked", "errors", "fired")

    def __init__(self) -> None:
        self.fired: dict[str, list[Match]] = {}
        self.blocked: set[str] = set()  # rules with an 'absent' entry that a fact meets
        self.errors: list[BaseException] = []


_LOCK = threading.RLock()
_HOST: _QuietHost | None = None
_REGISTERED: dict[str, tuple[str, frozenset[str]]] = {}
_CURRENT: _Call | None = None


def registered_rulesets() -> int:
    """How many distinct rule books have been registered with the engine in this process."""
    return len(_REGISTERED)


def sanitize(value: Any, where: str = "fact") -> Any:
    """A number durable-rules parses safely: finite, not huge, tiny magnitudes rounded to 0."""
    if isinstance(value, bool) or not isinstance(value, float):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _MAX_ABS:
            raise EngineError(f"{where}: the number {value} is too large for the rules engine")
        return value
    if math.isnan(value) or math.isinf(value):
        raise EngineError(f"{where}: {value} is not a finite number")
    if abs(value) > _MAX_ABS:
        raise EngineError(f"{where}: the number {value:g} is too large for the rules engine")
    return engine_number(value)


def prepare(
    facts: Sequence[Mapping[str, Any]], types: frozenset[str] | None = None
) -> list[dict[str, Any]]:
    """Facts as asserted: numbered ``i``, ``id = str(i)``, one session, sanitised numbers.

    With ``types``, only facts of those types are kept (a fact of a type no rule mentions can
    match nothing but the sink); they keep the index ``i`` of their position in ``facts``.
    """
    out = []
    for i, fact in enumerate(facts):
        if types is not None and fact.get("t") not in types:
            continue
        if len(fact) > _MAX_FIELDS:
            raise EngineError(f"fact {i} ({fact.get('t')}) has more than {_MAX_FIELDS} fields")
        clean: dict[str, Any] = {}
        for k, v in fact.items():
            kind = type(v)
            # the common cases inline (same results as sanitize); everything else through it
            if kind is str or kind is bool:
                clean[k] = v
            elif kind is int and -_MAX_ABS <= v <= _MAX_ABS:
                clean[k] = float(v)  # durable finds 2 == 2.0 false (and 2 != 2.0) in joins
            elif kind is float and _TINY <= abs(v) <= _MAX_ABS:
                clean[k] = round(v, 4)
            else:
                clean[k] = sanitize(v, f"fact {i} ({fact.get('t')}).{k}")
        clean["i"] = i
        clean["id"] = str(i)
        clean["sid"] = _SID
        out.append(clean)
    return out


def _operand(value: Any, rule: Rule, params: Mapping[str, Any], names: Mapping[str, str]) -> Any:
    if isinstance(value, Ref):
        return {names[value.alias]: value.field}
    return sanitize(resolve(value, params, rule), f"rule {rule.id}")


def _condition(
    cond: Condition, rule: Rule, params: Mapping[str, Any], names: Mapping[str, str]
) -> dict[str, Any]:
    if isinstance(cond, AnyOf):
        options = []
        for option in cond.options:
            parts = [_condition(c, rule, params, names) for c in option]
            options.append(parts[0] if len(parts) == 1 else {"$and": parts})
        return options[0] if len(options) == 1 else {"$or": options}
    assert isinstance(cond, Test)
    operand = _operand(cond.value, rule, params, names)
    if cond.op == "eq":
        return {cond.field: operand}
    return {_OPS[cond.op]: {cond.field: operand}}


def _pattern(
    pattern: Pattern, rule: Rule, params: Mapping[str, Any], names: Mapping[str, str]
) -> dict[str, Any]:
    parts = [{"t": pattern.fact}] + [_condition(c, rule, params, names) for c in pattern.conditions]
    body = parts[0] if len(parts) == 1 else {"$and": parts}
    return {names[pattern.alias]: body}


def _blocker(rule_id: str) -> Any:
    """The action of an 'absent' probe: some fact meets the entry, so the rule cannot fire."""

    def run(closure: Any) -> None:
        call = _CURRENT
        if call is not None:
            call.blocked.add(rule_id)

    return run


_COMPARE = {
    "ne": operator.ne,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}
#: (alias, field, op, other alias, other field): a comparison between two bound facts
_Check = tuple[str, str, str, str, str]


def _holds(check: _Check, match: Mapping[str, Mapping[str, Any]]) -> bool:
    alias, field, op, other_alias, other_field = check
    left, right = match[alias].get(field), match[other_alias].get(other_field)
    if left is None or right is None or isinstance(left, bool) != isinstance(right, bool):
        return False
    try:
        return bool(_COMPARE[op](left, right))
    except TypeError:
        return False


def _action(rule_id: str, names: Mapping[str, str], checks: Sequence[_Check] = ()) -> Any:
    """The action of a rule: records every match, keyed by the rule's own aliases, that passes
    the ``checks`` (comparisons between facts other than equality, see _definition)."""
    wanted = [(alias, internal) for alias, internal in names.items() if not alias.startswith("_")]

    def run(closure: Any) -> None:
        call = _CURRENT
        if call is None:
            return
        try:
            found = call.fired.setdefault(rule_id, [])
            for message in closure.m:
                data = message._d
                match = {
                    alias: dict(
                        data[internal]._d if hasattr(data[internal], "_d") else data[internal]
                    )
                    for alias, internal in wanted
                }
                if all(_holds(check, match) for check in checks):
                    found.append(match)
        except BaseException as exc:  # recorded, re-raised by evaluate_engine
            call.errors.append(exc)

    return run


def _noop(closure: Any) -> None:
    return None


def _has_ref(cond: Condition) -> bool:
    if isinstance(cond, AnyOf):
        return any(_has_ref(c) for option in cond.options for c in option)
    return isinstance(cond.value, Ref)


def _alternatives(conditions: tuple[Condition, ...]) -> list[tuple[Condition, ...]]:
    """``conditions`` with every 'any' that holds a reference spelt out: one tuple of conditions
    per combination of options (durable evaluates such an ``$or`` wrongly, see _definition)."""
    out: list[tuple[Condition, ...]] = [()]
    for cond in conditions:
        if isinstance(cond, AnyOf) and _has_ref(cond):
            options = [alt for option in cond.options for alt in _alternatives(option)]
            out = [done + alt for done in out for alt in options]
        else:
            out = [(*done, cond) for done in out]
        if len(out) > _MAX_VARIANTS:
            break
    return out


def _variants(patterns: list[Pattern], rule: Rule) -> list[list[Pattern]]:
    """The positive patterns of a rule as one or more rules without an ``$or`` over references."""
    out: list[list[Pattern]] = [[]]
    for p in patterns:
        alternatives = _alternatives(p.conditions)
        out = [[*done, attrs.evolve(p, conditions=alt)] for done in out for alt in alternatives]
        if len(out) > _MAX_VARIANTS:
            raise EngineError(
                f"rule {rule.id}: its 'any' entries that refer to other facts combine into more "
                f"than {_MAX_VARIANTS} alternatives"
            )
    return out


def _definition(rules: Sequence[Rule], params: Mapping[str, Any]) -> dict[str, Any]:
    ruleset: dict[str, Any] = {}
    for rule in rules:
        names = {p.alias: f"a{k}" for k, p in enumerate(rule.patterns)}
        positive = {p.alias: names[p.alias] for p in rule.patterns if not p.negated}
        variants = _variants([p for p in rule.patterns if not p.negated], rule)
        for k, patterns in enumerate(variants):
            # A comparison other than equality between two facts ("lt: {ref: a.x}") that comes
            # out false in a join corrupts durable's memory: the process crashed a few rule books
            # later. durable joins on the rest; the action checks those comparisons.
            checks: list[_Check] = []
            joined = []
            for p in patterns:
                kept: list[Condition] = []
                for cond in p.conditions:
                    if isinstance(cond, Test) and isinstance(cond.value, Ref) and cond.op != "eq":
                        checks.append(
                            (p.alias, cond.field, cond.op, cond.value.alias, cond.value.field)
                        )
                    else:
                        kept.append(cond)
                joined.append(attrs.evolve(p, conditions=tuple(kept)))
            ruleset[rule.id if len(variants) == 1 else f"{rule.id}__or{k}"] = {
                "all": [_pattern(p, rule, params, names) for p in joined],
                "cap": _CAP,
                "run": _action(rule.id, positive, checks),
            }
        # durable's own negation ("alias$not") is not retracted by a fact asserted later in the
        # same batch: whether a rule fired depended on the order of the facts. An 'absent' entry
        # cannot refer to other facts, so it is a yes/no question about the whole fact set: a
        # probe rule per entry asks it, and a rule whose probe fires is dropped.
        for k, pattern in enumerate(rule.patterns):
            if pattern.negated:
                ruleset[f"{rule.id}__absent{k}"] = {
                    "all": [_pattern(pattern, rule, params, names)],
                    "cap": _CAP,
                    "run": _blocker(rule.id),
                }
    # Every fact must reach some rule, or durable drops the batch: the sink takes every fact
    # into a join with a fact type that never exists, so it never fires (and never copies the
    # facts back to Python). The sentinel rule fires on every call, so an action always completes
    # before the state is deleted.
    ruleset[_SINK] = {
        "all": [{"m": {"$gte": {"i": 0}}}, {"never": {"t": _NEVER}}],
        "cap": _CAP,
        "run": _noop,
    }
    ruleset[_SENTINEL] = {"all": [{"s": {"t": "sentinel"}}], "cap": _CAP, "run": _noop}
    return ruleset


def _ruleset_for(
    fingerprint: str, rules: Sequence[Rule], params: Mapping[str, Any]
) -> tuple[str, frozenset[str]]:
    """The registered ruleset of a rule book (registered on first use) and its fact types."""
    global _HOST
    if _HOST is None:
        _HOST = _QuietHost()
    entry = _REGISTERED.get(fingerprint)
    if entry is None:
        name = f"ra_{fingerprint}"
        try:
            _HOST.register_rulesets({name: _definition(rules, params)})
        except Exception as exc:
            raise EngineError(f"durable-rules rejected the rule book: {exc}") from None
        types = frozenset({p.fact for rule in rules for p in rule.patterns} | {"sentinel"})
        entry = (name, types)
        _REGISTERED[fingerprint] = entry
    return entry


def evaluate_engine(
    fingerprint: str,
    rules: Sequence[Rule],
    facts: Sequence[Mapping[str, Any]],
    params: Mapping[str, Any],
) -> RuleMatches:
    """Run the rules over the facts with durable-rules; the rules that fired, with all matches.

    ``fingerprint`` identifies the rule book content: a ruleset is compiled and registered once
    per fingerprint and reused by every later call.
    """
    global _CURRENT
    if not facts or facts[-1].get("t") != "sentinel":
        facts = [*facts, {"t": "sentinel"}]
    with _LOCK:
        name, types = _ruleset_for(fingerprint, rules, params)
        prepared = prepare(facts, types)
        assert _HOST is not None
        call = _Call()
        _CURRENT = call
        try:
            _HOST.assert_facts(name, prepared)
            state = _HOST.get_state(name, _SID)
        except Exception as exc:
            raise EngineError(f"durable-rules failed while evaluating: {exc!r}") from None
        finally:
            _CURRENT = None
            with contextlib.suppress(Exception):
                _HOST.delete_state(name, _SID)
    if call.errors:
        raise EngineError(f"a rule action failed: {call.errors[0]!r}") from call.errors[0]
    if isinstance(state, dict) and "exception" in state:
        raise EngineError(f"durable-rules reported an error: {state['exception']}")
    out: RuleMatches = []
    for rule in rules:
        found = call.fired.get(rule.id)
        if found and rule.id not in call.blocked:
            out.append((rule.id, sort_matches(rule, found)))
    return out
