"""``advise()``: history in, advice out. A pure function of its arguments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import attrs

from . import _fastinput
from . import _validate as v
from ._engine import evaluate_engine
from ._matching import Match
from ._template import Filler
from ._time import current_moment, warn_if_naive_now
from .advice import Advice, MuscleStatus, PerformanceTrend, Recommendation, Session, TrainingLoad
from .catalogue import Catalogue
from .errors import HistoryError, RuleFileError
from .facts import Facts, HistoryParts, derive_facts, replan
from .history import History
from .plan import Plan
from .rulebook import RuleBook, load_on_bundled
from .rules_ast import Rule
from .session import SessionChanges, build_session, pick_drill
from .vocabulary import ACTION_ORDER

__all__ = ["PlanLike", "advise", "resolve_plan"]

PlanLike = str | Plan | Sequence[Any] | Mapping[str, Any] | None

_SEVERITY_ORDER = {"stop": 0, "warning": 1, "caution": 2, "info": 3}
_ACTION_RANK = {action: rank for rank, action in enumerate(ACTION_ORDER)}
#: Actions that change today's training (``avoid-pairing`` is advice about the split: it
#: changes today only through a session effect, such as the beginner's safer template).
MODIFYING_ACTIONS = frozenset({"postpone", "reduce", "swap", "reorder", "stop", "rest"})
ESTIMATED = "effort estimated from load relative to your recent best (no RPE or RIR logged)"


def _now(now: datetime | str | None) -> datetime:
    if now is None:
        return current_moment()
    return v.timestamp(now, "now")


def resolve_plan(plan: PlanLike, book: RuleBook) -> Plan | None:
    """A :class:`Plan` from a plan name of the rule book, a list of exercises, or a Plan."""
    if plan is None:
        return None
    if isinstance(plan, str):
        if plan not in book.plans:
            hint = v.suggest(plan, book.plans)
            raise HistoryError(
                "plan", f"no plan named {plan!r}{hint}; plans: {', '.join(sorted(book.plans))}"
            )
        return Plan.from_value({"name": plan, **book.plans[plan]}, f"plan {plan!r}")
    return Plan.from_value(plan)


def _book(rules: RuleBook | str | Path | None) -> RuleBook:
    if rules is None:
        return RuleBook.default()
    if isinstance(rules, RuleBook):
        return rules
    if isinstance(rules, (str, Path)):
        return load_on_bundled(rules)  # parsed once per content of the folder
    raise RuleFileError(f"rules must be a RuleBook or a folder path, got {type(rules).__name__}")


def _evaluate(
    history: HistoryParts,
    now: datetime,
    book: RuleBook,
    plan: Plan | None,
    cat: Catalogue,
    earlier: Facts | None = None,
) -> tuple[Facts, list[tuple[Rule, list[Match]]]]:
    """The facts and the rules that fired; with ``earlier`` (facts of the same history, now and
    catalogue for another plan), only the plan's facts are derived anew."""
    params = book.param_values()
    if earlier is None:
        facts = derive_facts(history, now, params, plan=plan, catalogue=cat)
    else:
        facts = replan(earlier, plan, params, cat)
    fired = evaluate_engine(book.fingerprint, book.rules, facts.facts, params)
    by_id = {rule.id: rule for rule in book.rules}
    return facts, [(by_id[rid], matches) for rid, matches in fired]


def advise(
    history: History | Mapping[str, Any],
    now: datetime | str | None = None,
    plan: PlanLike = None,
    rules: RuleBook | str | Path | None = None,
    catalogue: Catalogue | None = None,
) -> Advice:
    """Advice for today from the athlete's recent history.

    ``history`` is a :class:`History` or JSON-like data in format version 1; ``now`` the moment of
    the advice (default: the current local time; pass it for reproducible answers); ``plan`` the
    session the athlete intends (``"legs-and-back"``, another plan of the rule book, or a list of
    exercises); ``rules`` a :class:`RuleBook` or a folder of rule files added to the bundled
    ones (read on every call, parsed only when its content changed); ``catalogue`` an exercise
    :class:`Catalogue` (default: the bundled one).

    Raises :class:`HistoryError` for bad input and :class:`RuleFileError` for bad rule files.
    """
    return _advise(history, now, plan, rules, catalogue)


