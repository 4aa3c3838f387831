"""The parsed form of rule files: rules, their conditions, their advice and their examples.

Parsing (``_rulefile``), evaluation (``_engine`` with durable-rules, ``_reference`` in plain
Python) and the error types are kept apart; both evaluators read these frozen classes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs

from .vocabulary import REST_DAY_DROPPED_ACTIONS

__all__ = [
    "AnyOf",
    "Effect",
    "Example",
    "Param",
    "ParamRef",
    "ParamUse",
    "Pattern",
    "Ref",
    "Rule",
    "Test",
    "Then",
]

Scalar = str | int | float | bool


@attrs.frozen(slots=True)
class Ref:
    """The value of ``field`` of the fact bound to ``alias`` earlier in the same rule."""

    alias: str
    field: str


@attrs.frozen(slots=True)
class ParamRef:
    """The value of the rule-book parameter ``name`` (written ``$name`` in a rule file)."""

    name: str


Operand = Scalar | Ref | ParamRef


@attrs.frozen(slots=True)
class Test:
    """``field op value`` on one fact; ``op`` is one of eq, ne, lt, lte, gt, gte."""

    field: str
    op: str
    value: Operand


@attrs.frozen(slots=True)
class AnyOf:
    """True when all conditions of at least one option hold."""

    options: tuple[tuple[Condition, ...], ...]


Condition = Test | AnyOf


@attrs.frozen(slots=True)
class Pattern:
    """A fact of type ``fact`` meeting every condition, bound to ``alias``; or, when ``negated``,
    the absence of any such fact."""

    alias: str
    fact: str
    conditions: tuple[Condition, ...]
    negated: bool = False
    line: int | None = None


@attrs.frozen(slots=True)
class Effect:
    """A change to the session: ``kind`` (swap, reduce, remove, rest, alternate, warm_up,
    template, cancel, note) on the planned exercise bound to ``target`` (or the whole session)."""

    kind: str
    target: str | None = None
    args: Mapping[str, Any] = attrs.field(factory=dict)
    line: int | None = None


@attrs.frozen(slots=True)
class ParamUse:
    """A parameter a rule uses, where it uses it and what its value must be there.

    ``placeholder`` is true for ``{$name}`` in a text, false for ``$name`` in a condition.
    ``kind`` is ``num``, ``text`` or ``any``; a number may have to be ``whole`` and within
    ``minimum``..``maximum``, a text one of ``values`` (when that is not empty)."""

    name: str
    where: str
    line: int | None = None
    placeholder: bool = False
    kind: str = "any"
    values: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    whole: bool = False

    def wants(self) -> str:
        """What the value must be, as words: "a whole number from 1 to 100"."""
        if self.kind == "num":
            words = "a whole number" if self.whole else "a number"
            if self.minimum is not None and self.maximum is not None:
                words += f" from {self.minimum:g} to {self.maximum:g}"
            return words
        if self.kind == "text":
            return f"one of {', '.join(self.values)}" if self.values else "text"
        return "a number or text"

    def accepts(self, value: Any) -> bool:
        if self.kind == "num":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return False
            if not math.isfinite(value):
                return False
            if self.whole and value != int(value):
                return False
            low = -math.inf if self.minimum is None else self.minimum
            high = math.inf if self.maximum is None else self.maximum
            return low <= value <= high
        if self.kind == "text":
            return isinstance(value, str) and (not self.values or value in self.values)
        return True


@attrs.frozen(slots=True)
class Then:
    """What a rule advises when it fires. Text fields are templates over ``{alias.field}``.

    ``rest_day`` is ``keep``, ``drop`` or empty (decided by the action, see
    :attr:`kept_on_rest_day`).
    """

    action: str
    severity: str
    message: str
    because: tuple[str, ...] = ()
    muscles: tuple[str, ...] = ()
    exercise: str | None = None
    replacement: str | None = None
    drill_for: str | None = None
    verdict: str | None = None
    effects: tuple[Effect, ...] = ()
    rest_day: str = ""

    @property
    def makes_rest(self) -> bool:
        """Whether this advice can make the day a rest day (``verdict: rest``, or a ``cancel`` or
        ``remove`` effect that may empty the session): such advice is always kept."""
        return self.verdict == "rest" or any(e.kind in ("cancel", "remove") for e in self.effects)

    @property
    def kept_on_rest_day(self) -> bool:
        """Whether the advice still applies when the day's verdict is ``rest``: ``rest_day`` when
        given, else true unless the action is about performing the session
        (:data:`~recovery_advisor.vocabulary.REST_DAY_DROPPED_ACTIONS`)."""
        if self.makes_rest:
            return True
        if self.rest_day:
            return self.rest_day == "keep"
        return self.action not in REST_DAY_DROPPED_ACTIONS


@attrs.frozen(slots=True)
class Example:
    """A history on which the rule must fire (``fires``) or must stay silent (``silent``)."""

    kind: str
    name: str
    history: Mapping[str, Any]
    now: str
    plan: Any = None
    expect: Mapping[str, Any] = attrs.field(factory=dict)
    line: int | None = None


@attrs.frozen(slots=True)
class Param:
    """A tunable threshold: ``value`` in ``unit``, resting on ``source``."""

    name: str
    value: Scalar
    unit: str = ""
    source: str = ""
    description: str = ""
    file: str | None = None
    line: int | None = None
    minimum: float | None = None
    maximum: float | None = None


@attrs.frozen(slots=True)
class Rule:
    """One rule of a rule file (see ``docs/rule-files.md``)."""

    id: str
    title: str
    source: str
    ref: str
    patterns: tuple[Pattern, ...]
    then: Then
    examples: tuple[Example, ...] = ()
    #: rules with the same topic are one item of the rendered note (``docs/rule-files.md``)
    topic: str = ""
    description: str = ""
    params: tuple[str, ...] = ()
    file: str | None = None
    line: int | None = None
    uses: tuple[ParamUse, ...] = ()
