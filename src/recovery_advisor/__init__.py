"""recovery-advisor: transparent, rule-based advice on how to train today.

>>> import recovery_advisor as ra
>>> advice = ra.advise({"athlete": {"experience": "intermediate"}}, now="2026-11-25T08:00")
>>> advice.verdict
'train'
"""

from ._compat import check_python, refuse_cli_politely

with refuse_cli_politely():
    check_python()
    # loads durable-rules now, so that a build that cannot load is reported here, in one sentence
    from . import _engine  # noqa: F401

from .advice import (
    SCHEMA_VERSION,
    Advice,
    MuscleStatus,
    MuscleStatuses,
    PerformanceTrend,
    Recommendation,
    RemovedExercise,
    Session,
    SessionExercise,
    TrainingLoad,
)
from .api import advise
from .batch import BatchError, BatchResult, advise_many
from .catalogue import Catalogue, CatalogueEntry
from .errors import (
    EngineError,
    HistoryError,
    ImportFormatError,
    MissingDependencyError,
    RecoveryAdvisorError,
    RuleFileError,
    TimeZoneWarning,
    UnsupportedPythonError,
)
from .history import Athlete, CheckIn, Exercise, History, Sleep, Workout, WorkoutSet
from .importers import (
    ImportReport,
    ImportResult,
    RowNote,
    SkippedRow,
    detect_format,
    import_history,
    read_checkins,
    read_fitnotes,
    read_hevy,
    read_strong,
)
from .io import load_history
from .jsonapi import advise_json
from .plan import Plan, PlannedExercise
from .plot import plot_readiness
from .readiness import ReadinessModel
from .rulebook import RuleBook

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Advice",
    "Athlete",
    "BatchError",
    "BatchResult",
    "Catalogue",
    "CatalogueEntry",
    "CheckIn",
    "EngineError",
    "Exercise",
    "History",
    "HistoryError",
    "ImportFormatError",
    "ImportReport",
    "ImportResult",
    "MissingDependencyError",
    "MuscleStatus",
    "MuscleStatuses",
    "PerformanceTrend",
    "Plan",
    "PlannedExercise",
    "ReadinessModel",
    "Recommendation",
    "RecoveryAdvisorError",
    "RemovedExercise",
    "RowNote",
    "RuleBook",
    "RuleFileError",
    "Session",
    "SessionExercise",
    "SkippedRow",
    "Sleep",
    "TimeZoneWarning",
    "TrainingLoad",
    "UnsupportedPythonError",
    "Workout",
    "WorkoutSet",
    "__version__",
    "advise",
    "advise_json",
    "advise_many",
    "detect_format",
    "import_history",
    "load_history",
    "plot_readiness",
    "read_checkins",
    "read_fitnotes",
    "read_hevy",
    "read_strong",
]
