"""The store on a temporary file: round trip, idempotence, read-only, WAL, failures, stats."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from kiebitz.errors import StoreError
from kiebitz.paths import default_db
from kiebitz.store import Store
from kiebitz.store.schema import LATEST


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_round_trip(tmp_path, make_article):
    article = make_article(1)
    with Store(tmp_path / "k.db") as store:
        assert store.add(article) is True
        assert store.has(article.id) and article.id in store and len(store) == 1
        assert store.get(article.id) == article
        assert store.get("nope") is None


def test_add_is_idempotent(tmp_path, make_article):
    path = tmp_path / "k.db"
    article = make_article(1)
    with Store(path) as store:
        assert store.add(article) is True
        before = _rows(path, "SELECT id, ingested_at FROM articles")
        counts = store.stats()
        assert store.add(article) is False
        assert store.add(article.replace(title="changed later")) is False  # same id: kept as first stored
        assert store.stats() == counts
    with Store(path) as store:  # and across sessions
        assert store.add(article) is False
        assert store.get(article.id).title == article.title
    assert _rows(path, "SELECT id, ingested_at FROM articles") == before


def test_items_get_store_wide_ids(tmp_path, make_article):
    path = tmp_path / "k.db"
    with Store(path) as store:
        store.add(make_article(1))
        store.add(make_article(2, "en"))
    a = "art0001de"
    assert _rows(path, f"SELECT id, speaker_id, speaker_name FROM statements WHERE article_id = '{a}'") == [
        (f"{a}:s1", f"{a}:a1", "Sergej Rjabkow")
    ]
    assert _rows(path, f"SELECT role, actor_id FROM event_actors WHERE event_id = '{a}:v1' ORDER BY role") == [
        ("actor", f"{a}:a2"), ("recipient", f"{a}:a1")
    ]
    ev = _rows(path, f"SELECT actor_ids, location_country, evidence_start FROM events WHERE id = '{a}:v1'")[0]
    assert json.loads(ev[0]) == [f"{a}:a2"] and ev[1] == "RUS" and ev[2] > 0
    assert _rows(path, "SELECT count(*) FROM entities")[0][0] == 4
    assert _rows(path, f"SELECT actor_id FROM entities WHERE id = '{a}:e1'")[0][0] == f"{a}:a1"
    outlet = _rows(path, f"SELECT outlet_name, outlet_state_affiliated, outlet_typology FROM articles WHERE id = '{a}'")
    assert outlet == [("RT", 1, "SC")]


def test_default_path_follows_environment(kiebitz_home, make_article):
    with Store() as store:
        store.add(make_article(1))
        assert store.path == default_db() == kiebitz_home / "kiebitz.db"
    assert (kiebitz_home / "kiebitz.db").exists()


def test_wal_mode(tmp_path, make_article):
    with Store(tmp_path / "k.db") as store:
        store.add(make_article(1))
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.version == LATEST


def test_readonly_refuses_writes(tmp_path, make_article):
    path = tmp_path / "k.db"
    with Store(path) as store:
        store.add(make_article(1))
    with Store(path, readonly=True) as ro:
        assert len(ro) == 1 and ro.get("art0001de") is not None
        with pytest.raises(StoreError, match="read-only"):
            ro.add(make_article(2))
        with pytest.raises(sqlite3.OperationalError, match="readonly"):  # SQLite itself refuses too
            ro._conn.execute("DELETE FROM articles")
    with Store(path) as store:
        assert len(store) == 1


def test_readonly_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_reader_reads_while_writer_writes(tmp_path, make_article):
    path = tmp_path / "k.db"
    with Store(path) as writer, Store(path, readonly=True) as reader:
        writer.add(make_article(1))
        conn = writer._conn
        conn.execute("BEGIN IMMEDIATE")  # a long ingest transaction holds the write lock
        conn.execute("INSERT INTO articles (id, text, removed, record, schema, ingested_at) "
                      "VALUES ('x', 'Sanktionen', '[]', '{}', 's', 'now')")
        assert len(reader) == 1  # not blocked, and sees only committed data
        assert [h.id for h in reader.search("Sanktionen")] == ["art0001de"]
        assert reader.stats()["articles"] == 1
        conn.execute("COMMIT")
        assert len(reader) == 2


def test_failing_article_leaves_store_intact(tmp_path, make_article):
    path = tmp_path / "k.db"
    good = make_article(1)
    base = make_article(2)
    # Two statements with the same id collide on the statements primary key half-way through.
    bad = base.replace(statements=base.statements * 2)
    with Store(path) as store:
        store.add(good)
        counts = store.stats()
        with pytest.raises(StoreError, match=r"/corpus/2.txt: cannot store article art0002de"):
            store.add(bad)
        assert not store.has(bad.id)
        assert store.stats() == counts
        assert store.search("Runde") and all(h.id == good.id for h in store.search("Runde"))
        assert store.check() == []
        assert store.add(base) is True  # the fixed article goes in afterwards


def test_iter_articles_and_find_ids(tmp_path, make_article):
    with Store(tmp_path / "k.db") as store:
        for i in (3, 1, 2):
            store.add(make_article(i))
        assert [a.id for a in store.iter_articles()] == ["art0003de", "art0001de", "art0002de"]
        assert store.find_ids("art000") == ["art0001de", "art0002de", "art0003de"]
        assert store.find_ids("art0002") == ["art0002de"]
        assert store.find_ids("zzz") == []


def test_stats(tmp_path, make_article):
    with Store(tmp_path / "k.db") as store:
        for i in range(3):
            store.add(make_article(i))
        store.add(make_article(7, "en"))
        s = store.stats()
    assert s["articles"] == 4
    assert s["languages"] == {"de": 3, "en": 1}
    assert s["outlets"] == {"RT": 3, "BBC": 1}
    assert s["state_affiliated"] == 3
    assert s["statements"] == 4 and s["events"] == 4 and s["entities"] == 8 and s["actors"] == 8
    assert s["event_types"] == {"SANCTION": 4}
    assert s["published"] == {"first": "2023-06-01", "last": "2023-06-08"}


def test_not_a_store(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a kiebitz store"):
        Store(junk)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a kiebitz store"):
        Store(other)
    assert _rows(other, "SELECT name FROM sqlite_master") == [("t",)]  # left untouched


def test_unencodable_text_is_a_store_error(tmp_path, make_article):
    base = make_article(2)
    bad = base.replace(text=base.text + " \udcff")  # a lone surrogate cannot be written as UTF-8
    with Store(tmp_path / "k.db") as store:
        store.add(make_article(1))
        with pytest.raises(StoreError, match="cannot store article art0002de"):
            store.add(bad)
        assert len(store) == 1 and not store.has(bad.id) and store.check() == []


def test_batch_failing_article_keeps_the_rest_of_its_batch(tmp_path, make_article):
    path = tmp_path / "k.db"
    base = make_article(3)
    bad = base.replace(statements=base.statements * 2)  # collides half-way through its rows
    with Store(path) as store, Store(path, readonly=True) as reader:
        with store.batch(size=100, seconds=3600):
            assert store.add(make_article(1)) and store.add(make_article(2))
            assert len(reader) == 0  # the batch is not committed yet: readers see nothing of it
            with pytest.raises(StoreError, match="cannot store article art0003de"):
                store.add(bad)
            assert store.add(make_article(4)) is True
            assert store.add(make_article(1)) is False  # known inside the open batch too
        assert sorted(a.id for a in reader.iter_articles()) == ["art0001de", "art0002de", "art0004de"]
        assert reader.stats()["statements"] == 3 and reader.stats()["events"] == 3
        assert store.check() == []
        assert [h.id for h in reader.search("Runde")] and store.add(base) is True


def test_batch_commits_by_size_and_on_exit(tmp_path, make_article):
    path = tmp_path / "k.db"
    with Store(path) as store, Store(path, readonly=True) as reader:
        with pytest.raises(KeyboardInterrupt), store.batch(size=2, seconds=3600):
            for i in range(5):
                store.add(make_article(i))
                assert len(reader) == (i + 1) // 2 * 2  # committed every second article
            raise KeyboardInterrupt  # however the block ends, whole articles are committed
        assert len(reader) == 5 and reader.stats()["statements"] == 5


def test_record_json_same_text_as_json_for_every_value_kind(make_article):
    """The fast (orjson) record text equals json's for strings, numbers, None, nesting; floats read back equal."""
    from kiebitz.model import Removed
    from kiebitz.store.rows import _ENCODE, record_json

    article = make_article(3).replace(
        title='Zitat: „nie“ \\ "quoted" \t tab – ü ß 😀', removed=(Removed("Teilen ✓", "share prompt"),),
        section=None)
    plain = {k: v for k, v in article.to_dict().items() if k != "text"}
    assert record_json(article) == json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    assert record_json(article) == _ENCODE(plain)
    for value in (0.1, 1 / 3, 55.75, 1e-05, 1e16, 123456789.125, 0.0, -2.5):
        event = dataclasses.replace(article.events[0], confidence=value)
        stored = json.loads(record_json(article.replace(events=(event,))))
        assert stored["events"][0]["confidence"] == value


