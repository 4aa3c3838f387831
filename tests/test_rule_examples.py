"""Every example of every rule file is its own test case, run through the public ``advise()``.

A ``fires`` example must make its rule fire; a ``silent`` example must not.
"""

from __future__ import annotations

import pytest

import recovery_advisor as ra
from recovery_advisor.rules_ast import Example, Rule

BOOK = ra.RuleBook.default()
CASES = [
    pytest.param(rule, example, id=f"{rule.id}::{example.kind}::{example.name}")
    for rule in BOOK
    for example in rule.examples
]


def _session_names(advice: ra.Advice) -> list[str]:
    return [e.name for e in advice.session.exercises] if advice.session else []


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule: Rule, example: Example) -> None:
    """The rule fires on its ``fires`` examples and stays silent on its ``silent`` ones."""
    advice = ra.advise(BOOK.example_history(example), now=example.now, plan=example.plan)
    fired = rule.id in advice.rules_fired
    where = f"{rule.file}:{example.line}"
    if example.kind == "fires":
        assert fired, f"{where}: expected {rule.id} to fire; fired: {advice.rules_fired}"
        recs = advice.by_rule(rule.id)
        assert recs, f"{where}: {rule.id} fired but gave no recommendation"
        assert all(r.source == rule.source for r in recs)
    else:
        assert not fired, (
            f"{where}: expected {rule.id} to stay silent; it said {advice.by_rule(rule.id)}"
        )
    expect = example.expect
    if "verdict" in expect:
        assert advice.verdict == expect["verdict"], where
    for name in expect.get("session_has", []):
        assert name in _session_names(advice), f"{where}: {name!r} not in {_session_names(advice)}"
    for name in expect.get("session_lacks", []):
        assert name not in _session_names(advice), f"{where}: {name!r} in {_session_names(advice)}"
    if "severity" in expect:
        assert {r.severity for r in advice.by_rule(rule.id)} == {expect["severity"]}, where
    if "action" in expect:
        assert {r.action for r in advice.by_rule(rule.id)} == {expect["action"]}, where


def test_every_rule_has_both_kinds_of_example() -> None:
    """Each rule carries at least one history where it fires and one where it must not."""
    for rule in BOOK:
        kinds = {e.kind for e in rule.examples}
        assert kinds == {"fires", "silent"}, rule.id


def test_every_rule_names_its_source() -> None:
    """Every rule has an id, a title and the sentence (or study) it rests on."""
    for rule in BOOK:
        assert rule.id, rule
        assert rule.title, rule.id
        assert len(rule.source) > 20, rule.id
