"""Properties of ``advise()`` on generated histories, and of the two rule evaluators.

The durable-rules path (``_engine``) and the plain-Python reference evaluator (``_reference``)
must agree on every fact set: on the bundled rule book for at least 300 generated histories per
run, and on generated rule books built from the fact schema.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import recovery_advisor as ra
from recovery_advisor import _engine, _reference, api
from recovery_advisor._rulefile import parse_rule_file
from recovery_advisor.facts import FIELD_VALUES, replan
from recovery_advisor.vocabulary import ACTION_ORDER, MUSCLES, SEVERITIES
from strategies import (
    BOOK,
    NOW,
    NOW_TEXT,
    any_history,
    histories,
    history_dicts,
    plans,
    rule_file_texts,
)

PARAMS = BOOK.param_values()
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _facts(history: ra.History, plan: Any, book: ra.RuleBook) -> list[dict[str, Any]]:
    params = book.param_values()
    return list(api.derive_facts(history, NOW, params, plan=api.resolve_plan(plan, book)).facts)


def _both(book: ra.RuleBook, facts: list[dict[str, Any]]) -> tuple[Any, Any]:
    params = book.param_values()
    engine = _engine.evaluate_engine(book.fingerprint, book.rules, facts, params)
    reference = _reference.evaluate_reference(book.rules, _engine.prepare(facts), params)
    return engine, reference


@settings(SLOW, max_examples=150)
@given(history=any_history, plan=plans)
def test_any_valid_history_gets_advice(history: Any, plan: Any) -> None:
    """Every valid history (as a History or as format-1 data), with or without a plan, gets
    advice whose dictionary form is JSON-safe; nothing is raised."""
    advice = ra.advise(history, now=NOW_TEXT, plan=plan)
    assert advice.verdict in ("train", "train-modified", "rest")
    assert set(advice.readiness) >= set(MUSCLES)
    assert all(0 <= v <= 100 for v in advice.readiness.values())
    json.loads(advice.to_json())  # JSON-safe: no NaN, no datetimes left
    # most severe first, and within a severity the most consequential action first
    keys = [
        (-SEVERITIES.index(r.severity), ACTION_ORDER.index(r.action))
        for r in advice.recommendations
    ]
    assert keys == sorted(keys)


@settings(SLOW, max_examples=150)
@given(history=histories, plan=plans)
def test_facts_take_only_the_words_rule_files_may_name(history: ra.History, plan: Any) -> None:
    """Every text field with a vocabulary (``FIELD_VALUES``, which rule conditions are checked
    against) takes only its words, on any history and plan: the check never refuses a value a
    fact can have."""
    for fact in _facts(history, plan, BOOK):
        for (fact_type, field), words in FIELD_VALUES.items():
            if fact["t"] == fact_type:
                assert fact[field] in words, (fact_type, field, fact[field])


@settings(SLOW, max_examples=60)
@given(history=history_dicts, plan=plans)
def test_same_input_same_output(history: dict[str, Any], plan: Any) -> None:
    """The answer depends only on the arguments: the same call twice, and the same history as
    data or as a History object, give equal ``to_dict()``."""
    first = ra.advise(history, now=NOW_TEXT, plan=plan).to_dict()
    assert ra.advise(history, now=NOW_TEXT, plan=plan).to_dict() == first
    assert ra.advise(ra.History.from_dict(history), now=NOW, plan=plan).to_dict() == first


@settings(SLOW, max_examples=80)
@given(history=history_dicts, plan=plans, data=st.data())
def test_workout_order_does_not_matter(history: dict[str, Any], plan: Any, data: Any) -> None:
    """Shuffling the workouts of the input gives the same advice."""
    workouts = history.get("workouts", [])
    shuffled = dict(history, workouts=data.draw(st.permutations(workouts)))
    assert (
        ra.advise(shuffled, now=NOW_TEXT, plan=plan).to_dict()
        == ra.advise(history, now=NOW_TEXT, plan=plan).to_dict()
    )


@settings(SLOW, max_examples=60)
@given(a=any_history, b=any_history, plan_a=plans, plan_b=plans)
def test_other_users_do_not_leak_into_advice(a: Any, b: Any, plan_a: Any, plan_b: Any) -> None:
    """Advising athlete B between two calls for athlete A does not change A's advice: no state
    survives a call."""
    before = ra.advise(a, now=NOW_TEXT, plan=plan_a).to_dict()
    ra.advise(b, now=NOW_TEXT, plan=plan_b)
    assert ra.advise(a, now=NOW_TEXT, plan=plan_a).to_dict() == before


@settings(SLOW, max_examples=300)
@given(history=st.one_of(histories, history_dicts.map(ra.History.from_dict)), plan=plans)
def test_engine_and_reference_agree_on_bundled_rules(history: ra.History, plan: Any) -> None:
    """durable-rules and the reference evaluator find the same rules with the same matches on
    the facts of any history, with or without a plan (300 histories a run)."""
    engine, reference = _both(BOOK, _facts(history, plan, BOOK))
    assert engine == reference


def _generated_book(text: str) -> ra.RuleBook:
    base = ra.RuleBook(rules=(), params=BOOK.params, plans=BOOK.plans, fixtures=BOOK.fixtures)
    return ra.RuleBook.from_files([parse_rule_file(text, "generated.yaml")], base)


@settings(SLOW, max_examples=100)
@given(
    text=rule_file_texts(),
    cases=st.lists(st.tuples(histories, plans), min_size=1, max_size=3),
)
def test_engine_and_reference_agree_on_generated_rule_books(
    text: str, cases: list[tuple[ra.History, Any]]
) -> None:
    """Random valid rule files (joins, references between facts, 'absent' entries, 'any',
    'in', 'between', parameters of both kinds) give the same matches in both evaluators."""
    book = _generated_book(text)
    for history, plan in cases:
        engine, reference = _both(book, _facts(history, plan, book))
        assert engine == reference


def test_generated_rule_books_do_fire() -> None:
    """The generated rule books are not vacuous: a rule on any athlete fires on every history."""
    book = _generated_book(
        "version: 1\nrules:\n- id: gen-any\n  title: t\n  source: s\n  when: [{fact: athlete}]\n"
        "  then: {action: remind, message: m}\n"
        "  examples: {fires: [{name: a, history: {}}], silent: [{name: b, history: {}}]}\n"
    )
    engine, reference = _both(book, _facts(ra.History(), None, book))
    assert [rid for rid, _ in engine] == ["gen-any"] == [rid for rid, _ in reference]


@pytest.mark.parametrize("name", sorted(BOOK.fixtures))
def test_engine_and_reference_agree_on_fixtures(name: str) -> None:
    """On every fixture history of the rule files, with and without the article's plan, both
    evaluators agree and at least one rule fires."""
    history = ra.History.from_dict(BOOK.fixtures[name])
    for plan in (None, "legs-and-back"):
        engine, reference = _both(BOOK, _facts(history, plan, BOOK))
        assert engine == reference
        assert engine, f"no rule fired on fixture {name!r}"


@SLOW
@given(histories, plans, plans)
def test_facts_for_another_plan_are_the_facts_of_that_plan(
    history: ra.History, first: Any, second: Any
) -> None:
    """When a rule swaps the plan for a template, advise() derives only the plan's facts anew
    (``replan``): the facts, readiness and unknown names are those ``derive_facts`` gives for
    the other plan from scratch, and the facts of the first plan are left as they were."""
    cat = ra.Catalogue.default()
    plan_a, plan_b = api.resolve_plan(first, BOOK), api.resolve_plan(second, BOOK)
    facts_a = api.derive_facts(history, NOW, PARAMS, plan=plan_a, catalogue=cat)
    before = json.dumps(facts_a.facts, sort_keys=True, default=str)
    swapped = replan(facts_a, plan_b, PARAMS, cat)
    fresh = api.derive_facts(history, NOW, PARAMS, plan=plan_b, catalogue=cat)
    assert swapped.facts == fresh.facts
    assert (swapped.readiness, swapped.unrecognized, swapped.plan_entries) == (
        fresh.readiness,
        fresh.unrecognized,
        fresh.plan_entries,
    )
    assert json.dumps(facts_a.facts, sort_keys=True, default=str) == before
