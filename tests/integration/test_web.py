"""The web API against a real PostgreSQL filled by the real pipeline (broker + worker)
from ~300 corpus articles about conflict: filters, cursor pagination, one event's sources."""

from __future__ import annotations

import itertools
import json
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import distinct, func, select

from marsad import store
from schemas import tables
from tests.support.workers import WorkerProcess, wait_until

pytest.importorskip("starlette")

pytestmark = pytest.mark.integration

N_ARTICLES = 300
KEYWORDS = ("غارة", "غارات", "قصف", "اشتباك", "تفجير", "انفجار", "مقتل", "قتلى", "مسلح", "اعتقال", "هدنة")


def conflict_subset(corpus_dir: Path, out: Path, n: int = N_ARTICLES) -> Path:
    """The first ``n`` corpus articles whose text has a conflict keyword, as JSONL."""
    with open(corpus_dir / "saudinewsnet-5k.jsonl", encoding="utf-8") as fh, open(out, "w", encoding="utf-8") as w:
        lines = (line for line in fh if any(k in json.loads(line)["text"] for k in KEYWORDS))
        for line in itertools.islice(lines, n):
            w.write(line)
    return out


def _wait_quiet(engine, workers, quiet: float = 5.0, timeout: float = 180.0) -> None:
    """Until no mention row changed for ``quiet`` seconds (events are written after articles)."""
    def last_change():
        with engine.connect() as conn:
            return (conn.execute(select(func.max(tables.event_mentions.c.updated_at))).scalar(),
                    conn.execute(select(func.count()).select_from(tables.event_mentions)).scalar())
    prev, since = last_change(), time.monotonic()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(1.0)
        cur = last_change()
        if cur != prev:
            prev, since = cur, time.monotonic()
        elif cur[1] and time.monotonic() - since >= quiet:
            return
    raise AssertionError("events kept changing (or none came): " + "\n".join(w.log_tail() for w in workers))


@pytest.fixture(scope="module")
def filled(kafka_broker, pg_cluster, corpus_dir, tmp_path_factory):
    """(db_url, engine) of a database the real pipeline filled from the corpus subset."""
    import os

    from marsad.config import Settings
    from marsad.kafka_admin import ensure_topics
    from producers.files import iter_lines, produce_lines
    from producers.kafka import make_producer
    from schemas.topics import Topics

    tmp = tmp_path_factory.mktemp("web")
    db_url = (os.environ["MARSAD_TEST_DB_URL"] if pg_cluster is None
              else pg_cluster.create_database(f"w_{uuid.uuid4().hex[:10]}"))
    tag = uuid.uuid4().hex[:6]
    settings = Settings(broker=kafka_broker.bootstrap, db_url=db_url, topic_prefix=f"web{tag}", partitions=4,
                        app_id=f"marsad-web-{tag}", sink_batch=200)
    ensure_topics(settings)
    path = conflict_subset(corpus_dir, tmp / "conflict.jsonl")
    topics = Topics(settings.topic_prefix, settings.app_id)
    producer = make_producer(settings)
    stats = produce_lines(iter_lines([path]), lambda t, k, v: producer.send(t, key=k, value=v), raw_topic=topics.raw,
                          dlq_topic=topics.deadletter, max_text_bytes=settings.max_text_bytes, keep_ids=True)
    producer.flush()
    producer.close()
    engine = store.make_engine(db_url)
    store.init_db(engine)
    worker = WorkerProcess(settings, tmp / "worker.log")
    try:
        wait_until(lambda: store.count_articles(engine, stats.ids) == len(set(stats.ids)), 420,
                   "every article in SQL", [worker])
        _wait_quiet(engine, [worker])
    finally:
        worker.stop()
    return db_url, engine


@pytest.fixture(scope="module")
def client(filled):
    from starlette.testclient import TestClient

    from marsad.web.app import create_app

    with TestClient(create_app(filled[0])) as c:
        yield c


def _all(client, path: str, **params) -> list[dict]:
    items, cursor = [], None
    for _ in range(10_000):
        page = client.get(path, params=dict(params, **({"cursor": cursor} if cursor else {})))
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("pagination does not end")


def _scalar(engine, q):
    with engine.connect() as conn:
        return conn.execute(q).scalar_one()


E, M = tables.events, tables.event_mentions


def test_pagination_returns_every_event_once(client, filled):
    _, engine = filled
    n = _scalar(engine, select(func.count()).select_from(E))
    assert n > 50, "the corpus subset should yield events"
    items = _all(client, "/api/events", limit=37)
    ids = [e["event_id"] for e in items]
    assert len(ids) == n and len(set(ids)) == n
    seen = [e["last_seen"] or "" for e in items]
    assert seen == sorted(seen, reverse=True)
    arts = _all(client, "/api/articles", limit=100)
    assert len(arts) == _scalar(engine, select(func.count()).select_from(tables.articles)) == N_ARTICLES
    assert all(a["cluster"]["cluster_id"] and a["cluster"]["size"] >= 1 for a in arts)