def _read(history: Mapping[str, Any] | _fastinput.Decoded, limit: datetime) -> HistoryParts:
    """The parts of a history given as JSON-like data (or JSON text read by ``advise_json``)
    the fast way when it can, else by :meth:`History.from_dict`, which names any problem.

    Future entries are refused with their position in the input (``limit`` is now plus the
    tolerance). Decoded JSON text that needs the precise path raises
    :class:`~recovery_advisor._fastinput.Fallback`.
    """
    if isinstance(history, _fastinput.Decoded):
        parts = _fastinput.view(history.history, limit)
        if parts is None:
            raise _fastinput.Fallback
        return parts
    checked = _fastinput.from_mapping(history)
    parts = None if checked is None else _fastinput.view(checked, limit)
    return parts if parts is not None else History.from_dict(history, not_after=limit)


def _advise(
    history: History | Mapping[str, Any] | _fastinput.Decoded,
    now: datetime | str | None,
    plan: PlanLike,
    rules: RuleBook | str | Path | None,
    catalogue: Catalogue | None,
) -> Advice:
    moment = _now(now)
    book = _book(rules)
    params = book.param_values()
    hist: HistoryParts
    if isinstance(history, History):
        hist = history
    else:  # future entries are reported with their position in the input
        hist = _read(history, moment + timedelta(minutes=float(params["future_tolerance_min"])))
    warn_if_naive_now(hist, moment)
    if catalogue is not None and not isinstance(catalogue, Catalogue):
        raise HistoryError("catalogue", f"must be a Catalogue, got {type(catalogue).__name__}")
    cat = catalogue or Catalogue.default()
    the_plan = resolve_plan(plan, book)
    facts, fired = _evaluate(hist, moment, book, the_plan, cat)

    # A rule may replace the plan by a safer template: evaluate once more with that plan.
    swapped_from: str | None = None
    if the_plan is not None:
        for rule, _ in fired:
            template = next((e for e in rule.then.effects if e.kind == "template"), None)
            if template is not None:
                new_plan = resolve_plan(str(template.args["plan"]), book)
                first = [(r, m) for r, m in fired if r.id == rule.id]
                facts, fired2 = _evaluate(hist, moment, book, new_plan, cat, facts)
                fired = first + [(r, m) for r, m in fired2 if r.id != rule.id]
                swapped_from, the_plan = the_plan.name, new_plan
                break

    session: Session | None = None
    replacements: Mapping[tuple[str, int], str] = {}
    applied: frozenset[tuple[str, int]] | None = None
    modified = cancelled = False
    if the_plan is not None:
        changes = _session(the_plan, facts, fired, params, cat, swapped_from)
        session, replacements = changes.session, changes.replacements
        applied = changes.applied
        modified, cancelled = changes.modified, changes.cancelled

    emptied = session is not None and not session.exercises
    rest = cancelled or emptied or any(rule.then.verdict == "rest" for rule, _ in fired)
    if rest:
        # A rest day says rest, and only what helps recovery: the rules whose advice is about
        # performing the session (warm-up, fuelling for it, rest between sets, pairing, ...:
        # Then.kept_on_rest_day) stay silent. The rules that made the rest day are always kept,
        # so the verdict stays rest; the session is built again without the others.
        kept = [(rule, matches) for rule, matches in fired if rule.then.kept_on_rest_day]
        if len(kept) != len(fired):
            fired = kept
            if the_plan is not None:
                changes = _session(the_plan, facts, fired, params, cat, swapped_from)
                session, replacements = changes.session, changes.replacements
                applied = changes.applied

    recs = _recommendations(fired, params, replacements, applied, cat)
    if rest:
        verdict = "rest"
    elif modified or any(r.action in MODIFYING_ACTIONS for r in recs):
        verdict = "train-modified"
    else:
        verdict = "train"
    muscles = tuple(
        MuscleStatus(
            muscle=f["muscle"],
            readiness=int(f["readiness"]),
            band=f["band"],
            hours_to_ready=int(f["hours_to_ready"]),
            ready_at=f["ready_at"],
            hard_sets_7d=float(f["hard_sets_7d"]),
            weekly_sets_28d=float(f["weekly_sets_28d"]),
            streak_days=int(f["streak_days"]),
        )
        for f in facts.facts
        if f["t"] == "muscle"
    )
    load = next(
        (
            TrainingLoad(
                ratio=float(f["ratio"]),
                acute=float(f["acute_7d"]),
                chronic=float(f["chronic_28d"]),
                days_of_history=int(f["days_of_history"]),
                measure=f["measure"],
            )
            for f in facts.facts
            if f["t"] == "load_ratio"
        ),
        None,
    )
    trends = tuple(
        PerformanceTrend(
            exercise=f["exercise"],
            sessions=int(f["sessions"]),
            change_pct=float(f["change_pct"]),
            falling=bool(f["falling"]),
        )
        for f in facts.facts
        if f["t"] == "trend"
    )
    return Advice(
        now=moment,
        verdict=verdict,
        recommendations=recs,
        readiness=facts.readiness,
        session=session,
        muscles=muscles,
        unrecognized_exercises=facts.unrecognized,
        rules_fired=tuple(rule.id for rule, _ in fired),
        rule_book=book.fingerprint,
        training_load=load,
        trends=trends,
    )


