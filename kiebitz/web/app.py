"""The ASGI app behind `kiebitz serve`: HTML pages with JSON twins over a read-only store."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ..store import Store
from . import charts, openapi, pages, queries
from .pairs import PairIndex
from .params import BadRequest, parse
from .queries import ActorIndex

log = logging.getLogger("kiebitz.web")
HERE = Path(__file__).resolve().parent

# No inline script may run: scripts come from /static only; data travels in JSON blocks or endpoints.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
JSON_FLAG = "kiebitz.json"


class JsonTwins:
    """`/path.json` is the JSON twin of `/path` (`/index.json` of `/`); adds the security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.endswith(".json") and not path.startswith(("/static/", "/api/")):
            path = path[: -len(".json")]
            scope = {**scope, "path": "/" if path == "/index" else path, JSON_FLAG: True}

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def wants_json(request: Request) -> bool:
    """A JSON twin: the `.json` suffix, or an Accept header asking for JSON rather than HTML."""
    if request.scope.get(JSON_FLAG):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_body(status: int, message: str, param: str | None = None) -> dict[str, Any]:
    """The API's one error shape."""
    codes = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 500: "internal_error"}
    return {"error": {"status": status, "code": codes.get(status, "error"), "message": message, "param": param}}


def _actor_url(key: str) -> str:
    return "/actor/" + quote(key, safe=":")


def _dyad_url(a: str, b: str) -> str:
    return f"/dyad/{quote(a, safe=':')}/{quote(b, safe=':')}"


def _query(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["actor_url"] = _actor_url
    env.globals.update(dyad_url=_dyad_url, query=_query, quad_colours=dict(zip(charts.QUADS, charts.QUAD_COLOURS,
                                                                                strict=True)))
    return env


class Site:
    """The pages: each handler returns data; `render` makes it HTML or JSON."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        Store(self.db, readonly=True).close()  # fail early: missing, foreign or old store
        self._local = threading.local()
        self.actors = ActorIndex()
        self.pairs = PairIndex()
        self._home: tuple[int, dict[str, Any]] | None = None
        self._home_lock = threading.Lock()
        self.env = _env()
        self.openapi = openapi.document()

    def store(self) -> Store:
        """This thread's read-only store (sqlite3 connections stay in their thread)."""
        s = getattr(self._local, "store", None)
        if s is None:
            s = self._local.store = Store(self.db, readonly=True)
        return s

    def warm(self) -> None:
        """Build the caches (actor index, overview) ahead of the first request."""
        try:
            with Store(self.db, readonly=True) as store:
                self.actors.get(store.connection)
                self.pairs.get(store.connection)
                self._overview(store)
        except Exception:  # a warm-up failure must not stop the server; requests retry
            log.exception("warming the caches failed")

    def _overview(self, store: Store) -> dict[str, Any]:
        """The overview data, computed once per store version (an added article)."""
        version = queries.store_version(store.connection)
        with self._home_lock:
            cached = self._home
        if cached is not None and cached[0] == version:
            return cached[1]
        data = pages.home(store, self._actors(store), self.pairs.get(store.connection))
        with self._home_lock:
            self._home = (version, data)
        return data

    def _actors(self, store: Store) -> ActorIndex:
        """The actor index, brought up to date with the store."""
        self.actors.get(store.connection)
        return self.actors

    def render(self, request: Request, template: str, data: dict[str, Any], **extra: Any) -> Response:
        if wants_json(request):
            return JSONResponse(data)
        html = self.env.get_template(template).render(data=data, request=request, **extra)
        return HTMLResponse(html)

    # -- handlers ---------------------------------------------------------------------------

    def home(self, request: Request) -> Response:
        parse("home", request.query_params)
        data = self._overview(self.store())
        return self.render(request, "home.html", data, specs={
            "articles": charts.articles_per_month(data["articles_per_month"]),
            "events": charts.events_per_month(data["events_per_month"]),
        })

    def article(self, request: Request) -> Response:
        parse("article", request.query_params)
        data = pages.article(self.store(), request.path_params["id"])
        view = data.pop("_view")
        return self.render(request, "article.html", data, view=view)

    def actor(self, request: Request) -> Response:
        p = parse("actor", request.query_params)
        store = self.store()
        data = pages.actor(store, self._actors(store), self.pairs.get(store.connection), request.path_params["key"], p)
        spec = charts.event_map(data["events_as_actor"] + data["events_as_recipient"])
        return self.render(request, "actor.html", data, specs={"map": spec} if spec else {})

    def dyad(self, request: Request) -> Response:
        p = parse("dyad", request.query_params)
        store = self.store()
        data = pages.dyad(store, self._actors(store), self.pairs.get(store.connection), request.path_params["a"],
                          request.path_params["b"], p)
        a, b = data["a"], data["b"]
        links = {"a_to_b": "/events?" + _query(actor=a["key"], recipient=b["key"]),
                 "b_to_a": "/events?" + _query(actor=b["key"], recipient=a["key"])}
        specs = {"timeline": charts.dyad_timeline(data["series"], a["name"], b["name"], links, data["by"]),
                 "points": charts.event_points(data["events"])}
        if (m := charts.event_map(data["events"])) is not None:
            specs["map"] = m
        return self.render(request, "dyad.html", data, specs=specs)

    def search(self, request: Request) -> Response:
        p = parse("search", request.query_params)
        data = pages.search(self.store(), p)
        return self.render(request, "search.html", data)

    def events(self, request: Request) -> Response:
        p = parse("events", request.query_params)
        store = self.store()
        data = pages.events(store, self._actors(store), p)
        return self.render(request, "events.html", data, types=list(charts.quad_classes()))

    def openapi_json(self, request: Request) -> Response:
        return JSONResponse(self.openapi)

    # -- errors ------------------------------------------------------------------------------

    def error(self, request: Request, status: int, message: str, param: str | None = None) -> Response:
        body = error_body(status, message, param)
        if wants_json(request) or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse(body, status_code=status)
        html = self.env.get_template("error.html").render(
            data=body, request=request, error_json=json.dumps(body, ensure_ascii=False, indent=2))
        return HTMLResponse(html, status_code=status)

    async def on_bad_request(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, BadRequest)
        return self.error(request, 400, exc.message, exc.param)

    async def on_not_found(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, pages.NotFound)
        return self.error(request, 404, str(exc))

    async def on_http(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        messages = {404: "no such page", 405: "method not allowed"}
        return self.error(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))

    async def on_crash(self, request: Request, exc: Exception) -> Response:
        # The trace goes to the server's log, never to the client.
        log.exception("error serving %s", request.url.path)
        return self.error(request, 500, "internal error")


def create_app(db: str | Path) -> ASGIApp:
    """The kiebitz web app over the store at `db`, opened read-only (raises StoreError if unusable)."""
    site = Site(db)
    routes = [
        Route("/", site.home),
        Route("/article/{id}", site.article),
        Route("/actor/{key}", site.actor),
        Route("/dyad/{a}/{b}", site.dyad),
        Route("/search", site.search),
        Route("/events", site.events),
        Route("/api/openapi.json", site.openapi_json),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Warm the actor index and the overview in the background: the first visitor need not wait.
        threading.Thread(target=site.warm, name="kiebitz-warm", daemon=True).start()
        yield

    app = Starlette(
        lifespan=lifespan,
        routes=routes,
        exception_handlers={
            BadRequest: site.on_bad_request,
            pages.NotFound: site.on_not_found,
            HTTPException: site.on_http,
            Exception: site.on_crash,
        },
    )
    app.state.site = site
    return JsonTwins(app)

