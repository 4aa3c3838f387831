"""Generated documentation files (``make docs``) are up to date with the code."""

from __future__ import annotations

from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor._gendocs import GENERATORS, generate_api_md, main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("rel", sorted(GENERATORS))
def test_generated_file_is_current(rel: str) -> None:
    """Each generated file in the repository equals what its generator produces now
    (after changing a docstring, a schema or the public API, run `make docs`)."""
    path = ROOT / rel
    assert path.is_file(), f"{rel} is missing: run `make docs`"
    assert path.read_text(encoding="utf-8") == GENERATORS[rel](), (
        f"{rel} is out of date: run `make docs` and commit the result"
    )


def test_api_reference_covers_every_public_name() -> None:
    """docs/api.md has a section for every name in ``recovery_advisor.__all__``."""
    text = generate_api_md()
    for name in ra.__all__:
        assert f"\n### {name}\n" in text, name
    assert " at 0x" not in text


def test_api_reference_covers_the_optional_modules() -> None:
    """docs/api.md documents every name of recovery_advisor.dask and recovery_advisor.spark,
    each with its signature and docstring."""
    import recovery_advisor.dask
    import recovery_advisor.spark

    text = generate_api_md()
    for module in (recovery_advisor.dask, recovery_advisor.spark):
        assert f"\n### {module.__name__}\n" in text
        for name in module.__all__:
            assert f"\n#### {module.__name__}.{name}\n" in text, name
    assert "advise_spark(df: Any, now: datetime | str, plan: PlanLike = None" in text
    assert "A ``pyspark.sql.DataFrame`` of".replace("``", "`") in text


def test_api_reference_shows_signatures_and_docstrings() -> None:
    """Signatures and docstrings (with reST roles turned into Markdown code) appear."""
    text = generate_api_md()
    assert "advise(history: History | Mapping[str, Any], now: datetime | str | None = None" in text
    assert "Advice for today from the athlete's recent history." in text
    assert "#### History.from_frame" in text
    assert ":class:`" not in text
    assert "``" not in text.replace("```", "")


def test_check_mode_reports_stale_files(tmp_path: Path) -> None:
    """``--check`` exits 1 for a tree whose files are missing or stale and writes nothing;
    a plain run writes them, after which ``--check`` passes."""
    assert main(["--check", "--root", str(tmp_path)]) == 1
    assert not any(tmp_path.iterdir())
    assert main(["--root", str(tmp_path)]) == 0
    assert main(["--check", "--root", str(tmp_path)]) == 0
    api = tmp_path / "docs" / "api.md"
    api.write_text(api.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert main(["--check", "--root", str(tmp_path)]) == 1


def test_every_public_name_and_method_has_a_docstring() -> None:
    """docs/api.md is generated from docstrings, so every public class, function, method and
    property exported by the package has one (an entry without text helps nobody)."""
    import inspect

    import recovery_advisor as ra

    missing = []
    for name in ra.__all__:
        obj = getattr(ra, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if not inspect.getdoc(obj):
            missing.append(name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            for attr, value in vars(obj).items():
                if attr.startswith("_"):
                    continue
                target = value.fget if isinstance(value, property) else value
                if isinstance(target, (classmethod, staticmethod)):
                    target = target.__func__
                if callable(target) and not (target.__doc__ or "").strip():
                    missing.append(f"{name}.{attr}")
    assert missing == []
