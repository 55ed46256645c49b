"""Fast greedy decoding for the pipelines' dependency parser and NER: spaCy computes the features, numba decodes.

``install(nlp)`` swaps each spaCy ``parser``/``ner`` component of a built pipeline for a `FastTransitionPipe`
that keeps the component (its model, labels, config, serialisation: every other attribute is the wrapped pipe's)
and replaces only its prediction loop: the model's own layers compute the per-token feature table exactly as
``ParserStepModel`` does, the compiled decoders of `decoder_kernels` run the transitions, and the annotations are
set as ``ArcEager.set_annotations`` / ``BiluoPushDown.set_annotations`` (plus the parser's deprojectivisation)
set them. Same batching as ``Parser.pipe`` (sorted by length, sub-batches of a quarter batch).

``KIEBITZ_DECODER=spacy`` keeps spaCy's decoder (to compare; the tests do); without numba spaCy's is used too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

ARC_EAGER_MOVES = {"S": 0, "D": 1, "L": 2, "R": 3, "B": 4}
BILUO_MOVES = {"M": 0, "B": 1, "I": 2, "L": 3, "U": 4, "O": 5}
KINDS = {"DependencyParser": ("parser", 8), "EntityRecognizer": ("ner", 3)}


def wanted() -> bool:
    """Whether the compiled decoders are wanted and importable (``KIEBITZ_DECODER=spacy`` turns them off)."""
    if os.environ.get("KIEBITZ_DECODER", "").strip().lower() == "spacy":
        return False
    try:
        from . import decoder_kernels  # noqa: F401 - numba compiles on first use
    except ImportError:
        return False
    return True


class FastTransitionPipe:
    """A spaCy parser or NER whose greedy prediction runs in `decoder_kernels`; anything else is the pipe's."""

    def __init__(self, pipe: Any) -> None:
        kind, n_feats = KINDS[type(pipe).__name__]
        model = pipe.model
        _t2v, lower, upper = model.layers
        if pipe.cfg.get("beam_width", 1) != 1 or not model.attrs["has_upper"] or lower.get_dim("nF") != n_feats:
            raise ValueError(f"{pipe.name}: only greedy models with an output layer and {n_feats} features")
        self.__dict__["_pipe"] = pipe
        self.__dict__["_kind"] = kind
        self.__dict__["_n_feats"] = n_feats
        names = [pipe.moves.get_class_name(i) for i in range(pipe.moves.n_moves)]
        if kind == "parser" and any(name.endswith("-subtok") for name in names):
            raise ValueError(f"{pipe.name}: 'subtok' labels (learn_tokens) are not supported")
        table = ARC_EAGER_MOVES if kind == "parser" else BILUO_MOVES
        strings = pipe.vocab.strings
        moves = np.array([table[name.split("-", 1)[0]] for name in names], dtype=np.int64)
        hashes = [strings.add(name.split("-", 1)[1]) if "-" in name else 0 for name in names]
        self.__dict__["_moves"] = moves
        self.__dict__["_label_hashes"] = np.array(hashes, dtype=np.uint64)
        # small label ids for the NER's preset-entity checks: 0 = no label, others by first use
        ids: dict[int, int] = {0: 0}
        for h in hashes:
            ids.setdefault(h, len(ids))
        self.__dict__["_label_ids"] = ids
        self.__dict__["_class_labels"] = np.array([ids[h] for h in hashes], dtype=np.int64)
        self.__dict__["_root"] = strings.add("ROOT")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_pipe":  # e.g. while unpickling, before __init__ ran
            raise AttributeError(name)
        return getattr(self._pipe, name)

    def __reduce__(self) -> tuple:
        return (FastTransitionPipe, (self._pipe,))

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._pipe, name, value)

    def __call__(self, doc: Doc) -> Doc:
        self._process([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """As ``Parser.pipe``: batches sorted by length, decoded in sub-batches of a quarter batch."""
        error_handler = self._pipe.get_error_handler()
        for batch in minibatch(docs, size=batch_size):
            batch_in_order = list(batch)
            try:
                by_length = sorted(batch_in_order, key=len)
                for sub in minibatch(by_length, size=max(batch_size // 4, 2)):
                    self._process(list(sub))
                yield from batch_in_order
            except Exception as e:  # spaCy's contract: the pipe's error handler decides
                error_handler(self._pipe.name, self._pipe, batch_in_order, e)

    def _weights(self) -> tuple[np.ndarray, ...]:
        """The model's current parameters (read per batch: cheap, and right after an update)."""
        model = self._pipe.model
        lower, upper = model.layers[1], model.layers[2]
        seen = np.ones(upper.get_dim("nO"), dtype=np.bool_)
        for clas in model.attrs["unseen_classes"]:
            seen[clas] = False
        return (np.ascontiguousarray(lower.get_param("b"), dtype=np.float32).ravel(),
                np.ascontiguousarray(upper.get_param("W").T, dtype=np.float32),  # (hidden, classes)
                np.ascontiguousarray(upper.get_param("b"), dtype=np.float32), seen,
                lower.get_dim("nO"), lower.get_dim("nP"))

    def _process(self, docs: list[Doc]) -> None:
        """Predict and set the annotations of `docs` (one sub-batch)."""
        docs_in = [doc for doc in docs if len(doc)]
        if not docs_in:
            return
        from . import decoder_kernels as kernels

        model = self._pipe.model
        tokvecs = model.layers[0].predict(docs_in)
        cached = model.layers[1].predict(tokvecs)  # (tokens + 1, nF, nO, nP), padding first
        cached = np.ascontiguousarray(cached.reshape((cached.shape[0], -1)), dtype=np.float32)
        bias, weights, out_bias, seen, n_hidden, n_pieces = self._weights()
        lengths = np.array([len(doc) for doc in docs_in], dtype=np.int64)
        starts = np.zeros(len(docs_in), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        if self._kind == "parser":
            self._parse(kernels, docs_in, cached, bias, weights, out_bias, seen, n_hidden, n_pieces, starts, lengths)
        else:
            self._recognise(kernels, docs_in, cached, bias, weights, out_bias, seen, n_hidden, n_pieces, starts,
                            lengths)

    def _parse(self, kernels: Any, docs: list[Doc], cached: np.ndarray, bias: np.ndarray, weights: np.ndarray,
               out_bias: np.ndarray, seen: np.ndarray, n_hidden: int, n_pieces: int, starts: np.ndarray,
               lengths: np.ndarray) -> None:
        """Arc-eager decoding, then heads and labels as ArcEager.set_annotations, then the postprocesses."""
        sent_start = np.concatenate([doc.to_array([SENT_START]).astype(np.int64) for doc in docs])
        total = int(lengths.sum())
        heads = np.empty(total, dtype=np.int64)
        classes = np.empty(total, dtype=np.int64)
        kernels.arc_eager(cached, bias, weights, out_bias, seen, self._moves, self._n_feats, n_hidden, n_pieces,
                          starts, lengths, sent_start, heads, classes)
        labels = self._label_hashes
        for doc, start, n in zip(docs, starts.tolist(), lengths.tolist(), strict=True):
            old = doc.to_array([HEAD, DEP])
            rel = old[:, 0].astype(np.int64)
            dep = old[:, 1].copy()
            h = heads[start:start + n]
            arc = h >= 0
            idx = np.arange(n, dtype=np.int64)
            rel[arc] = h[arc] - idx[arc]
            dep[arc] = labels[classes[start:start + n][arc]]
            dep[rel == 0] = self._root  # a token without a head is a root
            doc.from_array([HEAD, DEP], np.stack([rel.astype(np.uint64), dep], axis=1))
            for hook in self._pipe.postprocesses:
                hook(doc)

    def _recognise(self, kernels: Any, docs: list[Doc], cached: np.ndarray, bias: np.ndarray, weights: np.ndarray,
                   out_bias: np.ndarray, seen: np.ndarray, n_hidden: int, n_pieces: int, starts: np.ndarray,
                   lengths: np.ndarray) -> None:
        """BILUO decoding, then entities as BiluoPushDown.set_annotations (unset tokens become O)."""
        arrays = [doc.to_array([ENT_IOB, ENT_TYPE, SENT_START, IS_SPACE]) for doc in docs]
        cols = np.concatenate(arrays)
        ids = self._label_ids
        ent_type = np.array([ids.get(int(h), -1) if h else 0 for h in cols[:, 1]], dtype=np.int64)
        total = int(lengths.sum())
        out = np.empty((total, 4), dtype=np.int64)
        n_out = kernels.biluo(cached, bias, weights, out_bias, seen, self._moves, self._class_labels,
                              self._n_feats, n_hidden, n_pieces, starts, lengths,
                              cols[:, 0].astype(np.int64), ent_type, cols[:, 2].astype(np.int64),
                              cols[:, 3].astype(np.bool_), out)
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        for d, s, e, clas in out[:n_out].tolist():
            found[d].append((s, e, clas))
        labels = self._label_hashes
        for doc, ents in zip(docs, found, strict=True):
            spans = [Span(doc, s, e, label=int(labels[clas]), kb_id=doc[s].ent_kb_id) for s, e, clas in ents]
            doc.set_ents(spans, default="unmodified")
            iob = doc.to_array([ENT_IOB])
            unset = np.flatnonzero(iob == 0)
            if unset.size:  # runs of unset tokens, one span each
                cuts = np.flatnonzero(np.diff(unset) != 1) + 1
                runs = [(int(run[0]), int(run[-1]) + 1) for run in np.split(unset, cuts)]
                doc.set_ents([], outside=[doc[a:b] for a, b in runs], default="unmodified")


def install(nlp: Language) -> Language:
    """Swap `nlp`'s spaCy parser and NER components for `FastTransitionPipe` (in place; same names and order)."""
    if not wanted():
        return nlp
    for i, (name, proc) in enumerate(nlp._components):
        if isinstance(proc, FastTransitionPipe) or type(proc).__name__ not in KINDS:
            continue
        nlp._components[i] = (name, FastTransitionPipe(proc))
    return nlp
