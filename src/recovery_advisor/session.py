"""Build today's session: the plan, adjusted by the session effects of the rules that fired."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ._matching import Match
from ._template import fill, param_name
from .advice import RemovedExercise, Session, SessionExercise
from .catalogue import Catalogue, CatalogueEntry
from .plan import Plan
from .rules_ast import Rule

__all__ = [
    "SessionChanges",
    "build_session",
    "pick_drill",
    "pick_replacement",
    "trains_same_region",
]


@attrs.define(slots=True)
class _Item:
    index: int
    exercise: SessionExercise
    entry: CatalogueEntry | None
    removed: RemovedExercise | None = None
    swapped: bool = False


@attrs.frozen(slots=True)
class SessionChanges:
    """The session and what the effects did: replacement names per (rule, exercise index)."""

    session: Session
    replacements: Mapping[tuple[str, int], str]
    applied: frozenset[tuple[str, int]]
    modified: bool
    cancelled: bool


def pick_drill(cat: Catalogue, muscle: str, avoid: Sequence[str] = ()) -> CatalogueEntry | None:
    """The first mobility drill or stretch of the catalogue whose primary muscle is ``muscle``."""
    for entry in cat.by_role("mobility"):
        if muscle in entry.primary and entry.name not in avoid:
            return entry
    return None


def trains_same_region(entry: CatalogueEntry, original: CatalogueEntry) -> bool:
    """Whether ``entry`` can stand in for ``original``: the same body region, or a primary muscle
    of ``entry`` among the muscles ``original`` works (a hip thrust for a deadlift, never a hip
    thrust for a pull-up)."""
    return entry.region == original.region or bool(set(entry.primary) & set(original.muscles))


def pick_replacement(
    cat: Catalogue,
    original: CatalogueEntry | None,
    to: str,
    muscle: str,
    avoid: Sequence[str],
    options: Sequence[str] = (),
) -> CatalogueEntry | None:
    """A replacement for ``original`` that trains the same region (:func:`trains_same_region`):
    the first of ``options`` (catalogue names) that does not load ``muscle`` as a primary mover,
    else a drill for ``muscle`` (``to='mobility'``) or a lighter accessory of the same region that
    does not load ``muscle`` as a primary mover. An exercise the catalogue does not know gets a
    drill for ``muscle`` (its region is unknown)."""
    if original is None:
        return pick_drill(cat, muscle, avoid)

    def drill() -> CatalogueEntry | None:
        # a drill for the muscle named, else for a prime mover of the exercise it replaces
        for m in (muscle, *original.primary):
            found = pick_drill(cat, m, avoid)
            if found is not None and trains_same_region(found, original):
                return found
        return None

    for option in options:
        entry = cat.lookup(option)
        if (
            entry is not None
            and muscle not in entry.primary
            and entry.name not in avoid
            and trains_same_region(entry, original)
        ):
            return entry
    if to == "mobility":
        return drill()
    candidates = [
        e
        for e in cat.by_role("accessory")
        if e.region == original.region and muscle not in e.primary and e.name not in avoid
    ]
    same_pattern = [e for e in candidates if e.pattern == original.pattern]
    pool = (
        same_pattern
        or [e for e in candidates if set(e.primary) & set(original.muscles)]
        or candidates
    )
    return pool[0] if pool else drill()


#: Order in which effect kinds apply: what removes work first, then swaps, then reductions.
_PRIORITY = {
    "template": 0,
    "cancel": 1,
    "remove": 2,
    "swap": 3,
    "reduce": 4,
    "rest": 5,
    "alternate": 6,
    "warm_up": 7,
    "note": 8,
}


_SEVERITY = {"stop": 0, "warning": 1, "caution": 2, "info": 3}


#: Effect arguments that are numbers: a literal or one parameter, ``"{$name}"`` (the rule book
#: checked that the parameter exists and fits, see ``_rulefile.NUMBER_ARGS``).
_NUMBERS = frozenset({"sets", "load_pct", "rpe_max", "seconds", "minutes"})


def _fill_arg(key: str, value: Any, match: Match, params: Mapping[str, Any]) -> Any:
    if isinstance(value, list):
        return [_fill_arg(key, v, match, params) for v in value]
    if key in _NUMBERS:
        name = param_name(value)
        return float(params[name] if name is not None else value)
    if isinstance(value, str):
        return fill(value, match, params)
    return value


def _alternates(items: Sequence[_Item]) -> bool:
    """Whether consecutive lower- and upper-body work (optional work aside) alternates."""
    regions = [
        it.exercise.region
        for it in items
        if it.exercise.region in ("lower", "upper") and not it.exercise.optional
    ]
    return all(a != b for a, b in itertools.pairwise(regions))


def _alternate(items: list[_Item]) -> list[_Item]:
    """Interleave lower- and upper-body work in the slots they occupy, keeping the order within
    each region; full-body and optional work keeps its place."""
    slots = [
        n
        for n, it in enumerate(items)
        if it.exercise.region in ("lower", "upper") and not it.exercise.optional
    ]
    lower = [items[n] for n in slots if items[n].exercise.region == "lower"]
    upper = [items[n] for n in slots if items[n].exercise.region == "upper"]
    queues = (
        [lower, upper] if slots and items[slots[0]].exercise.region == "lower" else [upper, lower]
    )
    ordered: list[_Item] = []
    while queues[0] or queues[1]:
        for q in queues:
            if q:
                ordered.append(q.pop(0))
    out = list(items)
    for n, it in zip(slots, ordered, strict=False):
        out[n] = it
    return out


def build_session(
    plan: Plan,
    entries: Sequence[CatalogueEntry | None],
    fired: Sequence[tuple[Rule, list[Match]]],
    params: Mapping[str, Any],
    catalogue: Catalogue,
) -> SessionChanges:
    """Apply the effects of ``fired`` rules, in rule-book order, to ``plan``."""
    default_rest = (int(params["rest_default_low_s"]), int(params["rest_default_high_s"]))
    items = [
        _Item(
            i,
            SessionExercise(
                name=pe.name,
                sets=pe.sets,
                reps=pe.reps,
                rest_seconds=default_rest,
                region=entry.region if entry else "unknown",
                note=pe.note,
                optional=pe.optional,
            ),
            entry,
        )
        for i, (pe, entry) in enumerate(zip(plan.exercises, entries, strict=False))
    ]
    rest_set: dict[int, tuple[int, int]] = {}
    cut: dict[int, int] = {}
    planned_sets = {it.index: it.exercise.sets for it in items}
    warm_min, warm = plan.warm_up_min, plan.warm_up
    replacements: dict[tuple[str, int], str] = {}
    modified = cancelled = alternate = False
    used_names = {it.exercise.name for it in items}
    was_alternating = _alternates(items)

    def edit(item: _Item, rule: Rule, **changes: Any) -> None:
        ex = item.exercise
        note = changes.pop("note", None)
        if note and (not ex.note or note not in ex.note):
            changes["note"] = f"{ex.note}; {note}" if ex.note else note
        if rule.id not in ex.changed_by:
            changes["changed_by"] = (*ex.changed_by, rule.id)
        item.exercise = attrs.evolve(ex, **changes)

    applied: set[tuple[str, int]] = set()
    steps = [(rule, effect, matches) for rule, matches in fired for effect in rule.then.effects]
    # what removes work first, and within a kind the most severe rule first (pain before
    # fatigue), then rule-book order (the sort is stable)
    steps.sort(key=lambda step: (_PRIORITY[step[1].kind], _SEVERITY[step[0].then.severity]))
    for rule, effect, matches in steps:
        kind = effect.kind
        for match in matches if effect.target else matches[:1]:
            args = {k: _fill_arg(k, v, match, params) for k, v in effect.args.items()}
            note = str(args.get("note") or rule.title)
            if effect.target is None:
                targets = [it for it in items if it.removed is None]
            else:
                index = int(match[effect.target]["ex"])
                targets = [it for it in items if it.index == index and it.removed is None]
            if kind == "alternate":
                alternate = modified = True
            elif kind == "warm_up":
                minutes = args.get("minutes")
                if minutes:
                    warm_min = (int(minutes[0]), int(minutes[1]))
                if args.get("drills"):
                    warm = tuple(str(d) for d in args["drills"])
            elif kind == "cancel":
                cancelled = modified = True
                for it in targets:
                    it.removed = RemovedExercise(it.exercise.name, note, rule.id)
            for it in targets if effect.target else []:
                done = False
                if kind == "remove":
                    it.removed = RemovedExercise(it.exercise.name, note, rule.id)
                    done = True
                elif kind == "swap" and not it.swapped:
                    new = pick_replacement(
                        catalogue,
                        it.entry,
                        str(args.get("to", "mobility")),
                        str(args.get("muscle", "")).replace(" ", "_"),  # filled for display
                        sorted(used_names),
                        [str(o) for o in args.get("options", [])],
                    )
                    if new is not None:
                        used_names.add(new.name)
                        mobility = new.role == "mobility"
                        kind_of = "mobility" if mobility else "swap"
                        edit(
                            it,
                            rule,
                            name=new.name,
                            replaces=it.exercise.name,
                            sets=int(params[f"{kind_of}_sets"]),
                            reps=str(params[f"{kind_of}_reps"]),
                            region=new.region,
                            note=note,
                            load_pct=None,
                            rpe_max=None if mobility else float(params["swap_rpe_max"]),
                        )
                        if mobility:
                            rest_set[it.index] = (
                                int(params["mobility_rest_low_s"]),
                                int(params["mobility_rest_high_s"]),
                            )
                        it.swapped = True
                        replacements[(rule.id, it.index)] = new.name
                        done = True
                elif kind == "reduce" and not it.swapped:
                    ex = it.exercise
                    changes: dict[str, Any] = {"note": note}
                    if "sets" in args:
                        # reductions do not stack: the largest one asked for applies
                        delta = min(int(args["sets"]), cut.get(it.index, 0))
                        cut[it.index] = delta
                        changes["sets"] = max(1, planned_sets[it.index] + delta)
                    if "load_pct" in args:
                        pct = int(args["load_pct"])
                        changes["load_pct"] = pct if ex.load_pct is None else min(pct, ex.load_pct)
                    if "rpe_max" in args:
                        rpe = float(args["rpe_max"])
                        changes["rpe_max"] = rpe if ex.rpe_max is None else min(rpe, ex.rpe_max)
                    edit(it, rule, **changes)
                    done = True
                elif kind == "rest" and not (it.swapped and it.exercise.replaces):
                    low, high = (int(x) for x in args.get("seconds", default_rest))
                    if it.index not in rest_set or rest_set[it.index][0] < low:
                        rest_set[it.index] = (low, high)
                    done = True
                elif kind == "note" and not it.swapped:
                    edit(it, rule, note=str(args.get("text", note)))
                    done = True
                if done:
                    applied.add((rule.id, it.index))
                    modified = modified or kind in ("remove", "swap", "reduce")
    for it in items:
        if it.index in rest_set:
            it.exercise = attrs.evolve(it.exercise, rest_seconds=rest_set[it.index])
    kept = [it for it in items if it.removed is None]
    if not kept:  # nothing left to train: no warm-up either
        warm_min, warm = None, ()
    # a rule asked for it, or the plan alternated and removals or swaps broke the alternation
    if alternate or (was_alternating and not _alternates(kept)):
        kept = _alternate(kept)
    session = Session(
        name=plan.name,
        title=plan.title or plan.name,
        exercises=tuple(it.exercise for it in kept),
        removed=tuple(it.removed for it in items if it.removed is not None),
        warm_up_min=warm_min,
        warm_up=warm,
    )
    return SessionChanges(session, replacements, frozenset(applied), modified, cancelled)
