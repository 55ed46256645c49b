"""The corpus tables, as migration steps appended to the store's `MIGRATIONS` (never edited once released).

- duplicates: each copy links to its original; the MinHash signatures and LSH band keys persist, so an
  incremental ingest finds copies of articles stored in earlier runs;
- progress: which feed URLs and WARC records were seen (incremental runs, resume after a crash);
- stories: event clusters (GDELT-style NumMentions/NumArticles/NumSources) and statement clusters;
- stemmed full-text index of statements (contentless FTS5 over Snowball stems), rowids shared with their table;
  articles are searched by stems through `articles_fts`'s vocabulary (CORPUS_V3).
"""

from __future__ import annotations

import sqlite3

CORPUS_V1 = """
CREATE TABLE corpus_duplicates (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,        -- estimated Jaccard of word shingles; 1.0 for exact copies
    method TEXT NOT NULL CHECK (method IN ('exact', 'near'))
);
CREATE INDEX corpus_duplicates_original ON corpus_duplicates(original_id);

-- doc = articles.rowid; sig = MinHash values as little-endian uint32.
CREATE TABLE corpus_minhash (
    doc INTEGER PRIMARY KEY,
    exact TEXT NOT NULL,
    sig BLOB NOT NULL
);
CREATE INDEX corpus_minhash_exact ON corpus_minhash(exact);
CREATE TABLE corpus_lsh (            -- dropped by CORPUS_V2 (the band keys live in memory)
    key INTEGER NOT NULL,            -- 64-bit hash of (band number, band values)
    doc INTEGER NOT NULL,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;

-- Settings the persisted index depends on (shingle size, permutations, threshold).
CREATE TABLE corpus_meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Feed entry URLs and WARC record ids already handled (status: new, stored, skipped).
CREATE TABLE corpus_seen (
    source TEXT NOT NULL,            -- the feed URL/file or the WARC path
    item TEXT NOT NULL,              -- the entry URL or WARC-Record-ID
    status TEXT NOT NULL,
    article_id TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source, item)
) WITHOUT ROWID;
CREATE INDEX corpus_seen_item ON corpus_seen(item);

CREATE TABLE corpus_event_clusters (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,               -- type|actor codes|recipient codes
    type TEXT NOT NULL,
    actor_codes TEXT NOT NULL,       -- space-separated, sorted
    recipient_codes TEXT NOT NULL,
    first_date TEXT,
    last_date TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corpus_event_clusters_key ON corpus_event_clusters(key, last_date);
CREATE INDEX corpus_event_clusters_type ON corpus_event_clusters(type, first_date);
-- Listings are newest first.
CREATE INDEX corpus_event_clusters_last ON corpus_event_clusters(last_date);
CREATE TABLE corpus_event_cluster_codes (
    cluster_id INTEGER NOT NULL REFERENCES corpus_event_clusters(id),
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    code TEXT NOT NULL,
    PRIMARY KEY (code, role, cluster_id)
) WITHOUT ROWID;
CREATE INDEX corpus_event_cluster_codes_cluster ON corpus_event_cluster_codes(cluster_id, role, code);
CREATE TABLE corpus_event_members (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES corpus_event_clusters(id),
    article_id TEXT NOT NULL,
    source TEXT,                     -- outlet name or domain
    duplicate INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corpus_event_members_article ON corpus_event_members(cluster_id, article_id);
CREATE INDEX corpus_event_members_source ON corpus_event_members(cluster_id, source);

CREATE TABLE corpus_statement_clusters (
    id INTEGER PRIMARY KEY,
    speaker_key TEXT NOT NULL,       -- folded surname of the speaker ('' when unknown)
    speaker TEXT,                    -- a display name
    text TEXT NOT NULL,              -- the longest quoted form seen
    first_date TEXT,
    last_date TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corpus_statement_clusters_speaker ON corpus_statement_clusters(speaker_key, last_date);
CREATE INDEX corpus_statement_clusters_last ON corpus_statement_clusters(last_date);
CREATE TABLE corpus_statement_members (
    statement_id TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES corpus_statement_clusters(id),
    article_id TEXT NOT NULL,
    source TEXT,
    duplicate INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corpus_statement_members_article ON corpus_statement_members(cluster_id, article_id);
CREATE INDEX corpus_statement_members_source ON corpus_statement_members(cluster_id, source);

-- Running totals for the listing queries (kept per article, so listing never scans the corpus);
-- copies of earlier articles are counted under `duplicates` only.
CREATE TABLE corpus_actor_totals (
    key TEXT PRIMARY KEY,            -- state:<country or code>, else <kind>:<folded name>
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    code TEXT,
    country TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    statements INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corpus_actor_totals_articles ON corpus_actor_totals(articles DESC);
CREATE TABLE corpus_outlet_totals (
    source TEXT PRIMARY KEY,         -- domain, else name, else '' (unknown)
    name TEXT,
    domain TEXT,
    country TEXT,
    state_affiliated INTEGER,
    articles INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    first_published TEXT,
    last_published TEXT
);

-- (The first release also indexed statements(speaker_name COLLATE NOCASE); no query reads it, so new
-- stores do without it and store version 11 keeps it only where a store already has it.)
CREATE INDEX corpus_articles_outlet_domain ON articles(outlet_domain);

-- Stemmed, folded shadows of the searchable text (contentless: only the index is stored).
CREATE VIRTUAL TABLE corpus_articles_stem USING fts5(
    title, text, content='', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE corpus_statements_stem USING fts5(
    text, content='', tokenize='unicode61 remove_diacritics 2'
);
"""


