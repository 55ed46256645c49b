"""Scale-out: the same pipeline over large inputs on a local loop, Ray Data or Spark.

`run_batch` (kiebitz.scale.engines) lists inputs into shards and writes Parquet partitions per
table (the export tables of `kiebitz.tables`, plus errors and records); `import_output`
(kiebitz.scale.importer) loads such output into a store. The pipeline knows no engine: the
engines are adapters around `ShardProcessor` (kiebitz.scale.batch).
"""

from __future__ import annotations

import importlib
from typing import Any

# Imported on first use: the document process (`python -m kiebitz.scale.child`) imports this package.
_EXPORTS = {
    "run_batch": "engines", "ENGINES": "engines", "Summary": "engines",
    "ShardProcessor": "batch", "DocumentRunner": "batch", "process_records": "batch",
    "import_output": "importer", "ImportSummary": "importer",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
