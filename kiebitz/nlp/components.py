"""Pipeline components: ``nlp`` (linguistic analysis into ``article.doc``) and ``entities``."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..model import Article, Entity
from ..pipeline import component
from . import load, resolve
from .gazetteer import compound_parts

# spaCy/OntoNotes labels (English model) -> kiebitz labels; unlisted labels (DATE, NORP, ...) are not entities.
_LABELS = {
    "PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "OTH": "MISC", "PRODUCT": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
}


def entity_label(span: Span) -> str | None:
    """The kiebitz label of a spaCy entity span, or None if it is not a named entity for kiebitz.

    Countries stay LOC even as grammatical agents ("Russia said"): on UNER EWT dev, relabelling GPE
    subjects as ORG was wrong 13 times out of 13; metonymy is left to the actors component.
    """
    return _LABELS.get(span.label_)


def entity_confidence(span: Span) -> float:
    """Gazetteer matches are near-certain; statistical and heuristic ones less so."""
    if span.ent_id_:  # set by the gazetteer ruler (ISO alpha-3 or "INT")
        return 0.95
    return 0.8


@component("nlp")
def nlp_component(article: Article) -> Article:
    """Analyse `article.text` with the pipeline of its language (German if unknown)."""
    nlp = load(resolve(article.language))
    return article.replace(doc=_with_text(nlp(article.text), article.text))


def nlp_batch(articles: list[Article]) -> list[Article]:
    """``nlp`` for many articles: one ``nlp.pipe`` per language (batched, faster than one call each)."""
    out = list(articles)
    by_lang: dict[str, list[int]] = {}
    for k, article in enumerate(articles):
        by_lang.setdefault(resolve(article.language), []).append(k)
    for lang, idx in by_lang.items():
        docs = load(lang).pipe((articles[k].text for k in idx), batch_size=len(idx))
        for k, doc in zip(idx, docs, strict=True):
            out[k] = articles[k].replace(doc=_with_text(doc, articles[k].text))
    return out


def _with_text(doc: Doc, text: str) -> Doc:
    """Record the analysed text on the doc (``kiebitz.nlp.doc_text``): spaCy's ``doc.text`` joins every
    token again on each access, and a doc is always exactly the text it was made from."""
    doc.user_data["kiebitz_text"] = text
    return doc


nlp_component.batch = nlp_batch  # type: ignore[attr-defined] - used by Pipeline.run_many


def doc_entities(doc: Doc, lang: str) -> list[tuple[int, int, str, float]]:
    """(start, end, label, confidence) of the named entities of an analysed doc, in text order."""
    out = []
    for ent in doc.ents:
        label = entity_label(ent)
        if label:
            out.append((ent.start_char, ent.end_char, label, entity_confidence(ent)))
    for start, end, label, _iso3 in compound_parts(doc, lang):
        out.append((start, end, label, 0.9))
    return sorted(out)


@component("entities")
def entities_component(article: Article) -> Article:
    """Fill `article.entities` (ids T1, T2, ...) from the analysed doc."""
    doc = article.doc
    if doc is None:
        article = nlp_component(article)
        doc = article.doc
    lang = resolve(article.language)
    ents = tuple(
        Entity(id=f"T{k}", text=article.text[s:e], label=label, start=s, end=e, confidence=conf)
        for k, (s, e, label, conf) in enumerate(doc_entities(doc, lang), start=1)
    )
    return article.replace(entities=ents)
