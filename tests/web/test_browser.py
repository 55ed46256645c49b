"""End to end in a real headless Chromium (Debian's package, driven by Playwright): the example corpus
served on 127.0.0.1, every page opened, article -> speaker -> dyad clicked, highlights checked against
the record's offsets, screenshots saved under test-output/web/."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
OUT = Path(__file__).resolve().parents[2] / "test-output" / "web"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"), reason="needs Debian's chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def server(example_db: Path) -> Iterator[str]:
    import uvicorn

    from kiebitz.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(example_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    # Offline: any request leaving the server is an error.
    pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
             else (pg.errors.append("external request: " + route.request.url), route.abort()))
    yield pg
    context.close()


def _charts_rendered(pg) -> None:
    charts = pg.locator(".chart[data-spec]")
    for i in range(charts.count()):
        el = charts.nth(i)
        sync_api.expect(el).to_have_attribute("data-rendered", "true", timeout=15000)
        assert el.locator("svg").count() >= 1


def _check_spans(pg, record: dict) -> int:
    """Each statement/event/entity: the text of its highlighted pieces equals text[start:end]."""
    text = record["text"]
    want = {f"st-{i}": text[s["start"]:s["end"]] for i, s in enumerate(record["statements"])}
    want |= {f"ev-{i}": text[e["evidence"]["start"]:e["evidence"]["end"]] for i, e in enumerate(record["events"])}
    want |= {f"ent-{i}": text[e["start"]:e["end"]] for i, e in enumerate(record["entities"])}
    got = pg.evaluate(
        """ids => Object.fromEntries(ids.map(id => [id, Array.from(
               document.querySelectorAll('#text [data-ann~="' + id + '"]')).map(e => e.textContent).join('')]))""",
        list(want),
    )
    assert got == want
    assert pg.locator("#text").evaluate("e => e.textContent") == text
    return len(want)


def test_every_page_renders(server: str, page, example_db: Path) -> None:
    page.goto(server + "/")
    _charts_rendered(page)
    page.screenshot(path=str(OUT / "home.png"), full_page=True)
    data = page.request.get(server + "/index.json").json()
    assert data["stats"]["articles"] >= 10
    for name, url in [("search", "/search?q=Sanktionen"), ("search-statements", "/search?q=sagte&in=statements"),
                      ("events", "/events"), ("events-filtered", "/events?claimed=asserted&language=de")]:
        page.goto(server + url)
        assert page.locator("h1").count() == 1
        page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
    page.goto(server + "/search?q=Sanktionen")
    assert page.locator("ul.hits li").count() >= 1
    assert page.locator("ul.hits mark").count() >= 1
    assert page.errors == []


def test_article_to_speaker_to_dyad(server: str, page) -> None:
    home = page.request.get(server + "/index.json").json()
    # An article with statements whose speaker acts on someone: the analyst's click path.
    chosen = None
    for a in home["latest"]:
        rec = page.request.get(f"{server}/article/{a['id']}.json").json()
        speakers = {s["speaker"] for s in rec["article"]["statements"] if s["speaker"]}
        if speakers and rec["article"]["events"]:
            chosen = rec
            break
    assert chosen is not None, "no example article with statements and events"
    record = chosen["article"]
    page.goto(f"{server}/article/{record['id']}")
    assert _check_spans(page, record) > 0
    # Selecting a statement shows its details.
    page.locator("button.sel[data-select^='st-']").first.click()
    details = page.locator("#details-body")
    sync_api.expect(details).to_contain_text("Statement")
    sync_api.expect(details).to_contain_text("speaker")
    assert page.locator("#text .selected").count() >= 1
    # Selecting a highlighted event passage shows type, modality, claimed by.
    page.locator("#text .ev").first.click()
    sync_api.expect(details).to_contain_text("modality")
    page.screenshot(path=str(OUT / "article.png"), full_page=True)

    # Article -> speaker.
    page.locator("ul.items a.actor").first.click()
    page.wait_for_url("**/actor/**")
    assert page.locator("h1").count() == 1
    page.screenshot(path=str(OUT / "actor.png"), full_page=True)

    # Speaker -> dyad: from this actor's counterparts, else from the most active pair on the home page.
    if page.locator("ul.dyads a.dyad").count() == 0:
        pair = home["top_pairs"][0]
        page.goto(f"{server}/dyad/{quote(pair['actor'], safe=':')}/{quote(pair['recipient'], safe=':')}")
    else:
        page.locator("ul.dyads a.dyad").first.click()
        page.wait_for_url("**/dyad/**")
    _charts_rendered(page)
    assert page.locator("table.events tbody tr").count() >= 1
    page.screenshot(path=str(OUT / "dyad.png"), full_page=True)
    # Each event's evidence link lands on the article with that event selected.
    page.locator("table.events a[href*='#event-']").first.click()
    page.wait_for_url("**/article/**")
    sync_api.expect(page.locator("#details-body")).to_contain_text("Event")
    assert page.errors == []


def test_highlights_on_every_example_article(server: str, page) -> None:
    home = page.request.get(server + "/index.json").json()
    checked = 0
    for a in home["latest"]:
        record = page.request.get(f"{server}/article/{a['id']}.json").json()["article"]
        page.goto(f"{server}/article/{a['id']}")
        checked += _check_spans(page, record)
    assert checked > 20
    assert page.errors == []


def test_hostile_article_is_inert(browser, hand_db: Path) -> None:
    """In the browser, the hostile article runs no script and the CSP holds."""
    import uvicorn

    from kiebitz.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(hand_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    try:
        context = browser.new_context()
        pg = context.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.goto(f"http://127.0.0.1:{port}/article/art-full-0001")
        pg.wait_for_timeout(300)
        assert dialogs == []
        assert pg.locator("#text script, #text img").count() == 0
        assert '<script>alert("x")</script>' in pg.locator("#text").inner_text()
        # An inline script injected into the page is refused by the CSP.
        pg.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                              document.body.appendChild(s); }""")
        assert pg.evaluate("() => window.__ran === undefined")
        pg.screenshot(path=str(OUT / "hostile.png"), full_page=True)
        context.close()
    finally:
        srv.should_exit = True
        thread.join(10)
