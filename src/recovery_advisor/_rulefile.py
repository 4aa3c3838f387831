"""Parse and check one rule file (YAML) into :mod:`rules_ast` objects.

Every mistake raises :class:`RuleFileError` with the file, the rule id, the line and, for a
misspelt name, a suggestion. Nothing in a rule file is executed.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

import attrs
import yaml

from ._matching import PRECISION, engine_number
from ._yaml import LDict, line_of, load_yaml
from .errors import RuleFileError
from .facts import FACT_SCHEMA
from .rules_ast import (
    AnyOf,
    Condition,
    Effect,
    Example,
    Operand,
    Param,
    ParamRef,
    Pattern,
    Ref,
    Rule,
    Test,
    Then,
)
from .vocabulary import ACTIONS, SEVERITIES, VERDICTS

__all__ = ["RuleFile", "parse_rule_file"]

RULE_KEYS = ("id", "title", "source", "ref", "description", "when", "then", "examples")
FILE_KEYS = ("version", "description", "params", "plans", "disable", "fixtures", "rules")
THEN_KEYS = (
    "action",
    "severity",
    "message",
    "because",
    "muscles",
    "exercise",
    "replacement",
    "drill_for",
    "verdict",
    "session",
)
PATTERN_KEYS = ("fact", "as", "where", "absent")
OPERATORS = ("eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "between")
EFFECTS: dict[str, tuple[str, ...]] = {
    "swap": ("target", "to", "muscle", "options", "note"),
    "reduce": ("target", "sets", "load_pct", "rpe_max", "note"),
    "remove": ("target", "note"),
    "rest": ("target", "seconds", "note"),
    "alternate": ("note",),
    "warm_up": ("minutes", "drills", "note"),
    "template": ("plan", "note"),
    "cancel": ("note",),
    "note": ("target", "text"),
}
EXAMPLE_KEYS = ("name", "history", "now", "plan", "expect")
EXPECT_KEYS = ("verdict", "session_has", "session_lacks", "severity", "action")
ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
ALIAS = re.compile(r"^[a-z][a-z0-9_]{0,15}$")
TEMPLATE = re.compile(r"\{([^{}]*)\}")
DEFAULT_NOW = "2026-11-25T08:00:00"
_FACT_TYPES = tuple(t for t in FACT_SCHEMA if t != "sentinel")


@attrs.frozen(slots=True)
class RuleFile:
    """Everything one rule file declares."""

    path: str
    rules: tuple[Rule, ...]
    params: tuple[Param, ...]
    plans: Mapping[str, Any]
    disable: tuple[str, ...]
    fixtures: Mapping[str, Any] = attrs.field(factory=dict)


def _kind(value: Any) -> str:
    """The YAML kind of a value, for messages (never an internal class name)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"[:60]


