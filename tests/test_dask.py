"""recovery_advisor.dask on a real dask.distributed LocalCluster (2 worker processes)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

# the [test] extra installs dask: a missing dask fails these tests, it does not skip them
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from dask import distributed

import recovery_advisor as ra
from distributed_cases import BAD, NOW, synthetic_athletes
from recovery_advisor.dask import FRAME_COLUMNS, advise_bag, advise_frame


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def athletes() -> list[tuple[str, dict[str, Any]]]:
    return synthetic_athletes()


def _expected(history: Any, plan: str | None = None) -> dict[str, Any]:
    return ra.advise(history, now=NOW, plan=plan).to_dict()


def test_bag_gives_the_advice_of_advise_for_every_athlete(client: Any, athletes: list[Any]) -> None:
    """500 athletes advised on two workers get exactly advise()'s answer, in input order."""
    bag = db.from_sequence(athletes, npartitions=8)
    records = advise_bag(bag, now=NOW, plan="legs-and-back").compute()
    assert [r["athlete_id"] for r in records] == [a for a, _ in athletes]
    for (athlete_id, history), record in zip(athletes, records, strict=True):
        assert record["error"] is None, athlete_id
        assert record["advice"] == _expected(history, "legs-and-back"), athlete_id
    pids = client.run(lambda: __import__("os").getpid())
    assert len(set(pids.values())) == 2  # really two worker processes


def test_bad_histories_become_error_rows_and_the_job_goes_on(
    client: Any, athletes: list[Any]
) -> None:
    """Bad JSON, wrong types, future dates and null give error rows; their neighbours advice."""
    pairs: list[tuple[str, Any]] = []
    for k, (name, (history, _, _)) in enumerate(BAD.items()):
        pairs.append(athletes[k])
        pairs.append((name, history))
    records = advise_bag(db.from_sequence(pairs, npartitions=3), now=NOW).compute()
    assert [r["athlete_id"] for r in records] == [a for a, _ in pairs]
    for (athlete_id, history), record in zip(pairs, records, strict=True):
        if athlete_id in BAD:
            _, kind, path = BAD[athlete_id]
            assert record["advice"] is None
            assert record["error"]["type"] == kind, record
            assert record["error"]["path"] == path, record
            assert record["error"]["message"]
        else:
            assert record["error"] is None
            assert record["advice"] == _expected(history)


@pytest.mark.filterwarnings("ignore:Sending large graph:UserWarning")
def test_frame_of_json_text_gives_advice_json_and_error_columns(
    client: Any, athletes: list[Any]
) -> None:
    """A DataFrame of history JSON gives a frame of FRAME_COLUMNS, same index, advice as JSON."""
    rows = [(a, json.dumps(h)) for a, h in athletes] + [
        (name, h if h is None or isinstance(h, str) else json.dumps(h))
        for name, (h, _, _) in BAD.items()
    ]
    pdf = pd.DataFrame(rows, columns=["athlete_id", "history"])
    frame = dd.from_pandas(pdf, npartitions=6)
    out = advise_frame(frame, now=NOW).compute()
    assert tuple(out.columns) == FRAME_COLUMNS
    assert all(isinstance(t, pd.StringDtype) for t in out.dtypes)
    assert list(out.index) == list(pdf.index)
    assert list(out["athlete_id"]) == list(pdf["athlete_id"])
    by_id = out.set_index("athlete_id")
    for athlete_id, history in athletes:
        row = by_id.loc[athlete_id]
        assert pd.isna(row["error_type"])
        assert json.loads(row["advice"]) == _expected(history)
    for name, (_, kind, path) in BAD.items():
        row = by_id.loc[name]
        assert pd.isna(row["advice"])
        assert (row["error_type"], row["error_path"]) == (kind, path)
    # a null history is reported as one (pandas 3 reads it as NaN), with advise_many's message
    for name, (history, _, _) in BAD.items():
        [result] = ra.advise_many([history], now=NOW, processes=1)
        assert result.error is not None
        assert by_id.loc[name]["error_message"] == result.error.message, name


def test_bad_plan_or_rules_fail_on_the_client_before_any_work() -> None:
    """A plan that does not exist concerns the whole batch: it raises at once, naming it."""
    bag = db.from_sequence([("a", {})])
    with pytest.raises(ra.HistoryError, match="no plan named 'legs-and-bak'"):
        advise_bag(bag, now=NOW, plan="legs-and-bak")
    with pytest.raises(ra.HistoryError, match=r"^now"):
        advise_bag(bag, now="yesterday")


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """With dask missing, advise_bag() raises MissingDependencyError naming the [dask] extra."""
    monkeypatch.setitem(sys.modules, "dask.bag", None)  # makes `import dask.bag` fail
    with pytest.raises(ra.MissingDependencyError, match=r"recovery-advisor\[dask\]"):
        advise_bag([], now=NOW)


def test_a_missing_column_is_a_library_error_naming_it_and_the_columns_present() -> None:
    """A frame without the history column raises HistoryError (not KeyError) naming the column,
    the argument and the columns the frame has."""
    frame = dd.from_pandas(pd.DataFrame({"athlete_id": ["a"], "hist": ["{}"]}), npartitions=1)
    with pytest.raises(ra.HistoryError) as caught:
        advise_frame(frame, now=NOW)
    assert isinstance(caught.value, ra.RecoveryAdvisorError)
    assert not isinstance(caught.value, KeyError)
    assert str(caught.value) == (
        "columns: the frame has no column 'history' (history_column of advise_frame()); "
        "its columns: 'athlete_id', 'hist'"
    )
    with pytest.raises(ra.HistoryError, match=r"no column 'id' \(id_column of advise_frame"):
        advise_frame(frame, now=NOW, id_column="id", history_column="hist")


def test_the_frame_of_advice_writes_to_parquet_as_string_columns(
    client: Any, athletes: list[Any], tmp_path: Any
) -> None:
    """advise_frame's result (advice and error rows) writes to Parquet and reads back as is:
    its columns are strings, not objects Dask cannot infer a schema for."""
    rows = [(a, json.dumps(h)) for a, h in athletes[:4]] + [("bad-json", BAD["bad-json"][0])]
    frame = dd.from_pandas(pd.DataFrame(rows, columns=["athlete_id", "history"]), npartitions=2)
    advise_frame(frame, now=NOW).to_parquet(tmp_path / "advice", write_index=False)
    back = pd.read_parquet(tmp_path / "advice")
    assert list(back.columns) == list(FRAME_COLUMNS)
    assert list(back["athlete_id"]) == [a for a, _ in rows]
    assert json.loads(back["advice"][0]) == _expected(athletes[0][1])
    assert back["error_type"].isna().tolist() == [True] * 4 + [False]
