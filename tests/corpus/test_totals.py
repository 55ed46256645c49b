"""Outlet and actor totals summed per transaction give the same rows as one upsert per article."""

from __future__ import annotations

import random
import sqlite3

from kiebitz.corpus import indexer
from kiebitz.corpus.schema import CORPUS_V1


def _tables() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    for statement in CORPUS_V1.split(";"):
        if "corpus_outlet_totals" in statement or "corpus_actor_totals" in statement:
            conn.execute(statement)
    return conn


def test_summed_totals_equal_one_upsert_per_article() -> None:
    rng = random.Random(3)

    def maybe(value: object) -> object:
        return None if rng.random() < 0.3 else value

    outlets = [(rng.choice(["a.example", "b.example", ""]), maybe(rng.choice(["A", "B"])), maybe("a.example"),
                maybe(rng.choice(["DEU", "RUS"])), maybe(rng.choice([0, 1])), *rng.choice([(1, 0), (0, 1)]),
                *([maybe(f"2023-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")] * 2)) for _ in range(300)]
    actors = [(rng.choice(["state:RUS", "person:rjabkow", "org:nato"]), rng.choice(["X", "Y"]), "person",
               maybe(rng.choice(["RUSGOV", "RUS"])), maybe(rng.choice(["RUS", "USA"])), 1, rng.randint(0, 2),
               rng.randint(0, 2)) for _ in range(300)]
    one, summed = _tables(), _tables()
    # Rows stored before the transaction, some with missing names and dates.
    for conn in (one, summed):
        conn.execute(indexer._OUTLET_TOTALS, ("a.example", None, "a.example", None, None, 5, 1, None, None))
        conn.execute(indexer._ACTOR_TOTALS, ("state:RUS", "Russland", "state", None, None, 2, 0, 1))
    for row in outlets:
        one.execute(indexer._OUTLET_TOTALS, row)
    for row in actors:
        one.execute(indexer._ACTOR_TOTALS, row)
    totals = indexer.Totals()
    for row in outlets:
        totals.outlet(row)
    for row in actors:
        totals.actor(row)
    totals.write(summed)
    for table in ("corpus_outlet_totals", "corpus_actor_totals"):
        sql = f"SELECT * FROM {table} ORDER BY 1"
        assert one.execute(sql).fetchall() == summed.execute(sql).fetchall()
    assert not totals.outlets and not totals.actors


def test_groups_and_organisations_keep_their_country_in_the_key() -> None:
    assert indexer.actor_key("group", "Menschen", "POLCVL", "POL") != indexer.actor_key("group", "Menschen", "TCDCVL", "TCD")
    assert indexer.actor_key("organization", "Polizei", "GEOCOP", "GEO") == "organization:GEO:polizei"
    assert indexer.actor_key("organization", "EU", "IGOEUREEC", None) == "organization:eu"
    assert indexer.actor_key("person", "Sergej Rjabkow", "RUSGOV", "RUS") == "person:sergej rjabkow"
    assert indexer.actor_key("state", "Russland", "RUSGOV", "RUS") == "state:RUS"


def test_an_older_store_recounts_its_actor_totals_under_the_new_keys(tmp_path) -> None:  # noqa: ANN001
    from kiebitz.model import Actor
    from kiebitz.store import Store, schema

    from .factory import store_two_countries

    polish = Actor("a1", "Menschen", "group", country="POL", sector="CVL", code="POLCVL")
    chadian = Actor("a1", "Menschen", "group", country="TCD", sector="CVL", code="TCDCVL")
    db = tmp_path / "k.db"
    store_two_countries(db, polish, chadian)
    conn = sqlite3.connect(db)
    # As the previous version counted them: one "Menschen" for both articles.
    conn.execute("DELETE FROM corpus_actor_totals WHERE kind = 'group'")
    conn.execute("INSERT INTO corpus_actor_totals VALUES ('group:menschen', 'Menschen', 'group', 'POLCVL', 'POL', 2, 0, 0)")
    from kiebitz.corpus.schema import _rekey_actor_totals

    conn.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index(_rekey_actor_totals)}")  # just before the recount
    conn.commit()
    conn.close()
    with Store(db) as store:
        rows = store.connection.execute(
            "SELECT key, country, articles FROM corpus_actor_totals WHERE kind = 'group' ORDER BY key").fetchall()
        states = store.connection.execute(
            "SELECT key, articles FROM corpus_actor_totals WHERE kind = 'state' ORDER BY key").fetchall()
    assert rows == [("group:POL:menschen", "POL", 1), ("group:TCD:menschen", "TCD", 1)]
    assert states == [("state:RUS", 2), ("state:USA", 2)]


def test_an_office_without_a_name_is_keyed_by_its_country() -> None:
    key = indexer.actor_key
    assert key("person", "Außenminister", None, "DEU") == "role:DEU:aussenminister"
    assert key("person", "Außenminister", None, "FRA") != key("person", "Außenminister", None, "DEU")
    assert key("person", "finance minister", None, None) == "role:?:finance minister"
    assert key("person", "Kremlsprecher", "RUSGOV", "RUS") == "role:RUS:kremlsprecher"  # a compound of a role
    assert key("person", "officials", None, "USA") == "role:USA:officials"
    assert key("person", "Annalena Baerbock", None, "DEU") == "person:annalena baerbock"
    assert indexer.key_country("role:?:sprecher") == "?"
    assert indexer.key_country("group:POL:menschen") == "POL"
    assert indexer.key_country("person:annalena baerbock") is None
    assert indexer.key_country("state:RUS") is None


def test_the_office_recount_splits_unnamed_ministers_by_country(tmp_path) -> None:  # noqa: ANN001
    from kiebitz.model import Actor
    from kiebitz.store import Store, schema

    from .factory import store_two_countries

    german = Actor("a1", "Außenminister", "person", country="DEU", sector="GOV", roles=("Außenminister",))
    french = Actor("a1", "Außenminister", "person", country="FRA", sector="GOV", roles=("Außenminister",))
    db = tmp_path / "k.db"
    store_two_countries(db, german, french)
    conn = sqlite3.connect(db)
    # As the previous version counted them: one "Außenminister" for both articles.
    conn.execute("DELETE FROM corpus_actor_totals WHERE kind = 'person'")
    conn.execute("INSERT INTO corpus_actor_totals VALUES "
                 "('person:aussenminister', 'Außenminister', 'person', NULL, 'DEU', 2, 0, 0)")
    from kiebitz.corpus.schema import _rekey_offices

    # Just before the office recount (the last step that is this function; later steps follow it).
    before = len(schema.MIGRATIONS) - 1 - schema.MIGRATIONS[::-1].index(_rekey_offices)
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    with Store(db) as store:
        rows = store.connection.execute(
            "SELECT key, country, articles FROM corpus_actor_totals WHERE kind = 'person' ORDER BY key").fetchall()
    assert rows == [("role:DEU:aussenminister", "DEU", 1), ("role:FRA:aussenminister", "FRA", 1)]
