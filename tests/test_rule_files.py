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
        (
            "    title: A rule of my own\n",
            "    title: A rule\n    topic: My Topic\n",
            "topic must be",
        ),
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
    """A misspelt id in `disable:` is reported at the line of the id (with a suggestion), not
    ignored; an id that is not text is reported at its line too."""
    (tmp_path / "d.yaml").write_text(
        "version: 1\ndisable:\n  - warm-up-first\n  - hydrate-and-fuell\n", encoding="utf-8"
    )
    with pytest.raises(ra.RuleFileError, match="did you mean 'hydrate-and-fuel'") as info:
        ra.RuleBook.load(tmp_path)
    assert (info.value.file, info.value.line) == (str(tmp_path / "d.yaml"), 4)
    assert "disable: no rule 'hydrate-and-fuell' to switch off" in str(info.value)
    (tmp_path / "d.yaml").write_text("disable:\n  - warm-up-first\n  - [x]\n", encoding="utf-8")
    with pytest.raises(ra.RuleFileError, match="disable must be a list of rule ids") as info:
        ra.RuleBook.load(tmp_path)
    assert info.value.line == 3


def test_a_new_unused_parameter_close_to_an_existing_one_is_an_error(tmp_path: Path) -> None:
    """`params: {tight_levl: {value: 4}}` would be a new parameter that no rule uses, so the
    change the user meant (tight_level) would silently not happen: an error at its line with
    'did you mean'. A new parameter the user's own rules use, or one far from every name, is
    fine."""
    (tmp_path / "p.yaml").write_text(
        "version: 1\nparams:\n  tight_levl: {value: 4}\n", encoding="utf-8"
    )
    with pytest.raises(ra.RuleFileError) as info:
        ra.RuleBook.load(tmp_path)
    assert (info.value.file, info.value.line) == (str(tmp_path / "p.yaml"), 3)
    assert "parameter 'tight_levl' is not a parameter of the rule book and no rule uses it" in (
        str(info.value)
    )
    assert "did you mean 'tight_level'" in str(info.value)
    with pytest.raises(ra.RuleFileError, match="did you mean 'tight_level'"):
        ra.RuleBook.load(tmp_path, base=None)
    (tmp_path / "p.yaml").write_text("params: {tight_level: 4, gym_name: Iron}\n")
    assert ra.RuleBook.load(tmp_path).params["tight_level"].value == 4
    (tmp_path / "p.yaml").write_text(PLAN_RULE)  # my_rpe is close to heavy_rpe, and used
    assert ra.RuleBook.load(tmp_path).params["my_rpe"].value == 7.5


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


PLAN_RULE = """\
version: 1
params:
  my_rpe: {value: 7.5, unit: RPE, source: "our coach"}
rules:
  - id: cap-main-lifts
    title: Cap the main lifts
    source: "Our gym's rule: main lifts at RPE 7.5 at most on Wednesdays."
    when:
      - {fact: planned, as: ex, where: {role: main}}
    then:
      action: reduce
      severity: caution
      message: "Keep {ex.name} at RPE {$my_rpe} or below."
      session:
        - reduce: {target: ex, rpe_max: "{$my_rpe}", load_pct: 90}
    examples:
      fires: [{name: the article's session, plan: legs-and-back}]
      silent: [{name: no plan}]
"""


