"""Replays on the real broker and PostgreSQL: a new version reprocesses everything
without duplicating or orphaning rows; a range replay touches only its range; a
replaying worker killed halfway converges to the same state."""

from __future__ import annotations

import itertools
from pathlib import Path

import orjson
import pytest
from sqlalchemy import func, select

from marsad import store
from marsad.kafka_admin import ensure_topics
from marsad.replay import ReplayError, apply_rewind, lag, plan_rewind, republish, wait_for_lag
from producers.files import iter_lines, produce_lines
from producers.kafka import make_producer
from schemas import tables
from schemas.topics import Topics
from tests.support.workers import WorkerProcess, wait_until

pytestmark = pytest.mark.integration

N = 400


def _produce(settings, corpus_dir: Path) -> list[str]:
    topics = Topics(settings.topic_prefix, settings.app_id)
    producer = make_producer(settings)
    lines = sorted(itertools.islice(iter_lines([corpus_dir / "saudinewsnet-neardup.jsonl"]), N),
                   key=lambda x: orjson.loads(x[2])["published"])
    stats = produce_lines(lines, lambda t, k, v: producer.send(t, key=k, value=v), raw_topic=topics.raw,
                          dlq_topic=topics.deadletter, max_text_bytes=settings.max_text_bytes, keep_ids=True)
    producer.flush()
    producer.close()
    return stats.ids


def _versions(engine, table) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(table.c.pipeline_version, func.count()).group_by(table.c.pipeline_version)).all())


def _state(engine) -> dict:
    """What must not change between runs of the same extractor: rows and their links."""
    with engine.connect() as conn:
        return {
            "articles": sorted(conn.execute(select(tables.articles.c.article_id, tables.articles.c.cluster_id)).all()),
            "mentions": sorted(conn.execute(select(tables.event_mentions.c.mention_id, tables.event_mentions.c.event_id)).all()),
            "events": sorted(conn.execute(select(tables.events.c.event_id, tables.events.c.num_articles,
                                                 tables.events.c.num_sources, tables.events.c.killed)).all()),
        }


def _orphans(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        m, e = tables.event_mentions, tables.events
        no_mention = conn.execute(select(func.count()).select_from(e).where(
            ~select(m.c.mention_id).where(m.c.event_id == e.c.event_id).exists())).scalar_one()
        no_event = conn.execute(select(func.count()).select_from(m).where(
            ~select(e.c.event_id).where(e.c.event_id == m.c.event_id).exists())).scalar_one()
    return no_mention, no_event


def _caught_up(settings, w, timeout=400) -> None:
    if not wait_for_lag(settings, timeout=timeout, interval=1.0):
        stuck = {t: {p: v for p, v in ps.items() if v["lag"]} for t, ps in lag(settings).items()}
        raise AssertionError(f"not caught up: {stuck}\n{w.log_tail(15)}")


def _run_until_caught_up(settings, tmp_path, name, tag):
    w = WorkerProcess(settings, tmp_path / f"{name}.log", {"MARSAD_PIPELINE_TAG": tag})
    try:
        if not wait_for_lag(settings, timeout=400, interval=1.0):
            from marsad.replay import lag

            stuck = {t: {p: v for p, v in ps.items() if v["lag"]} for t, ps in lag(settings).items()}
            raise AssertionError(f"not caught up: {stuck}\n{w.log_tail()}")
    finally:
        w.stop()


def test_replay_new_version_range_and_crash(pipeline_settings, corpus_dir, tmp_path):
    settings = pipeline_settings
    ensure_topics(settings)
    ids = _produce(settings, corpus_dir)
    engine = store.make_engine(settings.db_url)
    store.init_db(engine)

    # v1: ingest
    w = WorkerProcess(settings, tmp_path / "v1.log", {"MARSAD_PIPELINE_TAG": "-v1"})
    try:
        wait_until(lambda: store.count_articles(engine, ids) == N, 400, "ingestion", [w])
        with pytest.raises(ReplayError, match="active member"):
            apply_rewind(settings, plan_rewind(settings, start="earliest"))
        assert wait_for_lag(settings, timeout=300, interval=1.0)
    finally:
        w.stop()
    v1 = _state(engine)
    assert all(v.endswith("-v1") for v in _versions(engine, tables.articles))

    # v2: rewind everything, reprocess with a new version
    plan = plan_rewind(settings, start="earliest")
    assert sum(p.to_reprocess for p in plan) == N and all(p.new == 0 for p in plan)
    apply_rewind(settings, plan)
    _run_until_caught_up(settings, tmp_path, "v2", "-v2")
    assert _state(engine) == v1  # same extractor: the same rows, nothing duplicated
    for table in (tables.articles, tables.event_mentions, tables.events):
        versions = _versions(engine, table)
        assert list(versions) and all(v.endswith("-v2") for v in versions), (table.name, versions)
    assert _orphans(engine) == (0, 0)

    # a range only: partition 0, first 20 offsets, republished through the live pipeline
    w = WorkerProcess(settings, tmp_path / "v3.log", {"MARSAD_PIPELINE_TAG": "-v3"})
    try:
        scanned, sent = republish(settings, offsets={0: (0, 20)})
        assert scanned == sent == 20
        _caught_up(settings, w)
    finally:
        w.stop()
    with engine.connect() as conn:
        rows = conn.execute(select(tables.articles.c.raw_partition, tables.articles.c.raw_offset,
                                   tables.articles.c.pipeline_version)).all()
    inside = [v for p, o, v in rows if p == 0 and o is not None and o < 20]
    outside = [v for p, o, v in rows if not (p == 0 and o is not None and o < 20)]
    assert len(inside) == 20 and all(v.endswith("-v3") for v in inside)
    assert outside and all(v.endswith("-v2") for v in outside)
    assert _orphans(engine) == (0, 0)

    # v4: a replaying worker killed halfway, restarted: the same final state
    apply_rewind(settings, plan_rewind(settings, start="earliest"))
    w = WorkerProcess(settings, tmp_path / "v4a.log", {"MARSAD_PIPELINE_TAG": "-v4"})
    try:
        wait_until(lambda: _versions(engine, tables.articles).get(next(iter(_versions(engine, tables.articles)))) is not None
                   and sum(n for v, n in _versions(engine, tables.articles).items() if v.endswith("-v4")) >= 50,
                   300, "half of the replay", [w], interval=0.2)
    finally:
        w.kill()
    _run_until_caught_up(settings, tmp_path, "v4b", "-v4")
    assert _state(engine) == v1
    assert all(v.endswith("-v4") for v in _versions(engine, tables.articles))
    assert _orphans(engine) == (0, 0)
