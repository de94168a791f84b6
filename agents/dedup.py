"""The ``dedup`` stage: story clusters for articles, canonical events for mentions.

Design (documented in docs/scale-out.md): the enriched topic is routed to one
partition, so a single *sequencer* agent sees every article in stream order and finds
near-duplicate candidates across the whole stream, whichever partition an article was
ingested on. Its state lives in Faust tables (changelog-backed; a restarted or
rebalanced worker rebuilds it from the changelog) and expires past the horizon of
publication time, so memory stays flat on an endless stream. Normalization and
extraction, the expensive stages, scale across all partitions and workers; the
sequencer costs < 1 ms per article.

Outputs: the article (with ``cluster_id``, ``duplicate_of``, ``similarity`` and
each event's ``event_id`` / ``mention_id``) to the deduped topic keyed by article id,
and one :class:`MentionRecord` per event to the mentions topic keyed by ``event_id``
(so one sink at a time owns an event's row).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import faust

from dedup.articles import ArticleDeduplicator, DedupConfig, input_from_article, parse_published
from dedup.events import EventMerger, mention_from_event
from marsad.config import Settings
from schemas.records import ArticleRecord, MentionRecord
from schemas.topics import DEDUP_TABLES, Topics

from agents import metrics
from agents.dedup_state import CachedMapping, PartitionWatermark, TableBackedState
from agents.deadletter import dead_letter, exception_summary

log = logging.getLogger(__name__)

HORIZON_DAYS = 7.0
FUTURE_TOLERANCE_S = 86400.0
#: mentions of different stories merge only when they name the same town or district
#: (docs/events-dedup.md: the precision/recall trade-off measured by `marsad eval events`)
EVENT_EVIDENCE = "specific"
#: Identifies the clustering and merging behaviour. Rows written by a replay with the
#: same dedup version keep their first cluster and event ids (marsad.store.STICKY).
DEDUP_VERSION = f"dedup-3/h{HORIZON_DAYS:g}/{EVENT_EVIDENCE}"


@dataclass
class DedupTables:
    """The sequencer's durable state: article records and event-merger state."""

    articles: Any
    events: Any


def make_tables(app: faust.App, settings: Settings) -> DedupTables:
    """Changelog-backed tables (JSON values) with the topics' partition count."""
    topics = Topics(settings.topic_prefix, settings.app_id)

    def table(name: str) -> Any:  # changelog topic: topics.changelog(name)
        return app.Table(topics.table(name), default=None, partitions=settings.partitions,
                         schema=faust.Schema(key_type=str, value_type=None, key_serializer="json", value_serializer="json"))

    articles, events = DEDUP_TABLES  # their changelog topics are created by marsad.kafka_admin.ensure_topics
    return DedupTables(table(articles), table(events))


def dedup_record(rec: ArticleRecord, dedup: ArticleDeduplicator, merger: EventMerger) -> tuple[ArticleRecord, list[MentionRecord]]:
    """Cluster one article and assign its events to canonical events (pure given state)."""
    received = rec.ingested_at or time.time()
    published_ts = parse_published(rec.published) if rec.published else received
    # a publication time in the future (a wrong clock or time zone at the source) must not
    # push the expiry watermark ahead and flush the state: clamp to a day after receipt
    published_ts = min(published_ts, received + FUTURE_TOLERANCE_S)
    item = input_from_article({"article_id": rec.article_id, "title": rec.title, "text": rec.text,
                               "url": rec.url, "published": published_ts})
    result = dedup.add(item)
    mentions: list[MentionRecord] = []
    events: list[dict] = []
    for i, ev in enumerate(rec.events or []):
        m = mention_from_event(ev, article_id=rec.article_id, source=rec.source, published_ts=item.published_ts,
                               cluster_id=result.cluster_id, index=i)
        event_id = merger.assign(m)
        ev = dict(ev, mention_id=m.mention_id, event_id=event_id)
        events.append(ev)
        mentions.append(MentionRecord(mention_id=m.mention_id, event_id=event_id, article_id=rec.article_id,
                                      source=rec.source, published=rec.published, event=ev,
                                      extractor_version=rec.extractor_version or "", pipeline_version=rec.pipeline_version,
                                      dedup_version=DEDUP_VERSION))
    out = rec.derive(cluster_id=result.cluster_id, duplicate_of=result.duplicate_of,
                     similarity=result.similarity, events=events, dedup_version=DEDUP_VERSION)
    return out, mentions


def register(app: faust.App, source: faust.TopicT, articles_out: faust.TopicT, mentions_out: faust.TopicT,
             dlq: faust.TopicT, settings: Settings) -> Any:
    """Add the ``dedup`` agent (the sequencer) to ``app``."""
    tables = make_tables(app, settings)
    config = DedupConfig()
    state = TableBackedState(tables.articles, bucket_seconds=config.bucket_seconds, posting_cap=config.posting_cap)
    merger_state = CachedMapping(tables.events)

    async def _recovered(*_: Any) -> None:  # tables were rebuilt from their changelogs
        state.mark_stale()
        merger_state.mark_stale()

    tables.articles.on_recover(_recovered)
    tables.events.on_recover(_recovered)

    @app.agent(source, name="dedup")
    async def dedup(stream: faust.StreamT) -> None:
        deduper = ArticleDeduplicator(state, horizon_days=HORIZON_DAYS, config=config)
        watermark = PartitionWatermark(expected=settings.partitions)
        deduper.event_time = watermark.value
        merger = EventMerger(merger_state, horizon_days=HORIZON_DAYS, evidence=EVENT_EVIDENCE)
        merger.event_time = watermark.value
        async for event in stream.events():
            n = state.ensure_fresh()
            merger_state.ensure_fresh()
            if n:
                log.info("dedup state rebuilt from %d article records", n)
            rec: ArticleRecord = event.value
            msg = event.message
            metrics.ARTICLES_IN.labels("dedup").inc()
            started = time.perf_counter()
            if rec.published and rec.raw_partition is not None:
                watermark.observe(rec.raw_partition, parse_published(rec.published))
            try:
                out, mentions = dedup_record(rec, deduper, merger)
            except Exception as exc:  # never block the sequencer: store the article unclustered
                reason = f"exception:{type(exc).__name__}"
                log.exception("dedup failed on article %s", rec.article_id)
                metrics.DEAD_LETTERS.labels("dedup", reason).inc()
                await dlq.send(key=rec.article_id.encode(), value=dead_letter(
                    stage="dedup", reason=reason, detail=exception_summary(exc), payload=rec.title,
                    key=rec.article_id, topic=msg.topic, partition=msg.partition, offset=msg.offset))
                out, mentions = rec.derive(cluster_id=rec.article_id, events=[]), []
            if out.duplicate_of:
                metrics.DUPLICATES.inc()
            metrics.STAGE_LATENCY.labels("dedup").observe(time.perf_counter() - started)
            for m in mentions:
                await mentions_out.send(key=m.event_id.encode(), value=m)
            await articles_out.send(key=out.article_id.encode(), value=out)

    return dedup
