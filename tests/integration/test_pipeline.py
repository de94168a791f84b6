"""The pipeline end to end on the real broker and PostgreSQL: corpus articles and
malformed records go in; every good article is in SQL exactly once, every bad record
is in the dead-letter topic with a reason; a SIGKILLed worker loses nothing."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from sqlalchemy import func, select

from marsad import store
from marsad.kafka_admin import ensure_topics, read_all
from producers.files import iter_lines, produce_lines
from producers.kafka import make_producer
from schemas import tables
from schemas.topics import Topics
from tests.support.workers import WorkerProcess, wait_until

pytestmark = pytest.mark.integration


def _produce_corpus(settings, path: Path, limit: int) -> list[str]:
    topics = Topics(settings.topic_prefix, settings.app_id)
    producer = make_producer(settings)
    lines = (x for i, x in enumerate(iter_lines([path])) if i < limit)
    stats = produce_lines(lines, lambda t, k, v: producer.send(t, key=k, value=v), raw_topic=topics.raw,
                          dlq_topic=topics.deadletter, max_text_bytes=settings.max_text_bytes, keep_ids=True)
    producer.flush()
    producer.close()
    assert stats.dead_lettered == 0
    return stats.ids


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


MALFORMED: list[tuple[bytes, str]] = [
    (b'{"source": "x", "title": "t", "text": "\xd8\xa8\xff\xfe"}', "invalid_utf8"),
    (b'{"source": "x", "title": "t", "text": "unterminated', "invalid_json"),
    (b'["not", "an", "object"]', "not_an_object"),
    (b'{"source": "x", "title": "no text"}', "missing_field"),
    (b'{"source": "x", "title": "t", "text": "   \\n\\t "}', "empty_text"),
    (b'{"source": "x", "title": "t", "text": 42}', "wrong_type"),
    (b'{"source": ["x"], "title": "t", "text": "\xd9\x86\xd8\xb5"}', "wrong_type"),
    (b'', "empty_payload"),
    (orjson.dumps({"source": "x", "title": "big", "text": "\u0628" * 150_000}), "text_too_large"),
    (b'{"source": "x", "title": "t", "text": "<div><script>x()</script></div>"}', "empty_text"),
]


def test_corpus_and_malformed_records(pipeline_settings, corpus_dir, tmp_path):
    settings = pipeline_settings.with_(max_text_bytes=200_000)
    ensure_topics(settings)
    topics = Topics(settings.topic_prefix, settings.app_id)
    ids = _produce_corpus(settings, corpus_dir / "saudinewsnet-5k.jsonl", 600)
    producer = make_producer(settings)
    for i, (payload, _) in enumerate(MALFORMED):
        producer.send(topics.raw, key=f"bad-{i}".encode(), value=payload)
    # a few bad lines through the producer's edge validation as well
    bad_file = tmp_path / "bad.jsonl"
    bad_file.write_bytes(b'{"source": "x"\n{"source": "x", "title": "t", "text": ""}\n')
    edge = produce_lines(iter_lines([bad_file]), lambda t, k, v: producer.send(t, key=k, value=v),
                         raw_topic=topics.raw, dlq_topic=topics.deadletter, max_text_bytes=settings.max_text_bytes)
    producer.flush()
    producer.close()
    assert edge.dead_lettered == 2

    worker = WorkerProcess(settings.with_(), tmp_path / "worker.log", {"MARSAD_MAX_TEXT_BYTES": "200000"})
    engine = store.make_engine(settings.db_url)
    try:
        store.init_db(engine)
        expected_dead = len(MALFORMED) + 2
        wait_until(lambda: store.count_articles(engine, ids) == len(ids) and _count(engine, tables.dead_letters) >= expected_dead,
                   240, "articles and dead letters in SQL", [worker])
    finally:
        worker.stop()
    assert _count(engine, tables.articles) == len(ids)  # exactly once, nothing else
    assert _count(engine, tables.dead_letters) == expected_dead
    with engine.connect() as conn:
        reasons = sorted(r for (r,) in conn.execute(select(tables.dead_letters.c.reason)
                                                    .where(tables.dead_letters.c.stage == "normalize")))
        row = conn.execute(select(tables.articles).limit(1)).mappings().one()
    assert reasons == sorted(r for _, r in MALFORMED)
    assert row["clean_text"] and row["content_hash"] and row["language"] == "ar"
    # the dead-letter topic holds every bad record with its reason
    dlq = [orjson.loads(m.value) for m in read_all(settings, topics.deadletter)]
    assert len(dlq) == expected_dead
    assert all(d["reason"] and d["detail"] for d in dlq)


def test_sigkill_mid_stream_loses_and_doubles_nothing(pipeline_settings, corpus_dir, tmp_path):
    settings = pipeline_settings
    ensure_topics(settings)
    ids = _produce_corpus(settings, corpus_dir / "saudinewsnet-5k.jsonl", 3000)
    engine = store.make_engine(settings.db_url)
    store.init_db(engine)
    first = WorkerProcess(settings, tmp_path / "w1.log")
    try:
        wait_until(lambda: _count(engine, tables.articles) >= 300, 180, "the first rows", [first], interval=0.2)
    finally:
        first.kill()
    partial = _count(engine, tables.articles)
    assert partial < len(ids), "the worker finished before it could be killed: raise the article count"
    second = WorkerProcess(settings, tmp_path / "w2.log")
    try:
        wait_until(lambda: store.count_articles(engine, ids) == len(ids), 240, "every article after restart", [second])
    finally:
        second.stop()
    assert _count(engine, tables.articles) == len(ids)
    assert _count(engine, tables.dead_letters) == 0
