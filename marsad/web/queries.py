"""Read-only queries of the web API (SQLAlchemy Core, bound parameters only).

Every function takes a :class:`~sqlalchemy.engine.Connection` and plain Python values
(already validated by :mod:`marsad.web.app`) and returns JSON-ready dicts. Lists use
keyset (cursor) pagination: the cursor is the URL-safe base64 of ``[sort key, id]`` of
the last row of the page, so a page costs the same however deep it is and rows written
meanwhile neither repeat nor vanish.

Filters shared by events, the map and the timeline (:class:`EventFilter`):

* ``start`` / ``end`` (``YYYY-MM-DD``, inclusive): the event's day, i.e. its date when the
  articles give one, else the day it was first reported;
* ``types``: event types (any of); ``countries``: ISO codes (any of);
* ``place``: substring of the place as written or its gazetteer name (main place or any
  location of the event);
* ``actor``: substring of any actor's text or canonical name;
* ``source``: the event has a mention from that source;
* ``min_sources``: at least that many distinct sources;
* ``updated_since``: rows (re)written by the pipeline after that time (live updates).

JSON columns hold ``\\uXXXX`` escapes for non-ASCII text (SQLAlchemy's default
serializer), so substring filters on them match both the raw and the escaped spelling.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Sequence

from sqlalchemy import String, Text, and_, cast, func, or_, select, true
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from schemas import tables

E = tables.events
M = tables.event_mentions
A = tables.articles

MAX_LIMIT = 500
MAP_LIMIT = 5000


class BadRequest(ValueError):
    """A parameter the API cannot use (HTTP 400)."""


# --- cursors ------------------------------------------------------------------------------


def encode_cursor(key: Any, ident: str) -> str:
    if isinstance(key, datetime):
        key = _utc(key).isoformat()
    raw = json.dumps([key, ident], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, ident = json.loads(raw)
    except Exception as exc:  # noqa: BLE001 - any malformed cursor is the client's error
        raise BadRequest("invalid cursor") from exc
    if not isinstance(ident, str) or not (key is None or isinstance(key, str)):
        raise BadRequest("invalid cursor")
    return key, ident


def parse_ts(value: str, what: str = "timestamp") -> datetime:
    """An ISO 8601 date or datetime (naive = UTC) as an aware UTC datetime."""
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(), tzinfo=timezone.utc)
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, TypeError) as exc:
        raise BadRequest(f"{what}: not an ISO 8601 date or datetime: {value!r}") from exc
    return _utc(dt)


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def _iso(dt: datetime | None) -> str | None:
    return _utc(dt).isoformat() if dt is not None else None


def _db_ts(conn: Connection, dt: datetime) -> datetime:
    """A timestamp as the database compares it: SQLite stores naive UTC text."""
    return dt.replace(tzinfo=None) if conn.dialect.name == "sqlite" else dt


# --- filters ------------------------------------------------------------------------------


@dataclass
class EventFilter:
    start: date | None = None
    end: date | None = None
    types: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    place: str | None = None
    actor: str | None = None
    source: str | None = None
    min_sources: int | None = None
    updated_since: datetime | None = None


def _like_escape(s: str) -> str:
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _contains(col: Any, text: str, *, json_col: bool = False) -> ColumnElement[bool]:
    """``col`` contains ``text`` (ASCII: case-insensitive). JSON columns hold non-ASCII
    text as ``\\uXXXX`` escapes, so they are searched for the escaped spelling."""
    needle = json.dumps(text)[1:-1] if json_col else text
    target = cast(col, Text) if json_col else col
    pattern = "%" + _like_escape(needle) + "%"
    if text.isascii():
        return target.ilike(pattern, escape="!")
    return target.like(pattern, escape="!")


def event_day(conn: Connection) -> ColumnElement[str]:
    """The day of an event: its date, else the UTC day of its first report."""
    if conn.dialect.name == "postgresql":
        first = func.to_char(func.timezone("UTC", E.c.first_seen), "YYYY-MM-DD")
    else:
        first = func.substr(cast(E.c.first_seen, String), 1, 10)
    return func.coalesce(E.c.date, first)


def _day_bounds(conn: Connection, start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    """Time range on the event day, written so the indexes on date can be used."""
    conds = []
    if start is not None:
        ts = _db_ts(conn, datetime.combine(start, time(), tzinfo=timezone.utc))
        conds.append(or_(E.c.date >= start.isoformat(), and_(E.c.date.is_(None), E.c.first_seen >= ts)))
    if end is not None:
        ts = _db_ts(conn, datetime.combine(end + timedelta(days=1), time(), tzinfo=timezone.utc))
        conds.append(or_(E.c.date <= end.isoformat(), and_(E.c.date.is_(None), E.c.first_seen < ts)))
    return conds


def event_conditions(conn: Connection, f: EventFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = _day_bounds(conn, f.start, f.end)
    if f.types:
        conds.append(E.c.type.in_(f.types))
    if f.countries:
        conds.append(E.c.country.in_(f.countries))
    if f.place:
        # the main place is one of the event's locations (text and gazetteer name)
        conds.append(_contains(E.c.locations, f.place, json_col=True))
    if f.actor:
        conds.append(_contains(E.c.actors, f.actor, json_col=True))
    if f.source:
        conds.append(E.c.event_id.in_(select(M.c.event_id).where(M.c.source == f.source)))
    if f.min_sources:
        conds.append(E.c.num_sources >= f.min_sources)
    if f.updated_since is not None:
        conds.append(E.c.updated_at > _db_ts(conn, f.updated_since))
    return conds


# --- rows as JSON -------------------------------------------------------------------------


def event_json(r: Any) -> dict[str, Any]:
    return {
        "event_id": r["event_id"],
        "type": r["type"],
        "date": r["date"],
        "place": r["place"],
        "place_name": r["place_name"],
        "country": r["country"] or None,
        "lat": r["lat"],
        "lon": r["lon"],
        "locations": r["locations"] or [],
        "actors": r["actors"] or [],
        "casualties": {
            "killed": r["killed"],
            "injured": r["injured"],
            "per_source": r["casualties_per_source"] or {},
        },
        "num_articles": r["num_articles"],
        "num_sources": r["num_sources"],
        "first_seen": _iso(r["first_seen"]),
        "last_seen": _iso(r["last_seen"]),
        "updated_at": _iso(r["updated_at"]),
        "extractor_version": r["extractor_version"],
        "pipeline_version": r["pipeline_version"],
    }


ARTICLE_BRIEF = (A.c.article_id, A.c.source, A.c.source_name, A.c.title, A.c.url, A.c.published_at,
                 A.c.cluster_id, A.c.duplicate_of, A.c.similarity, A.c.language, A.c.dateline)


def article_json(r: Any) -> dict[str, Any]:
    return {
        "article_id": r["article_id"],
        "source": r["source"],
        "source_name": r["source_name"],
        "title": r["title"],
        "url": r["url"],
        "published_at": _iso(r["published_at"]),
        "language": r["language"],
        "dateline": r["dateline"],
        "cluster": {"cluster_id": r["cluster_id"], "duplicate_of": r["duplicate_of"], "similarity": r["similarity"]},
    }


def _articles_of_events(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Per event: its articles (one entry per article, oldest first)."""
    out: dict[str, list[dict[str, Any]]] = {eid: [] for eid in event_ids}
    if not event_ids:
        return out
    q = (select(M.c.event_id, M.c.article_id, M.c.source, M.c.published_at, A.c.title, A.c.url)
         .select_from(M.outerjoin(A, A.c.article_id == M.c.article_id))
         .where(M.c.event_id.in_(list(event_ids)))
         .order_by(M.c.event_id, M.c.published_at, M.c.article_id))
    seen: set[tuple[str, str]] = set()
    for r in conn.execute(q).mappings():
        k = (r["event_id"], r["article_id"])
        if k in seen:
            continue
        seen.add(k)
        out[r["event_id"]].append({"article_id": r["article_id"], "source": r["source"], "title": r["title"],
                                   "url": r["url"], "published_at": _iso(r["published_at"])})
    return out


