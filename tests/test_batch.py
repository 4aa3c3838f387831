"""``advise_many()``: a batch across processes, in input order, errors per athlete."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import recovery_advisor as ra
from recovery_advisor._synthetic import synthetic_history
from recovery_advisor.rulebook import bundled_rules_dir

NOW = "2026-11-25T08:00:00"
BAD = {"workouts": [{"start": "2026-11-24T18:00:00", "exercises": [{"name": 7}]}]}


def _batch() -> list[Any]:
    histories: list[Any] = [synthetic_history(k, days=[0, 5, 30][k % 3]) for k in range(9)]
    histories[4] = BAD
    histories[6] = ra.History.from_dict(histories[6])
    histories.append({})
    return histories


def _expected(histories: list[Any], plan: Any = None) -> list[Any]:
    out = []
    for h in histories:
        try:
            out.append(ra.advise(h, now=NOW, plan=plan).to_dict())
        except ra.RecoveryAdvisorError as exc:
            out.append(str(exc))
    return out


def _got(results: list[ra.BatchResult]) -> list[Any]:
    return [r.advice.to_dict() if r.advice is not None else r.error for r in results]


def test_in_process_batch_equals_single_calls() -> None:
    """With one process the results are those of ``advise()``, one per history, in input
    order; the bad history gets its error (with the field path) and the rest are advised."""
    histories = _batch()
    results = ra.advise_many(histories, now=NOW, plan="legs-and-back", processes=1)
    assert [r.index for r in results] == list(range(len(histories)))
    assert _got(results) == _expected(histories, "legs-and-back")
    bad = results[4]
    assert not bad.ok
    assert bad.advice is None
    assert bad.error is not None
    assert bad.error.startswith("workouts[0].exercises[0].name:")
    assert all(r.ok for i, r in enumerate(results) if i != 4)


def test_two_processes_give_the_same_results() -> None:
    """Across two worker processes (forkserver or spawn) the results are the same, in order,
    even with chunks of one; an error keeps its structure on the way back."""
    histories = _batch()
    results = ra.advise_many(histories, now=NOW, processes=2, chunksize=1)
    assert _got(results) == _expected(histories)
    error = results[4].error
    assert isinstance(error, ra.BatchError)
    assert error.to_dict() == _error_document(BAD)


def _error_document(history: Any) -> dict[str, str]:
    """The ``error`` member of advise_json's answer for ``history``."""
    answer = json.loads(ra.advise_json(json.dumps(history), now=NOW))
    return answer["error"]  # type: ignore[no-any-return]


def test_an_error_has_the_parts_of_the_error_document() -> None:
    """``BatchResult.error`` carries what advise_json's error document holds (``type``,
    ``path``, ``problem``, ``message``, and ``to_dict()`` gives exactly that member), and is
    still the text of the error: a ``str`` equal to ``str(e)``, as before."""
    results = ra.advise_many([BAD, {}], now=NOW, processes=1)
    error = results[0].error
    assert error is not None
    assert error.to_dict() == _error_document(BAD)
    assert error.type == "HistoryError"
    assert error.path == "workouts[0].exercises[0].name"
    assert error.problem == "must be text, got 7"
    assert error.message == "workouts[0].exercises[0].name: must be text, got 7"
    assert isinstance(error, str)
    assert error == error.message
    assert type(error.message) is str
    assert results[1].error is None
    with pytest.raises(AttributeError):
        error.path = "elsewhere"  # type: ignore[misc]


def test_a_bug_is_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception the library did not raise on purpose is reported for that athlete as an
    ``InternalError`` (the batch goes on), with the text it always had."""
    from recovery_advisor import batch

    def broken(history: Any, **kwargs: Any) -> ra.Advice:
        if history == {"boom": True}:
            raise ZeroDivisionError("division by zero")
        return ra.advise(history, **kwargs)

    monkeypatch.setattr(batch, "advise", broken)
    results = ra.advise_many([{"boom": True}, {}], now=NOW, processes=1)
    error = results[0].error
    assert error is not None
    assert error.to_dict() == {
        "type": "InternalError",
        "path": "",
        "problem": "internal error, please report: ZeroDivisionError('division by zero')",
        "message": "internal error, please report: ZeroDivisionError('division by zero')",
    }
    assert results[1].ok


class _KillsTheWorker:
    """Unpickling this in a worker ends the worker process at once (a stand-in for a crash)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (os._exit, (3,))


def test_a_crashing_worker_loses_only_its_athlete() -> None:
    """When a worker process dies, the athletes of its chunk are advised again one by one: the
    one that kills the worker gets an error saying so, every other one gets advice."""
    histories: list[Any] = [synthetic_history(k, days=5) for k in range(6)]
    histories[2] = _KillsTheWorker()
    results = ra.advise_many(histories, now=NOW, processes=2, chunksize=3)
    assert [r.ok for r in results] == [True, True, False, True, True, True]
    assert results[2].error is not None
    assert "worker process died" in results[2].error
    assert results[2].error.type == "WorkerDied"
    assert _got(results)[3:] == _expected(histories[3:])


