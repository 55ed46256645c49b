"""Store fixtures: a private KIEBITZ_HOME and small hand-built articles."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiebitz.model import Actor, Article, Entity, Event, Evidence, Location, Outlet, Source, Statement


def _article(i: int, language: str = "de") -> Article:
    """A small article with one actor pair, one statement and one event, all offsets consistent."""
    if language == "de":
        speaker, other = "Sergej Rjabkow", "Washington"
        quote = f"Verhandlungen seien unmöglich, Runde {i}"
        text = f"{speaker} sagte am Montag: „{quote}.“ {other} verhängte neue Sanktionen gegen Moskau."
        title = f"Gespräche unwahrscheinlich ({i})"
        outlet = Outlet(name="RT", domain="de.rt.com", country="RUS", state_affiliated=True,
                        typology="SC", evidence=("title", "text"))
    else:
        speaker, other = "Antony Blinken", "Moscow"
        quote = f"talks remain possible, round {i}"
        text = f"{speaker} said on Monday: “{quote}.” {other} rejected new sanctions from Washington."
        title = f"Talks possible ({i})"
        outlet = Outlet(name="BBC", domain="bbc.co.uk", country="GBR", state_affiliated=False,
                        evidence=("url",))
    q_start = text.index(quote)
    o_start = text.index(other)
    return Article(
        id=f"art{i:04d}{language}",
        text=text,
        source=Source(path=f"/corpus/{i}.txt", url=f"https://example.org/{language}/{i}"),
        title=title,
        language=language,
        published=f"2023-06-{1 + i % 28:02d}",
        outlet=outlet,
        entities=(
            Entity(id="e1", text=speaker, label="PER", start=0, end=len(speaker), actor="a1"),
            Entity(id="e2", text=other, label="LOC", start=o_start, end=o_start + len(other), actor="a2"),
        ),
        actors=(
            Actor(id="a1", name=speaker, kind="person", country="RUS" if language == "de" else "USA",
                  sector="GOV", roles=("minister",), code="GOV", aliases=(speaker,)),
            Actor(id="a2", name=other, kind="state", aliases=(other,)),
        ),
        statements=(
            Statement(id="s1", kind="direct", text=quote, start=q_start, end=q_start + len(quote),
                      speaker="a1", speaker_text=speaker, speaker_start=0, speaker_end=len(speaker),
                      cue="sagte" if language == "de" else "said", confidence=0.9),
        ),
        events=(
            Event(id="v1", type="SANCTION", mode=None, actor=("a2",), recipient=("a1",),
                  modality="asserted", evidence=Evidence(o_start, len(text)), confidence=0.7,
                  claimed_by=None, statement=None, date="2023-06-19", date_precision="day",
                  location=Location(name="Moskau", country="RUS", lat=55.75, lon=37.62), trigger="Sanktionen"),
        ),
    )


@pytest.fixture
def make_article() -> Callable[..., Article]:
    return _article
