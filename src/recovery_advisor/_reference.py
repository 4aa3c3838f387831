"""A plain-Python evaluator of the same rules, to check the durable-rules path against.

It is deliberately simple (nested loops over facts) and follows the engine's semantics: each
positive entry binds a distinct fact; an ``absent`` entry holds when no fact matches it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ._matching import Match, RuleMatches, resolve, sort_matches
from .rules_ast import AnyOf, Condition, Pattern, Ref, Rule, Test

__all__ = ["evaluate_reference"]

_OPS = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
}


def _holds(
    cond: Condition, fact: Mapping[str, Any], bound: Match, params: Mapping[str, Any], rule: Rule
) -> bool:
    if isinstance(cond, AnyOf):
        return any(all(_holds(c, fact, bound, params, rule) for c in opt) for opt in cond.options)
    assert isinstance(cond, Test)
    if cond.field not in fact:
        return False
    if isinstance(cond.value, Ref):
        other = bound[cond.value.alias].get(cond.value.field)
        if other is None:
            return False
        value = other
    else:
        value = resolve(cond.value, params, rule)
    left = fact[cond.field]
    if isinstance(left, bool) != isinstance(value, bool):
        return False
    try:
        return bool(_OPS[cond.op](left, value))
    except TypeError:
        return False


def _fits(
    pattern: Pattern, fact: Mapping[str, Any], bound: Match, params: Mapping[str, Any], rule: Rule
) -> bool:
    return fact.get("t") == pattern.fact and all(
        _holds(c, fact, bound, params, rule) for c in pattern.conditions
    )


def evaluate_reference(
    rules: Sequence[Rule], facts: Sequence[dict[str, Any]], params: Mapping[str, Any]
) -> RuleMatches:
    """Every rule that fires on ``facts`` (each with an ``i`` index), with all its matches."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    for fact in facts:
        by_type.setdefault(fact["t"], []).append(fact)
    out: RuleMatches = []
    for rule in rules:
        matches: list[Match] = []

        def search(
            k: int, bound: Match, used: set[int], rule: Rule = rule, matches: list[Match] = matches
        ) -> None:
            if k == len(rule.patterns):
                matches.append(dict(bound))
                return
            pattern = rule.patterns[k]
            candidates = by_type.get(pattern.fact, [])
            if pattern.negated:
                if not any(_fits(pattern, f, bound, params, rule) for f in candidates):
                    search(k + 1, bound, used, rule, matches)
                return
            for fact in candidates:
                if fact["i"] in used or not _fits(pattern, fact, bound, params, rule):
                    continue
                bound[pattern.alias] = fact
                used.add(fact["i"])
                search(k + 1, bound, used, rule, matches)
                used.discard(fact["i"])
                del bound[pattern.alias]

        search(0, {}, set())
        if matches:
            out.append((rule.id, sort_matches(rule, matches)))
    return out