def _load_error(tmp_path: Path, text: str) -> ra.RuleFileError:
    (tmp_path / "mine.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ra.RuleFileError) as info:
        ra.RuleBook.load(tmp_path)
    return info.value


def test_a_parameter_in_a_session_effect_gives_its_number(tmp_path: Path) -> None:
    """`rpe_max: "{$my_rpe}"` caps the exercise at the parameter's value, and the message shows
    it: the rule file's parameter reaches the session as a number."""
    (tmp_path / "mine.yaml").write_text(PLAN_RULE, encoding="utf-8")
    advice = ra.advise({}, now=NOW, plan="legs-and-back", rules=tmp_path)
    deadlift = advice.session.exercises[0]  # type: ignore[union-attr]
    assert (deadlift.name, deadlift.rpe_max, deadlift.load_pct) == ("Barbell Deadlift", 7.5, 90)
    assert advice.by_rule("cap-main-lifts")[0].message == (
        "Keep Barbell Deadlift at RPE 7.5 or below."
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            'rpe_max: "{$my_rpe}"',
            'rpe_max: "{$my_rp}"',
            15,
            "placeholder {$my_rp} in 'rpe_max' of session effect 'reduce': no rule file defines "
            "the parameter 'my_rp' (did you mean 'my_rpe'?)",
        ),
        (
            "RPE {$my_rpe} or below",
            "RPE {$my rpe} or below",
            13,
            "placeholder {$my rpe} in then.message: no rule file defines the parameter 'my rpe' "
            "(did you mean 'my_rpe'?)",
        ),
        (
            "value: 7.5, unit",
            "value: 12, unit",
            15,
            "'rpe_max' of session effect 'reduce' must be a number from 1 to 10, but parameter "
            "'my_rpe' is 12",
        ),
        (
            "value: 7.5, unit",
            "value: hard, unit",
            15,
            "'rpe_max' of session effect 'reduce' must be a number from 1 to 10, but parameter "
            "'my_rpe' is 'hard'",
        ),
        (
            'rpe_max: "{$my_rpe}"',
            'rpe_max: "RPE {$my_rpe}"',
            15,
            "'rpe_max' of session effect 'reduce' must be a number from 1 to 10 or one parameter "
            "written \"{$name}\", got 'RPE {$my_rpe}'",
        ),
        (
            "load_pct: 90",
            "load_pct: 90.5",
            15,
            "'load_pct' of session effect 'reduce' must be a whole number from 1 to 100, got 90.5",
        ),
        (
            "load_pct: 90",
            "sets: 1",
            15,
            "'sets' of session effect 'reduce' must be a whole number from -20 to -1, got 1",
        ),
        (
            "reduce: {target: ex, ",
            "rest: {target: ex, seconds: [120, 90]}\n        - reduce: {target: ex, ",
            15,
            "'seconds' of session effect 'rest' must be [low, high] with low <= high, got [120, 90]",
        ),
        (
            "reduce: {target: ex, ",
            "template: {plan: legs-and-bak}\n        - reduce: {target: ex, ",
            15,
            "session effect 'template' names plan 'legs-and-bak', which no rule file defines",
        ),
        (
            "reduce: {target: ex, ",
            "swap: {target: ex, to: mobilty}\n        - reduce: {target: ex, ",
            15,
            "'to' of session effect 'swap' must be one of mobility, accessory, got 'mobilty' "
            "(did you mean 'mobility'?)",
        ),
        (
            "reduce: {target: ex, ",
            "remove: {note: gone}\n        - reduce: {target: ex, ",
            15,
            "session effect 'remove' needs 'target'",
        ),
        (
            "reduce: {target: ex, ",
            "warm_up: {drills: 5}\n        - reduce: {target: ex, ",
            15,
            "'drills' of session effect 'warm_up' must be a list of text, got 5",
        ),
    ],
    ids=[
        "misspelt in effect",
        "misspelt in message",
        "out of range",
        "text for a number",
        "text around it",
        "not whole",
        "sets not negative",
        "pair out of order",
        "unknown plan",
        "unknown swap target kind",
        "no target",
        "list expected",
    ],
)
def test_placeholders_and_effect_arguments_are_checked_when_the_book_is_built(
    tmp_path: Path, old: str, new: str, line: int, words: str
) -> None:
    """Every `{$param}` of every text and every session effect argument is checked when the rule
    book is put together: RuleFileError with file, rule id, the line of the use and 'did you mean',
    never a ValueError from advise() later."""
    assert old in PLAN_RULE
    err = _load_error(tmp_path, PLAN_RULE.replace(old, new, 1))
    assert (err.file, err.line, err.rule_id) == (
        str(tmp_path / "mine.yaml"),
        line,
        "cap-main-lifts",
    )
    assert words in str(err)


def test_a_misspelt_parameter_in_an_effect_is_a_rules_check_problem(tmp_path: Path) -> None:
    """`recovery-advisor rules check` reports the misspelt placeholder as a problem with its line
    (before, the examples crashed it with 'internal error ... this is a bug')."""
    from recovery_advisor._rulecheck import check_rules

    (tmp_path / "mine.yaml").write_text(
        PLAN_RULE.replace('"{$my_rpe}"', '"{$my_rp}"'), encoding="utf-8"
    )
    result = check_rules(tmp_path)
    assert [(p.line, p.rule_id) for p in result.problems] == [(15, "cap-main-lifts")]
    assert "did you mean 'my_rpe'" in str(result.problems[0])


def test_a_parameter_changed_in_code_must_still_fit_its_uses(tmp_path: Path) -> None:
    """with_params() checks the new value against every place the parameter is used."""
    (tmp_path / "mine.yaml").write_text(PLAN_RULE, encoding="utf-8")
    book = ra.RuleBook.load(tmp_path)
    assert book.with_params(my_rpe=8).params["my_rpe"].value == 8
    with pytest.raises(ra.RuleFileError, match="but parameter 'my_rpe' is 11") as info:
        book.with_params(my_rpe=11)
    assert info.value.line == 15


