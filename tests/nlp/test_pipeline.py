"""The German/English pipelines as the other components see them (docs/nlp.md contract)."""

from __future__ import annotations

from kiebitz.model import Article
from kiebitz.nlp import load, pipe, resolve
from kiebitz.nlp.lemmas import lemmatize
from kiebitz.pipeline import DEFAULT_PIPELINE, get_component


def test_load_is_cached() -> None:
    assert load("de") is load("de")


def test_resolve() -> None:
    assert resolve(None) == "de" and resolve("de-AT") == "de" and resolve("en") == "en" and resolve("fr") == "en"


def test_registered_in_pipeline() -> None:
    names = list(DEFAULT_PIPELINE)
    assert names.index("nlp") < names.index("entities")
    assert callable(get_component("nlp")) and callable(get_component("entities"))


def test_german_contract(de) -> None:
    doc = de("Die Regierung habe die Sanktionen verhängt, sagte der Sprecher.\n\nNeuer Absatz.")
    for tok in doc:
        assert tok.tag_ and tok.pos_ and tok.lemma_
        if tok.is_space:
            assert tok.pos_ == "SPACE"
    verb = next(t for t in doc if t.text == "verhängt")
    assert verb.lemma_ == "verhängen"
    assert any(t.dep_ == "nsubj" for t in doc) or not doc.has_annotation("DEP")
    assert len(list(doc.sents)) == 2


def test_english_contract(en) -> None:
    doc = en("The government imposed sanctions on Monday, a spokesman said.")
    assert [t.lemma_ for t in doc][2] == "impose"
    assert doc[2].pos_ == "VERB"
    assert doc.has_annotation("DEP")


def test_pipe_batches() -> None:
    docs = list(pipe(["Erster Text.", "Zweiter Text."], "de"))
    assert [d.text for d in docs] == ["Erster Text.", "Zweiter Text."]


def test_lemmatize() -> None:
    assert lemmatize("Verhandlungen", "NN") == "Verhandlung"
    assert lemmatize("USA", "NE") == "USA"
    assert lemmatize("ging", "VVFIN") == "gehen"


def test_nlp_component_on_article() -> None:
    art = get_component("nlp")(Article(id="a", text="Kiew meldete Angriffe.", language="de"))
    assert art.doc.text == art.text


def test_shipped_german_model_is_used(de) -> None:
    assert {"tagger", "morphologizer", "parser", "ner"} <= set(de.pipe_names)


def test_degenerate_texts_do_not_break() -> None:
    from kiebitz.nlp.components import entities_component, nlp_component

    for lang in ("de", "en"):
        for text in ("", "  \n\n ", "„", "»«", '""" ... !!!', "Sergej"):
            art = entities_component(nlp_component(Article(id="x", text=text, language=lang)))
            assert art.doc.text == text


def test_batched_pipeline_equals_one_by_one() -> None:
    from kiebitz.pipeline import Pipeline

    texts = ["Kiew meldete Angriffe. Moskau schwieg.", "Russia said the talks failed.", "Die NATO tagte."]
    arts = [Article(id=f"a{k}", text=t, language="en" if k == 1 else "de") for k, t in enumerate(texts)]
    pipe_ = Pipeline(("nlp", "entities"))
    batched = pipe_.run_many(arts)
    single = [pipe_(a) for a in arts]
    for b, s in zip(batched, single, strict=True):
        assert [(t.text, t.tag_, t.lemma_, t.dep_, t.head.i) for t in b.doc] == \
            [(t.text, t.tag_, t.lemma_, t.dep_, t.head.i) for t in s.doc]
        assert b.entities == s.entities


def test_the_shipped_tokenizer_uses_the_letters_shortcut(de) -> None:
    from kiebitz.nlp.affixes import LettersSkip

    assert isinstance(de.tokenizer.suffix_search, LettersSkip)
    assert [t.text for t in de("Die NATO-Staaten (u.a. die USA) zahlten 2,5 Mrd. €.")] == [
        "Die", "NATO-Staaten", "(", "u.a.", "die", "USA", ")", "zahlten", "2,5", "Mrd.", "€", "."]
