"""Replaying the raw topic: plans, consumer-group rewinds, re-publishing, progress.

Three ways to reprocess history (see docs/replay.md):

* **rewind** the pipeline's consumer group on the raw topic (to the earliest offset, a
  time, or explicit offsets). Kafka only lets an *empty* group's offsets change, so
  this refuses while workers of the group run; :func:`plan_rewind` is the dry run.
* **republish** a range of the raw topic (time range, offsets, chosen sources) onto the
  replay topic, which the ``normalize`` agent also reads: live ingestion never stops,
  and only the chosen articles are reprocessed.
* **a new pipeline version beside the live one**: run workers with a new app id
  (``marsad worker --app-id marsad-v2``). It has its own consumer group, derived topics
  and Faust tables, starts from the earliest raw offset, and upserts the same SQL rows
  (tagged with its version); when ``marsad status`` shows it caught up, stop the old
  workers.

Blocking kafka-python calls; used from commands, not from agents.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Iterable

import orjson
from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

from marsad.config import Settings
from marsad.kafka_admin import admin_client
from schemas.topics import Topics


#: header carrying ``topic:partition:offset`` of the raw message a replayed one copies
ORIGIN_HEADER = "marsad-origin"


class ReplayError(RuntimeError):
    """A replay that cannot be done as asked (the message says why and what to do)."""


@dataclass(frozen=True)
class PartitionPlan:
    """One raw partition: the group's committed offset, where it will restart, the end."""

    partition: int
    current: int | None
    new: int
    end: int

    @property
    def to_reprocess(self) -> int:
        return max(0, self.end - self.new)


def _consumer(settings: Settings) -> KafkaConsumer:
    return KafkaConsumer(bootstrap_servers=settings.broker, enable_auto_commit=False, **settings.kafka_client_kwargs())


def group_members(settings: Settings, group: str) -> list[str]:
    """Client ids of the active members of ``group`` (empty list: no worker runs)."""
    admin = admin_client(settings)
    try:
        desc = admin.describe_groups([group]).get(group) or {}
    finally:
        admin.close()
    members = desc.get("members") or []
    return [str(m.get("client_id") or m.get("member_id")) for m in members]


def committed_offsets(settings: Settings, group: str, topic: str) -> dict[int, int | None]:
    """The group's committed offset per partition of ``topic`` (None: never committed)."""
    admin = admin_client(settings)
    try:
        res = _group_offsets(admin, group)
    finally:
        admin.close()
    return {tp.partition: (om.offset if om.offset is not None and om.offset >= 0 else None)
            for tp, om in res.items() if tp.topic == topic}


def plan_rewind(settings: Settings, *, start: str | datetime | dict[int, int] = "earliest",
                group: str | None = None) -> list[PartitionPlan]:
    """Where each raw partition would restart: ``"earliest"``, the first offset at or
    after a datetime, or explicit ``{partition: offset}`` (other partitions unchanged)."""
    topics = Topics(settings.topic_prefix, settings.app_id)
    group = group or settings.app_id
    consumer = _consumer(settings)
    try:
        parts = sorted(consumer.partitions_for_topic(topics.raw) or [])
        if not parts:
            raise ReplayError(f"topic {topics.raw} does not exist on {settings.broker}")
        tps = [TopicPartition(topics.raw, p) for p in parts]
        begin = consumer.beginning_offsets(tps)
        end = consumer.end_offsets(tps)
        current = committed_offsets(settings, group, topics.raw)
        if start == "earliest":
            new = {tp.partition: begin[tp] for tp in tps}
        elif isinstance(start, datetime):
            found = consumer.offsets_for_times({tp: int(start.timestamp() * 1000) for tp in tps})
            new = {tp.partition: (found[tp].offset if found.get(tp) else end[tp]) for tp in tps}
        elif isinstance(start, dict):
            bad = set(start) - set(parts)
            if bad:
                raise ReplayError(f"no such partition(s) {sorted(bad)} in {topics.raw} (has {parts})")
            new = {tp.partition: current.get(tp.partition) if current.get(tp.partition) is not None else end[tp]
                   for tp in tps}
            new.update({p: min(max(o, begin[TopicPartition(topics.raw, p)]), end[TopicPartition(topics.raw, p)])
                        for p, o in start.items()})
        else:
            raise ReplayError(f"unknown start {start!r}")
        return [PartitionPlan(tp.partition, current.get(tp.partition), new[tp.partition], end[tp]) for tp in tps]
    finally:
        consumer.close()


