"""Packaging: the wheel carries the rule files and works outside the repository; unsupported
interpreters get a clear message."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor._compat import check_python

ROOT = Path(__file__).resolve().parents[1]


def test_python_313_is_refused_with_a_reason() -> None:
    """Outside CPython 3.10-3.12 the import fails with a message that says why."""
    with pytest.raises(
        ra.UnsupportedPythonError, match=r"durable-rules 2\.0\.28, does not load on Python 3\.13"
    ):
        check_python((3, 13), "CPython")
    with pytest.raises(ImportError, match=r"needs CPython 3\.10-3\.12"):
        check_python((3, 11), "PyPy")
    check_python((3, 12), "CPython")


def _python313() -> str | None:
    candidates = glob.glob(os.path.expanduser("~/.pyenv/versions/3.13*/bin/python3"))
    return candidates[0] if candidates else None


@pytest.mark.skipif(_python313() is None, reason="no Python 3.13 on this machine")
def test_importing_on_python_313_says_why() -> None:
    """On a real Python 3.13 the import stops with the library's message, not a linker error."""
    result = subprocess.run(
        [str(_python313()), "-c", "import recovery_advisor"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "UnsupportedPythonError" in result.stderr
    assert "needs CPython 3.10-3.12" in result.stderr


def test_wheel_installs_and_advises_outside_the_repository(tmp_path: Path) -> None:
    """A wheel built from the project, installed in a fresh virtual environment, advises from a
    folder that is not the repository (so the rule files must come from inside the wheel)."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    (wheel,) = dist.glob("recovery_advisor-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True,
        timeout=600,
    )
    script = (
        "import recovery_advisor as ra, pathlib\n"
        "a = ra.advise({'athlete': {'experience': 'intermediate', 'sessions_per_week': 4}},"
        " now='2026-11-25T08:00:00', plan='legs-and-back')\n"
        "from recovery_advisor.rulebook import bundled_rules_dir\n"
        "print(a.verdict, len(a.session.exercises), len(ra.RuleBook.default()),"
        " pathlib.Path(ra.__file__).is_relative_to(pathlib.Path(__import__('sys').prefix)),"
        " bundled_rules_dir().parent == pathlib.Path(ra.__file__).parent)\n"
    )
    out = subprocess.run(
        [str(python), "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    verdict, exercises, rules, in_venv, packaged = out.stdout.split()
    assert verdict in ("train", "train-modified")
    assert int(exercises) == 7
    assert int(rules) == len(ra.RuleBook.default())
    assert in_venv == "True"
    assert packaged == "True"


@pytest.mark.skipif(_python313() is None, reason="no Python 3.13 on this machine")
def test_the_command_line_on_python_313_says_why_in_one_sentence() -> None:
    """`python -m recovery_advisor` on 3.13 prints one sentence and exits 2, no traceback."""
    result = subprocess.run(
        [str(_python313()), "-m", "recovery_advisor", "rules", "list"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("recovery-advisor: recovery-advisor needs CPython 3.10-3.12")
