"""What both evaluators share: the shape of a match and parameter resolution."""

from __future__ import annotations

import math
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
        return engine_number(params[value.name])
    return engine_number(value)


#: Numbers reach the engine with at most 4 decimals; magnitudes below 1e-4 become 0.0
#: (durable-rules rejects or mis-parses the exponent form Python writes for them).
PRECISION = 4
TINY = 1e-4


def engine_number(value: Any) -> Any:
    """A number as both evaluators compare it: finite floats rounded to ``PRECISION`` decimals,
    tiny magnitudes to 0.0; anything else unchanged."""
    if isinstance(value, float) and math.isfinite(value):
        return 0.0 if abs(value) < TINY else round(value, PRECISION)
    return value


def sort_matches(rule: Rule, matches: list[Match]) -> list[Match]:
    """Matches in a stable order (by the index of each bound fact), without duplicates."""
    aliases = [p.alias for p in rule.patterns if not p.negated]
    keyed = {tuple(int(m[a]["i"]) for a in aliases): m for m in matches}
    return [keyed[k] for k in sorted(keyed)]
