"""The command line, run as a subprocess (``python -m recovery_advisor ...``) from the repository
root: advice in every format, importing, checking and listing rules, exit codes and errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "exports"
EXAMPLE = ROOT / "examples" / "history.json"
NOW = "2026-11-25T08:00:00"

USER_RULE = """\
version: 1
rules:
  - id: advanced-athlete-note
    title: A note for advanced athletes
    source: "The test suite's own rule: advanced athletes are told so."
    ref: test
    when:
      - fact: athlete
        as: a
        where: {experience: advanced}
    then:
      action: info
      severity: info
      message: "You are an advanced athlete."
    examples:
      fires:
        - name: advanced
          history: {athlete: {experience: advanced}}
      silent:
        - name: beginner
          history: {athlete: {experience: beginner}}
"""


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recovery_advisor", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_clean_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    """The command failed with ``code`` and one sentence on stderr, no traceback, no stdout."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("recovery-advisor: ")
    for word in words:
        assert word in lines[0]


# --------------------------------------------------------------------------- advise
def test_advise_json_is_exactly_advice_to_dict() -> None:
    """--format json prints Advice.to_dict() of the same call made in Python."""
    result = run(
        "advise",
        "examples/history.json",
        "--now",
        NOW,
        "--plan",
        "legs-and-back",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    expected = ra.advise(ra.load_history(EXAMPLE), now=NOW, plan="legs-and-back").to_dict()
    assert json.loads(result.stdout) == expected


@pytest.mark.parametrize(
    ("fmt", "marker"), [("text", "Session:"), ("markdown", "### "), ("html", "<div")]
)
def test_advise_text_markdown_and_html(fmt: str, marker: str) -> None:
    """The human formats print the rendered advice and its verdict."""
    result = run(
        "advise", "examples/history.json", "--now", NOW, "--plan", "legs-and-back", "--format", fmt
    )
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    advice = ra.advise(ra.load_history(EXAMPLE), now=NOW, plan="legs-and-back")
    assert {
        "text": str(advice),
        "markdown": advice._repr_markdown_(),
        "html": advice._repr_html_(),
    }[fmt].strip() == result.stdout.strip()


def test_advise_reads_standard_input() -> None:
    """'-' reads the history from standard input and gives the same advice as the file."""
    from_file = run("advise", "examples/history.json", "--now", NOW, "--format", "json")
    from_stdin = run(
        "advise", "-", "--now", NOW, "--format", "json", stdin=EXAMPLE.read_text(encoding="utf-8")
    )
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert json.loads(from_stdin.stdout) == json.loads(from_file.stdout)


def test_advise_on_an_export_summarizes_the_import_on_stderr() -> None:
    """Any importable format works as HISTORY; what was read is said on stderr, not stdout."""
    result = run(
        "advise",
        "tests/fixtures/exports/hevy-kg.csv",
        "--now",
        "2026-04-12T08:00:00",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    assert "10 sets in 2 workouts" in result.stderr
    assert "2 rows skipped" in result.stderr
    history = ra.load_history(FIXTURES / "hevy-kg.csv")
    assert json.loads(result.stdout) == ra.advise(history, now="2026-04-12T08:00:00").to_dict()
    quiet = run(
        "advise", "tests/fixtures/exports/hevy-kg.csv", "--now", "2026-04-12T08:00:00", "--quiet"
    )
    assert quiet.returncode == 0
    assert quiet.stderr == ""


def test_checkin_and_sleep_options_add_entries_at_now() -> None:
    """--checkin and --sleep add a check-in at now and the night ending on now's date."""
    result = run(
        "advise",
        "examples/history.json",
        "--now",
        NOW,
        "--plan",
        "legs-and-back",
        "--checkin",
        "hamstrings=tight:4",
        "--checkin",
        "lower back=sore",
        "--sleep",
        "5",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    base = ra.load_history(EXAMPLE)
    moment = datetime.fromisoformat(NOW)
    history = ra.History(
        athlete=base.athlete,
        workouts=base.workouts,
        checkins=(
            *base.checkins,
            ra.CheckIn(at=moment, muscle="hamstrings", feeling="tight", level=4),
            ra.CheckIn(at=moment, muscle="lower_back", feeling="sore", level=3),
        ),
        sleep=(
            *(s for s in base.sleep if s.date != date(2026, 11, 25)),
            ra.Sleep(moment.date(), 5),
        ),
    )
    expected = ra.advise(history, now=NOW, plan="legs-and-back").to_dict()
    assert json.loads(result.stdout) == expected
    plain = run(
        "advise",
        "examples/history.json",
        "--now",
        NOW,
        "--plan",
        "legs-and-back",
        "--format",
        "json",
    )
    assert json.loads(plain.stdout) != expected


def test_add_merges_a_checkin_csv() -> None:
    """--add merges check-ins and sleep from a CSV into the history."""
    result = run(
        "advise",
        "tests/fixtures/exports/hevy-kg.csv",
        "--add",
        "tests/fixtures/exports/checkins.csv",
        "--now",
        NOW,
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    merged = ra.load_history(FIXTURES / "hevy-kg.csv").merge(
        ra.load_history(FIXTURES / "checkins.csv")
    )
    assert json.loads(result.stdout) == ra.advise(merged, now=NOW).to_dict()


def test_plan_from_a_yaml_file(tmp_path: Path) -> None:
    """--plan FILE reads a list of exercises (or a plan mapping) as JSON or YAML."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("- {name: Back Squat, sets: 3, reps: 5}\n- Romanian Deadlift\n")
    result = run(
        "advise", "examples/history.json", "--now", NOW, "--plan", str(plan), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    expected = ra.advise(
        ra.load_history(EXAMPLE),
        now=NOW,
        plan=[{"name": "Back Squat", "sets": 3, "reps": 5}, "Romanian Deadlift"],
    ).to_dict()
    assert json.loads(result.stdout) == expected


def test_rules_folder_adds_to_the_bundled_rules(tmp_path: Path) -> None:
    """--rules DIR loads the user's rules on top of the bundled ones."""
    (tmp_path / "mine.yaml").write_text(USER_RULE, encoding="utf-8")
    history = tmp_path / "h.json"
    history.write_text(json.dumps({"athlete": {"experience": "advanced"}}))
    result = run("advise", str(history), "--now", NOW, "--rules", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "advanced-athlete-note" in json.loads(result.stdout)["rules_fired"]
    without = run("advise", str(history), "--now", NOW, "--format", "json")
    assert "advanced-athlete-note" not in json.loads(without.stdout)["rules_fired"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("advise", "missing.json"), ("missing.json", "cannot read")),
        (("advise", "tests/fixtures/exports/not-an-export.csv"), ("Strong, Hevy or FitNotes",)),
        (("advise", "examples/history.json", "--now", "yesterday"), ("--now",)),
        (("advise", "examples/history.json", "--plan", "push-day"), ("push-day", "legs-and-back")),
        (("advise", "examples/history.json", "--checkin", "hamstring=tight"), ("hamstrings",)),
        (("advise", "examples/history.json", "--checkin", "hamstrings"), ("MUSCLE=FEELING",)),
        (("advise", "examples/history.json", "--sleep", "30"), ("--sleep",)),
        (("advise", "examples/history.json", "--format", "pdf"), ("pdf",)),
        (("advise",), ("HISTORY",)),
        (("dance",), ("dance",)),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    args: tuple[str, ...], words: tuple[str, ...]
) -> None:
    """Bad files, options and values exit with 2 and one clear sentence, never a traceback."""
    assert_clean_error(run(*args), 2, *words)


def test_future_workouts_and_bad_json_are_input_errors(tmp_path: Path) -> None:
    """An invalid JSON history names the field; advice before the last workout says why."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"workouts": [{"start": "2026-11-01T18:00", "exercises": 3}]}))
    assert_clean_error(run("advise", str(bad)), 2, "workouts[0].exercises")
    assert_clean_error(
        run("advise", "examples/history.json", "--now", "2026-01-01T08:00"), 2, "after now"
    )


def test_debug_shows_the_traceback() -> None:
    """--debug lets the error through with its traceback, for bug reports."""
    result = run("advise", "missing.json", "--debug")
    assert result.returncode != 0
    assert "Traceback" in result.stderr
    assert "ImportFormatError" in result.stderr


def test_unexpected_errors_exit_1_and_say_it_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """An internal error (here injected) exits with 1 and one sentence asking for a report."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "import_history", broken)
    err = io.StringIO()
    code = cli.main(["advise", "examples/history.json"], stdout=io.StringIO(), stderr=err)
    assert code == 1
    assert "internal error" in err.getvalue()
    assert "bug" in err.getvalue()
    assert len(err.getvalue().strip().splitlines()) == 1


# --------------------------------------------------------------------------- import
def test_import_writes_the_json_history_and_prints_the_report(tmp_path: Path) -> None:
    """import FILE --to PATH writes the history (loadable, equal to the Python import) and
    prints the report with the skipped rows."""
    target = tmp_path / "history.json"
    result = run("import", "tests/fixtures/exports/strong-classic.csv", "--to", str(target))
    assert result.returncode == 0, result.stderr
    assert "12 rows read" in result.stdout
    assert "row 8 [timed]" in result.stdout
    assert f"to {target}" in result.stdout
    expected = ra.import_history(FIXTURES / "strong-classic.csv").history
    assert ra.load_history(target) == expected
    again = run("import", "tests/fixtures/exports/strong-classic.csv", "--to", str(target))
    assert_clean_error(again, 2, "already exists", "--force")
    forced = run("import", "tests/fixtures/exports/hevy-kg.csv", "--to", str(target), "--force")
    assert forced.returncode == 0
    assert ra.load_history(target) == ra.load_history(FIXTURES / "hevy-kg.csv")


def test_import_options_reach_the_importer(tmp_path: Path) -> None:
    """--weight-unit, --athlete, --add and --to - work together; the report goes to stderr."""
    athlete = tmp_path / "me.yaml"
    athlete.write_text("experience: advanced\nbody_mass_kg: 90\n")
    result = run(
        "import",
        "tests/fixtures/exports/strong-classic.csv",
        "--weight-unit",
        "lb",
        "--athlete",
        str(athlete),
        "--add",
        "tests/fixtures/exports/sleep.csv",
        "--to",
        "-",
    )
    assert result.returncode == 0, result.stderr
    expected = ra.read_strong(
        FIXTURES / "strong-classic.csv",
        weight_unit="lb",
        athlete={"experience": "advanced", "body_mass_kg": 90},
    ).history.merge(ra.read_checkins(FIXTURES / "sleep.csv").history)
    assert json.loads(result.stdout) == expected.to_dict()
    assert "Strong export" in result.stderr
    assert "check-in/sleep file" in result.stderr


def test_import_report_file_and_strict_mode(tmp_path: Path) -> None:
    """--report writes every skipped row as JSON; --strict fails on invalid or malformed rows."""
    report = tmp_path / "report.json"
    result = run("import", "tests/fixtures/exports/hevy-invalid-rows.csv", "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert "Nothing written" in result.stdout
    data = json.loads(report.read_text())
    assert [s["row"] for s in data["skipped"]] == [3, 4, 5, 6, 7]
    strict = run("import", "tests/fixtures/exports/hevy-invalid-rows.csv", "--strict")
    assert strict.returncode == 2
    assert "--strict" in strict.stderr
    fine = run("import", "tests/fixtures/exports/hevy-kg.csv", "--strict")
    assert fine.returncode == 0


# --------------------------------------------------------------------------- rules
def test_rules_check_accepts_good_rules(tmp_path: Path) -> None:
    """A valid folder is accepted and its examples are run."""
    (tmp_path / "mine.yaml").write_text(USER_RULE, encoding="utf-8")
    result = run("rules", "check", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 rules in 1 files; 2 examples" in result.stdout


def test_rules_check_lists_every_problem_with_file_rule_and_line(tmp_path: Path) -> None:
    """Two broken rules in one file and a file that is not YAML: every problem of each rule
    (a bad id and three missing parts; a bad severity), each with its file, line and rule id,
    then the YAML error; exit code 2."""
    broken = USER_RULE.replace("severity: info", "severity: loud").replace(
        "version: 1\nrules:\n",
        "version: 1\nrules:\n  - id: Bad_Id\n    title: x\n    source: y\n",
    )
    (tmp_path / "a.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("rules: [\n  - id: x\n", encoding="utf-8")
    result = run("rules", "check", str(tmp_path))
    assert result.returncode == 2
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "6 problems in 2 of 2 rule files."
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    bad = f"{a}:3, rule 'Bad_Id': "
    assert (
        lines[0]
        == f"{bad}id must be 2-64 characters of lower-case letters, digits and '-', got 'Bad_Id'"
    )
    assert lines[1] == f"{bad}the rule needs 'when' (a list of facts to match)"
    assert lines[2] == f"{bad}the rule needs 'then' (what it advises)"
    assert lines[3].startswith(f"{bad}the rule needs 'examples'")
    assert lines[4].startswith(f"{a}:16, rule 'advanced-athlete-note': then.severity must be")
    assert "got 'loud'" in lines[4]
    assert lines[5].startswith(f"{b}:2: not valid YAML")


def test_rules_check_reports_every_independent_problem_of_a_rule(tmp_path: Path) -> None:
    """A misspelt fact type, a bad severity, a placeholder naming no field and an unknown
    parameter in one rule are four lines in one run, each with file, rule and line."""
    text = (
        USER_RULE.replace("severity: info", "severity: loud")
        .replace(
            "      - fact: athlete\n",
            "      - {fact: musle, as: m}\n      - fact: athlete\n",
        )
        .replace("where: {experience: advanced}", "where: {months_logged: {gte: $no_such}}")
        .replace("You are an advanced athlete.", "You are {a.nope}.")
    )
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    result = run("rules", "check", str(tmp_path))
    assert result.returncode == 2, result.stdout + result.stderr
    where = f"{tmp_path / 'a.yaml'}:{{}}, rule 'advanced-athlete-note': "
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "4 problems in 1 of 1 rule files."
    assert lines[0].startswith(where.format(8) + "unknown fact type 'musle'")
    assert "did you mean 'muscle'" in lines[0]
    assert lines[1].startswith(where.format(11) + "uses parameter $no_such")
    assert lines[2].startswith(where.format(14) + "then.severity must be one of")
    assert lines[3].startswith(where.format(15) + "placeholder {a.nope}")


def test_rules_check_runs_the_examples(tmp_path: Path) -> None:
    """An example that does not behave as it says is a problem with its line."""
    wrong = USER_RULE.replace(
        "{athlete: {experience: beginner}}", "{athlete: {experience: advanced}}"
    )
    (tmp_path / "mine.yaml").write_text(wrong, encoding="utf-8")
    result = run("rules", "check", str(tmp_path))
    assert result.returncode == 2
    line = wrong.splitlines().index("        - name: beginner") + 1
    where = f"{tmp_path / 'mine.yaml'}:{line}, rule 'advanced-athlete-note'"
    assert f"{where}: example 'beginner' should keep the rule silent" in result.stdout


def test_rules_check_on_a_missing_folder() -> None:
    """A folder that does not exist is one error sentence."""
    assert_clean_error(run("rules", "check", "no/such/folder"), 2, "no/such/folder")


def test_rules_list_prints_every_rule_with_its_source() -> None:
    """rules list names every bundled rule with its title and source; --format json too."""
    text = run("rules", "list")
    assert text.returncode == 0
    data = json.loads(run("rules", "list", "--format", "json").stdout)
    book = ra.RuleBook.default()
    assert [r["id"] for r in data] == list(book.ids)
    for rule in book:
        assert rule.id in text.stdout
        assert rule.source in text.stdout


def test_version_and_help() -> None:
    """--version prints the version; every command has --help."""
    assert run("--version").stdout.strip() == f"recovery-advisor {ra.__version__}"
    for args in (
        ("--help",),
        ("advise", "--help"),
        ("import", "--help"),
        ("rules", "check", "--help"),
    ):
        result = run(*args)
        assert result.returncode == 0
        assert "usage:" in result.stdout