def test_batch_collects_cycles_at_each_commit_and_restores_the_collector(tmp_path, make_article):
    """Inside a batch the cyclic collector is off; each commit collects what the batch left, the end restores it."""
    import gc
    import weakref

    class Node:
        pass

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with Store(tmp_path / "k.db") as store, store.batch(size=2, seconds=3600):
        assert not gc.isenabled()
        cycle = Node()
        cycle.me = cycle  # garbage only the cycle detector can free
        alive = weakref.ref(cycle)
        del cycle
        store.add(make_article(1))
        assert alive() is not None  # not collected inside the batch
        store.add(make_article(2))  # the batch commits: its garbage is collected, the survivors frozen
        assert alive() is None and gc.get_freeze_count() > 0
        store.add(make_article(3))
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:  # a caller that turned the collector off keeps it off
        with Store(tmp_path / "k.db") as store, store.batch(size=1):
            store.add(make_article(4))
            assert gc.get_freeze_count() == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_record_serialiser_matches_the_model(make_article):
    """The writer's faster record conversion gives exactly Article.to_dict(), for every kind of item."""
    from kiebitz.model import Removed
    from kiebitz.store.rows import record_json, to_record

    for i, lang in ((1, "de"), (2, "en")):
        article = make_article(i, lang)
        article = article.replace(removed=(Removed("Teilen auf Facebook – Über uns", "share prompt"),))
        assert to_record(article) == article.to_dict()
        assert list(to_record(article)) == list(article.to_dict())  # contract order
        assert json.loads(record_json(article)) == {k: v for k, v in article.to_dict().items() if k != "text"}
        # the same text, byte for byte, as serialising the plain record (what the writer stored before)
        plain = {k: v for k, v in article.to_dict().items() if k != "text"}
        assert record_json(article) == json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
        assert record_json(article) == record_json(article, article.to_dict())


