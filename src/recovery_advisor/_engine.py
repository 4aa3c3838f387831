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
exceptions in actions swallowed        durable runs no Python action: the adapter drives
                                       the actions itself (``_drive``), reads each match and
                                       raises its own errors once the session is deleted
ruleset churn leaks memory             one ruleset per rule-book fingerprint, registered once
more than 255 properties per fact      :func:`sanitize` refuses facts with > 200 fields
``register_rulesets`` mutates input    a fresh definition is built for each registration
``$not`` depends on the facts' order   'absent' entries are probe rules (see ``_definition``)
joins: ``2 == 2.0`` and ``2 != 2.0``   every number is asserted as a float
``$or`` over references misjudged,     every 'any' of an entry that refers to another
  and one before a reference skips it  fact becomes separate rules
a false ``<``/``!=`` between facts     such comparisons are checked by the action, not durable
  corrupts memory (crash later)
a lone alias ``m`` is unwrapped        engine aliases are internal (``a0``, ``a1``, ...)
a DeprecationWarning per action        durable's clock ``_unix_now`` is replaced by ours:
  on Python 3.12+                      the same value, without ``utcfromtimestamp``
=====================================  ================================================

Speed: durable's Python layer costs more than its C engine (a closure, a JSON copy of the state
and a JSON round trip per action: about 1 ms of 2.5 for the bundled rule book and the
legs-and-back plan). ``_drive`` calls the C functions the layer calls, in the same order, without
the rest; and a fact is asserted with only the fields some rule's conditions read (``t``, ``i``,
``id``, ``sid`` and those): a match binds the index ``i``, and the adapter hands the rule the
whole prepared fact of that index, so messages and the facts' JSON stay small.

The last two hazards were found here, not in the field notes: durable's ``Closure`` replaces a
match ``{"m": fact}`` by the bare fact, so a one-fact rule whose alias is ``m`` lost its binding;
and its clock calls ``datetime.utcfromtimestamp``, deprecated since Python 3.12.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import math
import operator
import threading
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import attrs

from ._matching import Match, RuleMatches, engine_number, resolve, sort_matches
from .errors import EngineError
from .rules_ast import AnyOf, Condition, Pattern, Ref, Rule, Test

try:
    from durable import engine as _durable
except ImportError as exc:  # pragma: no cover - only where durable-rules cannot load
    from ._compat import durable_load_error

    raise durable_load_error(exc) from exc

_C = _durable.durable_rules_engine  # the C engine that durable's Python layer drives

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


#: (alias, field, op, other alias, other field): a comparison between two bound facts
_Check = tuple[str, str, str, str, str]


class _Action(NamedTuple):
    """What the adapter does when durable starts the action of a ruleset entry."""

    rule_id: str
    kind: str  # "match": record the match; "block": an 'absent' probe; "none": sink, sentinel
    wanted: tuple[tuple[str, str], ...] = ()  # (the rule's alias, the engine's alias)
    checks: tuple[_Check, ...] = ()


class _Registered(NamedTuple):
    """A rule book registered with durable."""

    name: str
    types: frozenset[str]  # the fact types some rule reads
    handle: Any  # durable's ruleset handle
    fields: Mapping[str, frozenset[str]]  # per fact type, the fields asserted
    actions: Mapping[str, _Action]  # per ruleset entry


_LOCK = threading.RLock()
_HOST: _QuietHost | None = None
_REGISTERED: dict[str, _Registered] = {}
#: the fields every asserted fact keeps: type, index, id and session
_ALWAYS = frozenset({"t", "i", "id", "sid"})


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
    return _prepare(facts, types, None)[1]


def _prepare(
    facts: Sequence[Mapping[str, Any]],
    types: frozenset[str] | None,
    fields: Mapping[str, frozenset[str]] | None,
) -> tuple[list[dict[str, Any] | None], list[dict[str, Any]]]:
    """Per position in ``facts``, the whole prepared fact (``None`` for a type not kept), and
    the facts as asserted: the same, or with ``fields`` only the fields of their type's entry.

    Every field is sanitised, asserted or not: a bad number is an error wherever it is.
    """
    whole: list[dict[str, Any] | None] = []
    asserted: list[dict[str, Any]] = []
    for i, fact in enumerate(facts):
        t = fact.get("t")
        if types is not None and t not in types:
            whole.append(None)
            continue
        if len(fact) > _MAX_FIELDS:
            raise EngineError(f"fact {i} ({t}) has more than {_MAX_FIELDS} fields")
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
                clean[k] = sanitize(v, f"fact {i} ({t}).{k}")
        clean["i"] = i
        clean["id"] = str(i)
        clean["sid"] = _SID
        whole.append(clean)
        if fields is None:
            asserted.append(clean)
        else:
            keep = fields[t] if isinstance(t, str) and t in fields else _ALWAYS
            asserted.append({k: v for k, v in clean.items() if k in keep})
    return whole, asserted


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


