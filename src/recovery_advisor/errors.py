"""The library's exceptions.

Every error the library raises on purpose derives from :class:`RecoveryAdvisorError`.
Each subclass says *what* was wrong and *where*, and ``str(e)`` alone is enough to act on it.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "EngineError",
    "HistoryError",
    "ImportFormatError",
    "MissingDependencyError",
    "RecoveryAdvisorError",
    "RuleFileError",
    "TimeZoneWarning",
    "UnsupportedPythonError",
]


class RecoveryAdvisorError(Exception):
    """Base class of every error raised by recovery-advisor."""


class UnsupportedPythonError(RecoveryAdvisorError, ImportError):
    """durable-rules cannot be loaded: the running Python is not CPython 3.10-3.14, or (on 3.13+)
    durable-rules was built without ``CPPFLAGS="-DPyEval_CallObject=PyObject_CallObject"``;
    the message says which, and the command that fixes it."""


class HistoryError(RecoveryAdvisorError, ValueError):
    """A training history is malformed.

    ``path`` is the field path in the history (``workouts[3].exercises[0].sets[2].reps``),
    ``problem`` says what was wrong with the value found there.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


class RuleFileError(RecoveryAdvisorError, ValueError):
    """A rule file is malformed: names the file, the rule id and the line, and suggests a fix.

    ``file``, ``line``, ``rule_id``, ``problem`` and ``suggestion`` describe the first problem
    found; ``problems`` holds every problem found, each a :class:`RuleFileError` of its own (the
    first one included), and ``str(e)`` lists them all, one a line.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        line: int | None = None,
        rule_id: str | None = None,
        suggestion: str | None = None,
        more: Sequence[RuleFileError] = (),
    ) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        self.rule_id = rule_id
        self.suggestion = suggestion
        others = tuple(p for m in more for p in m.problems)
        #: every problem, each on its own (the first is this one, without the others)
        self.problems: tuple[RuleFileError, ...] = (self,)
        if others:
            alone = RuleFileError(
                problem, file=file, line=line, rule_id=rule_id, suggestion=suggestion
            )
            self.problems = (alone, *others)
        where = []
        if file is not None:
            where.append(file if line is None else f"{file}:{line}")
        if rule_id is not None:
            where.append(f"rule {rule_id!r}")
        text = f"{', '.join(where)}: {problem}" if where else problem
        if suggestion:
            text += f" ({suggestion})"
        if others:
            text += f"\nand {len(others)} more problem{'s' if len(others) > 1 else ''}:"
            text += "".join(f"\n{p}" for p in others)
        super().__init__(text)

    @classmethod
    def of(cls, problems: Sequence[RuleFileError]) -> RuleFileError:
        """One error for several problems: the first one, carrying every one in ``problems``."""
        problems = [p for e in problems for p in e.problems]
        first = problems[0]
        if len(problems) == 1:
            return first
        return cls(
            first.problem,
            file=first.file,
            line=first.line,
            rule_id=first.rule_id,
            suggestion=first.suggestion,
            more=problems[1:],
        )


class ImportFormatError(RecoveryAdvisorError, ValueError):
    """A workout export could not be read: names the file, the row and what was expected."""

    def __init__(self, problem: str, *, file: str | None = None, row: int | None = None) -> None:
        self.problem = problem
        self.file = file
        self.row = row
        where = file or "<input>"
        if row is not None:
            where += f", row {row}"
        super().__init__(f"{where}: {problem}")


class EngineError(RecoveryAdvisorError, RuntimeError):
    """The rules engine failed while evaluating a rule book (a bug, not bad input)."""


class MissingDependencyError(RecoveryAdvisorError, ImportError):
    """An optional feature needs a package that is not installed.

    ``package`` is the missing package, ``extra`` the optional extra of recovery-advisor that
    installs it (``pip install recovery-advisor[plot]``).
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature = feature
        self.package = package
        self.extra = extra
        super().__init__(
            f"{feature} needs {package}, which is not installed; "
            f"install it with: pip install 'recovery-advisor[{extra}]'"
        )


class TimeZoneWarning(UserWarning):
    """``now`` is naive but the history has timestamps with an offset (``Z``, ``+01:00``).

    The aware timestamps then keep their own wall-clock time (their offset is dropped), which is
    right for a workout logged abroad but shifts a history exported in UTC by the athlete's
    offset. Give ``now`` an offset (``"2026-11-25T08:00:00+01:00"``, or
    ``datetime.now().astimezone()``) to compare exact moments; turn the warning into an error with
    ``warnings.simplefilter("error", recovery_advisor.TimeZoneWarning)``.
    """
