"""The store opens unchanged in datasette (README: `datasette kiebitz.db`)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

datasette_app = pytest.importorskip("datasette.app")


def _get(db: Path, url: str) -> tuple[int, object]:
    async def run() -> tuple[int, object]:
        ds = datasette_app.Datasette(immutables=[str(db)])  # immutable: opened read-only
        r = await ds.client.get(url)
        return r.status_code, r.json()

    return asyncio.run(run())


def test_datasette_lists_and_filters_the_tables(hand_db: Path) -> None:
    name = hand_db.stem
    status, tables = _get(hand_db, f"/{name}.json")
    assert status == 200
    names = {t["name"] for t in tables["tables"]}
    assert {"articles", "entities", "actors", "statements", "events", "event_actors"} <= names
    status, rows = _get(hand_db, f"/{name}/events.json?type=SANCTION&_shape=array")
    assert status == 200 and {r["article_id"] for r in rows} == {"art-full-0001", "art-copy-0003"}
    status, rows = _get(hand_db, f"/{name}/statements.json?speaker_name=Sergej+Rjabkow&_shape=array")
    assert len(rows) == 4


def test_datasette_full_text_search_with_the_fts_table(hand_db: Path) -> None:
    name = hand_db.stem
    url = f"/{name}/articles.json?_search=Sanktionen&_fts_table=articles_fts&_fts_pk=rowid&_shape=array"
    status, rows = _get(hand_db, url)
    assert status == 200 and {r["id"] for r in rows} == {"art-full-0001", "art-copy-0003"}
