"""Token columns (kiebitz.nlp.columns) and the array-based rule helpers give what the Token objects give."""

from __future__ import annotations

import spacy
from spacy.attrs import DEP, IS_PUNCT, LEMMA, SENT_START, TAG
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from kiebitz.nlp import columns
from kiebitz.nlp.gazetteer import GazetteerRuler

TEXT = ("„Wir sind zu Gesprächen bereit“, sagte der russische Vize-Außenminister Sergej Rjabkow am Montag in Moskau.\n\n"
        "Rjabkow fügte hinzu, ich habe keine Pläne. Die USA reagierten nicht.")


def test_columns_match_tokens(de: Language) -> None:
    doc = de(TEXT)
    assert columns.texts(doc) == [t.text for t in doc]
    assert columns.strings(doc, TAG) == [t.tag_ for t in doc]
    assert columns.strings(doc, LEMMA) == [t.lemma_ for t in doc]
    assert columns.strings(doc, DEP) == [t.dep_ for t in doc]
    assert columns.heads(doc) == [t.head.i for t in doc]
    assert columns.flags(doc, IS_PUNCT) == [t.is_punct for t in doc]
    assert [x == 1 for x in columns.ints(doc, SENT_START)] == [bool(t.is_sent_start) for t in doc]
    assert columns.sentence_bounds(doc) == [(s.start, s.end) for s in doc.sents]
    assert len(columns.sentence_bounds(doc)) >= 3


def test_columns_empty_and_unannotated() -> None:
    nlp = spacy.blank("de")
    assert columns.texts(nlp("")) == [] and columns.heads(nlp("")) == [] and columns.sentence_bounds(nlp("")) == []
    doc = nlp("Ein Satz. Noch einer.")
    assert columns.strings(doc, TAG) == [""] * len(doc)
    try:
        columns.sentence_bounds(doc)  # no sentence annotation: spaCy's own error, as doc.sents
    except ValueError as err:
        assert "E030" in str(err)
    else:
        raise AssertionError("sentence_bounds without sentence annotation must raise like doc.sents")


def test_texts_cache_follows_retokenizing() -> None:
    doc = spacy.blank("de")("New York ist groß")
    assert columns.texts(doc) == ["New", "York", "ist", "groß"]
    with doc.retokenize() as retok:
        retok.merge(doc[0:2])
    assert columns.texts(doc) == ["New York", "ist", "groß"]


def _ruler(nlp: Language, cls: type) -> EntityRuler:
    ruler = cls(nlp, "gazetteer", phrase_matcher_attr="ORTH")
    ruler.add_patterns([{"label": "LOC", "pattern": "Moskau", "id": "RUS"},
                        {"label": "LOC", "pattern": "New York", "id": "USA"},
                        {"label": "ORG", "pattern": "York Times"}])
    return ruler


def test_gazetteer_ruler_equals_entity_ruler() -> None:
    nlp = spacy.blank("de")
    words = ["Die", "New", "York", "Times", "und", "Moskau", "in", "Moskau"]
    docs = []
    for cls in (EntityRuler, GazetteerRuler):
        doc = Doc(nlp.vocab, words=words)
        doc.ents = [Span(doc, 7, 8, label="PER")]  # an existing entity blocks the match under it
        docs.append(_ruler(nlp, cls)(doc))
    old, new = ([(e.start, e.end, e.label_, e.ent_id_) for e in d.ents] for d in docs)
    assert new == old
    assert ("LOC", "RUS") in {(label, ent_id) for _s, _e, label, ent_id in new} and (7, 8, "PER", "") in new
    assert [t.ent_iob_ for t in docs[1]] == [t.ent_iob_ for t in docs[0]]


def test_verb_morphology_cache_is_stable(de: Language) -> None:
    text = "Er sagte, er habe keine Pläne. Sie sagte, ich habe keine Pläne. Er sagte, er habe Zeit."
    first = [(t.text, str(t.morph)) for t in de(text)]
    again = [(t.text, str(t.morph)) for t in de(text)]
    assert first == again
    habe = [m for w, m in first if w == "habe"]
    assert "Mood=Sub" in habe[0] and "Person=3" in habe[0]
    assert "Person=1" in habe[1] and "Mood=Sub" not in habe[1]  # "ich habe" is indicative
