"""The output folder: Parquet partitions per table, a marker per finished shard, the manifest.

Layout (`DIR` is a local path or an fsspec URL)::

    DIR/_manifest.jsonl             the job: a header line, then one line per shard (its spans)
    DIR/articles/part-00000.parquet one partition per table and shard (also actors, statements,
    DIR/errors/part-00000.parquet   events, errors, records); empty tables get empty partitions
    DIR/_done/part-00000.json       written last: the shard is finished (its row counts)

Each file is written to a hidden temporary name and renamed, so a stopped job leaves either a
whole partition or none, and a shard counts as finished only when its marker exists.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import KiebitzError
from .inputs import filesystem
from .schema import ALL_TABLES, schema

MANIFEST = "_manifest.jsonl"
DONE = "_done"
FORMAT = "kiebitz.batch/1"


class Output:
    """Writes and inspects one output folder."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.fs, self.root = filesystem(self.url)
        self.root = self.root.rstrip("/")

    def _path(self, *parts: str) -> str:
        return "/".join((self.root, *parts))

    def _write_atomic(self, path: str, write: Any) -> None:
        folder, name = path.rsplit("/", 1)
        self.fs.makedirs(folder, exist_ok=True)
        tmp = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
        try:
            write(tmp)
            self.fs.mv(tmp, path)
        finally:
            if self.fs.exists(tmp):
                self.fs.rm(tmp)

    def _write_text(self, path: str, text: str) -> None:
        def write(tmp: str) -> None:
            with self.fs.open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)

        self._write_atomic(path, write)

    # -- shards ----------------------------------------------------------------------------

    def is_done(self, shard: str) -> bool:
        return self.fs.exists(self._path(DONE, f"{shard}.json"))

    def done(self) -> set[str]:
        """The names of the finished shards."""
        folder = self._path(DONE)
        if not self.fs.exists(folder):
            return set()
        return {p.rsplit("/", 1)[-1].removesuffix(".json") for p in self.fs.ls(folder, detail=False)
                if p.endswith(".json") and not p.rsplit("/", 1)[-1].startswith(".")}

    def write_shard(self, shard: str, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Write every table's partition of a shard, then its marker."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        for table in ALL_TABLES:
            data = pa.Table.from_pylist(rows.get(table, []), schema=schema(table))

            def write(tmp: str, data: Any = data) -> None:
                with self.fs.open(tmp, "wb") as fh:
                    pq.write_table(data, fh)

            self._write_atomic(self._path(table, f"{shard}.parquet"), write)
        counts = {table: len(rows.get(table, [])) for table in ALL_TABLES}
        self._write_text(self._path(DONE, f"{shard}.json"), json.dumps(counts))

    # -- the manifest ------------------------------------------------------------------------

    def manifest(self, header: dict[str, Any], shards: Iterable[dict[str, Any]]) -> int:
        """Write the manifest unless the same job's exists; the number of shards.

        A folder holding another job's output (other inputs or options) is refused rather than mixed.
        """
        path = self._path(MANIFEST)
        header = {"format": FORMAT, **header}
        if self.fs.exists(path):
            with self.fs.open(path, "r", encoding="utf-8") as fh:
                old = json.loads(fh.readline())
                count = sum(1 for line in fh if line.strip())
            if old != header:
                raise KiebitzError(
                    f"{self.url} holds the output of another job (inputs or options differ): "
                    "use a new --out folder"
                )
            return count
        count = 0

        def write(tmp: str) -> None:
            nonlocal count
            with self.fs.open(tmp, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(header, ensure_ascii=False) + "\n")
                for shard in shards:
                    fh.write(json.dumps(shard, ensure_ascii=False) + "\n")
                    count += 1

        self.fs.makedirs(self.root, exist_ok=True)
        self._write_atomic(path, write)
        return count

    def manifest_path(self) -> str:
        return self._path(MANIFEST)

    def shard_lines(self) -> Iterator[str]:
        """The manifest's shard lines (JSON), streamed."""
        with self.fs.open(self._path(MANIFEST), "r", encoding="utf-8") as fh:
            fh.readline()
            for line in fh:
                if line.strip():
                    yield line.rstrip("\n")

    def partitions(self, table: str) -> list[str]:
        """The finished partitions of a table, sorted (as URLs openable with fsspec)."""
        done = self.done()
        folder = self._path(table)
        if not self.fs.exists(folder):
            return []
        names = sorted(p.rsplit("/", 1)[-1] for p in self.fs.ls(folder, detail=False))
        return [f"{self.url}/{table}/{n}" for n in names
                if n.endswith(".parquet") and not n.startswith(".") and n.removesuffix(".parquet") in done]
