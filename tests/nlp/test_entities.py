"""Entities in the record: labels, offsets, short mentions, derived country adjectives."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiebitz.model import Article
from kiebitz.nlp.components import entities_component, nlp_component

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "rt-rjabkow-de.txt"

GERMAN = (
    "Moskau lehnt Zugeständnisse ab\n\n"
    "Verhandlungen mit den USA seien unmöglich, sagte der russische Vizeaußenminister Sergej Rjabkow in Moskau. "
    "Rjabkow fügte hinzu, Washington habe Kiew Waffen geliefert. Kremlsprecher Dmitri Peskow sagte, die "
    "Ukraine und andere NATO-Staaten müssten verhandeln. Auch die NATO äußerte sich."
)


def analyse(text: str, lang: str) -> Article:
    return entities_component(nlp_component(Article(id="t", text=text, language=lang)))


def found(article: Article) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in article.entities}


def test_german_entities() -> None:
    art = analyse(GERMAN, "de")
    ents = found(art)
    for name in ("Sergej Rjabkow", "Rjabkow", "Dmitri Peskow"):
        assert (name, "PER") in ents
    for name in ("Moskau", "Washington", "Kiew", "USA", "Ukraine"):
        assert (name, "LOC") in ents
    assert ("NATO", "ORG") in ents
    assert ("russische", "LOC") not in ents  # an adjective is not an entity ...
    derived = {(s.text, s.kb_id_) for s in art.doc.spans["derived"]}
    assert ("russische", "RUS") in derived  # ... but it names a country
    for e in art.entities:
        assert art.text[e.start:e.end] == e.text
        assert 0 < e.confidence <= 1
    assert [e.id for e in art.entities] == [f"T{k}" for k in range(1, len(art.entities) + 1)]


def test_english_entities() -> None:
    art = analyse("Russia said that talks with Washington were impossible, Sergei Ryabkov told reporters "
                  "in Moscow. NATO rejected the claim.", "en")
    ents = found(art)
    assert ("Sergei Ryabkov", "PER") in ents
    assert ("Moscow", "LOC") in ents
    assert ("NATO", "ORG") in ents


def test_unknown_language_falls_back() -> None:
    art = analyse("Le président Emmanuel Macron est à Paris.", "fr")
    assert art.doc is not None and len(art.doc) > 0


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_article() -> None:
    art = analyse(SEED.read_text(encoding="utf-8"), "de")
    ents = found(art)
    for name in ("Sergej Rjabkow", "Rjabkow", "Dmitri Peskow"):
        assert (name, "PER") in ents
    for name in ("Moskau", "Washington", "Kiew", "USA", "Ukraine"):
        assert (name, "LOC") in ents
    assert ("NATO", "ORG") in ents
