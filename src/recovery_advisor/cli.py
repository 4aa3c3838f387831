"""The ``recovery-advisor`` command line (also ``python -m recovery_advisor``); see ``docs/cli.md``.

Exit codes: 0 success, 1 unexpected internal error (a bug), 2 bad input (a history, an export, a
plan, a rule file or an option), 130 interrupted. Errors are one sentence on standard error;
``--debug`` shows the traceback instead, with the same exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
import tempfile
import traceback
import warnings
from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import IO, Any, NoReturn, TypeAlias

import yaml

from . import _validate as v
from ._time import current_moment
from .advice import Advice
from .errors import EngineError, HistoryError, RecoveryAdvisorError, TimeZoneWarning
from .history import Athlete, CheckIn, History, Sleep
from .importers import ImportReport, import_history
from .importers._common import Source
from .plan import Plan
from .rulebook import RuleBook

__all__ = ["EXIT_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "main"]

PROG = "recovery-advisor"
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """Usage errors as one sentence, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


class _Failure(RecoveryAdvisorError):
    """A command-line problem that is the user's to fix (exit code 2)."""


#: standard input as the commands read it: bytes (decoded like a file), or text when a caller
#: of :func:`main` passes a text stream without a binary buffer
Stdin: TypeAlias = "IO[str] | IO[bytes] | None"


# --------------------------------------------------------------------------- helpers
def _now(text: str | None) -> datetime:
    if text is None:
        return current_moment().replace(microsecond=0)
    return v.timestamp(text, "--now")


def _time(text: str | None) -> time | None:
    if text is None:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise _Failure(f"--workout-time must be a time like 18:30, got {text!r}") from None


def _source(path: str, stdin: Stdin) -> Source:
    """The file named on the command line; ``-`` is standard input, read as bytes so that it is
    decoded like a file (UTF-8, UTF-16 with a BOM, else Windows-1252 with a warning)."""
    if path != "-":
        return path
    if stdin is None:
        raise _Failure("'-' names standard input, but there is none to read")
    return stdin


