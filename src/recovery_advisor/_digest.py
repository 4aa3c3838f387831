"""The advice as a coach's note: recommendations merged into a few items.

``Advice.recommendations`` keeps every rule that fired, one entry each. A note that printed them
all would repeat itself ("one set fewer" twice for one row, an RPE cap per exercise after short
nights, the generic rest next to a longer one), so the renderers show *items*:

1. recommendations of rules with the same ``topic`` (a key of the rule file) are one item;
2. recommendations without a topic that change the same exercise in the same way (same action)
   are one item;
3. items of one rule whose messages differ only in the exercise name are one item naming all
   the exercises ("Pull-Ups and Seated Cable Row: one set fewer ...").

An item leads with its first recommendation (they come most severe first), lists the other
messages as "also", and names every rule and every source it stands for. Only ``info`` items are
ever folded into the closing line, and only when there are more than :data:`NOTE_ITEMS`.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .advice import Recommendation

__all__ = ["NOTE_ITEMS", "Item", "digest", "items", "join_names", "shown"]

#: How many items the note shows in full before ``info`` items are folded into one line.
NOTE_ITEMS = 8


@attrs.frozen(slots=True)
class Item:
    """One item of the note: what ``recommendations`` say, merged (see the module docstring)."""

    severity: str
    message: str
    also: tuple[str, ...]
    rules: tuple[str, ...]
    titles: tuple[str, ...]
    because: tuple[str, ...]
    sources: tuple[str, ...]
    tries: tuple[str, ...]
    recommendations: tuple[Recommendation, ...]


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _messages(recs: Sequence[Recommendation]) -> list[str]:
    """The distinct messages of ``recs``, those of one rule differing only in the exercise
    merged into one that names every exercise."""
    out: list[str] = []
    done: set[int] = set()
    for i, r in enumerate(recs):
        if i in done:
            continue
        same = [
            (j, q)
            for j, q in enumerate(recs)
            if j >= i
            and j not in done
            and q.rule == r.rule
            and q.exercise
            and r.exercise
            and q.message.replace(q.exercise, "\0") == r.message.replace(r.exercise, "\0")
        ]
        if len(same) > 1 and r.exercise:
            names = list(dict.fromkeys(q.exercise or "" for _, q in same))
            out.append(r.message.replace(r.exercise, "\0").replace("\0", join_names(names)))
            done.update(j for j, _ in same)
        else:
            out.append(r.message)
            done.add(i)
    return list(dict.fromkeys(out))


def _sources(recs: Sequence[Recommendation]) -> tuple[str, ...]:
    """Each distinct source sentence once, with the references of every rule citing it."""
    refs: dict[str, list[str]] = {}
    for r in recs:
        refs.setdefault(r.source, [])
        if r.ref and r.ref not in refs[r.source]:
            refs[r.source].append(r.ref)
    return tuple(f"{text} ({'; '.join(rs)})" if rs else text for text, rs in refs.items())


def _key(r: Recommendation, index: int) -> tuple[str, ...]:
    if r.topic:
        return ("topic", r.topic)
    if r.exercise:
        return ("exercise", r.exercise, r.action)
    return ("single", str(index))


def _template(r: Recommendation) -> str:
    return r.message.replace(r.exercise, "\0") if r.exercise else r.message


def digest(recs: Sequence[Recommendation]) -> list[list[Recommendation]]:
    """``recs`` grouped into the items of the note, in order of their first recommendation."""
    groups: dict[tuple[str, ...], list[Recommendation]] = {}
    for i, r in enumerate(recs):
        groups.setdefault(_key(r, i), []).append(r)
    merged: list[list[Recommendation]] = []
    for key, group in groups.items():
        lead = group[0]
        twin = next(
            (
                m
                for m in merged
                if key[0] == "exercise"
                and not m[0].topic
                and m[0].exercise
                and m[0].rule == lead.rule
                and m[0].action == lead.action
                and _template(m[0]) == _template(lead)
            ),
            None,
        )
        if twin is None:
            merged.append(list(group))
        else:
            twin.extend(group)
    return merged


def items(recs: Sequence[Recommendation]) -> tuple[Item, ...]:
    """The items of the note for ``recs`` (all of them; see :func:`shown`)."""
    out = []
    for group in digest(recs):
        # the lead's rule first: its recommendations (one per exercise) give the first message
        ordered = sorted(group, key=lambda r: r.rule != group[0].rule)
        messages = _messages(ordered)
        out.append(
            Item(
                severity=group[0].severity,
                message=messages[0],
                also=tuple(messages[1:]),
                rules=_unique([r.rule for r in ordered]),
                titles=_unique([r.title or r.rule for r in ordered]),
                because=_unique([b for r in ordered for b in r.because]),
                sources=_sources(ordered),
                tries=_unique([r.replacement or "" for r in ordered if not r.exercise]),
                recommendations=tuple(group),
            )
        )
    return tuple(out)


def shown(
    recs: Sequence[Recommendation], limit: int = NOTE_ITEMS
) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """The items shown in full and those folded into the closing line.

    Every item that is not ``info`` is shown; ``info`` items fill up to ``limit`` items, in
    their order, and the rest are folded.
    """
    every = items(recs)
    room = max(0, limit - sum(1 for i in every if i.severity != "info"))
    full: list[Item] = []
    folded: list[Item] = []
    for item in every:
        if item.severity != "info":
            full.append(item)
        elif room > 0:
            full.append(item)
            room -= 1
        else:
            folded.append(item)
    return tuple(full), tuple(folded)
