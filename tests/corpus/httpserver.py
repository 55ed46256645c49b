"""A tiny threaded HTTP server on 127.0.0.1 serving a dict of paths, for fetch/feed tests (never the internet)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """A canned response; `fail_first` answers 503 that many times before succeeding."""

    body: bytes | str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    fail_first: int = 0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Site:
    """The routes and a log of (path, user agent) requests seen."""

    routes: dict[str, Route]
    log: list[tuple[str, str]] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Site]:
    """Run a server for `routes` in a thread; yields the Site with its base URL."""
    site = Site(routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            site.log.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.end_headers()
                return
            if route.fail_first > 0:
                route.fail_first -= 1
                self.send_response(503)
                self.send_header("Retry-After", "0")
                self.end_headers()
                return
            body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
