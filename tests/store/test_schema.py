"""Versioned migrations: a store made by an older kiebitz is upgraded in place, data kept."""

from __future__ import annotations

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
