"""The SQL store: engine creation and idempotent batch upserts (SQLAlchemy Core).

All writes are ``INSERT ... ON CONFLICT (primary key) DO UPDATE`` with bound
parameters, on SQLite and PostgreSQL alike, so writing the same batch twice leaves the
same rows. Functions here are blocking: call them from a thread (the sink does).
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from sqlalchemy import Table, case, create_engine, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from marsad.config import redact_url
from schemas import tables
from schemas.raw_article import parse_published


def make_engine(db_url: str) -> Engine:
    """An engine for ``db_url`` with settings that suit a streaming sink.

    SQLite gets WAL mode and a busy timeout (a reader and the sink can share the
    file); PostgreSQL gets pre-ping so a restarted server is noticed. Raises
    ``sqlalchemy.exc.ArgumentError`` with the (redacted) URL when it is malformed.
    """
    if db_url.startswith("sqlite"):
        engine = create_engine(db_url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _: Any) -> None:  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(db_url, pool_pre_ping=True, pool_size=4, max_overflow=4)


def init_db(engine: Engine) -> None:
    """Create the tables if missing (documented create-on-start)."""
    tables.create_all(engine)


#: Columns kept on conflict while the stored row's guard column equals the new one:
#: a replay by the same dedup version keeps the cluster and event assignment it made
#: first (state past the horizon has expired and could not reproduce it), a new dedup
#: version recomputes them.
STICKY: dict[str, tuple[str, tuple[str, ...]]] = {
    "articles": ("dedup_version", ("cluster_id", "duplicate_of", "similarity")),
    "event_mentions": ("dedup_version", ("event_id",)),
}


def upsert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert ``rows`` into ``table``; rows whose primary key exists are updated
    (except :data:`STICKY` columns under their rule).

    Within one batch, later rows with the same key win. Returns the number of rows
    written.
    """
    if not rows:
        return 0
    keys = [c.name for c in table.primary_key.columns]
    dedup: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        dedup[tuple(row[k] for k in keys)] = row
    rows = list(dedup.values())
    dialect = conn.engine.dialect.name
    if dialect == "postgresql":
        stmt = postgresql.insert(table)
    elif dialect == "sqlite":
        stmt = sqlite.insert(table)
    else:  # pragma: no cover - other databases are not supported yet
        raise NotImplementedError(f"upsert is not implemented for {dialect}")
    update_cols: dict[str, Any] = {c.name: stmt.excluded[c.name] for c in table.columns
                                   if c.name not in keys and c.name != "ingested_at"}
    if table.name in STICKY:
        guard, cols = STICKY[table.name]
        same = table.c[guard] == stmt.excluded[guard]
        for col in cols:
            update_cols[col] = case((same & table.c[col].isnot(None), table.c[col]), else_=stmt.excluded[col])
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_=update_cols)
    conn.execute(stmt, rows)
    return len(rows)


def _ts(value: float | None) -> datetime:
    return datetime.fromtimestamp(value or time.time(), tz=timezone.utc)


