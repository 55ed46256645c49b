"""RSS/Atom feeds read from files and from a local server; linked pages fetched as RawDocuments."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiebitz.errors import InputError
from kiebitz.ingest.feeds import load_feed, parse_feed, read_feed
from kiebitz.ingest.fetch import Fetcher
from kiebitz.model import RawDocument
from tests.corpus.httpserver import Route, serve

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Nachrichten</title><link>{base}/</link><description>x</description>
<item><title>Rjabkow: Verhandlungen unmöglich</title><link>{base}/a1</link>
<pubDate>Mon, 19 Jun 2023 10:00:00 GMT</pubDate><guid>a1</guid></item>
<item><title>Second</title><link>{base}/a2</link><pubDate>Tue, 20 Jun 2023 08:00:00 +0200</pubDate></item>
<item><title>Broken link</title><link>{base}/gone</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:x</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Atom one</title><link href="https://example.org/n/1"/><id>urn:1</id>
<updated>2024-01-02T09:30:00Z</updated><summary>Short.</summary></entry></feed>"""

PAGE = "<html><head><title>{t}</title></head><body><article><p>{t} body text.</p></article></body></html>"


def test_parse_atom_entries() -> None:
    entries = parse_feed(ATOM.encode(), "atom.xml")
    assert len(entries) == 1
    e = entries[0]
    assert (e.url, e.title, e.published, e.summary) == ("https://example.org/n/1", "Atom one", "2024-01-02", "Short.")


def test_rss_date_is_converted_to_utc_day(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS.format(base="https://example.org"), encoding="utf-8")
    entries = load_feed(str(path))
    assert [e.url for e in entries] == ["https://example.org/a1", "https://example.org/a2",
                                        "https://example.org/gone"]
    assert entries[0].published == "2023-06-19"
    assert entries[1].published == "2023-06-20"
    assert entries[2].published is None


def test_not_a_feed_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "nofeed.txt"
    path.write_text("just some words, no xml", encoding="utf-8")
    with pytest.raises(InputError, match="nofeed.txt"):
        load_feed(str(path))
    with pytest.raises(InputError, match="missing.xml"):
        load_feed(str(tmp_path / "missing.xml"))


def test_read_feed_over_http_fetches_pages_and_skips_seen() -> None:
    routes = {"/a1": Route(PAGE.format(t="One")), "/a2": Route(PAGE.format(t="Two"))}
    with serve(routes) as site:
        routes["/feed.xml"] = Route(RSS.format(base=site.base), content_type="application/rss+xml")
        with Fetcher(min_interval=0, retries=0) as f:
            items = list(read_feed(site.url("/feed.xml"), fetcher=f))
            docs = [i for i in items if isinstance(i, RawDocument)]
            errors = [i for i in items if isinstance(i, InputError)]
            assert [d.url for d in docs] == [site.url("/a1"), site.url("/a2")]
            assert docs[0].title == "Rjabkow: Verhandlungen unmöglich"
            assert docs[0].published == "2023-06-19"
            assert "One body text" in (docs[0].html or "")
            assert len(errors) == 1 and "/gone" in str(errors[0])
            # Incremental: a URL already seen is not fetched again.
            before = len(site.log)
            again = list(read_feed(site.url("/feed.xml"), fetcher=f, seen=lambda u: u.endswith("/a1")))
            fetched = [p for p, _ in site.log[before:]]
            assert "/a1" not in fetched and "/a2" in fetched
            assert [d.url for d in again if isinstance(d, RawDocument)] == [site.url("/a2")]


def test_unreachable_feed_yields_error_not_exception() -> None:
    with serve({}) as site, Fetcher(min_interval=0, retries=0) as f:
        items = list(read_feed(site.url("/nothing.xml"), fetcher=f))
    assert len(items) == 1 and isinstance(items[0], InputError)
