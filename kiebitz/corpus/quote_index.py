"""An in-memory index of statement clusters by quote bigram: a new statement is compared only with clusters sharing one.

Statement clustering (`stories.add_statements`) joins a statement to the speaker's cluster in the
date window whose bigram containment is highest (≥ `QUOTE_CONTAINMENT` > 0). A cluster that shares
no bigram with the statement has containment 0, so only clusters sharing one can match; this index
lists them, per speaker, without reading the speaker's other clusters.

Postings are kept per period of `2 * window + 1` days (a cluster is posted in each period its
date range touches), so a statement reads the postings of at most two periods, not of all time;
the postings of the statement's rarer bigrams are read (a cluster that can match shares enough
of them: the prefix filter in `candidates`), and a cluster whose shared bigrams cannot reach the
threshold is dropped.
A period is read from the store (the speaker's clusters whose days touch it) the first time a
statement needs it, so a short ingest into a large store reads only the periods it touches.

The index is a candidate filter, never the truth: candidates are read back from the store and
checked there (speaker, window, text), so it only has to be a superset. It holds, for each cluster
of a loaded speaker, every bigram its text ever had, the fewest bigrams any of its texts had and a
date range that contains the cluster's, and it only ever widens. A rolled-back transaction leaves clusters, bigrams or dates in it that the
store no longer has: harmless extra candidates. Another connection's commit (`PRAGMA data_version`
changes) can add what it lacks: then it is dropped and rebuilt lazily, period by period, from
the store. Memory is bounded by `max_postings` (bigram, cluster, period) entries: the least recently
used periods are dropped (and read again when needed); if the periods one statement needs do not
fit alone, its speaker is not indexed (the caller then scans the window in the store).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import OrderedDict
from collections.abc import Set as AbstractSet
from itertools import repeat
from operator import add

MAX_POSTINGS = 4_000_000  # (bigram, cluster, period) triples held in memory, about 0.1 kB each


def _ordinal(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal()


def _rarest(grams: frozenset[str], posts: list[dict[str, list[int]]], n: int) -> list[str]:
    """The `n` bigrams with the fewest postings over these periods (ties in the set's order: a stable sort).

    The lengths by C-level maps (`dict.get`, `len`, `operator.add`) and the sort keyed by a list's
    `__getitem__`: no Python function call per bigram (a key lambda per bigram cost ~0.02 ms per statement).
    """
    order = list(grams)
    none = repeat((), len(order))
    lengths = list(map(len, map(posts[0].get, order, none)))
    for post in posts[1:]:
        lengths = list(map(add, lengths, map(len, map(post.get, order, repeat((), len(order))))))
    return [order[i] for i in sorted(range(len(order)), key=lengths.__getitem__)[:n]]


class _Speaker:
    """The clusters of one speaker: per period bigram -> cluster ids; per cluster its bigrams, size and days."""

    __slots__ = ("period", "loaded", "postings", "grams", "fewest", "least", "ranges", "undated", "size")

    def __init__(self, period: int) -> None:
        self.period = period
        self.loaded: set[int | None] = set()  # periods read from the store: only these get postings
        self.postings: dict[int | None, dict[str, list[int]]] = {}  # period (None: undated) -> bigram -> ids
        self.grams: dict[int, frozenset[str]] = {}  # every bigram a cluster's texts had
        self.fewest: dict[int, int] = {}  # the fewest bigrams one of its texts had
        self.least: int | None = None  # at most the smallest of `fewest` (never raised: forgotten ones count)
        self.ranges: dict[int, list[int]] = {}  # [first, last] day ordinals, widened only
        self.undated: set[int] = set()  # created without a date (posted under period None)
        self.size = 0

    def _post(self, cid: int, grams: frozenset[str], periods: range | tuple[int | None, ...]) -> None:
        for p in periods:
            if p not in self.loaded:  # read with its clusters when first needed
                continue
            post = self.postings.setdefault(p, {})
            for g in grams:
                ids = post.get(g)
                if ids is None:
                    post[g] = [cid]
                else:
                    ids.append(cid)
            self.size += len(grams)

    def _periods(self, cid: int) -> list[int | None]:
        r = self.ranges.get(cid)
        out: list[int | None] = [] if r is None else list(range(r[0] // self.period, r[1] // self.period + 1))
        if cid in self.undated:
            out.append(None)
        return out

    def add(self, cid: int, grams: frozenset[str], day: int | None) -> None:
        """A cluster with this text, created on `day` (or read from the store with its first day)."""
        if cid in self.grams:  # an id used again after a rollback: widen what is known of it
            self.text(cid, grams)
            self.widen(cid, day)
            return
        self.grams[cid] = grams
        self._fewest(cid, len(grams))
        if day is None:
            self.undated.add(cid)
            self._post(cid, grams, (None,))
        else:
            self.ranges[cid] = [day, day]
            self._post(cid, grams, (day // self.period,))

    def load(self, p: int | None, rows: list[tuple[int, frozenset[str], int | None, int | None]]) -> None:
        """Post the clusters (id, bigrams, first day, last day) whose days touch period `p`, read from the store."""
        for cid, grams, first, last in rows:
            if cid in self.grams:
                self.text(cid, grams)
            else:
                self.grams[cid] = grams
                self._fewest(cid, len(grams))
            if first is None:
                self.undated.add(cid)
            self.widen(cid, first)
            self.widen(cid, last)
        self.loaded.add(p)
        for cid, *_ in rows:
            self._post(cid, self.grams[cid], (p,))

    def _fewest(self, cid: int, n: int) -> None:
        self.fewest[cid] = n
        if self.least is None or n < self.least:
            self.least = n

    def forget(self, cid: int) -> None:
        """Drop what is known of a cluster that is posted in no loaded period."""
        del self.grams[cid], self.fewest[cid]
        self.ranges.pop(cid, None)
        self.undated.discard(cid)

    def text(self, cid: int, grams: frozenset[str]) -> None:
        """The cluster's text is now one with these bigrams."""
        if cid not in self.grams:  # in no loaded period (forgotten): the store has it
            return
        old = self.grams[cid]
        self._fewest(cid, min(self.fewest[cid], len(grams)))
        new = grams - old
        if new:
            self.grams[cid] = old | new
            self._post(cid, frozenset(new), tuple(self._periods(cid)))

    def widen(self, cid: int, day: int | None) -> None:
        """Let the cluster's range contain `day` (None: a member without a date changes no range)."""
        if day is None or cid not in self.grams:
            return
        r = self.ranges.get(cid)
        if r is None:
            self.ranges[cid] = [day, day]
            self._post(cid, self.grams[cid], (day // self.period,))
            return
        lo, hi = r[0] // self.period, r[1] // self.period
        r[0], r[1] = min(r[0], day), max(r[1], day)
        p = day // self.period
        if p < lo:
            self._post(cid, self.grams[cid], range(p, lo))
        elif p > hi:
            self._post(cid, self.grams[cid], range(hi + 1, p + 1))


class QuoteIndex:
    """Statement clusters by speaker, period and quote bigram, for one store connection (see the module docstring)."""

    def __init__(self, max_postings: int = MAX_POSTINGS, window: int | None = None,
                 threshold: float | None = None) -> None:
        from .stories import QUOTE_CONTAINMENT, STATEMENT_WINDOW

        self.period = 2 * (STATEMENT_WINDOW if window is None else window) + 1
        self.threshold = QUOTE_CONTAINMENT if threshold is None else threshold
        self.max_postings = max_postings
        self._speakers: dict[str, _Speaker] = {}
        # True while the caller's write transaction holds the lock and `sync` has run in it: no other
        # connection can commit then, so `candidates` need not ask SQLite again for every statement.
        self.held = False
        self._used: OrderedDict[tuple[str, int | None], None] = OrderedDict()  # loaded periods, least recent first
        self._size = 0
        self._version: int | None = None
        self._too_large: set[str] = set()  # speakers scanned in the store instead (until a clear)
        self.loads = 0  # (speaker, period) reads from the store (for tests and profiles)
        self.skipped = 0  # frequent bigrams whose postings the prefix filter did not read (for tests and profiles)
        self.drops = 0  # (speaker, period) postings dropped to stay within the bound

    def clear(self) -> None:
        """Forget everything (rebuilt lazily from the store)."""
        self._speakers.clear()
        self._used.clear()
        self._too_large.clear()
        self._size = 0

    def sync(self, conn: sqlite3.Connection) -> None:
        """Forget everything if another connection committed since (call after taking the write lock)."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:  # another connection committed: what it wrote is not in here
            self.clear()
            self._version = version

    def candidates(self, conn: sqlite3.Connection, speaker: str, grams: frozenset[str],
                   window: tuple[str, str] | None) -> list[int] | None:
        """Ids of the speaker's clusters that may lie in `window` and may reach the threshold with `grams`.

        `window` is (lowest last date, highest first date), or None for undated clusters. A
        superset of the clusters that can match; None when the speaker is not indexed (too large).
        """
        if not self.held:
            self.sync(conn)
        if speaker in self._too_large:
            return None
        sp = self._speakers.get(speaker)
        if sp is None:
            sp = self._speakers[speaker] = _Speaker(self.period)
        if window is None:
            lo = hi = 0
            periods: range | tuple[None] = (None,)
        else:
            lo, hi = _ordinal(window[0]), _ordinal(window[1])
            periods = range(lo // sp.period, hi // sp.period + 1)
        for p in periods:
            if p not in sp.loaded:
                before = sp.size
                self._load(conn, speaker, sp, p)
                self._size += sp.size - before
            self._used[speaker, p] = None
            self._used.move_to_end((speaker, p))
        if self._size > self.max_postings:  # (the set of kept periods only when something must go)
            self._trim({(speaker, p) for p in periods})
            if speaker in self._too_large:
                return None
        size, need, fewest, ranges = len(grams), self.threshold, sp.fewest, sp.ranges
        posts = [post for p in periods if (post := sp.postings.get(p))]
        # Prefix filter: a cluster that can match shares at least need * min(size, fewest) of the statement's
        # bigrams (its bigrams in the index are a superset of its text's, `fewest` at most its text's size),
        # so at least `bound` = need * min(size, least of the speaker); all but fewer than `bound` of those are
        # among the statement's rarer bigrams. The `skip` most frequent bigrams (the longest posting lists)
        # are therefore not read: each cluster found is checked with all of its bigrams instead.
        bound = need * min(size, sp.least or 0)
        skip = max(0, int(bound - 1e-6))  # the largest whole number below bound (rounding downwards)
        order = _rarest(grams, posts, size - skip) if skip and posts else grams
        self.skipped += skip
        found: set[int] = set()
        for post in posts:  # the postings of the bigrams read, in one call (C loops: no Python per bigram)
            found.update(*filter(None, map(post.get, order)))
        # Every bigram the cluster ever had (an upper bound of what its text shares), then the dates.
        known = sp.grams
        out = [c for c in found if (least := min(size, fewest[c])) == 0 or (cg := known.get(c)) is None
               or len(grams & cg) / least >= need]
        if window is not None:
            out = [c for c in out if (r := ranges.get(c)) is not None and r[1] >= lo and r[0] <= hi]
        return out

    def _load(self, conn: sqlite3.Connection, speaker: str, sp: _Speaker, p: int | None) -> None:
        """Read the speaker's clusters whose days touch period `p` (None: the undated ones) from the store."""
        from .stories import bigrams

        if p is None:
            sql, params = "first_date IS NULL", ()
        else:
            start, end = dt.date.fromordinal(p * self.period), dt.date.fromordinal(p * self.period + self.period - 1)
            sql, params = "last_date >= ? AND first_date <= ?", (start.isoformat(), end.isoformat())
        rows = conn.execute(
            f"SELECT id, text, first_date, last_date FROM corpus_statement_clusters WHERE speaker_key = ? AND {sql}",
            (speaker, *params),
        ).fetchall()
        sp.load(p, [(cid, bigrams(text), first and _ordinal(first), last and _ordinal(last))
                    for cid, text, first, last in rows])
        self.loads += 1

    def _trim(self, keep: AbstractSet[tuple[str, int | None]] = frozenset()) -> None:
        """Drop the least recently used periods while over the bound; if `keep` alone is too large, its speaker.

        A dropped period is read again when needed; its clusters that are in no other loaded period
        are forgotten.
        """
        while self._size > self.max_postings:
            key = next((k for k in self._used if k not in keep), None)
            if key is None:  # the periods this statement needs do not fit: scan the store for this speaker
                for speaker, _ in keep:
                    self._too_large.add(speaker)
                    for k in [k for k in self._used if k[0] == speaker]:
                        self._drop(k)
                    self._speakers.pop(speaker, None)
                return
            self._drop(key)

    def _drop(self, key: tuple[str, int | None]) -> None:
        """Forget one loaded period of a speaker (its postings)."""
        speaker, p = key
        del self._used[key]
        self.drops += 1
        sp = self._speakers[speaker]
        n, seen = 0, set()
        for ids in sp.postings.pop(p, {}).values():
            n += len(ids)
            seen.update(ids)
        sp.loaded.discard(p)
        sp.size -= n
        self._size -= n
        for cid in seen:  # posted in no other loaded period: read from the store again when needed
            if not any(q in sp.loaded for q in sp._periods(cid)):
                sp.forget(cid)

    def _change(self, speaker: str, change: str, *args: object) -> None:
        sp = self._speakers.get(speaker)
        if sp is None:  # not loaded: it will be read from the store when needed
            return
        before = sp.size
        getattr(sp, change)(*args)
        self._size += sp.size - before
        self._trim()

    def created(self, speaker: str, cid: int, grams: frozenset[str], day: str | None) -> None:
        """A new cluster was inserted with this text and date."""
        self._change(speaker, "add", cid, grams, None if day is None else _ordinal(day))

    def joined(self, speaker: str, cid: int, day: str | None, grams: frozenset[str] | None = None) -> None:
        """A statement of `day` joined the cluster (with `grams`: the cluster's text is now the statement's)."""
        if grams is not None:
            self._change(speaker, "text", cid, grams)
        self._change(speaker, "widen", cid, None if day is None else _ordinal(day))
