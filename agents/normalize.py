"""The ``normalize`` stage: raw bytes -> validated, normalized :class:`ArticleRecord`.

:func:`normalize_raw` is the pure part (also used offline); :func:`register` wires it
into a Faust app. Every raw message ends either on the output topic or on the
dead-letter topic with a reason: invalid input raises :class:`InvalidArticle`
(reason from the contract), anything unexpected is dead-lettered as
``exception:<Type>`` with a traceback summary; the agent never stops on input.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import faust

from arabic.normalize import normalize_article
from marsad.config import Settings
from schemas.raw_article import InvalidArticle, article_id, parse_published, parse_raw_article
from schemas.records import ArticleRecord

from agents.deadletter import dead_letter, exception_summary
from agents import metrics

log = logging.getLogger(__name__)

#: Largest normalized record sent on (serialized JSON bytes). The topics accept 8 MiB
#: (schemas.topics.MAX_MESSAGE_BYTES); the record carries the text three times
#: (original, clean, normalized) and the extract stage adds its events, so keep room.
MAX_RECORD_BYTES = 6 * 1024 * 1024


def normalize_raw(payload: bytes | str | None, *, max_text_bytes: int, pipeline_version: str,
                  topic: str | None = None, partition: int | None = None, offset: int | None = None) -> ArticleRecord:
    """Validate and normalize one raw article.

    Returns the record (article id computed from the canonical URL, else content);
    raises :class:`InvalidArticle` for input that breaks the contract.
    """
    art = parse_raw_article(payload, max_text_bytes=max_text_bytes)
    norm = normalize_article(art.get("title") or "", art["text"])
    if not norm.clean_text.strip():
        raise InvalidArticle("empty_text", "no visible text after removing HTML and boilerplate")
    published = parse_published(art.get("published"))
    rec = ArticleRecord(
        article_id=article_id(art),
        source=art["source"],
        title=art.get("title") or "",
        text=art["text"],
        url=art.get("url"),
        external_id=art.get("id"),
        source_name=art.get("source_name"),
        author=art.get("author"),
        published=published.isoformat() if published else None,
        declared_language=art.get("language"),
        clean_title=norm.clean_title,
        clean_text=norm.clean_text,
        normalized_text=norm.normalized_text,
        dateline=norm.dateline,
        language=norm.language,
        arabic_ratio=norm.arabic_ratio,
        content_hash=norm.content_hash,
        pipeline_version=pipeline_version,
        raw_topic=topic,
        raw_partition=partition,
        raw_offset=offset,
        ingested_at=time.time(),
    )
    size = len(rec.dumps())
    if size > MAX_RECORD_BYTES:  # e.g. a text full of characters JSON escapes 6-fold
        raise InvalidArticle("text_too_large", f"the normalized record is {size} bytes, over the "
                             f"{MAX_RECORD_BYTES}-byte record limit")
    return rec


ORIGIN_HEADER = "marsad-origin"  # same as marsad.replay.ORIGIN_HEADER


def origin_of(msg: Any) -> tuple[str, int, int]:
    """(topic, partition, offset) of the raw message ``msg`` is, or copies (replays
    carry the original position in the ``marsad-origin`` header)."""
    headers = msg.headers or []
    items = headers.items() if isinstance(headers, dict) else headers
    for k, v in items:
        if k == ORIGIN_HEADER and v:
            try:
                topic, part, off = (v.decode() if isinstance(v, bytes) else str(v)).rsplit(":", 2)
                return topic, int(part), int(off)
            except ValueError:
                break
    return msg.topic, msg.partition, msg.offset


def register(app: faust.App, source: faust.TopicT, out: faust.TopicT, dlq: faust.TopicT,
             settings: Settings, pipeline_version: str) -> Any:
    """Add the ``normalize`` agent to ``app``: ``source`` (raw bytes) -> ``out``."""

    @app.agent(source, name="normalize")
    async def normalize(stream: faust.StreamT) -> None:
        async for event in stream.events():
            msg = event.message
            topic, partition, offset = origin_of(msg)
            metrics.ARTICLES_IN.labels("normalize").inc()
            started = time.perf_counter()
            try:
                rec = normalize_raw(msg.value, max_text_bytes=settings.max_text_bytes,
                                    pipeline_version=pipeline_version, topic=topic,
                                    partition=partition, offset=offset)
            except InvalidArticle as exc:
                metrics.DEAD_LETTERS.labels("normalize", exc.reason).inc()
                await dlq.send(key=msg.key, value=dead_letter(
                    stage="normalize", reason=exc.reason, detail=exc.detail, payload=msg.value,
                    key=msg.key, topic=topic, partition=partition, offset=offset))
                continue
            except Exception as exc:  # a poison pill must not stop the partition
                log.exception("normalize failed on %s[%s]@%s", msg.topic, msg.partition, msg.offset)
                reason = f"exception:{type(exc).__name__}"
                metrics.DEAD_LETTERS.labels("normalize", reason).inc()
                await dlq.send(key=msg.key, value=dead_letter(
                    stage="normalize", reason=reason, detail=exception_summary(exc), payload=msg.value,
                    key=msg.key, topic=topic, partition=partition, offset=offset))
                continue
            metrics.STAGE_LATENCY.labels("normalize").observe(time.perf_counter() - started)
            await out.send(key=rec.article_id.encode(), value=rec)

    return normalize
