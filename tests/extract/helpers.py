"""Shared by the event tests: one analysing pipeline per session and the codes of an event's arguments."""

from __future__ import annotations

from functools import cache

from kiebitz.model import Article
from kiebitz.pipeline import Pipeline

PUB = "2023-06-26"  # a Monday


@cache
def event_pipeline() -> Pipeline:
    """The components an event needs, built once for all event test modules."""
    return Pipeline(["nlp", "entities", "actors", "statements", "events"])


def analyse_text(text: str, lang: str, published: str | None = PUB) -> Article:
    """A hand-made article through the event pipeline."""
    return event_pipeline()(Article(id="t", text=text, language=lang, published=published))


def codes(article: Article, ids: tuple[str, ...]) -> set[str]:
    """Country (else code, else name) of each actor id."""
    by_id = {a.id: a for a in article.actors}
    return {by_id[i].country or by_id[i].code or by_id[i].name for i in ids}
