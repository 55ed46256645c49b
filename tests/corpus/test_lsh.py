"""The in-memory LSH band index: same candidates as a plain dict, kept in step with the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from kiebitz.corpus import lsh
from kiebitz.corpus.dedup import Deduper, MemoryIndex
from kiebitz.errors import StoreError
from kiebitz.store import Store
from tests.corpus.factory import BODY, article

REPOST = "Quelllink\n" + BODY + "\nTeilen auf Telegram und Facebook"


def _signatures(n: int, seed: int = 1) -> np.ndarray:
    """Random signatures, some sharing bands with earlier ones (as copies do)."""
    rng = np.random.default_rng(seed)
    sigs = rng.integers(0, 2**32, size=(n, 128), dtype=np.uint64).astype(np.uint32)
    for i in range(10, n, 7):  # every 7th shares a few bands with an earlier signature
        j = int(rng.integers(0, i))
        band = int(rng.integers(0, 40))
        sigs[i, band * 3 : band * 3 + 6] = sigs[j, band * 3 : band * 3 + 6]
    return sigs


def test_documents_too_large_to_pack_are_still_found() -> None:
    sigs = _signatures(3)
    keys = lsh.band_keys(sigs, 42, 3)
    index = lsh.BandIndex(42, 3)
    big = 2**lsh.DOC_BITS + 5
    index.add([7, big], keys[:2].tolist())  # the recent keys, merged below: the large document aside
    index._merge()
    index.add([big + 1], keys[2:3].tolist())  # still among the recent keys
    assert index.candidates(keys[0].tolist()) == {7}
    assert index.candidates(keys[1].tolist()) == {big}
    assert index.candidates(keys[2].tolist()) == {big + 1}
    assert index.candidates([int(keys[0][0]), int(keys[1][5])]) == {7, big}


def test_band_keys_separate_bands_and_match_one_by_one() -> None:
    sigs = _signatures(50)
    keys = lsh.band_keys(sigs, 42, 3)
    assert keys.shape == (50, 42) and keys.dtype == np.int64
    assert (keys[3] == lsh.band_keys(sigs[3], 42, 3)[0]).all()
    # The same values in two different bands give two different keys.
    same = np.zeros(128, dtype=np.uint32)
    assert len(set(lsh.band_keys(same, 42, 3)[0].tolist())) == 42
    d = Deduper(MemoryIndex())
    assert d.band_keys(sigs[0]) == keys[0].tolist()


@pytest.mark.parametrize("chunks", [[600], [1, 2, 50, 3, 400, 144], [300, 300]])
def test_candidates_equal_a_plain_dict_however_the_index_was_filled(chunks: list[int],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lsh, "MERGE_EVERY", 2000)  # merges of the recent keys happen during the test
    sigs = _signatures(sum(chunks))
    keys = lsh.band_keys(sigs, 42, 3)
    plain: dict[int, set[int]] = {}
    index = lsh.BandIndex(42, 3)
    start = 0
    for size in chunks:
        docs = list(range(start + 1, start + size + 1))  # docs from 1, as rowids
        index.add(docs, keys[start : start + size].tolist())
        for d in docs:
            for k in keys[d - 1].tolist():
                plain.setdefault(k, set()).add(d)
        start += size
    assert index.count == start and index.upto == start
    for i in range(start):
        want = set().union(*(plain.get(k, set()) for k in keys[i].tolist()))
        assert index.candidates(keys[i].tolist()) == want
    assert index.candidates(lsh.band_keys(_signatures(3, seed=99), 42, 3)[0].tolist()) == set()


def test_index_is_read_from_the_stored_signatures_and_follows_other_connections(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    with Store(db) as store:
        store.add(article("a" * 16))
    with Store(db) as one, Store(db) as two:
        # `one` reads the index from the store when it first looks for a copy.
        assert one.add(article("b" * 16, text=REPOST, domain="snanews.de", outlet="SNA"))
        assert one._bands is not None and one._bands.loaded and one._bands.count == 2
        # `two` stores an article; `one` must find copies of it after that commit.
        other = "Ganz anderer Text über den Haushalt. " * 12
        assert two.add(article("c" * 16, text=other, quote=None, event_type=None))
        assert one.add(article("d" * 16, text=other + " Update: korrigiert.", quote=None, event_type=None))
        assert one._bands.count == 4
        links = dict(one.connection.execute("SELECT article_id, original_id FROM corpus_duplicates").fetchall())
    assert links == {"b" * 16: "a" * 16, "d" * 16: "c" * 16}
    # Rows the index does not know about (here: written behind its back) make it read everything again.
    with Store(db) as store:
        store.add(article("e" * 16, text="Noch ein Text über Wetter und Sport am Wochenende. " * 10))
        bands = store._bands
        conn = sqlite3.connect(db)
        conn.execute("DELETE FROM corpus_minhash WHERE doc = 1")
        conn.commit()
        conn.close()
        store.add(article("f" * 16, text="Noch ein Text über Wetter und Sport am Sonntag. " * 10))
        assert bands is not None and bands.count == 5  # 6 articles, one signature deleted


def test_a_failing_article_in_a_batch_leaves_only_committed_keys(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    text = "Ein ganz anderer Bericht über Fußball und Wetter. " * 10
    with Store(db) as store:
        store.add(article("a" * 16))
        with store.batch(size=100):
            store.add(article("b" * 16, text=text))
            bad = article("x" * 16, text=text + " Nachtrag \udcff")  # a lone surrogate cannot be stored
            with pytest.raises(StoreError):
                store.add(bad)  # rolls the batch back and redoes "b"
            assert store.add(article("c" * 16, text=text + " Nachtrag."))
        assert store._bands is not None and store._bands.count == 3 == len(store)
        links = dict(store.connection.execute("SELECT article_id, original_id FROM corpus_duplicates").fetchall())
    assert links == {"c" * 16: "b" * 16}
    with Store(db) as store:  # and the same index read back from the store
        assert store.add(article("d" * 16, text=text + " Zweiter Nachtrag."))
        assert store._bands is not None and store._bands.count == 4
        original = store.connection.execute(
            "SELECT original_id FROM corpus_duplicates WHERE article_id = ?", ("d" * 16,)).fetchone()
    assert original == ("b" * 16,)


def test_a_store_with_the_old_lsh_table_is_upgraded_and_still_finds_copies(tmp_path: Path) -> None:
    from kiebitz.store import schema

    db = tmp_path / "k.db"
    with Store(db) as store:
        store.add(article("a" * 16))
    # As the previous schema version left it: band keys in a table of their own.
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE corpus_lsh (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc))"
                 " WITHOUT ROWID")
    conn.executemany("INSERT INTO corpus_lsh VALUES (?, 1)", [(k,) for k in range(42)])
    from kiebitz.corpus.schema import CORPUS_V2

    conn.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index(CORPUS_V2)}")  # just before the drop
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.version == schema.LATEST
        tables = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "corpus_lsh" not in tables
        assert store.add(article("b" * 16, text=REPOST, domain="snanews.de", outlet="SNA"))
        links = store.connection.execute("SELECT article_id, original_id FROM corpus_duplicates").fetchall()
    assert links == [("b" * 16, "a" * 16)]


def test_offsets_kept_up_to_date_equal_offsets_counted_afresh() -> None:
    """Adding keys moves the bucket starts by the added keys only; the result equals a full count."""
    sigs = _signatures(900, seed=5)
    keys = lsh.band_keys(sigs, 42, 3)
    index = lsh.BandIndex(42, 3)
    for start, size in ((0, 800), (800, 10), (810, 90)):  # 33,600 to 37,800 keys: the same buckets
        index.add(list(range(start + 1, start + size + 1)), keys[start : start + size])
        index._merge()  # the small additions wait among the recent keys until merged
        assert int(index.shift) == 64 - 13
        fresh = lsh.BandIndex(42, 3)
        fresh._insert(index.keys.view(np.int64) & ~np.int64(lsh._DOC_MASK_INT), index.keys.view(np.int64) & lsh._DOC_MASK_INT)
        assert (fresh.keys == index.keys).all() and fresh.shift == index.shift
        assert (fresh.offsets == index.offsets).all()
    for i in range(0, 900, 37):
        assert i + 1 in index.candidates(keys[i].tolist())


def test_exact_copies_are_found_in_memory_across_runs_and_connections(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    text = "Ein ganz eigener Text über Brücken und Flüsse im Norden. " * 6
    with Store(db) as store:
        assert store.add(article("a" * 16, text=text, quote=None, event_type=None))
    with Store(db) as one, Store(db) as two:
        # Read with the signatures: the copy (other case and spacing) is exact, found without a query.
        assert one.add(article("b" * 16, text=text.upper().replace(" ", "  "), quote=None, event_type=None))
        assert one._bands is not None and len(one._bands.exact) == 1  # b is the same hash as a
        other = "Noch ein Text, diesmal über Berge und Seen im Süden. " * 6
        assert two.add(article("c" * 16, text=other, quote=None, event_type=None))
        # `two` committed: `one` catches up with its hashes too.
        assert one.add(article("d" * 16, text=other.lower(), quote=None, event_type=None))
        links = one.connection.execute(
            "SELECT article_id, original_id, method FROM corpus_duplicates ORDER BY article_id").fetchall()
    assert links == [("b" * 16, "a" * 16, "exact"), ("d" * 16, "c" * 16, "exact")]
    names = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "corpus_minhash_exact" not in names


def test_signature_ring_returns_the_stored_signatures_of_the_latest_documents() -> None:
    """The ring holds the last `slots` documents' signatures; older ones (and unknown ones) are misses."""
    sigs = _signatures(40, seed=3)
    index = lsh.BandIndex(42, 3, slots=16)
    docs = list(range(1, 41))
    index.add(docs[:30], lsh.band_keys(sigs[:30], 42, 3), None, {d: sigs[d - 1] for d in docs[:30]})
    index.add(docs[30:], lsh.band_keys(sigs[30:], 42, 3), None, {d: sigs[d - 1] for d in docs[30:]})
    held, missing = index.signatures([3, 24, 25, 40, 41])
    assert sorted(held) == [25, 40] and missing == [3, 24, 41]  # 25..40 are the latest 16
    assert all((held[d] == sigs[d - 1]).all() for d in held)
    # One call with more documents than rows (a load): each row holds one document, with its own values.
    index = lsh.BandIndex(42, 3, slots=16)
    index.keep(np.asarray(docs, dtype=np.int64), sigs)
    held, missing = index.signatures(docs)
    assert sorted(held) == docs[-16:] and all((held[d] == sigs[d - 1]).all() for d in held)
    assert (index.sig_hits, index.sig_misses) == (16, 24)
    # Signatures of another length are not held (they are read from the store).
    index.keep(np.asarray([50], dtype=np.int64), [np.zeros(64, dtype=np.uint32)])
    assert index.signatures([50]) == ({}, [50])


