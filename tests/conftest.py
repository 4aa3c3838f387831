"""Shared fixtures: the bundled rule book and a few histories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import recovery_advisor as ra

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-25T08:00:00"


@pytest.fixture(scope="session")
def book() -> ra.RuleBook:
    return ra.RuleBook.default()


@pytest.fixture
def fixtures(book: ra.RuleBook) -> dict[str, Any]:
    return {name: dict(value) for name, value in book.fixtures.items()}
