"""Versioned migrations: a store made by an older kiebitz is upgraded in place, data kept."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from kiebitz.errors import StoreError
from kiebitz.store import Store, schema
from kiebitz.store.rows import insert_article


def _old_store(path, articles, version: int = 1) -> None:
    """A store as an older kiebitz left it: schema `version`, articles written with that schema."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    schema.migrate(conn, target=version)
    conn.execute("BEGIN")
    for a in articles:
        insert_article(conn, a)
    conn.execute("COMMIT")
    conn.close()


def test_fresh_store_is_at_latest_version(tmp_path):
    with Store(tmp_path / "k.db") as store:
        assert store.version == schema.LATEST == len(schema.MIGRATIONS)


def test_upgrade_from_version_1_backfills_items(tmp_path, make_article):
    path = tmp_path / "old.db"
    articles = [make_article(1), make_article(2, "en")]
    _old_store(path, articles)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "statements" not in tables
    conn.close()

    with Store(path) as store:
        assert store.version == schema.LATEST
        s = store.stats()
        assert s["articles"] == 2 and s["statements"] == 2 and s["events"] == 2 and s["actors"] == 4
        assert [h.article_id for h in store.search_statements("unmöglich")] == ["art0001de"]
        assert store.get("art0001de") == articles[0]
        assert store.add(articles[0]) is False  # still idempotent after the upgrade
        assert store.add(make_article(3)) is True
        assert store.check() == []


def test_readonly_does_not_migrate(tmp_path, make_article):
    path = tmp_path / "old.db"
    _old_store(path, [make_article(1)])
    with pytest.raises(StoreError, match="schema version 1"):
        Store(path, readonly=True)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_newer_store_is_refused(tmp_path):
    path = tmp_path / "new.db"
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="upgrade kiebitz"):
        Store(path)


def test_failed_step_keeps_previous_version(tmp_path, make_article, monkeypatch):
    path = tmp_path / "old.db"
    _old_store(path, [make_article(1)])

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:1], broken, *schema.MIGRATIONS[2:]])
    with pytest.raises(StoreError, match="disk on fire"):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()


# The columns versions 11 and 12 added to the item tables (and 10 to the member tables): not in older layouts.
_NEW_COLUMNS = {"item", "seq", "article", "speaker", "claimed_by", "event", "actor", "canonical"}
_ITEMS = ("actors", "statements", "events", "event_actors")