def test_the_ring_gives_the_same_duplicates_as_the_store_and_follows_it(tmp_path: Path) -> None:
    """Duplicates found with the signatures in memory equal those found reading every one from SQLite."""
    db = tmp_path / "k.db"
    texts = [f"Bericht {i} über {w} und die Lage am Fluss, mit vielen weiteren Worten zum Thema {w}. " * 4
             for i, w in enumerate(["Brücken", "Berge", "Seen", "Wälder", "Städte", "Dörfer"])]
    with Store(db) as store:
        for i, t in enumerate(texts):
            store.add(article(f"{i:x}" * 16, text=t, quote=None, event_type=None))
    docs = [(100 + i, texts[i % 6] + f" Nachtrag {i}.") for i in range(12)]

    def run(slots: int) -> tuple[list, int, int]:
        with Store(db) as store:
            bands = store._bands
            assert bands is not None
            bands.__init__(bands.bands, bands.rows, slots)
            with store.batch():
                for doc, text in docs:
                    store.add(article(f"{doc:016x}", text=text, quote=None, event_type=None))
                    if doc == 105:
                        store.commit()  # the rest finds the first six among committed signatures
            links = store.connection.execute(
                "SELECT article_id, original_id, similarity, method FROM corpus_duplicates ORDER BY article_id"
            ).fetchall()
            return links, bands.sig_hits, bands.sig_misses

    import shutil
    shutil.copyfile(db, tmp_path / "copy.db")
    with_ring, hits, _ = run(lsh.SIGNATURE_SLOTS)
    shutil.copyfile(tmp_path / "copy.db", db)
    without, hits0, misses0 = run(0)
    assert with_ring == without and len(with_ring) >= 12  # each addition is a copy (the originals are alike too)
    assert hits > 0 and hits0 == 0 and misses0 > 0


def _splitmix_keys(values: list[int], bands: int, rows: int) -> list[int]:
    """The band keys in plain Python integers (the definition `lsh.band_keys` computes with numpy)."""
    mask, out = (1 << 64) - 1, []
    for band in range(bands):
        h = (band + 1) * 0x9E3779B97F4A7C15 & mask
        for r in range(rows):
            h ^= values[band * rows + r]
            h ^= h >> 30
            h = h * 0xBF58476D1CE4E5B9 & mask
            h ^= h >> 27
            h = h * 0x94D049BB133111EB & mask
            h ^= h >> 31
        out.append(h - (1 << 64) if h >> 63 else h)
    return out


def test_band_keys_equal_the_plain_integer_definition() -> None:
    rng = np.random.default_rng(3)
    sigs = rng.integers(0, 2**32, size=(5, 128), dtype=np.uint32)
    sigs[0] = 0xFFFFFFFF  # the empty text's signature
    many = lsh.band_keys(sigs, 42, 3)
    for sig, keys in zip(sigs, many, strict=True):
        expected = _splitmix_keys([int(x) for x in sig], 42, 3)
        assert keys.tolist() == expected
        assert lsh.band_keys(sig, 42, 3)[0].tolist() == expected