_COMPARE = {
    "ne": operator.ne,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


def _holds(check: _Check, match: Mapping[str, Mapping[str, Any]]) -> bool:
    alias, field, op, other_alias, other_field = check
    left, right = match[alias].get(field), match[other_alias].get(other_field)
    if left is None or right is None or isinstance(left, bool) != isinstance(right, bool):
        return False
    try:
        return bool(_COMPARE[op](left, right))
    except TypeError:
        return False


def _noop(closure: Any) -> None:
    return None


def _has_ref(cond: Condition) -> bool:
    if isinstance(cond, AnyOf):
        return any(_has_ref(c) for option in cond.options for c in option)
    return isinstance(cond.value, Ref)


def _alternatives(
    conditions: tuple[Condition, ...], joined: bool = False
) -> list[tuple[Condition, ...]]:
    """``conditions`` with every 'any' spelt out, one tuple of conditions per combination of
    options, when the entry refers to another fact (``joined``, or some condition holds a
    reference): durable evaluates an ``$or`` over references wrongly, and one written before a
    reference makes it skip the reference (see _definition). Other entries keep their ``$or``."""
    joined = joined or any(_has_ref(c) for c in conditions)
    out: list[tuple[Condition, ...]] = [()]
    for cond in conditions:
        if isinstance(cond, AnyOf) and joined:
            options = [alt for option in cond.options for alt in _alternatives(option, True)]
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


def _definition(
    rules: Sequence[Rule], params: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, _Action]]:
    """The ruleset durable registers, and what the adapter does for each of its entries (durable
    gets a no-op for every ``run``: it never calls them, see :func:`_drive`)."""
    ruleset: dict[str, Any] = {}
    actions: dict[str, _Action] = {}
    for rule in rules:
        names = {p.alias: f"a{k}" for k, p in enumerate(rule.patterns)}
        positive = {p.alias: names[p.alias] for p in rule.patterns if not p.negated}
        # An 'any' in an entry that refers to another fact is spelt out as separate rules: durable
        # misjudges an $or over references, and with an $or before a reference ("pattern: {in:
        # [hinge, squat]}, ex: {ref: f0.x}") it matched facts whose reference did not hold.
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
            entry = rule.id if len(variants) == 1 else f"{rule.id}__or{k}"
            ruleset[entry] = {
                "all": [_pattern(p, rule, params, names) for p in joined],
                "cap": _CAP,
                "run": _noop,
            }
            wanted = tuple((a, i) for a, i in positive.items() if not a.startswith("_"))
            actions[entry] = _Action(rule.id, "match", wanted, tuple(checks))
        # durable's own negation ("alias$not") is not retracted by a fact asserted later in the
        # same batch: whether a rule fired depended on the order of the facts. An 'absent' entry
        # cannot refer to other facts, so it is a yes/no question about the whole fact set: a
        # probe rule per entry asks it, and a rule whose probe fires is dropped.
        for k, pattern in enumerate(rule.patterns):
            if pattern.negated:
                ruleset[f"{rule.id}__absent{k}"] = {
                    "all": [_pattern(pattern, rule, params, names)],
                    "cap": _CAP,
                    "run": _noop,
                }
                actions[f"{rule.id}__absent{k}"] = _Action(rule.id, "block")
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
    actions[_SINK] = actions[_SENTINEL] = _Action("", "none")
    return ruleset, actions


def _fields(rules: Sequence[Rule]) -> dict[str, frozenset[str]]:
    """Per fact type, the fields some condition of ``rules`` reads (on its own fact, or on
    another through a reference), with :data:`_ALWAYS`."""
    read: dict[str, set[str]] = {"sentinel": set()}

    def walk(fact: str, conditions: tuple[Condition, ...], types: Mapping[str, str]) -> None:
        for cond in conditions:
            if isinstance(cond, AnyOf):
                for option in cond.options:
                    walk(fact, option, types)
                continue
            read.setdefault(fact, set()).add(cond.field)
            if isinstance(cond.value, Ref):
                read.setdefault(types[cond.value.alias], set()).add(cond.value.field)

    for rule in rules:
        types = {p.alias: p.fact for p in rule.patterns}
        for p in rule.patterns:
            read.setdefault(p.fact, set())
            walk(p.fact, p.conditions, types)
    return {fact: frozenset(fields | _ALWAYS) for fact, fields in read.items()}


