"""One test per hazard of durable-rules 2.0.28 (``../shared/notes/durable-rules.md``), each one
crashing or giving a wrong answer without the mitigation in ``recovery_advisor._engine``.

Without its mitigation a hazard can take the interpreter down (segfaults, ``free(): invalid
pointer``), and without the sink rule or the sentinel fact *any* evaluation can. So every test that
makes durable-rules evaluate runs in a fresh interpreter: either a script through
:func:`run_isolated`, or a test marked :func:`in_child`, which pytest runs again, alone, in a child
process. A crash fails that one test with the child's exit status instead of killing pytest. Only
checks that never reach durable run in the pytest process.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import recovery_advisor as ra
from recovery_advisor import _engine, _reference, api
from recovery_advisor._synthetic import synthetic_history
from recovery_advisor.errors import EngineError
from recovery_advisor.rules_ast import AnyOf, ParamRef, Pattern, Ref, Rule, Then
from recovery_advisor.rules_ast import Test as Cond

ROOT = Path(__file__).resolve().parents[1]
BOOK = ra.RuleBook.default()
PARAMS = BOOK.param_values()
NOW = api._now("2026-11-25T08:00:00")
#: set in the child process that :func:`in_child` starts
CHILD = "RECOVERY_ADVISOR_HAZARD_CHILD"
#: the child reports its failure without the captured output, writes no cache and loads no
#: Hypothesis (its plugin alone takes a second to load)
_CHILD_OPTIONS = ("--show-capture=no", "-p", "no:cacheprovider", "-p", "no:hypothesispytest")


def _status(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return f"exited with {returncode}"


def run_isolated(code: str, timeout: float = 180) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter; it prints one JSON line. A crash fails the test with
    the exit status (SIGSEGV is a segfault, SIGABRT an abort)."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, f"child {_status(proc.returncode)}: {proc.stderr[-2000:]}"
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def in_child(test: Callable[..., None]) -> Callable[..., None]:
    """Run ``test`` in a child process: pytest on this one test (same parameters), where the
    test body runs as usual, fixtures and assertion messages included. In the pytest process
    the test passes if the child's did; a crash of the child fails it with the exit status."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        if os.environ.get(CHILD):
            test(*args, **kwargs)
            return
        node = os.environ["PYTEST_CURRENT_TEST"].rsplit(" ", 1)[0]
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "--no-header", *_CHILD_OPTIONS, node],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
            env={**os.environ, CHILD: "1"},
            check=False,
        )
        output = (proc.stdout[-5000:] + proc.stderr[-3000:]).strip()
        assert proc.returncode == 0, f"the child process {_status(proc.returncode)}:\n{output}"
        assert re.search(r"\b1 passed\b", proc.stdout), f"the test did not run:\n{output}"

    return run


def rule(rule_id: str, *patterns: Pattern) -> Rule:
    return Rule(
        id=rule_id,
        title=rule_id,
        source="test",
        ref="",
        patterns=patterns,
        then=Then("remind", "info", rule_id),
    )


def evaluate(name: str, rules: list[Rule], facts: list[dict[str, Any]], params: Any = None) -> Any:
    """The engine's answer and the reference's, for a throw-away rule book called ``name``."""
    params = params or {}
    engine = _engine.evaluate_engine(f"test-{name}", rules, facts, params)
    reference = _reference.evaluate_reference(
        rules, _engine.prepare([*facts, {"t": "sentinel"}]), params
    )
    return engine, reference


def host_rulesets() -> int:
    """How many rulesets durable's host holds, whatever the adapter's own bookkeeping says."""
    return len(_engine._HOST._ruleset_directory) if _engine._HOST is not None else 0


MUSCLE = Pattern("m", "muscle", (Cond("muscle", "eq", "hamstrings"),))

# ------------------------------------------------------------------ background timer threads


@in_child
def test_no_engine_threads() -> None:
    """Hazard: every durable ``Host`` starts two timer threads that race synchronous calls.
    Mitigation: a host whose ``_run`` does nothing, so evaluating starts no thread. In a child
    process, where no host exists yet whatever other tests ran (a host made earlier would have
    started its threads before ``before`` was taken)."""
    assert _engine._HOST is None
    before = {t.ident for t in threading.enumerate()}
    ra.advise({}, now="2026-11-25T08:00:00", plan="legs-and-back")
    assert isinstance(_engine._HOST, _engine._QuietHost)
    assert {t.ident for t in threading.enumerate()} <= before


