"""Build today's session: the plan, adjusted by the session effects of the rules that fired."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ._matching import Match
from ._template import fill
from .advice import RemovedExercise, Session, SessionExercise
from .catalogue import Catalogue, CatalogueEntry
from .plan import Plan
from .rules_ast import Rule

__all__ = ["SessionChanges", "build_session", "pick_drill", "pick_replacement"]


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
    modified: bool
    cancelled: bool


def pick_drill(cat: Catalogue, muscle: str, avoid: Sequence[str] = ()) -> CatalogueEntry | None:
    """The first mobility drill or stretch of the catalogue whose primary muscle is ``muscle``."""
    for entry in cat.by_role("mobility"):
        if muscle in entry.primary and entry.name not in avoid:
            return entry
    return None


def pick_replacement(
    cat: Catalogue, original: CatalogueEntry | None, to: str, muscle: str, avoid: Sequence[str]
) -> CatalogueEntry | None:
    """A replacement for ``original``: a drill for ``muscle`` (``to='mobility'``) or a lighter
    accessory of the same region that does not load ``muscle`` as a primary mover."""
    if to == "mobility":
        return pick_drill(cat, muscle, avoid)
    region = original.region if original else "lower"
    pattern = original.pattern if original else ""
    candidates = [
        e
        for e in cat.by_role("accessory")
        if e.region == region and muscle not in e.primary and e.name not in avoid
    ]
    same_pattern = [e for e in candidates if e.pattern == pattern]
    pool = (
        same_pattern
        or [e for e in candidates if original is None or set(e.primary) & set(original.muscles)]
        or candidates
    )
    return pool[0] if pool else pick_drill(cat, muscle, avoid)


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
    warm_min, warm = plan.warm_up_min, plan.warm_up
    replacements: dict[tuple[str, int], str] = {}
    modified = cancelled = alternate = False
    used_names = {it.exercise.name for it in items}

    def edit(item: _Item, rule: Rule, **changes: Any) -> None:
        ex = item.exercise
        note = changes.pop("note", None)
        if note:
            changes["note"] = f"{ex.note}; {note}" if ex.note else note
        if rule.id not in ex.changed_by:
            changes["changed_by"] = (*ex.changed_by, rule.id)
        item.exercise = attrs.evolve(ex, **changes)

    for rule, matches in fired:
        for effect in rule.then.effects:
            for match in matches if effect.target else matches[:1]:
                args = {
                    k: fill(v, match, params) if isinstance(v, str) else v
                    for k, v in effect.args.items()
                }
                targets = (
                    [it for it in items if it.index == int(match[effect.target]["ex"])]
                    if effect.target
                    else [it for it in items]
                )
                note = args.get("note") or fill(rule.then.message, match, params)
                kind = effect.kind
                if kind == "cancel":
                    cancelled = modified = True
                    for it in items:
                        if it.removed is None:
                            it.removed = RemovedExercise(it.exercise.name, note, rule.id)
                elif kind == "remove":
                    for it in targets:
                        if it.removed is None:
                            it.removed = RemovedExercise(it.exercise.name, note, rule.id)
                            modified = True
                elif kind == "swap":
                    for it in targets:
                        if it.removed is not None or it.swapped or not effect.target:
                            continue
                        muscle = str(args.get("muscle", ""))
                        new = pick_replacement(
                            catalogue,
                            it.entry,
                            str(args.get("to", "mobility")),
                            muscle,
                            sorted(used_names),
                        )
                        if new is None:
                            continue
                        used_names.add(new.name)
                        mobility = new.role == "mobility"
                        edit(
                            it,
                            rule,
                            name=new.name,
                            replaces=it.exercise.name,
                            sets=int(params["mobility_sets"]) if mobility else it.exercise.sets,
                            reps=str(params["mobility_reps"]) if mobility else it.exercise.reps,
                            region=new.region,
                            note=note,
                        )
                        if mobility:
                            rest_set[it.index] = (
                                int(params["mobility_rest_low_s"]),
                                int(params["mobility_rest_high_s"]),
                            )
                        it.swapped = True
                        replacements[(rule.id, it.index)] = new.name
                        modified = True
                elif kind == "reduce":
                    for it in targets:
                        if it.removed is not None or (it.swapped and it.exercise.replaces):
                            continue
                        ex = it.exercise
                        changes: dict[str, Any] = {"note": note}
                        if "sets" in args:
                            changes["sets"] = max(1, ex.sets + int(args["sets"]))
                        if "load_pct" in args:
                            pct = int(args["load_pct"])
                            changes["load_pct"] = (
                                pct if ex.load_pct is None else min(pct, ex.load_pct)
                            )
                        if "rpe_max" in args:
                            rpe = float(args["rpe_max"])
                            changes["rpe_max"] = rpe if ex.rpe_max is None else min(rpe, ex.rpe_max)
                        edit(it, rule, **changes)
                        modified = True
                elif kind == "rest":
                    low, high = (int(x) for x in args.get("seconds", default_rest))
                    for it in targets:
                        if it.index in rest_set and rest_set[it.index][0] >= low:
                            continue
                        rest_set[it.index] = (low, high)
                        if args.get("note"):
                            edit(it, rule, note=args["note"])
                elif kind == "alternate":
                    alternate = modified = True
                elif kind == "warm_up":
                    minutes = args.get("minutes")
                    if minutes:
                        warm_min = (int(minutes[0]), int(minutes[1]))
                    drills = args.get("drills")
                    if drills:
                        warm = tuple(str(d) for d in drills)
                elif kind == "note":
                    for it in targets:
                        edit(it, rule, note=str(args.get("text", note)))
    for it in items:
        if it.index in rest_set:
            it.exercise = attrs.evolve(it.exercise, rest_seconds=rest_set[it.index])
    kept = [it for it in items if it.removed is None]
    if alternate:
        kept = _alternate(kept)
    session = Session(
        name=plan.name,
        title=plan.title or plan.name,
        exercises=tuple(it.exercise for it in kept),
        removed=tuple(it.removed for it in items if it.removed is not None),
        warm_up_min=warm_min,
        warm_up=warm,
    )
    return SessionChanges(session, replacements, modified, cancelled)