def _read_data(path: str, what: str) -> Any:
    """JSON or YAML from a file (YAML is a superset of JSON)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _Failure(
            f"cannot read {what} {path}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise _Failure(f"{what} {path} is not valid JSON or YAML{where}") from None


def _athlete(path: str | None) -> Athlete | None:
    if path is None:
        return None
    return Athlete.from_dict(_read_data(path, "the athlete file"), "athlete")


def _load(args: argparse.Namespace, stdin: Stdin) -> tuple[History, list[ImportReport]]:
    """The history named on the command line, merged with every ``--add`` file."""
    if [args.history, *(args.add or ())].count("-") > 1:
        raise _Failure("standard input ('-') can be read only once; name the other files")
    options: dict[str, Any] = {
        "weight_unit": args.weight_unit,
        "date_order": args.date_order,
        "workout_time": _time(args.workout_time),
    }
    first = import_history(
        _source(args.history, stdin),
        format=getattr(args, "source_format", None),
        athlete=_athlete(getattr(args, "athlete", None)),
        **options,
    )
    history, reports = first.history, [first.report]
    for extra in args.add or ():
        result = import_history(_source(extra, stdin), **options)
        history = history.merge(result.history)
        reports.append(result.report)
    return history, reports


def _plan(value: str | None, book: RuleBook) -> str | Plan | None:
    if value is None or value in book.plans:
        return value
    if Path(value).is_file():
        return Plan.from_value(_read_data(value, "the plan file"), f"plan file {value}")
    plans = ", ".join(sorted(book.plans))
    raise _Failure(f"--plan {value!r} is neither a plan ({plans}) nor a plan file")


def _checkin(raw: str, moment: datetime) -> CheckIn:
    muscle, sep, rest = raw.partition("=")
    feeling, _, level = rest.partition(":")
    if not sep or not muscle.strip() or not feeling.strip():
        raise _Failure(f"--checkin {raw!r} must look like MUSCLE=FEELING or MUSCLE=FEELING:LEVEL")
    data: dict[str, Any] = {
        "at": moment,
        "muscle": muscle.strip().lower().replace(" ", "_").replace("-", "_"),
        "feeling": feeling.strip().lower(),
    }
    if level.strip():
        try:
            data["level"] = int(level)
        except ValueError:
            raise _Failure(f"--checkin {raw!r}: the level must be a whole number 1-5") from None
    try:
        return CheckIn.from_dict(data, "checkin")
    except HistoryError as exc:
        field = exc.path.rsplit(".", 1)[-1]
        raise _Failure(f"--checkin {raw!r}: {field} {exc.problem}") from None


def _sleep(text: str, moment: datetime) -> Sleep:
    try:
        hours = float(text.replace(",", "."))
    except ValueError:
        raise _Failure(f"--sleep must be a number of hours, got {text!r}") from None
    try:
        return Sleep.from_dict({"date": moment.date(), "hours": hours}, "sleep")
    except HistoryError as exc:
        raise _Failure(f"--sleep {text}: {exc.problem}") from None


def _short(report: ImportReport) -> str:
    skipped = ", ".join(f"{n} {kind}" for kind, n in report.skipped_by_kind().items())
    what = f"{_plural(report.sets_imported, 'set')} in {_plural(report.workouts, 'workout')}"
    if report.format == "checkins":
        what = (
            f"{_plural(report.checkins_imported, 'check-in')} and "
            f"{_plural(report.sleep_imported, 'night of sleep', 'nights of sleep')}"
        )
    text = f"{PROG}: read {what} from {report.file} ({report.format})"
    if skipped:
        text += f"; {_plural(len(report.skipped), 'row')} skipped ({skipped})"
    return text


_WHAT = {
    "strong": "Strong export",
    "hevy": "Hevy export",
    "fitnotes": "FitNotes export",
    "checkins": "check-in/sleep file",
}


def _refuse_unusable(report: ImportReport) -> None:
    """Refuse a file that had rows but none of them usable: advice from it would silently rest on
    nothing. A file with no rows at all (a header only, or blank lines) is an empty history, which
    is fine, like ``{}``."""
    if report.format == "json" or report.rows_imported:
        return
    skipped = [s for s in report.skipped if s.kind != "blank"]
    if not skipped:
        return
    kinds: dict[str, list[str]] = {}
    for row in skipped:
        kinds.setdefault(row.kind, []).append(f"row {row.row}: {row.reason}")
    reasons = "; ".join(f"{len(rows)} {kind}, e.g. {rows[0]}" for kind, rows in kinds.items())
    what = _WHAT.get(report.format, report.format)
    name = report.file or "<input>"
    again = "-" if name.startswith("<") else name
    raise _Failure(
        f"{name}: none of the {_plural(len(skipped), 'row')} of this {what} could be used "
        f"({reasons}), so there is nothing to advise on ('{PROG} import {again}' lists every row)"
    )


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def _check_target(path: Path, what: str) -> None:
    """Refuse an output path whose folder does not exist (it is not created: a typo in a folder
    name should not silently make a new tree) or that is a folder."""
    parent = path.parent
    if not parent.is_dir():
        reason = "is not a folder" if parent.exists() else "does not exist"
        raise _Failure(f"cannot write {what} {path}: the folder {parent} {reason}")
    if path.is_dir():
        raise _Failure(f"cannot write {what} {path}: it is a folder")


def _new_file_mode() -> int:
    """The permissions of a new file, as ``open()`` would give it: 0666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, so a reader never
    sees half a file. The file gets the permissions of a normal new file (0666 less the umask),
    or keeps those of the file it replaces."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _count(text: str) -> int:
    """A whole number 0 or more, for ``--limit``."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number 0 or more, got {text!r}")
    return value


# --------------------------------------------------------------------------- commands
def cmd_advise(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: Stdin) -> int:
    from .api import advise
    from .render import render_html, render_markdown

    moment = _now(args.now)
    book = RuleBook.default() if args.rules is None else RuleBook.load(args.rules)
    history, reports = _load(args, stdin)
    for report in reports:
        _refuse_unusable(report)
    extra_checkins = tuple(_checkin(raw, moment) for raw in args.checkin or ())
    sleep = history.sleep
    if args.sleep is not None:
        night = _sleep(args.sleep, moment)
        sleep = (*(s for s in sleep if s.date != night.date), night)
    history = History(
        athlete=history.athlete,
        workouts=history.workouts,
        checkins=history.checkins + extra_checkins,
        sleep=sleep,
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TimeZoneWarning)
        advice: Advice = advise(history, now=moment, plan=_plan(args.plan, book), rules=book)
    for w in caught:  # the CLI's own form of the library's warnings; others are passed on
        if issubclass(w.category, TimeZoneWarning):
            print(f"{PROG}: warning: {w.message}", file=err)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if not args.quiet:
        for report in reports:
            if report.format != "json":
                print(_short(report), file=err)
            for warning in report.warnings:
                print(f"{PROG}: note: {warning}", file=err)
    if args.format == "json":
        out.write(advice.to_json() + "\n")
    elif args.format == "markdown":
        out.write(render_markdown(advice).rstrip("\n") + "\n")
    elif args.format == "html":
        out.write(render_html(advice).rstrip("\n") + "\n")
    else:
        out.write(str(advice).rstrip("\n") + "\n")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: Stdin) -> int:
    history, reports = _load(args, stdin)
    to_stdout = args.to == "-"
    info = err if to_stdout else out
    target = None if args.to in (None, "-") else Path(args.to)
    if target is not None:
        _check_target(target, "the history")
        if target.exists() and not args.force:
            raise _Failure(f"{target} already exists; pass --force to overwrite it")
    if args.report:
        _check_target(Path(args.report), "the report")
    if args.report:
        data = [r.to_dict() for r in reports]
        text = json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False)
        try:
            _write_atomic(Path(args.report), text + "\n")
        except OSError as exc:
            raise _Failure(
                f"cannot write the report {args.report}: {exc.strerror or exc}"
            ) from None
    for report in reports:
        print(report.summary(limit=args.limit), file=info)
    problems = sum(len(r.problems) for r in reports)
    if to_stdout:
        out.write(history.to_json() + "\n")
    elif target is not None:
        try:
            _write_atomic(target, history.to_json() + "\n")
        except OSError as exc:
            raise _Failure(f"cannot write {target}: {exc.strerror or exc}") from None
        print(
            f"Wrote {_plural(len(history.workouts), 'workout')}, "
            f"{_plural(len(history.checkins), 'check-in')} and "
            f"{_plural(len(history.sleep), 'night of sleep', 'nights of sleep')} to {target}.",
            file=info,
        )
    else:
        print("Nothing written (pass --to history.json to save the history).", file=info)
    if args.strict and problems:
        print(
            f"{PROG}: error: {_plural(problems, 'row was', 'rows were')} skipped as invalid or "
            "malformed (--strict)",
            file=err,
        )
        return EXIT_INPUT
    return EXIT_OK


def cmd_rules_check(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: Stdin) -> int:
    from ._rulecheck import check_rules

    result = check_rules(args.dir)
    for problem in result.problems:
        print(str(problem), file=out)
    if result.problems:
        files = {p.file for p in result.problems}
        print(
            f"{len(result.problems)} problem{'s' if len(result.problems) != 1 else ''} in "
            f"{len(files)} of {len(result.files)} rule files.",
            file=out,
        )
        return EXIT_INPUT
    print(
        f"OK: {result.rules} rules in {len(result.files)} files; "
        f"{result.examples} examples behave as they say.",
        file=out,
    )
    return EXIT_OK


def cmd_rules_list(args: argparse.Namespace, out: IO[str], err: IO[str], stdin: Stdin) -> int:
    book = RuleBook.default() if args.rules is None else RuleBook.load(args.rules)
    if args.format == "json":
        data = [
            {"id": r.id, "title": r.title, "source": r.source, "ref": r.ref, "file": r.file}
            for r in book
        ]
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    for rule in book:
        out.write(f"{rule.id}\n    {rule.title}\n    source: {rule.source} ({rule.ref})\n")
    out.write(f"{len(book)} rules ({book.fingerprint}).\n")
    return EXIT_OK


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    debug = _Parser(add_help=False)
    debug.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the full traceback of an error",
    )
    parser = _Parser(
        prog=PROG,
        parents=[debug],
        description="Rule-based advice on how to train today, from your training history.",
        epilog="Exit codes: 0 success, 1 internal error, 2 bad input or rule file, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    reading = _Parser(add_help=False)
    reading.add_argument(
        "--add",
        action="append",
        metavar="FILE",
        help="merge another file (check-in/sleep CSV, export or JSON history); repeatable",
    )
    reading.add_argument(
        "--weight-unit",
        choices=("kg", "lb"),
        help="the weight unit of an export that does not say it (Strong classic); default kg",
    )
    reading.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how to read dates like 05/06/2026 (default: decided from the file)",
    )
    reading.add_argument(
        "--workout-time",
        metavar="HH:MM",
        help="time of day for FitNotes workouts, which have dates only (default 12:00)",
    )

    advise = commands.add_parser(
        "advise",
        parents=[debug, reading],
        help="print the advice for today",
        description="Print the advice for today from a history (JSON or any importable export).",
    )
    advise.add_argument("history", metavar="HISTORY", help="history file, or - for standard input")
    advise.add_argument("--now", metavar="ISO", help="the moment of the advice (default: now)")
    advise.add_argument(
        "--plan",
        metavar="NAME|FILE",
        help="a plan of the rule book (legs-and-back) or a JSON/YAML file",
    )
    advise.add_argument(
        "--checkin",
        action="append",
        metavar="MUSCLE=FEELING[:LEVEL]",
        help="how a muscle feels now, e.g. hamstrings=tight:3; repeatable",
    )
    advise.add_argument("--sleep", metavar="HOURS", help="hours slept last night")
    advise.add_argument("--rules", metavar="DIR", help="rule files to add to the bundled ones")
    advise.add_argument(
        "--format",
        choices=("text", "json", "markdown", "html"),
        default="text",
        help="output format",
    )
    advise.add_argument(
        "--quiet", action="store_true", help="do not print the import summary on standard error"
    )
    advise.set_defaults(func=cmd_advise)

    imp = commands.add_parser(
        "import",
        parents=[debug, reading],
        help="convert an export to the JSON history format and print the import report",
        description="Convert a Strong, Hevy or FitNotes export (or a check-in/sleep CSV) to the "
        "JSON history format and print what was read, what was skipped and why.",
    )
    imp.add_argument("history", metavar="FILE", help="the export, or - for standard input")
    imp.add_argument(
        "--to", metavar="PATH", help="write the JSON history here (- for standard output)"
    )
    imp.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    imp.add_argument(
        "--from",
        dest="source_format",
        choices=("json", "strong", "hevy", "fitnotes", "checkins"),
        help="the format of FILE (default: detected from the content)",
    )
    imp.add_argument("--athlete", metavar="FILE", help="athlete profile (JSON/YAML) to attach")
    imp.add_argument("--report", metavar="PATH", help="also write the full import report as JSON")
    imp.add_argument(
        "--limit",
        type=_count,
        default=8,
        metavar="N",
        help="row numbers listed per reason (default 8)",
    )
    imp.add_argument(
        "--strict", action="store_true", help="exit with 2 if any row was invalid or malformed"
    )
    imp.set_defaults(func=cmd_import)

    rules = commands.add_parser("rules", parents=[debug], help="check or list rule files")
    rule_commands = rules.add_subparsers(
        dest="rules_command", metavar="ACTION", parser_class=_Parser
    )
    rule_commands.required = True
    check = rule_commands.add_parser(
        "check",
        parents=[debug],
        help="validate rule files and run their examples",
        description="Validate rule files (added to the bundled ones) and list every problem with "
        "its file, rule and line.",
    )
    check.add_argument("dir", metavar="DIR", help="a folder of rule files, or one file")
    check.set_defaults(func=cmd_rules_check)
    listing = rule_commands.add_parser(
        "list", parents=[debug], help="list the rules: id, title and source"
    )
    listing.add_argument("--rules", metavar="DIR", help="rule files to add to the bundled ones")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(func=cmd_rules_list)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    stdin: IO[str] | IO[bytes] | None = None,
) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    # the bytes of standard input, decoded by the importers like those of a file
    given = stdin if stdin is not None else sys.stdin
    inp: Stdin = getattr(given, "buffer", given)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    debug = bool(getattr(args, "debug", False))

    def fail(code: int, message: str) -> int:
        """The documented exit code; one sentence, or with --debug the traceback instead."""
        if debug:
            traceback.print_exc(file=err)
        else:
            print(message, file=err)
        return code

    try:
        code: int = args.func(args, out, err, inp)
        out.flush()
        return code
    except KeyboardInterrupt:
        return fail(EXIT_INTERRUPTED, f"{PROG}: interrupted")
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): nothing more to say
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except EngineError as exc:
        return fail(
            EXIT_INTERNAL, f"{PROG}: internal error: {exc} (rerun with --debug and report it)"
        )
    except RecoveryAdvisorError as exc:
        return fail(EXIT_INPUT, f"{PROG}: error: {exc}")
    except Exception as exc:
        return fail(
            EXIT_INTERNAL,
            f"{PROG}: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; rerun with --debug for the traceback and report it)",
        )


def run() -> NoReturn:
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
