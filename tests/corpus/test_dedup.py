"""Exact and near-duplicate detection, in memory and persisted in the store across sessions."""

from __future__ import annotations

from pathlib import Path

from kiebitz.corpus.dedup import Deduper, MemoryIndex, Signer, jaccard
from kiebitz.corpus.dedup_eval import score
from kiebitz.corpus.variants import generated_sentences, labelled_set
from kiebitz.store import Store
from tests.corpus.factory import BODY, article

OTHER = (
    "Die Bundesregierung hat am Mittwoch einen Entwurf für den Haushalt des kommenden Jahres vorgelegt. "
    "Finanzminister und Koalition streiten seit Wochen über Ausgaben für Bildung, Verteidigung und Rente. "
    "Opposition und Verbände kritisierten die Kürzungen im Sozialbereich als unausgewogen und kurzsichtig."
)


def test_exact_copy_ignores_case_spacing_and_punctuation() -> None:
    d = Deduper(MemoryIndex())
    assert d.add(1, BODY) is None
    m = d.add(2, "  " + BODY.upper().replace(".", " .").replace(" ", "  "))
    assert m is not None and m.original == 1 and m.method == "exact" and m.similarity == 1.0


def test_repost_with_boilerplate_is_near_duplicate_but_other_article_is_not() -> None:
    d = Deduper(MemoryIndex())
    d.add(1, BODY)
    repost = "Quelllink\nTeilen auf Facebook\n" + BODY + "\nFolgen Sie uns auf Telegram\nAlle Rechte vorbehalten."
    m = d.add(2, repost)
    assert m is not None and m.original == 1 and m.method == "near" and 0.4 <= m.similarity < 1.0
    assert d.add(3, OTHER) is None


def test_copy_of_a_copy_links_to_the_root_original() -> None:
    d = Deduper(MemoryIndex())
    d.add(1, BODY)
    d.add(2, BODY + " Das Außenministerium in Washington wollte sich nicht äußern.")
    m = d.add(3, BODY + " Das Außenministerium in Washington wollte sich nicht äußern. Update: Moskau bestätigte.")
    assert m is not None and m.original == 1


def test_short_texts_only_match_exactly() -> None:
    d = Deduper(MemoryIndex(), min_tokens=20)
    d.add(1, "Kurze Meldung über Sanktionen heute")
    assert d.add(2, "Kurze Meldung über Sanktionen gestern") is None
    assert d.add(3, "Kurze Meldung über Sanktionen heute") is not None


def test_signatures_are_deterministic_across_signers() -> None:
    a, b = Signer().sign(BODY), Signer().sign(BODY)
    assert a.exact == b.exact and jaccard(a.values, b.values) == 1.0


def test_duplicates_persist_in_the_store_across_sessions(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    with Store(db) as store:
        assert store.add(article("a" * 16))
    # A later, incremental run: the index of the first run is found in the store.
    with Store(db) as store:
        repost = "Quelllink\n" + BODY + "\nTeilen auf Telegram und Facebook"
        assert store.add(article("b" * 16, text=repost, domain="snanews.de", outlet="SNA"))
        assert store.add(article("c" * 16, text=OTHER, quote=None, event_type=None))
        rows = store.connection.execute(
            "SELECT article_id, original_id, method FROM corpus_duplicates").fetchall()
        assert rows == [("b" * 16, "a" * 16, "near")]
        stats = store.stats()
    assert stats["articles"] == 3 and stats["duplicates"] == 1 and stats["unique_articles"] == 2


def test_labelled_variants_are_found_with_the_default_settings() -> None:
    docs = labelled_set(generated_sentences(1500, seed=3), 40, seed=3)
    s = score(docs, shingle=2, threshold=0.4)
    assert s["P"] >= 0.95 and s["R"] >= 0.9
    # And a useless setting is caught by the same measure: 1-word shingles at a low threshold merge follow-ups.
    loose = score(docs, shingle=1, threshold=0.1)
    assert loose["P"] < s["P"]


def test_a_store_from_before_the_corpus_tables_is_indexed_on_upgrade(tmp_path: Path) -> None:
    import sqlite3

    from kiebitz.store import schema
    from kiebitz.store.rows import insert_article, insert_items

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=3)  # the store's own steps, before kiebitz.corpus
    conn.execute("BEGIN")
    for a in (article("a" * 16), article("b" * 16, text="Quelllink\n" + BODY + "\nTeilen", domain="snanews.de")):
        insert_article(conn, a)
        insert_items(conn, a)
    conn.execute("COMMIT")
    conn.close()
    with Store(path) as store:
        assert store.version == schema.LATEST
        assert store.stats()["duplicates"] == 1
        assert store.connection.execute("SELECT num_sources FROM corpus_event_clusters").fetchall() == [(2,)]


def test_direct_signature_equals_datasketch_minhash() -> None:
    """Signer.values computes datasketch's affine32 MinHash directly; persisted signatures must not change."""
    import random

    from kiebitz.corpus.dedup import Signer

    signer, rng = Signer(), random.Random(3)
    texts = ["", "eins", "zwei Wörter", "Straße STRASSE straße"] + [
        " ".join(rng.choice(["Sanktion", "talks", "ß", "x1", "Runde"]) + str(rng.randint(0, 40))
                 for _ in range(rng.randint(1, 150))) for _ in range(50)]
    for text in texts:
        assert (signer.sign(text).values == signer.reference(text)).all(), text


def test_a_signature_survives_pickling_with_its_values() -> None:
    import pickle

    import numpy as np

    from kiebitz.corpus.dedup import Signer

    sig = Signer().sign("Ein Text über Brücken, Flüsse und das Wetter im Norden des Landes.")
    back = pickle.loads(pickle.dumps(sig))
    assert (back.exact, back.size) == (sig.exact, sig.size)
    assert back.values.dtype == np.uint32 and back.values.shape == sig.values.shape
    assert (back.values == sig.values).all() and back.values.flags.writeable
