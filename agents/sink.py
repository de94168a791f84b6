"""The ``sink`` stage: batched, idempotent upserts of articles and dead letters into SQL.

Blocking SQL runs in a thread (``asyncio.to_thread``), never on the event loop.
Delivery is at-least-once: a batch's offsets are acknowledged only after its
transaction commits. Transient database failures (connection lost, server down) are
retried with exponential backoff until they succeed, so an outage stalls the sink
instead of losing rows; a row the database rejects for its content is written
alone and, if it still fails, dead-lettered with the reason (stage ``sink``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Callable, Sequence

import faust
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine

from marsad import store
from marsad.config import Settings

from agents import metrics
from agents.deadletter import dead_letter, exception_summary

log = logging.getLogger(__name__)

TRANSIENT = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.TimeoutError, ConnectionError, OSError)
MAX_BACKOFF = 15.0


def is_transient(exc: BaseException) -> bool:
    """True for failures worth retrying as they are (connection, server, lock)."""
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, TRANSIENT)


async def write_with_retry(write: Callable[[], Any], *, what: str, sleep: Callable[[float], Any] = asyncio.sleep) -> Any:
    """Run the blocking ``write`` in a thread until it succeeds or fails non-transiently.

    Transient errors are retried forever with exponential backoff (0.5 s doubling to
    15 s); other errors are raised to the caller.
    """
    delay = 0.5
    attempt = 0
    while True:
        try:
            return await asyncio.to_thread(write)
        except Exception as exc:
            if not is_transient(exc):
                raise
            attempt += 1
            metrics.SINK_RETRIES.inc()
            log.warning("SQL write of %s failed (%s: %s); retry %d in %.1fs", what, type(exc).__name__,
                        str(exc).splitlines()[0][:200], attempt, delay)
            await sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)


async def store_articles(engine: Engine, rows: Sequence[dict[str, Any]], dlq: faust.TopicT | None) -> int:
    """Upsert ``rows`` (ArticleRecord dicts); isolate and dead-letter rows the DB rejects."""
    try:
        await write_with_retry(lambda: store.write_batch(engine, articles=rows), what=f"{len(rows)} articles")
        return len(rows)
    except Exception:
        pass
    written = 0
    for row in rows:  # find the bad row(s): write one by one
        try:
            await write_with_retry(lambda row=row: store.write_batch(engine, articles=[row]), what="1 article")
            written += 1
        except Exception as exc:
            reason = f"db_rejected:{type(exc).__name__}"
            metrics.DEAD_LETTERS.labels("sink", reason).inc()
            log.error("article %s rejected by the database: %s", row.get("article_id"), exception_summary(exc))
            if dlq is not None:
                await dlq.send(key=str(row.get("article_id")).encode(), value=dead_letter(
                    stage="sink", reason=reason, detail=exception_summary(exc),
                    payload=str(row.get("title", ""))[:200], key=row.get("article_id"),
                    dead_letter_id=f"sink:{row.get('article_id')}:{row.get('content_hash')}"))
    return written


def register(app: faust.App, articles_topic: faust.TopicT, mentions_topic: faust.TopicT, dlq: faust.TopicT,
             settings: Settings, engine: Engine) -> tuple[Any, Any, Any]:
    """Add the ``sink`` (articles), ``event-sink`` (mentions -> events) and
    ``deadletter-sink`` agents to ``app``."""
    batch = max(1, settings.sink_batch)

    @app.agent(articles_topic, name="sink")
    async def sink(stream: faust.StreamT) -> None:
        async for values in stream.take(batch, within=1.0):
            started = time.perf_counter()
            rows = [v.asdict() if hasattr(v, "asdict") else dict(v) for v in values]
            metrics.ARTICLES_IN.labels("sink").inc(len(rows))
            metrics.SINK_BACKLOG.set(len(rows))
            n = await store_articles(engine, rows, dlq)
            current = {r["article_id"]: [e["mention_id"] for e in (r.get("events") or []) if e.get("mention_id")]
                       for r in rows}
            await write_with_retry(lambda: store.retire_stale_mentions(engine, current), what="stale mentions")
            metrics.SINK_BACKLOG.set(0)
            metrics.ARTICLES_OUT.labels("sink").inc(n)
            metrics.STAGE_LATENCY.labels("sink").observe(time.perf_counter() - started)

    @app.agent(mentions_topic, name="event-sink")
    async def event_sink(stream: faust.StreamT) -> None:
        async for values in stream.take(batch, within=1.0):
            rows = [v.asdict() if hasattr(v, "asdict") else dict(v) for v in values]
            started = time.perf_counter()
            try:
                n = await write_with_retry(lambda: store.write_mentions(engine, rows), what=f"{len(rows)} mentions")
            except Exception:
                n = 0
                for row in rows:  # isolate the row the database refuses
                    try:
                        n += await write_with_retry(lambda row=row: store.write_mentions(engine, [row]), what="1 mention")
                    except Exception as exc:
                        reason = f"db_rejected:{type(exc).__name__}"
                        metrics.DEAD_LETTERS.labels("sink", reason).inc()
                        await dlq.send(key=str(row.get("mention_id")).encode(), value=dead_letter(
                            stage="sink", reason=reason, detail=exception_summary(exc), payload=str(row.get("event"))[:300],
                            key=row.get("mention_id"), dead_letter_id=f"sink:{row.get('mention_id')}"))
            metrics.EVENTS_WRITTEN.inc(n)
            metrics.STAGE_LATENCY.labels("event-sink").observe(time.perf_counter() - started)

    @app.agent(dlq, name="deadletter-sink")
    async def deadletter_sink(stream: faust.StreamT) -> None:
        async for values in stream.take(batch, within=1.0):
            rows = [v.asdict() if hasattr(v, "asdict") else dict(v) for v in values]
            try:
                await write_with_retry(lambda: store.write_batch(engine, dead_letters=rows), what=f"{len(rows)} dead letters")
            except Exception as exc:  # content the DB refuses: log loudly, never crash
                log.error("dead letters could not be stored: %s", exception_summary(exc))

    return sink, event_sink, deadletter_sink
