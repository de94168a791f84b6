"""The ``extract`` stage: normalized article -> the same article with its events.

Runs :func:`arabic.extract.extract_events` (the code `marsad extract` runs offline)
in a thread so a long article does not stall the event loop. An article whose
extraction raises is dead-lettered (``exception:<Type>`` with a traceback summary)
and the partition goes on: a poison pill never blocks.

Output goes to the enriched topic, all on partition 0: the dedup stage that follows
is a single sequencer (see :mod:`agents.dedup`). Each record carries the normalized
partition and offset it came from (``stream_partition``, ``stream_offset``), whose order the sequencer's merge keeps.

``MARSAD_EXTRACTOR=package.module:function`` runs an alternative extractor with the
same signature as :func:`arabic.extract.extract_events` (for example a candidate
extractor version, A/B-compared during a replay under its own ``--app-id``). Rows then
carry that module's ``EXTRACTOR_VERSION`` if it defines one, else
``<default version>+<module:function>``. Unset: the built-in extractor.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import time
from typing import Any, Callable

import faust

from arabic.extract import EXTRACTOR_VERSION, extract_events
from schemas.records import ArticleRecord

from agents import metrics
from agents.deadletter import dead_letter, exception_summary

log = logging.getLogger(__name__)

DEDUP_PARTITION = 0

Extractor = Callable[[dict[str, Any]], list[dict[str, Any]]]


def load_extractor(spec: str | None = None) -> tuple[Extractor, str]:
    """(extract function, extractor version) for ``spec`` (``module:function``; default
    ``$MARSAD_EXTRACTOR``; empty: the built-in extractor). Raises ``ValueError`` when
    ``spec`` is malformed and ``ImportError``/``AttributeError`` when it names nothing."""
    spec = (os.environ.get("MARSAD_EXTRACTOR", "") if spec is None else spec).strip()
    if not spec:
        return extract_events, EXTRACTOR_VERSION
    module_name, sep, func_name = spec.partition(":")
    if not sep or not module_name or not func_name:
        raise ValueError(f"MARSAD_EXTRACTOR must be 'package.module:function', got {spec!r}")
    module = importlib.import_module(module_name)
    func = getattr(module, func_name)
    if not callable(func):
        raise ValueError(f"MARSAD_EXTRACTOR: {spec} is not callable")
    return func, str(getattr(module, "EXTRACTOR_VERSION", "") or f"{EXTRACTOR_VERSION}+{spec}")


def extract_record(rec: ArticleRecord, extractor: Extractor = extract_events) -> list[dict[str, Any]]:
    """Events of one normalized record ([] for non-Arabic text); may raise on a bug."""
    if rec.language != "ar":
        return []
    normalized = {"clean_title": rec.clean_title, "clean_text": rec.clean_text, "normalized_text": rec.normalized_text,
                  "dateline": rec.dateline, "language": rec.language, "arabic_ratio": rec.arabic_ratio,
                  "content_hash": rec.content_hash, "removed_boilerplate": ()}
    article = {"article_id": rec.article_id, "title": rec.title, "text": rec.text, "published": rec.published,
               "normalized": normalized}
    return extractor(article)


def register(app: faust.App, source: faust.TopicT, out: faust.TopicT, dlq: faust.TopicT) -> Any:
    """Add the ``extract`` agent: ``source`` (normalized) -> ``out`` (enriched)."""
    extractor, version = load_extractor()
    if extractor is not extract_events:
        log.info("extractor: %s (version %s)", os.environ.get("MARSAD_EXTRACTOR"), version)

    @app.agent(source, name="extract")
    async def extract(stream: faust.StreamT) -> None:
        async for event in stream.events():
            rec: ArticleRecord = event.value
            msg = event.message
            metrics.ARTICLES_IN.labels("extract").inc()
            started = time.perf_counter()
            try:
                events = await asyncio.to_thread(extract_record, rec, extractor)
            except Exception as exc:
                reason = f"exception:{type(exc).__name__}"
                log.exception("extract failed on article %s", rec.article_id)
                metrics.DEAD_LETTERS.labels("extract", reason).inc()
                await dlq.send(key=rec.article_id.encode(), value=dead_letter(
                    stage="extract", reason=reason, detail=exception_summary(exc), payload=rec.title,
                    key=rec.article_id, topic=msg.topic, partition=msg.partition, offset=msg.offset))
                events = []  # the article itself is still stored, with no events
                rec = rec.derive(events=[], extractor_version=f"{version}:failed", normalized_text="",
                                 stream_partition=msg.partition, stream_offset=msg.offset)
            else:
                # the normalized text served extraction only (dedup folds the text itself, the
                # sink stores the clean text): a third less to carry through the later topics
                rec = rec.derive(events=events, extractor_version=version, normalized_text="",
                                 stream_partition=msg.partition, stream_offset=msg.offset)
            metrics.STAGE_LATENCY.labels("extract").observe(time.perf_counter() - started)
            await out.send(key=rec.article_id.encode(), value=rec, partition=DEDUP_PARTITION)

    return extract