def _nul_free(value: Any) -> Any:
    """Strings without NUL characters (PostgreSQL text cannot hold them)."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "")
    return value


def article_row(rec: dict[str, Any]) -> dict[str, Any]:
    """The ``articles`` row of one ArticleRecord dict (NUL characters removed)."""
    return {k: _nul_free(v) for k, v in _article_row(rec).items()}


def _article_row(rec: dict[str, Any]) -> dict[str, Any]:
    published = None
    try:
        published = parse_published(rec.get("published"))
    except ValueError:
        published = None
    now = datetime.now(timezone.utc)
    return {
        "article_id": rec["article_id"],
        "external_id": rec.get("external_id"),
        "url": rec.get("url"),
        "source": rec["source"],
        "source_name": rec.get("source_name"),
        "author": rec.get("author"),
        "title": rec["title"],
        "text": rec["text"],
        "clean_text": rec.get("clean_text") or "",
        "published_at": published,
        "language": rec.get("language") or "unknown",
        "arabic_ratio": rec.get("arabic_ratio"),
        "dateline": (rec.get("dateline") or None) and rec["dateline"][:256],
        "content_hash": rec.get("content_hash") or "",
        "cluster_id": rec.get("cluster_id"),
        "duplicate_of": rec.get("duplicate_of"),
        "similarity": rec.get("similarity"),
        "dedup_version": rec.get("dedup_version"),
        "pipeline_version": rec.get("pipeline_version") or "",
        "raw_partition": rec.get("raw_partition"),
        "raw_offset": rec.get("raw_offset"),
        "ingested_at": _ts(rec.get("ingested_at")),
        "updated_at": now,
    }


def dead_letter_row(rec: dict[str, Any]) -> dict[str, Any]:
    """The ``dead_letters`` row of one DeadLetterRecord dict (NUL characters removed)."""
    return {k: _nul_free(v) for k, v in _dead_letter_row(rec).items()}


def _dead_letter_row(rec: dict[str, Any]) -> dict[str, Any]:
    return {
        "dead_letter_id": rec["dead_letter_id"][:200],
        "stage": rec["stage"],
        "reason": rec["reason"][:128],
        "detail": rec.get("detail") or "",
        "payload_excerpt": rec.get("payload_excerpt"),
        "payload_bytes": rec.get("payload_bytes"),
        "key": (rec.get("key") or None) and rec["key"][:512],
        "source_topic": rec.get("source_topic"),
        "source_partition": rec.get("source_partition"),
        "source_offset": rec.get("source_offset"),
        "created_at": _ts(rec.get("created_at")),
    }


def write_batch(engine: Engine, articles: Iterable[dict[str, Any]] = (), dead_letters: Iterable[dict[str, Any]] = ()) -> tuple[int, int]:
    """Upsert article records and dead letters in one transaction.

    Returns (articles written, dead letters written). Raises SQLAlchemy errors on a
    database failure; nothing is half-written (one transaction).
    """
    a_rows = [article_row(r) for r in articles]
    d_rows = [dead_letter_row(r) for r in dead_letters]
    with engine.begin() as conn:
        na = upsert(conn, tables.articles, a_rows)
        nd = upsert(conn, tables.dead_letters, d_rows)
    return na, nd


def summary(engine: Engine) -> dict[str, Any]:
    """Counts for people: articles per source and language, dead letters per reason."""
    with engine.connect() as conn:
        per_source = conn.execute(
            select(tables.articles.c.source, func.count()).group_by(tables.articles.c.source).order_by(func.count().desc())
        ).all()
        per_language = conn.execute(
            select(tables.articles.c.language, func.count()).group_by(tables.articles.c.language)
        ).all()
        per_reason = conn.execute(
            select(tables.dead_letters.c.stage, tables.dead_letters.c.reason, func.count())
            .group_by(tables.dead_letters.c.stage, tables.dead_letters.c.reason)
        ).all()
    return {
        "articles": sum(n for _, n in per_source),
        "articles_per_source": {s: n for s, n in per_source},
        "articles_per_language": {s: n for s, n in per_language},
        "dead_letters": sum(n for *_, n in per_reason),
        "dead_letters_per_reason": {f"{st}:{r}": n for st, r, n in per_reason},
    }


def describe(db_url: str) -> str:
    """The database URL with its password hidden, for messages."""
    return redact_url(db_url)


def count_articles(engine: Engine, article_ids: Sequence[str]) -> int:
    """How many of ``article_ids`` (duplicates ignored) have a row in ``articles``."""
    ids = sorted(set(article_ids))
    n = 0
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            n += conn.execute(select(func.count()).select_from(tables.articles)
                              .where(tables.articles.c.article_id.in_(chunk))).scalar_one()
    return n


# --- events -------------------------------------------------------------------------------


def mention_row(rec: dict[str, Any]) -> dict[str, Any]:
    """The ``event_mentions`` row of one MentionRecord dict."""
    ev = rec.get("event") or {}
    published = None
    try:
        published = parse_published(rec.get("published"))
    except ValueError:
        published = None
    return {k: _nul_free(v) for k, v in {
        "mention_id": rec["mention_id"],
        "event_id": rec["event_id"],
        "article_id": rec["article_id"],
        "source": rec["source"],
        "published_at": published,
        "type": ev.get("type") or "",
        "trigger": ev.get("trigger"),
        "sentence": ev.get("sentence"),
        "date": ev.get("date"),
        "date_text": ev.get("date_text"),
        "locations": ev.get("locations") or [],
        "actors": ev.get("actors") or [],
        "casualties": ev.get("casualties") or [],
        "reported_by": ev.get("reported_by"),
        "dedup_version": rec.get("dedup_version"),
        "extractor_version": rec.get("extractor_version") or "",
        "pipeline_version": rec.get("pipeline_version") or "",
        "updated_at": datetime.now(timezone.utc),
    }.items()}


def _union(items: Iterable[list[dict[str, Any]]], key: str) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for lst in items:
        for d in lst or []:
            k = d.get(key)
            if k and k not in seen:
                seen[k] = d
    return list(seen.values())


def event_row(event_id: str, mentions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The canonical ``events`` row of an event from all its mention rows.

    Type and versions from the first mention (by publication time); date: the earliest
    mentioned date; place: the location named by most mentions (ties: first seen);
    casualties reconciled per :func:`dedup.reconcile.event_summary` (never a sum).
    """
    from dedup.reconcile import event_summary

    ms = sorted(mentions, key=lambda m: (m["published_at"] or datetime.max.replace(tzinfo=timezone.utc), m["mention_id"]))
    first = ms[0]
    summ = event_summary([{"article_id": m["article_id"], "source": m["source"],
                           "published_ts": m["published_at"].timestamp() if m["published_at"] else 0.0,
                           "casualties": m["casualties"] or []} for m in ms])
    counts: dict[str, int] = {}
    by_text: dict[str, dict[str, Any]] = {}
    for m in ms:
        for loc in m["locations"] or []:
            t = loc.get("text")
            if t:
                counts[t] = counts.get(t, 0) + 1
                by_text.setdefault(t, loc)
    place = max(counts, key=lambda t: counts[t]) if counts else None  # max keeps the first on ties
    loc = by_text.get(place, {}) if place else {}
    dates = sorted(m["date"] for m in ms if m["date"])

    def ts(v: Any) -> datetime | None:
        return datetime.fromtimestamp(v, tz=timezone.utc) if v else None

    return {
        "event_id": event_id,
        "type": first["type"],
        "date": dates[0] if dates else None,
        "place": place,
        "place_name": loc.get("name"),
        "country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "actors": _union((m["actors"] for m in ms), "text"),
        "locations": _union((m["locations"] for m in ms), "text"),
        "killed": summ.get("killed"),
        "injured": summ.get("injured"),
        "casualties_per_source": summ.get("per_source") or {},
        "num_articles": summ["num_articles"],
        "num_sources": summ["num_sources"],
        "first_seen": ts(summ.get("first_seen")),
        "last_seen": ts(summ.get("last_seen")),
        "extractor_version": first["extractor_version"],
        "pipeline_version": first["pipeline_version"],
        "updated_at": datetime.now(timezone.utc),
    }


