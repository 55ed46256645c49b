"""The corpus commands through click's CliRunner: every query in table/json/csv, export, stats, ingest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiebitz.cli import main
from kiebitz.store import Store
from tests.corpus.factory import BODY, OTHER_BODY, article
from tests.ingest.test_warc import write_warc


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "k.db"
    with Store(path) as store:
        store.add(article("a" * 16))
        store.add(article("b" * 16, text=OTHER_BODY, domain="taz.de", outlet="taz", published="2023-06-20"))
        store.add(article("c" * 16, text="Quelllink\n" + BODY + "\nTeilen", domain="snanews.de", outlet="SNA"))
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_quotes_in_three_formats(db: Path) -> None:
    assert json.loads(run("quotes", "--text", "Sanktion", "--db", str(db), "--format", "json"))[0]["sources"] == 3
    rows = json.loads(run("quotes", "--speaker", "Rjabkow", "--since", "2023-06-01", "--db", str(db),
                          "--format", "json"))
    assert len(rows) == 1 and rows[0]["sources"] == 3 and rows[0]["articles"] == 2
    table = run("quotes", "--speaker", "Rjabkow", "--db", str(db))
    assert "Sergej Rjabkow" in table and "Verhandlungen" in table
    rows = list(csv.DictReader(io.StringIO(run("quotes", "--db", str(db), "--format", "csv"))))
    assert rows[0]["speaker"] == "Sergej Rjabkow"
    assert json.loads(run("quotes", "--speaker", "Rjabkow", "--since", "2024-01-01", "--db", str(db),
                          "--format", "json")) == []


def test_events_actors_outlets(db: Path) -> None:
    rows = json.loads(run("events", "--actor", "RUS", "--recipient", "USA", "--type", "REJECT", "--db", str(db),
                          "--format", "json"))
    assert len(rows) == 1 and (rows[0]["mentions"], rows[0]["articles"], rows[0]["sources"]) == (2, 2, 3)
    assert "REJECT" in run("events", "--actor", "RUS", "--db", str(db))
    assert json.loads(run("events", "--actor", "USA", "--db", str(db), "--format", "json")) == []
    actors = list(csv.DictReader(io.StringIO(run("actors", "--db", str(db), "--format", "csv"))))
    assert {a["name"] for a in actors} == {"Sergej Rjabkow", "Russland", "USA"}
    outlets = json.loads(run("outlets", "stored", "--db", str(db), "--format", "json"))
    assert {o["source"]: o["duplicates"] for o in outlets}["snanews.de"] == 1


def test_stats_count_duplicates_once(db: Path) -> None:
    data = json.loads(run("stats", "--db", str(db), "--format", "json"))
    assert (data["articles"], data["unique_articles"], data["duplicates"]) == (3, 2, 1)
    assert data["event_clusters"] == 1 and data["statement_clusters"] == 1 and data["sources"] == 3
    text = run("stats", "--db", str(db))
    assert "unique articles:  2" in text


def test_search_stems_by_default(db: Path) -> None:
    data = json.loads(run("search", "Sanktion", "--db", str(db), "--format", "json"))
    assert data["total"] == 3 and "**Sanktionen**" in data["hits"][0]["snippet"]
    exact = json.loads(run("search", "Sanktion", "--db", str(db), "--format", "json", "--no-stem"))
    assert exact["total"] == 0


def test_export_command(db: Path, tmp_path: Path) -> None:
    out = run("export", "--format", "csv", "--out", str(tmp_path / "x"), "--db", str(db))
    assert "articles: 3 rows" in out and (tmp_path / "x" / "statements.csv").exists()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["quotes", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store" in result.output


def test_ingest_warc_paths_incrementally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kiebitz.pipeline.DEFAULT_PIPELINE", ("outlet",))
    path = tmp_path / "a.warc.gz"
    html = "<html><body><article>" + "".join(f"<p>{s}.</p>" for s in BODY.split(". ")) + "</article></body></html>"
    write_warc(path, [("https://de.rt.com/a", "text/html; charset=utf-8", html.encode(), "200 OK")])
    db = tmp_path / "w.db"
    assert "1 new" in run("ingest", str(path), "--db", str(db))
    assert "0 documents" in run("ingest", str(path), "--db", str(db))
    result = CliRunner().invoke(main, ["ingest", "--db", str(db)])
    assert result.exit_code != 0 and "--feed" in result.output


def test_ingest_feed_from_a_local_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.corpus.httpserver import Route, serve
    from tests.corpus.test_crawl import page, rss

    monkeypatch.setattr("kiebitz.pipeline.DEFAULT_PIPELINE", ("outlet",))
    routes = {"/n/0": Route(page(0)), "/n/1": Route(page(1))}
    db = tmp_path / "f.db"
    with serve(routes) as site:
        feed = tmp_path / "feed.xml"  # a feed file whose entries point at the local server
        feed.write_text(rss(site.base, [0, 1]), encoding="utf-8")
        assert "2 new" in run("ingest", "--feed", str(feed), "--db", str(db))
        assert "0 documents" in run("ingest", "--feed", str(feed), "--db", str(db))
    assert all("kiebitz" in agent for _, agent in site.log)
