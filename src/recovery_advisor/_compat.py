"""Refuse, with a clear message, interpreters on which durable-rules does not load."""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from collections.abc import Iterator

from .errors import UnsupportedPythonError

SUPPORTED = ((3, 10), (3, 12))


def check_python(version: tuple[int, int] | None = None, implementation: str | None = None) -> None:
    """Raise :class:`UnsupportedPythonError` outside CPython 3.10-3.12."""
    ver = version or (sys.version_info[0], sys.version_info[1])
    impl = implementation or platform.python_implementation()
    if impl != "CPython" or not SUPPORTED[0] <= ver <= SUPPORTED[1]:
        raise UnsupportedPythonError(
            f"recovery-advisor needs CPython 3.10-3.12, but this is {impl} {ver[0]}.{ver[1]}: "
            "its rules engine, durable-rules 2.0.28, does not load on Python 3.13 or later "
            "(undefined symbol PyEval_CallObject) nor outside CPython. "
            "Install it in a Python 3.12 environment."
        )


@contextlib.contextmanager
def refuse_cli_politely() -> Iterator[None]:
    """When the command line is starting, print the refusal as one sentence and exit with 2
    (the package cannot be imported, so ``cli.main`` could not catch it)."""
    try:
        yield
    except UnsupportedPythonError as exc:
        program = os.path.basename(sys.argv[0]) if sys.argv else ""
        if program in ("recovery-advisor", "-m", "__main__.py"):
            sys.stderr.write(f"recovery-advisor: {exc}\n")
            raise SystemExit(2) from None
        raise
