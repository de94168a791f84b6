"""The Kafka producer every Marsad producer uses (kafka-python).

Idempotent (``enable_idempotence=True``, ``acks="all"``): a retried send is written
once. Keys and values are bytes; the key is the deterministic article id.
"""

from __future__ import annotations

from typing import Any

from kafka import KafkaProducer

from marsad.config import Settings

MAX_REQUEST_BYTES = 8 * 1024 * 1024


def make_producer(settings: Settings, **overrides: Any) -> KafkaProducer:
    """A KafkaProducer for ``settings.broker``.

    Raises ``kafka.errors.NoBrokersAvailable`` when the broker cannot be reached.
    """
    kwargs: dict[str, Any] = dict(
        bootstrap_servers=settings.broker,
        client_id="marsad-producer",
        acks="all",
        enable_idempotence=True,
        linger_ms=20,
        batch_size=256 * 1024,
        max_request_size=MAX_REQUEST_BYTES,
        retries=2147483647,
        request_timeout_ms=30000,
        delivery_timeout_ms=300000,
        max_block_ms=120000,
    )
    kwargs.update(settings.kafka_client_kwargs())
    kwargs.update(overrides)
    return KafkaProducer(**kwargs)
