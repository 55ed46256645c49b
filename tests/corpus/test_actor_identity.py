"""One actor across languages: the English "World Bank" and the German "Weltbank" are one corpus actor."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiebitz.corpus.indexer import actor_key, actor_key_of
from kiebitz.corpus.queries import actors as actor_totals
from kiebitz.corpus.queries import quotes
from kiebitz.extract.actors import actors
from kiebitz.model import Article, Event, Evidence, Outlet, Statement
from kiebitz.store import Store

EN = "The World Bank said on Monday: “Growth will slow.” The police in Warsaw detained protesters."
DE = "Die Weltbank sagte am Montag: „Das Wachstum wird sich verlangsamen.“ Die Polizei nahm Demonstranten fest."


def _article(aid: str, text: str, lang: str, quote: str) -> Article:
    """The actors component's actors, a statement by the bank and an event of the bank (hand-made)."""
    art = actors(Article(id=aid, text=text, language=lang, published="2024-03-04",
                         outlet=Outlet(name=f"Outlet {lang}", domain=f"{lang}.example.org")))
    bank = next(a for a in art.actors if a.code == "IGOWSTWBK")
    start = text.index(quote)
    return art.replace(
        statements=(Statement(id="s1", kind="direct", text=quote, start=start, end=start + len(quote),
                              speaker=bank.id),),
        events=(Event(id="v1", type="CONSULT", mode=None, actor=(bank.id,), recipient=(), modality="asserted",
                      evidence=Evidence(0, start)),),
    )


@pytest.fixture()
def both(tmp_path: Path) -> tuple[Path, Article, Article]:
    en = _article("en-1", EN, "en", "Growth will slow.")
    de = _article("de-1", DE, "de", "Das Wachstum wird sich verlangsamen.")
    path = tmp_path / "k.db"
    with Store(path) as store:
        store.add(en)
        store.add(de)
    return path, en, de


def test_both_languages_share_one_key(both) -> None:
    _path, en, de = both
    bank_en = next(a for a in en.actors if a.code == "IGOWSTWBK")
    bank_de = next(a for a in de.actors if a.code == "IGOWSTWBK")
    assert (bank_en.name, bank_en.canonical) == ("World Bank", "Weltbank")
    assert (bank_de.name, bank_de.canonical) == ("Weltbank", None)
    assert actor_key_of(bank_en) == actor_key_of(bank_de) == "organization:weltbank"
    police = {a.name: a for art in (en, de) for a in art.actors if a.code == "COP"}
    assert set(police) == {"police", "Polizei"}
    assert actor_key_of(police["police"]) == actor_key_of(police["Polizei"]) == "organization:polizei"
    groups = {a.name: a.canonical for art in (en, de) for a in art.actors if a.kind == "group"}
    assert groups == {"protesters": "Demonstranten", "Demonstranten": None}
    # Records without the field: the names table still gives an English group or body its canonical.
    assert actor_key("group", "protesters", None, "POL") == actor_key("group", "Demonstranten", None, "POL")
    assert actor_key("organization", "Russia (MIL)", "RUSMIL", "RUS") == \
        actor_key("organization", "Russland (MIL)", "RUSMIL", "RUS")
    assert actor_key("person", "World Bank", None, None) == "person:world bank"  # persons go by their name


def test_store_keeps_names_and_totals_merge(both) -> None:
    path, _en, _de = both
    with Store(path) as store:
        conn = store.connection
        rows = conn.execute("SELECT name, canonical FROM actors WHERE code = 'IGOWSTWBK' ORDER BY name").fetchall()
        assert rows == [("Weltbank", None), ("World Bank", "Weltbank")]
        assert store.get("en-1").actors == _en.actors  # the record keeps the field
        totals = actor_totals(conn, name="World Bank")
        assert [(t["key"], t["articles"], t["statements"], t["events"]) for t in totals] == [
            ("organization:weltbank", 2, 2, 2)]
        assert [t["key"] for t in actor_totals(conn, name="weltbank")] == ["organization:weltbank"]
        # What the bank said, in both languages, by either name.
        for typed in ("World Bank", "Weltbank"):
            assert {q["speaker"] for q in quotes(conn, speaker=typed)} == {"World Bank", "Weltbank"}, typed


def test_web_actor_page_merges_both_languages(both) -> None:
    from starlette.testclient import TestClient

    from kiebitz.web import create_app

    path, _en, _de = both
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        data = client.get("/actor/organization:weltbank.json").json()
        assert data["statements_paging"]["total"] == 2
        assert {s["text"] for s in data["statements"]} == {"Growth will slow.", "Das Wachstum wird sich verlangsamen."}
        assert set(data["profile"]["names"]) == {"World Bank", "Weltbank"}
        for typed in ("World Bank", "world bank", "Weltbank"):
            assert client.get(f"/actor/{typed}.json").json()["actor"]["key"] == "organization:weltbank"
        keys = client.get("/article/en-1.json").json()["actor_keys"]
        assert "organization:weltbank" in keys.values()
