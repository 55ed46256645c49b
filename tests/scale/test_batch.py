"""`kiebitz batch` with the local engine: the same rows as the pipeline, errors, restarts, fsspec input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kiebitz.errors import KiebitzError
from kiebitz.ingest.readers import read_paths
from kiebitz.ingest.warc import read_warc
from kiebitz.pipeline import Pipeline
from kiebitz.scale.engines import run_batch
from kiebitz.tables import article_rows

from .conftest import TABLES, manifest_shards, read_output

CHEAP = {"pipeline": ["outlet", "language"]}


def test_rows_are_the_pipelines_rows(sample_corpus: Path, local_rows: dict[str, list[dict[str, Any]]]) -> None:
    files = sorted(p for p in sample_corpus.iterdir() if p.suffix != ".gz" and p.name != "README.md")
    docs = [*read_paths(files), *read_warc(sample_corpus / "crawl.warc.gz")]
    expected: dict[str, list[dict[str, Any]]] = {t: [] for t in ("articles", "actors", "statements", "events")}
    seen = set()
    for item in Pipeline().process(docs):
        assert not isinstance(item, KiebitzError), item
        if item.id in seen:
            continue
        seen.add(item.id)
        for table, rows in article_rows(item).items():
            expected[table].extend(rows)
    assert len(expected["articles"]) == 12  # 10 examples and 2 WARC pages (the logo is not an article)
    for table, rows in expected.items():
        assert sorted(local_rows[table], key=lambda r: r["id"]) == sorted(rows, key=lambda r: r["id"]), table
    assert local_rows["statements"] and local_rows["events"]
    assert local_rows["errors"] == []
    urls = {r["source_url"] for r in local_rows["articles"]}
    assert "https://news.example.org/en/aid" in urls


def test_layout_partitions_by_shard(local_output: Path) -> None:
    shards = manifest_shards(local_output)
    assert shards == ["part-00000", "part-00001", "part-00002"]
    for table in TABLES:
        assert sorted(p.name for p in (local_output / table).iterdir()) == [f"{s}.parquet" for s in shards]
    assert sorted(p.stem for p in (local_output / "_done").iterdir()) == shards
    ids = [r["id"] for r in read_output(local_output)["records"]]
    assert ids == [json.loads(r["record"])["id"] for r in read_output(local_output)["records"]]


@pytest.fixture(scope="session")
def cheap_output(sample_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus through outlet and language only (fast), one worker."""
    out = tmp_path_factory.mktemp("batch") / "cheap"
    summary = run_batch([str(sample_corpus)], str(out), shard_size=4, options=CHEAP)
    assert (summary.shards, summary.done, summary.skipped, summary.articles) == (3, 3, 0, 12)
    return out


def test_two_local_workers_write_the_same_rows(sample_corpus: Path, tmp_path: Path, cheap_output: Path) -> None:
    two = run_batch([str(sample_corpus)], str(tmp_path / "two"), workers=2, shard_size=4, options=CHEAP)
    assert (two.shards, two.done, two.articles) == (3, 3, 12)
    assert read_output(tmp_path / "two") == read_output(cheap_output)


def test_restart_skips_finished_shards(sample_corpus: Path, tmp_path: Path, cheap_output: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(cheap_output, out)
    # A job stopped while writing part-00001: its marker is missing (and one partition is half there).
    (out / "_done" / "part-00001.json").unlink()
    (out / "events" / "part-00001.parquet").unlink()
    kept = (out / "articles" / "part-00000.parquet").stat().st_mtime_ns
    again = run_batch([str(sample_corpus)], str(out), shard_size=4, options=CHEAP)
    assert (again.shards, again.done, again.skipped) == (3, 1, 2)
    assert (out / "articles" / "part-00000.parquet").stat().st_mtime_ns == kept
    assert read_output(out) == read_output(cheap_output)
    done = run_batch([str(sample_corpus)], str(out), shard_size=4, options=CHEAP)
    assert (done.done, done.skipped) == (0, 3)


def test_other_job_in_same_folder_is_refused(sample_corpus: Path, tmp_path: Path) -> None:
    run_batch([str(sample_corpus / "mixed.jsonl")], str(tmp_path), shard_size=4, options=CHEAP)
    with pytest.raises(KiebitzError, match="another job"):
        run_batch([str(sample_corpus / "mixed.jsonl")], str(tmp_path), shard_size=2, options=CHEAP)


def test_errors_table_and_the_job_goes_on(tmp_path: Path) -> None:
    texts = ["Die Regierung in Berlin sagte am Montag, sie prüfe neue Hilfen.",
             "KIEBITZ-RAISE Die Opposition kritisierte den Haushalt scharf.",
             "KIEBITZ-HANG Der Minister sagte, die Lage sei ernst.",
             "The government in London said on Monday that it would review the aid.",
             "KIEBITZ-CRASH The opposition criticised the budget.",
             "Die Polizei in Wien meldete am Dienstag mehrere Festnahmen."]
    lines = [json.dumps({"text": t, "title": f"Meldung {i}"}) for i, t in enumerate(texts)]
    lines.insert(3, "{broken json")
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = {"pipeline": ["outlet", "language", "scale_test_trouble"], "plugins": ["tests.scale.hooks"]}
    summary = run_batch([str(path)], str(tmp_path / "out"), shard_size=3, time_limit=3, options=options)
    rows = read_output(tmp_path / "out")
    errors = {(r["line"], r["error"]): r for r in rows["errors"]}
    assert set(errors) == {(2, "PipelineError"), (3, "TimeLimit"), (4, "InputError"), (6, "WorkerCrash")}
    assert errors[(2, "PipelineError")]["component"] == "scale_test_trouble"
    assert "this document breaks the component" in errors[(2, "PipelineError")]["message"]
    assert "time limit of 3 s" in errors[(3, "TimeLimit")]["message"]
    assert "broken JSON" in errors[(4, "InputError")]["message"]
    assert all(r["source"] == str(path) and r["origin"].startswith(str(path)) for r in rows["errors"])
    # The documents after the hang and the crash were analysed all the same.
    assert sorted(r["title"] for r in rows["articles"]) == ["Meldung 0", "Meldung 3", "Meldung 5"]
    assert (summary.articles, summary.errors) == (3, 4)


def test_fsspec_memory_input_and_output(sample_corpus: Path) -> None:
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/kiebitz-in/a/news.jsonl", (sample_corpus / "mixed.jsonl").read_bytes())
    fs.pipe("/kiebitz-in/a/sudan.txt", (sample_corpus / "de-hilfe-sudan.txt").read_bytes())
    fs.pipe("/kiebitz-in/a/.hidden.txt", b"not an article")
    summary = run_batch(["memory://kiebitz-in/a"], "memory://kiebitz-out", shard_size=2, options=CHEAP)
    rows = read_output("memory://kiebitz-out")
    assert summary.articles == len(rows["articles"]) == 4
    paths = {r["source_path"] for r in rows["articles"]}
    assert paths == {"memory://kiebitz-in/a/news.jsonl", "memory://kiebitz-in/a/sudan.txt"}
    assert fs.exists("/kiebitz-out/_done/part-00001.json")


def test_missing_inputs_are_errors(tmp_path: Path) -> None:
    run_batch([str(tmp_path / "nope.txt")], str(tmp_path / "out"), options=CHEAP)
    [row] = read_output(tmp_path / "out")["errors"]
    assert row["message"] == "no such file or directory" and row["origin"].endswith("nope.txt")
