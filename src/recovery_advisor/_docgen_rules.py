"""Generate ``docs/rules.md`` (the catalogue of every bundled rule) from the rule files."""

from __future__ import annotations

from collections import defaultdict

from .rulebook import RuleBook
from .rules_ast import AnyOf, Condition, ParamRef, Pattern, Ref, Rule, Test

__all__ = ["generate_rules_md"]

_OPS = {"eq": "=", "ne": "≠", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}


def _operand(value: object, book: RuleBook) -> str:
    if isinstance(value, Ref):
        return f"{value.alias}.{value.field}"
    if isinstance(value, ParamRef):
        param = book.params.get(value.name)
        shown = f"{param.value}" if param else "?"
        return f"${value.name} ({shown})"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _condition(cond: Condition, book: RuleBook) -> str:
    if isinstance(cond, AnyOf):
        options = [" and ".join(_condition(c, book) for c in opt) for opt in cond.options]
        simple = [opt[0] for opt in cond.options if len(opt) == 1 and isinstance(opt[0], Test)]
        if (
            len(simple) == len(cond.options)
            and len({(t.field, t.op) for t in simple}) == 1
            and simple[0].op == "eq"
        ):
            first = cond.options[0][0]
            assert isinstance(first, Test)
            values = ", ".join(
                _operand(opt[0].value, book) for opt in cond.options if isinstance(opt[0], Test)
            )
            return f"{first.field} in [{values}]"
        return "(" + " or ".join(options) + ")"
    return f"{cond.field} {_OPS[cond.op]} {_operand(cond.value, book)}"


def _pattern(p: Pattern, book: RuleBook) -> str:
    conds = ", ".join(_condition(c, book) for c in p.conditions)
    body = f"`{p.fact}`" + (f" where {conds}" if conds else "")
    return f"no {body}" if p.negated else f"{body} as `{p.alias}`"


def _effects(rule: Rule) -> str:
    out = []
    for e in rule.then.effects:
        args = ", ".join(f"{k}={v}" for k, v in e.args.items() if k != "note")
        target = f" {e.target}" if e.target else ""
        out.append(f"{e.kind}{target}" + (f" ({args})" if args else ""))
    return "; ".join(out)


def generate_rules_md(book: RuleBook | None = None) -> str:
    """The Markdown catalogue of every rule of ``book`` (default: the bundled rule book)."""
    book = book or RuleBook.default()
    by_file: dict[str, list[Rule]] = defaultdict(list)
    for rule in book:
        by_file[rule.file or "?"].append(rule)
    lines = [
        "# Rule catalogue",
        "",
        "<!-- Generated from the rule files by `make docs` (recovery_advisor._gendocs); do not edit. -->",
        "",
        f"{len(book)} rules in {len(by_file)} files. Each rule lists its conditions (the facts it",
        "matches, see `docs/rule-files.md`), what it advises, its session effects, its source and",
        "how many examples it carries (histories where it must fire / must stay silent).",
        "",
    ]
    for file in sorted(by_file):
        lines += [f"## `{file}`", ""]
        for rule in by_file[file]:
            fires = sum(e.kind == "fires" for e in rule.examples)
            silent = sum(e.kind == "silent" for e in rule.examples)
            lines += [
                f"### `{rule.id}` — {rule.title}",
                "",
                "- **When:** " + "; ".join(_pattern(p, book) for p in rule.patterns),
                f"- **Advises:** {rule.then.action} ({rule.then.severity}): {rule.then.message}",
            ]
            effects = _effects(rule)
            if effects:
                lines.append(f"- **Session:** {effects}")
            lines += [
                f"- **Source:** “{rule.source}”" + (f" — {rule.ref}" if rule.ref else ""),
                f"- **Examples:** {fires} firing, {silent} silent",
                "",
            ]
    lines += ["## Parameters", "", "| name | value | unit | source |", "|---|---|---|---|"]
    for name in sorted(book.params):
        p = book.params[name]
        source = p.source.replace("|", "/")
        lines.append(f"| `{name}` | {p.value} | {p.unit} | {source} |")
    lines.append("")
    return "\n".join(lines)