def test_filters_match_sql(client, filled):
    _, engine = filled
    with engine.connect() as conn:
        top_type = conn.execute(select(E.c.type).group_by(E.c.type).order_by(func.count().desc()).limit(1)).scalar_one()
        top_country = conn.execute(select(E.c.country).where(E.c.country.is_not(None), E.c.country != "")
                                   .group_by(E.c.country).order_by(func.count().desc()).limit(1)).scalar_one()
        top_source = conn.execute(select(M.c.source).group_by(M.c.source).order_by(func.count().desc()).limit(1)).scalar_one()
        day = conn.execute(select(E.c.date).where(E.c.date.is_not(None)).group_by(E.c.date)
                           .order_by(func.count().desc()).limit(1)).scalar_one()
        n_type = conn.execute(select(func.count()).where(E.c.type == top_type)).scalar_one()
        n_country = conn.execute(select(func.count()).where(E.c.country == top_country)).scalar_one()
        n_multi = conn.execute(select(func.count()).where(E.c.num_sources >= 2)).scalar_one()
        n_source = conn.execute(select(func.count(distinct(M.c.event_id))).where(M.c.source == top_source)).scalar_one()
        n_combo = conn.execute(select(func.count()).where(E.c.type == top_type, E.c.country == top_country,
                                                         E.c.num_sources >= 2)).scalar_one()
        actor_row = conn.execute(select(E.c.event_id, E.c.actors).where(E.c.num_sources >= 2)
                                 .order_by(E.c.event_id)).all()
    got = _all(client, "/api/events", type=top_type, limit=50)
    assert len(got) == n_type and all(e["type"] == top_type for e in got)
    got = _all(client, "/api/events", country=top_country, limit=50)
    assert len(got) == n_country and all(e["country"] == top_country for e in got)
    got = _all(client, "/api/events", min_sources=2, limit=50)
    assert len(got) == n_multi > 0 and all(e["num_sources"] >= 2 for e in got)
    got = _all(client, "/api/events", source=top_source, limit=50)
    assert len(got) == n_source and all(top_source in e["sources"] for e in got)
    got = _all(client, "/api/events", type=top_type, country=top_country, min_sources=2, limit=5)
    assert len(got) == n_combo
    got = _all(client, "/api/events", **{"from": day, "to": day}, limit=50)
    assert got and all((e["date"] or e["first_seen"][:10]) == day for e in got)
    # an Arabic actor name finds its event (JSON text is stored escaped)
    eid, actors = next((eid, a) for eid, a in actor_row if a)
    name = actors[0]["text"]
    assert eid in {e["event_id"] for e in _all(client, "/api/events", actor=name, limit=100)}
    # map and timeline use the same filters
    pts = client.get("/api/map", params={"type": top_type}).json()["points"]
    assert pts and all(p["type"] == top_type for p in pts)
    days = client.get("/api/timeline", params={"type": top_type}).json()["days"]
    assert sum(d["total"] for d in days) == n_type


def test_one_event_with_its_sources(client, filled):
    _, engine = filled
    with engine.connect() as conn:
        eid, n_sources, n_articles = conn.execute(select(E.c.event_id, E.c.num_sources, E.c.num_articles)
                                                  .order_by(E.c.num_sources.desc(), E.c.event_id).limit(1)).one()
        sources = {s for (s,) in conn.execute(select(M.c.source).where(M.c.event_id == eid).distinct())}
        article_ids = {a for (a,) in conn.execute(select(M.c.article_id).where(M.c.event_id == eid).distinct())}
    assert n_sources >= 2, "the corpus subset should have an event told by several sources"
    ev = client.get(f"/api/events/{eid}").json()
    assert set(ev["sources"]) == sources and len(sources) == n_sources == ev["num_sources"]
    assert {a["article_id"] for a in ev["articles"]} == article_ids and len(article_ids) == n_articles
    assert all(a["title"] and a["url"] and a["cluster"]["cluster_id"] for a in ev["articles"])
    assert set(ev["casualties"]["per_source"]) == sources
    assert {m["article_id"] for m in ev["mentions"]} == article_ids
    # the list shows the same sources and links
    listed = next(e for e in _all(client, "/api/events", min_sources=n_sources, limit=50) if e["event_id"] == eid)
    assert set(listed["sources"]) == sources and {a["article_id"] for a in listed["articles"]} == article_ids


def test_read_only_on_postgresql(client):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError, match="read-only"):
        with client.app.state.engine.begin() as conn:
            conn.execute(text("DELETE FROM events"))
