"""The ``dedup`` stage: story clusters for articles, canonical events for mentions.

Design (documented in docs/scale-out.md): the enriched topic is routed to one
partition, so a single *sequencer* agent sees every article in stream order and finds
near-duplicate candidates across the whole stream, whichever partition an article was
ingested on. Articles reach it from every input partition, interleaved differently by
each worker layout; a durable k-way merge (:mod:`dedup.ordering`, its waiting articles
in a table) puts them back in one order, so one worker and several make the same
clusters. Its state lives in Faust tables (changelog-backed; a restarted or
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

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

import faust
from faust.types import TP

from dedup.articles import ArticleDeduplicator, DedupConfig, input_from_article, parse_published
from dedup.events import EventMerger, mention_from_event
from dedup.ordering import PartitionMerge
from marsad.config import Settings, env_number
from marsad.replay import LagProbe
from schemas.records import TICK_SOURCE, ArticleRecord, MentionRecord, tick_record
from schemas.topics import DEDUP_TABLES, Topics

from agents import metrics
from agents.dedup_state import CachedMapping, PartitionWatermark, TableBackedState
from agents.deadletter import dead_letter, exception_summary
from agents.extract import DEDUP_PARTITION

log = logging.getLogger(__name__)

HORIZON_DAYS = 7.0
FUTURE_TOLERANCE_S = 86400.0
#: mentions of different stories merge only when they name the same town or district
#: (docs/events-dedup.md: the precision/recall trade-off measured by `marsad eval events`)
EVENT_EVIDENCE = "specific"
#: Identifies the clustering and merging behaviour. Rows written by a replay with the
#: same dedup version keep their first cluster and event ids (marsad.store.STICKY).
DEDUP_VERSION = f"dedup-4/h{HORIZON_DAYS:g}/{EVENT_EVIDENCE}"
#: records the merge may hold before it forces the earliest out (a bound on memory)
MERGE_MAX_PENDING = 5000
#: seconds between ticks while articles wait in the merge
TICK_INTERVAL = 1.0


@dataclass
class DedupTables:
    """The sequencer's durable state: article records, event-merger state, and the
    articles waiting in the partition merge."""

    articles: Any
    events: Any
    pending: Any


def make_tables(app: faust.App, settings: Settings) -> DedupTables:
    """Changelog-backed tables (JSON values) with the topics' partition count."""
    topics = Topics(settings.topic_prefix, settings.app_id)

    def table(name: str) -> Any:  # changelog topic: topics.changelog(name)
        return app.Table(topics.table(name), default=None, partitions=settings.partitions,
                         schema=faust.Schema(key_type=str, value_type=None, key_serializer="json", value_serializer="json"))

    # their changelog topics are created by marsad.kafka_admin.ensure_topics
    return DedupTables(*(table(name) for name in DEDUP_TABLES))


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


def merge_wait() -> float:
    """Seconds of log time the sequencer waits for a silent input partition before it
    stops holding the others' articles for it when the group's offsets cannot tell that
    the partition is caught up (``MARSAD_DEDUP_MERGE_WAIT``, default 60; 0 processes
    articles in arrival order). A fallback: a caught-up partition is known within a
    tick or two from the offsets (dedup/ordering.py)."""
    return env_number("MARSAD_DEDUP_MERGE_WAIT", 60.0, what="a number of seconds", minimum=0.0)


def stream_ends(reading: dict[str, dict[int, dict[str, Any]]], topics: Topics) -> dict[int, int] | None:
    """The normalized topic's end offset per partition when a lag reading
    (:meth:`marsad.replay.LagProbe.read`) shows every raw and replay partition committed
    to its end: everything ingested so far is then in the normalized topic, up to those
    offsets (what :meth:`dedup.ordering.PartitionMerge.declare_ends` needs). None while
    something is still being normalized."""
    for name in (topics.raw, topics.replay):
        if any(v["end"] > 0 and (v["committed"] is None or v["committed"] < v["end"])
               for v in reading.get(name, {}).values()):
            return None
    return {p: v["end"] for p, v in reading.get(topics.normalized, {}).items()}


def committed_offset(app: faust.App, tp: TP) -> int | None:
    """The next offset of ``tp`` this worker has committed (Faust flushes the producer
    before it commits, so everything sent while processing the records before it is
    in Kafka); None before its first commit or seek to the committed offset. Relies on
    faust-streaming 0.15.3 internals, pinned and checked by tests/unit/agents/test_dedup_state.py."""
    return app.consumer._committed_offset.get(tp)


