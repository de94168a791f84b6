"""The ``extract`` stage: normalized article -> the same article with its events.

Runs :func:`arabic.extract.extract_events` (the code `marsad extract` runs offline)
in a thread so a long article does not stall the event loop. An article whose
extraction raises is dead-lettered (``exception:<Type>`` with a traceback summary)
and the partition goes on: a poison pill never blocks.

Output goes to the enriched topic, all on partition 0: the dedup stage that follows
is a single sequencer (see :mod:`agents.dedup`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import faust

from arabic.extract import EXTRACTOR_VERSION, extract_events
from schemas.records import ArticleRecord

from agents import metrics
from agents.deadletter import dead_letter, exception_summary

log = logging.getLogger(__name__)

DEDUP_PARTITION = 0


def extract_record(rec: ArticleRecord) -> list[dict[str, Any]]:
    """Events of one normalized record ([] for non-Arabic text); may raise on a bug."""
    if rec.language != "ar":
        return []
    normalized = {"clean_title": rec.clean_title, "clean_text": rec.clean_text, "normalized_text": rec.normalized_text,
                  "dateline": rec.dateline, "language": rec.language, "arabic_ratio": rec.arabic_ratio,
                  "content_hash": rec.content_hash, "removed_boilerplate": ()}
    article = {"article_id": rec.article_id, "title": rec.title, "text": rec.text, "published": rec.published,
               "normalized": normalized}
    return extract_events(article)


def register(app: faust.App, source: faust.TopicT, out: faust.TopicT, dlq: faust.TopicT) -> Any:
    """Add the ``extract`` agent: ``source`` (normalized) -> ``out`` (enriched)."""

    @app.agent(source, name="extract")
    async def extract(stream: faust.StreamT) -> None:
        async for event in stream.events():
            rec: ArticleRecord = event.value
            msg = event.message
            metrics.ARTICLES_IN.labels("extract").inc()
            started = time.perf_counter()
            try:
                events = await asyncio.to_thread(extract_record, rec)
            except Exception as exc:
                reason = f"exception:{type(exc).__name__}"
                log.exception("extract failed on article %s", rec.article_id)
                metrics.DEAD_LETTERS.labels("extract", reason).inc()
                await dlq.send(key=rec.article_id.encode(), value=dead_letter(
                    stage="extract", reason=reason, detail=exception_summary(exc), payload=rec.title,
                    key=rec.article_id, topic=msg.topic, partition=msg.partition, offset=msg.offset))
                events = []  # the article itself is still stored, with no events
                rec = rec.derive(events=[], extractor_version=f"{EXTRACTOR_VERSION}:failed")
            else:
                rec = rec.derive(events=events, extractor_version=EXTRACTOR_VERSION)
            metrics.STAGE_LATENCY.labels("extract").observe(time.perf_counter() - started)
            await out.send(key=rec.article_id.encode(), value=rec, partition=DEDUP_PARTITION)

    return extract