class _Hurried(threading.Timer):
    """A ``threading.Timer`` that waits a hundredth of its interval."""

    def __init__(self, interval: float, *args: Any, **kwargs: Any) -> None:
        super().__init__(interval / 100, *args, **kwargs)


@in_child
def test_timer_threads_do_not_race_sequential_calls(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Hazard: the two timer threads of a durable ``Host`` dispatch pending actions every
    0.2 s, racing the synchronous calls: wrong results, "error code: 307" and segfaults in 5 of
    5 runs of 20,000 sequential users. Mitigation: ``_QuietHost`` starts no timer.

    20,000 users take minutes, so this child process makes the race likelier instead: every
    ``threading.Timer`` waits a hundredth of its interval (durable's 0.2 s becomes 2 ms) and the
    interpreter switches threads every 10 µs. With the mitigation no timer exists, so neither
    change matters. Without it (``_QuietHost`` inheriting ``_run``), 15 of 15 runs went wrong
    within the first 90 of these 400 evaluations (8 athletes in turn, each answer checked
    against the reference evaluator): "error code: 307" raised or logged by durable's thread,
    a wrong answer, or a segfault (3 of 10)."""
    monkeypatch.setattr(threading, "Timer", _Hurried)
    sets = []
    for k in range(8):
        plan = api.resolve_plan(["legs-and-back", None][k % 2], BOOK)
        history = ra.History.from_dict(synthetic_history(k, days=[0, 3, 30, 90][k % 4]))
        sets.append(list(api.derive_facts(history, NOW, PARAMS, plan=plan).facts))
    expected = [_reference.evaluate_reference(BOOK.rules, _engine.prepare(f), PARAMS) for f in sets]
    assert all(expected)
    wrong, errors = [], []
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        for i in range(400):
            try:
                got = _engine.evaluate_engine(BOOK.fingerprint, BOOK.rules, sets[i % 8], PARAMS)
            except EngineError as exc:
                errors.append(f"call {i}: {exc}")
                continue
            if got != expected[i % 8]:
                wrong.append(i)
    finally:
        sys.setswitchinterval(switch)
    assert errors == []
    assert wrong == []
    assert [r.getMessage()[:200] for r in caplog.records if r.name.startswith("durable")] == []


def test_threads_share_the_engine_safely() -> None:
    """Hazard: durable's Python layer has no locks. Mitigation: one lock around each
    evaluation. 8 threads x 150 evaluations of different fact sets give exactly the answers of
    the same evaluations made one by one. In a child process."""
    result = run_isolated(
        """
        import json, threading
        import recovery_advisor as ra
        from recovery_advisor import _engine, api
        from recovery_advisor._synthetic import synthetic_history
        book = ra.RuleBook.default(); params = book.param_values()
        now = api._now("2026-11-25T08:00:00")
        sets = []
        for k in range(16):
            plan = api.resolve_plan(["legs-and-back", None][k % 2], book)
            h = ra.History.from_dict(synthetic_history(k, days=[0, 3, 30, 90][k % 4]))
            sets.append(api.derive_facts(h, now, params, plan=plan).facts)
        def run(k):
            return _engine.evaluate_engine(book.fingerprint, book.rules, sets[k % 16], params)
        expected = [run(k) for k in range(16)]
        wrong = []
        def worker(t):
            for i in range(150):
                k = (t * 7 + i) % 16
                if run(k) != expected[k]:
                    wrong.append(k)
        threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(json.dumps({"wrong": len(wrong)}))
        """
    )
    assert result == {"wrong": 0}


# ------------------------------------------------------------------ sessions


def test_more_than_1024_sessions() -> None:
    """Hazard: at most 1,024 live session ids per ruleset; the 1,025th raises an empty
    MemoryError and the process later segfaults. Mitigation: one fixed session id, deleted after
    every call: after 1,500 calls no session state is left."""
    result = run_isolated(
        """
        import json
        import recovery_advisor as ra
        from recovery_advisor import _engine
        left = 0
        for i in range(1500):
            ra.advise({"athlete": {"sessions_per_week": i % 8}}, now="2026-11-25T08:00:00")
            name = next(iter(_engine._REGISTERED.values()))[0]
            try:
                _engine._HOST.get_state(name, _engine._SID)
                left += 1
            except Exception:
                pass
        print(json.dumps({"left": left, "rulesets": _engine.registered_rulesets()}))
        """
    )
    assert result == {"left": 0, "rulesets": 1}


# ------------------------------------------------------------------ identity


@in_child
def test_fact_ids_never_come_from_user_data() -> None:
    """Hazard: ids are compared by a 32-bit FNV-1a hash, so two ids can collide (these two
    strings do) and a fact is taken for a duplicate. Mitigation: every fact's id is its index."""
    colliding = ["dguizjbnybuu", "lqwcvwn vdtt"]  # same FNV-1a 32-bit hash
    facts = [{"t": "muscle", "muscle": "hamstrings", "id": c} for c in colliding]
    prepared = _engine.prepare(facts)
    assert [f["id"] for f in prepared] == ["0", "1"]
    engine, reference = evaluate("ids", [rule("ids", MUSCLE)], facts)
    assert engine == reference
    assert len(engine[0][1]) == 2


@in_child
def test_identical_facts_are_both_kept() -> None:
    """Hazard: asserting a fact identical to an earlier one raises MessageObservedException.
    Mitigation: distinct ids, so two identical check-ins are two matches."""
    fact = {"t": "checkin", "muscle": "lats", "feeling": "sore", "level": 3}
    engine, reference = evaluate(
        "dups", [rule("dups", Pattern("c", "checkin", ()))], [dict(fact), dict(fact)]
    )
    assert engine == reference
    assert len(engine[0][1]) == 2


# ------------------------------------------------------------------ facts nobody wants


@in_child
def test_fact_that_matches_no_rule_does_not_drop_the_others() -> None:
    """Hazard: in a batch, one fact that matches no rule makes ``assert_facts`` raise before
    the actions of the matched facts run (and the process then aborts or segfaults).
    Mitigation: a sink rule takes every fact (and never fires).

    The unmatched fact must be of a type some rule uses: ``prepare`` drops facts of other types
    before durable sees them, so those alone never need the sink. Here the lats fact is a
    ``muscle`` like the hamstrings one the rule wants, before it, after it, or both."""
    lats = {"t": "muscle", "muscle": "lats"}
    hamstrings = {"t": "muscle", "muscle": "hamstrings", "readiness": 40}
    other_type = {"t": "zzz", "anything": 1}
    cases = [[lats, hamstrings], [hamstrings, lats], [lats, other_type, hamstrings, dict(lats)]]
    for k, facts in enumerate(cases):
        engine, reference = evaluate(f"unmatched{k}", [rule("unmatched", MUSCLE)], facts)
        types = _engine._REGISTERED[f"test-unmatched{k}"][1]
        asserted = _engine.prepare([*facts, {"t": "sentinel"}], types)
        assert [f["muscle"] for f in asserted if f["t"] == "muscle"].count("lats") >= 1
        assert engine == reference
        assert [(rid, [m["m"]["muscle"] for m in ms]) for rid, ms in engine] == [
            ("unmatched", ["hamstrings"])
        ]


def test_nothing_to_advise_does_not_crash() -> None:
    """Hazard: deleting a session in which no action ever completed frees uninitialised memory
    (segfault): a user with nothing to advise crashed the process. Mitigation: a sentinel fact
    that a rule always consumes. 300 calls where no rule fires, with no facts at all or with
    facts no rule wants, in a child process."""
    result = run_isolated(
        """
        import json
        from recovery_advisor import _engine
        from recovery_advisor.rules_ast import Pattern, Rule, Test, Then
        never = Rule(id="never", title="t", source="s", ref="",
                     patterns=(Pattern("m", "muscle", (Test("readiness", "lt", -1),)),),
                     then=Then("remind", "info", "m"))
        fired = 0
        for i in range(300):
            facts = [] if i % 2 else [{"t": "muscle", "readiness": 50}, {"t": "zzz"}]
            fired += len(_engine.evaluate_engine("never", [never], facts, {}))
        print(json.dumps({"fired": fired}))
        """
    )
    assert result == {"fired": 0}


def test_no_history_at_all_many_times() -> None:
    """The same through the public API: 500 empty histories in a child process."""
    result = run_isolated(
        """
        import json
        import recovery_advisor as ra
        verdicts = {ra.advise({}, now="2026-11-25T08:00:00").verdict for _ in range(500)}
        print(json.dumps({"verdicts": sorted(verdicts)}))
        """
    )
    assert result == {"verdicts": ["train"]}


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("value", "asserted"), [(1e-05, 0.0), (-3e-07, 0.0), (123.456789, 123.4568), (7, 7)]
)
def test_numbers_are_sanitised(value: float, asserted: float) -> None:
    """Hazard: numbers Python writes in exponent form without a dot (``1e-05``) are rejected
    by durable's parser, silently dropping the fact and every later one. Mitigation: tiny
    magnitudes become 0.0 and every float is rounded to 4 decimals before asserting."""
    assert _engine.prepare([{"t": "x", "v": value}])[0]["v"] == asserted


def test_tiny_float_does_not_drop_later_facts() -> None:
    """A fact holding 1e-05, then facts after it: the later facts still match (unsanitised, the
    process segfaults). In a child process."""
    result = run_isolated(
        """
        import json
        from recovery_advisor import _engine, _reference
        from recovery_advisor.rules_ast import Pattern, Rule, Test, Then
        def rule(rid, *patterns):
            return Rule(id=rid, title=rid, source="s", ref="", patterns=patterns,
                        then=Then("remind", "info", rid))
        facts = [
            {"t": "muscle", "muscle": "lats", "readiness": 1e-05},
            {"t": "muscle", "muscle": "hamstrings", "readiness": 40},
            {"t": "checkin", "muscle": "hamstrings", "level": 1e-06},
        ]
        rules = [
            rule("later", Pattern("m", "muscle", (Test("muscle", "eq", "hamstrings"),))),
            rule("tiny", Pattern("m", "muscle", (Test("readiness", "eq", 0),))),
            rule("checkin", Pattern("c", "checkin", (Test("level", "lte", 0),))),
        ]
        got = _engine.evaluate_engine("tiny", rules, facts, {})
        ref = _reference.evaluate_reference(rules, _engine.prepare(facts + [{"t": "sentinel"}]), {})
        print(json.dumps({"fired": [rid for rid, _ in got], "same": got == ref}))
        """
    )
    assert result == {"fired": ["later", "tiny", "checkin"], "same": True}


@in_child
def test_unrepresentable_numbers_are_refused() -> None:
    """NaN, infinities and magnitudes over 1e15 (which durable mangles or which crash it) are
    an EngineError naming the fact and field, never asserted; the engine works afterwards."""
    for value in [1e16, -1e16, 10**20, math.nan, math.inf, -math.inf]:
        with pytest.raises(EngineError, match=r"fact 0 \(muscle\)\.readiness"):
            _engine.evaluate_engine(
                "big", [rule("big", MUSCLE)], [{"t": "muscle", "readiness": value}], {}
            )
        assert ra.advise({}, now="2026-11-25T08:00:00").verdict == "train"


@in_child
def test_parameters_in_conditions_are_sanitised() -> None:
    """A parameter used in a condition goes through the same sanitising (1e16 is refused)."""
    big = rule("param", Pattern("m", "muscle", (Cond("readiness", "lt", ParamRef("x")),)))
    with pytest.raises(EngineError, match="too large"):
        _engine.evaluate_engine("param-big", [big], [{"t": "muscle", "readiness": 1}], {"x": 1e16})
    engine, reference = evaluate("param-ok", [big], [{"t": "muscle", "readiness": 1}], {"x": 2.5})
    assert engine == reference != []


@in_child
def test_rule_literals_are_compared_alike_by_both_evaluators() -> None:
    """``readiness < 0.00001`` on a fact of 0: both evaluators round the literal to the engine's
    precision (0.0) before comparing, so they agree; rule files refuse such literals outright."""
    tiny = rule("lit", Pattern("m", "muscle", (Cond("readiness", "lt", 0.00001),)))
    engine, reference = evaluate("lit", [tiny], [{"t": "muscle", "readiness": 0}])
    assert engine == reference


# ------------------------------------------------------------------ actions


@in_child
def test_exception_in_an_action_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hazard: durable stores an exception raised inside an action in the session state and
    returns normally. Mitigation: durable runs no Python action; the adapter reads each match
    itself, and an error while reading one is raised as an EngineError whose cause is the very
    exception, after every action is completed and the session deleted (the next call works)."""
    broke = RuntimeError("collector broke")

    def broken(*args: Any) -> None:
        raise broke

    monkeypatch.setattr(_engine, "_record", broken)
    with pytest.raises(EngineError, match=r"^a rule action failed: RuntimeError") as info:
        _engine.evaluate_engine(
            "broken", [rule("broken", MUSCLE)], [{"t": "muscle", "muscle": "hamstrings"}], {}
        )
    assert info.value.__cause__ is broke
    monkeypatch.undo()
    assert ra.advise({}, now="2026-11-25T08:00:00").verdict == "train"
    engine, reference = evaluate(
        "after-broken", [rule("after", MUSCLE)], [{"t": "muscle", "muscle": "hamstrings"}]
    )
    assert engine == reference != []


@in_child
def test_durable_runs_no_python_action(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ground of the mitigation above: the ``run`` durable is given for every ruleset entry
    is never called (here each one raises), yet the rules fire as the reference evaluator says,
    so no exception can be swallowed into the session state."""
    calls: list[Any] = []

    def raising(closure: Any) -> None:
        calls.append(closure)
        raise RuntimeError("durable ran an action")

    monkeypatch.setattr(_engine, "_noop", raising)
    facts = [{"t": "muscle", "muscle": "hamstrings"}, {"t": "muscle", "muscle": "hamstrings"}]
    engine, reference = evaluate("no-python-action", [rule("bare", MUSCLE)], facts)
    assert engine == reference
    assert len(engine[0][1]) == 2
    assert calls == []


# ------------------------------------------------------------------ registration


@in_child
def test_one_ruleset_per_rule_book() -> None:
    """Hazard: each registered ruleset holds ~240 KB and create+delete leaks. Mitigation: a
    ruleset per rule-book content, registered once: 200 calls, same count; an equal book made
    anew reuses it; other parameters register exactly one more. Counted both by the adapter
    and in durable's host (a ruleset registered anew under an old key would fool the first)."""
    ra.advise({}, now="2026-11-25T08:00:00")
    before = _engine.registered_rulesets()
    assert host_rulesets() == before == 1
    for i in range(200):
        ra.advise({"athlete": {"sessions_per_week": i % 7}}, now="2026-11-25T08:00:00")
    same = BOOK.with_params(heavy_rpe=PARAMS["heavy_rpe"])
    ra.advise({}, now="2026-11-25T08:00:00", rules=same)
    assert _engine.registered_rulesets() == host_rulesets() == before
    other = BOOK.with_params(heavy_rpe=8.5)
    for _ in range(3):
        ra.advise({}, now="2026-11-25T08:00:00", rules=other)
    assert _engine.registered_rulesets() == host_rulesets() == before + 1


@in_child
def test_same_rules_registered_twice_under_other_parameters() -> None:
    """Hazard: ``register_rulesets`` mutates the definition it is given (it removes the
    actions). Mitigation: a fresh definition per registration, so a second book with the same
    rules but other parameters still runs its actions."""
    history = ra.History.from_dict(BOOK.fixtures["back-day-yesterday"])
    for value in (2, 3, 4):
        book = BOOK.with_params(posterior_min_hard_sets=value)
        advice = ra.advise(history, now="2026-11-25T08:00:00", rules=book)
        assert advice.rules_fired


@in_child
def test_fact_with_too_many_fields_is_refused() -> None:
    """Hazard: a fact with more than 255 properties fails with error 302. Mitigation: more than
    200 fields is an EngineError before durable sees it; 200 are fine."""
    wide = {"t": "muscle", **{f"f{k}": k for k in range(200)}}
    with pytest.raises(EngineError, match="more than 200 fields"):
        _engine.evaluate_engine("wide", [rule("wide", MUSCLE)], [wide], {})
    ok = {"t": "muscle", **{f"f{k}": k for k in range(199)}}
    assert _engine.evaluate_engine("wide", [rule("wide", MUSCLE)], [ok], {}) == []


# ------------------------------------------------------------------ semantics found here


@in_child
def test_absent_is_not_fooled_by_fact_order() -> None:
    """Found by the generated-rule-book property: durable's ``$not`` is not retracted by a fact
    asserted later in the same batch, so 'no check-in for this muscle' held or not depending on
    whether the check-in came after the muscle fact. Mitigation: absence is asked by a probe
    rule. Both orders, and an absent entry of the bound type itself."""
    absent_checkin = rule(
        "no-checkin",
        MUSCLE,
        Pattern("_1", "checkin", (Cond("muscle", "eq", "hamstrings"),), negated=True),
    )
    absent_muscle = rule("no-other", MUSCLE, Pattern("_1", "muscle", (), negated=True))
    muscle = {"t": "muscle", "muscle": "hamstrings"}
    checkin = {"t": "checkin", "muscle": "hamstrings"}
    for k, facts in enumerate([[muscle, checkin], [checkin, muscle], [muscle], [checkin]]):
        engine, reference = evaluate(f"order{k}", [absent_checkin, absent_muscle], facts)
        assert engine == reference
        assert [rid for rid, _ in engine] == (["no-checkin"] if facts == [muscle] else [])


@in_child
def test_alias_m_keeps_its_binding() -> None:
    """durable's Closure unwraps a match ``{"m": fact}``: a one-fact rule whose alias is ``m``
    lost its binding. Mitigation: internal aliases ``a0, a1, ...``."""
    engine, reference = evaluate(
        "alias-m", [rule("alias-m", MUSCLE)], [{"t": "muscle", "muscle": "hamstrings"}]
    )
    assert engine == reference
    assert engine[0][1][0]["m"]["muscle"] == "hamstrings"


@in_child
def test_references_and_any_between_facts() -> None:
    """Joins on a field of an earlier fact and 'any' options agree with the reference."""
    join = rule(
        "join",
        Pattern("c", "checkin", (Cond("feeling", "eq", "tight"),)),
        Pattern(
            "l",
            "load",
            (
                Cond("muscle", "eq", Ref("c", "muscle")),
                AnyOf(((Cond("primary", "eq", True),), (Cond("heavy", "eq", True),))),
            ),
        ),
    )
    facts = [
        {"t": "checkin", "muscle": "hamstrings", "feeling": "tight"},
        {"t": "load", "muscle": "hamstrings", "primary": True, "heavy": False, "ex": 0},
        {"t": "load", "muscle": "hamstrings", "primary": False, "heavy": False, "ex": 1},
        {"t": "load", "muscle": "lats", "primary": True, "heavy": True, "ex": 2},
    ]
    engine, reference = evaluate("join", [join], facts)
    assert engine == reference
    assert [m["l"]["ex"] for m in engine[0][1]] == [0]


def _join(rule_id: str, *conditions: Any) -> Rule:
    return rule(rule_id, Pattern("a", "athlete", ()), Pattern("h", "history", tuple(conditions)))


@in_child
def test_int_and_float_compare_equal_in_joins() -> None:
    """Found by the generated-rule-book property: in a join durable finds ``2 == 2.0`` false
    (and ``2 != 2.0`` false too). Mitigation: every number is asserted as a float."""
    same = Cond("workouts", "eq", Ref("a", "months_logged"))
    for k, (workouts, months) in enumerate([(2, 2.0), (0, 0.0), (2.0, 2), (3, 2.0)]):
        facts = [{"t": "athlete", "months_logged": months}, {"t": "history", "workouts": workouts}]
        engine, reference = evaluate(f"intfloat{k}", [_join(f"intfloat{k}", same)], facts)
        assert engine == reference
        assert bool(engine) == (workouts == months)


@in_child
def test_or_over_references() -> None:
    """Found by the generated-rule-book property: an ``$or`` whose first option is a failing
    conjunction of comparisons between facts made durable skip the other options.
    Mitigation: an 'any' holding references becomes one durable rule per option."""
    eq = Cond("workouts", "eq", Ref("a", "months_logged"))
    ne = Cond("workouts", "ne", Ref("a", "months_logged"))
    either = AnyOf(((ne, eq), (eq,)))
    facts = [{"t": "athlete", "months_logged": 0.0}, {"t": "history", "workouts": 0}]
    engine, reference = evaluate("or-refs", [_join("or-refs", either)], facts)
    assert engine == reference
    assert [rid for rid, _ in engine] == ["or-refs"]


@in_child
@pytest.mark.parametrize("any_first", [True, False], ids=["any-first", "reference-first"])
def test_or_beside_a_reference(any_first: bool) -> None:
    """Found by the generated-rule-book property: with an ``$or`` of plain tests written before
    a reference in one entry (``pattern: {in: [hinge, squat]}, ex: {ref: a.months_logged}``),
    durable matched every fact the ``$or`` let through, whether the reference held or not
    (written after the reference, as in the bundled rules, it was right). Mitigation: every
    'any' of an entry that refers to another fact becomes one durable rule per option, in
    either order. Here only the first of two squats has the athlete's ``ex``."""
    either = AnyOf(((Cond("pattern", "eq", "hinge"),), (Cond("pattern", "eq", "squat"),)))
    joined = Cond("ex", "eq", Ref("a", "months_logged"))
    conditions = (either, joined) if any_first else (joined, either)
    name = f"or-beside-{any_first}"
    r = rule(name, Pattern("a", "athlete", ()), Pattern("p", "planned", conditions))
    facts = [
        {"t": "athlete", "months_logged": 0.0},
        {"t": "planned", "ex": 0, "pattern": "squat"},
        {"t": "planned", "ex": 4, "pattern": "squat"},
    ]
    engine, reference = evaluate(name, [r], facts)
    assert engine == reference
    assert [m["p"]["ex"] for _, ms in engine for m in ms] == [0.0]


def test_false_comparison_between_facts_does_not_crash_later() -> None:
    """Found here: a ``<``, ``<=``, ``>``, ``>=`` or ``!=`` between two facts that comes out
    false in a join corrupts durable's memory, and the process segfaults a few rule books later
    (4 of 4 runs with 30 books). Mitigation: durable joins on the rest and the rule's action
    checks those comparisons. 40 rule books, each with a false and a true comparison, in a
    child process: no crash, and the answers of the reference evaluator."""
    result = run_isolated(
        """
        import json
        from recovery_advisor import _engine, _reference
        from recovery_advisor.rules_ast import Pattern, Ref, Rule, Test, Then
        wrong = fired = 0
        ops = ["ne", "lt", "lte", "gt", "gte"]
        for k in range(40):
            op = ops[k % 5]
            r = Rule(id="cmp", title="t", source="s", ref="",
                     patterns=(Pattern("a", "athlete", ()),
                               Pattern("h", "history", (Test("workouts", op, Ref("a", "months_logged")),))),
                     then=Then("remind", "info", "m"))
            for months in (1.0, 2.0, 3.0):
                facts = [{"t": "athlete", "months_logged": months}, {"t": "history", "workouts": 2}]
                got = _engine.evaluate_engine(f"cmp{k}", [r], facts, {})
                ref = _reference.evaluate_reference([r], _engine.prepare(facts + [{"t": "sentinel"}]), {})
                wrong += got != ref
                fired += bool(got)
        print(json.dumps({"wrong": wrong, "fired": fired}))
        """
    )
    assert result["wrong"] == 0
    assert 0 < result["fired"] < 120


# ------------------------------------------------------------------ Python 3.12+


@in_child
def test_an_evaluation_warns_about_nothing() -> None:
    """Found here: durable's clock calls ``datetime.utcfromtimestamp``, deprecated since Python
    3.12, on every action: a DeprecationWarning each time (over 100,000 in one test run on
    3.13). Mitigation: the adapter's clock, the same time without it. On 3.10 and 3.11 nothing
    warned before either; the check bites on 3.12+ (``make test`` runs those where installed)."""
    history = synthetic_history(3, days=30, now=NOW)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        advice = ra.advise(history, now=NOW, plan="legs-and-back")
    assert advice.rules_fired
    assert [f"{w.category.__name__}: {w.message}" for w in caught] == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        durable_time = (
            datetime.datetime.now() - datetime.datetime.utcfromtimestamp(0)
        ).total_seconds()
    assert abs(_engine._durable._unix_now() - durable_time) < 60
