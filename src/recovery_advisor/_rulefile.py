"""Parse and check one rule file (YAML) into :mod:`rules_ast` objects.

Every mistake raises :class:`RuleFileError` with the file, the rule id, the line and, for a
misspelt name, a suggestion. Nothing in a rule file is executed.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NoReturn, ParamSpec, TypeVar

import attrs
import yaml

from ._matching import PRECISION, engine_number
from ._template import param_name
from ._yaml import LDict, line_of, load_yaml
from .errors import HistoryError, RuleFileError
from .facts import FACT_SCHEMA, FIELD_VALUES
from .plan import Plan
from .rules_ast import (
    AnyOf,
    Condition,
    Effect,
    Example,
    Operand,
    Param,
    ParamRef,
    ParamUse,
    Pattern,
    Ref,
    Rule,
    Test,
    Then,
)
from .vocabulary import ACTIONS, MUSCLE_GROUPS, MUSCLES, REST_DAY, SEVERITIES, VERDICTS

__all__ = ["RuleFile", "in_order", "parse_rule_file", "read_rule_file"]

T = TypeVar("T")
P = ParamSpec("P")

RULE_KEYS = (
    "id",
    "title",
    "topic",
    "source",
    "ref",
    "description",
    "when",
    "then",
    "examples",
)
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
    "rest_day",
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
    disable_lines: Mapping[str, int | None] = attrs.field(factory=dict)


def _kind(value: Any) -> str:
    """The YAML kind of a value, for messages (never an internal class name)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"[:60]


def _got(value: Any) -> str:
    """A value for messages: short, and never an internal class name."""
    if isinstance(value, (dict, list)) or value is None:
        return _kind(value)
    return repr(value)[:60]


def _vocabulary_hint(word: str, vocabulary: Iterable[str]) -> str | None:
    """'did you mean', or how to write a muscle group (check-ins of a group are expanded)."""
    if word in MUSCLE_GROUPS and "hamstrings" in vocabulary:
        return f"{word} is a group of muscles: write '{word}: true' or 'group: {word}'"
    return _hint(word, vocabulary)


