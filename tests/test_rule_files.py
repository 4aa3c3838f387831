"""Rule files: mistakes are reported with file, rule id, line and a suggestion; users can add,
override, switch off rules and change parameters."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor._rulefile import parse_rule_file

NOW = "2026-11-25T08:00:00"

GOOD_RULE = """\
version: 1
rules:
  - id: my-rule
    title: A rule of my own
    source: "My coach says so, and that is good enough for me."
    when:
      - fact: athlete
        as: a
        where: {sessions_per_week: {gte: 5}}
    then:
      action: warn
      severity: caution
      message: "You train {a.sessions_per_week} times a week."
    examples:
      fires:
        - {name: five sessions, history: {athlete: {sessions_per_week: 5}}}
      silent:
        - {name: three sessions, history: {athlete: {sessions_per_week: 3}}}
"""


def _error(text: str) -> ra.RuleFileError:
    with pytest.raises(ra.RuleFileError) as info:
        parse_rule_file(textwrap.dedent(text), "my_rules/x.yaml")
    return info.value


def test_a_misspelt_field_names_file_rule_line_and_suggests() -> None:
    """A field the fact does not have is reported with file:line, the rule id and 'did you mean'."""
    err = _error(GOOD_RULE.replace("sessions_per_week: {gte", "sesions_per_week: {gte"))
    assert err.file == "my_rules/x.yaml"
    assert err.rule_id == "my-rule"
    assert err.line == 9
    assert "did you mean 'sessions_per_week'" in str(err)
    assert str(err).startswith("my_rules/x.yaml:9, rule 'my-rule': ")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("fact: athlete", "fact: athelete", "did you mean 'athlete'"),
        ("{gte: 5}", "{gt_e: 5}", "unknown operator 'gt_e'"),
        ("{gte: 5}", "{gte: five}", "is a number"),
        ("action: warn", "action: warning", "then.action must be one of"),
        ("{a.sessions_per_week}", "{b.sessions_per_week}", "no fact is bound to 'b'"),
        ("    title: A rule of my own\n", "", "needs 'title'"),
        (
            "      silent:\n        - {name: three sessions, history: {athlete: {sessions_per_week: 3}}}\n",
            "",
            "at least one 'silent' example",
        ),
        ("{gte: 5}", "{gte: $no_such_param}", "no_such_param"),
        ("id: my-rule", "id: My Rule", "id must be"),
        ("rules:", "rulez:", "did you mean 'rules'"),
        (
            "    when:",
            "    when:\n      - fact: athlete\n        where: {x: [1, 2}\n    whenn:",
            "not valid YAML",
        ),
    ],
)
def test_rule_file_mistakes_are_explained(old: str, new: str, words: str) -> None:
    """Each kind of mistake raises RuleFileError saying what is wrong (never a traceback)."""
    text = GOOD_RULE.replace(old, new, 1)
    assert text != GOOD_RULE
    with pytest.raises(ra.RuleFileError) as info:
        ra.RuleBook.from_files([parse_rule_file(text, "my_rules/x.yaml")])
    assert words in str(info.value)
    assert "my_rules/x.yaml" in str(info.value) or info.value.file is None


def test_a_users_rule_folder_adds_to_the_bundled_rules(tmp_path: Path) -> None:
    """RuleBook.load(folder, base=default) adds rules; advise() then applies them."""
    (tmp_path / "mine.yaml").write_text(GOOD_RULE, encoding="utf-8")
    book = ra.RuleBook.load(tmp_path, base=ra.RuleBook.default())
    assert "my-rule" in book.ids
    assert len(book) == len(ra.RuleBook.default()) + 1
    advice = ra.advise({"athlete": {"sessions_per_week": 5}}, now=NOW, rules=book)
    assert advice.by_rule("my-rule")[0].message == "You train 5 times a week."
    # a folder path works too
    assert (
        "my-rule"
        in ra.advise({"athlete": {"sessions_per_week": 5}}, now=NOW, rules=tmp_path).rules_fired
    )


def test_load_adds_to_the_bundled_rules_by_default(tmp_path: Path) -> None:
    """RuleBook.load(folder) keeps the bundled rules (the pain rule among them) and gives the
    same advice as rules="folder"; base=None holds only the folder's rules."""
    (tmp_path / "mine.yaml").write_text(GOOD_RULE, encoding="utf-8")
    history = {
        "athlete": {"sessions_per_week": 5},
        "checkins": [{"at": "2026-11-25T07:00:00", "muscle": "hamstrings", "feeling": "pain"}],
    }
    book = ra.RuleBook.load(tmp_path)
    assert set(ra.RuleBook.default().ids) < set(book.ids)
    by_book = ra.advise(history, now=NOW, plan="legs-and-back", rules=book)
    by_path = ra.advise(history, now=NOW, plan="legs-and-back", rules=tmp_path)
    assert by_book.to_dict() == by_path.to_dict()
    assert {"my-rule", "pain-stop-loaded-work"} <= set(by_book.rules_fired)
    only_mine = ra.RuleBook.load(tmp_path, base=None)
    assert only_mine.ids == ("my-rule",)
    assert ra.advise(history, now=NOW, rules=only_mine).rules_fired == ("my-rule",)
    with pytest.raises(ra.RuleFileError, match="base must be a RuleBook, BUNDLED or None"):
        ra.RuleBook.load(tmp_path, base="default")  # type: ignore[arg-type]