# --- events -------------------------------------------------------------------------------


def list_events(conn: Connection, f: EventFilter, limit: int = 50, cursor: str | None = None,
                with_articles: bool = True) -> dict[str, Any]:
    """Events matching ``f``, newest report first (``last_seen`` desc, then id desc)."""
    conds = event_conditions(conn, f)
    if cursor:
        key, ident = decode_cursor(cursor)
        if key is None:
            conds.append(and_(E.c.last_seen.is_(None), E.c.event_id < ident))
        else:
            ts = _db_ts(conn, parse_ts(key, "cursor"))
            conds.append(or_(E.c.last_seen < ts, and_(E.c.last_seen == ts, E.c.event_id < ident),
                             E.c.last_seen.is_(None)))
    q = (select(E).where(and_(true(), *conds))
         .order_by(E.c.last_seen.desc().nulls_last(), E.c.event_id.desc()).limit(limit + 1))
    rows = conn.execute(q).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [event_json(r) for r in rows]
    if with_articles:
        arts = _articles_of_events(conn, [r["event_id"] for r in rows])
        for it in items:
            it["articles"] = arts[it["event_id"]]
            it["sources"] = sorted({a["source"] for a in it["articles"]})
    nxt = encode_cursor(rows[-1]["last_seen"], rows[-1]["event_id"]) if more and rows else None
    return {"items": items, "next_cursor": nxt, "limit": limit}


