"""The web app through Starlette's TestClient: pages, JSON twins, errors, escaping, CSP, OpenAPI."""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kiebitz.errors import StoreError
from kiebitz.web import create_app
from kiebitz.web.params import SPECS

from .conftest import HOSTILE, JS_URL, ONERROR

PAGES = [
    "/",
    "/article/art-full-0001",
    "/article/art-empty-0002",
    "/actor/person:sergej rjabkow",
    "/actor/state:RUS",
    "/dyad/state:USA/state:RUS",
    "/search?q=Sanktionen",
    "/search?q=unmöglich&in=statements",
    "/events",
    "/events?type=SANCTION&actor=state:USA",
]


def _twin(url: str) -> str:
    path, _, query = url.partition("?")
    path = "/index" if path == "/" else path
    return path + ".json" + ("?" + query if query else "")


class _Scan(HTMLParser):
    """Collects script tags, event-handler attributes and link targets of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        if tag == "script":
            self.scripts.append(d)
        self.handlers += [k for k in d if k.startswith("on")]
        for k in ("href", "src", "action"):
            if d.get(k):
                self.hrefs.append(d[k] or "")


@pytest.mark.parametrize("url", PAGES)
def test_page_and_json_twin(client, url: str) -> None:
    html = client.get(url, headers={"accept": "text/html"})
    assert html.status_code == 200, html.text[:300]
    assert html.headers["content-type"].startswith("text/html")
    twin = client.get(_twin(url))
    assert twin.status_code == 200
    assert twin.headers["content-type"] == "application/json"
    accept = client.get(url, headers={"accept": "application/json"})
    assert accept.json() == twin.json()


def test_home_counts_and_links(client) -> None:
    data = client.get("/index.json").json()
    assert data["stats"]["articles"] == 3
    assert data["stats"]["duplicates"] == 1
    pairs = {(p["actor"], p["recipient"]) for p in data["top_pairs"]}
    assert ("state:USA", "state:RUS") in pairs
    assert any(s["key"] == "person:sergej rjabkow" for s in data["top_speakers"])


def test_article_twin_has_record_duplicates_and_keys(client) -> None:
    data = client.get("/article/art-full-0001.json").json()
    art = data["article"]
    assert [e["type"] for e in art["events"]] == ["REJECT", "SANCTION", "AID"]
    assert art["events"][1]["quad"] == "material conflict"
    assert data["actor_keys"]["a2"] == "person:sergej rjabkow"
    assert [c["id"] for c in data["duplicates"]["copies"]] == ["art-copy-0003"]
    copy = client.get("/article/art-copy-0003.json").json()
    assert copy["duplicates"]["original"]["id"] == "art-full-0001"
    page = client.get("/article/art-copy-0003").text
    assert 'href="/article/art-full-0001"' in page


def test_article_spans_cover_the_recorded_offsets(client) -> None:
    """Joining the highlighted pieces of each annotation gives text[start:end]."""
    data = client.get("/article/art-full-0001.json").json()["article"]
    html = client.get("/article/art-full-0001").text
    body = html.split('<div id="text" class="text">', 1)[1].split("</div>", 1)[0]
    pieces: dict[str, list[str]] = {}
    import html as htmllib

    for anns, text in re.findall(r'<span class="[^"]*" data-ann="([^"]*)">(.*?)</span>', body, re.S):
        for ann in anns.split():
            pieces.setdefault(ann, []).append(htmllib.unescape(text))
    text = data["text"]
    for i, s in enumerate(data["statements"]):
        assert "".join(pieces[f"st-{i}"]) == text[s["start"]:s["end"]]
    for i, e in enumerate(data["events"]):
        ev = e["evidence"]
        assert "".join(pieces[f"ev-{i}"]) == text[ev["start"]:ev["end"]]
    for i, e in enumerate(data["entities"]):
        assert "".join(pieces[f"ent-{i}"]) == text[e["start"]:e["end"]] == e["text"]
    # Unannotated text is kept too: stripping the tags gives the whole text back.
    assert htmllib.unescape(re.sub(r"<[^>]+>", "", body)) == text


def test_empty_article_renders(client) -> None:
    page = client.get("/article/art-empty-0002").text
    assert "No statements found in this article." in page
    assert "No events found in this article." in page


def test_hostile_text_is_escaped(client) -> None:
    for url in ("/article/art-full-0001", "/search?q=Rjabkow", "/actor/person:sergej rjabkow", "/"):
        page = client.get(url, headers={"accept": "text/html"}).text
        assert HOSTILE not in page and ONERROR not in page, url
        scan = _Scan()
        scan.feed(page)
        assert scan.handlers == [], url
        # Every script is a static file or an inert JSON block.
        for s in scan.scripts:
            assert (s.get("src") or "").startswith("/static/") or s.get("type") == "application/json", (url, s)
        assert not any(h.strip().lower().startswith("javascript:") for h in scan.hrefs), url
    page = client.get("/article/art-full-0001").text
    assert "&lt;script&gt;" in page
    assert JS_URL in page  # shown as text, never as a link
    # JSON blocks cannot be closed early by the text inside them.
    block = page.split('id="annotations">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block


def test_security_headers(client) -> None:
    for url in ("/", "/index.json", "/static/kiebitz.js", "/nope"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        script_src = re.search(r"script-src ([^;]+)", csp).group(1)
        assert script_src.strip() == "'self'", url
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
        assert r.headers["x-content-type-options"] == "nosniff"


def test_no_inline_script_anywhere(client) -> None:
    for url in PAGES:
        scan = _Scan()
        scan.feed(client.get(url).text)
        for s in scan.scripts:
            assert s.get("src") or s.get("type") == "application/json", url


def _assert_error(r, status: int, param: str | None = None) -> dict:
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "param"}
    assert err["status"] == status
    assert "Traceback" not in err["message"]
    if param is not None:
        assert err["param"] == param
    return err


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/events.json?page=0", "page"),
        ("/events.json?page=-1", "page"),
        ("/events.json?page=abc", "page"),
        ("/events.json?page=99999999999", "page"),
        ("/events.json?since=yesterday", "since"),
        ("/events.json?modality=maybe", "modality"),
        ("/events.json?claimed=perhaps", "claimed"),
        ("/events.json?type=%3Cscript%3E", "type"),
        ("/events.json?language=deutsch", "language"),
        ("/events.json?bogus=1", "bogus"),
        ("/events.json?page=1&page=2", "page"),
        ("/search.json?q=" + "x" * 500, "q"),
        ("/search.json?q=a%00b", "q"),
        ("/search.json?in=everything", "in"),
        ("/dyad/state:USA/state:RUS.json?by=day", "by"),
        ("/actor/state:RUS.json?until=2023-13-45x", "until"),
        ("/index.json?x=1", "x"),
    ],
)
def test_bad_parameters_get_the_error_shape(client, url: str, param: str) -> None:
    _assert_error(client.get(url), 400, param)


def test_too_many_parameters(client) -> None:
    url = "/events.json?" + "&".join(f"p{i}=1" for i in range(30))
    _assert_error(client.get(url), 400)


@pytest.mark.parametrize("url", ["/article/nope.json", "/actor/person:nobody.json", "/dyad/state:USA/person:nobody.json",
                                 "/nowhere", "/article/art-full-0001/extra"])
def test_not_found_gets_the_error_shape(client, url: str) -> None:
    _assert_error(client.get(url), 404)


def test_wrong_method_gets_the_error_shape(client) -> None:
    _assert_error(client.post("/events.json"), 405)


def test_html_errors_show_the_same_shape(client) -> None:
    r = client.get("/events?page=0", headers={"accept": "text/html"})
    assert r.status_code == 400
    assert "&#34;bad_request&#34;" in r.text or "&quot;bad_request&quot;" in r.text
    r = client.get(f"/article/{HOSTILE}", headers={"accept": "text/html"})
    assert r.status_code == 404 and HOSTILE not in r.text


def test_hostile_queries_never_crash(client) -> None:
    for q in ['"', "((", "NEAR(a b)", "a:b", "*", "OR", "AND NOT", HOSTILE, "ü" * 150, "\u202e", "'; DROP TABLE x"]:
        for what in ("articles", "statements"):
            r = client.get("/search.json", params={"q": q, "in": what})
            assert r.status_code == 200, (q, r.text)
        r = client.get("/events.json", params={"actor": q})
        assert r.status_code == 200
        r = client.get("/actor/" + q.replace("/", " ") + ".json")
        assert r.status_code in (200, 404)


def test_actor_page(client) -> None:
    data = client.get("/actor/person:sergej rjabkow.json").json()
    assert data["actor"]["name"] == "Sergej Rjabkow"
    texts = {s["text"] for s in data["statements"]}
    assert "Verhandlungen seien unmöglich" in texts
    assert data["statements_paging"]["total"] == 4  # two statements in the original and in its copy
    assert {"value": "Vizeaußenminister", "count": 2} in data["profile"]["roles"]
    assert any(a["value"] == "ein hochrangiger Diplomat" for a in data["profile"]["aliases"])
    only_copy = client.get("/actor/person:sergej rjabkow.json?outlet=Kopie").json()
    assert only_copy["statements_paging"]["total"] == 2
    later = client.get("/actor/person:sergej rjabkow.json?since=2023-06-20").json()
    assert later["statements_paging"]["total"] == 2
    russia = client.get("/actor/state:RUS.json").json()
    assert {e["type"] for e in russia["events_as_recipient"]} == {"SANCTION"}
    assert {e["type"] for e in russia["events_as_actor"]} == {"REJECT"}
    assert any(c["key"] == "state:USA" for c in russia["counterparts"])
    # A name or a country code finds the same actor.
    assert client.get("/actor/Sergej Rjabkow.json").json()["actor"]["key"] == "person:sergej rjabkow"
    assert client.get("/actor/RUS.json").json()["actor"]["key"] == "state:RUS"


def test_dyad(client) -> None:
    data = client.get("/dyad/state:USA/state:RUS.json").json()
    assert data["total"] == 2  # the SANCTION in the original and its copy
    assert {(s["period"], s["direction"], s["type"], s["quad"]) for s in data["series"]} == {
        ("2023-06-01", "a_to_b", "SANCTION", "material conflict")}
    assert data["quad_counts"] == {"a_to_b": {"material conflict": 2}}
    weekly = client.get("/dyad/state:USA/state:RUS.json?by=week").json()
    assert {s["period"] for s in weekly["series"]} == {"2023-06-19"}  # the Monday of the week
    swapped = client.get("/dyad/state:RUS/state:USA.json").json()
    assert swapped["quad_counts"] == {"b_to_a": {"material conflict": 2}}
    page = client.get("/dyad/state:USA/state:RUS").text
    assert 'id="spec-timeline"' in page and 'id="spec-points"' in page and 'id="spec-map"' in page


def test_event_search_filters(client) -> None:
    def n(query: str) -> int:
        return client.get("/events.json?" + query).json()["paging"]["total"]

    assert n("") == 6
    assert n("type=sanction") == 2
    assert n("actor=state:USA") == 4
    assert n("actor=USA&recipient=Ukraine") == 2
    assert n("recipient=state:USA") == 0
    assert n("since=2023-06-20") == 2
    assert n("until=2023-05") == 2
    assert n("claimed=claimed") == 2
    assert n("claimed=asserted") == 4
    assert n("modality=negated") == 0
    assert n("outlet=RT DE") == 3
    assert n("outlet=copy.example.org") == 3
    assert n("language=en") == 0
    unknown = client.get("/events.json?actor=person:nobody").json()
    assert unknown["unknown"] == ["actor"] and unknown["events"] == []
    row = client.get("/events.json?type=AID").json()["events"][0]
    assert row["claimed_by"]["key"] == "person:sergej rjabkow"
    assert [a["key"] for a in row["recipients"]] == ["state:UKR"]


def test_search_pages(client) -> None:
    data = client.get("/search.json?q=Sanktionen").json()
    assert {h["id"] for h in data["hits"]} == {"art-full-0001", "art-copy-0003"}
    assert any(p["hit"] for p in data["hits"][0]["snippet_parts"])
    st = client.get("/search.json?q=Verhandlungen&in=statements").json()
    assert st["paging"]["total"] == 2 and st["hits"][0]["speaker"] == "Sergej Rjabkow"
    assert client.get("/search.json?q=Sanktionen&page=2").json()["hits"] == []
    assert client.get("/search.json").json()["hits"] == []


def test_openapi_describes_every_page(client) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    paths = doc["paths"]
    assert set(paths) == {"/index.json", "/article/{id}.json", "/actor/{key}.json", "/dyad/{a}/{b}.json",
                          "/search.json", "/events.json"}
    for path, item in paths.items():
        op = item["get"]
        page = op["operationId"]
        documented = {p["name"] for p in op["parameters"] if p["in"] == "query"}
        assert documented == {p.name for p in SPECS[page]}, path
        assert op["responses"]["400"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Error"
    assert doc["components"]["schemas"]["Error"]["properties"]["error"]["required"] == ["status", "code", "message"]


def test_store_is_read_only(hand_db: Path) -> None:
    from starlette.testclient import TestClient

    app = create_app(hand_db)
    with TestClient(app) as c:
        assert c.get("/index.json").status_code == 200
    site = app.app.state.site
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        site.store().connection.execute("DELETE FROM articles")


def test_missing_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(tmp_path / "none.db")


def test_serve_command_refuses_missing_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kiebitz.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no store" in result.output


def test_serve_binds_localhost_by_default(monkeypatch: pytest.MonkeyPatch, hand_db: Path) -> None:
    """`kiebitz serve` hands uvicorn 127.0.0.1 unless --host says otherwise."""
    import uvicorn
    from click.testing import CliRunner

    from kiebitz.cli import main

    seen: list[tuple[str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.append((host, port)))
    assert CliRunner().invoke(main, ["serve", "--db", str(hand_db)]).exit_code == 0
    assert CliRunner().invoke(main, ["serve", "--db", str(hand_db), "--host", "0.0.0.0", "--port", "9001"]).exit_code == 0
    assert seen == [("127.0.0.1", 8000), ("0.0.0.0", 9001)]


def test_pages_follow_a_growing_store(tmp_path: Path) -> None:
    """Articles added while the server runs show up: overview, actor index and pair index catch up."""
    from starlette.testclient import TestClient

    from kiebitz.store import Store

    from .conftest import hand_articles

    full, empty, _ = hand_articles()
    db = tmp_path / "grow.db"
    with Store(db) as store:
        store.add(empty)
    with TestClient(create_app(db)) as c:
        assert c.get("/index.json").json()["stats"]["articles"] == 1
        assert c.get("/dyad/state:USA/state:RUS.json").status_code == 404
        with Store(db) as store:
            store.add(full)
        assert c.get("/index.json").json()["stats"]["articles"] == 2
        assert c.get("/dyad/state:USA/state:RUS.json").json()["total"] == 1
        pairs = c.get("/index.json").json()["top_pairs"]
        assert {"actor": "state:USA", "actor_name": "USA", "recipient": "state:RUS", "recipient_name": "Russland",
                "events": 1} in pairs


def test_slow_counts_and_ranking_degrade_gracefully(client, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past their time budget, counts become "at least" and ranking becomes newest first."""
    from kiebitz.web import queries

    monkeypatch.setattr(queries, "COUNT_BUDGET", 0.0)
    monkeypatch.setattr(queries, "RANK_BUDGET", 0.0)
    monkeypatch.setattr(queries, "PROGRESS_STEP", 1)
    data = client.get("/search.json?q=Sanktionen").json()
    assert data["ranked"] is False
    assert {h["id"] for h in data["hits"]} == {"art-full-0001", "art-copy-0003"}
    assert data["hits"][0]["id"] == "art-copy-0003"  # newest stored first
    assert any(p["hit"] and p["text"] == "Sanktionen" for p in data["hits"][0]["snippet_parts"])
    assert data["paging"]["total"] is None and data["paging"]["at_least"] == 2
    events = client.get("/events.json?type=SANCTION").json()
    assert events["paging"]["total"] is None and len(events["events"]) == 2
    page = client.get("/search?q=Sanktionen").text
    assert "newest first" in page and "2+ articles found" in page


