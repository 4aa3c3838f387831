"""Read the exports people already have: Strong, Hevy, FitNotes, and check-in/sleep CSV files.

Every reader takes a path or an open text file and returns an :class:`ImportResult`: the
:class:`~recovery_advisor.History` and an :class:`ImportReport` that accounts for every row.
"""

from .checkins import read_checkins
from .detect import FORMATS, detect_format, import_history
from .fitnotes import read_fitnotes
from .hevy import read_hevy
from .report import EXPECTED_SKIPS, SKIP_KINDS, ImportReport, ImportResult, RowNote, SkippedRow
from .strong import read_strong

__all__ = [
    "EXPECTED_SKIPS",
    "FORMATS",
    "SKIP_KINDS",
    "ImportReport",
    "ImportResult",
    "RowNote",
    "SkippedRow",
    "detect_format",
    "import_history",
    "read_checkins",
    "read_fitnotes",
    "read_hevy",
    "read_strong",
]
