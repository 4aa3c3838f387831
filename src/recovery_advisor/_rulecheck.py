"""Check a user's rule files and collect every problem (``recovery-advisor rules check``).

:meth:`RuleBook.load` reads on past each problem of each file and then checks what could be read
of the files together with the bundled rule book (duplicate ids, parameters, placeholders, plans,
fixtures), so one run lists every problem; when there is none, every example of the user's rules
is run through :func:`~recovery_advisor.advise`.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from .errors import RecoveryAdvisorError, RuleFileError
from .rulebook import RuleBook, _files

__all__ = ["RuleCheck", "check_rules"]


@attrs.frozen(slots=True)
class RuleCheck:
    """The outcome of checking a folder of rule files."""

    files: tuple[str, ...]
    rules: int
    examples: int
    problems: tuple[RuleFileError, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _example_problems(book: RuleBook, files: set[str]) -> tuple[int, list[RuleFileError]]:
    from .api import advise

    count = 0
    problems: list[RuleFileError] = []
    for rule in book:
        if rule.file not in files:
            continue
        for example in rule.examples:
            count += 1

            def fail(
                problem: str,
                rule_id: str = rule.id,
                file: str | None = rule.file,
                line: int | None = example.line,
            ) -> None:
                problems.append(RuleFileError(problem, file=file, line=line, rule_id=rule_id))

            try:
                advice = advise(
                    book.example_history(example), now=example.now, plan=example.plan, rules=book
                )
            except RecoveryAdvisorError as exc:
                fail(f"example {example.name!r} cannot be evaluated: {exc}")
                continue
            fired = rule.id in advice.rules_fired
            if example.kind == "fires" and not fired:
                fail(f"example {example.name!r} should make the rule fire, but it stays silent")
            elif example.kind == "silent" and fired:
                fail(f"example {example.name!r} should keep the rule silent, but it fires")
            expect = example.expect
            session = [e.name for e in advice.session.exercises] if advice.session else []
            if "verdict" in expect and advice.verdict != expect["verdict"]:
                fail(
                    f"example {example.name!r} expects verdict {expect['verdict']!r}, "
                    f"got {advice.verdict!r}"
                )
            for name in expect.get("session_has", []):
                if name not in session:
                    fail(f"example {example.name!r} expects {name!r} in the session")
            for name in expect.get("session_lacks", []):
                if name in session:
                    fail(f"example {example.name!r} expects {name!r} not in the session")
            recs = advice.by_rule(rule.id)
            for key in ("severity", "action"):
                if key in expect and recs and {getattr(r, key) for r in recs} != {expect[key]}:
                    fail(f"example {example.name!r} expects {key} {expect[key]!r}")
    return count, problems


def check_rules(path: str | Path) -> RuleCheck:
    """Check the rule files at ``path`` (a file or a folder) as an addition to the bundled rules.

    Every problem is listed, by file and line (see :meth:`RuleBook.load`); the examples run once
    there are no other problems."""
    paths = _files(Path(path))
    if not paths:
        raise RuleFileError(f"no rule files (*.yaml, *.yml) in {path}")
    problems: list[RuleFileError] = []
    rules = examples = 0
    try:
        book = RuleBook.load(path)
    except RuleFileError as exc:
        problems.extend(exc.problems)
    else:
        names = {str(f) for f in paths}
        rules = sum(1 for r in book if r.file in names)
        examples, failed = _example_problems(book, names)
        problems.extend(failed)
    return RuleCheck(
        files=tuple(str(f) for f in paths),
        rules=rules,
        examples=examples,
        problems=tuple(problems),
    )
