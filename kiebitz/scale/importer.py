"""`kiebitz import DIR`: load the output of `kiebitz batch` into a store, idempotently.

Articles are rebuilt from the `records` table (the full kiebitz.article/1 record) and added one
transaction each; an article already stored is left as it is, so importing twice, or importing
overlapping batch outputs, changes nothing the second time. Only finished shards are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, OptionalDependencyError
from ..model import Article, from_dict
from .output import MANIFEST, Output
from .schema import columns as columns_of

BATCH_ROWS = 256


@dataclass
class ImportSummary:
    """What an import did."""

    added: int = 0
    existing: int = 0
    errors: int = 0  # rows of the errors table (documents the batch could not analyse)

    def line(self) -> str:
        return (f"{self.added} articles added, {self.existing} already stored; "
                f"{self.errors} documents had failed in the batch (see the errors table)")


def _rows(url: str, columns: list[str]) -> Iterator[dict[str, Any]]:
    """Rows of one Parquet partition, read in small batches (bounded memory)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise OptionalDependencyError("kiebitz import", "corpus") from None
    from .inputs import filesystem

    fs, path = filesystem(url)
    with fs.open(path, "rb") as fh:
        for batch in pq.ParquetFile(fh).iter_batches(batch_size=BATCH_ROWS, columns=columns):
            yield from batch.to_pylist()


def iter_articles(out: str) -> Iterator[Article]:
    """The articles of a batch output, partition by partition."""
    output = Output(out)
    if not output.fs.exists(output.manifest_path()):
        raise InputError(out, f"not the output of kiebitz batch (no {MANIFEST})")
    for url in output.partitions("records"):
        for row in _rows(url, ["record"]):
            yield from_dict(json.loads(row["record"]))


def import_output(out: str, store: Any) -> ImportSummary:
    """Add every article of a batch output to `store` (a kiebitz.store.Store)."""
    summary = ImportSummary()
    for article in iter_articles(out):
        if store.add(article):
            summary.added += 1
        else:
            summary.existing += 1
    for url in Output(out).partitions("errors"):
        summary.errors += sum(1 for _ in _rows(url, ["origin"]))
    return summary


def read_rows(out: str, table: str) -> list[dict[str, Any]]:
    """All rows of one table of a batch output, partition by partition (for tests and small outputs)."""
    columns = [name for name, _ in columns_of(table)]
    return [row for url in Output(out).partitions(table) for row in _rows(url, columns)]
