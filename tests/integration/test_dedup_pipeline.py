"""Deduplication through the real pipeline (broker + PostgreSQL): one cluster per story,
events that know their sources, replays that change nothing, and the same clusters
with two workers on four partitions as with one."""

from __future__ import annotations

import itertools
import json
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kafka.errors import KafkaError

from marsad import store
from marsad.kafka_admin import admin_client, ensure_topics
from producers.files import iter_lines, produce_lines
from producers.kafka import make_producer
from schemas import tables
from schemas.topics import Topics
from tests.support.workers import WorkerProcess, wait_until

pytestmark = pytest.mark.integration

N_ARTICLES = 900


def _subset(corpus_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The first N articles of the near-dup corpus in publication order (as a feed
    delivers them), and their gold group ids."""
    src = corpus_dir / "saudinewsnet-neardup.jsonl"
    out = tmp_path / "neardup-subset.jsonl"
    with open(src, encoding="utf-8") as fh:
        lines = [(json.loads(line), line) for line in itertools.islice(fh, N_ARTICLES)]
    lines.sort(key=lambda al: al[0]["published"])
    groups = {art["id"]: art["group_id"] for art, _ in lines}
    out.write_text("".join(line for _, line in lines), encoding="utf-8")
    return out, groups


def _produce(settings, path: Path) -> list[str]:
    topics = Topics(settings.topic_prefix, settings.app_id)
    producer = make_producer(settings)
    stats = produce_lines(iter_lines([path]), lambda t, k, v: producer.send(t, key=k, value=v), raw_topic=topics.raw,
                          dlq_topic=topics.deadletter, max_text_bytes=settings.max_text_bytes, keep_ids=True)
    producer.flush()
    producer.close()
    return stats.ids


def _pairs(assign: dict[str, str]) -> set[tuple[str, str]]:
    by: dict[str, list[str]] = {}
    for a, c in assign.items():
        by.setdefault(c, []).append(a)
    return {tuple(sorted(p)) for members in by.values() for p in itertools.combinations(members, 2)}


def _prf(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    p, g = _pairs(pred), _pairs(gold)
    tp = len(p & g)
    return (tp / len(p) if p else 1.0), (tp / len(g) if g else 1.0)


def _snapshot(engine) -> dict:
    with engine.connect() as conn:
        arts = {r.external_id: r.cluster_id for r in conn.execute(select(tables.articles.c.external_id, tables.articles.c.cluster_id))}
        evs = sorted(tuple(r) for r in conn.execute(select(
            tables.events.c.event_id, tables.events.c.type, tables.events.c.num_articles, tables.events.c.num_sources,
            tables.events.c.killed, tables.events.c.injured)))
        ments = sorted(tuple(r) for r in conn.execute(select(tables.event_mentions.c.mention_id, tables.event_mentions.c.event_id)))
    return {"articles": arts, "events": evs, "mentions": ments}


def _group_settled(settings, n_workers: int) -> bool:
    """The workers' consumer group is stable with ``n_workers`` members."""
    admin = admin_client(settings)
    try:
        info = admin.describe_groups([settings.app_id]).get(settings.app_id) or {}
    except KafkaError:  # the group's coordinator is not up yet
        return False
    finally:
        admin.close()
    return str(info.get("group_state") or info.get("state")).lower() == "stable" and len(info.get("members") or ()) == n_workers


def _run(settings, path: Path, n_workers: int, tmp_path: Path, tag: str, *, workers_first: bool = False):
    ensure_topics(settings)
    engine = store.make_engine(settings.db_url)
    store.init_db(engine)
    ids = [] if workers_first else _produce(settings, path)
    workers = [WorkerProcess(settings, tmp_path / f"{tag}-w{i}.log") for i in range(n_workers)]
    try:
        if workers_first:  # the articles arrive once every worker has its partitions
            wait_until(lambda: _group_settled(settings, n_workers), 180, f"{tag}: a stable group", workers)
            ids = _produce(settings, path)
        wait_until(lambda: store.count_articles(engine, ids) == len(set(ids)), 420, f"{tag}: every article in SQL", workers)
        _wait_quiet(engine, workers)
    finally:
        for w in workers:
            w.stop()
    return engine, ids


def _wait_quiet(engine, workers, quiet: float = 4.0) -> None:
    """Wait until no row of events/mentions changed for ``quiet`` seconds."""
    def last_change():
        with engine.connect() as conn:
            return (conn.execute(select(func.max(tables.event_mentions.c.updated_at))).scalar(),
                    conn.execute(select(func.count()).select_from(tables.event_mentions)).scalar())
    prev = last_change()
    stable_since = time.monotonic()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(1.0)
        cur = last_change()
        if cur != prev:
            prev, stable_since = cur, time.monotonic()
        elif time.monotonic() - stable_since >= quiet:
            return


def test_near_duplicates_through_the_pipeline(pipeline_settings, corpus_dir, tmp_path, pg_cluster):
    path, gold = _subset(corpus_dir, tmp_path)
    engine, ids = _run(pipeline_settings, path, 1, tmp_path, "one")
    snap = _snapshot(engine)
    assert len(snap["articles"]) == N_ARTICLES
    precision, recall = _prf(snap["articles"], gold)
    # the machine-made groups are a strong hint, not truth: see `marsad eval dedup` for the full figures
    assert precision >= 0.90 and recall >= 0.90, (precision, recall)
    assert len(snap["events"]) > 20 and len(snap["mentions"]) >= len(snap["events"])
    with engine.connect() as conn:
        # every event's counts agree with its mentions; no event without a mention
        per_event = {eid: (na, ns) for eid, na, ns in conn.execute(select(
            tables.event_mentions.c.event_id, func.count(func.distinct(tables.event_mentions.c.article_id)),
            func.count(func.distinct(tables.event_mentions.c.source))).group_by(tables.event_mentions.c.event_id))}
        events = {eid: (na, ns) for eid, na, ns in conn.execute(select(
            tables.events.c.event_id, tables.events.c.num_articles, tables.events.c.num_sources))}
    assert events == per_event
    assert any(ns > 1 for _, ns in events.values()), "no event was reported by two sources"

    # replaying the same input changes nothing
    replay_start = datetime.now(timezone.utc)
    settings = pipeline_settings
    _produce(settings, path)
    worker = WorkerProcess(settings, tmp_path / "replay.log")
    try:
        def replayed() -> bool:
            with engine.connect() as conn:
                return conn.execute(select(func.count()).select_from(tables.articles)
                                    .where(tables.articles.c.updated_at > replay_start)).scalar_one() == N_ARTICLES
        wait_until(replayed, 420, "the replayed articles", [worker])
        _wait_quiet(engine, [worker])
    finally:
        worker.stop()
    assert _snapshot(engine) == snap


def _one_then_two(pipeline_settings, corpus_dir, tmp_path, pg_cluster, tag: str, *, workers_first: bool):
    """Snapshots of the subset through one worker, then through two workers under their
    own topics, group and database (``workers_first``: the group settles before the
    articles are produced; otherwise the second worker joins mid-backlog)."""
    if pg_cluster is None:
        pytest.skip("two-worker comparison needs a private database")
    path, _ = _subset(corpus_dir, tmp_path)
    engine, _ = _run(pipeline_settings, path, 1, tmp_path, "one", workers_first=True)
    two = pipeline_settings.with_(topic_prefix=pipeline_settings.topic_prefix + tag[0],
                                  app_id=f"{pipeline_settings.app_id}-{tag[0]}",
                                  db_url=pg_cluster.create_database(f"dedup_{tag}_{pipeline_settings.topic_prefix}"))
    engine2, _ = _run(two, path, 2, tmp_path, tag, workers_first=workers_first)
    return _snapshot(engine), _snapshot(engine2)


def test_two_workers_make_the_same_clusters_as_one(pipeline_settings, corpus_dir, tmp_path, pg_cluster):
    snap, snap2 = _one_then_two(pipeline_settings, corpus_dir, tmp_path, pg_cluster, "two", workers_first=True)
    p12, r12 = _prf(snap2["articles"], snap["articles"])
    print(f"two workers vs one: pairwise P {p12:.4f} R {r12:.4f}; events equal {snap2['events'] == snap['events']}")
    # the sequencer's partition merge (dedup/ordering.py) gives one order whatever the
    # interleaving of the four partitions, hence the same clusters, events and mentions
    assert snap2["articles"] == snap["articles"]
    assert snap2["events"] == snap["events"]
    assert snap2["mentions"] == snap["mentions"]


def test_a_worker_joining_mid_backlog_keeps_the_clusters(pipeline_settings, corpus_dir, tmp_path, pg_cluster):
    """The harder layout: the articles are produced first and the second worker joins
    while the first is working through them (a rebalance mid-backlog). Faust fix 7
    (agents/faust_fixes.py) stopped the 60 s stalls this caused; with it, eight runs of
    this layout gave exactly the clusters of one worker. Asserted with a margin: a stall
    past the merge's fallback would still lose nothing, only reorder a few articles."""
    snap, snap2 = _one_then_two(pipeline_settings, corpus_dir, tmp_path, pg_cluster, "mid", workers_first=False)
    assert set(snap2["articles"]) == set(snap["articles"])
    p12, r12 = _prf(snap2["articles"], snap["articles"])
    print(f"mid-backlog join vs one worker: pairwise P {p12:.4f} R {r12:.4f}; "
          f"identical {snap2 == snap}")
    assert p12 >= 0.97 and r12 >= 0.97, (p12, r12)
