"""Exact and near-duplicate articles: content hashes and MinHash LSH (datasketch) with a persistent index.

A text is case-folded into word tokens; its exact key is a hash of the token sequence (so spacing,
case and punctuation changes still count as exact copies) and its MinHash signature is taken over
word k-shingles. LSH bands of the signature are hashed to 64-bit keys (`kiebitz.corpus.lsh`) and
kept in an index: in memory, or for the store its signatures in SQLite and its band keys in a
`lsh.BandIndex` rebuilt from them, so an incremental ingest finds copies of earlier articles.
Candidates from the bands are confirmed by the estimated Jaccard similarity of their signatures.
Defaults (k=2, threshold 0.4, 128 permutations) come from `kiebitz eval dedup` (docs/corpus.md).
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..errors import OptionalDependencyError
from .ftsrows import FTS_SQL, FtsRows
from .lsh import BandIndex
from .lsh import band_keys as _band_keys
from .text import shingles, words

SHINGLE = 2
THRESHOLD = 0.4
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # pinned: signatures are persisted and must stay comparable across versions


@dataclass(frozen=True)
class Signature:
    """What dedup needs of one text: its exact key and MinHash values."""

    exact: str
    values: np.ndarray  # uint32, NUM_PERM long
    size: int  # number of tokens

    def __reduce__(self) -> tuple:
        # Pickled as raw bytes (build processes send one per article to the writer): numpy's own
        # array pickling took ~7 µs per signature to load, bytes ~2 µs.
        return _signature, (self.exact, self.values.tobytes(), self.values.dtype.str, self.size)


def _signature(exact: str, raw: bytes, dtype: str, size: int) -> Signature:
    """A pickled `Signature` again (a writable 1-D array of its values)."""
    return Signature(exact, np.frombuffer(raw, dtype=dtype).copy(), size)


@dataclass(frozen=True)
class Match:
    """An earlier document this one duplicates."""

    original: int  # document key of the original (the root of a chain of copies)
    similarity: float  # estimated Jaccard of the shingle sets (1.0 for exact copies)
    method: str  # "exact" or "near"


def _optimal_param(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows minimising weighted false positives and negatives (datasketch's search)."""
    from datasketch.lsh import _optimal_param as optimal

    # Missing a copy costs more than checking one more candidate signature: weigh false negatives up.
    return optimal(threshold, num_perm, 0.1, 0.9)


class Signer:
    """Compute signatures with fixed permutations (made once: building them per text is costly)."""

    def __init__(self, shingle: int = SHINGLE, num_perm: int = NUM_PERM, seed: int = SEED) -> None:
        try:
            from datasketch import MinHash
        except ImportError:  # pragma: no cover - depends on installed extras
            raise OptionalDependencyError("duplicate detection", "corpus") from None
        self._minhash = MinHash
        self.shingle = shingle
        self.num_perm = num_perm
        self.seed = seed
        self._perm = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
        self._a = np.asarray(self._perm[0], dtype=np.uint32)
        self._b = np.asarray(self._perm[1], dtype=np.uint32)

    def sign(self, text: str) -> Signature:
        """The exact key and MinHash signature of a text."""
        return self.sign_tokens(words(text))

    def sign_tokens(self, tokens: list[str]) -> Signature:
        """`sign` of a text's `words` (when the caller has them already)."""
        exact = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).hexdigest()
        return Signature(exact, self.values(shingles(tokens, self.shingle)), len(tokens))

    def values(self, items: list[bytes]) -> np.ndarray:
        """MinHash values of byte strings: datasketch's affine32 scheme (crc32, MurmurHash3 finaliser,
        a*h+b mod 2^32, minimum per permutation), computed directly instead of through a MinHash
        object per text (same values: tests/corpus/test_dedup.py compares them)."""
        if not items:
            return np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint32)
        hv = np.fromiter(map(zlib.crc32, items), dtype=np.uint32, count=len(items))
        hv ^= hv >> 16
        hv *= np.uint32(0x85EBCA6B)
        hv ^= hv >> 13
        hv *= np.uint32(0xC2B2AE35)
        hv ^= hv >> 16
        table = np.multiply.outer(hv, self._a)  # (shingles, permutations), wrapping mod 2^32
        table += self._b  # in place: one (shingles x 128) array instead of two
        return table.min(axis=0)

    def reference(self, text: str) -> np.ndarray:
        """The signature values as datasketch's MinHash computes them (to check `values`)."""
        mh = self._minhash(num_perm=self.num_perm, seed=self.seed, hashfunc=zlib.crc32,
                           permutations=self._perm, scheme=SCHEME)
        mh.update_batch(shingles(words(text), self.shingle))
        return np.asarray(mh.hashvalues, dtype=np.uint32)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


