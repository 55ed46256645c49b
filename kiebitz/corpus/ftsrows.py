"""Rows written last in a transaction: the duplicate index's signatures (in bulk) and full-text rows.

FTS5 flushes its pending index at every statement savepoint, so full-text rows go in last; the
signatures go in once per transaction too, while lookups in the same transaction see them (and
their LSH band keys, which are not stored: kiebitz.corpus.lsh) in memory (`FtsRows.dedup`).
"""

from __future__ import annotations

import sqlite3

# Rows by table, written together by `write_fts` in this order (see FtsRows): the duplicate index
# first (a REPLACE after an FTS insert would flush the FTS index), full-text rows last.
FTS_SQL = {
    "corpus_minhash": "INSERT OR REPLACE INTO corpus_minhash (doc, exact, sig) VALUES (?, ?, ?)",
    "articles_fts": "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
    "statements_fts": "INSERT INTO statements_fts (rowid, text) VALUES (?, ?)",
    "corpus_statements_stem": "INSERT INTO corpus_statements_stem (rowid, text) VALUES (?, ?)",
}


class FtsRows(dict):
    """Rows collected for the end of a transaction: table -> [row, ...].

    FTS5 flushes its pending index to disk whenever SQLite opens a statement savepoint (any
    REPLACE or foreign-key-checked write after an FTS insert in the same transaction), so the
    full-text rows of an article or a batch go in last, all at once. The duplicate index's rows
    wait here too; `dedup` holds them for lookups until then (a kiebitz.corpus.dedup.MemoryIndex,
    set by the indexer).
    """

    def __init__(self) -> None:
        super().__init__()
        self.dedup: object | None = None
        # Running totals of the transaction (kiebitz.corpus.indexer.Totals), written with the rows.
        self.totals: object | None = None

    def add(self, table: str, row: tuple) -> None:
        self.setdefault(table, []).append(row)

    def extend(self, table: str, rows: list[tuple]) -> None:
        self.setdefault(table, []).extend(rows)

    def clear(self) -> None:
        super().clear()
        self.dedup = None
        self.totals = None


def write_fts(conn: sqlite3.Connection, fts: FtsRows) -> None:
    """Insert the collected rows (and forget them): totals and duplicate index first, full text last."""
    if fts.totals is not None:
        fts.totals.write(conn)  # type: ignore[attr-defined]
    for table in FTS_SQL:
        rows = fts.get(table)
        if rows:
            conn.executemany(FTS_SQL[table], rows)
    fts.clear()
