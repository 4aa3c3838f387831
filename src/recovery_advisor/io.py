"""Load a history from a file; the format is detected from the content, not the file name."""

from __future__ import annotations

from .history import History
from .importers import import_history
from .importers._common import AthleteLike, Source

__all__ = ["load_history"]


def load_history(source: Source, *, athlete: AthleteLike = None) -> History:
    """Read a history from a path or an open file: a JSON history (format version 1) or a Strong,
    Hevy, FitNotes or check-in/sleep CSV, detected from the content.

    Use :func:`~recovery_advisor.import_history` for the import report (what was read, what
    was skipped and why). Raises :class:`~recovery_advisor.HistoryError` for an invalid JSON
    history and :class:`~recovery_advisor.ImportFormatError` for a file that is not a history.
    """
    return import_history(source, athlete=athlete).history
