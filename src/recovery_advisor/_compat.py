"""Refuse, with a clear message, interpreters on which durable-rules does not load, and explain a
durable-rules build that cannot load (on Python 3.13+ it needs one preprocessor define).

durable-rules 2.0.28 (June 2020, its last release) ships only as source. Its C extension calls
``PyEval_CallObject``, which Python 3.13 removed; built with ``DURABLE_CPPFLAGS`` (which maps it to
``PyObject_CallObject``, the same call) it builds and loads on 3.13. ``CPPFLAGS``, not ``CFLAGS``:
durable's ``setup.py`` overwrites ``CFLAGS``.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shlex
import sys
from collections.abc import Iterator

from .errors import UnsupportedPythonError

#: the oldest and the newest CPython (major, minor) allowed; the Makefile's PYTHON_VERSIONS and
#: ``requires-python`` in pyproject.toml say the same (tests/test_packaging.py checks)
SUPPORTED = ((3, 10), (3, 14))
#: allowed, but no machine of the project has run the test suite on it yet: the C API that
#: durable-rules uses is unchanged in 3.14 (read, not run); no "Programming Language" classifier
UNTESTED = ((3, 14),)
#: from this version on, durable-rules must be built from source with DURABLE_CPPFLAGS
NEEDS_DEFINE_FROM = (3, 13)
DURABLE_CPPFLAGS = "-DPyEval_CallObject=PyObject_CallObject"
DURABLE = "durable-rules==2.0.28"


def _span() -> str:
    (lo_major, lo_minor), (hi_major, hi_minor) = SUPPORTED
    return f"CPython {lo_major}.{lo_minor}-{hi_major}.{hi_minor}"


def install_durable_command(python: str | None = None) -> str:
    """The shell command that (re)builds durable-rules from source with the define, for the
    environment of ``python`` (default: the running interpreter). ``--no-cache-dir`` because pip
    would otherwise reuse a wheel it cached from an earlier build without the define."""
    exe = shlex.quote(python or sys.executable or "python3")
    return (
        f'CPPFLAGS="{DURABLE_CPPFLAGS}" {exe} -m pip install --force-reinstall --no-deps'
        f" --no-cache-dir --no-binary durable-rules {DURABLE}"
    )


def check_python(version: tuple[int, int] | None = None, implementation: str | None = None) -> None:
    """Raise :class:`UnsupportedPythonError` outside CPython 3.10-3.14."""
    ver = version or (sys.version_info[0], sys.version_info[1])
    impl = implementation or platform.python_implementation()
    if impl != "CPython":
        why = "its rules engine, durable-rules 2.0.28, is a C extension for CPython only"
    elif ver < SUPPORTED[0]:
        why = "the library uses Python 3.10 features"
    elif ver > SUPPORTED[1]:
        why = (
            "its rules engine, durable-rules 2.0.28 (last released in 2020), "
            "is not known to build on later versions"
        )
    else:
        return
    raise UnsupportedPythonError(
        f"recovery-advisor needs {_span()}, but this is {impl} {ver[0]}.{ver[1]}: {why}. "
        "Install it in an environment with one of those versions."
    )


def durable_load_error(
    exc: ImportError, version: tuple[int, int] | None = None, python: str | None = None
) -> UnsupportedPythonError:
    """The error to raise when ``import durable`` failed with ``exc``: for the build without the
    define (undefined symbol ``PyEval_CallObject``), the exact command that fixes it."""
    ver = version or (sys.version_info[0], sys.version_info[1])
    fix = install_durable_command(python)
    if "PyEval_CallObject" in str(exc):
        return UnsupportedPythonError(
            f"durable-rules, the rules engine of recovery-advisor, was built without the define "
            f"that Python {ver[0]}.{ver[1]} needs, so it does not load (undefined symbol "
            f"PyEval_CallObject). Rebuild it from source with the define: {fix}"
        )
    hint = f" On Python 3.13 or later, install it with: {fix}" if ver >= NEEDS_DEFINE_FROM else ""
    return UnsupportedPythonError(
        f"durable-rules could not be loaded ({exc}); recovery-advisor needs {DURABLE} "
        f"on {_span()}.{hint}"
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
