"""The embedded store (SQLite, WAL, FTS5): articles and what was extracted from them."""

from __future__ import annotations

from .db import SearchHit, StatementHit, Store
from .ingest import IngestSummary, Outcome, ingest, ingest_documents

__all__ = ["IngestSummary", "Outcome", "SearchHit", "StatementHit", "Store", "ingest", "ingest_documents"]
