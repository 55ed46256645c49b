"""Who acted on whom: an in-memory index (actor key, recipient key) -> events, for dyads and top pairs.

Joining events to both their actors and recipients through the per-article actor rows costs a few
B-tree searches per mention; for the most mentioned actors that is too slow per page view. Events are
only ever appended, so the index reads each event once (at start-up, in the background, then only the
new ones) and a dyad page is a dictionary look-up.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import NamedTuple

from ..corpus.indexer import actor_key
from .queries import store_version


class PairEvent(NamedTuple):
    """One event of a pair: what the dyad chart needs."""

    id: str
    type: str
    date: str | None
    published: str | None
    rowid: int = 0  # events.rowid


class PairIndex:
    """(actor key, recipient key) -> events, newest last; kept up to date with the store."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._last_rowid = 0
        self.pairs: dict[tuple[str, str], list[PairEvent]] = {}
        self._keys: dict[tuple[str, str, str | None, str | None, str | None], str] = {}

    def get(self, conn: sqlite3.Connection) -> dict[tuple[str, str], list[PairEvent]]:
        """The index for the store as `conn` sees it now."""
        version = store_version(conn)
        with self._lock:
            if version != self._version:
                self._update(conn)
                self._version = version
            return self.pairs

    def _key(self, kind: str, name: str, code: str | None, country: str | None, canonical: str | None) -> str:
        k = (kind, name, code, country, canonical)
        key = self._keys.get(k)
        if key is None:
            key = self._keys[k] = actor_key(kind, name, code, country, canonical)
        return key

    def _update(self, conn: sqlite3.Connection) -> None:
        top = conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]
        rows = conn.execute(
            """SELECT e.rowid, e.id, e.type, e.date, ar.published, x.role, a.kind, a.name, a.code, a.country,
                      a.canonical
               FROM events e JOIN articles ar ON ar.rowid = e.article
               JOIN event_actors x ON x.event = e.rowid JOIN actors a ON a.rowid = x.actor
               WHERE e.rowid > ? AND e.rowid <= ? ORDER BY e.rowid""",
            (self._last_rowid, top),
        )
        current: int | None = None
        event: PairEvent | None = None
        sides: dict[str, set[str]] = {"actor": set(), "recipient": set()}
        for rowid, eid, etype, date, published, role, kind, name, code, country, canonical in rows:
            if rowid != current:
                self._add(event, sides)
                current, event = rowid, PairEvent(eid, etype, date, published, rowid)
                sides = {"actor": set(), "recipient": set()}
            sides[role].add(self._key(kind, name, code, country, canonical))
        self._add(event, sides)
        self._last_rowid = top

    def _add(self, event: PairEvent | None, sides: dict[str, set[str]]) -> None:
        if event is None:
            return
        for a in sides["actor"]:
            for b in sides["recipient"]:
                if a != b:
                    # Appending to a list readers may iterate is safe: they see it with or without it.
                    self.pairs.setdefault((a, b), []).append(event)


def top_pairs(pairs: dict[tuple[str, str], list[PairEvent]], limit: int = 15) -> list[tuple[str, str, int]]:
    """The most frequent (actor, recipient) pairs over all events."""
    items = list(pairs.items())  # one C-level copy: the index may grow meanwhile
    ranked = sorted(((len(v), a, b) for (a, b), v in items), key=lambda t: (-t[0], t[1], t[2]))
    return [(a, b, n) for n, a, b in ranked[:limit]]