def _hint(word: str, options: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


class _Ctx:
    """Where the parser is (file, rule, line) and the problems it has found so far.

    ``fail`` raises (the part being read cannot go on); ``note`` records a problem and lets the
    parser go on; ``attempt`` reads one part, recording its problem and giving ``default``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.rule_id: str | None = None
        self.line = 1  # where the current part starts: the line of a value that has none
        self.errors: list[RuleFileError] = []

    def error(
        self,
        problem: str,
        node: Any = None,
        key: Any = None,
        suggestion: str | None = None,
        *,
        line: int | None = None,
    ) -> RuleFileError:
        """The error at ``line``, else at the line of ``node`` (or its ``key``), else at the
        line where the current part starts."""
        line = line_of(node, key) if line is None else line
        return RuleFileError(
            problem,
            file=self.path,
            line=self.line if line is None else line,
            rule_id=self.rule_id,
            suggestion=suggestion,
        )

    def fail(
        self, problem: str, node: Any = None, key: Any = None, suggestion: str | None = None
    ) -> NoReturn:
        raise self.error(problem, node, key, suggestion)

    def note(
        self, problem: str, node: Any = None, key: Any = None, suggestion: str | None = None
    ) -> None:
        self.errors.append(self.error(problem, node, key, suggestion))

    def attempt(self, default: T, read: Callable[P, T], /, *args: P.args, **kw: P.kwargs) -> T:
        try:
            return read(*args, **kw)
        except RuleFileError as exc:
            self.errors.append(exc)
            return default

    def keys(self, obj: Any, allowed: tuple[str, ...], what: str) -> None:
        if not isinstance(obj, dict):
            self.fail(f"{what} must be a mapping, got {_kind(obj)}", obj)
        for key in obj:
            if key not in allowed:
                self.note(
                    f"unknown key {key!r} in {what}; expected one of {', '.join(allowed)}",
                    obj,
                    key,
                    _hint(str(key), allowed),
                )

    def text(self, obj: Mapping[str, Any], key: str, what: str, *, required: bool = True) -> str:
        if key not in obj:
            if required:
                self.note(f"{what} needs {key!r}", obj)
            return ""
        value = obj[key]
        if not isinstance(value, str) or not value.strip():
            self.note(f"{what}.{key} must be non-empty text", obj, key)
            return ""
        return value.strip()

    def choice(self, obj: Mapping[str, Any], key: str, options: tuple[str, ...], what: str) -> str:
        value = obj.get(key)
        if value not in options:
            self.note(
                f"{what}.{key} must be one of {', '.join(options)}, got {value!r}",
                obj,
                key,
                _hint(str(value), options),
            )
            return options[-1]
        return str(value)


def parse_rule_file(text: str, path: str) -> RuleFile:
    """Parse the text of one rule file; ``path`` is used in error messages.

    Raises :class:`RuleFileError` for the first problem, carrying every problem of the file
    that could be found (``e.problems``)."""
    rule_file, errors = read_rule_file(text, path)
    if errors:
        raise RuleFileError.of(in_order(errors))
    return rule_file


def in_order(errors: Iterable[RuleFileError], files: Iterable[str] = ()) -> list[RuleFileError]:
    """Problems by file (in the order of ``files``, then the others) and line."""
    order = {f: n for n, f in enumerate(files)}
    return sorted(errors, key=lambda e: (order.get(e.file or "", len(order)), e.line or 0))


def read_rule_file(text: str, path: str) -> tuple[RuleFile, list[RuleFileError]]:
    """The rule file and every problem found in it, reading on past each problem where the rest
    of the file can still be understood. With problems, the rule file holds what could be read
    (rules without their broken parts), for checks that span files; it must not be evaluated."""
    ctx = _Ctx(path)
    empty = RuleFile(path=path, rules=(), params=(), plans={}, disable=())
    try:
        doc = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        position = getattr(exc, "position", None)  # a ReaderError (bad character) has no mark
        if line is None and isinstance(position, int):
            line = text.count("\n", 0, position) + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return empty, [RuleFileError(f"not valid YAML: {problem}", file=path, line=line)]
    if doc is None:
        doc = LDict()
        doc.line, doc.key_lines = 1, {}
    try:
        ctx.keys(doc, FILE_KEYS, "a rule file")
    except RuleFileError as exc:
        return empty, [exc]
    version = doc.get("version", 1)
    if version != 1:
        ctx.note(f"version must be 1, got {version!r}", doc, "version")
    ctx.line = line_of(doc, "params", 1) or 1
    params = ctx.attempt((), _params, ctx, doc.get("params", {}))
    plans = doc.get("plans", {})
    if not isinstance(plans, dict):
        ctx.note("plans must be a mapping of plan name to plan", doc, "plans")
        plans = {}
    plans = {name: plan for name, plan in plans.items() if _plan(ctx, plans, name, plan)}
    raw_disable = doc.get("disable", [])
    disable: dict[str, int | None] = {}  # rule id: the line of it
    if not isinstance(raw_disable, list):
        ctx.note(f"disable must be a list of rule ids, got {_got(raw_disable)}", doc, "disable")
        raw_disable = []
    for i, rid in enumerate(raw_disable):
        if isinstance(rid, str):
            disable.setdefault(rid, line_of(raw_disable, i, ctx.line))
        else:
            ctx.note(f"disable must be a list of rule ids, got {_got(rid)}", raw_disable, i)
    fixtures = doc.get("fixtures", {})
    if not isinstance(fixtures, dict):
        ctx.note("fixtures must be a mapping of name to history", doc, "fixtures")
        fixtures = {}
    raw_rules = doc.get("rules", [])
    if not isinstance(raw_rules, list):
        ctx.note("rules must be a list", doc, "rules")
        raw_rules = []
    rules: list[Rule] = []
    seen: dict[str, int | None] = {}
    for i, raw in enumerate(raw_rules):
        ctx.rule_id = None
        ctx.line = line_of(raw_rules, i, ctx.line) or ctx.line
        rule = _rule(ctx, raw, line_of(raw_rules, i))
        if rule is None:
            continue
        if rule.id in seen:
            ctx.note(
                f"rule id {rule.id!r} is used twice in this file (first at line {seen[rule.id]})",
                raw,
            )
            continue
        seen[rule.id] = rule.line
        rules.append(rule)
    ctx.rule_id = None
    rule_file = RuleFile(
        path=path,
        rules=tuple(rules),
        params=params,
        plans=dict(plans),
        disable=tuple(disable),
        fixtures=dict(fixtures),
        disable_lines=disable,
    )
    return rule_file, ctx.errors


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _plan(ctx: _Ctx, plans: Any, name: str, raw: Any) -> bool:
    """Whether ``raw`` is a valid plan (as ``advise(plan=name)`` will read it); its problem, at
    the line of the part that is wrong, goes to ``ctx``."""
    if not isinstance(raw, dict):
        ctx.note(f"plan {name!r} must be a mapping with 'exercises', got {_got(raw)}", plans, name)
        return False
    try:
        Plan.from_value({"name": name, **raw}, "plan")
    except HistoryError as exc:
        where = exc.path[len("plan") :].lstrip(".")
        node: Any = raw
        line = line_of(plans, name)
        for key, index in _STEP.findall(exc.path[len("plan") :]):
            if isinstance(node, dict) and key in node:
                line, node = line_of(node, key, line), node[key]
            elif isinstance(node, list) and index and int(index) < len(node):
                line, node = line_of(node, int(index), line), node[int(index)]
            else:
                break
        ctx.errors.append(
            RuleFileError(
                f"plan {name!r}: {where + ': ' if where else ''}{exc.problem}",
                file=ctx.path,
                line=line,
            )
        )
        return False
    return True


def _params(ctx: _Ctx, raw: Any) -> tuple[Param, ...]:
    if not isinstance(raw, dict):
        ctx.fail("params must be a mapping of name to value", raw)
    out: list[Param] = []
    for name, spec in raw.items():
        param = ctx.attempt(None, _param, ctx, raw, name, spec)
        if param is not None:
            out.append(param)
    return tuple(out)


def _param(ctx: _Ctx, raw: Any, name: str, spec: Any) -> Param:
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
    return Param(
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


#: The fact types of a rule's aliases; ``None`` for an alias whose entry could not be read (its
#: fields are unknown, so placeholders and references to it are not checked further).
Types = Mapping[str, str | None]


def _rule(ctx: _Ctx, raw: Any, line: int | None) -> Rule | None:
    """The rule, or None when not even its id can be read. Problems go to ``ctx``; a rule with
    problems holds only its parts that could be read."""
    if not isinstance(raw, dict):
        ctx.errors.append(RuleFileError("each rule must be a mapping", file=ctx.path, line=line))
        return None
    rid = raw.get("id")
    if isinstance(rid, str):
        ctx.rule_id = rid
    ctx.keys(raw, RULE_KEYS, "a rule")
    if not isinstance(rid, str) or not ID.match(rid):
        ctx.note(
            f"id must be 2-64 characters of lower-case letters, digits and '-', got {rid!r}",
            raw,
            "id",
        )
    title = ctx.text(raw, "title", "the rule")
    source = ctx.text(raw, "source", "the rule")
    ref = ctx.text(raw, "ref", "the rule", required=False) or "article"
    topic = ctx.text(raw, "topic", "the rule", required=False)
    if topic and not ID.match(topic):
        ctx.note(
            f"topic must be 2-64 characters of lower-case letters, digits and '-', got {topic!r}",
            raw,
            "topic",
        )
    patterns: tuple[Pattern, ...] = ()
    uses: list[ParamUse] = []
    types: dict[str, str | None] = {}
    if "when" not in raw:
        ctx.note("the rule needs 'when' (a list of facts to match)", raw)
    else:
        patterns = ctx.attempt((), _when, ctx, raw["when"], types, uses)
    then = Then(action="info", severity="info", message="")
    if "then" not in raw:
        ctx.note("the rule needs 'then' (what it advises)", raw)
    else:
        then = ctx.attempt(then, _then, ctx, raw["then"], types, uses)
    for effect in then.effects:
        if effect.target is None or types.get(effect.target, "") is None:
            continue
        if effect.target not in types:
            ctx.errors.append(
                RuleFileError(
                    f"session effect {effect.kind!r} targets unknown alias {effect.target!r}",
                    file=ctx.path,
                    line=effect.line,
                    rule_id=ctx.rule_id,
                    suggestion=_hint(effect.target, types),
                )
            )
        elif types[effect.target] not in ("planned", "load"):
            ctx.errors.append(
                RuleFileError(
                    f"session effect {effect.kind!r} must target a 'planned' or 'load' fact, "
                    f"{effect.target!r} is a {types[effect.target]!r}",
                    file=ctx.path,
                    line=effect.line,
                    rule_id=ctx.rule_id,
                )
            )
    examples = _examples(ctx, raw.get("examples"), raw)
    desc = raw.get("description", "")
    if not isinstance(rid, str):
        return None
    return Rule(
        id=rid,
        title=title,
        topic=topic,
        source=source,
        ref=ref,
        patterns=patterns,
        then=then,
        examples=examples,
        description=desc if isinstance(desc, str) else "",
        params=tuple(sorted({use.name for use in uses})),
        file=ctx.path,
        line=line_of(raw),
        uses=tuple(uses),
    )


def _when(
    ctx: _Ctx, raw: Any, types: dict[str, str | None], uses: list[ParamUse]
) -> tuple[Pattern, ...]:
    """The patterns of ``when``; ``types`` receives the fact type of every alias."""
    if not isinstance(raw, list) or not raw:
        ctx.fail("'when' must be a non-empty list of facts to match", raw)
    patterns: list[Pattern] = []
    for i, item in enumerate(raw):
        pattern = ctx.attempt(None, _entry, ctx, raw, i, item, types, uses)
        if pattern is not None:
            patterns.append(pattern)
            if not pattern.negated:
                types[pattern.alias] = pattern.fact
        elif isinstance(item, dict) and not item.get("absent", False):
            alias = item.get("as", item.get("fact"))
            if isinstance(alias, str) and alias not in types:
                types[alias] = None
    if patterns and all(p.negated for p in patterns):
        ctx.note("'when' needs at least one fact that is not 'absent'", raw)
    return tuple(patterns)


def _entry(ctx: _Ctx, raw: Any, i: int, item: Any, types: Types, uses: list[ParamUse]) -> Pattern:
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
    if alias in types:
        ctx.fail(f"alias {alias!r} is bound twice; give each entry its own 'as'", item, "as")
    where = item.get("where", {})
    conditions = _where(ctx, where, str(fact), types, uses, allow_refs=not negated)
    return Pattern(alias, str(fact), conditions, negated, line_of(raw, i))


def _where(
    ctx: _Ctx,
    where: Any,
    fact: str,
    bound: Types,
    uses: list[ParamUse],
    *,
    allow_refs: bool,
) -> tuple[Condition, ...]:
    """The conditions of a ``where`` mapping; a condition with a problem is left out (the
    problem goes to ``ctx``) and the others are read on."""
    if not isinstance(where, dict):
        ctx.fail("'where' must be a mapping of field to condition", where)
    out: list[Condition] = []
    for field, cond in where.items():
        out.extend(ctx.attempt([], _field, ctx, where, field, cond, fact, bound, uses, allow_refs))
    return tuple(out)


def _field(
    ctx: _Ctx,
    where: Any,
    field: str,
    cond: Any,
    fact: str,
    bound: Types,
    uses: list[ParamUse],
    allow_refs: bool,
) -> list[Condition]:
    fields = FACT_SCHEMA[fact]
    if field == "any":
        if not isinstance(cond, list) or not cond:
            ctx.fail("'any' must be a non-empty list of 'where' mappings", where, field)
        options = []
        for option in cond:
            before = len(ctx.errors)
            conditions = _where(ctx, option, fact, bound, uses, allow_refs=allow_refs)
            if len(ctx.errors) > before:  # a broken option would match more than it says
                return []
            options.append(conditions)
        return [AnyOf(tuple(options))]
    if field not in fields:
        ctx.fail(
            f"fact {fact!r} has no field {field!r}; its fields: {', '.join(fields) or '(none)'}",
            where,
            field,
            _hint(field, fields),
        )
    kind = fields[field]
    if not (isinstance(cond, dict) and "ref" not in cond):
        return _op(ctx, fact, field, kind, "eq", cond, where, field, bound, uses, allow_refs)
    if not cond:
        ctx.fail(f"condition on {field!r} is empty", where, field)
    out: list[Condition] = []
    for op, value in cond.items():
        if op not in OPERATORS:
            ctx.note(
                f"unknown operator {op!r} on {field!r}; operators: {', '.join(OPERATORS)}",
                cond,
                op,
                _hint(op, OPERATORS),
            )
            continue
        out.extend(
            ctx.attempt(
                [], _op, ctx, fact, field, kind, op, value, cond, op, bound, uses, allow_refs
            )
        )
    return out


def _op(
    ctx: _Ctx,
    fact: str,
    field: str,
    kind: str,
    op: str,
    value: Any,
    node: Any,
    key: Any,
    bound: Types,
    uses: list[ParamUse],
    allow_refs: bool,
) -> list[Condition]:
    line = line_of(node, key)
    vocabulary = FIELD_VALUES.get((fact, field), ())

    def operand(v: Any, where: int | None = line) -> Operand:
        def fail(problem: str, suggestion: str | None = None) -> NoReturn:
            raise ctx.error(problem, suggestion=suggestion, line=where)

        if isinstance(v, dict):
            if set(v) != {"ref"} or not isinstance(v["ref"], str) or v["ref"].count(".") != 1:
                fail(f"a reference on {field!r} is written {{ref: alias.field}}")
            if not allow_refs:
                fail("an 'absent' entry cannot refer to other facts")
            alias, other = v["ref"].split(".")
            if alias not in bound:
                fail(
                    f"reference {v['ref']!r}: no earlier fact is bound to {alias!r}",
                    _hint(alias, bound),
                )
            other_fact = bound[alias]
            if other_fact is None:  # its entry has a problem of its own
                return Ref(alias, other)
            other_fields = FACT_SCHEMA[other_fact]
            if other not in other_fields:
                fail(
                    f"reference {v['ref']!r}: fact {other_fact!r} has no field {other!r}",
                    _hint(other, other_fields),
                )
            if other_fields[other] != kind:
                fail(f"reference {v['ref']!r} is {other_fields[other]}, {field!r} is {kind}")
            return Ref(alias, other)
        if isinstance(v, str) and v.startswith("$"):
            if kind == "bool":
                fail(f"{field!r} is true or false, which no parameter can be, got {v!r}")
            uses.append(
                ParamUse(v[1:], f"the condition on {field!r}", where, kind=kind, values=vocabulary)
            )
            return ParamRef(v[1:])
        if kind == "bool":
            if not isinstance(v, bool):
                fail(f"{field!r} is true or false, got {v!r}")
        elif kind == "num":
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                fail(f"{field!r} is a number, got {v!r}")
            if not math.isfinite(v) or abs(v) > 1e15:  # the rules engine cannot hold it
                fail(f"{field!r} needs a finite number below 1e15, got {v!r}")
            if isinstance(v, float) and engine_number(v) != v:
                fail(
                    f"{field!r}: {v!r} has more than {PRECISION} decimals, finer than the rules "
                    f"engine compares (write {engine_number(v)!r})"
                )
        elif not isinstance(v, str):
            fail(f"{field!r} is text, got {v!r}")
        elif vocabulary and v not in vocabulary:
            words = ", ".join(w or "''" for w in vocabulary)
            fail(
                f"fact {fact!r}: {field!r} is one of {words}, got {v!r}",
                _vocabulary_hint(v, vocabulary),
            )
        return v  # type: ignore[no-any-return]

    if op in ("lt", "lte", "gt", "gte") and kind != "num":
        ctx.fail(f"operator {op!r} needs a number field; {field!r} is {kind}", node, key)
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            ctx.fail(f"{op!r} on {field!r} needs a non-empty list", node, key)
        read = [ctx.attempt(None, operand, x, line_of(value, i, line)) for i, x in enumerate(value)]
        values = [x for x in read if x is not None]
        if len(values) < len(read):  # each value with a problem is noted
            return []
        if op == "in":
            return [AnyOf(tuple((Test(field, "eq", x),) for x in values))]
        return [Test(field, "ne", x) for x in values]
    if op == "between":
        if not isinstance(value, list) or len(value) != 2:
            ctx.fail(f"'between' on {field!r} needs [low, high]", node, key)
        if kind != "num":
            ctx.fail(f"'between' needs a number field; {field!r} is {kind}", node, key)
        low, high = (operand(x, line_of(value, i, line)) for i, x in enumerate(value))
        return [Test(field, "gte", low), Test(field, "lte", high)]
    return [Test(field, op, operand(value))]


def _check_template(
    ctx: _Ctx,
    text: Any,
    types: Types,
    node: Any,
    key: Any,
    uses: list[ParamUse],
    what: str,
    muscle: bool = False,
) -> str:
    """``text`` when it is text; each placeholder with a problem is noted in ``ctx`` and each
    ``{$param}`` goes to ``uses`` (the parameters are known once the rule book is put
    together). A ``muscle`` written without placeholders must be one of the muscles."""
    if not isinstance(text, str):
        ctx.note(f"{what} must be text, got {_got(text)}", node, key)
        return ""
    if muscle and "{" not in text and text not in MUSCLES:
        ctx.note(
            f"{what}: {text!r} is not a muscle; muscles: {', '.join(MUSCLES)}",
            node,
            key,
            _vocabulary_hint(text, MUSCLES),
        )
    line = line_of(node, key, ctx.line)
    for ref in TEMPLATE.findall(text):
        if ref.startswith("$"):
            uses.append(ParamUse(ref[1:], what, line, placeholder=True))
            continue
        if ref.count(".") != 1:
            ctx.note(f"placeholder {{{ref}}} must be {{alias.field}} or {{$param}}", node, key)
            continue
        alias, field = ref.split(".")
        if alias not in types:
            ctx.note(
                f"placeholder {{{ref}}}: no fact is bound to {alias!r}",
                node,
                key,
                _hint(alias, types),
            )
            continue
        fact = types[alias]
        if fact is not None and field not in FACT_SCHEMA[fact]:
            ctx.note(
                f"placeholder {{{ref}}}: fact {fact!r} has no field {field!r}",
                node,
                key,
                _hint(field, FACT_SCHEMA[fact]),
            )
    return text


def _texts(
    ctx: _Ctx,
    raw: Any,
    key: Any,
    what: str,
    types: Types,
    uses: list[ParamUse],
    muscle: bool = False,
) -> list[str]:
    """A list of text templates (a single text is a list of one)."""
    items = raw.get(key, [])
    if isinstance(items, str):
        items = [items]
    if not isinstance(items, list):
        ctx.note(f"{what} must be a list of text, got {_got(items)}", raw, key)
        return []
    return [
        _check_template(ctx, item, types, items, i, uses, what, muscle)
        for i, item in enumerate(items)
    ]


def _then(ctx: _Ctx, raw: Any, types: Types, uses: list[ParamUse]) -> Then:
    ctx.keys(raw, THEN_KEYS, "'then'")
    action = ctx.choice(raw, "action", ACTIONS, "then")
    severity = ctx.choice(raw, "severity", SEVERITIES, "then") if "severity" in raw else "info"
    message = ctx.text(raw, "message", "then")
    message = _check_template(ctx, message, types, raw, "message", uses, "then.message")
    because = _texts(ctx, raw, "because", "then.because", types, uses)
    muscles = _texts(ctx, raw, "muscles", "then.muscles", types, uses, muscle=True)
    verdict = raw.get("verdict")
    if verdict is not None and verdict not in VERDICTS:
        ctx.note(
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
        ctx.note("'session' must be a list of effects", raw, "session")
        session = []
    for i, item in enumerate(session):
        effect = ctx.attempt(None, _effect, ctx, session, i, item, types, uses)
        if effect is not None:
            effects.append(effect)
    rest_day = ""
    if "rest_day" in raw:
        rest_day = ctx.choice(raw, "rest_day", REST_DAY, "then")
        makes_rest = verdict == "rest" or any(e.kind in ("cancel", "remove") for e in effects)
        if rest_day == "drop" and makes_rest:
            ctx.note(
                "then.rest_day cannot be 'drop' for a rule that makes a rest day or removes work "
                "(verdict: rest, or a 'cancel' or 'remove' effect): that advice says why today "
                "is a rest day",
                raw,
                "rest_day",
            )
    opt = {}
    for key in ("exercise", "replacement", "drill_for"):
        if key in raw:
            muscle = key == "drill_for"
            opt[key] = _check_template(ctx, raw[key], types, raw, key, uses, f"then.{key}", muscle)
    return Then(
        action=action,
        severity=severity,
        message=message,
        because=tuple(because),
        muscles=tuple(muscles),
        exercise=opt.get("exercise"),
        replacement=opt.get("replacement"),
        drill_for=opt.get("drill_for"),
        verdict=verdict if verdict in VERDICTS else None,
        effects=tuple(effects),
        rest_day=rest_day,
    )


#: Effect arguments that are numbers (or one parameter, ``"{$name}"``): the lowest and highest
#: value, whether it must be whole, and whether the argument is a ``[low, high]`` pair.
NUMBER_ARGS: dict[tuple[str, str], tuple[float, float, bool, bool]] = {
    ("reduce", "sets"): (-20, -1, True, False),
    ("reduce", "load_pct"): (1, 100, True, False),
    ("reduce", "rpe_max"): (1, 10, False, False),
    ("rest", "seconds"): (0, 3600, True, True),
    ("warm_up", "minutes"): (0, 60, True, True),
}
#: Effect arguments that are lists of text templates; every other argument is one text template.
TEXT_LISTS = frozenset({("swap", "options"), ("warm_up", "drills")})
#: Effect arguments that take one of a few words, written as they are.
CHOICE_ARGS: dict[tuple[str, str], tuple[str, ...]] = {("swap", "to"): ("mobility", "accessory")}
#: Arguments an effect cannot do without.
REQUIRED_ARGS: dict[str, tuple[str, ...]] = {
    "swap": ("target",),
    "reduce": ("target",),
    "remove": ("target",),
    "rest": ("target",),
    "note": ("target",),
    "template": ("plan",),
}


def _effect(
    ctx: _Ctx, session: Any, i: int, item: Any, types: Types, uses: list[ParamUse]
) -> Effect:
    if not isinstance(item, dict) or len(item) != 1:
        ctx.fail(
            f"each session effect is a one-key mapping, one of {', '.join(EFFECTS)}", session, i
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
    for key in REQUIRED_ARGS.get(kind, ()):
        if key not in args:
            ctx.note(f"session effect {kind!r} needs {key!r}", item, kind)
    out: dict[str, Any] = {}
    for key, value in args.items():
        if key not in EFFECTS[kind]:
            continue
        what = f"{key!r} of session effect {kind!r}"
        if key == "target":
            if not isinstance(value, str):
                ctx.note(f"{what} names an alias, got {_kind(value)}", args, key)
            continue
        if (kind, key) in NUMBER_ARGS:
            low, high, whole, pair = NUMBER_ARGS[(kind, key)]
            use = ParamUse("", what, kind="num", minimum=low, maximum=high, whole=whole)
            if not pair:
                ok = ctx.attempt(False, _number_arg, ctx, value, use, args, key, uses)
            elif not isinstance(value, list) or len(value) != 2:
                ctx.note(f"{what} must be a [low, high] pair, got {_got(value)}", args, key)
                ok = False
            else:
                # both are read (each may have its own problem); their order is checked with
                # the parameters, when the rule book is put together
                ok = all(
                    [
                        ctx.attempt(False, _number_arg, ctx, v, use, value, j, uses)
                        for j, v in enumerate(value)
                    ]
                )
            if ok:
                out[key] = value
        elif (kind, key) in CHOICE_ARGS:
            options = CHOICE_ARGS[(kind, key)]
            if value not in options:
                ctx.note(
                    f"{what} must be one of {', '.join(options)}, got {value!r}",
                    args,
                    key,
                    _hint(str(value), options),
                )
            else:
                out[key] = value
        elif (kind, key) in TEXT_LISTS:
            out[key] = _texts(ctx, args, key, what, types, uses)
        elif kind == "template":  # a plan of the rule book, by name
            if not isinstance(value, str) or not value.strip():
                ctx.note(f"{what} names a plan of the rule book, got {_kind(value)}", args, key)
            else:  # the name is checked when the rule book is put together
                out[key] = value
        else:
            muscle = (kind, key) == ("swap", "muscle")
            out[key] = _check_template(ctx, value, types, args, key, uses, what, muscle)
    target = args.get("target")
    return Effect(
        kind, target if isinstance(target, str) else None, out, line_of(session, i, ctx.line)
    )


def _number_arg(
    ctx: _Ctx, value: Any, use: ParamUse, node: Any, key: Any, uses: list[ParamUse]
) -> bool:
    """Check one number of an effect: a literal within bounds, or a ``{$param}`` (checked when
    the rule book is put together)."""
    if isinstance(value, str):
        name = param_name(value)
        if name is None:
            ctx.fail(
                f'{use.where} must be {use.wants()} or one parameter written "{{$name}}", '
                f"got {value!r}",
                node,
                key,
            )
        uses.append(attrs.evolve(use, name=name, line=line_of(node, key), placeholder=True))
        return True
    if not use.accepts(value):
        ctx.fail(f"{use.where} must be {use.wants()}, got {_got(value)}", node, key)
    return True


def _examples(ctx: _Ctx, raw: Any, rule: Any) -> tuple[Example, ...]:
    if raw is None:
        ctx.note(
            "the rule needs 'examples' with at least one 'fires' and one 'silent' history", rule
        )
        return ()
    try:
        ctx.keys(raw, ("fires", "silent"), "'examples'")
    except RuleFileError as exc:
        ctx.errors.append(exc)
        return ()
    out: list[Example] = []
    for kind in ("fires", "silent"):
        items = raw.get(kind)
        if not isinstance(items, list) or not items:
            ctx.note(f"'examples' needs at least one {kind!r} example", raw, kind)
            continue
        for i, item in enumerate(items):
            example = ctx.attempt(None, _example, ctx, kind, items, i, item)
            if example is not None:
                out.append(example)
    return tuple(out)


def _example(ctx: _Ctx, kind: str, items: Any, i: int, item: Any) -> Example:
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
    return Example(kind, name, history, str(now), item.get("plan"), expect, line_of(items, i))