class Index(Protocol):
    """Where signatures and LSH band keys live."""

    def by_exact(self, exact: str) -> int | None: ...
    def candidates(self, keys: list[int]) -> set[int]: ...
    def signature(self, doc: int) -> np.ndarray | None: ...
    def signatures(self, docs: Sequence[int]) -> dict[int, np.ndarray]: ...
    def original_of(self, doc: int) -> int | None: ...
    def put(self, doc: int, sig: Signature, keys: list[int], match: Match | None) -> None: ...


class MemoryIndex:
    """An in-memory index (evaluation, tests, one-off batches, a store's open transaction).

    Band keys map to their first document in `first`; only keys shared by several documents
    (copies) also list the others in `more`. Adding and looking up 42 keys are then a few
    dict and set operations in C instead of a Python loop over the keys (the writer does both
    for every article; ~0.08 ms per article with one list per key).
    """

    def __init__(self) -> None:
        self.exact: dict[str, int] = {}
        self.first: dict[int, int] = {}  # band key -> first document with it
        self.more: dict[int, list[int]] = {}  # band key -> later documents with it (rare)
        self.sigs: dict[int, np.ndarray] = {}
        self.links: dict[int, int] = {}
        self.keys: dict[int, list[int]] = {}  # doc -> its band keys

    def by_exact(self, exact: str) -> int | None:
        return self.exact.get(exact)

    def candidates(self, keys: list[int]) -> set[int]:
        first = self.first
        shared = first.keys() & keys
        if not shared:
            return set()
        found = {first[k] for k in shared}
        if self.more:
            for k in shared:
                found.update(self.more.get(k, ()))
        return found

    def signature(self, doc: int) -> np.ndarray | None:
        return self.sigs.get(doc)

    def signatures(self, docs: Sequence[int]) -> dict[int, np.ndarray]:
        return {d: self.sigs[d] for d in docs if d in self.sigs}

    def original_of(self, doc: int) -> int | None:
        return self.links.get(doc)

    def put(self, doc: int, sig: Signature, keys: list[int], match: Match | None) -> None:
        self.exact.setdefault(sig.exact, doc)
        self.sigs[doc] = sig.values
        self.keys[doc] = keys
        new = dict.fromkeys(keys, doc)
        for key in self.first.keys() & new.keys():  # keys an earlier document has too
            self.more.setdefault(key, []).append(doc)
            del new[key]
        self.first.update(new)
        if match is not None:
            self.links[doc] = match.original


class SqliteIndex:
    """The index of a store: signatures in `corpus_minhash`, links in `corpus_duplicates` (doc = articles.rowid),
    band keys and exact hashes in `bands` (in memory, rebuilt from the table: `kiebitz.corpus.lsh.BandIndex`).

    Writes happen on the caller's connection and transaction, so an article and its index entries
    are committed together. With `later` (the store's rows for the end of the transaction), the
    signature rows wait there (written in bulk at COMMIT) and lookups also search the in-memory
    index of those waiting rows (`later.dedup`); the caller adds their band keys to `bands` once
    committed (`commit_bands`). Without `later`, rows are written at once and the keys go into
    `bands` at once (a one-off index whose transaction is all or nothing, as in a migration).
    """

    def __init__(self, conn: sqlite3.Connection, bands: BandIndex, later: FtsRows | None = None) -> None:
        self.conn = conn
        self.bands = bands
        self.later = later
        if later is not None and later.dedup is None:
            later.dedup = MemoryIndex()
        self.pending: MemoryIndex | None = None if later is None else later.dedup  # type: ignore[assignment]
        if not bands.loaded:
            bands.sync(conn)

    def by_exact(self, exact: str) -> int | None:
        # In memory (the band index holds the committed hashes): one query and one random index less per article.
        doc = self.bands.by_exact(exact)
        if doc is None and self.pending is not None:
            return self.pending.by_exact(exact)  # stored ones first: their rowids are lower
        return doc

    def candidates(self, keys: list[int]) -> set[int]:
        found = self.bands.candidates(keys)
        if self.pending is not None:
            found |= self.pending.candidates(keys)
        return found

    def signature(self, doc: int) -> np.ndarray | None:
        return self.signatures([doc]).get(doc)

    def signatures(self, docs: Sequence[int]) -> dict[int, np.ndarray]:
        out = {} if self.pending is None else self.pending.signatures(docs)
        rest = [d for d in docs if d not in out] if out else docs
        if rest:  # committed ones: the band index keeps the latest in memory (`BandIndex.signatures`)
            held, rest = self.bands.signatures(rest)
            out.update(held)
        for i in range(0, len(rest), 500):
            chunk = rest[i:i + 500]
            rows = self.conn.execute(
                f"SELECT doc, sig FROM corpus_minhash WHERE doc IN ({','.join('?' * len(chunk))})", chunk)
            out.update((d, np.frombuffer(sig, dtype=np.uint32)) for d, sig in rows)
        return out

    def matrix(self, docs: list[int], width: int) -> tuple[list[int], np.ndarray | None]:
        """(the documents that have a signature of this width, in the given order; their signatures as rows).

        Mostly all of them are committed and in the band index's ring: then its rows are the matrix.
        """
        pending = self.pending.sigs if self.pending is not None else None
        if not (pending and not pending.keys().isdisjoint(docs)):
            held = self.bands.matrix(docs, width)
            if held is not None:
                return docs, held
        sigs = self.signatures(docs)
        docs = [d for d in docs if d in sigs and len(sigs[d]) == width]
        return docs, (np.stack([sigs[d] for d in docs]) if docs else None)

    def original_of(self, doc: int) -> int | None:
        row = self.conn.execute(
            "SELECT o.rowid FROM corpus_duplicates d JOIN articles a ON a.id = d.article_id "
            "JOIN articles o ON o.id = d.original_id WHERE a.rowid = ?", (doc,)
        ).fetchone()
        return None if row is None else row[0]

    def put(self, doc: int, sig: Signature, keys: list[int], match: Match | None) -> None:
        row = (doc, sig.exact, sig.values.astype(np.uint32).tobytes())
        if self.later is not None and self.pending is not None:
            self.later.add("corpus_minhash", row)
            self.pending.put(doc, sig, keys, None)
        else:
            self.conn.execute(FTS_SQL["corpus_minhash"], row)
            self.bands.add([doc], [keys], {sig.exact: doc}, {doc: sig.values})
        if match is not None:
            self.conn.execute(
                "INSERT OR REPLACE INTO corpus_duplicates (article_id, original_id, similarity, method) "
                "SELECT a.id, o.id, ?, ? FROM articles a, articles o WHERE a.rowid = ? AND o.rowid = ?",
                (match.similarity, match.method, doc, match.original),
            )