def apply_rewind(settings: Settings, plan: list[PartitionPlan], *, group: str | None = None) -> None:
    """Commit the plan's offsets for the group. Raises :class:`ReplayError` while the
    group has active members (stop its workers first, or use republish / a new version)."""
    group = group or settings.app_id
    members = group_members(settings, group)
    if members:
        raise ReplayError(f"consumer group {group!r} has {len(members)} active member(s) ({', '.join(members[:4])}): "
                          "stop its workers first, or use `marsad replay republish` / a new --app-id to reprocess "
                          "without stopping live ingestion")
    topic = Topics(settings.topic_prefix, settings.app_id).raw
    admin = admin_client(settings)
    try:
        result = admin.alter_group_offsets(group, {TopicPartition(topic, p.partition): OffsetAndMetadata(p.new, "", -1)
                                                   for p in plan})
    finally:
        admin.close()
    failed = {tp.partition: err for tp, err in result.items() if getattr(err, "errno", 0)}
    if failed:
        raise ReplayError(f"the broker refused some offsets: {failed}")


def republish(settings: Settings, *, since: datetime | None = None, until: datetime | None = None,
              offsets: dict[int, tuple[int, int]] | None = None, sources: Iterable[str] = (),
              on_progress: Callable[[int, int, int], None] | None = None) -> tuple[int, int]:
    """Copy raw messages in a time range or offset ranges (``{partition: (start, end)}``,
    end exclusive), optionally only of ``sources``, onto the replay topic.

    Returns (messages scanned, messages republished). Keys and values are copied as
    they are, so the pipeline's idempotent upserts apply.
    """
    from producers.kafka import make_producer

    topics = Topics(settings.topic_prefix, settings.app_id)
    wanted = set(sources)
    consumer = _consumer(settings)
    producer = make_producer(settings)
    scanned = sent = 0
    try:
        parts = sorted(consumer.partitions_for_topic(topics.raw) or [])
        tps = [TopicPartition(topics.raw, p) for p in parts]
        begin, end = consumer.beginning_offsets(tps), consumer.end_offsets(tps)
        ranges: dict[TopicPartition, tuple[int, int]] = {}
        for tp in tps:
            lo, hi = begin[tp], end[tp]
            if offsets is not None:
                if tp.partition not in offsets:
                    continue
                lo, hi = max(lo, offsets[tp.partition][0]), min(hi, offsets[tp.partition][1])
            if since is not None:
                f = consumer.offsets_for_times({tp: int(since.timestamp() * 1000)}).get(tp)
                lo = max(lo, f.offset if f else hi)
            if until is not None:
                f = consumer.offsets_for_times({tp: int(until.timestamp() * 1000)}).get(tp)
                hi = min(hi, f.offset if f else hi)
            if hi > lo:
                ranges[tp] = (lo, hi)
        total = sum(hi - lo for lo, hi in ranges.values())
        consumer.assign(list(ranges))
        for tp, (lo, _) in ranges.items():
            consumer.seek(tp, lo)
        remaining = dict(ranges)
        while remaining:
            for tp, records in consumer.poll(timeout_ms=1000, max_records=2000).items():
                lo, hi = ranges[tp]
                for r in records:
                    if r.offset >= hi:
                        remaining.pop(tp, None)
                        break
                    scanned += 1
                    if wanted and _source_of(r.value) not in wanted:
                        continue
                    origin = f"{tp.topic}:{tp.partition}:{r.offset}".encode()
                    producer.send(topics.replay, key=r.key, value=r.value, partition=tp.partition,
                                  headers=[(ORIGIN_HEADER, origin)])
                    sent += 1
                if consumer.position(tp) >= hi:
                    remaining.pop(tp, None)
            for tp in list(remaining):
                if consumer.position(tp) >= ranges[tp][1]:
                    remaining.pop(tp, None)
            if on_progress:
                on_progress(scanned, sent, total)
        producer.flush()
        return scanned, sent
    finally:
        producer.close()
        consumer.close()