def test_a_misspelt_parameter_in_a_condition_is_reported_where_it_is_used() -> None:
    """`$pair_max_sesions` in a condition: the error gives the line of the condition (not the
    rule's), the rule id and 'did you mean'; a parameter of the wrong kind is refused there too."""
    text = GOOD_RULE.replace("{gte: 5}", "{gte: $pair_max_sesions}")
    with pytest.raises(ra.RuleFileError) as info:
        ra.RuleBook.from_files([parse_rule_file(text, "my_rules/x.yaml")], ra.RuleBook.default())
    assert (info.value.line, info.value.rule_id) == (9, "my-rule")
    assert "uses parameter $pair_max_sesions, which no rule file defines" in str(info.value)
    assert "did you mean 'pair_max_sessions'" in str(info.value)
    text = GOOD_RULE.replace("{gte: 5}", "{gte: $mobility_reps}")  # a text parameter
    with pytest.raises(ra.RuleFileError) as info:
        ra.RuleBook.from_files([parse_rule_file(text, "my_rules/x.yaml")], ra.RuleBook.default())
    assert info.value.line == 9
    assert (
        "the condition on 'sessions_per_week' must be a number, but parameter 'mobility_reps'"
        in (str(info.value))
    )


CHECKIN_RULE = """\
version: 1
rules:
  - id: tight-note
    title: Tight muscles get a note
    source: "Our coach: mention tightness."
    when:
      - fact: checkin
        as: c
        where:
          feeling: tight
          muscle: {in: [hamstrings, lats]}
      - {fact: pattern, as: p, where: {pattern: hinge, region: lower}}
    then: {action: remind, message: "{c.muscle} tight", muscles: ["{c.muscle}"]}
    examples:
      fires: [{name: x}]
      silent: [{name: y}]
"""


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            "feeling: tight",
            "feeling: tite",
            10,
            "fact 'checkin': 'feeling' is one of fresh, sore, tight, pain, got 'tite' "
            "(did you mean 'tight'?)",
        ),
        (
            "[hamstrings, lats]",
            "[hamstring, lats]",
            11,
            "fact 'checkin': 'muscle' is one of abdominals, abductors, adductors, biceps, calves, "
            "chest, forearms, glutes, hamstrings, lats, lower_back, middle_back, neck, quadriceps, "
            "shoulders, traps, triceps, got 'hamstring' (did you mean 'hamstrings'?)",
        ),
        (
            "muscle: {in: [hamstrings, lats]}",
            "muscle: {not_in: [lats, posterior_chain]}",
            11,
            "got 'posterior_chain' (posterior_chain is a group of muscles: write "
            "'posterior_chain: true' or 'group: posterior_chain')",
        ),
        (
            "pattern: hinge",
            "pattern: hingee",
            12,
            "'pattern' is one of hinge, squat, lunge, horizontal_pull, ",
        ),
        ("region: lower", "region: {ne: lowr}", 12, "got 'lowr' (did you mean 'lower'?)"),
        (
            'muscles: ["{c.muscle}"]',
            'muscles: ["{c.muscle}", hamstring]',
            13,
            "then.muscles: 'hamstring' is not a muscle; muscles: abdominals, ",
        ),
    ],
    ids=["feeling", "muscle in", "a group", "pattern", "region ne", "then.muscles"],
)
def test_condition_values_are_checked_against_their_vocabulary(
    old: str, new: str, line: int, words: str
) -> None:
    """A word that a field never takes (`feeling: tite`, `muscle: hamstring`, `pattern: hingee`)
    is a RuleFileError with the line and 'did you mean', not a rule that silently never fires."""
    assert old in CHECKIN_RULE
    err = _error(CHECKIN_RULE.replace(old, new, 1))
    assert (err.line, err.rule_id) == (line, "tight-note")
    assert words in str(err)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("athlete: experience", "beginer"),
        ("athlete: sessions_per_week_source", "declard"),
        ("muscle: band", "tired"),
        ("planned: role", "mian"),
        ("load: role", "unknown"),  # a load fact is only made for catalogue exercises
        ("load_ratio: measure", "srpe"),
    ],
)
def test_every_field_with_a_vocabulary_is_checked(field: str, value: str) -> None:
    """Each field with a fixed vocabulary refuses a word outside it."""
    fact, name = field.split(": ")
    text = CHECKIN_RULE.replace(
        "      - {fact: pattern, as: p, where: {pattern: hinge, region: lower}}",
        f"      - {{fact: {fact}, as: p, where: {{{name}: {value}}}}}",
    )
    err = _error(text)
    assert (err.line, err.rule_id) == (12, "tight-note")
    assert f"fact {fact!r}: {name!r} is one of " in str(err)
    assert f"got {value!r}" in str(err)


