"""The record round-trips through JSON unchanged."""

import json

from kiebitz.model import Actor, Article, Event, Evidence, Location, Outlet, Statement, from_dict


def test_article_round_trip() -> None:
    art = Article(
        id="a1",
        text="Rjabkow sagte, Verhandlungen seien unmöglich.",
        outlet=Outlet(name="RT", country="RUS", state_affiliated=True, evidence=("title",)),
        actors=(Actor(id="A1", name="Sergej Rjabkow", kind="person", roles=("Diplomat",)),),
        statements=(Statement(id="S1", kind="indirect", text="Verhandlungen seien unmöglich", start=15, end=44,
                              speaker="A1"),),
        events=(Event(id="E1", type="REJECT", mode=None, actor=("A1",), recipient=(), modality="asserted",
                      evidence=Evidence(0, 45), location=Location(name="Moskau", country="RUS")),),
    )
    data = json.loads(json.dumps(art.to_dict()))
    assert list(data)[:3] == ["schema", "id", "source"]
    assert data["schema"] == "kiebitz.article/1"
    assert from_dict(data) == art


def test_replace_keeps_immutable() -> None:
    art = Article(id="x", text="t")
    other = art.replace(title="T")
    assert art.title is None and other.title == "T"


def test_actor_canonical_round_trips_and_defaults_to_none() -> None:
    art = Article(id="a2", text="The World Bank said.", language="en",
                  actors=(Actor(id="A1", name="World Bank", kind="organization", code="IGOWSTWBK",
                                aliases=("World Bank",), canonical="Weltbank"),))
    data = json.loads(json.dumps(art.to_dict()))
    assert data["actors"][0]["canonical"] == "Weltbank"
    assert from_dict(data) == art
    # A record written before the field existed reads with canonical None.
    del data["actors"][0]["canonical"]
    assert from_dict(data).actors[0].canonical is None
