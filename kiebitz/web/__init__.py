"""`kiebitz serve`: a small ASGI app (Starlette + Jinja2) over a store opened read-only.

Every page has a JSON twin (`.json` or `Accept: application/json`); the API is described at
`/api/openapi.json`. See docs/web.md.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import OptionalDependencyError


def create_app(db: str | Path):  # noqa: ANN201 - an ASGI app; starlette is optional
    """The web app over the store at `db` (read-only)."""
    try:
        from .app import create_app as _create
    except ImportError as exc:  # pragma: no cover - depends on installed extras
        raise OptionalDependencyError("kiebitz serve", "web") from exc
    return _create(db)


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store at `db` on host:port until interrupted (127.0.0.1 unless told otherwise)."""
    try:
        import uvicorn
    except ImportError as exc:  # pragma: no cover
        raise OptionalDependencyError("kiebitz serve", "web") from exc
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning", server_header=False)