def commit_bands(bands: BandIndex, pending: object | None) -> None:
    """After COMMIT: the band keys of the committed transaction's documents (`FtsRows.dedup`) into `bands`."""
    if isinstance(pending, MemoryIndex) and (pending.keys or pending.exact):
        bands.add(list(pending.keys), list(pending.keys.values()), pending.exact, pending.sigs)


class Deduper:
    """Find the original of each new document among those seen before, then remember it."""

    def __init__(
        self,
        index: Index,
        *,
        threshold: float = THRESHOLD,
        shingle: int = SHINGLE,
        num_perm: int = NUM_PERM,
        min_tokens: int = 20,
    ) -> None:
        self.index = index
        self.threshold = threshold
        self.signer = Signer(shingle, num_perm)
        self.bands, self.rows = _optimal_param(threshold, num_perm)
        # Very short texts (a teaser, a caption) share too few shingles to judge; only exact copies count.
        self.min_tokens = min_tokens

    def band_keys(self, values: np.ndarray) -> list[int]:
        """One signed 64-bit key per LSH band (band number mixed in, so bands never collide)."""
        return _band_keys(values, self.bands, self.rows)[0].tolist()

    def new_bands(self) -> BandIndex:
        """An empty band index with this deduper's bands and rows."""
        return BandIndex(self.bands, self.rows)

    def _root(self, doc: int) -> int:
        seen = {doc}
        while (up := self.index.original_of(doc)) is not None and up not in seen:
            seen.add(up)
            doc = up
        return doc

    def find(self, sig: Signature, keys: list[int]) -> Match | None:
        """The best earlier match of a signature, if any reaches the threshold."""
        exact = self.index.by_exact(sig.exact)
        if exact is not None:
            return Match(self._root(exact), 1.0, "exact")
        if sig.size < self.min_tokens:
            return None
        docs = sorted(self.index.candidates(keys))
        if not docs:
            return None
        width = len(sig.values)
        matrix = getattr(self.index, "matrix", None)
        if matrix is not None:  # the candidates' signatures as one matrix (`SqliteIndex.matrix`)
            docs, rows = matrix(docs, width)
        else:
            sigs = self.index.signatures(docs)
            docs = [d for d in docs if d in sigs and len(sigs[d]) == width]
            rows = np.stack([sigs[d] for d in docs]) if docs else None
        if not docs:
            return None
        # Estimated Jaccard of every candidate at once: the share of equal MinHash values. The best is
        # the most similar, of equals the earliest (docs ascending: argmax gives the first maximum).
        sims = (rows == sig.values).sum(axis=1) / width
        i = int(np.argmax(sims))
        if sims[i] < self.threshold:
            return None
        return Match(self._root(docs[i]), float(sims[i]), "near")

    def add(self, doc: int, text: str) -> Match | None:
        """Check a new document against the index, add it, and return its original (or None)."""
        sig = self.signer.sign(text)
        keys = self.band_keys(sig.values)
        match = self.find(sig, keys)
        self.index.put(doc, sig, keys, match)
        return match

    def add_all(self, docs: Iterable[tuple[int, str]]) -> dict[int, Match]:
        """Add many documents in order; returns the matches found."""
        out: dict[int, Match] = {}
        for doc, text in docs:
            match = self.add(doc, text)
            if match is not None:
                out[doc] = match
        return out
