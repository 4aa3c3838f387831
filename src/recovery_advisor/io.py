"""Load a history from a file; the format is detected from the content, not the file name."""

from __future__ import annotations

from pathlib import Path

from .history import History, load_json_history

__all__ = ["load_history"]


def load_history(path: str | Path) -> History:
    """Read a history file (JSON format version 1)."""
    return load_json_history(path)
