"""Packaging: the wheel carries the rule files and works outside the repository; the supported
versions agree everywhere; unsupported interpreters and a durable-rules build that cannot load
get a clear message."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor import _compat
from recovery_advisor._compat import check_python

ROOT = Path(__file__).resolve().parents[1]


def test_supported_pythons_pass_and_others_are_refused_with_a_reason() -> None:
    """CPython 3.10-3.14 passes the import-time check; an older or newer CPython, or another
    implementation, is refused with a message that names the supported span and why."""
    for minor in range(10, 15):
        check_python((3, minor), "CPython")
    with pytest.raises(
        ra.UnsupportedPythonError,
        match=r"needs CPython 3\.10-3\.14, but this is CPython 3\.9: the library uses Python 3\.10 features",
    ):
        check_python((3, 9), "CPython")
    with pytest.raises(ra.UnsupportedPythonError, match=r"CPython 3\.15: .*not known to build"):
        check_python((3, 15), "CPython")
    with pytest.raises(
        ImportError, match=r"needs CPython 3\.10-3\.14, but this is PyPy 3\.11: .*CPython only"
    ):
        check_python((3, 11), "PyPy")


#: what the message tells a user to run, for a python at /env/bin/python
FIX = (
    'CPPFLAGS="-DPyEval_CallObject=PyObject_CallObject" /env/bin/python -m pip install'
    " --force-reinstall --no-deps --no-cache-dir --no-binary durable-rules durable-rules==2.0.28"
)


def test_a_durable_build_without_the_define_is_explained_with_the_command_that_fixes_it() -> None:
    """When durable-rules was built without the define (undefined symbol PyEval_CallObject), the
    error says so and gives the exact command that rebuilds it for this environment; another
    load failure says what failed, with the command only on 3.13+ where it may be the cure."""
    symbol = ImportError(
        "/env/lib/python3.13/site-packages/durable_rules_engine.cpython-313-x86_64-linux-gnu.so:"
        " undefined symbol: PyEval_CallObject"
    )
    error = _compat.durable_load_error(symbol, (3, 13), "/env/bin/python")
    assert isinstance(error, ra.UnsupportedPythonError)
    assert str(error) == (
        "durable-rules, the rules engine of recovery-advisor, was built without the define that "
        "Python 3.13 needs, so it does not load (undefined symbol PyEval_CallObject). "
        f"Rebuild it from source with the define: {FIX}"
    )
    missing = ImportError("No module named 'durable'")
    assert str(_compat.durable_load_error(missing, (3, 13), "/env/bin/python")) == (
        "durable-rules could not be loaded (No module named 'durable'); recovery-advisor needs "
        f"durable-rules==2.0.28 on CPython 3.10-3.14. On Python 3.13 or later, install it with: {FIX}"
    )
    assert "CPPFLAGS" not in str(_compat.durable_load_error(missing, (3, 12), "/env/bin/python"))
    assert _compat.install_durable_command("/my env/bin/python").startswith(
        "CPPFLAGS=\"-DPyEval_CallObject=PyObject_CallObject\" '/my env/bin/python' -m pip"
    )


def _python(version: str) -> str | None:
    """An installed CPython of ``version``, found as the Makefile finds it."""
    found = subprocess.run(
        ["sh", str(ROOT / "tools" / "find-python"), version],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split(maxsplit=1)
    return found[1].strip() if found else None


PYTHON_313 = _python("3.13")


@pytest.mark.slow
@pytest.mark.skipif(PYTHON_313 is None, reason="no Python 3.13 on this machine")
def test_on_python_313_a_build_without_the_define_says_how_to_fix_it_and_the_fix_works(
    tmp_path: Path,
) -> None:
    """On a real Python 3.13 with durable-rules built the plain way (`pip install`, no define),
    importing the library and starting the command line stop with the library's message, not a
    linker traceback; running the command the message gives makes both work."""
    env_dir = tmp_path / "venv313"
    subprocess.run([str(PYTHON_313), "-m", "venv", str(env_dir)], check=True, timeout=120)
    python = str(env_dir / "bin" / "python")
    plain = {k: v for k, v in os.environ.items() if k not in ("CPPFLAGS", "CFLAGS")}
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-cache-dir",
            "attrs",
            "PyYAML",
            "msgspec",
            "durable-rules==2.0.28",
        ],
        check=True,
        timeout=600,
        env=plain,
    )
    env = {**plain, "PYTHONPATH": str(ROOT / "src")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [python, *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )

    fix = _compat.install_durable_command(python)
    imported = run("-c", "import recovery_advisor")
    assert imported.returncode != 0
    last = imported.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "recovery_advisor.errors.UnsupportedPythonError: durable-rules, the rules"
    )
    assert last.endswith(f"Rebuild it from source with the define: {fix}")
    cli = run("-m", "recovery_advisor", "rules", "list")
    assert cli.returncode == 2
    assert "Traceback" not in cli.stderr
    assert cli.stderr == f"recovery-advisor: {last.split(': ', 1)[1]}\n"

    subprocess.run(["bash", "-c", fix], check=True, timeout=600, env=plain, capture_output=True)
    advised = run(
        "-c",
        "import recovery_advisor as ra; print(ra.advise({}, now='2026-11-25T08:00').verdict)",
    )
    assert advised.returncode == 0, advised.stderr
    assert advised.stdout == "train\n"
    assert run("-m", "recovery_advisor", "rules", "list").returncode == 0


def test_wheel_installs_and_advises_outside_the_repository(tmp_path: Path) -> None:
    """A wheel built from the project, installed in a fresh virtual environment with the README's
    install line, advises from a folder that is not the repository (so the rule files must come
    from inside the wheel)."""
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
    subprocess.run(  # the install line of README.md "Requirements", needed on 3.13+
        [
            str(python),
            *("-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-cache-dir"),
            *("--no-binary", "durable-rules", str(wheel)),
        ],
        check=True,
        timeout=600,
        env={**os.environ, "CPPFLAGS": _compat.DURABLE_CPPFLAGS},
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


def _makefile_variable(name: str) -> str:
    (value,) = re.findall(rf"^{name} := (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    return value.strip()


def test_metadata_makefile_and_import_check_name_the_same_versions() -> None:
    """requires-python, the version classifiers, the Makefile's PYTHON_VERSIONS and durable pin
    and the import-time check all say the same: 3.10-3.14 allowed, classifiers only for the
    versions tested (not 3.14), the Makefile trying every allowed version newest first, and the
    same define and durable-rules pin everywhere (README's install line included)."""
    (lo, hi) = _compat.SUPPORTED
    allowed = [f"{lo[0]}.{minor}" for minor in range(lo[1], hi[1] + 1)]
    assert lo[0] == hi[0] == 3
    assert allowed == ["3.10", "3.11", "3.12", "3.13", "3.14"]
    pyproject = (ROOT / "pyproject.toml").read_text()
    (requires,) = re.findall(r'^requires-python = "(.*)"$', pyproject, re.MULTILINE)
    assert requires == f">={lo[0]}.{lo[1]},<{hi[0]}.{hi[1] + 1}"
    classified = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', pyproject)
    untested = [f"{major}.{minor}" for major, minor in _compat.UNTESTED]
    assert classified == [v for v in allowed if v not in untested]
    assert _makefile_variable("PYTHON_VERSIONS").split() == allowed[::-1]
    assert _makefile_variable("DURABLE_CPPFLAGS") == _compat.DURABLE_CPPFLAGS
    assert _makefile_variable("DURABLE") == _compat.DURABLE
    assert f'"{_compat.DURABLE}"' in pyproject
    readme = (ROOT / "README.md").read_text()
    assert _compat.install_durable_command("python") in readme
    install = "pip install --no-cache-dir --no-binary durable-rules recovery-advisor"
    assert f'CPPFLAGS="{_compat.DURABLE_CPPFLAGS}" {install}' in readme


def _fake_python(path: Path, version: str) -> None:
    """A script that answers tools/find-python's two questions like CPython ``version`` would
    and fails at anything else (so a venv cannot be made from it)."""
    major, minor = version.split(".")
    path.parent.mkdir(parents=True)
    path.write_text(
        "#!/bin/sh\n"
        'case "$*" in\n'
        f"  *sys.implementation.name,*) echo \"('cpython', {major}, {minor})\" ;;\n"
        '  *sys.executable*) echo "$0" ;;\n'
        "  *) exit 1 ;;\n"
        "esac\n"
    )
    path.chmod(0o755)


def test_find_python_takes_the_version_asked_for_from_path_or_pyenv(tmp_path: Path) -> None:
    """tools/find-python prints "VERSION PATH" for each installed version (on PATH or under
    $PYENV_ROOT/versions, newest patch first), skips an interpreter that is not the version its
    name says, and exits 1 when it finds none."""
    root = tmp_path / "pyenv"
    _fake_python(root / "versions" / "3.97.2" / "bin" / "python3.97", "3.97")
    _fake_python(root / "versions" / "3.97.10" / "bin" / "python3.97", "3.97")
    _fake_python(root / "versions" / "3.96.0" / "bin" / "python3.96", "3.95")  # lies
    _fake_python(tmp_path / "bin" / "python3.98", "3.98")
    env = {"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin", "PYENV_ROOT": str(root)}

    def find(*versions: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["sh", str(ROOT / "tools" / "find-python"), *versions],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    found = find("3.99", "3.98", "3.97", "3.96")
    assert found.returncode == 0
    assert found.stdout.splitlines() == [
        f"3.98 {tmp_path / 'bin' / 'python3.98'}",
        f"3.97 {root / 'versions' / '3.97.10' / 'bin' / 'python3.97'}",
    ]
    assert find("3.99", "3.96").returncode == 1


def test_other_pythons_reports_each_version_and_fails_if_one_fails(tmp_path: Path) -> None:
    """`make other-pythons` (run by `make test` after the main venv's checks) lists every version:
    the main venv's as passed, one not installed as skipped, and one whose run fails as FAILED,
    and then exits non-zero."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copytree(ROOT / "tools", tmp_path / "tools")
    root = tmp_path / "pyenv"
    _fake_python(root / "versions" / "3.99.0" / "bin" / "python3.99", "3.99")
    main = f"{sys.version_info[0]}.{sys.version_info[1]}"
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "other-pythons",
            f"PYTHON_VERSIONS=3.99 {main} 3.98",
            f"VENV={sys.prefix}",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYENV_ROOT": str(root), "MAKEFLAGS": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    report = result.stdout[result.stdout.index("== Python versions") :].splitlines()
    assert [line.split()[:2] for line in report[1:4]] == [
        [main, "passed"],
        ["3.99", "FAILED"],
        ["3.98", "skipped"],
    ]
    assert report[4] == "== FAILED on Python 3.99"
    assert not (tmp_path / ".venv-3.99" / "bin" / "python").exists()