def _index_existing(conn: sqlite3.Connection) -> None:
    """Backfill duplicates, stems and clusters for articles stored before the corpus tables existed."""
    from ..store.rows import load_article
    from .indexer import index_article, new_bands
    from .quote_index import QuoteIndex

    # The clustering code of this kiebitz writes the member tables as the latest step left them, and
    # finds an article's items by its rowid (store version 11).
    _rekey_members(conn)
    _rekey_items(conn)
    quotes = QuoteIndex()
    bands = new_bands()
    rows = conn.execute("SELECT rowid, record, text FROM articles ORDER BY rowid").fetchall()
    for rowid, record, text in rows:
        index_article(conn, load_article(record, text), rowid, quotes=quotes, bands=bands)


# The LSH band keys live in memory, rebuilt from the signatures (kiebitz.corpus.lsh): the table
# cost the writer more than anything else at 100,000 articles and is no longer read or written.
CORPUS_V2 = """
DROP TABLE corpus_lsh;
"""



def _rekey_actor_totals(conn: sqlite3.Connection) -> None:
    """Recount the actor totals under the current keys (groups, organisations and unnamed offices keep their country)."""
    from ..store.rows import load_article
    from .indexer import Totals, actor_rows

    conn.execute("DELETE FROM corpus_actor_totals")
    totals = Totals()
    rows = conn.execute("""SELECT record, text FROM articles
                           WHERE id NOT IN (SELECT article_id FROM corpus_duplicates) ORDER BY rowid""")
    for record, text in rows:
        for row in actor_rows(load_article(record, text)):
            totals.actor(row)
    totals.write(conn)


