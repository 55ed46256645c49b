"""Incremental feed and WARC ingest into a store: only what is new, and resume after a killed ingest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from kiebitz.corpus.crawl import Progress, ingest_feed, ingest_warc
from kiebitz.corpus.variants import generated_sentences
from kiebitz.ingest.fetch import Fetcher
from kiebitz.store import Store
from tests.corpus.httpserver import Route, serve
from tests.ingest.test_warc import write_warc

PIPE = ("outlet",)  # no language model: these tests are about fetching and resuming
TOPICS = ["Sanktionen", "Verhandlungen", "Waffenlieferungen", "Getreideexporte", "Flüchtlinge", "Wahlen",
          "Energiepreise", "Abrüstung", "Cyberangriffe", "Hilfsgelder"]


SENTENCES = generated_sentences(400, seed=7)


def page(i: int) -> str:
    """A distinct news page (its sentences shared with no other page)."""
    topic = TOPICS[i % len(TOPICS)]
    paras = "".join(f"<p>{' '.join(SENTENCES[(i * 6 + k) % 400 : (i * 6 + k) % 400 + 2])}</p>" for k in range(0, 6, 2))
    return (f"<html><head><title>Meldung {i} zu {topic}</title></head><body><article><h1>Meldung {i} zu {topic}"
            f"</h1>{paras}</article></body></html>")


def rss(base: str, items: list[int]) -> str:
    entries = "".join(f"<item><title>Meldung {i}</title><link>{base}/n/{i}</link>"
                      f"<pubDate>Mon, 19 Jun 2023 10:00:00 GMT</pubDate></item>" for i in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'


def test_feed_ingest_is_incremental(tmp_path: Path) -> None:
    routes = {f"/n/{i}": Route(page(i)) for i in range(4)}
    with serve(routes) as site, Store(tmp_path / "k.db") as store, Fetcher(min_interval=0, retries=0) as f:
        routes["/feed.xml"] = Route(rss(site.base, [0, 1, 2]), content_type="application/rss+xml")
        first = list(ingest_feed(site.url("/feed.xml"), store, fetcher=f, pipeline=PIPE))
        assert [o.status for o in first] == ["new"] * 3
        assert first[0].article.published == "2023-06-19"
        # The feed moves on: one old item drops out, one new appears; old pages are not fetched again.
        routes["/feed.xml"] = Route(rss(site.base, [1, 2, 3]), content_type="application/rss+xml")
        before = len(site.log)
        second = list(ingest_feed(site.url("/feed.xml"), store, fetcher=f, pipeline=PIPE))
        fetched = [p for p, _ in site.log[before:]]
        assert [o.status for o in second] == ["new"] and fetched == ["/feed.xml", "/n/3"]
        assert len(store) == 4 and Progress(store).count(site.url("/feed.xml")) == 4


def test_feed_page_errors_are_retried_next_run(tmp_path: Path) -> None:
    routes = {"/n/0": Route(page(0))}
    with serve(routes) as site, Store(tmp_path / "k.db") as store, Fetcher(min_interval=0, retries=0) as f:
        routes["/feed.xml"] = Route(rss(site.base, [0, 1]), content_type="application/rss+xml")
        statuses = [o.status for o in ingest_feed(site.url("/feed.xml"), store, fetcher=f, pipeline=PIPE)]
        assert sorted(statuses) == ["failed", "new"]
        routes["/n/1"] = Route(page(1))
        again = [o.status for o in ingest_feed(site.url("/feed.xml"), store, fetcher=f, pipeline=PIPE)]
        assert again == ["new"]


def warc(path: Path, n: int) -> None:
    records = [(f"https://example.org/n/{i}", "text/html; charset=utf-8", page(i).encode(), "200 OK")
               for i in range(n)]
    records.insert(1, ("https://example.org/logo.png", "image/png", b"\x89PNG", "200 OK"))
    write_warc(path, records)


def test_warc_ingest_is_incremental_and_resumes(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    warc(path, 8)
    with Store(tmp_path / "k.db") as store:
        run = ingest_warc(path, store, pipeline=PIPE)
        done = [next(run).status for _ in range(3)]
        run.close()  # the ingest stops here, as if killed after three commits
        assert done == ["new"] * 3 and len(store) == 3
        # A crash between an article's commit and its mark: the mark is lost, the article is not.
        last = store.connection.execute("SELECT item FROM corpus_seen WHERE status = 'new' "
                                        "ORDER BY seen_at DESC, item LIMIT 1").fetchone()[0]
        store.connection.execute("DELETE FROM corpus_seen WHERE item = ?", (last,))
    with Store(tmp_path / "k.db") as store:
        rest = [o.status for o in ingest_warc(path, store, pipeline=PIPE)]
        assert sorted(rest) == ["new"] * 5 + ["stored"]
        assert len(store) == 8
        assert [o.status for o in ingest_warc(path, store, pipeline=PIPE)] == []


KILL_SCRIPT = """
import sys
from kiebitz.corpus.crawl import ingest_warc
from kiebitz.store import Store
with Store(sys.argv[2]) as store:
    for outcome in ingest_warc(sys.argv[1], store, pipeline=("outlet",)):
        pass
"""


def test_resume_after_sigkill(tmp_path: Path) -> None:
    path, db = tmp_path / "big.warc.gz", tmp_path / "k.db"
    warc(path, 60)
    with Store(db):
        pass  # create and migrate first, so the child only ingests
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(path), str(db)], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        with sqlite3.connect(db, timeout=10) as conn:
            if conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 5:
                break
        time.sleep(0.01)
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Store(db) as store:
        assert store.check() == []
        killed_at = len(store)
        statuses = [o.status for o in ingest_warc(path, store, pipeline=PIPE)]
        assert "failed" not in statuses
        assert len(store) == 60 and statuses.count("new") == 60 - killed_at
        dups = store.connection.execute("SELECT count(*) FROM corpus_duplicates").fetchone()[0]
        assert dups == 0
