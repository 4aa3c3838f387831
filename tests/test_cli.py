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


def run_bytes(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    """``run`` with raw bytes on standard input (and raw bytes out)."""
    return subprocess.run(
        [sys.executable, "-m", "recovery_advisor", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
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


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_standard_input_is_decoded_like_a_file(encoding: str) -> None:
    """'-' reads the bytes of standard input through the same decoding as a file: a UTF-16
    export (with its BOM) and a Windows-1252 one give the history of the UTF-8 file, the JSON
    written is valid UTF-8 with the accents intact, and Windows-1252 is warned about."""
    text = (FIXTURES / "strong-french.csv").read_text(encoding="utf-8")
    result = run_bytes("import", "-", "--to", "-", stdin=text.encode(encoding))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    written = json.loads(result.stdout.decode("utf-8"))
    expected = ra.import_history(FIXTURES / "strong-french.csv").history
    assert written == expected.to_dict()
    assert "Soulevé de terre (Barre)" in result.stdout.decode("utf-8")
    warned = "Windows-1252" in result.stderr.decode("utf-8")
    assert warned == (encoding == "cp1252")


def test_standard_input_is_read_once() -> None:
    """Naming '-' twice (HISTORY and --add) is refused: standard input can be read only once."""
    result = run("import", "-", "--add", "-", stdin="date,hours\n2026-11-23,7.5\n")
    assert_clean_error(result, 2, "only once")


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


def test_a_plan_file_with_a_reversed_rep_range_is_refused(tmp_path: Path) -> None:
    """A plan file asking for reps '5-3' is bad input (exit 2) naming the file and the entry."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("- {name: Back Squat, sets: 3, reps: 5}\n- {name: Row, reps: 5-3}\n")
    result = run("advise", "examples/history.json", "--now", NOW, "--plan", str(plan))
    assert_clean_error(result, 2, f"plan file {plan}[1].reps", "goes down")


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
    """--debug shows the error's traceback, for bug reports, and keeps the documented exit code
    (2 for bad input, not Python's 1 for an uncaught exception)."""
    result = run("advise", "missing.json", "--debug")
    assert result.returncode == 2
    assert "Traceback" in result.stderr
    assert "ImportFormatError" in result.stderr


def test_debug_keeps_exit_1_for_internal_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """With --debug an internal error prints its traceback and still exits with 1."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "import_history", broken)
    err = io.StringIO()
    code = cli.main(
        ["advise", "examples/history.json", "--debug"], stdout=io.StringIO(), stderr=err
    )
    assert code == 1
    assert "Traceback" in err.getvalue()
    assert "RuntimeError: boom" in err.getvalue()


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


STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)


def test_advise_refuses_an_export_none_of_whose_rows_can_be_used(tmp_path: Path) -> None:
    """An export whose every row was skipped (here: bad reps, an RPE of 12, a row with too many
    values) gives no advice: exit 2 and one sentence naming the file, the kinds of skip and an
    example row of each, instead of 'TRAIN as planned' on an empty history."""
    export = tmp_path / "broken.csv"
    export.write_text(
        STRONG_HEADER
        + '2026-03-02 18:05:11,"A",1h,"Squat (Barbell)",1,100,abc,0,0,,,\n'
        + '2026-03-02 18:05:11,"A",1h,"Squat (Barbell)",2,100,5,0,0,,,12\n'
        + '2026-03-02 18:05:11,"A",1h,"Squat (Barbell)",3,100,5,0,0,,,,x,y\n',
        encoding="utf-8",
    )
    result = run("advise", str(export), "--now", NOW)
    assert_clean_error(
        result, 2, str(export), "none of the 3 rows", "2 invalid", "1 malformed", "row 2:"
    )
    assert result.stdout == ""


def test_advise_refuses_an_export_of_cardio_only(tmp_path: Path) -> None:
    """A file whose rows are all expected skips (cardio) still gives the advice nothing to go on:
    exit 2, naming the kind."""
    export = tmp_path / "runs.csv"
    export.write_text(
        STRONG_HEADER + '2026-03-02 07:00:00,"Run",30m,"Running",1,0,0,5000,1800,,,\n',
        encoding="utf-8",
    )
    assert_clean_error(run("advise", str(export), "--now", NOW), 2, "1 cardio", "row 2:")


def test_advise_on_an_empty_export_or_history_is_advice_without_workouts(tmp_path: Path) -> None:
    """A header-only export is an empty history, like {}: advice from the profile alone, exit 0.
    An --add file whose rows are all unusable is refused like HISTORY."""
    empty = tmp_path / "empty.csv"
    empty.write_text(STRONG_HEADER, encoding="utf-8")
    blank = tmp_path / "blank.json"
    blank.write_text("{}", encoding="utf-8")
    for path in (empty, blank):
        result = run("advise", str(path), "--now", NOW)
        assert result.returncode == 0, result.stderr
        assert "No workouts are logged" in result.stdout
    sleep = tmp_path / "sleep.csv"
    sleep.write_text("date,hours\n2026-11-24,30\n", encoding="utf-8")
    added = run("advise", "examples/history.json", "--now", NOW, "--add", str(sleep))
    assert_clean_error(added, 2, str(sleep), "1 invalid")


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


def test_limit_must_not_be_negative() -> None:
    """--limit -1 is refused (exit 2); --limit 0 lists no row numbers but still every reason."""
    fixture = "tests/fixtures/exports/hevy-invalid-rows.csv"
    assert_clean_error(run("import", fixture, "--limit", "-1"), 2, "--limit", "'-1'")
    zero = run("import", fixture, "--limit", "0")
    assert zero.returncode == 0, zero.stderr
    assert "row  [" not in zero.stdout
    assert "1 row [invalid]: RPE 12 is outside 1-10" in zero.stdout
    assert "1 row [malformed]" in zero.stdout
    report = ra.import_history(FIXTURES / "hevy-invalid-rows.csv").report
    with pytest.raises(ra.RecoveryAdvisorError, match="limit must be a whole number 0 or more"):
        report.summary(limit=-1)


def test_counts_are_singular_or_plural(tmp_path: Path) -> None:
    """One check-in is '1 check-in', one night '1 night of sleep', none '0 nights of sleep'."""
    one = tmp_path / "one.csv"
    one.write_text("date,muscle,feeling,level\n2026-11-24,hamstrings,tight,3\n", encoding="utf-8")
    advised = run("advise", str(one), "--now", NOW)
    assert advised.returncode == 0, advised.stderr
    assert "read 1 check-in and 0 nights of sleep from" in advised.stderr
    night = tmp_path / "night.csv"
    night.write_text("date,hours\n2026-11-24,7:30\n", encoding="utf-8")
    target = tmp_path / "h.json"
    imported = run("import", str(one), "--add", str(night), "--to", str(target))
    assert imported.returncode == 0, imported.stderr
    assert "Wrote 0 workouts, 1 check-in and 1 night of sleep to" in imported.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_written_files_get_normal_permissions(tmp_path: Path, umask: int, mode: int) -> None:
    """--to and --report files are created like any new file, 0666 less the umask (not 0600 as
    a temporary file would be); a file replaced with --force keeps its own permissions."""
    target, report = tmp_path / "history.json", tmp_path / "report.json"
    command = [
        sys.executable,
        "-m",
        "recovery_advisor",
        "import",
        "tests/fixtures/exports/hevy-kg.csv",
    ]
    options = ["--to", str(target), "--report", str(report)]
    result = subprocess.run(
        [*command, *options], cwd=ROOT, capture_output=True, text=True, timeout=120, umask=umask
    )
    assert result.returncode == 0, result.stderr
    assert target.stat().st_mode & 0o777 == mode
    assert report.stat().st_mode & 0o777 == mode
    target.chmod(0o600)
    forced = subprocess.run(
        [*command, *options, "--force"], cwd=ROOT, capture_output=True, text=True, umask=umask
    )
    assert forced.returncode == 0, forced.stderr
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("option", ["--to", "--report"])
def test_output_into_a_missing_folder_is_refused(tmp_path: Path, option: str) -> None:
    """A --to or --report path in a folder that does not exist is an error (exit 2) naming the
    folder; the folder is not created and nothing is written."""
    missing = tmp_path / "no" / "such"
    result = run("import", "tests/fixtures/exports/hevy-kg.csv", option, str(missing / "x.json"))
    assert_clean_error(result, 2, str(missing), "does not exist")
    assert not (tmp_path / "no").exists()


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