# One full-text index of the article text instead of two: the stemmed shadow cost the writer as much
# as `articles_fts` (tokenising, segment merges, pages at COMMIT). A stemmed query is expanded to the
# words `articles_fts` holds whose stems match (kiebitz.corpus.queries.article_fts), found in its
# vocabulary (fts5vocab: no rows stored). Statements keep their stemmed shadow (one short row each).
CORPUS_V3 = """
DROP TABLE IF EXISTS corpus_articles_stem;
CREATE VIRTUAL TABLE IF NOT EXISTS corpus_articles_vocab USING fts5vocab(articles_fts, row);
-- Bulk writes: a transaction's pending terms go to disk as one segment of up to 16 MB (FTS5's default
-- is a segment per 1 MB), and 8 segments of a level are merged at a time (default 4), so each term is
-- rewritten by fewer merges (40,000 generated articles in batches of 5,000: 0.135 -> 0.069 ms CPU per
-- article; docs/corpus.md). Stored in the tables' config, so every writer uses them.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
INSERT INTO statements_fts (statements_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO statements_fts (statements_fts, rank) VALUES ('automerge', 8);
INSERT INTO corpus_statements_stem (corpus_statements_stem, rank) VALUES ('hashsize', 16777216);
INSERT INTO corpus_statements_stem (corpus_statements_stem, rank) VALUES ('automerge', 8);
-- Secondary indexes no query uses (EXPLAIN QUERY PLAN of every SELECT the store, corpus, web and CLI
-- tests run, on a 100,000-article store: docs/corpus.md), each one more insert per row, the first on
-- random keys ("<article id>:a1"). Not the *_article indexes: deleting an article cascades through them.
DROP INDEX IF EXISTS statements_speaker;
DROP INDEX IF EXISTS statements_kind;
DROP INDEX IF EXISTS events_location_country;
DROP INDEX IF EXISTS articles_outlet_country;
DROP INDEX IF EXISTS actors_country;
"""


# The actor totals are counted again under the keys that give an office without a name its country
# ("role:DEU:außenminister"; kiebitz.corpus.indexer.actor_key) instead of merging every unnamed minister.
_rekey_offices = _rekey_actor_totals


# Store version 10. The member tables were keyed by the item's text id ("<article content hash>:e1"):
# every new member landed on a random page of that key's index, so each batch of 5,000 articles
# rewrote most of two more indexes at COMMIT. Now a member's key is its item's rowid (events.rowid,
# statements.rowid: increasing, so new members are appended); the text id stays as a column for
# readers. A deleted item's member goes with it by trigger (a foreign key cannot name a rowid).
# Members whose item is gone (none while foreign keys were on) are kept under negative keys.
_MEMBERS = {"corpus_event_members": ("event_id", "events"),
            "corpus_statement_members": ("statement_id", "statements")}

_MEMBER_TABLE = """CREATE TABLE {table} (
    item INTEGER PRIMARY KEY,        -- {items}.rowid
    {key} TEXT NOT NULL,             -- {items}.id
    cluster_id INTEGER NOT NULL REFERENCES {clusters}(id),
    article_id TEXT NOT NULL,
    source TEXT,                     -- outlet name or domain
    duplicate INTEGER NOT NULL DEFAULT 0
)"""


def _rekey_members(conn: sqlite3.Connection) -> None:
    """Key the event and statement member tables by their item's rowid (once; a no-op when they are)."""
    for table, (key, items) in _MEMBERS.items():
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        if "item" in columns:
            continue
        clusters = table.replace("_members", "_clusters")
        conn.execute(_MEMBER_TABLE.format(table=f"{table}_v4", key=key, items=items, clusters=clusters))
        conn.execute(
            f"""INSERT INTO {table}_v4 (item, {key}, cluster_id, article_id, source, duplicate)
                SELECT coalesce(i.rowid, -m.rowid), m.{key}, m.cluster_id, m.article_id, m.source, m.duplicate
                FROM {table} m LEFT JOIN {items} i ON i.id = m.{key} ORDER BY m.rowid"""
        )
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_v4 RENAME TO {table}")
        conn.execute(f"CREATE INDEX {table}_article ON {table}(cluster_id, article_id)")
        conn.execute(f"CREATE INDEX {table}_source ON {table}(cluster_id, source)")
        conn.execute(f"""CREATE TRIGGER {table}_delete AFTER DELETE ON {items}
                         BEGIN DELETE FROM {table} WHERE item = old.rowid; END""")


def _corpus_v4(conn: sqlite3.Connection) -> None:
    """Members keyed by item rowid; no index of exact hashes (the writer holds them in memory: `lsh.BandIndex`)."""
    _rekey_members(conn)
    conn.execute("DROP INDEX IF EXISTS corpus_minhash_exact")