def _hint(word: str, options: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


class _Ctx:
    def __init__(self, path: str) -> None:
        self.path = path
        self.rule_id: str | None = None
        self.line = 1  # where the current part starts: the line of a value that has none

    def fail(
        self, problem: str, node: Any = None, key: Any = None, suggestion: str | None = None
    ) -> NoReturn:
        line = line_of(node, key)
        raise RuleFileError(
            problem,
            file=self.path,
            line=self.line if line is None else line,
            rule_id=self.rule_id,
            suggestion=suggestion,
        )

    def keys(self, obj: Any, allowed: tuple[str, ...], what: str) -> None:
        if not isinstance(obj, dict):
            self.fail(f"{what} must be a mapping, got {_kind(obj)}", obj)
        for key in obj:
            if key not in allowed:
                self.fail(
                    f"unknown key {key!r} in {what}; expected one of {', '.join(allowed)}",
                    obj,
                    key,
                    _hint(str(key), allowed),
                )

    def text(self, obj: Mapping[str, Any], key: str, what: str, *, required: bool = True) -> str:
        if key not in obj:
            if required:
                self.fail(f"{what} needs {key!r}", obj)
            return ""
        value = obj[key]
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{what}.{key} must be non-empty text", obj, key)
        return value.strip()

    def choice(self, obj: Mapping[str, Any], key: str, options: tuple[str, ...], what: str) -> str:
        value = obj.get(key)
        if value not in options:
            self.fail(
                f"{what}.{key} must be one of {', '.join(options)}, got {value!r}",
                obj,
                key,
                _hint(str(value), options),
            )
        return str(value)


def parse_rule_file(text: str, path: str) -> RuleFile:
    """Parse the text of one rule file; ``path`` is used in error messages."""
    ctx = _Ctx(path)
    try:
        doc = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        position = getattr(exc, "position", None)  # a ReaderError (bad character) has no mark
        if line is None and isinstance(position, int):
            line = text.count("\n", 0, position) + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleFileError(f"not valid YAML: {problem}", file=path, line=line) from None
    if doc is None:
        doc = LDict()
        doc.line, doc.key_lines = 1, {}
    ctx.keys(doc, FILE_KEYS, "a rule file")
    version = doc.get("version", 1)
    if version != 1:
        ctx.fail(f"version must be 1, got {version!r}", doc, "version")
    ctx.line = line_of(doc, "params", 1) or 1
    params = _params(ctx, doc.get("params", {}))
    plans = doc.get("plans", {})
    if not isinstance(plans, dict):
        ctx.fail("plans must be a mapping of plan name to plan", doc, "plans")
    disable = doc.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
        ctx.fail("disable must be a list of rule ids", doc, "disable")
    fixtures = doc.get("fixtures", {})
    if not isinstance(fixtures, dict):
        ctx.fail("fixtures must be a mapping of name to history", doc, "fixtures")
    raw_rules = doc.get("rules", [])
    if not isinstance(raw_rules, list):
        ctx.fail("rules must be a list", doc, "rules")
    rules: list[Rule] = []
    seen: dict[str, int | None] = {}
    for i, raw in enumerate(raw_rules):
        ctx.rule_id = None
        ctx.line = line_of(raw_rules, i, ctx.line) or ctx.line
        rule = _rule(ctx, raw, line_of(raw_rules, i))
        if rule.id in seen:
            ctx.fail(
                f"rule id {rule.id!r} is used twice in this file (first at line {seen[rule.id]})",
                raw,
            )
        seen[rule.id] = rule.line
        rules.append(rule)
    return RuleFile(
        path=path,
        rules=tuple(rules),
        params=params,
        plans=dict(plans),
        disable=tuple(disable),
        fixtures=dict(fixtures),
    )


def _params(ctx: _Ctx, raw: Any) -> tuple[Param, ...]:
    if not isinstance(raw, dict):
        ctx.fail("params must be a mapping of name to value", raw)
    out = []
    for name, spec in raw.items():
        if not re.match(r"^[a-z][a-z0-9_]*$", name):
            ctx.fail(f"parameter name {name!r} must be lower_case_with_underscores", raw, name)
        if isinstance(spec, dict):
            ctx.keys(
                spec,
                ("value", "unit", "source", "description", "min", "max"),
                f"parameter {name!r}",
            )
            for bound in ("min", "max"):
                b = spec.get(bound)
                if b is not None and (isinstance(b, bool) or not isinstance(b, (int, float))):
                    ctx.fail(f"parameter {name!r}: {bound} must be a number", spec, bound)
            if "value" not in spec:
                ctx.fail(f"parameter {name!r} needs a value", spec)
            value = spec["value"]
            unit = str(spec.get("unit", ""))
            source = str(spec.get("source", ""))
            desc = str(spec.get("description", ""))
        else:
            value, unit, source, desc = spec, "", "", ""
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            ctx.fail(f"parameter {name!r} must be a number or text, got {value!r}", raw, name)
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            ctx.fail(f"parameter {name!r} must be finite", raw, name)
        bounds = spec if isinstance(spec, dict) else {}
        out.append(
            Param(
                name,
                value,
                unit,
                source,
                desc,
                file=ctx.path,
                line=line_of(raw, name),
                minimum=bounds.get("min"),
                maximum=bounds.get("max"),
            )
        )
    return tuple(out)


def _rule(ctx: _Ctx, raw: Any, line: int | None) -> Rule:
    if not isinstance(raw, dict):
        raise RuleFileError("each rule must be a mapping", file=ctx.path, line=line)
    rid = raw.get("id")
    if isinstance(rid, str):
        ctx.rule_id = rid
    ctx.keys(raw, RULE_KEYS, "a rule")
    if not isinstance(rid, str) or not ID.match(rid):
        ctx.fail(
            f"id must be 2-64 characters of lower-case letters, digits and '-', got {rid!r}",
            raw,
            "id",
        )
    title = ctx.text(raw, "title", "the rule")
    source = ctx.text(raw, "source", "the rule")
    ref = ctx.text(raw, "ref", "the rule", required=False) or "article"
    if "when" not in raw:
        ctx.fail("the rule needs 'when' (a list of facts to match)", raw)
    patterns, params = _when(ctx, raw["when"])
    if "then" not in raw:
        ctx.fail("the rule needs 'then' (what it advises)", raw)
    aliases = {p.alias for p in patterns if not p.negated}
    types = {p.alias: p.fact for p in patterns if not p.negated}
    then = _then(ctx, raw["then"], types)
    for effect in then.effects:
        if effect.target is not None and effect.target not in aliases:
            ctx.fail(
                f"session effect {effect.kind!r} targets unknown alias {effect.target!r}",
                raw["then"],
            )
        if effect.target is not None and types[effect.target] not in ("planned", "load"):
            ctx.fail(
                f"session effect {effect.kind!r} must target a 'planned' or 'load' fact, "
                f"{effect.target!r} is a {types[effect.target]!r}",
                raw["then"],
            )
    examples = _examples(ctx, raw.get("examples"), raw)
    desc = raw.get("description", "")
    return Rule(
        id=rid,
        title=title,
        source=source,
        ref=ref,
        patterns=patterns,
        then=then,
        examples=examples,
        description=desc if isinstance(desc, str) else "",
        params=tuple(sorted(params)),
        file=ctx.path,
        line=line_of(raw),
    )


def _when(ctx: _Ctx, raw: Any) -> tuple[tuple[Pattern, ...], set[str]]:
    if not isinstance(raw, list) or not raw:
        ctx.fail("'when' must be a non-empty list of facts to match", raw)
    patterns: list[Pattern] = []
    params: set[str] = set()
    bound: dict[str, str] = {}
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            ctx.fail("each entry of 'when' must be a mapping with 'fact'", raw, i)
        ctx.keys(item, PATTERN_KEYS, "a 'when' entry")
        negated = bool(item.get("absent", False))
        fact = item.get("fact")
        if fact not in _FACT_TYPES:
            ctx.fail(
                f"unknown fact type {fact!r}; known: {', '.join(_FACT_TYPES)}",
                item,
                "fact",
                _hint(str(fact), _FACT_TYPES),
            )
        alias = item.get("as", f"_{i}" if negated else fact)
        if not isinstance(alias, str) or not (
            ALIAS.match(alias) or (negated and alias.startswith("_"))
        ):
            ctx.fail(f"'as' must be a short lower-case name, got {alias!r}", item, "as")
        if alias in bound:
            ctx.fail(f"alias {alias!r} is bound twice; give each entry its own 'as'", item, "as")
        where = item.get("where", {})
        conditions = _where(ctx, where, str(fact), bound, params, allow_refs=not negated)
        patterns.append(Pattern(alias, str(fact), conditions, negated, line_of(raw, i)))
        if not negated:
            bound[alias] = str(fact)
    if all(p.negated for p in patterns):
        ctx.fail("'when' needs at least one fact that is not 'absent'", raw)
    return tuple(patterns), params


def _where(
    ctx: _Ctx,
    where: Any,
    fact: str,
    bound: Mapping[str, str],
    params: set[str],
    *,
    allow_refs: bool,
) -> tuple[Condition, ...]:
    if not isinstance(where, dict):
        ctx.fail("'where' must be a mapping of field to condition", where)
    fields = FACT_SCHEMA[fact]
    out: list[Condition] = []
    for field, cond in where.items():
        if field == "any":
            if not isinstance(cond, list) or not cond:
                ctx.fail("'any' must be a non-empty list of 'where' mappings", where, field)
            options = tuple(
                _where(ctx, option, fact, bound, params, allow_refs=allow_refs) for option in cond
            )
            out.append(AnyOf(options))
            continue
        if field not in fields:
            ctx.fail(
                f"fact {fact!r} has no field {field!r}; its fields: {', '.join(fields) or '(none)'}",
                where,
                field,
                _hint(field, fields),
            )
        kind = fields[field]
        if isinstance(cond, dict) and "ref" not in cond:
            if not cond:
                ctx.fail(f"condition on {field!r} is empty", where, field)
            for op, value in cond.items():
                if op not in OPERATORS:
                    ctx.fail(
                        f"unknown operator {op!r} on {field!r}; operators: {', '.join(OPERATORS)}",
                        cond,
                        op,
                        _hint(op, OPERATORS),
                    )
                out.extend(_op(ctx, field, kind, op, value, cond, bound, params, allow_refs))
        else:
            out.extend(_op(ctx, field, kind, "eq", cond, where, bound, params, allow_refs))
    return tuple(out)


def _op(
    ctx: _Ctx,
    field: str,
    kind: str,
    op: str,
    value: Any,
    node: Any,
    bound: Mapping[str, str],
    params: set[str],
    allow_refs: bool,
) -> list[Condition]:
    def operand(v: Any) -> Operand:
        if isinstance(v, dict):
            if set(v) != {"ref"} or not isinstance(v["ref"], str) or v["ref"].count(".") != 1:
                ctx.fail(f"a reference on {field!r} is written {{ref: alias.field}}", node, op)
            if not allow_refs:
                ctx.fail("an 'absent' entry cannot refer to other facts", node, op)
            alias, other = v["ref"].split(".")
            if alias not in bound:
                ctx.fail(
                    f"reference {v['ref']!r}: no earlier fact is bound to {alias!r}",
                    node,
                    op,
                    _hint(alias, bound),
                )
            other_fields = FACT_SCHEMA[bound[alias]]
            if other not in other_fields:
                ctx.fail(
                    f"reference {v['ref']!r}: fact {bound[alias]!r} has no field {other!r}",
                    node,
                    op,
                    _hint(other, other_fields),
                )
            if other_fields[other] != kind:
                ctx.fail(
                    f"reference {v['ref']!r} is {other_fields[other]}, {field!r} is {kind}",
                    node,
                    op,
                )
            return Ref(alias, other)
        if isinstance(v, str) and v.startswith("$"):
            params.add(v[1:])
            return ParamRef(v[1:])
        if kind == "bool":
            if not isinstance(v, bool):
                ctx.fail(f"{field!r} is true or false, got {v!r}", node, op)
        elif kind == "num":
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                ctx.fail(f"{field!r} is a number, got {v!r}", node, op)
            if not math.isfinite(v) or abs(v) > 1e15:  # the rules engine cannot hold it
                ctx.fail(f"{field!r} needs a finite number below 1e15, got {v!r}", node, op)
            if isinstance(v, float) and engine_number(v) != v:
                ctx.fail(
                    f"{field!r}: {v!r} has more than {PRECISION} decimals, finer than the rules "
                    f"engine compares (write {engine_number(v)!r})",
                    node,
                    op,
                )
        elif not isinstance(v, str):
            ctx.fail(f"{field!r} is text, got {v!r}", node, op)
        return v  # type: ignore[no-any-return]

    if op in ("lt", "lte", "gt", "gte") and kind != "num":
        ctx.fail(f"operator {op!r} needs a number field; {field!r} is {kind}", node, op)
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            ctx.fail(f"{op!r} on {field!r} needs a non-empty list", node, op)
        values = [operand(x) for x in value]
        if op == "in":
            return [AnyOf(tuple((Test(field, "eq", x),) for x in values))]
        return [Test(field, "ne", x) for x in values]
    if op == "between":
        if not isinstance(value, list) or len(value) != 2:
            ctx.fail(f"'between' on {field!r} needs [low, high]", node, op)
        if kind != "num":
            ctx.fail(f"'between' needs a number field; {field!r} is {kind}", node, op)
        return [Test(field, "gte", operand(value[0])), Test(field, "lte", operand(value[1]))]
    return [Test(field, op, operand(value))]


def _check_template(ctx: _Ctx, text: Any, types: Mapping[str, str], node: Any, key: Any) -> str:
    if not isinstance(text, str):
        ctx.fail(f"{key!r} must be text", node, key)
    for ref in TEMPLATE.findall(text):
        if ref.startswith("$"):
            continue
        if ref.count(".") != 1:
            ctx.fail(f"placeholder {{{ref}}} must be {{alias.field}} or {{$param}}", node, key)
        alias, field = ref.split(".")
        if alias not in types:
            ctx.fail(
                f"placeholder {{{ref}}}: no fact is bound to {alias!r}",
                node,
                key,
                _hint(alias, types),
            )
        if field not in FACT_SCHEMA[types[alias]]:
            ctx.fail(
                f"placeholder {{{ref}}}: fact {types[alias]!r} has no field {field!r}",
                node,
                key,
                _hint(field, FACT_SCHEMA[types[alias]]),
            )
    return text


def _then(ctx: _Ctx, raw: Any, types: Mapping[str, str]) -> Then:
    ctx.keys(raw, THEN_KEYS, "'then'")
    action = ctx.choice(raw, "action", ACTIONS, "then")
    severity = ctx.choice(raw, "severity", SEVERITIES, "then") if "severity" in raw else "info"
    message = _check_template(ctx, ctx.text(raw, "message", "then"), types, raw, "message")
    because = raw.get("because", [])
    if isinstance(because, str):
        because = [because]
    if not isinstance(because, list):
        ctx.fail("'because' must be a list of text templates", raw, "because")
    muscles = raw.get("muscles", [])
    if isinstance(muscles, str):
        muscles = [muscles]
    if not isinstance(muscles, list):
        ctx.fail("'muscles' must be a list of muscles or templates", raw, "muscles")
    verdict = raw.get("verdict")
    if verdict is not None and verdict not in VERDICTS:
        ctx.fail(
            f"then.verdict must be one of {', '.join(VERDICTS)}",
            raw,
            "verdict",
            _hint(str(verdict), VERDICTS),
        )
    effects: list[Effect] = []
    session = raw.get("session", [])
    if isinstance(session, dict):
        session = [session]
    if not isinstance(session, list):
        ctx.fail("'session' must be a list of effects", raw, "session")
    for item in session:
        if not isinstance(item, dict) or len(item) != 1:
            ctx.fail(
                f"each session effect is a one-key mapping, one of {', '.join(EFFECTS)}",
                raw,
                "session",
            )
        ((kind, args),) = item.items()
        if kind not in EFFECTS:
            ctx.fail(
                f"unknown session effect {kind!r}; known: {', '.join(EFFECTS)}",
                item,
                kind,
                _hint(kind, EFFECTS),
            )
        args = {} if args is None else args
        ctx.keys(args, EFFECTS[kind], f"session effect {kind!r}")
        for key, value in args.items():
            for item_value in value if isinstance(value, list) else [value]:
                if isinstance(item_value, str):
                    _check_template(ctx, item_value, types, args, key)
        target = args.get("target")
        effects.append(Effect(kind, target, {k: v for k, v in args.items() if k != "target"}))
    opt = {}
    for key in ("exercise", "replacement", "drill_for"):
        if key in raw:
            opt[key] = _check_template(ctx, raw[key], types, raw, key)
    return Then(
        action=action,
        severity=severity,
        message=message,
        because=tuple(_check_template(ctx, b, types, because, i) for i, b in enumerate(because)),
        muscles=tuple(_check_template(ctx, m, types, muscles, i) for i, m in enumerate(muscles)),
        exercise=opt.get("exercise"),
        replacement=opt.get("replacement"),
        drill_for=opt.get("drill_for"),
        verdict=verdict,
        effects=tuple(effects),
    )


def _examples(ctx: _Ctx, raw: Any, rule: Any) -> tuple[Example, ...]:
    if raw is None:
        ctx.fail(
            "the rule needs 'examples' with at least one 'fires' and one 'silent' history", rule
        )
    ctx.keys(raw, ("fires", "silent"), "'examples'")
    out: list[Example] = []
    for kind in ("fires", "silent"):
        items = raw.get(kind)
        if not isinstance(items, list) or not items:
            ctx.fail(f"'examples' needs at least one {kind!r} example", raw, kind)
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                ctx.fail("each example must be a mapping with 'name' and 'history'", items, i)
            ctx.keys(item, EXAMPLE_KEYS, "an example")
            name = ctx.text(item, "name", "the example")
            history = item.get("history", {})
            if isinstance(history, str):
                history = {"use": history}
            if not isinstance(history, dict):
                ctx.fail("example 'history' must be a mapping or a fixture name", item, "history")
            if "use" in history and not isinstance(history["use"], str):
                ctx.fail("'use' names a fixture", history, "use")
            now = item.get("now", DEFAULT_NOW)
            expect = item.get("expect", {})
            ctx.keys(expect, EXPECT_KEYS, "'expect'")
            out.append(
                Example(kind, name, history, str(now), item.get("plan"), expect, line_of(items, i))
            )
    return tuple(out)