def test_batch_add_of_a_stored_article_changes_nothing(tmp_path, make_article):
    with Store(tmp_path / "k.db") as store:
        with store.batch():
            assert store.add(make_article(1)) is True
            assert store.add(make_article(1)) is False  # in the same open batch
        with store.batch():
            assert store.add(make_article(1)) is False  # committed earlier
        assert len(store) == 1
        c = store.connection
        assert c.execute("SELECT count(*) FROM statements").fetchone()[0] == 1
        assert c.execute("SELECT count(*) FROM corpus_minhash").fetchone()[0] == 1
        assert c.execute("SELECT sum(num_mentions) FROM corpus_statement_clusters").fetchone()[0] == 1


@pytest.mark.parametrize("n", [1, 3, 40])  # one row; one statement with n VALUES groups; executemany
def test_appended_rows_get_the_rowids_it_returns(tmp_path, n):
    from kiebitz.store.rows import _appended

    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    conn.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, name TEXT, k INTEGER)")
    conn.executemany("INSERT INTO t (seq, name, k) VALUES (?, ?, ?)", [(5, "x", 0), (9, "y", 0)])
    conn.execute("DELETE FROM t WHERE seq = 9")  # the next rowid is max + 1 = 6
    rows = [(f"r{i}", i) for i in range(n)]
    got = _appended(conn, "INSERT INTO t (name, k) VALUES (?, ?)", rows)
    assert got == [r[0] for r in conn.execute("SELECT seq FROM t WHERE name != 'x' ORDER BY seq")]
    assert [tuple(r) for r in conn.execute("SELECT name, k FROM t WHERE seq >= 6 ORDER BY seq")] == rows
    assert got == list(range(6, 6 + n))