# Store version 11. The core item tables were keyed by their text ids ("<article content hash>:a1"),
# random keys: at 100,000 articles a commit of 5,000 rewrote ~11,000 pages of their indexes (the ids,
# `*_article`, the event_actors key and its actor index; docs/corpus.md). Now each item table has an
# INTEGER PRIMARY KEY (`seq`, its rowid, appended in order: VACUUM keeps it too), the article it belongs
# to by rowid (`article`, increasing), and references between items by rowid (`statements.speaker`,
# `events.claimed_by`, `event_actors.event`/`.actor`); the text ids stay as plain columns for readers
# and records, without an index. Readers join by rowid. Deleting an article deletes its items by
# trigger (the foreign keys' cascades needed the `article_id` indexes). Rowids are kept, so the full-text
# indexes (statements_fts, corpus_statements_stem) and the member tables still point at their rows.
ITEM_TABLES = """
CREATE TABLE actors (
    id TEXT NOT NULL,                -- "<article id>:<item id>"
    article_id TEXT NOT NULL,        -- articles.id
    item_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    roles TEXT NOT NULL,             -- JSON list
    code TEXT,
    aliases TEXT NOT NULL,           -- JSON list
    seq INTEGER PRIMARY KEY,         -- the rowid
    article INTEGER                  -- articles.rowid
);
CREATE TABLE statements (
    id TEXT NOT NULL,
    article_id TEXT NOT NULL,
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
    confidence REAL,
    seq INTEGER PRIMARY KEY,         -- the rowid (also the row of statements_fts, corpus_statements_stem)
    article INTEGER,                 -- articles.rowid
    speaker INTEGER                  -- actors.rowid of speaker_id
);
CREATE TABLE events (
    id TEXT NOT NULL,
    article_id TEXT NOT NULL,
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
    confidence REAL,
    seq INTEGER PRIMARY KEY,         -- the rowid (corpus_event_members.item)
    article INTEGER,                 -- articles.rowid
    claimed_by INTEGER               -- actors.rowid of claimed_by_id
);
CREATE TABLE event_actors (
    event INTEGER NOT NULL,          -- events.rowid
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    actor INTEGER,                   -- actors.rowid
    event_id TEXT NOT NULL,          -- events.id
    actor_id TEXT NOT NULL,          -- actors.id
    PRIMARY KEY (event, role, position)
) WITHOUT ROWID;
"""

ITEM_INDEXES = """
CREATE INDEX actors_article ON actors(article);
CREATE INDEX actors_name ON actors(name);
CREATE INDEX actors_code ON actors(code);
CREATE INDEX statements_article ON statements(article);
CREATE INDEX statements_speaker_name ON statements(speaker_name);
CREATE INDEX events_article ON events(article);
CREATE INDEX events_type ON events(type, mode);
CREATE INDEX events_date ON events(date);
CREATE INDEX event_actors_actor ON event_actors(actor, role);
CREATE TRIGGER articles_items_delete AFTER DELETE ON articles BEGIN
    DELETE FROM events WHERE article = old.rowid;
    DELETE FROM statements WHERE article = old.rowid;
    DELETE FROM actors WHERE article = old.rowid;
END;
CREATE TRIGGER events_actors_delete AFTER DELETE ON events
    BEGIN DELETE FROM event_actors WHERE event = old.rowid; END;
"""

