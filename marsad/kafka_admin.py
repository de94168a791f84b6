"""Kafka administration with kafka-python: create the pipeline's topics, read offsets.

Blocking calls; used by commands and tests, never inside the agents' event loop.
"""

from __future__ import annotations

import time
from typing import Any

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from marsad.config import Settings
from schemas.topics import Topics


def admin_client(settings: Settings, timeout: float = 30.0) -> KafkaAdminClient:
    """An admin client for ``settings.broker``; retries until ``timeout`` seconds pass.

    Raises ``RuntimeError`` naming the broker address (and how to start one locally)
    when the broker cannot be reached.
    """
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            return KafkaAdminClient(bootstrap_servers=settings.broker, client_id="marsad-admin",
                                    request_timeout_ms=15000, **settings.kafka_client_kwargs())
        except KafkaError as exc:
            last = exc
            time.sleep(1.0)
    raise RuntimeError(
        f"cannot reach the Kafka broker at {settings.broker} ({last}). Start one with "
        "`marsad broker start` or set MARSAD_BROKER to your cluster's bootstrap servers."
    )


def ensure_topics(settings: Settings, *, timeout: float = 30.0) -> list[str]:
    """Create the pipeline's topics that are missing; returns the names created.

    Existing topics are left alone (their partition count is checked: a mismatch
    raises ``RuntimeError``, since Faust tables need equal counts).
    """
    topics = Topics(settings.topic_prefix, settings.app_id)
    specs = topics.specs(settings.partitions)
    admin = admin_client(settings, timeout)
    try:
        existing = set(admin.list_topics())
        missing = [s for s in specs if s.name not in existing]
        created: list[str] = []
        if missing:
            try:
                admin.create_topics([NewTopic(s.name, s.partitions, 1, topic_configs=s.configs) for s in missing])
            except TopicAlreadyExistsError:
                pass
            created = [s.name for s in missing]
        described = admin.describe_topics([s.name for s in specs])
        for d in described:
            want = settings.partitions
            got = len(d.get("partitions") or [])
            if got and got != want:
                raise RuntimeError(
                    f"topic {d['topic']} has {got} partitions but MARSAD_PARTITIONS={want}; "
                    "use the same count everywhere (or a new MARSAD_TOPIC_PREFIX)"
                )
        return created
    finally:
        admin.close()


def end_offsets(settings: Settings, topic: str) -> dict[int, int]:
    """Latest offset of every partition of ``topic``."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=settings.broker, **settings.kafka_client_kwargs())
    try:
        parts = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in sorted(parts)]
        return {tp.partition: off for tp, off in consumer.end_offsets(tps).items()}
    finally:
        consumer.close()


def read_all(settings: Settings, topic: str, *, timeout: float = 10.0) -> list[Any]:
    """Every message currently in ``topic`` (from the earliest offset); for tests and tools."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=settings.broker, enable_auto_commit=False,
                             auto_offset_reset="earliest", consumer_timeout_ms=int(timeout * 1000),
                             **settings.kafka_client_kwargs())
    try:
        parts = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in sorted(parts)]
        consumer.assign(tps)
        ends = consumer.end_offsets(tps)
        consumer.seek_to_beginning(*tps)
        out: list[Any] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(consumer.position(tp) >= ends[tp] for tp in tps):
                break
            for recs in consumer.poll(timeout_ms=500).values():
                out.extend(recs)
        return out
    finally:
        consumer.close()

