"""A polite HTTP client: timeouts, retries with backoff, a kiebitz user agent, robots.txt, per-host rate limits."""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from .. import __version__
from ..errors import InputError, OptionalDependencyError

USER_AGENT = f"kiebitz/{__version__} (+https://github.com/kiebitz; news research crawler)"
# Statuses worth another try: the server is busy or briefly broken, not the request.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class FetchError(InputError):
    """A URL could not be fetched (network, HTTP status or robots.txt); names the URL."""

    def __init__(self, source: str, problem: str, status: int | None = None) -> None:
        super().__init__(source, problem)
        self.status = status


@dataclass(frozen=True)
class Response:
    """A fetched page: final URL after redirects, status, decoded text and content type."""

    url: str
    status: int
    text: str
    content_type: str
    content: bytes = field(default=b"", repr=False)


class Fetcher:
    """Fetch URLs politely; one instance keeps robots.txt and rate-limit state per host."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        min_interval: float = 1.0,
        respect_robots: bool = True,
        max_bytes: int = 10_000_000,
    ) -> None:
        try:
            import httpx
        except ImportError:  # pragma: no cover - depends on the installed extras
            raise OptionalDependencyError("fetching feeds and pages", "corpus") from None
        self._httpx = httpx
        self.user_agent = user_agent
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.respect_robots = respect_robots
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            headers={"User-Agent": user_agent},
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the underlying connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness -------------------------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        """Sleep until `min_interval` has passed since the last request to `host`."""
        with self._lock:
            now = time.monotonic()
            last = self._last.get(host)
            wait = 0.0 if last is None else self.min_interval - (now - last)
            self._last[host] = now + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets our user agent fetch it."""
        if not self.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(origin)
        if parser is None:
            parser = self._load_robots(origin)
            self._robots[origin] = parser
        return parser.can_fetch(self.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            resp = self._request(origin + "/robots.txt", check_robots=False)
        except FetchError as exc:
            # As urllib does: 401/403 forbid everything, other failures (404, 5xx gone) allow everything.
            if exc.status in (401, 403):
                parser.disallow_all = True
            else:
                parser.allow_all = True
            return parser
        parser.parse(resp.text.splitlines())
        return parser

    # -- requests ---------------------------------------------------------------------------------

    def get(self, url: str) -> Response:
        """Fetch `url` (robots.txt, rate limit, retries); raises FetchError naming the URL."""
        return self._request(url, check_robots=True)

    def _request(self, url: str, *, check_robots: bool) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "not an http(s) URL")
        if check_robots and not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        httpx = self._httpx
        last_problem = "no attempt"
        status: int | None = None
        for attempt in range(self.retries + 1):
            self._wait_turn(parts.netloc)
            delay = self.backoff * (2**attempt)
            try:
                resp = self._client.get(url)
            except httpx.HTTPError as exc:
                last_problem = f"{type(exc).__name__}: {exc}"
                status = None
            else:
                status = resp.status_code
                if status < 400:
                    content = resp.content[: self.max_bytes]
                    return Response(
                        url=str(resp.url),
                        status=status,
                        text=resp.text,
                        content_type=resp.headers.get("content-type", ""),
                        content=content,
                    )
                last_problem = f"HTTP {status}"
                if status not in RETRY_STATUSES:
                    break
                delay = max(delay, _retry_after(resp.headers.get("retry-after")))
            if attempt < self.retries:
                time.sleep(min(delay, 60.0))
        raise FetchError(url, f"fetch failed after {attempt + 1} attempt(s): {last_problem}", status)


def _retry_after(value: str | None) -> float:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); 0 if absent or unparsable."""
    if not value:
        return 0.0
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(when.timestamp() - time.time(), 0.0)