def _ruleset_for(fingerprint: str, rules: Sequence[Rule], params: Mapping[str, Any]) -> _Registered:
    """The registered ruleset of a rule book (registered on first use)."""
    global _HOST
    if _HOST is None:
        _HOST = _QuietHost()
    entry = _REGISTERED.get(fingerprint)
    if entry is None:
        name = f"ra_{fingerprint}"
        definition, actions = _definition(rules, params)
        try:
            _HOST.register_rulesets({name: definition})
            handle = _HOST.get_ruleset(name)._handle
        except Exception as exc:
            raise EngineError(f"durable-rules rejected the rule book: {exc}") from None
        fields = _fields(rules)
        entry = _Registered(name, frozenset(fields), handle, fields, actions)
        _REGISTERED[fingerprint] = entry
    return entry


def _record(
    action: _Action,
    matches: Any,
    facts: Sequence[dict[str, Any] | None],
    fired: dict[str, list[Match]],
    blocked: set[str],
) -> None:
    """What one action of durable means: a rule's matches (each bound fact replaced by the
    whole prepared fact of its index) or an 'absent' probe that some fact meets."""
    if action.kind == "block":
        blocked.add(action.rule_id)
    if action.kind != "match":
        return
    found = fired.setdefault(action.rule_id, [])
    for bound in matches if isinstance(matches, list) else [matches]:
        match = {}
        for alias, internal in action.wanted:
            fact = facts[int(bound[internal]["i"])]
            if fact is None:  # durable bound a fact that was never asserted
                raise EngineError(f"rule {action.rule_id} bound an unknown fact {bound[internal]}")
            match[alias] = fact  # shared by every match that binds it (never changed)
        if all(_holds(check, match) for check in action.checks):
            found.append(match)


def _drive(
    ruleset: _Registered,
    text: str,
    facts: Sequence[dict[str, Any] | None],
    fired: dict[str, list[Match]],
    blocked: set[str],
) -> list[BaseException]:
    """Assert the facts (JSON ``text``) in session ``_SID`` and run every action it starts, as
    durable's ``Host.assert_facts`` does, but reading each match here; the errors met.

    Every action is completed even after an error (the sentinel's too), so the session can be
    deleted safely (see the hazard table).
    """
    handle = ruleset.handle
    errors: list[BaseException] = []
    result = _C.assert_facts(handle, text)
    if result[0] in (1, 2):  # no rule took a fact (the sink takes all), or a duplicate id
        raise EngineError(f"durable-rules refused the facts (code {result[0]})")
    state = result[1]
    started = _C.start_action_for_state(handle, state)
    message = started[1] if started else None
    while message:
        try:
            for name, matches in json.loads(message).items():
                _record(ruleset.actions[name], matches, facts, fired, blocked)
        except Exception as exc:  # recorded, raised once the session is gone
            errors.append(exc)
        message = _C.complete_and_start_action(handle, state)
    return errors


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
    if not facts or facts[-1].get("t") != "sentinel":
        facts = [*facts, {"t": "sentinel"}]
    fired: dict[str, list[Match]] = {}
    blocked: set[str] = set()  # rules with an 'absent' entry that a fact meets
    with _LOCK:
        ruleset = _ruleset_for(fingerprint, rules, params)
        whole, asserted = _prepare(facts, ruleset.types, ruleset.fields)
        try:
            errors = _drive(
                ruleset, json.dumps(asserted, ensure_ascii=False), whole, fired, blocked
            )
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"durable-rules failed while evaluating: {exc!r}") from None
        finally:
            with contextlib.suppress(Exception):
                _C.delete_state(ruleset.handle, _SID)
    if errors:
        raise EngineError(f"a rule action failed: {errors[0]!r}") from errors[0]
    out: RuleMatches = []
    for rule in rules:
        found = fired.get(rule.id)
        if found and rule.id not in blocked:
            out.append((rule.id, sort_matches(rule, found)))
    return out
