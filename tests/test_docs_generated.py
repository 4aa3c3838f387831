"""Generated docs are up to date, and the article-coverage table points at real, firing rules."""

from __future__ import annotations

import re
from pathlib import Path

import recovery_advisor as ra
from recovery_advisor._docgen_rules import generate_rules_md

ROOT = Path(__file__).resolve().parents[1]


def test_rule_catalogue_is_up_to_date() -> None:
    """docs/rules.md is exactly what the rule files generate (run `make docs` to refresh it)."""
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generate_rules_md()


def test_rule_catalogue_lists_every_rule_and_source() -> None:
    """Every bundled rule appears in the catalogue with its source sentence."""
    text = generate_rules_md()
    for rule in ra.RuleBook.default():
        assert f"`{rule.id}`" in text
        assert rule.source in text


def _coverage_rows() -> list[tuple[str, list[str]]]:
    rows = []
    for line in (ROOT / "docs" / "article-coverage.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| (\d+) \| (.*) \| (.*) \|$", line)
        if m:
            rows.append((m.group(1), re.findall(r"`([a-z0-9-]+)`", m.group(3))))
    return rows


def test_article_coverage_rules_exist_and_fire() -> None:
    """Every rule in the coverage table exists and carries at least one firing example."""
    book = ra.RuleBook.default()
    rows = _coverage_rows()
    assert len(rows) >= 14
    for number, ids in rows:
        assert ids, f"guidance {number} lists no rule"
        for rid in ids:
            if rid in ("legs-and-back", "full-body-beginner"):
                assert rid in book.plans
                continue
            rule = book[rid]
            assert any(e.kind == "fires" for e in rule.examples), rid


def test_every_article_rule_is_in_the_coverage_table() -> None:
    """A rule that cites the article is listed against the guidance it encodes."""
    listed = {rid for _, ids in _coverage_rows() for rid in ids}
    for rule in ra.RuleBook.default():
        if rule.ref.startswith("article"):
            assert rule.id in listed, rule.id


def test_rule_file_reference_documents_every_fact_field() -> None:
    """docs/rule-files.md names every fact type and field the rules can use."""
    from recovery_advisor.facts import FACT_SCHEMA

    text = (ROOT / "docs" / "rule-files.md").read_text(encoding="utf-8")
    for fact, fields in FACT_SCHEMA.items():
        if fact == "sentinel":
            continue
        assert f"`{fact}`" in text, fact
        for field in fields:
            assert f"`{field}`" in text, f"{fact}.{field}"


def test_readiness_doc_names_every_model_parameter() -> None:
    """docs/readiness.md explains every parameter of the readiness model."""
    import attrs

    text = (ROOT / "docs" / "readiness.md").read_text(encoding="utf-8")
    for field in attrs.fields(ra.ReadinessModel):
        assert f"`{field.name}`" in text, field.name


def test_rule_file_reference_lists_every_vocabulary() -> None:
    """docs/rule-files.md lists, in the row of each field with a vocabulary, every word that
    rule conditions on it may use (FIELD_VALUES)."""
    from recovery_advisor.facts import FIELD_VALUES

    text = (ROOT / "docs" / "rule-files.md").read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in text.splitlines() if "(of `" in line]
    for (fact, field), words in FIELD_VALUES.items():
        row = next((r for r in rows if f"`{field}`" in r[0] and f"`{fact}`" in r[0]), None)
        assert row is not None, f"no vocabulary row for {fact}.{field}"
        for word in words:
            assert (word or "empty") in row[1], f"{fact}.{field}: {word!r}"
