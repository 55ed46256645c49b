"""The embedded store: one SQLite file in WAL mode, one transaction per article (or per batch of articles)."""

from __future__ import annotations

import gc
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from ..corpus.dedup import commit_bands
from ..corpus.indexer import Prepared, check_settings, index_article, new_bands
from ..corpus.queries import corpus_counts
from ..corpus.quote_index import QuoteIndex
from ..corpus.stories import KnownCodes
from ..errors import StoreError
from ..model import Article
from ..paths import default_db
from . import schema
from .query import to_fts
from .rows import FtsRows, insert_article, insert_items, load_article, write_fts

# SQLite page cache of a writer, and of a writer inside `Store.batch` (bulk ingest), in kB. SQLite
# takes pages as it reads them, so a small store never uses the larger amount.
CACHE_KB = 65536
BATCH_CACHE_KB = 1024 * 1024
# WAL pages after which a bulk ingest's commit copies them into the database file (SQLite's default:
# 1,000). A batch of 5,000 articles at 100,000 stored dirties ~20,000 pages, mostly the same index
# pages as the batch before; copying after every few batches copies each page once, not once per batch.
BATCH_CHECKPOINT_PAGES = 65536

# Snippet markers used inside SQL; swapped for the caller's markers afterwards, so that
# brackets or asterisks in the article text are never confused with highlighting.
_OPEN, _CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result."""

    id: str
    title: str | None
    published: str | None
    language: str | None
    outlet: str | None
    snippet: str
    score: float  # bm25: lower is better

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StatementHit:
    """One statement found by full-text search."""

    id: str
    article_id: str
    kind: str
    speaker: str | None
    text: str
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _origin(article: Article) -> str:
    return article.source.path or article.source.url or article.id


def _mark(snippet: str, highlight: tuple[str, str]) -> str:
    return snippet.replace(_OPEN, highlight[0]).replace(_CLOSE, highlight[1])


class Store:
    """Articles and everything extracted from them, in one SQLite file.

    Writers take one transaction per article (an interrupted ingest keeps every article it
    committed; a rerun skips them). WAL mode lets readers (the web page, `kiebitz search`)
    read while an ingest writes. ``readonly=True`` opens the file with SQLite's ``mode=ro``.
    """

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False) -> None:
        self.path = Path(path) if path is not None else default_db()
        self.readonly = readonly
        self._conn = self._open()
        self._batch: tuple[int, float] | None = None  # (max articles, max seconds) while batching
        self._fts = FtsRows()  # full-text rows of the open transaction, written just before COMMIT
        # Articles (with their prepared index data) in the open batch transaction, redone after a failure.
        self._added: list[tuple[Article, Prepared | None]] = []
        self._opened = 0.0  # when the open batch transaction began (time.monotonic)
        # Inside `batch`: what is alive after each commit is exempted from garbage collection (gc.freeze).
        self._freezing = False
        # Statement clusters by quote bigram, filled lazily: clustering reads only the candidates.
        self._quotes = QuoteIndex()
        # Event cluster code rows known to be stored (cleared whenever a transaction rolls back).
        self._codes = KnownCodes()
        # LSH band keys of the stored signatures, in memory, read from the store when first needed.
        self._bands = None if readonly else new_bands()

    # -- opening -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.readonly and not self.path.exists():
            raise StoreError(f"no store at {self.path}")
        try:
            if self.readonly:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        try:
            self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a kiebitz store: {exc}") from exc
        if version == 0 and tables:
            raise StoreError(f"{self.path} is not a kiebitz store (an SQLite file with other tables)")
        if version > schema.LATEST:
            raise StoreError(
                f"{self.path} has schema version {version}; this kiebitz knows up to {schema.LATEST}: "
                "upgrade kiebitz"
            )
        conn.execute("PRAGMA foreign_keys = ON")
        if self.readonly:
            if version < schema.LATEST:
                raise StoreError(
                    f"{self.path} has schema version {version}, this kiebitz needs {schema.LATEST}: "
                    "open it once for writing (e.g. kiebitz ingest) to upgrade it"
                )
            return
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL is durable across application crashes (only a power cut can
            # lose the last commits) and avoids one fsync per article.
            conn.execute("PRAGMA synchronous = NORMAL")
            # A writer touches many index pages (LSH keys, FTS segments): keep ~64 MB of them in memory.
            conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
            # Statement journals (REPLACE, foreign-key checks inside a long transaction) in memory,
            # not in a new temporary file per statement.
            conn.execute("PRAGMA temp_store = MEMORY")
            schema.migrate(conn)
            # Once per opening, not per article: the store's duplicate index settings match ours.
            check_settings(conn)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot prepare store {self.path}: {exc}") from exc

    @property
    def version(self) -> int:
        """The schema version of the open file (PRAGMA user_version)."""
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def connection(self) -> sqlite3.Connection:
        """The open SQLite connection (for the corpus queries in kiebitz.corpus)."""
        return self._conn

    def close(self) -> None:
        """Close the file (a writer first commits an open batch and refreshes the planner statistics)."""
        if not self.readonly:
            if self._batch is not None:
                self.commit()
            try:
                self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass  # only statistics; never a reason to fail
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def batch(self, size: int = 500, seconds: float = 1.0) -> Iterator[Store]:
        """Commit many articles per transaction (bulk ingest); each article still all or nothing.

        Inside the block, `add` writes into one open transaction that is committed after `size`
        articles or `seconds` seconds (checked at each `add`) and when the block ends, however it
        ends: every article added completely is then committed. A failing article rolls back the
        open transaction, which is redone with the batch's earlier articles (kept in memory), so
        only the failing article is missing. (Not a SAVEPOINT per article: FTS5 flushes its
        pending index at every savepoint, which costs more than the rare redo.) A crash (kill -9)
        loses at most the open batch; those ids are not stored, so a rerun stores them again.
        Readers see a batch once it is committed.
        """
        if self._batch is not None:  # nested: the outer batch decides
            yield self
            return
        self._batch = (max(1, size), seconds)
        # A bulk ingest inserts into every index at random places (ids are content hashes): with
        # the indexes' pages kept in memory it reads each once instead of again and again (at
        # 100,000 articles the writer took 2.92 ms CPU per article with 64 MB, 2.21 ms with 1 GB, in
        # back-to-back runs on a loaded machine; docs/corpus.md).
        self._conn.execute(f"PRAGMA cache_size = -{BATCH_CACHE_KB}")
        self._conn.execute(f"PRAGMA wal_autocheckpoint = {BATCH_CHECKPOINT_PAGES}")
        # Python's cyclic garbage collector: the writer's long-lived objects (the quote index,
        # caches, the batch's articles kept for a redo) grow with the store, and every full
        # collection walked all of them (at 20,000 articles 9 passes took ~4 s of the writer's
        # ~30 s, the young collections ~2 s more). Refcounting frees almost everything the writer
        # makes; so inside the block the collector is off, and after each commit it runs once over
        # what is not frozen yet (the survivors of that batch: cycles are collected there, so at
        # most one batch's cyclic garbage waits) and freezes the rest (gc.freeze: only the cycle
        # detector skips them). The block's end unfreezes them and turns the collector back on.
        # Not if the collector is off or someone else froze objects (we could not unfreeze only ours).
        self._freezing = gc.isenabled() and gc.get_freeze_count() == 0
        if self._freezing:
            gc.disable()
        try:
            yield self
        finally:
            self._batch = None
            try:
                self.commit()
            finally:
                self._conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
                self._conn.execute("PRAGMA wal_autocheckpoint = 1000")
                try:  # what the batches left in the WAL goes into the file now, not at some later commit
                    self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error:
                    pass  # a checkpoint that cannot run now runs later; the data is committed
                if self._freezing:
                    self._freezing = False
                    gc.unfreeze()
                    gc.enable()

    def commit(self) -> None:
        """Commit the open batch transaction, if any (a no-op outside a batch)."""
        conn = self._conn
        if conn.in_transaction:
            try:
                self._finish()
            except sqlite3.Error as exc:
                self._quotes.held = False
                self._codes.clear()
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                n, self._added = len(self._added), []
                self._fts.clear()
                raise StoreError(f"{self.path}: cannot commit a batch of {n} articles: {exc}") from exc
        self._added = []
        if self._freezing:
            gc.collect()  # only what is not frozen yet: what the last batch left alive
            gc.freeze()

    def _begin(self) -> None:
        """Open a write transaction; the band index catches up with other connections' commits."""
        self._conn.execute("BEGIN IMMEDIATE")
        if self._bands is not None and self._bands.loaded:
            self._bands.sync(self._conn)
        # The lock is ours until COMMIT or ROLLBACK: the quote index checks for others' commits once.
        self._quotes.sync(self._conn)
        self._quotes.held = True
        self._codes.sync(self._conn)

    def _finish(self) -> None:
        """Write the rows kept for the end, COMMIT, then add the committed band keys to the band index."""
        pending = self._fts.dedup
        write_fts(self._conn, self._fts)
        self._conn.execute("COMMIT")
        self._quotes.held = False
        if self._bands is not None:
            commit_bands(self._bands, pending)

    def _write(self, article: Article, prepared: Prepared | None = None) -> int | None:
        """Insert one article with its items and corpus index rows; its rowid, or None if stored."""
        conn = self._conn
        # The row made where the article was built, if this is the article it was made of.
        row = prepared.row if prepared is not None and prepared.of is article else None
        rowid = insert_article(conn, article, self._fts, row)
        if rowid is not None:
            items = insert_items(conn, article, self._fts, rowid)
            # Duplicates, stemmed search and stories (kiebitz.corpus), in the same transaction.
            index_article(conn, article, rowid, self._fts, prepared, items.statements if items else None,
                          checked=True, quotes=self._quotes, bands=self._bands, codes=self._codes,
                          event_rowids=items.events if items else None)
        return rowid

    def add(self, article: Article, prepared: Prepared | None = None) -> bool:
        """Store an article with all its items; False (and nothing changed) if already stored.

        The article is written atomically (in its own transaction, or inside `batch()` as part of
        the open batch): if anything fails, nothing of it is kept and nothing stored before is
        touched; the error is raised as StoreError. `prepared` (`kiebitz.corpus.indexer.prepare`,
        made where the article was built) saves the writer the text-only work of indexing.
        """
        if self.readonly:
            raise StoreError(f"{self.path}: store opened read-only; cannot add {_origin(article)}")
        batch = self._batch
        # Inside a batch the insert itself recognises a stored id (INSERT OR IGNORE: nothing
        # else is written); outside, no transaction is opened for a stored article.
        if batch is None and self.has(article.id):
            return False
        conn = self._conn
        try:
            if batch is None or not conn.in_transaction:
                self._begin()
                self._opened, self._added = time.monotonic(), []
            rowid = self._write(article, prepared)
            if batch is None:
                self._finish()
        except (sqlite3.Error, UnicodeError, ValueError, TypeError) as exc:
            # UnicodeError: lone surrogates cannot be encoded; Value/TypeError: a malformed record.
            self._undo()
            raise StoreError(f"{_origin(article)}: cannot store article {article.id}: {exc}") from exc
        except BaseException:
            self._undo()
            raise
        if batch is not None:
            self._added.append((article, prepared))
            if len(self._added) >= batch[0] or time.monotonic() - self._opened >= batch[1]:
                self.commit()
        return rowid is not None

    def _undo(self) -> None:
        """Roll back the failed article: the open transaction, then redo the batch's earlier articles."""
        conn = self._conn
        redo, self._added = self._added, []
        self._fts.clear()
        self._quotes.held = False
        self._codes.clear()  # what the rolled-back transaction wrote is gone
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if not redo:
            return
        try:
            self._begin()
            for article, prepared in redo:
                self._write(article, prepared)
            self._finish()
        except BaseException:
            # Cannot redo (the disk is full, a second interrupt): the batch is lost, not half-kept;
            # its ids are not stored, so a rerun stores them again.
            self._fts.clear()
            self._quotes.held = False
            self._codes.clear()
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- reading -------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        """True if an article with this id is stored."""
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    __contains__ = has

    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def get(self, article_id: str) -> Article | None:
        """The stored article (rebuilt from its record), or None."""
        sql = "SELECT record, text FROM articles WHERE id = ?"
        row = self._conn.execute(sql, (article_id,)).fetchone()
        return None if row is None else load_article(*row)

    def find_ids(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids starting with `prefix` (for short ids typed by hand)."""
        rows = self._conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "\U0010ffff", limit),
        )
        return [r[0] for r in rows]

    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, in the order they were stored."""
        cur = self._conn.execute("SELECT record, text FROM articles ORDER BY rowid")
        for record, text in cur:
            yield load_article(record, text)

    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        highlight: tuple[str, str] = ("[", "]"),
    ) -> list[SearchHit]:
        """Full-text search over titles and texts, best first; any string is a safe query."""
        fts = to_fts(query)
        if not fts:
            return []
        rows = self._conn.execute(
            f"""SELECT a.id, a.title, a.published, a.language, a.outlet_name,
                       snippet(articles_fts, -1, '{_OPEN}', '{_CLOSE}', '…', 16),
                       bm25(articles_fts, 5.0, 1.0) AS score
                FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                WHERE articles_fts MATCH ? ORDER BY score, a.rowid LIMIT ? OFFSET ?""",
            (fts, max(0, limit), max(0, offset)),
        )
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], _mark(r[5], highlight), r[6]) for r in rows]

    def count(self, query: str) -> int:
        """How many articles match a search query (for paging)."""
        fts = to_fts(query)
        if not fts:
            return 0
        sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
        return self._conn.execute(sql, (fts,)).fetchone()[0]

    def search_statements(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        highlight: tuple[str, str] = ("[", "]"),
    ) -> list[StatementHit]:
        """Full-text search over statement texts, best first."""
        fts = to_fts(query)
        if not fts:
            return []
        rows = self._conn.execute(
            f"""SELECT s.id, s.article_id, s.kind, coalesce(s.speaker_name, s.speaker_text), s.text,
                       snippet(statements_fts, 0, '{_OPEN}', '{_CLOSE}', '…', 16),
                       bm25(statements_fts) AS score
                FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid
                WHERE statements_fts MATCH ? ORDER BY score, s.rowid LIMIT ? OFFSET ?""",
            (fts, max(0, limit), max(0, offset)),
        )
        return [StatementHit(r[0], r[1], r[2], r[3], r[4], _mark(r[5], highlight), r[6]) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts: articles (by language, outlet), statements, events (by type), entities, actors."""
        q = self._conn.execute

        def grouped(sql: str) -> dict[str, int]:
            return {(k if k is not None else "unknown"): n for k, n in q(sql)}

        first, last = q("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "path": str(self.path),
            "schema_version": self.version,
            "articles": len(self),
            "languages": grouped(
                "SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language"
            ),
            "outlets": grouped(
                "SELECT outlet_name, count(*) AS n FROM articles GROUP BY outlet_name "
                "ORDER BY n DESC, outlet_name"
            ),
            "state_affiliated": q(
                "SELECT count(*) FROM articles WHERE outlet_state_affiliated = 1"
            ).fetchone()[0],
            "published": {"first": first, "last": last},
            "statements": q("SELECT count(*) FROM statements").fetchone()[0],
            "events": q("SELECT count(*) FROM events").fetchone()[0],
            "event_types": grouped("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"),
            "entities": q("SELECT count(*) FROM entities").fetchone()[0],
            "actors": q("SELECT count(*) FROM actors").fetchone()[0],
            **corpus_counts(self._conn),
        }

    def check(self) -> list[str]:
        """SQLite's integrity check plus the full-text index's; [] when all is well."""
        problems = [r[0] for r in self._conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        # FTS5's own check is issued as an INSERT command, so a read-only handle cannot run it.
        for table in () if self.readonly else ("articles_fts", "statements_fts"):
            try:
                self._conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except sqlite3.Error as exc:
                problems.append(f"{table}: {exc}")
        return problems
