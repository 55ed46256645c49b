"""LSH band keys of MinHash signatures, and the store's band index held in memory.

The band index (band key -> documents) is not stored: it is rebuilt from the stored signatures
(`corpus_minhash`) the first time a writer looks for duplicates, and kept up to date from then on.
Until 2026-11-29 it was a table of 42 rows per article (`corpus_lsh`, 4 million rows at 100,000
articles): each new article probed it with 42 keys and each batch wrote its keys onto random pages
of it, the largest share of the writer's commits (docs/corpus.md). In memory a lookup is one
binary search over a sorted array, and nothing is written.

A key is a 64-bit mix of the band number and the band's values (splitmix64's finaliser, chained),
computed with numpy for one signature or for a whole matrix of them at once. Keys are never
persisted, so the mix can change between versions; two different bands sharing a key only add a
candidate, which is then checked against its signature.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache

import numpy as np

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)

# Committed keys wait in a dict until this many, then go into the sorted arrays (one merge).
MERGE_EVERY = 250_000
# Signatures read per query while loading (bounds the memory of a load).
LOAD_CHUNK = 50_000
# Signatures of the latest committed documents kept in memory (a ring by rowid), so that checking a
# candidate reads no row: at 100,000 articles the writer read ~7 candidate signatures per article
# from `corpus_minhash` (~0.06 ms per article), and the candidates are mostly chance band matches
# spread over the whole store, not only recent copies. 131,072 signatures of 128 values: 64 MB at
# most (pages are taken as they are written, so a small store uses only what it has).
SIGNATURE_SLOTS = 1 << 17
# Low bits of a packed entry that hold the document (articles.rowid); the key keeps the rest.
DOC_BITS = 28
_DOC_MASK_INT = (1 << DOC_BITS) - 1
_HEX = re.compile(r"[0-9a-f]{32}")  # `dedup.Signer`'s exact hashes (an int can say 0x1f and 1_f too: not those)
_DOC_MASK = np.uint64(_DOC_MASK_INT)
_KEY_MASK = np.uint64(~_DOC_MASK_INT & 0xFFFFFFFFFFFFFFFF)
_DOC_SHIFT = np.uint64(DOC_BITS)
_RANGE = np.arange(64)


def _mix(x: np.ndarray, tmp: np.ndarray | None = None) -> np.ndarray:
    """splitmix64's finaliser, in place (a bijection on 64-bit values); `tmp`: scratch of x's shape."""
    if tmp is None:
        tmp = np.empty_like(x)
    np.right_shift(x, _S30, out=tmp)
    x ^= tmp
    x *= _M1
    np.right_shift(x, _S27, out=tmp)
    x ^= tmp
    x *= _M2
    np.right_shift(x, _S31, out=tmp)
    x ^= tmp
    return x


@lru_cache(maxsize=8)
def _band_starts(bands: int) -> np.ndarray:
    """Each band's start value (its number times the golden ratio), so that bands never collide."""
    return np.arange(1, bands + 1, dtype=np.uint64) * _GOLDEN