def test_override_by_id_disable_and_params(tmp_path: Path) -> None:
    """A user file can replace a bundled rule by id, switch another off and change a parameter."""
    override = GOOD_RULE.replace("id: my-rule", "id: pair-suits-strength-goal")
    (tmp_path / "a.yaml").write_text(
        override + "disable: [hydrate-and-fuel]\nparams: {pair_max_sessions: 5}\n", encoding="utf-8"
    )
    book = ra.RuleBook.load(tmp_path, base=ra.RuleBook.default())
    assert book["pair-suits-strength-goal"].title == "A rule of my own"
    assert "hydrate-and-fuel" not in book.ids
    assert book.params["pair_max_sessions"].value == 5
    assert "Article" in book.params["pair_max_sessions"].source  # the source is kept
    history = {"athlete": {"experience": "intermediate", "sessions_per_week": 5}}
    assert "pair-fits-training-frequency" in ra.advise(history, now=NOW, rules=book).rules_fired
    assert "pair-fits-training-frequency" not in ra.advise(history, now=NOW).rules_fired


def test_with_params_and_without() -> None:
    """Parameters can be changed in code, and rules switched off, giving new rule books."""
    book = ra.RuleBook.default()
    stricter = book.with_params(pair_max_sessions=6)
    assert stricter.fingerprint != book.fingerprint
    history = {"athlete": {"experience": "intermediate", "sessions_per_week": 6}}
    assert "pair-fits-training-frequency" in ra.advise(history, now=NOW, rules=stricter).rules_fired
    with pytest.raises(ra.RuleFileError, match="did you mean 'pair_max_sessions'"):
        book.with_params(pair_max_sesions=6)
    assert "warm-up-first" not in book.without("warm-up-first").ids


def test_rule_files_are_never_executed(tmp_path: Path) -> None:
    """YAML tags that would construct Python objects are refused."""
    evil = GOOD_RULE.replace(
        '"My coach says so, and that is good enough for me."',
        "!!python/object/apply:os.system ['echo hi']",
    )
    with pytest.raises(ra.RuleFileError, match="not valid YAML"):
        parse_rule_file(evil, "evil.yaml")


def test_duplicate_rule_ids_across_files_are_an_error(tmp_path: Path) -> None:
    """Two files of one folder defining the same id is reported with both files."""
    (tmp_path / "a.yaml").write_text(GOOD_RULE, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD_RULE, encoding="utf-8")
    with pytest.raises(ra.RuleFileError, match=r"defined in .*a\.yaml and again here"):
        ra.RuleBook.load(tmp_path)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"large_recovery_h": 0}, "'large_recovery_h' must be from 1 to 336 h, got 0"),
        ({"fatigue_scale": "x"}, "'fatigue_scale' must be a finite number"),
        (
            {"ready_threshold": 10},
            "'fatigued_threshold' (33) must not be above 'ready_threshold' (10)",
        ),
        ({"secondary_share": -1}, "must be from 0 to 1"),
    ],
)
def test_parameters_keep_their_kind_and_bounds(
    params: dict[str, object], words: str, tmp_path: Path
) -> None:
    """A parameter changed in code or in a rule file must stay a number within its bounds."""
    with pytest.raises(ra.RuleFileError, match=re.escape(words)):
        ra.RuleBook.default().with_params(**params)
    (tmp_path / "p.yaml").write_text(
        f"params: {dict(params)!r}\n".replace("'", '"'), encoding="utf-8"
    )
    with pytest.raises(ra.RuleFileError, match=re.escape(words)):
        ra.RuleBook.load(tmp_path, base=ra.RuleBook.default())


def test_disabling_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    """A misspelt id in `disable:` is reported (with a suggestion), not ignored."""
    (tmp_path / "d.yaml").write_text("disable: [hydrate-and-fuell]\n", encoding="utf-8")
    with pytest.raises(ra.RuleFileError, match="did you mean 'hydrate-and-fuel'"):
        ra.RuleBook.load(tmp_path, base=ra.RuleBook.default())


def test_numbers_finer_than_the_engine_compares_are_refused() -> None:
    """A literal with more than 4 decimals would be rounded by durable-rules: refuse it, say so."""
    text = GOOD_RULE.replace("{gte: 5}", "{gte: 0.00001}")
    with pytest.raises(ra.RuleFileError, match="more than 4 decimals"):
        parse_rule_file(text, "x.yaml")


def test_an_error_carries_every_problem_of_the_file() -> None:
    """parse_rule_file raises the first problem (its file, line and rule id as attributes) and
    carries every problem found in `problems`; str(e) lists them all, one a line."""
    text = (
        GOOD_RULE.replace("fact: athlete", "fact: athelete")
        .replace("severity: caution", "severity: loud")
        .replace("{a.sessions_per_week} times", "{a.sessions_per_week} times, {b.x}")
    )
    err = _error(text)
    assert (err.line, err.rule_id) == (7, "my-rule")
    assert "unknown fact type 'athelete'" in err.problem
    assert [p.line for p in err.problems] == [7, 12, 13]
    assert "got 'loud'" in err.problems[1].problem
    assert "no fact is bound to 'b'" in err.problems[2].problem
    lines = str(err).splitlines()
    assert lines[0].startswith("my_rules/x.yaml:7, rule 'my-rule': unknown fact type 'athelete'")
    assert lines[1] == "and 2 more problems:"
    assert lines[2].startswith("my_rules/x.yaml:12, rule 'my-rule': then.severity must be")
    assert lines[3].startswith("my_rules/x.yaml:13, rule 'my-rule': placeholder {b.x}")
    one = _error(GOOD_RULE.replace("fact: athlete", "fact: athelete"))
    assert one.problems == (one,)
    assert "\n" not in str(one)
