"""``advise_many()``: advice for a batch of athletes, spread over processes.

durable-rules is not thread-safe (every evaluation holds one lock), so a batch scales with
processes, not threads. Workers are started with ``forkserver`` (POSIX) or ``spawn``, never with
a plain ``fork`` of a process that may hold the engine lock. As with any use of
:mod:`multiprocessing`, a script that calls ``advise_many(..., processes=2)`` must guard its
entry point with ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import copyreg
import functools
import math
import multiprocessing
import os
import pickle
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

import attrs

from .advice import Advice
from .api import PlanLike, _book, _now, advise, resolve_plan
from .errors import HistoryError, RecoveryAdvisorError
from .history import Exercise, History, Workout, WorkoutSet
from .jsonapi import _parse
from .plan import Plan
from .rulebook import RuleBook

__all__ = ["BatchError", "BatchResult", "advise_many"]

#: Batches at least this long show a progress bar (when stderr is a terminal or a notebook).
PROGRESS_MIN_ITEMS = 200
#: With ``processes=None``, shorter batches are advised in this process (a pool takes ~0.3 s).
PROCESSES_MIN_ITEMS = 50
_DIED = "the worker process died while advising this athlete (a crash, not bad input)"


class BatchError(str):
    """Why an athlete of a batch got no advice: the text of the error (this *is* a ``str``,
    ``str(e)`` of the exception, so ``error.startswith("workouts[0]")`` works as before) that
    also carries the parts of :func:`advise_json`'s error document.

    ``type`` is the class of the error: ``HistoryError`` for bad input (``path`` is then the
    field path of the problem, ``problem`` what was wrong there), another of the library's
    errors such as ``EngineError``, ``InternalError`` for a bug (an exception the library did
    not raise on purpose; please report it) or ``WorkerDied`` when the worker process advising
    the athlete crashed. ``path`` is ``""`` when the error is not about one field.
    :meth:`to_dict` gives ``{"type", "path", "problem", "message"}``, the ``error`` member of
    the error document (``docs/schema/error.schema.json``).
    """

    type: str
    path: str
    problem: str

    def __new__(
        cls, message: str, *, type: str, path: str = "", problem: str | None = None
    ) -> BatchError:
        self = super().__new__(cls, message)
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "problem", message if problem is None else problem)
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"BatchError is immutable: cannot set {name!r}")

    @classmethod
    def from_exception(cls, exc: BaseException) -> BatchError:
        """The error of an exception raised while advising an athlete."""
        if isinstance(exc, RecoveryAdvisorError):
            problem = getattr(exc, "problem", None)
            return cls(
                str(exc),
                type=type(exc).__name__,
                path=exc.path if isinstance(exc, HistoryError) else "",
                problem=problem if isinstance(problem, str) else str(exc),
            )
        return cls(f"internal error, please report: {exc!r}", type="InternalError")

    @property
    def message(self) -> str:
        """The whole text (path and problem), as a plain ``str``."""
        return str.__str__(self)

    def to_dict(self) -> dict[str, str]:
        """``{"type", "path", "problem", "message"}``, as in ``advise_json``'s error document."""
        return {
            "type": self.type,
            "path": self.path,
            "problem": self.problem,
            "message": self.message,
        }

    def __repr__(self) -> str:
        return f"BatchError({self.message!r}, type={self.type!r}, path={self.path!r})"

    def __reduce__(self) -> tuple[Any, ...]:  # to cross from a worker process
        return (_batch_error, (self.message, self.type, self.path, self.problem))


def _batch_error(message: str, kind: str, path: str, problem: str) -> BatchError:
    return BatchError(message, type=kind, path=path, problem=problem)


def _error(value: str | None) -> BatchError | None:
    if value is None or isinstance(value, BatchError):
        return value
    return BatchError(str(value), type="RecoveryAdvisorError")


@attrs.frozen(slots=True)
class BatchResult:
    """The outcome for the athlete at position ``index`` of the batch: ``advice`` or ``error``.

    ``error`` is a :class:`BatchError`: the text of the error (``str(e)``, which names the
    field path for bad input) with its ``type``, ``path`` and ``problem``; exactly one of
    ``advice`` and ``error`` is set.
    """

    index: int
    advice: Advice | None
    error: BatchError | None = attrs.field(default=None, converter=_error)

    @property
    def ok(self) -> bool:
        """True when the athlete got advice."""
        return self.advice is not None


