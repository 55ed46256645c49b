"""The compiled decoders give exactly spaCy's parses and entities (kiebitz.nlp.decoder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from kiebitz.nlp import decoder
from kiebitz.nlp.corpora import read_conllu, shared_data


def _texts(path: Path, per_doc: int, n_docs: int) -> list[str]:
    """Sentence texts of a treebank, `per_doc` sentences to a text."""
    sents = [s.text or " ".join(s.words) for s in read_conllu(path)]
    return [" ".join(sents[i:i + per_doc]) for i in range(0, per_doc * n_docs, per_doc)]


def _before(nlp: Language, name: str, texts: list[str]) -> list[Doc]:
    """The docs as they reach component `name` (every earlier component run)."""
    names = [n for n, _ in nlp.pipeline]
    return list(nlp.pipe(texts, disable=names[names.index(name):]))


def _signature(doc: Doc) -> tuple:
    """Everything the parser and NER set: heads, labels, sentence starts, entities (IOB, label, kb id)."""
    return (tuple((t.head.i, t.dep_, t.is_sent_start, t.ent_iob_, t.ent_type_, t.ent_kb_id_) for t in doc),
            tuple((e.start, e.end, e.label_) for e in doc.ents))


def _compare(nlp: Language, name: str, texts: list[str], batch_size: int = 16) -> int:
    """Run spaCy's and the compiled decoder of `name` on copies of the same docs; return the tokens compared."""
    fast = nlp.get_pipe(name)
    assert isinstance(fast, decoder.FastTransitionPipe)
    docs = _before(nlp, name, texts)
    ours = list(fast.pipe([d.copy() for d in docs], batch_size=batch_size))
    theirs = list(fast._pipe.pipe([d.copy() for d in docs], batch_size=batch_size))
    for a, b in zip(ours, theirs, strict=True):
        assert _signature(a) == _signature(b), a.text[:80]
    return sum(len(d) for d in docs)


@pytest.fixture(scope="module")
def de_texts() -> list[str]:
    texts = _texts(shared_data() / "ud-de" / "de_gsd-ud-dev.conllu", 6, 60)
    return [*texts, (shared_data().parent / "examples" / "rt-rjabkow-de.txt").read_text(encoding="utf-8")]


@pytest.mark.parametrize("name", ["parser", "ner"])
def test_german_components_match_spacy(de: Language, de_texts: list[str], name: str) -> None:
    assert _compare(de, name, de_texts) > 5_000


@pytest.mark.parametrize("name", ["parser", "ner"])
def test_english_components_match_spacy(en: Language, name: str) -> None:
    texts = _texts(shared_data() / "ud-en" / "en_ewt-ud-dev.conllu", 6, 60)
    assert _compare(en, name, texts) > 4_000


def test_single_doc_call_matches_pipe(de: Language) -> None:
    text = "„Verhandlungen seien unmöglich“, sagte Rjabkow am Montag in Moskau. Die NATO schwieg."
    one = de(text)
    [batched] = list(de.pipe([text]))
    assert _signature(one) == _signature(batched)
    assert [e.text for e in one.ents if e.label_ == "PER"] == ["Rjabkow"]


def test_preset_entities_and_blocked_tokens_are_kept(de: Language) -> None:
    ner = de.get_pipe("ner")
    [doc] = _before(de, "ner", ["Der Sprecher von Gazprom Neft traf gestern Olaf Scholz in Berlin."])
    doc.set_ents([Span(doc, 3, 5, label="MISC")], blocked=[Span(doc, 7, 8)], default="unmodified")
    ours, theirs = doc.copy(), doc.copy()
    ner(ours)
    ner._pipe(theirs)
    assert _signature(ours) == _signature(theirs)
    assert ("Gazprom Neft", "MISC") in [(e.text, e.label_) for e in ours.ents]
    assert all(e.start != 7 for e in ours.ents)  # "Olaf" was blocked


def test_preset_sentence_starts_bound_the_parse(de: Language) -> None:
    parser = de.get_pipe("parser")
    [doc] = _before(de, "parser", ["Er kam an und sie ging weg und alle blieben still."])
    for i, token in enumerate(doc):
        token.is_sent_start = i in (0, 4)
    ours, theirs = doc.copy(), doc.copy()
    parser(ours)
    parser._pipe(theirs)
    assert _signature(ours) == _signature(theirs)
    assert [s.start for s in ours.sents] == [0, 4]
    assert all(t.head.i < 4 for t in ours[:4]) and all(t.head.i >= 4 for t in ours[4:])


def test_empty_and_whitespace_docs(de: Language) -> None:
    docs = list(de.pipe(["", "   ", "Ja."]))
    assert [len(d) for d in docs][0] == 0
    assert docs[2][0].dep_ and docs[2][0].head.i == 0


def test_decoder_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, de: Language) -> None:
    monkeypatch.setenv("KIEBITZ_DECODER", "spacy")
    assert not decoder.wanted()
    monkeypatch.delenv("KIEBITZ_DECODER")
    assert decoder.wanted()
    # installing twice wraps once; the wrapper keeps the component's identity for everything else
    decoder.install(de)
    fast = de.get_pipe("parser")
    assert isinstance(fast, decoder.FastTransitionPipe)
    assert not isinstance(fast._pipe, decoder.FastTransitionPipe)
    assert fast.labels == fast._pipe.labels and "nsubj" in fast.labels


def test_wrapped_component_pickles(de: Language) -> None:
    import pickle

    ner = de.get_pipe("ner")
    clone = pickle.loads(pickle.dumps(ner))
    assert isinstance(clone, decoder.FastTransitionPipe)
    assert clone.labels == ner.labels