def register(app: faust.App, source: faust.TopicT, articles_out: faust.TopicT, mentions_out: faust.TopicT,
             dlq: faust.TopicT, settings: Settings) -> Any:
    """Add the ``dedup`` agent (the sequencer) and its tick timer to ``app``."""
    tables = make_tables(app, settings)
    config = DedupConfig()
    state = TableBackedState(tables.articles, bucket_seconds=config.bucket_seconds, posting_cap=config.posting_cap)
    merger_state = CachedMapping(tables.events)
    pending = CachedMapping(tables.pending)
    merge = PartitionMerge(pending, partitions=settings.partitions, idle_after=merge_wait(), max_pending=MERGE_MAX_PENDING)

    async def _recovered(*_: Any) -> None:  # tables were rebuilt from their changelogs
        state.mark_stale()
        merger_state.mark_stale()
        pending.mark_stale()
        merge.mark_stale()

    for table in (tables.articles, tables.events, tables.pending):
        table.on_recover(_recovered)

    deduper = ArticleDeduplicator(state, horizon_days=HORIZON_DAYS, config=config)
    watermark = PartitionWatermark(expected=settings.partitions)
    deduper.event_time = watermark.value
    merger = EventMerger(merger_state, horizon_days=HORIZON_DAYS, evidence=EVENT_EVIDENCE)
    merger.event_time = watermark.value

    async def process(rec: ArticleRecord, offset: int) -> None:
        """Cluster one article (in merge order) and send its results."""
        metrics.ARTICLES_IN.labels("dedup").inc()
        started = time.perf_counter()
        try:
            if rec.published and rec.raw_partition is not None:
                watermark.observe(rec.raw_partition, parse_published(rec.published))
            out, mentions = dedup_record(rec, deduper, merger)
        except Exception as exc:  # never block the sequencer: store the article unclustered
            reason = f"exception:{type(exc).__name__}"
            log.exception("dedup failed on article %s", rec.article_id)
            metrics.DEAD_LETTERS.labels("dedup", reason).inc()
            await dlq.send(key=rec.article_id.encode(), value=dead_letter(
                stage="dedup", reason=reason, detail=exception_summary(exc), payload=rec.title,
                key=rec.article_id, topic=source.get_topic_name(), partition=DEDUP_PARTITION, offset=offset))
            out, mentions = rec.derive(cluster_id=rec.article_id, events=[]), []
        if out.duplicate_of:
            metrics.DUPLICATES.inc()
        metrics.STAGE_LATENCY.labels("dedup").observe(time.perf_counter() - started)
        for m in mentions:
            await mentions_out.send(key=m.event_id.encode(), value=m)
        await articles_out.send(key=out.article_id.encode(), value=out)

    forced_logged = [float("-inf")]

    input_tp = TP(source.get_topic_name(), DEDUP_PARTITION)

    def ordered(rec: ArticleRecord, msg: Any) -> list[tuple[ArticleRecord, int]]:
        """The articles that may be processed now that ``rec`` was read, in merge order."""
        log_time = float(msg.timestamp or time.time())
        committed = committed_offset(app, input_tp)
        if committed is not None:  # what was released before it has been sent and flushed
            merge.confirm(committed)
        now: list[tuple[ArticleRecord, int]] = []
        if rec.source == TICK_SOURCE:
            merge.observe(log_time)
            if rec.stream_ends is not None:
                merge.declare_ends({int(p): int(o) for p, o in rec.stream_ends.items()})
        elif merge.idle_after <= 0 or rec.stream_partition is None:
            return [(rec, msg.offset)]
        elif rec.article_id in tables.articles:
            # processed before (a redelivery, or an update): its first result comes back at
            # once, and its offset still tells how far its partition has arrived
            merge.saw(rec.stream_partition, rec.stream_offset, log_time)
            now.append((rec, msg.offset))
        else:
            try:
                ts = parse_published(rec.published) if rec.published else log_time
            except ValueError:  # an unreadable date orders by arrival; dedup reports it
                ts = log_time
            merge.add(rec.article_id, partition=rec.stream_partition, seq=msg.offset, published_ts=ts,
                      log_time=log_time, payload=rec.asdict(), offset=rec.stream_offset)
        forced = merge.forced
        # stamped with this record's offset: the merge keeps them until it is committed
        released = now + [(ArticleRecord(**payload), seq) for payload, seq in merge.release(stamp=msg.offset)]
        if merge.forced > forced:
            metrics.DEDUP_FORCED.inc(merge.forced - forced)
            if time.monotonic() - forced_logged[0] >= 30.0:
                forced_logged[0] = time.monotonic()
                log.info("dedup merge: %d articles so far released before every input partition had one waiting "
                         "(a partition silent for %gs, or %d waiting): %s", merge.forced, merge.idle_after,
                         MERGE_MAX_PENDING, merge.describe())
        metrics.DEDUP_WAITING.set(len(merge))
        return released

    @app.agent(source, name="dedup")
    async def dedup(stream: faust.StreamT) -> None:
        async for event in stream.events():
            n = state.ensure_fresh()
            merger_state.ensure_fresh()
            pending.ensure_fresh()
            waiting = merge.ensure_fresh()
            if n or waiting:
                log.info("dedup state rebuilt from %d article records, %d waiting in the merge", n, waiting)
            for rec, offset in ordered(event.value, event.message):
                await process(rec, offset)

    topics = Topics(settings.topic_prefix, settings.app_id)
    probe: list[LagProbe] = []  # one pair of Kafka clients, opened on first use, reopened after an error

    def read_ends() -> dict[int, int] | None:
        if not probe:
            probe.append(LagProbe(settings, names=[topics.raw, topics.replay, topics.normalized]))
        try:
            return stream_ends(probe[0].read(), topics)
        except Exception:
            probe.pop().close()
            raise

    @app.timer(TICK_INTERVAL, name="marsad-dedup-tick")
    async def tick() -> None:
        """While articles wait in the merge (or after a recovery), tell the sequencer
        where the normalized partitions end once everything ingested is normalized, and
        move its log time on: a silent input would otherwise hold them for ever. While
        released articles are unconfirmed, the tick lets the sequencer confirm them."""
        if merge.idle_after <= 0 or not (len(merge) or merge.stale or merge.unconfirmed):
            return
        try:
            owns_input = input_tp in app.consumer.assignment()
        except Exception:  # consumer not started yet
            return
        if not owns_input:
            return
        try:
            ends = await asyncio.to_thread(read_ends)
        except Exception as exc:  # the time fallback still releases them
            log.warning("dedup merge: cannot read the group's offsets (%s); silent partitions are waited for "
                        "up to %gs", exception_summary(exc), merge.idle_after)
            ends = None
        await source.send(key=b"", value=tick_record(ends), partition=DEDUP_PARTITION)

    return dedup
