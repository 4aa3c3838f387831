"""Athletes per second of the batch paths: advise_many, Dask and Spark, with 1 and 2 workers.

Run from the repository root (needs the ``[dask]`` and ``[spark]`` extras and Java)::

    python benchmarks/bench_distributed.py                  # 2,000 athletes, a few minutes
    python benchmarks/bench_distributed.py --athletes 400   # rougher, quicker
    python benchmarks/bench_distributed.py --only dask      # one engine (advise_many, dask, spark)

Every athlete is a typical synthetic one (``recovery_advisor._synthetic``: 90 days, four
sessions a week, about 1,200 sets, 74 kB of history JSON), advised from its JSON text with the
``legs-and-back`` plan. The numbers printed for each engine and worker count:

* **startup**: what a batch pays before its first athlete. For Dask, starting a LocalCluster
  (worker processes, one thread each) and a first job of one athlete per worker (each worker
  compiles its engine); for Spark, building a local SparkSession (``local[1]``/``local[2]``) and
  the same first job. For ``advise_many`` the pool starts inside every call: its startup is the
  time of a call with one athlete per process.
* **athletes/s**: throughput once started. For Dask and Spark the histories are generated on the
  workers and kept there first (as when read from Parquet), then advised: every advice is made
  and serialised, then counted (Dask) or written to Spark's ``noop`` sink, so no advice travels
  back. For ``advise_many`` the histories are in the calling process and sent to the pool;
  ``(N - p) / (time of N - startup)``, the pool's start taken out.

The machine's other load counts: run it on an idle machine for numbers to size a cluster with.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import recovery_advisor as ra
from recovery_advisor._synthetic import synthetic_history

NOW = "2026-11-25T08:00:00"
PLAN = "legs-and-back"
PROFILE: dict[str, Any] = {"days": 90, "sessions_per_week": 4, "sets_per_exercise": 3}
PARTITIONS_PER_WORKER = 4


def history_text(k: int) -> str:
    return json.dumps(synthetic_history(k, now=NOW, **PROFILE))


def seconds(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def report(engine: str, workers: int, startup: float, n: int, run: float) -> None:
    rate = n / run
    print(
        f"{engine:<12} {workers:>7}  {startup:>9.1f} s  {rate:>10.1f}  {rate / workers:>16.1f}",
        flush=True,
    )


def bench_advise_many(n: int, workers: int) -> None:
    texts = [history_text(k) for k in range(n)]
    small = texts[:workers]
    startup = seconds(lambda: ra.advise_many(small, now=NOW, plan=PLAN, processes=workers))
    run = seconds(lambda: ra.advise_many(texts, now=NOW, plan=PLAN, processes=workers))
    report("advise_many", workers, startup, n - workers, max(run - startup, 1e-9))


def bench_dask(n: int, workers: int) -> None:
    import dask.bag as db
    import pandas as pd
    from dask import distributed

    from recovery_advisor.dask import advise_frame

    def frame(count: int, partitions: int) -> Any:
        pairs = db.range(count, npartitions=partitions).map(lambda k: (f"a{k}", history_text(k)))
        meta = pd.DataFrame({"athlete_id": pd.Series([], dtype=object), "history": []})
        return pairs.to_dataframe(meta=meta.astype(object))

    t0 = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as client:
        first = advise_frame(frame(workers, workers), now=NOW, plan=PLAN)
        first.map_partitions(len).compute()
        startup = time.perf_counter() - t0
        data = client.persist(frame(n, workers * PARTITIONS_PER_WORKER))
        distributed.wait(data)
        out = advise_frame(data, now=NOW, plan=PLAN)
        run = seconds(lambda: out.map_partitions(len).compute())
    cluster.close()
    report("dask", workers, startup, n, run)


def _generate(batches: Iterator[Any]) -> Iterator[Any]:
    import pandas as pd

    for batch in batches:
        ks = [int(k) for k in batch["id"]]
        yield pd.DataFrame({"athlete_id": [f"a{k}" for k in ks], "history": map(history_text, ks)})


def bench_spark(n: int, workers: int) -> None:
    from pyspark.sql import SparkSession

    from recovery_advisor.spark import advise_spark

    os.environ["PYSPARK_PYTHON"] = sys.executable
    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{workers}]")
        .appName("bench_distributed")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(workers))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    def frame(count: int, partitions: int) -> Any:
        schema = "athlete_id string, history string"
        return spark.range(count, numPartitions=partitions).mapInPandas(_generate, schema)

    advise_spark(frame(workers, workers), NOW, PLAN).write.format("noop").mode("overwrite").save()
    startup = time.perf_counter() - t0
    data = frame(n, workers * PARTITIONS_PER_WORKER).cache()
    data.count()
    out = advise_spark(data, NOW, PLAN)
    run = seconds(lambda: out.write.format("noop").mode("overwrite").save())
    spark.stop()
    report("spark", workers, startup, n, run)


ENGINES: dict[str, Callable[[int, int], None]] = {
    "advise_many": bench_advise_many,
    "dask": bench_dask,
    "spark": bench_spark,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--athletes", type=int, default=2000, help="athletes per run (2,000)")
    parser.add_argument("--only", choices=sorted(ENGINES), action="append", help="engine(s)")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # ENGINE:WORKERS, in a child process
    args = parser.parse_args(argv)
    if args.run:
        import warnings

        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas")
        warnings.filterwarnings("ignore", "Sending large graph")
        name, workers = args.run.split(":")
        ENGINES[name](args.athletes, int(workers))
        return
    print(
        f"{args.athletes:,} typical athletes (90 days, ~1,200 sets, JSON text), plan {PLAN}; "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f} at the start"
    )
    print(
        f"{'engine':<12} {'workers':>7}  {'startup':>11}  {'athletes/s':>10}  {'athletes/s/core':>16}"
    )
    for name in args.only or list(ENGINES):
        for workers in (1, 2):
            # each in a fresh process, so that every startup is a cold one (Spark's JVM too)
            command = [
                sys.executable,
                __file__,
                f"--athletes={args.athletes}",
                f"--run={name}:{workers}",
            ]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode:
                sys.exit(f"{name} with {workers} workers failed:\n{done.stderr}")
            print(done.stdout, end="", flush=True)


if __name__ == "__main__":
    main()