def _as_version_10(path) -> None:
    """Turn a store back into the layout of version 10: item tables keyed by text id (the released DDL)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    _items_as_v2(conn)
    for table, items in (("corpus_event_members", "events"), ("corpus_statement_members", "statements")):
        conn.execute(f"""CREATE TRIGGER {table}_delete AFTER DELETE ON {items}
                         BEGIN DELETE FROM {table} WHERE item = old.rowid; END""")
    conn.execute("PRAGMA user_version = 10")
    conn.execute("COMMIT")
    conn.close()


def _items_as_v2(conn: sqlite3.Connection) -> None:
    """The item tables in the layout of step 2 (less the indexes step 8 dropped), every row kept; no triggers."""
    for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    for name, in conn.execute(f"""SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                                   AND tbl_name IN ({','.join('?' * len(_ITEMS))})""", _ITEMS).fetchall():
        conn.execute(f"DROP INDEX {name}")
    for table in _ITEMS:
        conn.execute(f"ALTER TABLE {table} RENAME TO new_{table}")
    dropped_by_v3 = ("statements_speaker", "statements_kind", "events_location_country", "actors_country")
    for statement in schema._split(schema.V2_ITEMS):
        statement = "\n".join(line for line in statement.splitlines() if not line.startswith("--"))
        words = statement.replace("(", " ").split()
        if (words[1] == "TABLE" and words[2] in _ITEMS) or (
                words[1] == "INDEX" and words[4] in _ITEMS and words[2] not in dropped_by_v3):
            conn.execute(statement)
    if conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'corpus_meta'").fetchone()[0]:
        conn.execute("CREATE INDEX corpus_statements_speaker_nocase ON statements(speaker_name COLLATE NOCASE)")
    for table in _ITEMS[:3]:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        cols = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f"INSERT INTO {table} (rowid, {cols}) SELECT seq, {cols} FROM new_{table} ORDER BY seq")
    conn.execute("INSERT INTO event_actors SELECT event_id, role, actor_id, position FROM new_event_actors")
    for table in reversed(_ITEMS):
        conn.execute(f"DROP TABLE new_{table}")


def _as_version_9(path) -> None:
    """Turn a store back into the layout of version 9: members keyed by text id, an index of exact hashes."""
    from kiebitz.corpus.schema import CORPUS_V1

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for table in ("corpus_event_members", "corpus_statement_members"):
        # The released DDL of the table (step CORPUS_V1, never edited), with its indexes.
        ddl = [s for s in schema._split(CORPUS_V1) if f" {table} " in s or f" {table}(" in s]
        conn.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
        conn.execute(f"DROP TRIGGER {table}_delete")
        for index in ("article", "source"):
            conn.execute(f"DROP INDEX {table}_{index}")
        for statement in ddl:
            conn.execute(statement)
        key = "event_id" if "event" in table else "statement_id"
        conn.execute(f"INSERT INTO {table} SELECT {key}, cluster_id, article_id, source, duplicate"
                     f" FROM old_{table} ORDER BY item")
        conn.execute(f"DROP TABLE old_{table}")
    conn.execute("CREATE INDEX corpus_minhash_exact ON corpus_minhash(exact)")
    conn.execute("PRAGMA user_version = 9")
    conn.execute("COMMIT")
    conn.close()


def _dump(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT LIKE '%fts_%' AND name NOT LIKE '%stem_%' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    out = {}
    for t in tables:
        cols = sorted(r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in _NEW_COLUMNS)
        # Quoted as identifiers ('x' would select a constant).
        out[t] = sorted(map(repr, conn.execute(f"SELECT {', '.join(f'[{c}]' for c in cols)} FROM {t}")))
    conn.close()
    return out


def test_version_9_store_migrates_keeping_every_row(tmp_path, make_article):
    path = tmp_path / "v9.db"
    articles = [make_article(i, lang) for i in range(1, 6) for lang in ("de", "en")]
    with Store(path) as store:
        for a in articles:
            store.add(a)
        statements = store.search_statements("unmöglich")
    _as_version_10(path)
    _as_version_9(path)
    before = _dump(path)
    conn = sqlite3.connect(path)
    assert "item" not in [r[1] for r in conn.execute("PRAGMA table_info(corpus_statement_members)")]
    assert sum(len(before[t]) for t in ("corpus_event_members", "corpus_statement_members")) == 20
    conn.close()

    with Store(path) as store:
        assert store.version == schema.LATEST == 12
        assert _dump(path) == before  # every row of every table kept
        members = store.connection.execute(
            "SELECT m.item, s.rowid FROM corpus_statement_members m JOIN statements s ON s.id = m.statement_id")
        assert all(item == rowid for item, rowid in members)
        names = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master")}
        assert "corpus_minhash_exact" not in names
        assert store.search_statements("unmöglich") == statements
        # Adding after the upgrade: an exact copy is still found (its hash is looked up in memory).
        copy = articles[0].replace(id="copy0001", source=articles[0].source)
        assert store.add(copy) is True
        assert store.stats()["duplicates"] == 1
        assert store.check() == []
        # Deleting an article takes its members along (trigger), as the foreign key's cascade did.
        store.connection.execute("DELETE FROM articles WHERE id = ?", (articles[1].id,))
        left = store.connection.execute(
            "SELECT count(*) FROM corpus_statement_members WHERE article_id = ?", (articles[1].id,)).fetchone()[0]
        assert left == 0


def _references(conn: sqlite3.Connection) -> list[int]:
    """Rows whose rowid references disagree with their text ids (all zero when the keys are right)."""
    return [conn.execute(sql).fetchone()[0] for sql in (
        "SELECT count(*) FROM actors x LEFT JOIN articles ar ON ar.rowid = x.article WHERE ar.id IS NOT x.article_id",
        "SELECT count(*) FROM statements x LEFT JOIN articles ar ON ar.rowid = x.article WHERE ar.id IS NOT x.article_id",
        "SELECT count(*) FROM events x LEFT JOIN articles ar ON ar.rowid = x.article WHERE ar.id IS NOT x.article_id",
        "SELECT count(*) FROM statements s LEFT JOIN actors a ON a.rowid = s.speaker WHERE a.id IS NOT s.speaker_id",
        "SELECT count(*) FROM events e LEFT JOIN actors a ON a.rowid = e.claimed_by WHERE a.id IS NOT e.claimed_by_id",
        "SELECT count(*) FROM event_actors x LEFT JOIN actors a ON a.rowid = x.actor WHERE a.id IS NOT x.actor_id",
        "SELECT count(*) FROM event_actors x LEFT JOIN events e ON e.rowid = x.event WHERE e.id IS NOT x.event_id",
        "SELECT count(*) FROM corpus_event_members m LEFT JOIN events e ON e.rowid = m.item WHERE e.id IS NOT m.event_id",
    )]


def test_version_10_store_migrates_keeping_every_row(tmp_path, make_article):
    path = tmp_path / "v10.db"
    articles = [make_article(i, lang) for i in range(1, 6) for lang in ("de", "en")]
    # A claimant, so that events.claimed_by is resolved as well.
    ev = articles[0].events[0]
    articles[0] = articles[0].replace(events=(dataclasses.replace(ev, claimed_by="a1"),))
    with Store(path) as store:
        for a in articles:
            store.add(a)
        fresh = _dump(path)
        statements = store.search_statements("unmöglich")
        assert _references(store.connection) == [0] * 8
    _as_version_10(path)
    before = _dump(path)
    assert before == fresh
    conn = sqlite3.connect(path)
    assert "seq" not in [r[1] for r in conn.execute("PRAGMA table_info(actors)")]
    assert conn.execute("SELECT count(*) FROM events WHERE claimed_by_id IS NOT NULL").fetchone()[0] == 1
    rowids = conn.execute("SELECT rowid FROM statements ORDER BY rowid").fetchall()
    conn.close()

    with Store(path) as store:
        conn = store.connection
        assert store.version == schema.LATEST == 12
        assert _dump(path) == before  # every row of every table kept
        assert conn.execute("SELECT rowid FROM statements ORDER BY rowid").fetchall() == rowids
        assert _references(conn) == [0] * 8
        assert conn.execute("SELECT count(*) FROM events WHERE claimed_by IS NOT NULL").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM statements WHERE speaker IS NOT NULL").fetchone()[0] == 10
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert {"corpus_statements_speaker_nocase", "corpus_event_members_delete", "articles_items_delete",
                "events_actors_delete", "event_actors_actor"} <= names
        assert store.search_statements("unmöglich") == statements
        # Adding after the upgrade: the new rows are appended with their references.
        assert store.add(make_article(9, "de")) is True
        assert _references(conn) == [0] * 8
        assert store.check() == []
        # Deleting an article takes its items, their actor rows and members along (triggers).
        gone = articles[1].id
        conn.execute("DELETE FROM articles WHERE id = ?", (gone,))
        for table in ("actors", "statements", "events", "event_actors", "corpus_event_members",
                      "corpus_statement_members"):
            column = "event_id" if table == "event_actors" else "article_id"
            left = conn.execute(f"SELECT count(*) FROM {table} WHERE {column} LIKE ?", (gone + "%",)).fetchone()[0]
            assert left == 0, table
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 10


def test_item_ids_stay_unique_in_an_article(tmp_path, make_article):
    base = make_article(1)
    with Store(tmp_path / "k.db") as store:
        for bad in (base.replace(actors=base.actors * 2), base.replace(events=base.events * 2)):
            with pytest.raises(StoreError):
                store.add(bad)
            assert not store.has(base.id)
        assert store.add(base) is True


def test_version_3_store_with_released_item_tables_gets_its_corpus_index(tmp_path, make_article):
    # A store an older kiebitz took to version 3: items backfilled into the tables of step 2.
    path = tmp_path / "v3.db"
    articles = [make_article(i, lang) for i in range(1, 4) for lang in ("de", "en")]
    _old_store(path, articles, version=1)
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=3)
    conn.execute("BEGIN")
    _items_as_v2(conn)
    conn.execute("COMMIT")
    assert "seq" not in [r[1] for r in conn.execute("PRAGMA table_info(statements)")]
    conn.close()
    with Store(path) as store:  # steps 4-11: the corpus backfill finds each article's items by its rowid
        conn = store.connection
        assert store.version == schema.LATEST
        assert _references(conn) == [0] * 8
        members = conn.execute("SELECT count(*) FROM corpus_statement_members").fetchone()[0]
        assert members == conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 6
        assert conn.execute("SELECT count(*) FROM corpus_event_members").fetchone()[0] == 6
        assert store.check() == []


def test_version_11_store_gets_actor_canonical_and_merged_totals(tmp_path, make_article):
    from kiebitz.model import Actor

    path = tmp_path / "v11.db"
    # What kiebitz wrote before version 12: an English article's institution under its German canonical name,
    # its groups under their English name; no canonical anywhere.
    en, de = make_article(1, "en"), make_article(2, "de")
    en = en.replace(actors=(*en.actors,
                            Actor(id="a3", name="Weltbank", kind="organization", code="IGOWSTWBK"),
                            Actor(id="a4", name="protesters", kind="group", country="POL", sector="CVL")))
    de = de.replace(actors=(*de.actors, Actor(id="a3", name="Demonstranten", kind="group", country="POL")))
    with Store(path) as store:
        store.add(en)
        store.add(de)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("ALTER TABLE actors DROP COLUMN canonical")
    # The totals as version 11 keyed them.
    conn.execute("UPDATE corpus_actor_totals SET key = 'group:POL:protesters' WHERE key = 'group:POL:demonstranten'")
    conn.execute("""INSERT INTO corpus_actor_totals (key, name, kind, code, country, articles, statements, events)
                    VALUES ('group:POL:demonstranten', 'Demonstranten', 'group', NULL, 'POL', 1, 0, 0)""")
    conn.execute("UPDATE corpus_actor_totals SET articles = 1 WHERE key = 'group:POL:protesters'")
    conn.execute("PRAGMA user_version = 11")
    conn.execute("COMMIT")
    before = _dump(path)["actors"]
    conn.close()

    with Store(path) as store:
        conn = store.connection
        assert store.version == schema.LATEST == 12
        assert _dump(path)["actors"] == before  # every actor row kept
        assert conn.execute("SELECT count(*) FROM actors WHERE canonical IS NOT NULL").fetchone()[0] == 0
        totals = dict(conn.execute("SELECT key, articles FROM corpus_actor_totals WHERE kind = 'group'"))
        assert totals == {"group:POL:demonstranten": 2}  # counted again under the cross-language key
        assert store.get(en.id) == en  # the old record reads as it was (canonical None)
        # A new English article with the field joins the same actors.
        new = make_article(3, "en")
        new = new.replace(actors=(*new.actors, Actor(id="a3", name="World Bank", kind="organization",
                                                     code="IGOWSTWBK", canonical="Weltbank")))
        assert store.add(new) is True
        assert conn.execute("SELECT canonical FROM actors WHERE name = 'World Bank'").fetchone() == ("Weltbank",)
        assert conn.execute("SELECT articles FROM corpus_actor_totals WHERE key = 'organization:weltbank'"
                            ).fetchone() == (2,)
        assert store.check() == []