def _session(
    plan: Plan,
    facts: Any,
    fired: Sequence[tuple[Rule, list[Match]]],
    params: Mapping[str, Any],
    cat: Catalogue,
    swapped_from: str | None,
) -> SessionChanges:
    """Today's session: ``plan`` changed by the effects of ``fired``; ``based_on`` names the plan
    a template replaced (which counts as a change)."""
    changes = build_session(plan, facts.plan_entries, fired, params, cat)
    if swapped_from is None:
        return changes
    return attrs.evolve(
        changes,
        session=attrs.evolve(changes.session, based_on=swapped_from),
        modified=True,
    )


def _recommendations(
    fired: Sequence[tuple[Rule, list[Match]]],
    params: Mapping[str, Any],
    replacements: Mapping[tuple[str, int], str],
    applied: frozenset[tuple[str, int]] | None,
    cat: Catalogue,
) -> tuple[Recommendation, ...]:
    """One recommendation per rule and subject (its exercise and muscles), most severe first;
    within a severity, the most consequential action first (:data:`~.vocabulary.ACTION_ORDER`),
    then the rule book's order.

    A match whose session effect did not apply (its exercise was already removed or swapped by
    a rule of higher priority) gives no recommendation, so the advice never contradicts itself.
    """
    out: list[tuple[int, int, int, Recommendation]] = []
    filled = Filler(params)  # fill(text, match, params), each text once per set of facts
    for order, (rule, matches) in enumerate(fired):
        then = rule.then
        targets = [e.target for e in then.effects if e.target is not None]
        if targets and applied is not None and then.severity != "stop":
            matches = [
                m for m in matches if all((rule.id, int(m[t]["ex"])) in applied for t in targets)
            ]
        # one recommendation per subject: the exercise when the rule names one, else the muscles
        groups: dict[tuple[str | None, tuple[str, ...]], list[Match]] = {}
        for match in matches:
            exercise = filled(then.exercise, match) if then.exercise else None
            muscles = tuple(filled(m, match).replace(" ", "_") for m in then.muscles)
            groups.setdefault((exercise, () if exercise else muscles), []).append(match)
        for (exercise, _), group in groups.items():
            muscles = tuple(
                dict.fromkeys(
                    filled(m, match).replace(" ", "_") for match in group for m in then.muscles
                )
            )
            because: dict[str, None] = {}
            replacement = None
            for match in group:
                for b in then.because:
                    because.setdefault(filled(b, match))
                if any(f.get("effort_estimated") for f in match.values()):
                    because.setdefault(ESTIMATED)
                for fact in match.values():
                    if fact.get("t") in ("planned", "load"):
                        name = replacements.get((rule.id, int(fact["ex"])))
                        if name and replacement is None:
                            replacement = name
                if replacement is None and then.replacement:
                    replacement = filled(then.replacement, match)
                if replacement is None and then.drill_for:
                    muscle = filled(then.drill_for, match).replace(" ", "_")
                    drill = pick_drill(cat, muscle)
                    replacement = drill.name if drill else None
            rec = Recommendation(
                rule=rule.id,
                title=rule.title,
                action=then.action,
                severity=then.severity,
                message=filled(then.message, group[0]),
                source=rule.source,
                ref=rule.ref,
                because=tuple(because),
                muscles=muscles,
                exercise=exercise,
                replacement=replacement,
                topic=rule.topic,
            )
            out.append((_SEVERITY_ORDER[then.severity], _ACTION_RANK[then.action], order, rec))
    out.sort(key=lambda t: t[:3])
    return tuple(t[3] for t in out)
