"""The tables `kiebitz batch` writes: the export tables of `kiebitz.tables`, plus errors and records.

`errors` has one row per document that could not be analysed (and why); `records` holds each
article's full kiebitz.article/1 record as JSON, so `kiebitz import` can rebuild the store
losslessly (the export tables leave out entities and cleaning notes).
"""

from __future__ import annotations

from typing import Any

from ..tables import COLUMNS, TABLES, arrow_schema

EXTRA_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "errors": [
        ("origin", "string"), ("source", "string"), ("line", "int32"), ("shard", "string"),
        ("error", "string"), ("component", "string"), ("message", "string"),
    ],
    "records": [("id", "string"), ("record", "string")],
}

ALL_TABLES: tuple[str, ...] = (*TABLES, *EXTRA_COLUMNS)


def columns(table: str) -> list[tuple[str, str]]:
    """The (name, type) columns of any table `kiebitz batch` writes."""
    return COLUMNS[table] if table in COLUMNS else EXTRA_COLUMNS[table]


def schema(table: str) -> Any:
    """The pyarrow schema of any table `kiebitz batch` writes."""
    if table in COLUMNS:
        return arrow_schema(table)
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32()}
    return pa.schema([pa.field(name, types[t]) for name, t in EXTRA_COLUMNS[table]])