def test_an_actor_page_keeps_the_country_of_its_key(tmp_path: Path) -> None:
    """Unnamed ministers of two countries are two actors: each page lists only its own country's articles."""
    from starlette.testclient import TestClient

    from kiebitz.model import Actor
    from tests.corpus.factory import store_two_countries

    german = Actor("a1", "Außenminister", "person", country="DEU", sector="GOV", roles=("Außenminister",))
    french = Actor("a1", "Außenminister", "person", country="FRA", sector="GOV", roles=("Außenminister",))
    db = tmp_path / "offices.db"
    store_two_countries(db, german, french)
    with TestClient(create_app(db)) as c:
        de = c.get("/actor/role:DEU:aussenminister.json").json()
        fr = c.get("/actor/role:FRA:aussenminister.json").json()
        assert de["actor"]["country"] == "DEU" and fr["actor"]["country"] == "FRA"
        assert de["actor"]["mentions"] == fr["actor"]["mentions"] == 1
        assert c.get("/actor/person:aussenminister.json").status_code == 404
    from kiebitz.web.queries import ActorIndex, actor_filter

    conn = sqlite3.connect(db)
    entry = ActorIndex().get(conn)["role:DEU:aussenminister"]
    cond, params = actor_filter(entry)
    assert conn.execute(f"SELECT DISTINCT a.country FROM actors a WHERE {cond}", params).fetchall() == [("DEU",)]
