"""The read-only web application over the SQL store: JSON API + dashboard (Starlette).

    create_app("postgresql+psycopg2://...")   # or sqlite:///marsad.db

Routes (full description: ``/api/openapi.json``, docs/api.md):

    GET /                         the dashboard (static HTML + JS + SVG, no CDN)
    GET /api/events               filtered events, cursor-paginated, with their articles
    GET /api/events/{event_id}    one event: mentions, articles (with their story cluster)
    GET /api/articles             articles with their cluster, cursor-paginated
    GET /api/map                  compact markers for the map
    GET /api/timeline             daily counts by type
    GET /api/facets               values to filter on
    GET /api/status               counts + last write (the dashboard polls it for live updates)
    GET /api/openapi.json         OpenAPI 3.1 description

The database is opened read-only (PostgreSQL: ``default_transaction_read_only``;
SQLite: ``PRAGMA query_only``). Endpoints are synchronous functions: Starlette runs them
in its thread pool, so a slow query does not block the event loop.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

import orjson
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from marsad.web import queries as q
from marsad.web.openapi import openapi_spec

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def read_only_engine(db_url: str) -> Engine:
    """An engine that cannot write (the web app never does)."""
    if db_url.startswith("sqlite"):
        engine = create_engine(db_url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _ro(dbapi_conn: Any, _: Any) -> None:  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA query_only=ON")
            cur.close()

        return engine
    args: dict[str, Any] = {}
    if db_url.startswith("postgresql") and ("psycopg" in db_url or "+" not in db_url.split("://")[0]):
        args["options"] = "-c default_transaction_read_only=on -c statement_timeout=15000"
    return create_engine(db_url, pool_pre_ping=True, pool_size=8, max_overflow=8, connect_args=args)


# --- parameter parsing --------------------------------------------------------------------


def _multi(request: Request, name: str) -> list[str]:
    out: list[str] = []
    for v in request.query_params.getlist(name):
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _text(request: Request, name: str, max_len: int = 200) -> str | None:
    v = (request.query_params.get(name) or "").strip()
    if len(v) > max_len:
        raise q.BadRequest(f"{name}: longer than {max_len} characters")
    return v or None


def _int(request: Request, name: str, default: int | None, lo: int, hi: int) -> int | None:
    v = request.query_params.get(name)
    if v in (None, ""):
        return default
    try:
        n = int(v)
    except ValueError as exc:
        raise q.BadRequest(f"{name}: not an integer: {v!r}") from exc
    if not lo <= n <= hi:
        raise q.BadRequest(f"{name}: must be between {lo} and {hi}")
    return n


def _day(request: Request, name: str) -> date | None:
    v = _text(request, name, 40)
    if v is None:
        return None
    try:
        return date.fromisoformat(v[:10])
    except ValueError as exc:
        raise q.BadRequest(f"{name}: not a date (YYYY-MM-DD): {v!r}") from exc


def event_filter(request: Request) -> q.EventFilter:
    since = _text(request, "updated_since", 64)
    return q.EventFilter(
        start=_day(request, "from"), end=_day(request, "to"),
        types=_multi(request, "type"), countries=[c.upper() for c in _multi(request, "country")],
        place=_text(request, "place"), actor=_text(request, "actor"), source=_text(request, "source"),
        min_sources=_int(request, "min_sources", None, 1, 1000),
        updated_since=q.parse_ts(since, "updated_since") if since else None,
    )


def article_filter(request: Request) -> q.ArticleFilter:
    start, end = _text(request, "from", 64), _text(request, "to", 64)
    end_ts = None
    if end:
        end_ts = q.parse_ts(end, "to")
        if len(end) == 10:  # a whole day, inclusive
            end_ts += timedelta(days=1)
    return q.ArticleFilter(start=q.parse_ts(start, "from") if start else None, end=end_ts,
                           source=_text(request, "source"), cluster_id=_text(request, "cluster_id", 80),
                           event_id=_text(request, "event_id", 120), language=_text(request, "language", 16))


class SecurityHeaders:
    """Pure ASGI middleware: a strict Content-Security-Policy (everything from 'self')."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer")]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers") or []) + self.HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- the app ------------------------------------------------------------------------------


def create_app(db_url: str, *, engine: Engine | None = None) -> Starlette:
    """The Starlette app serving the API and the dashboard for ``db_url`` (read-only)."""
    eng = engine or read_only_engine(db_url)
    spec = openapi_spec()

    def endpoint(fn: Callable[[Request, Any], Any]) -> Callable[[Request], Response]:
        def run(request: Request) -> Response:
            try:
                with eng.connect() as conn:
                    result = fn(request, conn)
            except q.BadRequest as exc:
                return JSON({"error": "bad_request", "detail": str(exc)}, status_code=400)
            except (OperationalError, ProgrammingError) as exc:
                log.warning("database unavailable: %s", exc.__class__.__name__)
                return JSON({"error": "database_unavailable",
                             "detail": "the store cannot be read yet (is the pipeline's database initialised?)"},
                            status_code=503)
            if result is None:
                return JSON({"error": "not_found"}, status_code=404)
            return JSON(result, headers={"Cache-Control": "no-store"})
        run.__name__ = fn.__name__
        return run

    def events(request: Request, conn: Any) -> Any:
        return q.list_events(conn, event_filter(request), limit=_int(request, "limit", 50, 1, q.MAX_LIMIT) or 50,
                             cursor=_text(request, "cursor", 400))

    def one_event(request: Request, conn: Any) -> Any:
        return q.get_event(conn, request.path_params["event_id"])

    def articles(request: Request, conn: Any) -> Any:
        return q.list_articles(conn, article_filter(request), limit=_int(request, "limit", 50, 1, q.MAX_LIMIT) or 50,
                               cursor=_text(request, "cursor", 400))

    def map_(request: Request, conn: Any) -> Any:
        return q.map_points(conn, event_filter(request), limit=_int(request, "limit", q.MAP_LIMIT, 1, q.MAP_LIMIT) or q.MAP_LIMIT)

    def timeline(request: Request, conn: Any) -> Any:
        return q.timeline(conn, event_filter(request))

    def facets(request: Request, conn: Any) -> Any:
        return q.facets(conn)

    def status(request: Request, conn: Any) -> Any:
        return q.status(conn)

    def openapi(request: Request) -> Response:
        return JSON(spec)

    def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    routes = [
        Route("/", index),
        Route("/api/events", endpoint(events)),
        Route("/api/events/{event_id:str}", endpoint(one_event)),
        Route("/api/articles", endpoint(articles)),
        Route("/api/map", endpoint(map_)),
        Route("/api/timeline", endpoint(timeline)),
        Route("/api/facets", endpoint(facets)),
        Route("/api/status", endpoint(status)),
        Route("/api/openapi.json", openapi),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
    app.state.engine = eng
    return app
