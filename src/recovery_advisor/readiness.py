"""Per-muscle readiness: how recovered each muscle is from recent hard sets (0-100).

The model (see ``docs/readiness.md``):

* A set's **effort** comes from its reps in reserve ``r``: logged RIR, else ``10 - RPE``, else a
  ``failure`` set type (r = 0), else an estimate from load relative to the athlete's recent
  estimated 1RM (Epley; the best of the e1RM window up to the set's workout), to the half rep and
  at least ``estimated_rir_min`` (an estimate is never a failure), else a default. A set is
  **hard** when ``r <= hard_rir_max``; its effort weight is ``1 - effort_step * r`` (1.0 at
  failure, 0.4 at 4 RIR); warm-up sets weigh nothing.
* Each hard set adds its effort weight to its primary muscles and ``secondary_share`` of it to its
  secondary muscles (Pelland et al. 2024).
* The contribution decays as ``(1 - h / T) ** decay_exponent`` over ``h`` hours, reaching zero at
  ``T``: ``large_recovery_h`` (72 h, Thomas et al. 2018) for large muscles, ``small_recovery_h``
  (48 h, ACSM 2011) for small ones, plus ``failure_extra_h`` (24 h, Morán-Navarro et al. 2017)
  for sets taken to failure.
* Readiness is ``100 * exp(-F / fatigue_scale)`` of the summed fatigue ``F``, in hard-set
  equivalents; bands follow WHOOP's: ready >= 67, recovering 34-66, fatigued <= 33.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

__all__ = ["LARGE_MUSCLES", "Contribution", "ReadinessModel"]

#: Muscles recovered on the slower, large-muscle time course (``large_recovery_h``). Fixed, not a
#: rule-book parameter: parameters are numbers or texts, never lists (docs/readiness.md).
LARGE_MUSCLES = frozenset(
    {
        "quadriceps",
        "hamstrings",
        "glutes",
        "lower_back",
        "lats",
        "middle_back",
        "chest",
        "adductors",
    }
)


@attrs.frozen(slots=True)
class Contribution:
    """Fatigue one hard set left on one muscle: ``amount`` (hard-set equivalents) ``hours_ago``;
    ``failure`` when the set was logged as a failure, ``estimated`` when its effort was estimated."""

    amount: float
    hours_ago: float
    failure: bool = False
    estimated: bool = False


@attrs.frozen(slots=True)
class ReadinessModel:
    """The constants of the readiness model; every one is a rule-book parameter.

    Units: hours (``*_h``), reps in reserve (``*_rir``), hard-set equivalents (``fatigue_scale``),
    readiness points 0-100 (``*_threshold``).
    """

    large_recovery_h: float = 72.0
    small_recovery_h: float = 48.0
    failure_extra_h: float = 24.0
    decay_exponent: float = 2.0
    secondary_share: float = 0.5
    fatigue_scale: float = 3.5
    ready_threshold: float = 67.0
    fatigued_threshold: float = 33.0
    hard_rir_max: float = 4.0
    effort_step: float = 0.15
    default_rir: float = 3.0
    estimated_rir_min: float = 0.5

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> ReadinessModel:
        """Take every field from ``params`` where present (names as in ``rules/model.yaml``)."""
        values = {
            f.name: float(params[f.name])
            for f in attrs.fields(cls)
            if f.name in params and params[f.name] is not None
        }
        return cls(**values)

    @property
    def horizon_h(self) -> float:
        """The longest time a set can still leave fatigue, in hours."""
        return max(self.large_recovery_h, self.small_recovery_h) + self.failure_extra_h

    def recovery_h(self, muscle: str, failure: bool) -> float:
        """Hours (h) a hard set of ``muscle`` takes to recover: ``large_recovery_h`` or
        ``small_recovery_h``, plus ``failure_extra_h`` for a set to failure.
        """
        base = self.large_recovery_h if muscle in LARGE_MUSCLES else self.small_recovery_h
        return base + (self.failure_extra_h if failure else 0.0)

    def effort_weight(self, rir: float) -> float:
        """Effort weight of a set with ``rir`` reps in reserve (0 when it is not a hard set)."""
        if rir > self.hard_rir_max:
            return 0.0
        return max(0.0, 1.0 - self.effort_step * max(rir, 0.0))

    def fatigue(
        self, muscle: str, contributions: Iterable[Contribution], later_h: float = 0.0
    ) -> float:
        """Residual fatigue of ``muscle`` ``later_h`` hours from now, in hard-set equivalents."""
        total = 0.0
        span_normal = self.recovery_h(muscle, False)
        span_failure = self.recovery_h(muscle, True)
        exponent = self.decay_exponent
        for c in contributions:
            left = 1.0 - (c.hours_ago + later_h) / (span_failure if c.failure else span_normal)
            if left > 0.0:
                total += c.amount * left**exponent
        return total

    def fatigue_parts(
        self, muscle: str, contributions: Iterable[Contribution]
    ) -> tuple[float, float]:
        """Residual fatigue of ``muscle`` now, and the part of it left by sets whose effort was
        estimated (one pass: the arithmetic of :meth:`fatigue`)."""
        total = estimated = 0.0
        span_normal = self.recovery_h(muscle, False)
        span_failure = self.recovery_h(muscle, True)
        exponent = self.decay_exponent
        for c in contributions:
            left = 1.0 - c.hours_ago / (span_failure if c.failure else span_normal)
            if left > 0.0:
                part = c.amount * left**exponent
                total += part
                if c.estimated:
                    estimated += part
        return total, estimated

    def readiness(self, fatigue: float) -> int:
        """Readiness 0-100 of a muscle carrying ``fatigue`` hard-set equivalents."""
        return round(100.0 * math.exp(-fatigue / self.fatigue_scale))

    def band(self, readiness: float) -> str:
        """``ready`` at ``ready_threshold`` or above, ``fatigued`` at ``fatigued_threshold`` or below,
        else ``recovering``.
        """
        if readiness >= self.ready_threshold:
            return "ready"
        if readiness <= self.fatigued_threshold:
            return "fatigued"
        return "recovering"

    def hours_to_ready(self, muscle: str, contributions: list[Contribution]) -> int:
        """Whole hours until the muscle's readiness is back at ``ready_threshold`` (0 if it is)."""
        if not contributions:
            return 0
        # the arithmetic of fatigue(), with each set's recovery span looked up once
        span_normal = self.recovery_h(muscle, False)
        span_failure = self.recovery_h(muscle, True)
        exponent = self.decay_exponent
        terms = [
            (c.amount, c.hours_ago, span_failure if c.failure else span_normal)
            for c in contributions
        ]

        def ready_after(later_h: float) -> bool:
            total = 0.0
            for amount, hours_ago, span in terms:
                left = 1.0 - (hours_ago + later_h) / span
                if left > 0.0:
                    total += amount * left**exponent
            return self.readiness(total) >= self.ready_threshold

        horizon = int(self.horizon_h) + 1
        low, high = 0, horizon
        if ready_after(0.0):
            return 0
        while high - low > 1:  # fatigue only falls with time, so bisect on the hour
            mid = (low + high) // 2
            if ready_after(mid):
                high = mid
            else:
                low = mid
        return high


def epley_1rm(weight_kg: float, reps: float) -> float:
    """Estimated one-repetition maximum (kg) by Epley's formula, ``w * (1 + reps / 30)``."""
    return weight_kg * (1.0 + reps / 30.0)


def reps_possible(weight_kg: float, one_rm: float) -> float:
    """Repetitions possible at ``weight_kg`` for an estimated 1RM (Epley, inverted)."""
    if weight_kg <= 0:
        return 30.0
    return max(0.0, 30.0 * (one_rm / weight_kg - 1.0))