def refresh_events(conn: Connection, event_ids: Iterable[str]) -> tuple[int, int]:
    """Recompute the rows of ``event_ids`` from their mentions; delete (retire) events
    left with no mention. Returns (refreshed, retired)."""
    ids = sorted(set(event_ids))
    refreshed = retired = 0
    m = tables.event_mentions
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = conn.execute(select(m).where(m.c.event_id.in_(chunk))).mappings().all()
        grouped: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            grouped.setdefault(r["event_id"], []).append(dict(r))
        upsert(conn, tables.events, [event_row(eid, ms) for eid, ms in grouped.items()])
        refreshed += len(grouped)
        gone = [eid for eid in chunk if eid not in grouped]
        if gone:
            conn.execute(tables.events.delete().where(tables.events.c.event_id.in_(gone)))
            retired += len(gone)
    return refreshed, retired


def write_mentions(engine: Engine, mentions: Sequence[dict[str, Any]]) -> int:
    """Upsert mention rows and refresh their events (old and new event ids) in one
    transaction. Returns the number of mentions written."""
    rows = [mention_row(r) for r in mentions]
    if not rows:
        return 0
    m = tables.event_mentions
    with engine.begin() as conn:
        ids = [r["mention_id"] for r in rows]
        old = {eid for (eid,) in conn.execute(select(m.c.event_id).where(m.c.mention_id.in_(ids)))}
        upsert(conn, m, rows)
        now = {eid for (eid,) in conn.execute(select(m.c.event_id).where(m.c.mention_id.in_(ids)))}
        refresh_events(conn, old | now | {r["event_id"] for r in rows})
    return len(rows)


def retire_stale_mentions(engine: Engine, current: dict[str, list[str]]) -> int:
    """For each article id -> its current mention ids, delete the article's other
    mentions (events a newer extractor no longer finds) and refresh their events.
    Returns the number of mentions deleted."""
    if not current:
        return 0
    m = tables.event_mentions
    deleted = 0
    with engine.begin() as conn:
        rows = conn.execute(select(m.c.mention_id, m.c.article_id, m.c.event_id)
                            .where(m.c.article_id.in_(list(current)))).all()
        stale = [(mid, eid) for mid, aid, eid in rows if mid not in set(current[aid])]
        if stale:
            conn.execute(m.delete().where(m.c.mention_id.in_([mid for mid, _ in stale])))
            refresh_events(conn, {eid for _, eid in stale})
            deleted = len(stale)
    return deleted


def rows_per_version(engine: Engine) -> dict[str, dict[str, int]]:
    """Row counts per pipeline version (articles, mentions) and extractor version (events)."""
    out: dict[str, dict[str, int]] = {}
    with engine.connect() as conn:
        for name, table, col in (("articles", tables.articles, tables.articles.c.pipeline_version),
                                 ("event_mentions", tables.event_mentions, tables.event_mentions.c.pipeline_version),
                                 ("events", tables.events, tables.events.c.pipeline_version)):
            out[name] = {v: n for v, n in conn.execute(select(col, func.count()).group_by(col))}
    return out


def count_rows(engine: Engine, table_name: str) -> int:
    """Rows in one of the store's tables (by name, from :mod:`schemas.tables` only)."""
    table = tables.metadata.tables[table_name]
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()
