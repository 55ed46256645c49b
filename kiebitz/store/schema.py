"""The store's schema as a list of versioned migration steps (tracked in PRAGMA user_version).

Step N (1-based) upgrades a database at user_version N-1 to N. Steps are never edited once
released: a change to the schema is a new step appended to `MIGRATIONS`. A step is either a SQL
script or a callable taking the connection (for data backfills); each runs in one transaction
together with the user_version bump, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Step = str | Callable[[sqlite3.Connection], None]

# v1: articles with their provenance columns, the full record JSON, and full-text search.
V1_ARTICLES = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    section TEXT,
    language TEXT,
    published TEXT,
    outlet_name TEXT,
    outlet_domain TEXT,
    outlet_country TEXT,
    outlet_state_affiliated INTEGER,
    outlet_typology TEXT,
    outlet_evidence TEXT,            -- JSON list
    source_path TEXT,
    source_url TEXT,
    text TEXT NOT NULL,
    removed TEXT NOT NULL,           -- JSON list of {text, reason}
    record TEXT NOT NULL,            -- the kiebitz.article/1 record as JSON, without "text"
    schema TEXT NOT NULL,
    ingested_at TEXT NOT NULL        -- UTC, ISO 8601
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_outlet ON articles(outlet_name);
CREATE INDEX articles_outlet_country ON articles(outlet_country);
-- External-content FTS: the text lives once, in `articles`; rowid links the two.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
"""

# v2: one row per extracted item, ids made globally stable as "article_id:item_id".
V2_ITEMS = """
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    actor_id TEXT,                   -- actors.id
    confidence REAL
);
CREATE INDEX entities_article ON entities(article_id);
CREATE INDEX entities_label_text ON entities(label, text);
CREATE INDEX entities_actor ON entities(actor_id);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    roles TEXT NOT NULL,             -- JSON list
    code TEXT,
    aliases TEXT NOT NULL            -- JSON list
);
CREATE INDEX actors_article ON actors(article_id);
CREATE INDEX actors_name ON actors(name);
CREATE INDEX actors_code ON actors(code);
CREATE INDEX actors_country ON actors(country, kind);

CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker_id TEXT,                 -- actors.id
    speaker_name TEXT,               -- the resolved actor's name, for queries across articles
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    confidence REAL
);
CREATE INDEX statements_article ON statements(article_id);
CREATE INDEX statements_speaker ON statements(speaker_id);
CREATE INDEX statements_speaker_name ON statements(speaker_name);
CREATE INDEX statements_kind ON statements(kind);
CREATE VIRTUAL TABLE statements_fts USING fts5(
    text, content='statements', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    modality TEXT NOT NULL,
    actor_ids TEXT NOT NULL,         -- JSON list of actors.id (also in event_actors)
    recipient_ids TEXT NOT NULL,     -- JSON list of actors.id (also in event_actors)
    claimed_by_id TEXT,              -- actors.id
    statement_id TEXT,               -- statements.id
    date TEXT,
    date_precision TEXT,
    location_name TEXT,
    location_country TEXT,
    lat REAL,
    lon REAL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    trigger_start INTEGER,
    trigger_end INTEGER,
    trigger TEXT,
    confidence REAL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type, mode);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_location_country ON events(location_country);
CREATE INDEX events_statement ON events(statement_id);

-- Who did what to whom: one row per (event, role, actor), for queries by actor or recipient.
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    actor_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id, role);
"""


def _backfill_items(conn: sqlite3.Connection) -> None:
    """Fill the v2 item tables from the record JSON of articles stored under v1."""
    from ..corpus.schema import _rekey_items, add_actor_canonical
    from .rows import insert_items, load_article

    # This kiebitz writes the item tables as the latest step leaves them (keyed by rowid, actors.canonical).
    _rekey_items(conn)
    add_actor_canonical(conn)
    for record, text in conn.execute("SELECT record, text FROM articles ORDER BY rowid").fetchall():
        insert_items(conn, load_article(record, text))


def _corpus_steps() -> list[Step]:
    """The corpus subpackage's steps (duplicates, progress, stories, stemmed search): kiebitz.corpus.schema."""
    from ..corpus.schema import STEPS

    return list(STEPS)


MIGRATIONS: list[Step] = [
    V1_ARTICLES,
    V2_ITEMS,
    _backfill_items,
    *_corpus_steps(),
]

LATEST = len(MIGRATIONS)


def _split(script: str) -> list[str]:
    """Split a SQL script into statements (executescript would commit our transaction)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def apply_step(conn: sqlite3.Connection, step: Step) -> None:
    """Run one migration step inside the caller's transaction."""
    if callable(step):
        step(conn)
        return
    for statement in _split(step):
        conn.execute(statement)


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Upgrade to `target`, one transaction per step; return the version before migrating."""
    before = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(before, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if conn.execute("PRAGMA user_version").fetchone()[0] != version:
                conn.execute("ROLLBACK")
                continue
            apply_step(conn, MIGRATIONS[version])
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return before
