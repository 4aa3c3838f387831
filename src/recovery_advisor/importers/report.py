"""What an import read, kept and left out: :class:`ImportReport` and :class:`ImportResult`.

Nothing is dropped silently: every data row of an export is either imported (one row = one set,
one check-in or one night of sleep) or listed in :attr:`ImportReport.skipped` with its row number
and the reason. ``rows_read == rows_imported + len(skipped)`` holds for every report (it is
checked when the report is built).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from ..errors import RecoveryAdvisorError
from ..history import History

__all__ = [
    "EXPECTED_SKIPS",
    "SKIP_KINDS",
    "ImportReport",
    "ImportResult",
    "RowNote",
    "SkippedRow",
]

#: Why a row can be skipped. ``cardio`` (distance or time, no reps), ``timed`` (a hold measured in
#: seconds, such as a plank), ``rest-timer`` (Strong's rest-timer rows), ``blank`` (an empty line)
#: and ``empty`` (a set with no reps, weight, distance or time) are expected in real exports;
#: ``invalid`` (a value out of range or unreadable) and ``malformed`` (the wrong number of
#: columns) are problems with the data.
SKIP_KINDS = ("cardio", "timed", "rest-timer", "blank", "empty", "invalid", "malformed")
EXPECTED_SKIPS = frozenset({"cardio", "timed", "rest-timer", "blank", "empty"})


@attrs.frozen(slots=True)
class SkippedRow:
    """A data row that was not imported: its row number, why, and the kind of reason.

    Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is
    row 2 (a quoted value spanning several lines is still one row).
    """

    row: int
    reason: str
    kind: str = attrs.field(default="invalid", validator=attrs.validators.in_(SKIP_KINDS))

    @property
    def expected(self) -> bool:
        """True for rows that exports contain by design (cardio, rest timers, blank lines)."""
        return self.kind in EXPECTED_SKIPS

    def to_dict(self) -> dict[str, Any]:
        """The skipped row as JSON-safe data (``row``, ``kind``, ``reason``)."""
        return {"row": self.row, "kind": self.kind, "reason": self.reason}


@attrs.frozen(slots=True)
class RowNote:
    """A row that was imported with a change: an RPE rounded, a split name repaired, ..."""

    row: int
    note: str

    def to_dict(self) -> dict[str, Any]:
        """The note as JSON-safe data (``row``, ``kind``, ``message``)."""
        return {"row": self.row, "note": self.note}


def _check_account(report: ImportReport, _attr: Any, _value: Any) -> None:
    if report.rows_read != report.rows_imported + len(report.skipped):
        raise ValueError(
            f"import report does not add up: {report.rows_read} rows read, "
            f"{report.rows_imported} imported, {len(report.skipped)} skipped"
        )


@attrs.frozen(slots=True)
class ImportReport:
    """The account of one import.

    ``format`` is ``strong``, ``hevy``, ``fitnotes``, ``checkins`` or ``json``; ``shape`` names the
    variant of the format (for Strong: ``classic``, ``unit-in-header``, ``2019-no-duration``,
    ``per-row-unit``, ``per-row-unit-duration``); ``language`` the language of the header;
    ``weight_unit`` where the unit came from (``kg``, ``lb``, ``per-row``, or ``kg (assumed)``).
    ``notes`` lists rows imported with a change, ``warnings`` assumptions about the whole file.
    """

    format: str
    rows_read: int = attrs.field(validator=_check_account)
    sets_imported: int = 0
    checkins_imported: int = 0
    sleep_imported: int = 0
    workouts: int = 0
    skipped: tuple[SkippedRow, ...] = ()
    notes: tuple[RowNote, ...] = ()
    warnings: tuple[str, ...] = ()
    shape: str = ""
    language: str = ""
    delimiter: str = ""
    weight_unit: str = ""
    file: str | None = None

    @property
    def rows_imported(self) -> int:
        """Rows that became a set, a check-in or a night of sleep."""
        return self.sets_imported + self.checkins_imported + self.sleep_imported

    @property
    def problems(self) -> tuple[SkippedRow, ...]:
        """Skipped rows whose kind is not expected in a healthy export (invalid or malformed)."""
        return tuple(s for s in self.skipped if not s.expected)

    def skipped_by_kind(self) -> dict[str, int]:
        """How many rows were skipped for each kind of reason."""
        return dict(Counter(s.kind for s in self.skipped))

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-safe data (what ``recovery-advisor import --report`` writes)."""
        return {
            "format": self.format,
            "shape": self.shape,
            "language": self.language,
            "delimiter": self.delimiter,
            "weight_unit": self.weight_unit,
            "file": self.file,
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "sets_imported": self.sets_imported,
            "checkins_imported": self.checkins_imported,
            "sleep_imported": self.sleep_imported,
            "workouts": self.workouts,
            "skipped": [s.to_dict() for s in self.skipped],
            "notes": [n.to_dict() for n in self.notes],
            "warnings": list(self.warnings),
        }

    def summary(self, *, limit: int = 8) -> str:
        """A short human-readable account; at most ``limit`` row numbers are listed per reason
        (``0``: only how many rows); a negative ``limit`` raises :class:`RecoveryAdvisorError`."""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise RecoveryAdvisorError(
                f"ImportReport.summary: limit must be a whole number 0 or more, got {limit!r}"
            )
        what = {
            "strong": "Strong export",
            "hevy": "Hevy export",
            "fitnotes": "FitNotes export",
            "checkins": "check-in/sleep file",
            "json": "JSON history",
        }.get(self.format, self.format)
        details = [
            d
            for d in (
                self.shape,
                {"en": "English", "fr": "French", "de": "German"}.get(self.language, self.language),
                f"{self.delimiter!r}-separated" if self.delimiter else "",
                (
                    "weight unit per row"
                    if self.weight_unit == "per-row"
                    else f"weights in {self.weight_unit}"
                )
                if self.weight_unit
                else "",
            )
            if d
        ]
        head = what + (f" ({', '.join(details)})" if details else "")
        if self.file:
            head += f" from {self.file}"
        parts = []
        if self.sets_imported or self.format != "checkins":
            parts.append(f"{_n(self.sets_imported, 'set')} in {_n(self.workouts, 'workout')}")
        if self.checkins_imported:
            parts.append(_n(self.checkins_imported, "check-in"))
        if self.sleep_imported:
            parts.append(_n(self.sleep_imported, "night", "nights of sleep"))
        imported = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        lines = [
            head,
            f"  {_n(self.rows_read, 'row')} read: {imported} imported, "
            f"{_n(len(self.skipped), 'row')} skipped.",
        ]
        by_reason: dict[tuple[str, str], list[int]] = {}
        for s in self.skipped:
            by_reason.setdefault((s.kind, _reason_key(s.reason)), []).append(s.row)
        if by_reason:
            lines.append("  Skipped:")
            for (kind, key), rows in by_reason.items():
                listed = ", ".join(str(r) for r in rows[:limit])
                more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
                reason = (
                    next(s.reason for s in self.skipped if s.row == rows[0])
                    if len(rows) == 1
                    else key
                )
                if not limit:
                    lines.append(f"    {_n(len(rows), 'row')} [{kind}]: {reason}")
                elif len(rows) == 1:
                    lines.append(f"    row {listed} [{kind}]: {reason}")
                else:
                    lines.append(f"    {len(rows)} rows ({listed}{more}) [{kind}]: {key}")
        if self.notes:
            lines.append(f"  Imported with a change ({_n(len(self.notes), 'row')}):")
            for n in self.notes[:limit]:
                lines.append(f"    row {n.row}: {n.note}")
            if len(self.notes) > limit:
                lines.append(f"    ... and {len(self.notes) - limit} more")
        for w in self.warnings:
            lines.append(f"  Note: {w}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _n(count: int, word: str, plural: str | None = None) -> str:
    if count == 1:
        return f"1 {word}" + (" of sleep" if plural and plural.endswith("of sleep") else "")
    return f"{count:,} {plural or word + 's'}"


def _reason_key(reason: str) -> str:
    """Group reasons that differ only in the exercise or the numbers they quote."""
    return reason.split(":", 1)[0]


@attrs.frozen(slots=True)
class ImportResult:
    """A history read from an export, with the account of what was read."""

    history: History
    report: ImportReport