# Copies of the rows, rowids kept; references by text id resolved to rowids through the old id indexes.
_ITEM_COPY = {
    "actors": """SELECT x.id, x.article_id, x.item_id, x.name, x.kind, x.country, x.sector, x.roles, x.code,
                        x.aliases, x.rowid, ar.rowid
                 FROM old_actors x LEFT JOIN articles ar ON ar.id = x.article_id ORDER BY x.rowid""",
    "statements": """SELECT x.id, x.article_id, x.item_id, x.kind, x.text, x.start, x."end", x.speaker_id,
                            x.speaker_name, x.speaker_text, x.speaker_start, x.speaker_end, x.cue, x.cue_start,
                            x.cue_end, x.confidence, x.rowid, ar.rowid, a.rowid
                     FROM old_statements x LEFT JOIN articles ar ON ar.id = x.article_id
                     LEFT JOIN old_actors a ON a.id = x.speaker_id ORDER BY x.rowid""",
    "events": """SELECT x.id, x.article_id, x.item_id, x.type, x.mode, x.modality, x.actor_ids, x.recipient_ids,
                        x.claimed_by_id, x.statement_id, x.date, x.date_precision, x.location_name,
                        x.location_country, x.lat, x.lon, x.evidence_start, x.evidence_end, x.trigger_start,
                        x.trigger_end, x.trigger, x.confidence, x.rowid, ar.rowid, a.rowid
                 FROM old_events x LEFT JOIN articles ar ON ar.id = x.article_id
                 LEFT JOIN old_actors a ON a.id = x.claimed_by_id ORDER BY x.rowid""",
    "event_actors": """SELECT e.rowid, x.role, x.position, a.rowid, x.event_id, x.actor_id
                       FROM old_event_actors x JOIN old_events e ON e.id = x.event_id
                       LEFT JOIN old_actors a ON a.id = x.actor_id ORDER BY e.rowid, x.role, x.position""",
}


def _rekey_items(conn: sqlite3.Connection) -> None:
    """Key actors, statements, events and event_actors by rowid (once; a no-op when they are)."""
    if "seq" in [r[1] for r in conn.execute("PRAGMA table_info(actors)")]:
        return
    from ..store.schema import _split

    # What the corpus steps added to these tables (absent when the store's step 3 calls this).
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    old = ("actors", "statements", "events", "event_actors")
    for table in old:
        conn.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
    for statement in _split(ITEM_TABLES):
        conn.execute(statement)
    for table, select in _ITEM_COPY.items():
        conn.execute(f"INSERT INTO {table} {select}")
    # Children first: dropping a parent with foreign keys on deletes its rows (and cascades) first.
    for table in reversed(old):
        conn.execute(f"DROP TABLE old_{table}")
    for statement in _split(ITEM_INDEXES):
        conn.execute(statement)
    if "corpus_statements_speaker_nocase" in names:
        conn.execute("CREATE INDEX corpus_statements_speaker_nocase ON statements(speaker_name COLLATE NOCASE)")
    for table, (_key, items) in _MEMBERS.items():
        if f"{table}_delete" in names:  # dropped with the old item table
            conn.execute(f"""CREATE TRIGGER {table}_delete AFTER DELETE ON {items}
                             BEGIN DELETE FROM {table} WHERE item = old.rowid; END""")


def _corpus_v5(conn: sqlite3.Connection) -> None:
    """The core item tables keyed by rowid, with rowid references (no random-key index left on them)."""
    _rekey_items(conn)


# Store version 12. An actor's name is in its article's language ("World Bank" in English, "Weltbank" in
# German); `actors.canonical` keeps the name across languages when it differs (kiebitz.model.Actor.canonical),
# NULL for rows stored before (their English institutions carry the canonical as name, and
# `actor_key` finds the canonical of the others' names in the tables). The actor totals are counted
# again under the keys that merge both languages (English groups and peoples: "protesters").
def add_actor_canonical(conn: sqlite3.Connection) -> None:
    """Add `actors.canonical` (once; a no-op when it is there: the store's step 3 writes the latest layout)."""
    if "canonical" not in [r[1] for r in conn.execute("PRAGMA table_info(actors)")]:
        conn.execute("ALTER TABLE actors ADD COLUMN canonical TEXT")


def _corpus_v6(conn: sqlite3.Connection) -> None:
    """`actors.canonical`, and the actor totals under the cross-language keys."""
    add_actor_canonical(conn)
    _rekey_actor_totals(conn)


STEPS: list = [CORPUS_V1, _index_existing, CORPUS_V2, _rekey_actor_totals, CORPUS_V3, _rekey_offices, _corpus_v4,
               _corpus_v5, _corpus_v6]
