"""Advice for millions of athletes on Spark (``pip install 'recovery-advisor[spark]'``).

:func:`advise_spark` maps a Spark DataFrame with an id column and a column of history JSON text
to a DataFrame of :data:`FRAME_COLUMNS`, every one a string: ``athlete_id`` (the id as text),
``advice`` (the advice as JSON text, ``null`` on error), ``error_type``, ``error_path``,
``error_message`` (``null`` on success; the message is ``str(e)``, path included), exactly the
columns of :func:`recovery_advisor.dask.advise_frame`.

A history is advised exactly as :func:`recovery_advisor.advise` would (the code path of
:func:`recovery_advisor.advise_many`); one that cannot be advised (text that is not JSON, wrong
types, future workouts, ``null``) becomes an error row, never a failed task. ``now`` is
required: a nightly batch advises every athlete for the same moment. The plan and rule book are
checked once, on the driver (a bad ``plan`` or rule folder raises there, before any Spark job),
and unpickled once per Python worker process, so each worker compiles its engine once (Spark
reuses its Python workers by default, ``spark.python.worker.reuse``).

It runs through ``DataFrame.mapInPandas``, so the workers need pandas and pyarrow, and must run
the Python that has recovery-advisor installed: set ``PYSPARK_PYTHON`` (for a local session,
``os.environ["PYSPARK_PYTHON"] = sys.executable`` before building it).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
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
)
from recovery_advisor.errors import HistoryError, MissingDependencyError
from recovery_advisor.rulebook import RuleBook

__all__ = ["FRAME_COLUMNS", "advise_spark"]

#: The Spark type names a history column may have: JSON text, or its UTF-8 bytes.
_HISTORY_TYPES = ("string", "binary")


def _require(feature: str) -> None:
    try:
        import pyspark.sql  # noqa: F401
    except ImportError:
        raise MissingDependencyError(feature, "pyspark", "spark") from None
    for package in ("pandas", "pyarrow"):  # mapInPandas needs both, on the driver and workers
        try:
            __import__(package)
        except ImportError:
            raise MissingDependencyError(feature, package, "spark") from None


def _quoted(column: str) -> str:
    """A column name as Spark reads it literally (a dot in a name is not a struct field)."""
    return "`" + column.replace("`", "``") + "`"


def _partitions(batches: Iterator[Any], payload: bytes) -> Iterator[Any]:
    """The function ``mapInPandas`` runs on the workers: pandas frames of ``athlete_id`` and
    ``history`` in, frames of :data:`FRAME_COLUMNS` out."""
    import pandas as pd

    job = _job_from(payload)  # cached: once per worker process, not per partition
    for batch in batches:
        rows = [
            _frame_row(job, athlete_id, history)
            for athlete_id, history in zip(batch["athlete_id"], batch["history"], strict=True)
        ]
        yield pd.DataFrame(rows, columns=list(FRAME_COLUMNS), dtype=object)


def advise_spark(
    df: Any,
    now: datetime | str,
    plan: PlanLike = None,
    rules: RuleBook | str | Path | None = None,
    *,
    id_column: str = "athlete_id",
    history_column: str = "history",
) -> Any:
    """A ``pyspark.sql.DataFrame`` of :data:`FRAME_COLUMNS` (all strings), one row per row of
    ``df``.

    ``df[history_column]`` holds each athlete's history as JSON text (a string or binary
    column); ``df[id_column]`` the athlete's id, cast to text in ``athlete_id``. Lazy, like
    every DataFrame operation: write it out or collect it. Raises :class:`HistoryError` (path
    ``columns``) when a column is missing or the history column is not text, and for a bad
    ``now`` or ``plan``; :class:`RuleFileError` for bad ``rules``.
    """
    _require("advise_spark()")
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    _check_columns(
        "advise_spark()", list(df.columns), id_column=id_column, history_column=history_column
    )
    kind = dict(df.dtypes)[history_column]
    if kind not in _HISTORY_TYPES:
        raise HistoryError(
            "columns",
            f"the column {history_column!r} (history_column of advise_spark()) is {kind}, "
            "not JSON text: make it a string column, e.g. with pyspark.sql.functions.to_json",
        )
    payload = _job_payload(_job(now, plan, rules))
    schema = StructType([StructField(c, StringType(), nullable=True) for c in FRAME_COLUMNS])
    pairs = df.select(
        F.col(_quoted(id_column)).cast("string").alias("athlete_id"),
        F.col(_quoted(history_column)).alias("history"),
    )
    return pairs.mapInPandas(functools.partial(_partitions, payload=payload), schema)
