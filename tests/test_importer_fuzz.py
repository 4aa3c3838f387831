"""Fuzzed bytes and mutated real-shaped exports through the importers: the library's error or a
history, never another exception, never a hang.

Kept apart from the other bad-input tests: it runs only where ``recovery_advisor.importers``
exists. (``test_import_properties.py`` covers messy rows of well-formed files.)
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

importers = pytest.importorskip("recovery_advisor.importers")

import recovery_advisor as ra  # noqa: E402
from strategies import EXPORT_SHAPES  # noqa: E402

HEADS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"sep=;\n", b"{", b"\x00\x00"]


def _export(header: str, row: str, rows: int) -> bytes:
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return ("\n".join([header] + [row.replace("|", delimiter)] * rows) + "\n").encode()


@st.composite
def fuzzed_bytes(draw: st.DrawFn) -> bytes:
    """Raw bytes: a well-formed export with bytes flipped, cut, or glued to junk; or pure junk;
    or one very long line."""
    header, row = draw(st.sampled_from(EXPORT_SHAPES))
    data = _export(header, row, draw(st.integers(0, 4)))
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.binary(max_size=400))
    if kind == 1:
        return draw(st.sampled_from(HEADS)) + data
    if kind == 2:
        return data[: draw(st.integers(0, len(data)))]
    if kind == 3:
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    if kind == 4:
        return data.decode().encode(draw(st.sampled_from(["utf-16", "latin-1", "utf-8-sig"])))
    return data + b"x" * draw(st.sampled_from([10_000, 200_000])) + b"\r" * 3


def _import(data: bytes) -> None:
    error: ra.RecoveryAdvisorError | None = None
    try:
        result = ra.import_history(io.BytesIO(data))
    except (ra.ImportFormatError, ra.HistoryError) as exc:
        error = exc
    if error is not None:
        file = getattr(error, "file", None)
        assert str(error).startswith(file or "<input>") or isinstance(error, ra.HistoryError)
        return
    report = result.report
    assert report.rows_read == report.rows_imported + len(report.skipped)


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(data=fuzzed_bytes())
@example(data=b"Date,Exercise,Category,Weight (\x01gs),Reps,Distance,Distance Unit,Time\n")
def test_fuzzed_bytes_never_crash(data: bytes) -> None:
    """Whatever the bytes, an import gives a history that accounts for every row, or the
    library's own error naming the input (each within two seconds)."""
    _import(data)


def test_advice_after_import_errors() -> None:
    """After failed imports the library still imports and advises."""
    for junk in (b"\x00" * 100, b"\xff\xfe\x00", b"Date,Exercise\n" + b"\x80" * 50):
        _import(junk)
    header, row = EXPORT_SHAPES[0]
    history = ra.import_history(io.BytesIO(_export(header, row, 3))).history
    assert ra.advise(history, now="2026-11-25T08:00:00").verdict
