"""Ray Data and Spark in local mode write exactly the rows of the local engine (ids included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiebitz.scale.engines import run_batch

from .conftest import need, read_output

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ray_session() -> Any:
    """One local Ray runtime with 2 CPUs for the module (Ray starts slowly)."""
    need("ray")
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def spark_session() -> Any:
    """One local Spark session with 2 cores for the module (the JVM starts slowly)."""
    need("pyspark")
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("kiebitz-tests")
             .config("spark.ui.enabled", "false").getOrCreate())
    yield spark
    spark.stop()


def test_ray_writes_the_local_rows(ray_session: Any, sample_corpus: Path, tmp_path: Path,
                                   local_rows: dict[str, list[dict[str, Any]]]) -> None:
    summary = run_batch([str(sample_corpus)], str(tmp_path / "ray"), engine="ray", workers=2, shard_size=4)
    assert (summary.shards, summary.done, summary.articles, summary.errors) == (3, 3, 12, 0)
    assert read_output(tmp_path / "ray") == local_rows
    again = run_batch([str(sample_corpus)], str(tmp_path / "ray"), engine="ray", workers=2, shard_size=4)
    assert (again.done, again.skipped) == (0, 3)


def test_spark_writes_the_local_rows(spark_session: Any, sample_corpus: Path, tmp_path: Path,
                                     local_rows: dict[str, list[dict[str, Any]]]) -> None:
    summary = run_batch([str(sample_corpus)], str(tmp_path / "spark"), engine="spark", workers=2, shard_size=4)
    assert (summary.shards, summary.done, summary.articles, summary.errors) == (3, 3, 12, 0)
    assert read_output(tmp_path / "spark") == local_rows
