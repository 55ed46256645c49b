"""Web fixtures: a store of hand-made articles (with hostile text) and the analysed example corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiebitz.model import (
    Actor,
    Article,
    Entity,
    Event,
    Evidence,
    Location,
    Outlet,
    Removed,
    Source,
    Statement,
)
from kiebitz.paths import EXAMPLES_DIR
from kiebitz.store import Store

HOSTILE = '<script>alert("x")</script>'
ONERROR = '<img src=x onerror="alert(1)">'
JS_URL = "javascript:alert(document.cookie)"


def _find(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def hand_articles() -> list[Article]:
    """Three articles: one full (with hostile text), one empty, one exact copy of the first."""
    text = (
        "Russland wies die Vorwürfe zurück. Verhandlungen seien unmöglich, sagte Rjabkow am Montag. "
        f"Die USA verhängten neue Sanktionen gegen Russland. {HOSTILE} {ONERROR} Mehr unter {JS_URL}\n"
        "Kiew erhielt Waffen aus den USA."
    )
    actors = (
        Actor("a1", "Russland", "state", country="RUS", code="RUSGOV", aliases=("Russland",)),
        Actor("a2", "Sergej Rjabkow", "person", country="RUS", code="RUSGOV", roles=("Vizeaußenminister",),
              aliases=("Rjabkow", "ein hochrangiger Diplomat")),
        Actor("a3", "USA", "state", country="USA", code="USAGOV", aliases=("USA",)),
        Actor("a4", "Ukraine", "state", country="UKR", code="UKRGOV", aliases=("Kiew",)),
    )
    ru = _find(text, "Russland")
    rj = _find(text, "Rjabkow")
    usa = _find(text, "USA")
    kiew = _find(text, "Kiew")
    entities = (
        Entity("e1", "Russland", "LOC", *ru, actor="a1"),
        Entity("e2", "Rjabkow", "PER", *rj, actor="a2"),
        Entity("e3", "USA", "LOC", *usa, actor="a3"),
        Entity("e4", "Kiew", "LOC", *kiew, actor="a4"),
    )
    quote = _find(text, "Verhandlungen seien unmöglich")
    hostile = _find(text, f"{HOSTILE} {ONERROR}")
    statements = (
        Statement("s1", "indirect", "Verhandlungen seien unmöglich", *quote, speaker="a2",
                  speaker_text="Rjabkow", speaker_start=rj[0], speaker_end=rj[1], cue="sagte",
                  cue_start=text.index("sagte"), cue_end=text.index("sagte") + 5, confidence=0.9),
        Statement("s2", "direct", f"{HOSTILE} {ONERROR}", *hostile, speaker="a2", speaker_text="Rjabkow"),
    )
    reject = _find(text, "Russland wies die Vorwürfe zurück.")
    sanction = _find(text, "Die USA verhängten neue Sanktionen gegen Russland.")
    aid = _find(text, "Kiew erhielt Waffen aus den USA.")
    trig = _find(text, "verhängten")
    events = (
        Event("v1", "REJECT", None, ("a1",), (), "asserted", Evidence(*reject), date="2023-06-19",
              date_precision="day"),
        Event("v2", "SANCTION", None, ("a3",), ("a1",), "asserted", Evidence(*sanction, *trig), confidence=0.8,
              date="2023-06-20", date_precision="day", trigger="verhängten",
              location=Location("Moskau", "RUS", 55.75, 37.62)),
        Event("v3", "AID", "military", ("a3",), ("a4",), "asserted", Evidence(*aid), claimed_by="a2",
              statement="s1", date="2023-05", date_precision="month"),
    )
    full = Article(
        id="art-full-0001", text=text, source=Source(path="hostile.txt", url=JS_URL),
        title=f"Rjabkow {HOSTILE} über Sanktionen", language="de", published="2023-06-19",
        outlet=Outlet("RT DE", "de.rt.com", "RUS", True, "SC", ("url",)),
        removed=(Removed(f"Teilen {ONERROR}", "share prompt"),),
        entities=entities, actors=actors, statements=statements, events=events,
    )
    empty = Article(id="art-empty-0002", text="Ein Text ohne Befunde.", title="Leer", language="de",
                    published="2023-07-01")
    copy = full.replace(id="art-copy-0003", outlet=Outlet("Kopie", "copy.example.org"), published="2023-06-21")
    return [full, empty, copy]


@pytest.fixture(scope="session")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "hand.db"
    with Store(path) as store:
        for article in hand_articles():
            store.add(article)
    return path


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example corpus, analysed by the default pipeline."""
    from kiebitz.store import ingest

    path = tmp_path_factory.mktemp("web") / "examples.db"
    with Store(path) as store:
        for _ in ingest([str(EXAMPLES_DIR)], store):
            pass
        assert len(store) > 0
    return path


@pytest.fixture(scope="session")
def client(hand_db: Path) -> Iterator:
    from starlette.testclient import TestClient

    from kiebitz.web import create_app

    with TestClient(create_app(hand_db), raise_server_exceptions=False) as c:
        yield c
