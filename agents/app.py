r"""The Faust application: topics, agents and their wiring, built from :class:`Settings`.

Flow (one agent per stage, one module per agent)::

    raw (bytes) -normalize-> normalized -extract-> enriched -dedup-> deduped  -sink------> SQL articles
                                                                  \-> mentions -event-sink-> SQL events, event_mentions
    every stage: bad input -> deadletter -deadletter-sink-> SQL dead_letters

Delivery is at-least-once; the sink's upserts make redelivery harmless.
"""

from __future__ import annotations

import logging
from typing import Any

import faust

import marsad
from marsad.config import Settings, env_number
from marsad import store
from arabic.extract import EXTRACTOR_VERSION
from schemas.records import ArticleRecord, DeadLetterRecord, MentionRecord
from schemas.topics import MAX_MESSAGE_BYTES, Topics

from agents import dedup as dedup_stage
from agents import faust_fixes
from agents import extract as extract_stage
from agents import normalize as normalize_stage
from agents import sink as sink_stage
from agents import watchdog

log = logging.getLogger(__name__)

import os

#: The version every derived row carries. ``MARSAD_PIPELINE_TAG`` appends a label (for
#: example the date of a reprocessing run, or a configuration change the code version
#: does not show).
PIPELINE_VERSION = f"marsad-{marsad.__version__}+{EXTRACTOR_VERSION}" + os.environ.get("MARSAD_PIPELINE_TAG", "")


def session_timeout() -> float:
    """Seconds without heartbeat after which Kafka declares a worker dead and hands its
    partitions to the others (``MARSAD_KAFKA_SESSION_TIMEOUT``, default 20; Faust's own
    default of 60 s left a crashed worker's partitions idle for a minute). Heartbeats
    go every 3 s from a background task, and blocking work runs in threads, so a busy
    worker is not mistaken for a dead one."""
    # the broker's group.min.session.timeout.ms is 6 s
    return env_number("MARSAD_KAFKA_SESSION_TIMEOUT", 20.0, what="a number of seconds", minimum=6.0)


def stream_buffer() -> int:
    """Records each agent's input queue holds before Faust pauses its partitions
    (``MARSAD_STREAM_BUFFER``, default 512, at least 16). Faust's default of 4,096 lets
    every agent of a worker hold 4,096 articles of 10-100 KB during a bulk replay, so a
    worker's memory followed the backlog in front of it."""
    return env_number("MARSAD_STREAM_BUFFER", 512, what="a whole number of records", cast=int, minimum=16)


def faust_broker_credentials(settings: Settings) -> Any:
    """Faust credentials object for SASL/TLS settings (None for plain text)."""
    import ssl

    if settings.security_protocol == "PLAINTEXT":
        return None
    context = ssl.create_default_context(cafile=settings.ssl_cafile) if "SSL" in settings.security_protocol else None
    if settings.sasl_mechanism:
        if settings.sasl_mechanism.startswith("SCRAM"):
            return faust.SASLCredentials(username=settings.sasl_username, password=settings.sasl_password,
                                         mechanism=settings.sasl_mechanism, ssl_context=context)
        return faust.SASLCredentials(username=settings.sasl_username, password=settings.sasl_password, ssl_context=context)
    return faust.SSLCredentials(context)


def create_app(settings: Settings) -> faust.App:
    """A Faust app with every agent of the pipeline registered.

    The consumer group is ``settings.app_id``; topics come from :class:`Topics`
    with ``settings.partitions`` partitions each (they must already exist: see
    :func:`marsad.kafka_admin.ensure_topics`).
    """
    faust_fixes.apply()
    app = faust.App(
        settings.app_id,
        broker=[f"kafka://{b.strip()}" for b in settings.broker.split(",")],
        broker_credentials=faust_broker_credentials(settings),
        store="memory://",
        topic_partitions=settings.partitions,
        topic_replication_factor=1,
        table_standby_replicas=0,
        topic_disable_leader=True,
        web_enabled=settings.web_port > 0,
        web_port=settings.web_port or 6066,
        web_bind="127.0.0.1",
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        broker_commit_interval=1.0,
        broker_session_timeout=session_timeout(),
        # records as large as the topics accept (Faust's default of 1 MB made the normalize
        # agent crash on any article over ~350 KB of text, well under MARSAD_MAX_TEXT_BYTES)
        producer_max_request_size=int(MAX_MESSAGE_BYTES),
        broker_heartbeat_interval=3.0,
        # Faust's default of 20 minutes let one unanswered produce request (a busy broker)
        # hold aiokafka's flush, and with it every offset commit, for that long; a retried
        # request can at worst duplicate a derived record, which the upserts absorb
        producer_request_timeout=30.0,
        # article records are 10-100 KB: Faust's 16 KB batches held one record each, one
        # produce request per record; let records of a few milliseconds share a request
        producer_max_batch_size=1024 * 1024,
        producer_linger=0.005,
        # Faust's 1 MB per partition and fetch starved the dedup sequencer, whose single
        # input partition carries every article (measured: 83 -> 153 articles/s)
        consumer_max_fetch_size=16 * 1024 * 1024,
        stream_buffer_maxsize=stream_buffer(),
        autodiscover=False,
    )
    topics = Topics(settings.topic_prefix, settings.app_id)
    raw = app.topic(topics.raw, topics.replay, key_type=bytes, value_type=bytes, key_serializer="raw",
                    value_serializer="raw", partitions=settings.partitions)
    normalized = app.topic(topics.normalized, key_type=bytes, value_type=ArticleRecord, key_serializer="raw",
                           partitions=settings.partitions)
    enriched = app.topic(topics.enriched, key_type=bytes, value_type=ArticleRecord, key_serializer="raw",
                         partitions=settings.partitions)
    deduped = app.topic(topics.deduped, key_type=bytes, value_type=ArticleRecord, key_serializer="raw",
                        partitions=settings.partitions)
    mentions = app.topic(topics.mentions, key_type=bytes, value_type=MentionRecord, key_serializer="raw",
                         partitions=settings.partitions)
    dlq = app.topic(topics.deadletter, key_type=bytes, value_type=DeadLetterRecord, key_serializer="raw",
                    partitions=settings.partitions)
    engine = store.make_engine(settings.db_url)
    store.init_db(engine)
    normalize_stage.register(app, raw, normalized, dlq, settings, PIPELINE_VERSION)
    extract_stage.register(app, normalized, enriched, dlq)
    dedup_stage.register(app, enriched, deduped, mentions, dlq, settings)
    sink_stage.register(app, deduped, mentions, dlq, settings, engine)
    watchdog.install(app)
    return app
