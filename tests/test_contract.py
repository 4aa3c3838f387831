"""The JSON contract is tied to its version: the generated schemas of the history input
(``format_version``) and of the advice and error documents (``schema_version``) are pinned by
hash, so that no change to them goes out unnoticed under an old version number."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from recovery_advisor._schemas import advice_schema, error_schema, history_schema, schema_text
from recovery_advisor.advice import SCHEMA_VERSION
from recovery_advisor.history import FORMAT_VERSION

# sha256 of each generated schema file's text (src/recovery_advisor/_schemas.py), by the version
# it describes. A schema changed on purpose? Bump its version (add a line for the new version) or
# record the change in CHANGELOG.md under the current one; then update the hash on its line.
PINS: dict[tuple[str, int], str] = {
    ("history", 1): "3e8867a9ab675f69ae8764dda215acee64616cd6c40b381297f77a256ffba854",
    ("advice", 1): "d9c517e52162bd46c4793e977fac02401008a238c544ef26d8ab2d64fb16509e",
    ("error", 1): "dbb61d97d6b78c1b8f25fa0ffadcc24f38919e431f663cd4df070bad482c3f5e",
}

ROOT = Path(__file__).resolve().parents[1]
CONTRACT: dict[str, tuple[Callable[[], dict[str, Any]], str, int]] = {
    "history": (history_schema, "format_version", FORMAT_VERSION),
    "advice": (advice_schema, "schema_version", SCHEMA_VERSION),
    "error": (error_schema, "schema_version", SCHEMA_VERSION),
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_schema_is_pinned_for_its_version(name: str) -> None:
    """The schema is the one pinned for the current version."""
    build, version_name, version = CONTRACT[name]
    digest = hashlib.sha256(schema_text(build()).encode("utf-8")).hexdigest()
    pinned = PINS.get((name, version))
    assert pinned == digest, (
        f"the JSON contract changed: the {name} schema of {version_name} {version} is not the "
        f"pinned one. Bump {version_name}, or record the change in CHANGELOG.md; then update "
        f"the pinned hash in tests/test_contract.py: ({name!r}, {version}): {digest!r},"
    )


def test_changelog_names_the_current_versions() -> None:
    """CHANGELOG.md lists the versions of the contract that the library writes."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"`format_version` {FORMAT_VERSION}" in text
    assert f"`schema_version` {SCHEMA_VERSION}" in text
