"""The fixed vocabularies shared by the history format, the rule files and the advice."""

from __future__ import annotations

from typing import Final

__all__ = [
    "ACTIONS",
    "ACTION_ORDER",
    "BANDS",
    "EXPERIENCES",
    "FEELINGS",
    "GOALS",
    "MUSCLES",
    "MUSCLE_GROUPS",
    "PATTERNS",
    "REGIONS",
    "REST_DAY",
    "REST_DAY_DROPPED_ACTIONS",
    "ROLES",
    "SET_TYPES",
    "SEVERITIES",
    "VERDICTS",
]

#: The 17 muscles of free-exercise-db, with ``lower back``/``middle back`` as identifiers.
MUSCLES: Final = (
    "abdominals",
    "abductors",
    "adductors",
    "biceps",
    "calves",
    "chest",
    "forearms",
    "glutes",
    "hamstrings",
    "lats",
    "lower_back",
    "middle_back",
    "neck",
    "quadriceps",
    "shoulders",
    "traps",
    "triceps",
)

#: Groups a check-in may name instead of one muscle.
MUSCLE_GROUPS: Final = {"posterior_chain": ("hamstrings", "glutes", "lower_back")}

EXPERIENCES: Final = ("beginner", "intermediate", "advanced")
GOALS: Final = ("strength", "powerlifting", "hypertrophy", "endurance", "general")
SET_TYPES: Final = ("normal", "warmup", "dropset", "failure")
FEELINGS: Final = ("fresh", "sore", "tight", "pain")

#: Movement patterns of the exercise catalogue.
PATTERNS: Final = (
    "hinge",
    "squat",
    "lunge",
    "horizontal_pull",
    "vertical_pull",
    "horizontal_push",
    "vertical_push",
    "knee_flexion",
    "knee_extension",
    "hip_extension",
    "hip_abduction",
    "hip_adduction",
    "calf_raise",
    "elbow_flexion",
    "elbow_extension",
    "shoulder_isolation",
    "chest_isolation",
    "back_extension",
    "shrug",
    "core",
    "carry",
    "sled",
    "olympic",
    "cardio",
    "mobility",
    "stretch",
    "other",
)
REGIONS: Final = ("lower", "upper", "full")
#: Readiness bands of a muscle, best first.
BANDS: Final = ("ready", "recovering", "fatigued")
ROLES: Final = ("main", "accessory", "mobility")

#: What a recommendation asks the athlete to do (``Recommendation.action``).
ACTIONS: Final = (
    "pair",
    "avoid-pairing",
    "postpone",
    "reduce",
    "swap",
    "reorder",
    "warm-up",
    "rest",
    "remind",
    "warn",
    "stop",
    "info",
)
SEVERITIES: Final = ("info", "caution", "warning", "stop")

#: Within one severity, recommendations come in this order of consequence: what stops or
#: removes work first, reminders last (so the headline of a report is the advice that changes the
#: day the most).
ACTION_ORDER: Final = (
    "stop",
    "rest",
    "postpone",
    "avoid-pairing",
    "swap",
    "reduce",
    "reorder",
    "warn",
    "warm-up",
    "remind",
    "pair",
    "info",
)
VERDICTS: Final = ("train", "train-modified", "rest")

#: What a rule's advice does on a rest day (``then.rest_day`` of a rule file): ``keep`` it, or
#: ``drop`` it because it is about performing the session (warm-up, fuelling for it, rest between
#: sets, form cues, order, pairing). A rest day says rest, and only what helps recovery.
REST_DAY: Final = ("keep", "drop")
#: Actions whose advice is about performing today's session: dropped on a rest day unless the
#: rule says ``rest_day: keep``. The others (stop, rest, postpone, warn, remind, info) are kept
#: unless the rule says ``rest_day: drop``.
REST_DAY_DROPPED_ACTIONS: Final = ("pair", "avoid-pairing", "swap", "reduce", "reorder", "warm-up")
