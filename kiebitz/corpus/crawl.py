"""Incremental ingest of feeds and WARC files: only what is new, resumable after a crash.

Each feed entry URL and WARC record id is written to `corpus_seen` once its document is stored
(or recognised as stored, or skipped as not HTML). A rerun skips those before fetching or parsing;
a crash loses at most the marks of documents whose articles were already committed, and those are
then recognised by their content id. Failed documents are not marked, so the next run retries them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import KiebitzError
from ..ingest.fetch import Fetcher
from ..model import RawDocument
from ..store import Outcome, ingest_documents


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Progress:
    """What was seen, per source (feed or WARC), in the store's `corpus_seen` table."""

    def __init__(self, store: Any) -> None:
        self.conn = store.connection

    def seen(self, item: str) -> bool:
        """Whether a URL or WARC record id was handled before (through any source)."""
        return self.conn.execute("SELECT 1 FROM corpus_seen WHERE item = ? LIMIT 1", (item,)).fetchone() is not None

    def mark(self, source: str, item: str, status: str, article_id: str | None = None) -> None:
        """Record an item as handled."""
        self.conn.execute(
            "INSERT OR REPLACE INTO corpus_seen (source, item, status, article_id, seen_at) VALUES (?, ?, ?, ?, ?)",
            (source, item, status, article_id, _now()),
        )

    def count(self, source: str) -> int:
        """Items handled for one source."""
        return self.conn.execute("SELECT count(*) FROM corpus_seen WHERE source = ?", (source,)).fetchone()[0]


def _tracked(docs: Iterable[tuple[str | None, RawDocument | KiebitzError]], current: list[str | None]
             ) -> Iterator[RawDocument | KiebitzError]:
    """Yield documents, remembering the key of the one being processed (the ingest loop is sequential)."""
    for key, doc in docs:
        current[0] = key
        yield doc


def _run(
    source: str,
    keyed: Iterable[tuple[str | None, RawDocument | KiebitzError]],
    store: Any,
    progress: Progress,
    **options: Any,
) -> Iterator[Outcome]:
    current: list[str | None] = [None]
    for outcome in ingest_documents(_tracked(keyed, current), store, **options):
        key = current[0]
        if key is not None and outcome.status != "failed":
            progress.mark(source, key, outcome.status, outcome.article.id if outcome.article else None)
        yield outcome


def ingest_feed(
    source: str,
    store: Any,
    *,
    fetcher: Fetcher | None = None,
    published: str | None = None,
    language: str | None = None,
    pipeline: Sequence[str] | None = None,
) -> Iterator[Outcome]:
    """Fetch the pages a feed (URL or file) links to that were not seen before, and store them."""
    from ..ingest.feeds import read_feed

    progress = Progress(store)

    def keyed() -> Iterator[tuple[str | None, RawDocument | KiebitzError]]:
        for doc in read_feed(source, fetcher=fetcher, seen=progress.seen):
            yield (doc.url if isinstance(doc, RawDocument) else None), doc

    yield from _run(source, keyed(), store, progress, published=published, language=language, pipeline=pipeline)


def ingest_warc(
    path: str | Path,
    store: Any,
    *,
    published: str | None = None,
    language: str | None = None,
    pipeline: Sequence[str] | None = None,
) -> Iterator[Outcome]:
    """Store the HTML responses of a WARC file that were not seen before."""
    from ..ingest.warc import iter_warc

    progress = Progress(store)
    source = str(Path(path).resolve())

    def keyed() -> Iterator[tuple[str | None, RawDocument | KiebitzError]]:
        for ref, item in iter_warc(path, seen=progress.seen):
            if item is None:
                progress.mark(source, ref.record_id, "skipped")
                continue
            yield (ref.record_id if isinstance(item, RawDocument) else None), item

    yield from _run(source, keyed(), store, progress, published=published, language=language, pipeline=pipeline)
