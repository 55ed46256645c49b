"""Full-text rows written last in a transaction (FTS5 flushes its pending index at every statement savepoint)."""

from __future__ import annotations

import sqlite3

# Full-text rows by table; written together by `write_fts` (see FtsRows).
FTS_SQL = {
    "articles_fts": "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
    "statements_fts": "INSERT INTO statements_fts (rowid, text) VALUES (?, ?)",
    "corpus_articles_stem": "INSERT INTO corpus_articles_stem (rowid, title, text) VALUES (?, ?, ?)",
    "corpus_statements_stem": "INSERT INTO corpus_statements_stem (rowid, text) VALUES (?, ?)",
}


class FtsRows(dict):
    """Full-text rows collected for the end of a transaction: table -> [row, ...].

    FTS5 flushes its pending index to disk whenever SQLite opens a statement savepoint (any
    REPLACE or foreign-key-checked write after an FTS insert in the same transaction), so the
    full-text rows of an article or a batch go in last, all at once.
    """

    def add(self, table: str, row: tuple) -> None:
        self.setdefault(table, []).append(row)


def write_fts(conn: sqlite3.Connection, fts: FtsRows) -> None:
    """Insert the collected full-text rows (and forget them)."""
    for table, rows in fts.items():
        conn.executemany(FTS_SQL[table], rows)
    fts.clear()