# ---------------------------------------------------------------- sending histories
# A History crosses to a worker by pickle. attrs' generic pickling of 1,200 frozen sets cost the
# parent 3.3 ms per athlete (more than advising it); as plain tuples it costs 0.9 ms. The worker
# rebuilds the objects without their constructors' checks: they were checked when the parent
# built them (a History cannot hold an invalid one), and checking 1,200 sets again would cost
# the worker more than the pickling saves.
_setattr = object.__setattr__


def _rebuild_set(
    reps: int, weight_kg: float | None, rpe: float | None, rir: float | None, kind: str
) -> WorkoutSet:
    s = object.__new__(WorkoutSet)
    _setattr(s, "reps", reps)
    _setattr(s, "weight_kg", weight_kg)
    _setattr(s, "rpe", rpe)
    _setattr(s, "rir", rir)
    _setattr(s, "type", kind)
    return s


def _rebuild_exercise(name: str, sets: tuple[WorkoutSet, ...]) -> Exercise:
    e = object.__new__(Exercise)
    _setattr(e, "name", name)
    _setattr(e, "sets", sets)
    return e


def _rebuild_workout(
    start: datetime,
    exercises: tuple[Exercise, ...],
    name: str | None,
    duration_min: float | None,
    session_rpe: float | None,
) -> Workout:
    w = object.__new__(Workout)
    _setattr(w, "start", start)
    _setattr(w, "exercises", exercises)
    _setattr(w, "name", name)
    _setattr(w, "duration_min", duration_min)
    _setattr(w, "session_rpe", session_rpe)
    return w


def _reduce_set(s: WorkoutSet) -> tuple[Any, ...]:
    return (_rebuild_set, (s.reps, s.weight_kg, s.rpe, s.rir, s.type))


def _reduce_exercise(e: Exercise) -> tuple[Any, ...]:
    return (_rebuild_exercise, (e.name, e.sets))


def _reduce_workout(w: Workout) -> tuple[Any, ...]:
    return (_rebuild_workout, (w.start, w.exercises, w.name, w.duration_min, w.session_rpe))


copyreg.pickle(WorkoutSet, _reduce_set)
copyreg.pickle(Exercise, _reduce_exercise)
copyreg.pickle(Workout, _reduce_workout)


# ---------------------------------------------------------------- worker side
_Job = tuple[datetime, Plan | None, RuleBook]
_JOB: _Job | None = None  # set once in each worker process
#: What one athlete of a batch may be: a History, JSON-like data, or a history as JSON text.
HistoryInput = History | Mapping[str, Any] | str | bytes


def _job(now: datetime | str | None, plan: PlanLike, rules: RuleBook | str | Path | None) -> _Job:
    """The moment, plan and rule book of a whole batch, checked once (errors concern the batch)."""
    book = _book(rules)
    return (_now(now), resolve_plan(plan, book), book)


def _job_payload(job: _Job) -> bytes:
    """The job as bytes to ship to workers (Dask, Spark): see :func:`_job_from`."""
    return pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)


@functools.lru_cache(maxsize=8)
def _job_from(payload: bytes) -> _Job:
    """The job of :func:`_job_payload`, unpickled once per worker process (not per partition):
    each worker keeps one rule book, hence one compiled engine ruleset."""
    job: _Job = pickle.loads(payload)
    return job


def _init_worker(now: datetime, plan: Plan | None, book: RuleBook) -> None:
    global _JOB
    _JOB = (now, plan, book)


def _advise_one(job: _Job, index: int, history: HistoryInput | None) -> BatchResult:
    """The one code path from a history (object, data or JSON text) to advice or an error,
    shared by :func:`advise_many` and the Dask and Spark integrations."""
    now, plan, book = job
    try:
        # JSON text is read as advise_json reads it; None and other types fail in advise()
        data: Any = _parse(history) if isinstance(history, (str, bytes)) else history
        return BatchResult(index, advise(data, now=now, plan=plan, rules=book))
    except Exception as exc:  # bad input, or a bug: reported for this athlete, the batch goes on
        return BatchResult(index, None, BatchError.from_exception(exc))


