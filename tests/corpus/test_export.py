"""Exports: Parquet that DuckDB reads, CSV, JSON Lines, PLOVER JSON Lines; stable ids across runs."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import duckdb
import pytest

from kiebitz.corpus.export import export, plover_records
from kiebitz.errors import KiebitzError
from kiebitz.model import Location
from kiebitz.store import Store
from tests.corpus.factory import BODY, OTHER_BODY, article

PLOVER_FIELDS = {"id", "date", "event", "mode", "context", "source", "target", "eventText", "text",
                 "language", "publication", "url", "coder", "version", "dateCoded"}


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "k.db") as s:
        s.add(article("a" * 16))
        s.add(article("b" * 16, text=OTHER_BODY, domain="taz.de", outlet="taz"))
        s.add(article("c" * 16, text="Quelllink\n" + BODY + "\nTeilen", domain="snanews.de"))
        s.add(article("d" * 16, text="Eine Meldung ohne Zitate und Ereignisse, nur Text über das Wetter.",
                      quote=None, event_type=None, actors=()))
        yield s


def test_parquet_opens_in_duckdb_with_stable_ids(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    written = export(store, out, "parquet")
    assert {p.name for p, _ in written.values()} == {"articles.parquet", "actors.parquet", "statements.parquet",
                                                      "events.parquet"}
    con = duckdb.connect()
    n, dups = con.execute(f"SELECT count(*), count(duplicate_of) FROM '{out}/articles.parquet'").fetchone()
    assert (n, dups) == (4, 1)
    rows = con.execute(
        f"SELECT e.id, e.type, a.name FROM '{out}/events.parquet' e, unnest(e.actor_ids) AS u(aid) "
        f"JOIN '{out}/actors.parquet' a ON a.id = u.aid ORDER BY e.id").fetchall()
    assert rows[0] == ("aaaaaaaaaaaaaaaa:e1", "REJECT", "Russland") and len(rows) == 3
    first = con.execute(f"SELECT list(id ORDER BY id) FROM '{out}/statements.parquet'").fetchone()[0]
    export(store, tmp_path / "again", "parquet")
    again = con.execute(f"SELECT list(id ORDER BY id) FROM '{tmp_path}/again/statements.parquet'").fetchone()[0]
    assert first == again == ["aaaaaaaaaaaaaaaa:s1", "bbbbbbbbbbbbbbbb:s1", "cccccccccccccccc:s1"]


def test_csv_and_jsonl(store: Store, tmp_path: Path) -> None:
    export(store, tmp_path / "csv", "csv")
    with open(tmp_path / "csv" / "events.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3 and json.loads(rows[0]["actor_codes"]) == ["RUS"]
    export(store, tmp_path / "jl", "jsonl")
    lines = (tmp_path / "jl" / "actors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 9 and json.loads(lines[0])["id"].endswith(":a1")
    assert (tmp_path / "jl" / "articles.jsonl").read_text(encoding="utf-8").count("\n") == 4


def test_plover_records_follow_the_interchange_fields(store: Store, tmp_path: Path) -> None:
    written = export(store, tmp_path / "pl", "plover")
    path, n = written["events"]
    assert path.name == "events.plover.jsonl" and n == 3
    rec = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert PLOVER_FIELDS <= set(rec)
    assert rec["event"] == "REJECT" and rec["source"] == [{"actorText": "Russland", "code": "RUS"}]
    assert rec["target"][0]["code"] == "USA" and rec["date"] == "2023-06-19"
    assert rec["text"] == BODY[:50] and rec["kiebitz"]["modality"] == "asserted"


def test_plover_location_and_sector() -> None:
    a = article("a" * 16)
    ev = dataclasses.replace(a.events[0], location=Location("Moskau", country="RUS", lat=55.75, lon=37.62))
    a = a.replace(events=(ev,), actors=(a.actors[0], dataclasses.replace(a.actors[0], id="a2"), a.actors[2]))
    rec = next(plover_records(a, "2024-01-01"))
    assert rec["eventLoc"] == {"name": "Moskau", "country code": "RUS", "lat": 55.75, "lon": 37.62}
    assert rec["source"] == [{"actorText": "Sergej Rjabkow", "code": "RUS", "sector": "GOV"}]


def test_unknown_format_is_an_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(KiebitzError, match="xml"):
        export(store, tmp_path, "xml")
