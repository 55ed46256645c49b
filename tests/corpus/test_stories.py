"""Event and statement clusters built while storing hand-made articles, with GDELT-style counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiebitz.corpus.stories import actor_code, bigrams, containment
from kiebitz.corpus.stories_eval import build, measure
from kiebitz.corpus.variants import generated_sentences
from kiebitz.model import Actor
from kiebitz.store import Store
from tests.corpus.factory import BODY, OTHER_BODY, RJABKOW, THIRD_BODY, USA, article


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "k.db") as s:
        yield s


def clusters(store: Store, table: str) -> list[tuple]:
    return store.connection.execute(
        f"SELECT type_or_speaker, num_mentions, num_articles, num_sources, first_date, last_date FROM "
        f"(SELECT id, {'type' if table == 'event' else 'speaker_key'} AS type_or_speaker, num_mentions, "
        f"num_articles, num_sources, first_date, last_date FROM corpus_{table}_clusters) ORDER BY id"
    ).fetchall()


def test_same_event_in_three_outlets_is_one_cluster_and_a_copy_adds_a_source_only(store: Store) -> None:
    # Three distinct reports (three articles, three outlets) and one copy (a fourth outlet, not an article).
    store.add(article("a" * 16))
    store.add(article("b" * 16, text=OTHER_BODY, domain="taz.de", outlet="taz", published="2023-06-20"))
    store.add(article("c" * 16, text=THIRD_BODY, domain="dw.com", outlet="DW",
                      published="2023-06-21"))
    # A repost of the first article on another site: a duplicate, counted once.
    store.add(article("d" * 16, text="Quelllink\n" + BODY + "\nTeilen", domain="snanews.de", outlet="SNA"))
    rows = clusters(store, "event")
    assert rows == [("REJECT", 3, 3, 4, "2023-06-19", "2023-06-21")]


def test_event_weeks_later_or_with_swapped_roles_is_another_cluster(store: Store) -> None:
    store.add(article("a" * 16))
    store.add(article("b" * 16, text=OTHER_BODY, published="2023-07-30"))
    swapped = (RJABKOW, Actor("a2", "USA", "state", country="USA", code="USA"),
               Actor("a3", "Russland", "state", country="RUS", code="RUS"))
    store.add(article("c" * 16, text=THIRD_BODY, actors=swapped))
    rows = store.connection.execute(
        "SELECT actor_codes, recipient_codes, first_date FROM corpus_event_clusters ORDER BY id").fetchall()
    assert rows == [("RUS", "USA", "2023-06-19"), ("RUS", "USA", "2023-07-30"), ("USA", "RUS", "2023-06-19")]


def test_event_date_of_day_precision_wins_over_publication_date(store: Store) -> None:
    store.add(article("a" * 16, published="2023-06-25", event_date="2023-06-19"))
    store.add(article("b" * 16, text=OTHER_BODY, published="2023-06-19"))
    assert store.connection.execute("SELECT count(*) FROM corpus_event_clusters").fetchone()[0] == 1


def test_partial_and_reworded_quotes_join_one_statement_with_its_sources(store: Store) -> None:
    store.add(article("a" * 16))
    partial = "Verhandlungen seien unmöglich, solange Washington neue Sanktionen"
    store.add(article("b" * 16, text=OTHER_BODY + " " + partial, quote=partial, domain="taz.de", outlet="taz"))
    store.add(article("c" * 16, text=THIRD_BODY + " Er sagte, man plane keine Gespräche mit Washington vor Herbst.",
                      quote="man plane keine Gespräche mit Washington vor Herbst", domain="dw.com"))
    rows = store.connection.execute(
        "SELECT speaker_key, text, num_articles, num_sources FROM corpus_statement_clusters ORDER BY id").fetchall()
    assert rows[0] == ("rjabkow", "Verhandlungen seien unmöglich, solange Washington neue Sanktionen verhänge", 2, 2)
    assert rows[1][0] == "rjabkow" and rows[1][2] == 1
    assert len(rows) == 2


def test_empty_articles_make_no_clusters(store: Store) -> None:
    store.add(article("a" * 16, quote=None, event_type=None, actors=()))
    assert clusters(store, "event") == [] and clusters(store, "statement") == []


def test_helpers() -> None:
    assert actor_code(RJABKOW, "x") == "RUS"
    assert actor_code(Actor("a", "Kreml", "organization", code="RUSGOV"), "x") == "RUS"
    assert actor_code(Actor("a", "Hamas", "group"), "x") == "hamas"
    assert actor_code(None, "a9") == "a9" and actor_code(USA, "x") == "USA"
    assert containment(bigrams("a b c d"), bigrams("„A b, c“")) == 1.0


def test_clustering_on_synthetic_variants_is_accurate() -> None:
    articles, ge, gq = build(generated_sentences(2000, seed=1), 25, seed=1)
    scores = measure(articles, ge, gq)
    assert scores["events"][2] >= 0.9 and scores["statements"][2] >= 0.9


def test_two_events_of_one_article_in_one_cluster_count_one_article_and_one_source(store: Store) -> None:
    """A member joining a cluster counts its article and source only if no other member had them."""
    from kiebitz.model import Event, Evidence

    one = article("a" * 16)
    twice = one.replace(events=(*one.events, Event("e2", "REJECT", None, ("a2",), ("a3",), "asserted",
                                                      Evidence(0, 20), trigger="weist zurück")))
    store.add(twice)
    assert clusters(store, "event") == [("REJECT", 2, 1, 1, "2023-06-19", "2023-06-19")]
    store.add(article("b" * 16, text=OTHER_BODY, published="2023-06-20"))  # the same outlet, another article
    assert clusters(store, "event") == [("REJECT", 3, 2, 1, "2023-06-19", "2023-06-20")]


def test_cluster_codes_known_in_memory_are_forgotten_when_a_batch_rolls_back(store: Store) -> None:
    """A code row skipped because it was written must still be written when that write was rolled back."""
    from kiebitz.errors import StoreError

    def codes() -> set[tuple]:
        return set(store.connection.execute("SELECT cluster_id, role, code FROM corpus_event_cluster_codes"))

    store.add(article("a" * 16))
    assert codes() == {(1, "actor", "RUS"), (1, "recipient", "USA")}
    kremlin = Actor("a2", "Kreml", "government", country="RUS", code="RUSGOV")
    joined = article("b" * 16, text=OTHER_BODY, domain="taz.de", outlet="taz", actors=(RJABKOW, kremlin, USA))
    with store.batch(size=100):
        store.add(joined)  # joins cluster 1 and brings the code RUSGOV
        with pytest.raises(StoreError):
            store.add(article("x" * 16, text=THIRD_BODY + " \udcff"))  # rolls back, then redoes b
        store.add(article("c" * 16, text=THIRD_BODY, domain="dw.com", outlet="DW", actors=(RJABKOW, kremlin, USA)))
    assert codes() == {(1, "actor", "RUS"), (1, "actor", "RUSGOV"), (1, "recipient", "USA")}
    assert store._codes.rows == codes()
    assert clusters(store, "event") == [("REJECT", 3, 3, 3, "2023-06-19", "2023-06-19")]
