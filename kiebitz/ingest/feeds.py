"""RSS/Atom feeds: parse a feed (URL or file) and fetch the linked pages as RawDocuments."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, OptionalDependencyError
from ..model import RawDocument
from .fetch import Fetcher, FetchError


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the linked page and what the feed says about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD), UTC
    summary: str | None = None
    id: str | None = None


def is_url(source: str) -> bool:
    """Whether `source` names an http(s) URL rather than a file."""
    return source.startswith(("http://", "https://"))


def _feedparser():  # noqa: ANN202 - module object
    try:
        import feedparser
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise OptionalDependencyError("reading RSS/Atom feeds", "corpus") from None
    return feedparser


def _iso_date(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def parse_feed(data: bytes | str, origin: str) -> list[FeedEntry]:
    """Parse RSS/Atom bytes into entries; raises InputError naming `origin` if nothing usable is found."""
    parsed = _feedparser().parse(data)
    if parsed.get("bozo") and not parsed.get("entries"):
        problem = parsed.get("bozo_exception") or "not an RSS/Atom feed"
        raise InputError(origin, f"cannot parse feed: {problem}")
    if not parsed.get("version") and not parsed.get("entries"):
        raise InputError(origin, "not an RSS/Atom feed")
    entries: list[FeedEntry] = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            for alt in item.get("links", []):
                if alt.get("href"):
                    link = alt["href"]
                    break
        if not link:
            continue
        published = _iso_date(item.get("published_parsed") or item.get("updated_parsed"))
        entries.append(
            FeedEntry(
                url=link.strip(),
                title=(item.get("title") or None),
                published=published,
                summary=item.get("summary") or None,
                id=item.get("id") or None,
            )
        )
    return entries


def load_feed(source: str, fetcher: Fetcher | None = None) -> list[FeedEntry]:
    """Read a feed from a URL (via `fetcher`) or a local file."""
    if is_url(source):
        own = fetcher is None
        fetcher = fetcher or Fetcher()
        try:
            return parse_feed(fetcher.get(source).content, source)
        finally:
            if own:
                fetcher.close()
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"cannot read feed: {exc.strerror or exc}") from None
    return parse_feed(data, source)


def read_feed(
    source: str,
    *,
    fetcher: Fetcher | None = None,
    seen: Callable[[str], bool] | None = None,
) -> Iterator[RawDocument | InputError]:
    """Yield a RawDocument per linked page not yet `seen`; a failing page yields its error in place."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        try:
            entries = load_feed(source, fetcher)
        except InputError as exc:
            yield exc
            return
        done: set[str] = set()
        for entry in entries:
            if entry.url in done or (seen is not None and seen(entry.url)):
                continue
            done.add(entry.url)
            try:
                resp = fetcher.get(entry.url)
            except FetchError as exc:
                yield exc
                continue
            kind = resp.content_type.split(";")[0].strip().lower()
            if kind and kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                yield InputError(entry.url, f"not an HTML page ({kind})")
                continue
            body = {"text": resp.text} if kind == "text/plain" else {"html": resp.text}
            yield RawDocument(
                origin=entry.url,
                url=entry.url,
                title=entry.title,
                published=entry.published,
                **body,
            )
    finally:
        if own:
            fetcher.close()
