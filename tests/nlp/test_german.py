"""UD's AUX/VERB and ADJ conventions on top of the German tagger and parser (kiebitz_upos)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kiebitz.nlp.german import upos_component


def _doc(rows: list[tuple[str, str, str, int, str]]) -> Doc:
    """A parsed Doc from (word, STTS tag, UPOS, head index, dep) rows."""
    words, tags, pos, heads, deps = (list(col) for col in zip(*rows, strict=True))
    return Doc(spacy.blank("de").vocab, words=words, tags=tags, pos=pos, heads=heads, deps=deps)


def test_haben_with_an_object_is_a_full_verb() -> None:
    doc = upos_component(_doc([("Er", "PPER", "PRON", 1, "nsubj"), ("hat", "VAFIN", "AUX", 1, "ROOT"),
                               ("ein", "ART", "DET", 3, "det"), ("Auto", "NN", "NOUN", 1, "obj")]))
    assert doc[1].pos_ == "VERB"


def test_auxiliary_stays_aux_even_when_misparsed_as_head() -> None:
    # The participle hangs under "hat" (a parse error): "hat" keeps AUX because a verb sits below it.
    doc = upos_component(_doc([("Er", "PPER", "PRON", 1, "nsubj"), ("hat", "VAFIN", "AUX", 1, "ROOT"),
                               ("gelacht", "VVPP", "VERB", 1, "xcomp")]))
    assert doc[1].pos_ == "AUX"


def test_aux_and_copula_relations_are_aux() -> None:
    doc = upos_component(_doc([("Sie", "PPER", "PRON", 2, "nsubj"), ("wird", "VAFIN", "VERB", 2, "aux"),
                               ("kommen", "VVINF", "VERB", 2, "ROOT")]))
    assert doc[1].pos_ == "AUX"
    doc = upos_component(_doc([("Das", "PDS", "PRON", 2, "nsubj"), ("ist", "VAFIN", "VERB", 2, "cop"),
                               ("gut", "ADJD", "ADV", 2, "ROOT")]))
    assert doc[1].pos_ == "AUX"
    assert doc[2].pos_ == "ADJ"  # STTS ADJD is an adjective in UD


def test_the_pipeline_applies_the_conventions(de) -> None:
    doc = de("Die Regierung hat das Gesetz beschlossen.")
    assert doc[2].pos_ == "AUX"
