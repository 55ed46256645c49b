"""Engines: small adapters that run `ShardProcessor` over the manifest's shards.

The driver lists the inputs into a manifest of shards (once; a restarted job reuses it), then an
engine hands pending shards to workers. Each worker builds one `ShardProcessor` (the models load
once per worker) and writes its shards' partitions itself, so the output does not depend on how
the engine schedules: `local` (a loop, or processes with --workers), `ray` (Ray Data
`map_batches` with the callable class), `spark` (`mapInPandas`).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..errors import OptionalDependencyError
from .batch import DEFAULT_TIME_LIMIT, ShardProcessor
from .inputs import iter_shards
from .output import Output

ENGINES = ("local", "ray", "spark")
DEFAULT_SHARD_SIZE = 200


@dataclass
class Summary:
    """What a batch run did."""

    shards: int = 0
    done: int = 0
    skipped: int = 0
    articles: int = 0
    errors: int = 0
    seconds: float = 0.0
    statuses: list[dict[str, Any]] = field(default_factory=list, repr=False)

    def add(self, status: dict[str, Any]) -> None:
        if status["status"] == "skipped":
            self.skipped += 1
        else:
            self.done += 1
            self.articles += int(status["articles"])
            self.errors += int(status["errors"])

    def line(self) -> str:
        return (f"{self.shards} shards: {self.done} processed, {self.skipped} already done; "
                f"{self.articles} articles, {self.errors} errors in {self.seconds:.1f} s")


@dataclass(frozen=True)
class Job:
    """Everything a worker needs, all serialisable."""

    out: str
    options: dict[str, Any]
    time_limit: float = DEFAULT_TIME_LIMIT


def run_batch(
    inputs: list[str],
    out: str,
    *,
    engine: str = "local",
    workers: int = 1,
    address: str | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    time_limit: float = DEFAULT_TIME_LIMIT,
    options: dict[str, Any] | None = None,
) -> Summary:
    """List `inputs` into shards and process the unfinished ones on `engine`; the summary."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    runner = _ENGINE_RUNNERS[engine]  # fail early on a missing extra, before listing the input
    _check(engine)
    started = time.monotonic()
    output = Output(out)
    # The options that change the rows are part of the job: a restart with other ones is refused.
    options = dict(options or {})
    header = {"inputs": list(inputs), "shard_size": shard_size, "options": options}
    summary = Summary(shards=output.manifest(header, iter_shards(inputs, shard_size)))
    finished = output.done()
    pending = (line for line in output.shard_lines() if json.loads(line)["shard"] not in finished)
    summary.skipped = len(finished)
    job = Job(out, options, time_limit)
    for status in runner(job, pending, max(1, workers), address):
        summary.add(status)
    summary.seconds = time.monotonic() - started
    return summary


def _check(engine: str) -> None:
    """Raise OptionalDependencyError naming the extra if the engine's packages are missing."""
    needs = {"local": ("pyarrow", "fsspec"), "ray": ("ray", "pyarrow", "fsspec"),
             "spark": ("pyspark", "pandas", "pyarrow", "fsspec")}[engine]
    import importlib.util

    for module in needs:
        if importlib.util.find_spec(module) is None:
            extra = {"local": "corpus", "ray": "ray", "spark": "spark"}[engine]
            raise OptionalDependencyError(f"kiebitz batch --engine {engine}", extra)


# -- local ---------------------------------------------------------------------------------------

_PROCESSOR: ShardProcessor | None = None


def _init_worker(job: Job) -> None:
    global _PROCESSOR
    _PROCESSOR = ShardProcessor(job.out, job.options, job.time_limit)


def _process_line(line: str) -> dict[str, Any]:
    assert _PROCESSOR is not None
    return _PROCESSOR.process(json.loads(line))


def _run_local(job: Job, pending: Iterator[str], workers: int, address: str | None) -> Iterator[dict[str, Any]]:
    if workers == 1:
        processor = ShardProcessor(job.out, job.options, job.time_limit)
        try:
            for line in pending:
                yield processor.process(json.loads(line))
        finally:
            processor.runner.close()
        return
    import multiprocessing

    # Spawned (not forked) workers: the driver may hold threads and open files.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(job,)) as pool:
        # A bounded window of submitted shards keeps the driver's memory flat.
        window: list[Any] = []
        for line in pending:
            window.append(pool.submit(_process_line, line))
            if len(window) >= 2 * workers:
                yield window.pop(0).result()
        for future in window:
            yield future.result()


# -- Ray -----------------------------------------------------------------------------------------

def _run_ray(job: Job, pending: Iterator[str], workers: int, address: str | None) -> Iterator[dict[str, Any]]:
    import ray

    lines = list(pending)  # one short line per shard; the documents stay in the input files
    if not lines:
        return
    started_here = not ray.is_initialized()
    if started_here:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ds = ray.data.from_items(lines, override_num_blocks=min(len(lines), workers * 4))
        results = ds.map_batches(
            ShardProcessor,
            fn_constructor_kwargs={"out": job.out, "options": job.options, "time_limit": job.time_limit},
            batch_size=1,
            # a fixed pool of `workers` actors; `concurrency=` is deprecated since Ray 2.51
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
        )
        for row in results.iter_rows():
            yield {k: row[k] for k in ("shard", "status", "articles", "errors")}
    finally:
        if started_here:
            ray.shutdown()


# -- Spark ---------------------------------------------------------------------------------------

_SPARK_PROCESSORS: dict[str, ShardProcessor] = {}


def _spark_partition(job_json: str) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The mapInPandas function; Spark reuses Python workers, so the processor is cached per job."""

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        job = Job(**json.loads(job_json))
        processor = _SPARK_PROCESSORS.get(job_json)
        if processor is None:
            processor = _SPARK_PROCESSORS[job_json] = ShardProcessor(job.out, job.options, job.time_limit)
        for frame in frames:
            results = [processor.process(json.loads(line)) for line in frame["item"]]
            yield pd.DataFrame(results, columns=["shard", "status", "articles", "errors"])

    return run


def _run_spark(job: Job, pending: Iterator[str], workers: int, address: str | None) -> Iterator[dict[str, Any]]:
    from pyspark.sql import SparkSession

    lines = list(pending)
    if not lines:
        return
    builder = SparkSession.builder.appName("kiebitz-batch").master(address or f"local[{workers}]")
    for key, value in (("spark.ui.enabled", "false"), ("spark.ui.showConsoleProgress", "false"),
                       ("spark.sql.execution.arrow.pyspark.enabled", "true")):
        builder = builder.config(key, value)
    os.environ.setdefault("PYSPARK_PYTHON", _python())
    started_here = SparkSession.getActiveSession() is None
    spark = builder.getOrCreate()
    try:
        frame = spark.createDataFrame([(line,) for line in lines], "item string")
        frame = frame.repartition(min(len(lines), workers * 4))
        job_json = json.dumps({"out": job.out, "options": job.options, "time_limit": job.time_limit})
        schema = "shard string, status string, articles long, errors long"
        # collect(), not toLocalIterator(): the latter runs one job per partition, one after another.
        for row in frame.mapInPandas(_spark_partition(job_json), schema).collect():
            yield row.asDict()
    finally:
        if started_here:
            spark.stop()


def _python() -> str:
    import sys

    return sys.executable


_ENGINE_RUNNERS = {"local": _run_local, "ray": _run_ray, "spark": _run_spark}
