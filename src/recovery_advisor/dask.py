"""Advice for millions of athletes on a Dask cluster (``pip install 'recovery-advisor[dask]'``).

* :func:`advise_bag`: a Dask bag of ``(athlete_id, history)`` pairs to a bag of advice records
  ``{"athlete_id": ..., "advice": Advice.to_dict() or None, "error": {"type", "path",
  "problem", "message"} or None}``.
* :func:`advise_frame`: a Dask DataFrame with an id column and a history column (JSON text or
  JSON-like dicts) to a DataFrame of :data:`FRAME_COLUMNS`, every one of pandas' ``string``
  dtype (so that ``to_parquet`` writes string columns): ``athlete_id`` (the id as text),
  ``advice`` (the advice as JSON text, missing on error), ``error_type``, ``error_path``,
  ``error_message`` (missing on success; the message is ``str(e)``, path included). Missing
  values are ``pd.NA``: test them with ``isna()``/``notna()``.

A history is advised exactly as :func:`recovery_advisor.advise` would (the same code path as
:func:`recovery_advisor.advise_many`); one that cannot be advised (text that is not JSON, wrong
types, future workouts) becomes an error row, never a failed task. ``now`` is required: a
nightly batch advises every athlete for the same moment. The rule book and plan are checked
once, on the client (a bad ``plan`` or rule folder raises there), and unpickled once per worker
process, so each worker compiles its engine once. Partitions keep their order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from recovery_advisor.api import PlanLike
from recovery_advisor.batch import (
    FRAME_COLUMNS,
    _check_columns,
    _frame_row,
    _job,
    _job_from,
    _job_payload,
    _record,
)
from recovery_advisor.errors import MissingDependencyError
from recovery_advisor.rulebook import RuleBook

__all__ = ["FRAME_COLUMNS", "advise_bag", "advise_frame"]

#: The dtype of every column of advise_frame's result (``pd.NA`` for a missing value).
_STRING = "string"


def _require(feature: str) -> None:
    try:
        import dask.bag
        import dask.dataframe  # noqa: F401
    except ImportError:
        raise MissingDependencyError(feature, "dask", "dask") from None


def _bag_partition(pairs: Iterable[tuple[Any, Any]], payload: bytes) -> list[dict[str, Any]]:
    job = _job_from(payload)  # a list, not a generator: a partition's result must pickle
    return [_record(job, athlete_id, history) for athlete_id, history in pairs]


def _frame_partition(frame: Any, payload: bytes, id_column: str, history_column: str) -> Any:
    import pandas as pd

    job = _job_from(payload)
    rows = [
        _frame_row(job, athlete_id, history)
        for athlete_id, history in zip(frame[id_column], frame[history_column], strict=True)
    ]
    out = pd.DataFrame(rows, columns=list(FRAME_COLUMNS), index=frame.index, dtype=object)
    return out.astype(_STRING)


def advise_bag(
    bag: Any,
    now: datetime | str,
    plan: PlanLike = None,
    rules: RuleBook | str | Path | None = None,
) -> Any:
    """A ``dask.bag.Bag`` of advice records for a bag of ``(athlete_id, history)`` pairs.

    ``history`` is a JSON-like dict, a ``History`` or JSON text; see the module documentation
    for the record. Lazy, like every bag operation: call ``.compute()`` or write it out.
    """
    _require("advise_bag()")
    payload = _job_payload(_job(now, plan, rules))
    return bag.map_partitions(_bag_partition, payload)


def advise_frame(
    frame: Any,
    now: datetime | str,
    plan: PlanLike = None,
    rules: RuleBook | str | Path | None = None,
    *,
    id_column: str = "athlete_id",
    history_column: str = "history",
) -> Any:
    """A ``dask.dataframe.DataFrame`` of :data:`FRAME_COLUMNS` (all of dtype ``string``), one
    row per row of ``frame``, with ``frame``'s index and partitions.

    ``frame[history_column]`` holds each athlete's history as JSON text (or JSON-like dicts);
    ``frame[id_column]`` the athlete's id, as text in ``athlete_id``. Raises
    :class:`~recovery_advisor.errors.HistoryError` (path ``columns``) naming a missing column
    and the columns the frame has.
    """
    _require("advise_frame()")
    import pandas as pd

    _check_columns(
        "advise_frame()", list(frame.columns), id_column=id_column, history_column=history_column
    )
    payload = _job_payload(_job(now, plan, rules))
    # string columns, not object ones: dask fills an empty object column of the meta with
    # object() when it infers a Parquet schema, and to_parquet then fails
    meta = pd.DataFrame({c: pd.Series([], dtype=_STRING) for c in FRAME_COLUMNS})
    return frame.map_partitions(
        _frame_partition, payload, id_column, history_column, meta=meta, align_dataframes=False
    )
