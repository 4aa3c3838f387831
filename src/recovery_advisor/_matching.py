"""What both evaluators share: the shape of a match and parameter resolution."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import RuleFileError
from .rules_ast import Operand, ParamRef, Rule

__all__ = ["Match", "RuleMatches", "resolve", "sort_matches"]

#: alias -> the fact bound to it
Match = dict[str, dict[str, Any]]
#: (rule id, its matches), in rule-book order, only for rules that fired
RuleMatches = list[tuple[str, list[Match]]]


def resolve(value: Operand, params: Mapping[str, Any], rule: Rule) -> Any:
    """The literal value of an operand, looking up ``$param`` references."""
    if isinstance(value, ParamRef):
        if value.name not in params:
            raise RuleFileError(
                f"uses parameter ${value.name}, which no rule file defines",
                file=rule.file,
                line=rule.line,
                rule_id=rule.id,
            )
        return params[value.name]
    return value


def sort_matches(rule: Rule, matches: list[Match]) -> list[Match]:
    """Matches in a stable order (by the index of each bound fact), without duplicates."""
    aliases = [p.alias for p in rule.patterns if not p.negated]
    keyed = {tuple(int(m[a]["i"]) for a in aliases): m for m in matches}
    return [keyed[k] for k in sorted(keyed)]