def test_a_text_parameter_in_a_vocabulary_condition_must_be_one_of_its_words(
    tmp_path: Path,
) -> None:
    """`feeling: $my_feeling` needs the parameter's value to be a feeling; checked when the book
    is put together (and again by with_params)."""
    text = CHECKIN_RULE.replace("feeling: tight", "feeling: $my_feeling") + (
        "params: {my_feeling: tite}\n"
    )
    err = _load_error(tmp_path, text)
    assert err.line == 10
    assert (
        "the condition on 'feeling' must be one of fresh, sore, tight, pain, but parameter "
        "'my_feeling' is 'tite'"
    ) in str(err)
    (tmp_path / "mine.yaml").write_text(text.replace("{my_feeling: tite}", "{my_feeling: tight}"))
    book = ra.RuleBook.load(tmp_path)
    with pytest.raises(ra.RuleFileError, match="but parameter 'my_feeling' is 'sore!'"):
        book.with_params(my_feeling="sore!")


PLAN_FILE = """\
version: 1
plans:
  mine:
    title: My lower day
    exercises:
      - {name: Leg Press, sets: 3, reps: "10"}
      - {name: Lying Leg Curl (Machine), sets: 3}
"""


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            "{name: Lying Leg Curl (Machine), sets: 3}",
            "{nme: Lying Leg Curl (Machine), sets: 3}",
            7,
            "plan 'mine': exercises[1].nme: unknown field (did you mean 'name'?)",
        ),
        ("sets: 3}", "sets: 30}", 7, "plan 'mine': exercises[1].sets: must be a whole number"),
        (
            "    title: My lower day\n",
            "    title: My lower day\n    warm_up_min: [5]\n",
            5,
            "plan 'mine': warm_up_min: must be a [low, high] pair of minutes",
        ),
        (
            '    exercises:\n      - {name: Leg Press, sets: 3, reps: "10"}\n'
            "      - {name: Lying Leg Curl (Machine), sets: 3}\n",
            "    exercises: []\n",
            5,
            "plan 'mine': exercises: must list at least one exercise",
        ),
        ("  mine:\n", "  mine: [Leg Press]\n  unused:\n", 3, "plan 'mine' must be a mapping"),
    ],
    ids=["misspelt key", "too many sets", "bad warm-up", "no exercises", "not a mapping"],
)
def test_plans_are_checked_when_the_file_is_read(
    tmp_path: Path, old: str, new: str, line: int, words: str
) -> None:
    """A plan of a rule file is read as advise(plan=...) reads it when the file is loaded: its
    mistake is a RuleFileError with the file and the line of the wrong part, not a HistoryError
    without them once the plan is used."""
    assert old in PLAN_FILE
    err = _load_error(tmp_path, PLAN_FILE.replace(old, new, 1))
    assert (err.file, err.line) == (str(tmp_path / "mine.yaml"), line)
    assert words in str(err)
    with pytest.raises(ra.RuleFileError):
        ra.advise({}, now=NOW, plan="mine", rules=tmp_path)


def test_a_plan_of_a_users_file_is_used(tmp_path: Path) -> None:
    """A valid plan of a user's rule file is advised on by name."""
    (tmp_path / "mine.yaml").write_text(PLAN_FILE, encoding="utf-8")
    advice = ra.advise({}, now=NOW, plan="mine", rules=tmp_path)
    assert [e.name for e in advice.session.exercises] == [  # type: ignore[union-attr]
        "Leg Press",
        "Lying Leg Curl (Machine)",
    ]


def test_a_rule_folder_is_parsed_once_per_content(tmp_path: Path) -> None:
    """``advise(rules=folder)`` reads the folder on every call but parses it only when its
    content changed: the same content gives the same rule book object, an edit is seen at once."""
    from recovery_advisor.rulebook import load_on_bundled

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "off.yaml").write_text("disable: [hydrate-and-fuel]\n", encoding="utf-8")
    first = load_on_bundled(folder)
    assert load_on_bundled(folder) is first
    assert "hydrate-and-fuel" not in first.ids
    (folder / "off.yaml").write_text("disable: [warm-up-first]\n", encoding="utf-8")
    second = load_on_bundled(folder)
    assert second is not first
    assert "hydrate-and-fuel" in second.ids
    assert "warm-up-first" not in second.ids
    advice = ra.advise({}, now="2026-11-25T08:00:00", plan="legs-and-back", rules=folder)
    assert "warm-up-first" not in advice.rules_fired
    (folder / "off.yaml").write_text("disable: [no-such-rule]\n", encoding="utf-8")
    with pytest.raises(ra.RuleFileError, match="no-such-rule"):
        ra.advise({}, now="2026-11-25T08:00:00", rules=folder)
    with pytest.raises(ra.RuleFileError, match="no-such-rule"):  # a broken folder is not kept
        ra.advise({}, now="2026-11-25T08:00:00", rules=folder)
