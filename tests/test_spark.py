"""recovery_advisor.spark on a local SparkSession (``local[2]``: two Python worker processes).

Skipped, with the reason, only when pyspark is not installed (the main ``.venv`` installs the
``[spark]`` extra; the other Python versions of ``make other-pythons`` do not) or when ``java``
is not on PATH (``.ci/run`` installs a JRE when it can).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (the [spark] extra)")
if shutil.which("java") is None:
    pytest.skip("java is not on PATH: Spark needs a JRE", allow_module_level=True)

from pyspark.sql import SparkSession
from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

import recovery_advisor as ra
from distributed_cases import BAD, NOW, synthetic_athletes
from recovery_advisor.spark import FRAME_COLUMNS, advise_spark

# the [spark] extra keeps pandas below 3, which pyspark does not yet fully support: it would
# warn on every mapInPandas (a warning here is an error, so the pin is checked)
pytestmark = pytest.mark.filterwarnings("error:PySpark does not yet fully support:FutureWarning")


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    # the workers must run this Python (the one with recovery_advisor and its dependencies)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("recovery-advisor-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def athletes() -> list[tuple[str, dict[str, Any]]]:
    return synthetic_athletes()


def _expected(history: Any, plan: str | None = None) -> dict[str, Any]:
    return ra.advise(history, now=NOW, plan=plan).to_dict()


SCHEMA = StructType([StructField("athlete_id", StringType()), StructField("history", StringType())])


def test_every_athlete_gets_the_advice_of_advise(
    spark: SparkSession, athletes: list[tuple[str, dict[str, Any]]]
) -> None:
    """500 athletes of a column of history JSON, advised on two Python workers, each get exactly
    advise()'s answer as JSON, with no error columns, in a frame of FRAME_COLUMNS (strings)."""
    df = spark.createDataFrame([(a, json.dumps(h)) for a, h in athletes], SCHEMA).repartition(4)
    out = advise_spark(df, now=NOW, plan="legs-and-back")
    assert tuple(out.columns) == FRAME_COLUMNS
    assert {t for _, t in out.dtypes} == {"string"}
    rows = {r["athlete_id"]: r for r in out.collect()}
    assert sorted(rows) == [a for a, _ in athletes]
    for athlete_id, history in athletes:
        row = rows[athlete_id]
        assert (row["error_type"], row["error_path"], row["error_message"]) == (None,) * 3
        assert json.loads(row["advice"]) == _expected(history, "legs-and-back"), athlete_id


def _text(history: Any) -> str | None:
    return history if history is None or isinstance(history, str) else json.dumps(history)


def test_bad_histories_become_error_rows_and_the_job_goes_on(
    spark: SparkSession, athletes: list[tuple[str, dict[str, Any]]]
) -> None:
    """Text that is not JSON, wrong types, future workouts and null give error rows with the
    error's type, field path and message; the athletes beside them get their advice."""
    data: list[tuple[str, str | None]] = []
    for k, (name, (history, _, _)) in enumerate(BAD.items()):
        data.append((athletes[k][0], json.dumps(athletes[k][1])))
        data.append((name, _text(history)))
    out = advise_spark(spark.createDataFrame(data, SCHEMA).repartition(3), now=NOW)
    rows = {r["athlete_id"]: r for r in out.collect()}
    assert len(rows) == len(data)
    for k, (name, (history, kind, path)) in enumerate(BAD.items()):
        row = rows[name]
        assert row["advice"] is None
        assert (row["error_type"], row["error_path"]) == (kind, path), row
        # the message advise_many gives the same history (str(e), its path first)
        [result] = ra.advise_many([_text(history)], now=NOW, processes=1)  # type: ignore[list-item]
        assert result.error is not None
        assert row["error_message"] == result.error.message, row
        assert row["error_message"].startswith(f"{path}: " if path else ""), row
        good_id, good = athletes[k]
        assert rows[good_id]["error_type"] is None
        assert json.loads(rows[good_id]["advice"]) == _expected(good)


def test_ids_are_text_and_a_binary_history_column_is_read_as_utf8_json(
    spark: SparkSession, athletes: list[tuple[str, dict[str, Any]]]
) -> None:
    """Other column names are chosen with id_column/history_column; a numeric id comes back as
    text and a binary column of UTF-8 JSON is read like a string column."""
    schema = StructType([StructField("id", LongType()), StructField("doc", BinaryType())])
    data = [(k, bytearray(json.dumps(h).encode())) for k, (_, h) in enumerate(athletes[:6])]
    out = advise_spark(
        spark.createDataFrame(data, schema), NOW, id_column="id", history_column="doc"
    )
    rows = sorted(out.collect(), key=lambda r: int(r["athlete_id"]))
    assert [r["athlete_id"] for r in rows] == [str(k) for k in range(6)]
    for row, (_, history) in zip(rows, athletes[:6], strict=True):
        assert json.loads(row["advice"]) == _expected(history)


def test_bad_arguments_fail_on_the_driver_with_a_library_error(spark: SparkSession) -> None:
    """A plan that does not exist, a bad now, a missing column or a history column that is not
    text concern the whole batch: advise_spark raises at once (no Spark job), naming it."""
    df = spark.createDataFrame([("a", "{}")], SCHEMA)
    with pytest.raises(ra.HistoryError, match="no plan named 'legs-and-bak'"):
        advise_spark(df, now=NOW, plan="legs-and-bak")
    with pytest.raises(ra.HistoryError, match=r"^now"):
        advise_spark(df, now="yesterday")
    with pytest.raises(ra.HistoryError) as caught:
        advise_spark(df, now=NOW, history_column="hist")
    assert str(caught.value) == (
        "columns: the frame has no column 'hist' (history_column of advise_spark()); "
        "its columns: 'athlete_id', 'history'"
    )
    numbers = spark.createDataFrame([("a", 1)], "athlete_id string, history bigint")
    with pytest.raises(ra.HistoryError, match=r"'history' .* is bigint, not JSON text"):
        advise_spark(numbers, now=NOW)


def test_without_pyspark_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """With pyspark missing, advise_spark() raises MissingDependencyError naming [spark]."""
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # makes `import pyspark.sql` fail
    with pytest.raises(ra.MissingDependencyError, match=r"recovery-advisor\[spark\]"):
        advise_spark(None, now=NOW)