def _record(job: _Job, athlete_id: Any, history: HistoryInput | None) -> dict[str, Any]:
    """One output row of the distributed integrations (``docs/distributed.md``): the athlete's
    id, ``advice`` (``Advice.to_dict()``) or ``None``, ``error`` (``BatchError.to_dict()``) or
    ``None``."""
    result = _advise_one(job, 0, history)
    return {
        "athlete_id": athlete_id,
        "advice": None if result.advice is None else result.advice.to_dict(),
        "error": None if result.error is None else result.error.to_dict(),
    }


#: The columns of a frame of advice (Dask DataFrame, Spark): all strings, ``None`` when absent.
FRAME_COLUMNS = ("athlete_id", "advice", "error_type", "error_path", "error_message")


def _check_columns(feature: str, columns: Sequence[Any], **wanted: str) -> None:
    """Raise :class:`HistoryError` (path ``columns``) when a frame of histories lacks a column
    it is asked to read, naming the column, the argument that named it and the columns present
    (``wanted`` maps argument names such as ``history_column`` to column names)."""
    for argument, column in wanted.items():
        if column not in columns:
            present = ", ".join(repr(c) for c in columns) or "none"
            raise HistoryError(
                "columns",
                f"the frame has no column {column!r} ({argument} of {feature}); "
                f"its columns: {present}",
            )


def _cell(value: Any) -> Any:
    """A value read from a frame (pandas, Dask, Spark's Arrow batches) with every kind of
    missing value (``NaN``, ``pd.NA``, ``NaT``: pandas 3 reads a null string as ``NaN``) as
    ``None``, so that a missing history is reported as ``None``, not as a number."""
    if value is None or isinstance(value, (str, bytes, Mapping, History)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    pandas = sys.modules.get("pandas")
    if pandas is not None and (value is pandas.NA or value is pandas.NaT):
        return None
    return value


def _frame_row(job: _Job, athlete_id: str, history: HistoryInput | None) -> tuple[Any, ...]:
    """One row of a frame of advice: :data:`FRAME_COLUMNS`, the advice as compact JSON text."""
    athlete_id = _cell(athlete_id)
    result = _advise_one(job, 0, _cell(history))
    if result.advice is not None:
        return (athlete_id, result.advice.to_json(indent=None), None, None, None)
    error = result.error
    assert error is not None
    return (athlete_id, None, error.type, error.path, error.message)


def _advise_chunk(chunk: Sequence[tuple[int, Any]], job: _Job | None = None) -> list[BatchResult]:
    job = job or _JOB
    assert job is not None, "a worker advises only after _init_worker"
    return [_advise_one(job, i, h) for i, h in chunk]


# ---------------------------------------------------------------- progress
def _interactive(stream: TextIO) -> bool:
    """A terminal, or a Jupyter/IPython kernel (whose stderr renders carriage returns)."""
    try:
        if stream.isatty():
            return True
    except (AttributeError, ValueError):
        return False
    shell = sys.modules.get("IPython")
    get = getattr(shell, "get_ipython", None) if shell is not None else None
    return bool(get is not None and get() is not None and "ipykernel" in sys.modules)


class _Progress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int, enabled: bool, stream: TextIO) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.stream = stream
        self.done = 0
        self.start = time.monotonic()
        self.last = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last >= 0.1 or self.done >= self.total:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        share = self.done / self.total
        width = 24
        bar = "#" * int(share * width) + "." * (width - int(share * width))
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        self.stream.write(
            f"\radvising {self.done:,}/{self.total:,} athletes [{bar}] {share:4.0%} "
            f"{rate:,.0f}/s, {eta:,.0f} s left "
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            if self.done < self.total:
                self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


# ---------------------------------------------------------------- the batch
def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _chunks(items: list[tuple[int, Any]], size: int) -> list[list[tuple[int, Any]]]:
    return [items[k : k + size] for k in range(0, len(items), size)]


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """End every worker of a broken pool. The pool's manager thread terminates the workers it
    knows when one dies, but a worker that ``submit`` was still starting then (it starts workers
    on demand, and a large rule book takes a while to send) is missed, and the pool then waits
    for it forever on leaving ``with``. Every submit is done by the time a result is read, so
    every worker is known here."""
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        if process.is_alive():
            process.kill()


def _run_pool(
    chunks: list[list[tuple[int, Any]]],
    workers: int,
    initargs: tuple[Any, ...],
    progress: _Progress,
) -> tuple[dict[int, BatchResult], list[list[tuple[int, Any]]]]:
    """Run the chunks on a pool; the results, and the chunks lost to a dying worker."""
    results: dict[int, BatchResult] = {}
    lost: list[list[tuple[int, Any]]] = []
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=_init_worker, initargs=initargs
    ) as pool:
        futures: list[Future[list[BatchResult]]] = [
            pool.submit(_advise_chunk, chunk) for chunk in chunks
        ]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                done = future.result()
            except BrokenProcessPool:
                lost.append(chunk)
                _kill_workers(pool)
                continue
            for result in done:
                results[result.index] = result
            progress.advance(len(done))
    return results, lost


