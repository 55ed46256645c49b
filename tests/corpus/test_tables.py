"""The table rows of an article: columns exactly as declared, stable ids, empty items handled."""

from __future__ import annotations

import pyarrow as pa

from kiebitz import tables
from kiebitz.tables import COLUMNS, TABLES, article_rows
from tests.corpus.factory import article


def test_rows_have_exactly_the_declared_columns() -> None:
    rows = article_rows(article("a" * 16), duplicate_of=None)
    assert set(rows) == set(TABLES)
    for table in TABLES:
        for row in rows[table]:
            assert list(row) == [c for c, _ in COLUMNS[table]], table
    assert len(rows["actors"]) == 3 and len(rows["statements"]) == 1 and len(rows["events"]) == 1


def test_ids_are_store_wide_and_references_resolve() -> None:
    rows = article_rows(article("a" * 16))
    actor_ids = {r["id"] for r in rows["actors"]}
    ev = rows["events"][0]
    assert ev["id"] == "aaaaaaaaaaaaaaaa:e1"
    assert set(ev["actor_ids"]) <= actor_ids and set(ev["recipient_ids"]) <= actor_ids
    assert ev["actor_codes"] == ["RUS"] and ev["recipient_codes"] == ["USA"]
    assert rows["statements"][0]["speaker_id"] in actor_ids
    assert rows["statements"][0]["speaker_name"] == "Sergej Rjabkow"
    assert ev["evidence_text"] == article("a" * 16).text[:50]


def test_article_without_items_and_schemas_accept_rows() -> None:
    rows = article_rows(article("b" * 16, quote=None, event_type=None, actors=()), duplicate_of="a" * 16)
    assert rows["articles"][0]["duplicate_of"] == "a" * 16
    assert rows["actors"] == rows["statements"] == rows["events"] == []
    full = article_rows(article("a" * 16))
    for table in TABLES:
        t = pa.Table.from_pylist(full[table], schema=tables.SCHEMAS[table])
        assert t.num_rows == len(full[table])
        assert t.schema.names == [c for c, _ in COLUMNS[table]]
