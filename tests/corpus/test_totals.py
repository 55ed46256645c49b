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