def get_event(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """One event with its mentions (per article) and each article with its cluster."""
    r = conn.execute(select(E).where(E.c.event_id == event_id)).mappings().first()
    if r is None:
        return None
    ev = event_json(r)
    q = (select(M.c.mention_id, M.c.article_id, M.c.source.label("mention_source"), M.c.published_at.label("mention_published"),
                M.c.trigger, M.c.sentence, M.c.date.label("mention_date"), M.c.date_text, M.c.casualties,
                M.c.locations.label("mention_locations"), M.c.actors.label("mention_actors"), M.c.reported_by,
                *[c.label("a_" + c.name) for c in ARTICLE_BRIEF])
         .select_from(M.outerjoin(A, A.c.article_id == M.c.article_id))
         .where(M.c.event_id == event_id)
         .order_by(M.c.published_at, M.c.mention_id))
    mentions, articles = [], {}
    for m in conn.execute(q).mappings():
        mentions.append({"mention_id": m["mention_id"], "article_id": m["article_id"], "source": m["mention_source"],
                         "published_at": _iso(m["mention_published"]), "trigger": m["trigger"],
                         "sentence": m["sentence"], "date": m["mention_date"], "date_text": m["date_text"],
                         "casualties": m["casualties"] or [], "locations": m["mention_locations"] or [],
                         "actors": m["mention_actors"] or [], "reported_by": m["reported_by"]})
        if m["a_article_id"] and m["article_id"] not in articles:
            articles[m["article_id"]] = article_json({c.name: m["a_" + c.name] for c in ARTICLE_BRIEF})
    ev["mentions"] = mentions
    ev["articles"] = list(articles.values())
    ev["sources"] = sorted({m["source"] for m in mentions})
    return ev


def map_points(conn: Connection, f: EventFilter, limit: int = MAP_LIMIT) -> dict[str, Any]:
    """Compact markers (events with coordinates), newest first, at most ``limit``."""
    conds = event_conditions(conn, f) + [E.c.lat.is_not(None), E.c.lon.is_not(None)]
    q = (select(E.c.event_id, E.c.type, E.c.lat, E.c.lon, E.c.killed, E.c.injured, E.c.num_sources,
                E.c.place, E.c.place_name, E.c.date, E.c.last_seen)
         .where(and_(*conds)).order_by(E.c.last_seen.desc().nulls_last(), E.c.event_id.desc()).limit(limit + 1))
    rows = conn.execute(q).all()
    points = [{"event_id": r.event_id, "type": r.type, "lat": r.lat, "lon": r.lon, "killed": r.killed,
               "injured": r.injured, "num_sources": r.num_sources, "place": r.place, "place_name": r.place_name,
               "date": r.date} for r in rows[:limit]]
    return {"points": points, "truncated": len(rows) > limit}


def timeline(conn: Connection, f: EventFilter) -> dict[str, Any]:
    """Daily counts of events by type (days without events are left out)."""
    day = event_day(conn).label("day")
    q = (select(day, E.c.type, func.count().label("n")).where(and_(true(), *event_conditions(conn, f)))
         .group_by(day, E.c.type).order_by(day))
    days: dict[str, dict[str, int]] = {}
    for d, t, n in conn.execute(q):
        if d:
            days.setdefault(d, {})[t] = n
    return {"days": [{"day": d, "counts": c, "total": sum(c.values())} for d, c in days.items()]}


# --- articles -----------------------------------------------------------------------------


@dataclass
class ArticleFilter:
    start: datetime | None = None
    end: datetime | None = None
    source: str | None = None
    cluster_id: str | None = None
    event_id: str | None = None
    language: str | None = None


def list_articles(conn: Connection, f: ArticleFilter, limit: int = 50, cursor: str | None = None) -> dict[str, Any]:
    """Articles, newest first (``published_at`` desc, id desc), each with its cluster
    (id, duplicate of, similarity, size)."""
    conds: list[ColumnElement[bool]] = []
    if f.start is not None:
        conds.append(A.c.published_at >= _db_ts(conn, f.start))
    if f.end is not None:
        conds.append(A.c.published_at < _db_ts(conn, f.end))
    if f.source:
        conds.append(A.c.source == f.source)
    if f.cluster_id:
        conds.append(A.c.cluster_id == f.cluster_id)
    if f.language:
        conds.append(A.c.language == f.language)
    if f.event_id:
        conds.append(A.c.article_id.in_(select(M.c.article_id).where(M.c.event_id == f.event_id)))
    if cursor:
        key, ident = decode_cursor(cursor)
        if key is None:
            conds.append(and_(A.c.published_at.is_(None), A.c.article_id < ident))
        else:
            ts = _db_ts(conn, parse_ts(key, "cursor"))
            conds.append(or_(A.c.published_at < ts, and_(A.c.published_at == ts, A.c.article_id < ident),
                             A.c.published_at.is_(None)))
    q = (select(*ARTICLE_BRIEF).where(and_(true(), *conds))
         .order_by(A.c.published_at.desc().nulls_last(), A.c.article_id.desc()).limit(limit + 1))
    rows = conn.execute(q).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [article_json(r) for r in rows]
    clusters = sorted({r["cluster_id"] for r in rows if r["cluster_id"]})
    sizes: dict[str, int] = {}
    if clusters:
        sizes = dict(conn.execute(select(A.c.cluster_id, func.count()).where(A.c.cluster_id.in_(clusters))
                                  .group_by(A.c.cluster_id)).all())
    ids = [r["article_id"] for r in rows]
    events: dict[str, list[str]] = {i: [] for i in ids}
    if ids:
        for aid, eid in conn.execute(select(M.c.article_id, M.c.event_id).where(M.c.article_id.in_(ids))
                                     .order_by(M.c.mention_id)):
            if eid not in events[aid]:
                events[aid].append(eid)
    for it in items:
        cid = it["cluster"]["cluster_id"]
        it["cluster"]["size"] = sizes.get(cid, 0) if cid else None
        it["event_ids"] = events[it["article_id"]]
    nxt = encode_cursor(rows[-1]["published_at"], rows[-1]["article_id"]) if more and rows else None
    return {"items": items, "next_cursor": nxt, "limit": limit}


# --- facets and status --------------------------------------------------------------------


def facets(conn: Connection) -> dict[str, Any]:
    """Values to filter on: event types, countries and sources with their counts."""
    types = conn.execute(select(E.c.type, func.count()).group_by(E.c.type).order_by(E.c.type)).all()
    countries = conn.execute(select(E.c.country, func.count()).where(E.c.country.is_not(None), E.c.country != "")
                             .group_by(E.c.country).order_by(E.c.country)).all()
    sources = conn.execute(select(A.c.source, func.count()).group_by(A.c.source).order_by(A.c.source)).all()
    return {"types": [{"value": t, "count": n} for t, n in types],
            "countries": [{"value": c, "count": n} for c, n in countries],
            "sources": [{"value": s, "count": n} for s, n in sources]}


def status(conn: Connection) -> dict[str, Any]:
    """Row counts and the latest write, for live updates (poll and compare ``version``)."""
    ev = conn.execute(select(func.count(), func.max(E.c.updated_at))).one()
    ar = conn.execute(select(func.count(), func.max(A.c.updated_at))).one()
    latest = max((x for x in (ev[1], ar[1]) if x is not None), default=None)
    version = f"{ev[0]}:{ar[0]}:{_iso(latest) or ''}"
    return {"events": ev[0], "articles": ar[0], "last_update": _iso(latest), "version": version,
            "server_time": datetime.now(timezone.utc).isoformat()}


__all__ = ["BadRequest", "EventFilter", "ArticleFilter", "list_events", "get_event", "map_points", "timeline",
           "list_articles", "facets", "status", "encode_cursor", "decode_cursor", "parse_ts"]