def test_whole_batch_errors_are_raised_up_front() -> None:
    """A bad ``now``, plan, rule folder or process count concerns the whole batch: it is
    raised before any athlete is advised."""
    with pytest.raises(ra.HistoryError, match="now"):
        ra.advise_many([{}], now="soon", processes=1)
    with pytest.raises(ra.HistoryError, match="plan"):
        ra.advise_many([{}], now=NOW, plan="no-such-plan", processes=1)
    with pytest.raises(ra.RuleFileError):
        ra.advise_many([{}], now=NOW, rules="/no/such/folder", processes=1)
    with pytest.raises(ValueError, match="processes"):
        ra.advise_many([{}], now=NOW, processes=0)


def test_any_iterable_and_empty_batches() -> None:
    """A generator is accepted; an empty batch gives an empty list."""
    assert ra.advise_many((h for h in [{}, {}]), now=NOW, processes=1)[1].ok
    assert ra.advise_many([], now=NOW) == []


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    """``progress=True`` draws a bar on stderr that ends at the batch size; by default a short
    batch outside a terminal shows nothing."""
    ra.advise_many([{}] * 5, now=NOW, processes=1, progress=True)
    err = capsys.readouterr().err
    assert "advising 5/5 athletes" in err
    assert err.endswith("\n")
    ra.advise_many([{}] * 5, now=NOW, processes=1)
    assert capsys.readouterr().err == ""


def test_default_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """By default, parsed History objects and short batches are advised in this process (a
    pool would cost more than it saves); 50 or more JSON-like histories go to worker processes."""
    from recovery_advisor import batch

    pools: list[int] = []
    real = batch._run_pool

    def counting(chunks: Any, workers: int, *args: Any) -> Any:
        pools.append(workers)
        return real(chunks, workers, *args)

    monkeypatch.setattr(batch, "_run_pool", counting)
    parsed = [ra.History()] * 60
    assert all(r.ok for r in ra.advise_many(parsed, now=NOW))
    assert all(r.ok for r in ra.advise_many([{}] * 10, now=NOW))
    assert pools == []
    assert all(r.ok for r in ra.advise_many([{}] * 60, now=NOW))
    assert pools == [min(os.cpu_count() or 1, 60)] or (os.cpu_count() or 1) == 1


_CRASH_WITH_A_LARGE_BOOK = """
import os, sys
import recovery_advisor as ra
from recovery_advisor._synthetic import synthetic_history

class Kills:
    def __reduce__(self):
        return (os._exit, (3,))

if __name__ == "__main__":
    book = ra.RuleBook.load(sys.argv[1])
    histories = [synthetic_history(k, days=5) for k in range(6)]
    histories[2] = Kills()
    results = ra.advise_many(histories, now="2026-11-25T08:00:00", processes=2, chunksize=3,
                             rules=book)
    print([r.ok for r in results])
"""


def test_a_crashing_worker_with_a_large_rule_book_does_not_hang(tmp_path: Path) -> None:
    """With a rule book large enough that starting a worker takes a while (the bundled rules
    plus two more files), a worker that dies while another is still starting ends the batch as
    usual instead of leaving the pool waiting forever for the one still starting. Run in a
    child process with a time limit, so a hang fails the test."""
    source = (bundled_rules_dir() / "tightness.yaml").read_text(encoding="utf-8")
    for k in (1, 2):
        text = source.replace("id: tight-", f"id: pad{k}-tight-")
        for name in ("tight_level", "tight_notice_level"):
            text = text.replace(f"  {name}:", f"  pad{k}_{name}:").replace(
                f"${name}", f"$pad{k}_{name}"
            )
        (tmp_path / f"pad{k}.yaml").write_text(text, encoding="utf-8")
    script = tmp_path / "crash.py"
    script.write_text(_CRASH_WITH_A_LARGE_BOOK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(ra.__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[True, True, False, True, True, True]"


def test_a_distributed_job_is_unpickled_once_per_process() -> None:
    """The Dask and Spark workers read the shipped job (now, plan, rule book) once per process,
    not once per partition: every partition of a worker gets the same rule book, whose engine
    ruleset is compiled once."""
    from recovery_advisor.batch import _job, _job_from, _job_payload

    payload = _job_payload(_job("2026-11-25T08:00:00", "legs-and-back", None))
    first = _job_from(payload)
    again = bytes(bytearray(payload))  # equal bytes in another object, as a next partition gets
    assert again is not payload
    assert _job_from(again) is first
    assert first[1] is not None
    assert first[1].name == "legs-and-back"
