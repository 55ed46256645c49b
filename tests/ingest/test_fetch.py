"""The polite fetcher against a local server on 127.0.0.1: user agent, retries, robots.txt, rate limit."""

from __future__ import annotations

import time

import pytest

from kiebitz.ingest.fetch import Fetcher, FetchError
from tests.corpus.httpserver import Route, serve


def test_get_sends_kiebitz_user_agent_and_decodes() -> None:
    with serve({"/a": Route("<p>Grüße</p>")}) as site, Fetcher(min_interval=0) as f:
        resp = f.get(site.url("/a"))
    assert resp.status == 200
    assert "Grüße" in resp.text
    assert resp.content_type.startswith("text/html")
    agents = [ua for path, ua in site.log if path == "/a"]
    assert agents and "kiebitz" in agents[0]


def test_retries_server_errors_with_backoff() -> None:
    with serve({"/flaky": Route("ok", fail_first=2)}) as site, Fetcher(min_interval=0, backoff=0.01) as f:
        resp = f.get(site.url("/flaky"))
    assert resp.text == "ok"
    assert [p for p, _ in site.log].count("/flaky") == 3


def test_gives_up_after_retries_and_names_url() -> None:
    with serve({"/down": Route("x", fail_first=10)}) as site, Fetcher(min_interval=0, retries=1, backoff=0.01) as f:
        with pytest.raises(FetchError) as info:
            f.get(site.url("/down"))
    assert "/down" in str(info.value) and "503" in str(info.value)
    assert [p for p, _ in site.log].count("/down") == 2


def test_client_errors_are_not_retried() -> None:
    with serve({}) as site, Fetcher(min_interval=0, backoff=0.01) as f:
        with pytest.raises(FetchError) as info:
            f.get(site.url("/missing"))
    assert info.value.status == 404
    assert [p for p, _ in site.log].count("/missing") == 1


def test_robots_txt_is_respected() -> None:
    robots = "User-agent: *\nDisallow: /private/\n"
    routes = {"/robots.txt": Route(robots, content_type="text/plain"), "/private/x": Route("secret"),
              "/public": Route("hello")}
    with serve(routes) as site, Fetcher(min_interval=0) as f:
        assert f.get(site.url("/public")).text == "hello"
        with pytest.raises(FetchError, match="robots.txt"):
            f.get(site.url("/private/x"))
    assert "/private/x" not in [p for p, _ in site.log]


def test_robots_can_be_ignored_when_asked() -> None:
    routes = {"/robots.txt": Route("User-agent: *\nDisallow: /\n", content_type="text/plain"), "/x": Route("y")}
    with serve(routes) as site, Fetcher(min_interval=0, respect_robots=False) as f:
        assert f.get(site.url("/x")).text == "y"


def test_per_host_rate_limit_spaces_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve({"/a": Route("a"), "/b": Route("b")}) as site, Fetcher(min_interval=0.2) as f:
        turns: list[float] = []
        wait_turn = f._wait_turn

        def recording(host: str) -> None:
            wait_turn(host)
            turns.append(time.monotonic())  # when the request may go out

        monkeypatch.setattr(f, "_wait_turn", recording)
        f.get(site.url("/a"))  # also loads robots.txt (a 404: everything allowed)
        f.get(site.url("/b"))
    # The gap is measured between the moments requests were let go, not around the whole
    # request, so a slow first response on a loaded machine cannot make it look too short.
    assert len(turns) >= 2
    gaps = [b - a for a, b in zip(turns, turns[1:], strict=False)]
    assert min(gaps) >= 0.19


def test_rejects_non_http_urls() -> None:
    with Fetcher() as f, pytest.raises(FetchError, match="not an http"):
        f.get("file:///etc/passwd")
