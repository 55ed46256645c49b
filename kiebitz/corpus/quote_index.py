"""An in-memory index of statement clusters by quote bigram: a new statement is compared only with clusters sharing one.

Statement clustering (`stories.add_statements`) joins a statement to the speaker's cluster in the
date window whose bigram containment is highest (≥ `QUOTE_CONTAINMENT` > 0). A cluster that shares
no bigram with the statement has containment 0, so only clusters sharing one can match; this index
lists them, per speaker, without reading the speaker's other clusters.

The index is a candidate filter, never the truth: candidates are read back from the store and
checked there (speaker, window, text), so it only has to be a superset. It holds, for each cluster
of a loaded speaker, every bigram its text ever had and a date range that contains the cluster's,
and it only ever widens. A rolled-back transaction leaves clusters, bigrams or dates in it that the
store no longer has: harmless extra candidates. Another connection's commit (`PRAGMA data_version`
changes) can add what it lacks: then it is dropped and rebuilt lazily, one speaker at a time, from
the store. Memory is bounded by `max_postings` (bigram, cluster) pairs: least recently used speakers
are dropped first; a speaker too large alone is not indexed (the caller then scans its window).
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Iterable

MAX_POSTINGS = 4_000_000  # (bigram, cluster) pairs held in memory, about 0.1 kB each


class _Speaker:
    """The clusters of one speaker: bigram -> cluster ids, cluster -> date range, undated clusters."""

    __slots__ = ("postings", "ranges", "undated", "size")

    def __init__(self) -> None:
        self.postings: dict[str, list[int]] = {}
        self.ranges: dict[int, list[str]] = {}  # [first, last], widened only
        self.undated: set[int] = set()  # clusters that were created without a date
        self.size = 0

    def add(self, cid: int, grams: Iterable[str]) -> None:
        """Post `cid` under each of `grams` (a cluster's new text: only its bigrams not yet posted)."""
        post = self.postings
        for g in grams:
            ids = post.get(g)
            if ids is None:
                post[g] = [cid]
            elif ids[-1] != cid:  # a cluster is posted once per bigram (the ids of a list ascend, mostly)
                ids.append(cid)
            else:
                continue
            self.size += 1

    def widen(self, cid: int, day: str | None) -> None:
        """Let the cluster's range contain `day` (None: a member without a date changes no range)."""
        if day is None:
            return
        r = self.ranges.get(cid)
        if r is None:
            self.ranges[cid] = [day, day]
        elif day < r[0]:
            r[0] = day
        elif day > r[1]:
            r[1] = day


class QuoteIndex:
    """Statement clusters by speaker and quote bigram, for one store connection (see the module docstring)."""

    def __init__(self, max_postings: int = MAX_POSTINGS) -> None:
        self.max_postings = max_postings
        self._speakers: OrderedDict[str, _Speaker] = OrderedDict()
        self._size = 0
        self._version: int | None = None
        self._too_large: set[str] = set()  # speakers scanned in the store instead (until a clear)
        self.loads = 0  # speakers read from the store (for tests and profiles)

    def clear(self) -> None:
        """Forget everything (rebuilt lazily from the store)."""
        self._speakers.clear()
        self._too_large.clear()
        self._size = 0

    def candidates(self, conn: sqlite3.Connection, speaker: str, grams: frozenset[str],
                   window: tuple[str, str] | None) -> list[int] | None:
        """Ids of the speaker's clusters that share a bigram with `grams` and may lie in `window`.

        `window` is (lowest last date, highest first date), or None for undated clusters. A
        superset of the clusters that can match; None when the speaker is not indexed (too large).
        """
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:  # another connection committed: what it wrote is not in here
            self.clear()
            self._version = version
        sp = self._speakers.get(speaker)
        if sp is None:
            if speaker in self._too_large:
                return None
            sp = self._load(conn, speaker)
            if sp is None:
                return None
        else:
            self._speakers.move_to_end(speaker)
        found: set[int] = set()
        post = sp.postings
        for g in grams:
            ids = post.get(g)
            if ids:
                found.update(ids)
        if window is None:
            return [c for c in found if c in sp.undated]
        lo, hi = window
        ranges = sp.ranges
        out = []
        for c in found:
            r = ranges.get(c)
            if r is not None and r[1] >= lo and r[0] <= hi:
                out.append(c)
        return out

    def _load(self, conn: sqlite3.Connection, speaker: str) -> _Speaker | None:
        """Read one speaker's clusters from the store (None, and nothing kept, if they exceed the bound)."""
        from .stories import bigrams

        sp = _Speaker()
        rows = conn.execute(
            "SELECT id, text, first_date, last_date FROM corpus_statement_clusters WHERE speaker_key = ? ORDER BY id",
            (speaker,),
        )
        for cid, text, first, last in rows:
            sp.add(cid, bigrams(text))
            if first is None:
                sp.undated.add(cid)
            else:
                sp.ranges[cid] = [first, last]
            if sp.size > self.max_postings:
                self._too_large.add(speaker)
                return None
        self.loads += 1
        self._speakers[speaker] = sp
        self._size += sp.size
        self._trim()
        return sp

    def _trim(self) -> None:
        """Drop the least recently used speakers while over the bound (the last one too, if alone too large)."""
        while self._size > self.max_postings:
            speaker, old = self._speakers.popitem(last=False)
            self._size -= old.size
            if not self._speakers:
                self._too_large.add(speaker)

    def created(self, speaker: str, cid: int, grams: frozenset[str], day: str | None) -> None:
        """A new cluster was inserted with this text and date."""
        sp = self._speakers.get(speaker)
        if sp is None:  # not loaded: it will be read from the store when needed
            return
        before = sp.size
        sp.add(cid, grams)
        if day is None:
            sp.undated.add(cid)
        else:
            sp.widen(cid, day)
        self._size += sp.size - before
        self._trim()

    def joined(self, speaker: str, cid: int, day: str | None, grams: frozenset[str] | None = None) -> None:
        """A statement of `day` joined the cluster (with `grams`: the cluster's text is now the statement's)."""
        sp = self._speakers.get(speaker)
        if sp is None:
            return
        if grams is not None:
            before = sp.size
            sp.add(cid, grams)
            self._size += sp.size - before
        sp.widen(cid, day)
        self._trim()