def band_keys(values: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Signed 64-bit keys, shape (n, bands), of signatures `values` (shape (n, num_perm) or (num_perm,), uint32)."""
    v = np.asarray(values, dtype=np.uint32)
    v = v.reshape(-1, v.shape[-1])[:, : bands * rows].reshape(-1, bands, rows)
    h = np.empty((v.shape[0], bands), dtype=np.uint64)
    h[:] = _band_starts(bands)[None, :]
    tmp = np.empty_like(h)  # one scratch array for the shifts (the writer and workers key one signature at a time)
    for r in range(rows):
        h ^= v[:, :, r]  # uint32 widened to uint64 (zero-extended, as astype did)
        _mix(h, tmp)
    return h.view(np.int64)


def exact_key(exact: str) -> int | str:
    """An exact hash as held in memory: a hex digest as an int (44 instead of 81 bytes), anything else as is."""
    return int(exact, 16) if _HEX.fullmatch(exact) else exact


class BandIndex:
    """Band key -> documents, for the committed articles of one store (a candidate filter, never the truth).

    One sorted array of (key, doc) pairs packed into 64 bits (the key's top `64 - DOC_BITS` bits,
    then the document), plus a dict of recently committed keys; a lookup searches both. Two keys
    equal in their top 36 bits only add a candidate (checked against its signature); documents
    beyond 2**DOC_BITS stay in a dict. Packed, a load sorts one array (numpy's sort, ~5x faster
    than the argsort of keys it replaced) and merging a batch is one stable sort of two sorted runs.
    `sync` brings it up to date with the store (the first time: everything; later, after another
    connection committed: the signatures added since). It holds what the store has committed
    (the caller adds its own commits with `add`); an uncommitted transaction's keys are looked up
    where they wait (`dedup.SqliteIndex`). Memory: 8 bytes per band of each article (336 bytes
    an article with 42 bands, plus 1-2 bytes per band for the bucket table; ~40 MB at 100,000
    articles). It also keeps the signatures of the latest `slots` committed documents
    (`signatures`), as the store has them.
    """

    def __init__(self, bands: int, rows: int, slots: int = SIGNATURE_SLOTS) -> None:
        self.bands, self.rows = bands, rows
        self.slots = slots
        # The signatures ring: document d's values in row d % slots, if `owner` of that row is d.
        self.sigs: np.ndarray | None = None  # (slots, width) uint32, made with the first signature kept
        self.owner = np.full(slots, -1, dtype=np.int64)
        self.sig_hits = self.sig_misses = 0  # signatures found in the ring or not (for profiles and tests)
        self.keys = np.empty(0, dtype=np.uint64)  # packed (key bits | doc), sorted: their top bits are buckets
        self.wide: dict[int, list[int]] = {}  # keys of documents too large to pack (>= 2**DOC_BITS)
        # Where each bucket of keys (their top `64 - shift` bits) starts in `keys`: a lookup reads one
        # offset and a few keys instead of binary-searching 4 million (memory latency, not compares).
        self.shift = np.uint64(63)
        self.offsets = np.zeros(3, dtype=np.int64)
        self.recent: dict[int, list[int]] = {}
        self.pending = 0  # keys in `recent`
        self.count = 0  # documents held
        self.upto = 0  # the highest document held
        self.version: int | None = None  # PRAGMA data_version when last synced
        self.loaded = False
        # Exact hash (`exact_key`) -> the first document with it: an exact copy is found without a query
        # (and the store keeps no index of the hashes; schema step CORPUS_V4).
        self.exact: dict[int | str, int] = {}

    # -- filling -------------------------------------------------------------------------

    def add(self, docs: list[int], keys: list[list[int]] | np.ndarray,
            exact: dict[str, int] | None = None, sigs: dict[int, np.ndarray] | None = None) -> None:
        """Committed documents with their band keys (one row of keys per document), exact hashes (hash -> doc)
        and signatures (doc -> values)."""
        if sigs:
            self.keep(np.fromiter(sigs, dtype=np.int64, count=len(sigs)), list(sigs.values()))
        if exact:
            have = self.exact
            for e, doc in exact.items():
                have.setdefault(exact_key(e), doc)
        if not docs:
            return
        self.count += len(docs)
        self.upto = max(self.upto, max(docs))
        if len(docs) * self.bands >= MERGE_EVERY // 10:  # a large batch: straight into the array
            rows = [np.asarray(r, dtype=np.int64) for r in keys]
            self._insert(np.concatenate(rows), np.repeat(np.asarray(docs, dtype=np.int64), [len(r) for r in rows]))
            return
        for doc, row in zip(docs, keys, strict=True):
            for k in row:
                got = self.recent.get(k)
                if got is None:
                    self.recent[k] = [doc]
                else:
                    got.append(doc)
            self.pending += len(row)
        if self.pending >= MERGE_EVERY:
            self._merge()

    def _merge(self) -> None:
        """Move the recent keys into the sorted arrays."""
        if not self.recent:
            return
        keys = np.fromiter((k for k, ds in self.recent.items() for _ in ds), dtype=np.int64, count=self.pending)
        docs = np.fromiter((d for ds in self.recent.values() for d in ds), dtype=np.int64, count=self.pending)
        self._insert(keys, docs)
        self.recent, self.pending = {}, 0

    def _insert(self, keys: np.ndarray, docs: np.ndarray) -> None:
        """Add (key, doc) pairs to the sorted array (documents too large to pack: to `wide`)."""
        keys = np.asarray(keys).view(np.uint64)
        docs = np.asarray(docs, dtype=np.int64)
        small = (docs >= 0) & (docs <= _DOC_MASK_INT)
        if not small.all():
            for k, d in zip(keys[~small].view(np.int64).tolist(), docs[~small].tolist(), strict=True):
                self.wide.setdefault(k, []).append(d)
            keys, docs = keys[small], docs[small]
        packed = (keys & _KEY_MASK) | docs.astype(np.uint64)
        packed.sort()
        added = packed
        if self.keys.size:  # two sorted runs: a stable sort (timsort) merges them in linear time
            packed = np.concatenate([self.keys, packed])
            packed.sort(kind="stable")
        self.keys = packed
        # 4-8 keys per bucket: the offsets take 1-2 bytes per key, a lookup reads a few keys more.
        bits = max(1, min(30, int(self.keys.size).bit_length() - 3))
        shift = np.uint64(64 - bits)
        if shift == self.shift and self.offsets.size == 2**bits + 1:
            # The same buckets: shift each bucket's start by the added keys before it. Counting
            # every key again cost ~0.45 s per commit at 100,000 articles (a 1-million-bucket
            # histogram of 4 million keys); the added keys alone take a few ms.
            counts = np.bincount((added >> shift).astype(np.int64), minlength=2**bits)
            self.offsets[1:] += np.cumsum(counts)
            return
        self.shift = shift
        counts = np.bincount((self.keys >> self.shift).astype(np.int64), minlength=2**bits)
        self.offsets = np.concatenate([[0], np.cumsum(counts)])

    def sync(self, conn: sqlite3.Connection) -> None:
        """Bring the index up to date with the store's committed signatures (call inside the write transaction)."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if self.loaded and version == self.version:
            return  # nobody else committed: what this connection committed was added by its caller
        if self.loaded:
            self._read(conn, self.upto)  # another connection's articles come after ours
            if conn.execute("SELECT count(*) FROM corpus_minhash").fetchone()[0] != self.count:
                self.loaded = False  # rows changed under us (deleted, replaced): read everything again
        if not self.loaded:
            self.__init__(self.bands, self.rows, self.slots)  # type: ignore[misc]
            self._read(conn, None)
            self.loaded = True
        self.version = version

    def _read(self, conn: sqlite3.Connection, after: int | None) -> None:
        """Read the signatures of documents after `after` (None: all) and index their band keys."""
        last = -1 if after is None else after
        while True:
            rows = conn.execute(
                "SELECT doc, sig, exact FROM corpus_minhash WHERE doc > ? ORDER BY doc LIMIT ?", (last, LOAD_CHUNK)
            ).fetchall()
            if not rows:
                break
            docs = [r[0] for r in rows]
            have = self.exact
            for doc, _, e in rows:
                have.setdefault(exact_key(e), doc)
            width = len(rows[0][1])
            same = [r for r in rows if len(r[1]) == width]  # a signature of another length cannot match ours
            sigs = np.frombuffer(b"".join(r[1] for r in same), dtype="<u4").reshape(len(same), -1)
            keys = band_keys(sigs, self.bands, self.rows) if sigs.shape[1] >= self.bands * self.rows else None
            self.keep(np.asarray([r[0] for r in same], dtype=np.int64), sigs)
            if keys is not None:
                self._insert(keys.ravel(), np.repeat(np.asarray([r[0] for r in same], dtype=np.int64), self.bands))
            self.count += len(docs)
            self.upto = max(self.upto, docs[-1])
            last = docs[-1]

    def keep(self, docs: np.ndarray, values: np.ndarray | list[np.ndarray]) -> None:
        """Keep these documents' signatures in the ring (a later document takes an earlier one's row)."""
        if not len(docs) or self.slots <= 0:
            return
        width = values.shape[1] if isinstance(values, np.ndarray) else len(values[0])
        if self.sigs is None:
            self.sigs = np.empty((self.slots, width), dtype=np.uint32)
        if width != self.sigs.shape[1] or (not isinstance(values, np.ndarray)
                                           and any(len(v) != width for v in values)):
            # Another length (made with other settings, which the store refuses): read from the store.
            same = [i for i, v in enumerate(values) if len(v) == self.sigs.shape[1]]
            docs, values = docs[same], [values[i] for i in same]
            if not len(docs):
                return
        values = values if isinstance(values, np.ndarray) else np.stack(values)
        slot = docs % self.slots
        # Two documents for one row: the later one (in the order given: ascending rowids) takes it. Only
        # the last of each row is written (numpy leaves the order of repeated indexes open; `owner` and
        # the values must come from the same document).
        _, last = np.unique(slot[::-1], return_index=True)
        if len(last) < len(slot):
            pick = len(slot) - 1 - last
            docs, values, slot = docs[pick], values[pick], slot[pick]
        self.owner[slot] = docs
        self.sigs[slot] = values

    # -- looking up ----------------------------------------------------------------------

    def matrix(self, docs: list[int], width: int) -> np.ndarray | None:
        """The signatures of `docs` as rows of one matrix if the ring holds every one with this width, else None."""
        if self.sigs is None or self.sigs.shape[1] != width:
            return None
        q = np.array(docs, dtype=np.int64)
        slot = q % self.slots
        if not (self.owner[slot] == q).all():
            return None
        self.sig_hits += len(docs)
        return self.sigs[slot]

    def signatures(self, docs: list[int]) -> tuple[dict[int, np.ndarray], list[int]]:
        """(doc -> signature for the documents in the ring, the other documents: read them from the store)."""
        if self.sigs is None or not docs:
            self.sig_misses += len(docs)
            return {}, list(docs)
        q = np.asarray(docs, dtype=np.int64)
        slot = q % self.slots
        hit = self.owner[slot] == q
        if hit.all():
            self.sig_hits += len(docs)
            return dict(zip(docs, self.sigs[slot], strict=True)), []
        self.sig_hits += int(hit.sum())
        self.sig_misses += len(docs) - int(hit.sum())
        return dict(zip(q[hit].tolist(), self.sigs[slot[hit]], strict=True)), q[~hit].tolist()

    def by_exact(self, exact: str) -> int | None:
        """The first committed document with this exact hash, or None."""
        return self.exact.get(exact_key(exact))

    def candidates(self, keys: list[int]) -> set[int]:
        """Documents sharing at least one band key."""
        found: set[int] = set()
        if not keys:
            return found
        if self.keys.size:
            # Every key of each query's bucket at once: positions lo .. lo + width - 1, those below hi
            # (in as few numpy operations as it takes: each costs ~1-5 µs on 42 x ~10 entries).
            q = np.array(keys, dtype=np.int64).view(np.uint64)
            bucket = q >> self.shift
            lo, hi = self.offsets[bucket], self.offsets[1:][bucket]
            width = int((hi - lo).max())
            if width:
                pos = lo[:, None] + (_RANGE[:width] if width <= _RANGE.size else np.arange(width))
                inside = pos < hi[:, None]
                np.minimum(pos, self.keys.size - 1, out=pos)  # past the array's end: never `inside`
                got = self.keys[pos]
                hit = ((got >> _DOC_SHIFT) == (q >> _DOC_SHIFT)[:, None]) & inside
                found.update((got[hit] & _DOC_MASK).tolist())
        for table in (self.recent, self.wide):
            # The keys the table shares with the query by one set operation in C (a Python loop of
            # 42 dict lookups cost ~0.03 ms per article: `recent` is rarely empty).
            if table and (shared := table.keys() & keys):
                for k in shared:
                    found.update(table[k])
        return found