def advise_many(
    histories: Iterable[History | Mapping[str, Any]],
    now: datetime | str | None = None,
    plan: PlanLike = None,
    rules: RuleBook | str | Path | None = None,
    processes: int | None = None,
    *,
    chunksize: int | None = None,
    progress: bool | None = None,
) -> list[BatchResult]:
    """Advise every athlete of ``histories`` (as :func:`advise` would), across ``processes``.

    Returns one :class:`BatchResult` per history, in input order. A history that cannot be
    advised (bad input) gets its error in ``BatchResult.error``; the rest of the batch goes on.
    ``now`` is the same moment for every athlete (default: the current time, read once).
    ``processes`` is the number of worker processes; ``1`` advises in this process. By default
    it is the number of CPUs for batches of 50 or more JSON-like histories, and ``1`` for
    shorter batches and for ``History`` objects (which cost about as much to send to a worker
    as to advise; see ``docs/performance.md``). ``progress`` shows a bar on stderr (default:
    for batches of 200 or more when stderr is a terminal or a notebook).

    Raises :class:`HistoryError` for a bad ``now`` or ``plan`` and :class:`RuleFileError` for bad
    ``rules``: those concern the whole batch.
    """
    initargs = _job(now, plan, rules)
    items = list(enumerate(histories))
    if processes is None:
        # Workers pay off for data still to be read (reading is most of the work and happens in
        # the worker). A parsed History costs about as much to send as to advise, and a pool
        # takes ~0.3 s to start: those batches are advised here unless processes is given.
        parsed = all(isinstance(h, History) for _, h in items)
        small = len(items) < PROCESSES_MIN_ITEMS
        workers = 1 if parsed or small else os.cpu_count() or 1
    else:
        workers = processes
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"processes must be a whole number >= 1, got {processes!r}")
    stream = sys.stderr
    show = (
        len(items) >= PROGRESS_MIN_ITEMS and _interactive(stream)
        if progress is None
        else bool(progress)
    )
    bar = _Progress(len(items), show, stream)
    size = chunksize or max(1, min(64, math.ceil(len(items) / (workers * 8))))
    chunks = _chunks(items, size)
    workers = min(workers, len(chunks))
    try:
        if workers <= 1:
            out: dict[int, BatchResult] = {}
            for chunk in chunks:
                for result in _advise_chunk(chunk, initargs):
                    out[result.index] = result
                bar.advance(len(chunk))
        else:
            out, lost = _run_pool(chunks, workers, initargs, bar)
            # A worker died (a crash, not bad input): advise the athletes of the chunks it took
            # down one at a time, in a fresh single process, to find the one that crashes it.
            for chunk in lost:
                for index, history in chunk:
                    again, dead = _run_pool([[(index, history)]], 1, initargs, bar)
                    if dead:
                        out[index] = BatchResult(index, None, BatchError(_DIED, type="WorkerDied"))
                        bar.advance(1)
                    else:
                        out.update(again)
    finally:
        bar.close()
    return [out[i] for i in range(len(items))]
