"""The analyst's queries over a store with hand-built articles (and over an empty one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiebitz.corpus import queries as q
from kiebitz.model import Actor
from kiebitz.store import Store
from kiebitz.store.query import MAX_TERMS
from tests.corpus.factory import BODY, OTHER_BODY, THIRD_BODY, article

EN_BODY = (
    "The United States imposed a new sanction on Russian banks on Tuesday, officials in Washington said. "
    "Moscow condemned the measure and warned of a response against American companies operating in Russia."
)
LAWROW = Actor("a1", "Sergej Lawrow", "person", country="RUS", code="RUSGOV")


@pytest.fixture()
def conn(tmp_path: Path):
    with Store(tmp_path / "k.db") as store:
        store.add(article("a" * 16))
        store.add(article("b" * 16, text=OTHER_BODY, domain="taz.de", outlet="taz", published="2023-06-20"))
        store.add(article("c" * 16, text="Quelllink\n" + BODY + "\nTeilen", domain="snanews.de", outlet="SNA"))
        store.add(article("d" * 16, text=THIRD_BODY, domain="dw.com", outlet="DW", published="2023-09-01",
                          quote="keine Grundlage für einen Dialog über strategische Fragen", event_type="ACCUSE",
                          actors=(LAWROW, *article("x").actors[1:])))
        store.add(article("e" * 16, text=EN_BODY, language="en", title="US sanctions banks", domain="bbc.co.uk",
                          outlet="BBC", quote=None, event_type="SANCTION", published="2023-06-21",
                          actors=(article("x").actors[0], Actor("a2", "USA", "state", country="USA", code="USA"),
                                  Actor("a3", "Russia", "state", country="RUS", code="RUS"))))
        yield store.connection


def test_quotes_by_speaker_and_date(conn) -> None:
    rows = q.quotes(conn, speaker="Rjabkow")
    assert len(rows) == 1
    r = rows[0]
    assert r["speaker"] == "Sergej Rjabkow" and r["articles"] == 2 and r["sources"] == 3
    assert set(r["outlets"].split(",")) == {"de.rt.com", "taz.de", "snanews.de"}
    assert q.quotes(conn, speaker="sergej RJABKOW")[0]["id"] == r["id"]  # case and first name do not matter
    assert q.quotes(conn, speaker="Rjabkow", since="2023-07-01") == []
    assert [x["speaker"] for x in q.quotes(conn, since="2023-07-01")] == ["Sergej Lawrow"]
    assert len(q.quotes(conn)) == 2
    assert [x["speaker"] for x in q.quotes(conn, text="Sanktion")] == ["Sergej Rjabkow"]  # stemmed
    assert [x["speaker"] for x in q.quotes(conn, text="Dialoge")] == ["Sergej Lawrow"]
    assert q.quotes(conn, text="Wetter") == [] and q.quotes(conn, text="((") == []


def test_events_by_actor_recipient_and_type(conn) -> None:
    rows = q.events(conn, actor="RUS", recipient="USA", type="reject")
    assert len(rows) == 1 and rows[0]["mentions"] == 2 and rows[0]["sources"] == 3
    assert q.events(conn, actor="USA", recipient="RUS")[0]["type"] == "SANCTION"
    assert q.events(conn, actor="RUSGOV") == []  # the Lawrow event's actor is Russia the state
    assert {r["type"] for r in q.events(conn, actor="RUS")} == {"REJECT", "ACCUSE"}
    assert q.events(conn, type="ASSAULT") == []
    assert [r["type"] for r in q.events(conn, since="2023-08-01")] == ["ACCUSE"]
    # Clusters are country-level; the members' full codes are listed beside them.
    assert (rows[0]["actors"], rows[0]["recipients"]) == ("RUS", "USA")
    assert (rows[0]["actor_codes"], rows[0]["recipient_codes"]) == ("RUS", "USA")


def test_actors_and_outlets_count_duplicates_once(conn) -> None:
    actors = {r["name"]: r for r in q.actors(conn)}
    assert actors["Sergej Rjabkow"]["articles"] == 3  # a, b, e; c is a copy of a
    assert actors["Sergej Rjabkow"]["statements"] == 2
    assert actors["Russland"]["events"] == 4  # "Russia" in the English article is the same state
    assert "Russia" not in actors
    assert [r["name"] for r in q.actors(conn, name="lawrow")] == ["Sergej Lawrow"]
    assert actors["Sergej Rjabkow"]["key"] == "person:sergej rjabkow" and actors["Russland"]["key"] == "state:RUS"
    outlets = {r["source"]: r for r in q.outlets(conn)}
    assert outlets["snanews.de"]["articles"] == 0 and outlets["snanews.de"]["duplicates"] == 1
    assert outlets["de.rt.com"]["state_affiliated"] == 1


def test_counts(conn) -> None:
    counts = q.corpus_counts(conn)
    assert counts == {"unique_articles": 4, "duplicates": 1, "sources": 5, "statement_clusters": 2,
                      "event_clusters": 3}


def test_stemmed_search_finds_inflected_forms(conn) -> None:
    # "Sanktion" appears nowhere; "Sanktionen" does, in German; English "sanctions" vs "sanction".
    ids = {r["id"] for r in q.search(conn, "Sanktion")}
    assert {"a" * 16, "b" * 16, "c" * 16} <= ids
    assert {r["id"] for r in q.search(conn, "sanctions")} == {"e" * 16}
    assert {r["id"] for r in q.search(conn, "verhandlung")} >= {"a" * 16}
    hit = q.search(conn, "Sanktion")[0]
    assert "Sanktionen" in hit["snippet"]
    assert q.count(conn, "Sanktion") == len(ids)
    assert q.search(conn, '"neue Sanktion"')  # a phrase, stemmed
    assert q.search(conn, "sankt*")  # a prefix
    assert q.search(conn, "((( OR") == []  # junk is never an FTS5 syntax error
    stmts = q.search_statements(conn, "Sanktion")
    assert {s["article_id"] for s in stmts} == {"a" * 16, "b" * 16, "c" * 16}


def test_stemmed_search_survives_control_characters_and_long_queries(conn) -> None:
    # NUL ends an SQLite string and lone surrogates cannot be encoded: both are spaces.
    assert {r["id"] for r in q.search(conn, "Sankt\x00ion")} == set()
    assert q.search(conn, "Sanktion\ud800")
    pasted = " ".join(f"wort{i}" for i in range(500))
    assert q.stemmed_fts(pasted).count("AND") < MAX_TERMS
    assert q.article_fts(conn, pasted).count("AND") < MAX_TERMS
    assert q.search(conn, pasted) == []


def test_article_search_expands_words_to_the_indexed_forms_with_their_stems(tmp_path: Path) -> None:
    # One index of the article text (articles_fts, words as written): a query word matches every
    # indexed word sharing a German, English or folded stem with it.
    texts = {
        "f" * 16: ("de", "Die Maßnahmen an der Hauptstraße wurden verschärft, sagte der Bürgermeister gestern."),
        "g" * 16: ("de", "Neue Massnahmen gegen die Inflation: die Regierung beschloss ein großes Paket."),
        "h" * 16: ("en", "The new policies of the government were criticised by the opposition on Monday."),
        "i" * 16: ("en", "The police arrested two people after the protest in the capital on Monday evening."),
    }
    with Store(tmp_path / "k.db") as store:
        for aid, (lang, text) in texts.items():
            store.add(article(aid, text=text, language=lang, quote=None, actors=(), event_type=None))
        c = store.connection
        found = lambda query: {r["id"] for r in q.search(c, query)}  # noqa: E731
        assert found("Maßnahme") == found("massnahme") == {"f" * 16, "g" * 16}  # ß and ss alike
        assert found("groß") == found("GROSS") == {"g" * 16}
        assert found("policy") == {"h" * 16}  # English y -> i; "police" is another stem
        assert found("Hauptstrasse") == {"f" * 16}
        assert found('"neue Massnahme"') == {"g" * 16}  # a phrase of the words' indexed forms
        assert found('"Massnahme neue"') == set()  # in order
        assert found("massnahmen OR police") == {"f" * 16, "g" * 16, "i" * 16}
        assert found("verscharf*") == {"f" * 16}  # a prefix as typed (accents ignored)
        assert q.count(c, "Maßnahmen") == 2
        snippets = {h.id: h.snippet for h in q.search_hits(c, "massnahme")}
        assert "[Maßnahmen]" in snippets["f" * 16] and "[Massnahmen]" in snippets["g" * 16]


def test_a_store_with_the_stemmed_article_shadow_is_upgraded(tmp_path: Path) -> None:
    import sqlite3

    from kiebitz.corpus.schema import CORPUS_V3
    from kiebitz.store import schema

    db = tmp_path / "k.db"
    with Store(db) as store:
        store.add(article("a" * 16))
    # As the previous schema version left it: a second, stemmed index of the article text.
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE corpus_articles_vocab")
    conn.execute("CREATE VIRTUAL TABLE corpus_articles_stem USING fts5(title, text, content='')")
    conn.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index(CORPUS_V3)}")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.version == schema.LATEST
        names = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master")}
        assert "corpus_articles_stem" not in names and "corpus_articles_vocab" in names
        assert [r["id"] for r in q.search(store.connection, "Sanktion")] == ["a" * 16]


def test_queries_on_an_empty_store(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        c = store.connection
        assert q.quotes(c, speaker="x") == [] and q.events(c, actor="RUS") == []
        assert q.actors(c) == [] and q.outlets(c) == [] and q.search(c, "x") == []
        assert q.corpus_counts(c)["unique_articles"] == 0


def test_event_rows_list_the_full_codes_of_a_country_level_cluster(tmp_path: Path) -> None:
    police = Actor("a2", "Polizei", "organization", country="GEO", sector="COP", code="GEOCOP")
    protesters = Actor("a3", "Demonstranten", "group", country="GEO", sector="CVL", code="GEOCVL")
    with Store(tmp_path / "k.db") as store:
        store.add(article("f" * 16, actors=(police, protesters), quote=None, event_type="COERCE"))
        rows = q.events(store.connection, actor="GEO")
    assert [(r["actors"], r["recipients"], r["actor_codes"], r["recipient_codes"]) for r in rows] == [
        ("GEO", "GEO", "GEOCOP", "GEOCVL")]