def _source_of(value: bytes | None) -> str | None:
    try:
        data = orjson.loads(value or b"")
        return data.get("source") if isinstance(data, dict) else None
    except orjson.JSONDecodeError:
        return None


def _group_offsets(admin: Any, group: str, attempts: int = 20, backoff: float = 0.5) -> dict:
    """The group's committed offsets; retries Kafka's retriable errors (a fresh broker
    answers ``CoordinatorNotAvailable`` until its offsets topic exists) for up to
    ``attempts`` x ``backoff`` seconds, then raises."""
    from kafka.errors import KafkaError

    for attempt in range(attempts):
        try:
            return admin.list_group_offsets({group: None}).get(group) or {}
        except KafkaError as exc:
            if not getattr(exc, "retriable", False) or attempt == attempts - 1:
                raise
            time.sleep(backoff)
    return {}


class LagProbe:
    """Repeated lag readings over one pair of Kafka clients.

    Opening a consumer and an admin client per reading cost about 0.4 s of CPU: polled
    every 2 s, it took a fifth of a core from the workers it was watching (measured
    during `marsad bench replay`). Use as a context manager, or call :meth:`close`."""

    def __init__(self, settings: Settings, group: str | None = None, names: list[str] | None = None) -> None:
        topics = Topics(settings.topic_prefix, settings.app_id)
        self.group = group or settings.app_id
        self.names = names or [topics.raw, topics.replay, topics.normalized, topics.enriched, topics.deduped,
                               topics.mentions, topics.deadletter]
        self.consumer = _consumer(settings)
        try:
            self.admin = admin_client(settings)
        except Exception:
            self.consumer.close()
            raise

    def read(self) -> dict[str, dict[int, dict[str, Any]]]:
        """Per topic the group reads, per partition: end offset, committed offset, lag."""
        res = _group_offsets(self.admin, self.group)
        committed = {(tp.topic, tp.partition): om.offset for tp, om in res.items()}
        out: dict[str, dict[int, dict[str, Any]]] = {}
        for name in self.names:
            parts = sorted(self.consumer.partitions_for_topic(name) or [])
            tps = [TopicPartition(name, p) for p in parts]
            ends = self.consumer.end_offsets(tps) if tps else {}
            out[name] = {}
            for tp in tps:
                c = committed.get((name, tp.partition))
                c = c if c is not None and c >= 0 else None
                out[name][tp.partition] = {"end": ends[tp], "committed": c,
                                           "lag": ends[tp] - (c if c is not None else 0)}
        return out

    def close(self) -> None:
        try:
            self.consumer.close()
        finally:
            self.admin.close()

    def __enter__(self) -> "LagProbe":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def lag(settings: Settings, group: str | None = None) -> dict[str, dict[int, dict[str, Any]]]:
    """Per topic the group reads, per partition: end offset, committed offset, lag (one reading)."""
    with LagProbe(settings, group) as probe:
        return probe.read()


def wait_for_lag(settings: Settings, *, group: str | None = None, timeout: float = 3600.0,
                 on_progress: Callable[[int, int, float], None] | None = None, interval: float = 2.0) -> bool:
    """Block until the group's lag on every topic it reads is zero (so SQL is up to
    date); report (articles done, articles remaining, rate per second) to ``on_progress``.
    Returns False on timeout.

    An article not yet in SQL waits on exactly one topic of its chain (raw or replay,
    normalized, enriched, deduped), so the sum of those lags counts the articles still to
    do, whichever stage holds them back; "done" counts from the first observation."""
    topics = Topics(settings.topic_prefix, settings.app_id)
    start_lag: int | None = None
    t0 = time.monotonic()
    deadline = t0 + timeout
    chain = (topics.raw, topics.replay, topics.normalized, topics.enriched, topics.deduped)
    with LagProbe(settings, group) as probe:
        while time.monotonic() < deadline:
            state = probe.read()
            remaining = sum(v["lag"] for t in chain for v in state.get(t, {}).values())
            pending = sum(v["lag"] for parts in state.values() for v in parts.values())
            if start_lag is None:
                start_lag = remaining
            done = max(0, start_lag - remaining)
            rate = done / max(1e-6, time.monotonic() - t0)
            if on_progress:
                on_progress(done, remaining, rate)
            if pending == 0:
                return True
            time.sleep(interval)
    return False
