"""Faults on the real broker and PostgreSQL: SIGKILLed workers (one worker, and two
during a rebalance), a broker restart, a 30-second database outage and a poison pill.
After each, SQL holds every article exactly once and no event counts an article twice.

Each test prints a ``RELIABILITY`` line (fault, tried, lost, duplicated, dead-letter
reasons) summarised in docs/reliability.md. Every process a test starts is stopped in a
``finally``.
"""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import orjson
import pytest
from sqlalchemy import func, select

from marsad import store
from marsad.broker import local
from marsad.kafka_admin import ensure_topics, read_all
from producers.files import produce_lines
from producers.kafka import make_producer
from schemas import tables
from schemas.topics import Topics
from tests.support.workers import WorkerProcess, wait_until

pytestmark = pytest.mark.integration

#: short Kafka session so a SIGKILLed member is noticed in seconds, not a minute
WORKER_ENV = {"MARSAD_KAFKA_SESSION_TIMEOUT": "10"}
POISON_MARKER = "MARSAD-POISON-PILL-7f3a"


# --- helpers shared by the fault, hostile-input and security tests ----------------------


def corpus_lines(path: Path, n: int, copy: int = 0) -> Iterator[tuple[Path, int, bytes]]:
    """(path, line number, bytes) of the first ``n`` corpus articles; ``copy`` > 0 gives
    the same articles under other URLs (so other article ids)."""
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if lineno > n:
                break
            if copy:
                doc = json.loads(line)
                doc["url"] = f"{doc['url']}?copy={copy}"
                doc["id"] = f"{doc['id']}-c{copy}"
                line = json.dumps(doc, ensure_ascii=False).encode()
            yield path, lineno, line.rstrip(b"\n")


def produce(settings: Any, lines: Iterator[tuple[Path, int, bytes]], producer: Any = None) -> list[str]:
    """Validate and send ``lines`` to the raw topic (idempotent producer); returns the ids."""
    topics = Topics(settings.topic_prefix, settings.app_id)
    own = producer is None
    producer = producer or make_producer(settings)
    try:
        stats = produce_lines(lines, lambda t, k, v: producer.send(t, key=k, value=v), raw_topic=topics.raw,
                              dlq_topic=topics.deadletter, max_text_bytes=settings.max_text_bytes, keep_ids=True)
        producer.flush()
    finally:
        if own:
            producer.close()
    assert stats.dead_lettered == 0
    return stats.ids


def count(engine: Any, table: Any) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def check_exactly_once(engine: Any, ids: list[str]) -> dict[str, int]:
    """Every id once in ``articles`` and nothing else; events count each article once.

    Returns {"lost", "duplicated", "events", "mentions"}; asserts all invariants.
    """
    expected = set(ids)
    a, m, e = tables.articles, tables.event_mentions, tables.events
    with engine.connect() as conn:
        stored = [r for (r,) in conn.execute(select(a.c.article_id))]
        self_dups = conn.execute(select(func.count()).select_from(a).where(a.c.duplicate_of == a.c.article_id)).scalar_one()
        # num_articles of every event = distinct articles among its mentions
        per_event = dict(conn.execute(select(m.c.event_id, func.count(func.distinct(m.c.article_id))).group_by(m.c.event_id)).all())
        events = dict(conn.execute(select(e.c.event_id, e.c.num_articles)).all())
        orphan_mentions = conn.execute(select(func.count()).select_from(m).where(m.c.article_id.not_in(select(a.c.article_id)))).scalar_one()
        mentions = conn.execute(select(func.count()).select_from(m)).scalar_one()
        distinct_mentions = conn.execute(select(func.count(func.distinct(m.c.mention_id)))).scalar_one()
    lost = len(expected - set(stored))
    duplicated = len(stored) - len(set(stored)) + len(set(stored) - expected)
    assert lost == 0, f"{lost} articles lost"
    assert duplicated == 0, f"{duplicated} duplicate or unexpected article rows"
    assert self_dups == 0
    assert mentions == distinct_mentions
    assert orphan_mentions == 0
    assert set(events) == set(per_event), "events without mentions, or mentions without their event"
    counted_twice = {eid: (n, per_event[eid]) for eid, n in events.items() if n != per_event[eid]}
    assert not counted_twice, f"events whose num_articles differs from their distinct articles: {list(counted_twice.items())[:5]}"
    return {"lost": lost, "duplicated": duplicated, "events": len(events), "mentions": mentions}


def prepare(settings: Any) -> Any:
    """Create the pipeline's topics and SQL tables; returns the SQL engine."""
    ensure_topics(settings)
    engine = store.make_engine(settings.db_url)
    store.init_db(engine)
    return engine


def dead_letter_reasons(engine: Any) -> dict[str, int]:
    d = tables.dead_letters
    with engine.connect() as conn:
        return {f"{s}:{r}": n for s, r, n in conn.execute(select(d.c.stage, d.c.reason, func.count()).group_by(d.c.stage, d.c.reason))}


def report(fault: str, tried: int, result: dict[str, int], reasons: dict[str, int] | None = None, **extra: Any) -> None:
    print("RELIABILITY " + json.dumps({"fault": fault, "tried": tried, "lost": result["lost"],
                                       "duplicated": result["duplicated"], "dead_letters": reasons or {}, **extra},
                                      ensure_ascii=False))


def raw_keys(settings: Any) -> list[bytes]:
    topics = Topics(settings.topic_prefix, settings.app_id)
    return [m.key for m in read_all(settings, topics.raw, timeout=15.0)]


# --- worker crashes ------------------------------------------------------------------------


def test_five_sigkills_during_a_10k_stream(pipeline_settings, corpus_dir, tmp_path):
    """10,000 articles (the 5k corpus twice under other URLs) produced while the worker
    is SIGKILLed five times at random moments; a sixth worker finishes the stream."""
    settings = pipeline_settings.with_(sink_batch=100)
    engine = prepare(settings)
    corpus = corpus_dir / "saudinewsnet-5k.jsonl"
    seed = int(time.time())
    rng = random.Random(seed)
    ids: list[str] = []
    errors: list[BaseException] = []

    def stream() -> None:  # the feed keeps arriving while workers crash
        try:
            producer = make_producer(settings)
            try:
                for copy in (0, 1):
                    for start in range(0, 5000, 1000):
                        lines = (x for x in corpus_lines(corpus, start + 1000, copy) if x[1] > start)
                        ids.extend(produce(settings, lines, producer))
                        time.sleep(2.0)
            finally:
                producer.close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    feeder = threading.Thread(target=stream, daemon=True)
    feeder.start()
    kills: list[int] = []
    workers: list[WorkerProcess] = []
    try:
        for i in range(5):
            w = WorkerProcess(settings, tmp_path / f"w{i}.log", WORKER_ENV)
            workers.append(w)
            before = count(engine, tables.articles)
            wait_until(lambda: count(engine, tables.articles) > before, 180, f"worker {i} to make progress", [w], interval=0.2)
            time.sleep(rng.uniform(0.5, 6.0))  # a random moment mid-batch
            w.kill()
            kills.append(count(engine, tables.articles))
        feeder.join(120)
        assert not errors, errors
        assert len(ids) == 10_000
        assert kills[-1] < len(ids), "the stream finished before the last kill: the test proves nothing"
        last = WorkerProcess(settings, tmp_path / "w-final.log", WORKER_ENV)
        workers.append(last)
        wait_until(lambda: store.count_articles(engine, ids) == len(ids), 420, "all 10,000 articles", [last])
        time.sleep(3)  # let the event sink catch up, then check nothing doubled
        wait_until(lambda: _mentions_settled(engine), 120, "mentions to settle", [last])
    finally:
        for w in workers:
            w.kill() if w is not workers[-1] else w.stop()
    result = check_exactly_once(engine, ids)
    assert dead_letter_reasons(engine) == {}
    report("worker SIGKILL x5 during a 10k stream", len(ids), result, {}, seed=seed, rows_at_kills=kills,
           events=result["events"])


def _mentions_settled(engine: Any, wait: float = 3.0) -> bool:
    """True when the mention count did not change for ``wait`` seconds."""
    before = count(engine, tables.event_mentions)
    time.sleep(wait)
    return count(engine, tables.event_mentions) == before


def test_two_workers_one_killed_during_rebalance(pipeline_settings, corpus_dir, tmp_path):
    """Worker A runs; worker B joins (a rebalance starts) and is SIGKILLed in the middle
    of it; then A is killed while B's replacement joins; the survivors finish."""
    settings = pipeline_settings.with_(sink_batch=100)
    engine = prepare(settings)
    ids = produce(settings, corpus_lines(corpus_dir / "saudinewsnet-5k.jsonl", 4000))
    workers: list[WorkerProcess] = []
    try:
        a = WorkerProcess(settings, tmp_path / "a.log", WORKER_ENV)
        workers.append(a)
        wait_until(lambda: count(engine, tables.articles) >= 200, 180, "worker A to make progress", [a], interval=0.2)
        b = WorkerProcess(settings, tmp_path / "b.log", WORKER_ENV)
        workers.append(b)
        wait_until(lambda: "rebalanc" in a.log_path.read_text(errors="replace").lower()[-200_000:]
                   or "joining group" in b.log_path.read_text(errors="replace"), 60, "the rebalance to start", [a, b], interval=0.1)
        time.sleep(1.0)
        b.kill()  # during the rebalance
        at_kill_b = count(engine, tables.articles)
        c = WorkerProcess(settings, tmp_path / "c.log", WORKER_ENV)
        workers.append(c)
        wait_until(lambda: "joining group" in c.log_path.read_text(errors="replace"), 90, "worker C to join", [a, c], interval=0.1)
        time.sleep(0.5)
        a.kill()  # the other one, while C is joining
        at_kill_a = count(engine, tables.articles)
        assert at_kill_a < len(ids), "the stream finished before the kills: raise the article count"
        wait_until(lambda: store.count_articles(engine, ids) == len(ids), 420, "all articles after the kills", [c])
        wait_until(lambda: _mentions_settled(engine), 120, "mentions to settle", [c])
    finally:
        for w in workers:
            w.stop() if w.alive() else w.kill()
    result = check_exactly_once(engine, ids)
    assert dead_letter_reasons(engine) == {}
    report("2 workers, SIGKILL during rebalance (x2)", len(ids), result, {}, rows_at_kills=[at_kill_b, at_kill_a])


# --- broker restart and database outage -------------------------------------------------------


def test_broker_restart_mid_stream(kafka_broker, pipeline_settings, corpus_dir, tmp_path):
    """The broker is stopped for 10 s and restarted (same data dir and ports) while a
    producer sends and a worker consumes: the producer retries without duplicating (the
    raw topic holds every id once) and the worker resumes by itself."""
    settings = pipeline_settings.with_(sink_batch=100)
    engine = prepare(settings)
    corpus = corpus_dir / "saudinewsnet-5k.jsonl"
    ids = produce(settings, corpus_lines(corpus, 1500))
    worker = WorkerProcess(settings, tmp_path / "w.log", WORKER_ENV)
    errors: list[BaseException] = []
    later: list[str] = []
    restarted = False
    try:
        wait_until(lambda: count(engine, tables.articles) >= 200, 180, "the worker to make progress", [worker], interval=0.2)
        producer = make_producer(settings)
        try:
            def send_rest() -> None:
                try:
                    later.extend(produce(settings, (x for x in corpus_lines(corpus, 3000) if x[1] > 1500), producer))
                except BaseException as exc:  # pragma: no cover
                    errors.append(exc)

            sender = threading.Thread(target=send_rest, daemon=True)
            sender.start()
            time.sleep(0.3)
            local.stop(kafka_broker.data_dir)
            at_stop = count(engine, tables.articles)
            time.sleep(10)
            state = json.loads((Path(kafka_broker.data_dir) / "broker.json").read_text())
            local.start(kafka_broker.data_dir, port=state.get("port"), controller_port=state.get("controller_port"))
            restarted = True
            sender.join(300)
            assert not sender.is_alive() and not errors, errors
        finally:
            producer.close()
        ids += later
        wait_until(lambda: store.count_articles(engine, ids) == len(ids), 420, "every article after the restart", [worker])
        wait_until(lambda: _mentions_settled(engine), 120, "mentions to settle", [worker])
        assert worker.alive(), "the worker died with the broker:\n" + worker.log_tail()
    finally:
        if not restarted:  # never leave the session's broker down
            local.start(kafka_broker.data_dir)
        worker.stop()
    keys = raw_keys(settings)
    assert len(keys) == len(set(keys)) == len(ids) == 3000, "the idempotent producer duplicated or lost messages"
    result = check_exactly_once(engine, ids)
    assert dead_letter_reasons(engine) == {}
    report("broker stopped 10 s mid-stream", len(ids), result, {}, raw_messages=len(keys), rows_at_stop=at_stop)


def test_database_outage_of_30_seconds(pg_cluster, pipeline_settings, corpus_dir, tmp_path):
    """PostgreSQL is stopped for 30 s while articles keep arriving: the sink retries
    with backoff, the pipeline resumes by itself and the backlog drains."""
    if pg_cluster is None:
        pytest.skip("MARSAD_TEST_DB_URL is an external server: it cannot be stopped")
    settings = pipeline_settings.with_(sink_batch=100)
    engine = prepare(settings)
    corpus = corpus_dir / "saudinewsnet-5k.jsonl"
    ids = produce(settings, corpus_lines(corpus, 1000))
    worker = WorkerProcess(settings, tmp_path / "w.log", WORKER_ENV)
    stopped = False
    try:
        wait_until(lambda: count(engine, tables.articles) >= 100, 180, "the worker to make progress", [worker], interval=0.2)
        pg_cluster.stop()
        stopped = True
        t0 = time.monotonic()
        ids += produce(settings, (x for x in corpus_lines(corpus, 3000) if x[1] > 1000))  # keeps arriving
        time.sleep(max(0.0, 30 - (time.monotonic() - t0)))
        assert worker.alive(), "the worker died with the database:\n" + worker.log_tail()
        pg_cluster.start()
        stopped = False
        engine.dispose()
        wait_until(lambda: store.count_articles(engine, ids) == len(ids), 420, "the backlog to drain", [worker])
        wait_until(lambda: _mentions_settled(engine), 120, "mentions to settle", [worker])
    finally:
        if stopped:
            pg_cluster.start()
        worker.stop()
    log = worker.log_path.read_text(errors="replace")
    retries = log.count("retry ")
    assert retries >= 2, "the sink did not retry while the database was down"
    delays = [float(x) for x in __import__("re").findall(r"retry \d+ in ([0-9.]+)s", log)]
    assert max(delays) > min(delays), "no backoff between retries"
    result = check_exactly_once(engine, ids)
    assert dead_letter_reasons(engine) == {}
    report("PostgreSQL stopped 30 s mid-stream", len(ids), result, {}, sink_retries_logged=retries,
           max_backoff_s=max(delays))


# --- poison pill -----------------------------------------------------------------------------

#: version label of the test extractor (rows show which extractor produced them)
EXTRACTOR_VERSION = "extract-poison-test"


def poison_extract(article: dict) -> list[dict]:
    """A test extractor (``MARSAD_EXTRACTOR=tests.integration.test_faults:poison_extract``):
    the real one, except that it raises on articles carrying :data:`POISON_MARKER`."""
    from arabic.extract import extract_events

    if POISON_MARKER in (article.get("text") or ""):
        raise KeyError(f"poisoned article {article.get('article_id')}")
    return extract_events(article)


def test_poison_pill_is_dead_lettered_and_does_not_block(pipeline_settings, corpus_dir, tmp_path):
    """Articles whose extraction raises are dead-lettered (stage extract, reason
    exception:KeyError, with a traceback summary), stored without events, and the
    articles after them on the same partition are processed."""
    settings = pipeline_settings
    engine = prepare(settings)
    topics = Topics(settings.topic_prefix, settings.app_id)
    docs = [json.loads(line) for _, _, line in corpus_lines(corpus_dir / "saudinewsnet-5k.jsonl", 400)]
    poisoned = set(range(0, 400, 40))  # 10 poison pills spread over the stream
    lines = []
    for i, doc in enumerate(docs):
        if i in poisoned:
            doc["text"] = doc["text"] + " " + POISON_MARKER
        lines.append((Path("poison.jsonl"), i + 1, orjson.dumps(doc)))
    ids = produce(settings, iter(lines))
    worker = WorkerProcess(settings, tmp_path / "w.log",
                           dict(WORKER_ENV, MARSAD_EXTRACTOR="tests.integration.test_faults:poison_extract"))
    try:
        wait_until(lambda: store.count_articles(engine, ids) == len(ids) and count(engine, tables.dead_letters) >= len(poisoned),
                   300, "every article and the poison pills' dead letters", [worker])
        wait_until(lambda: _mentions_settled(engine), 60, "mentions to settle", [worker])
        assert worker.alive()
    finally:
        worker.stop()
    poison_ids = {ids[i] for i in poisoned}
    d = tables.dead_letters
    with engine.connect() as conn:
        dls = conn.execute(select(d.c.stage, d.c.reason, d.c.detail, d.c.key, d.c.source_partition, d.c.source_offset)).all()
        mentions_of_poison = conn.execute(select(func.count()).select_from(tables.event_mentions)
                                          .where(tables.event_mentions.c.article_id.in_(poison_ids))).scalar_one()
        positions = dict(conn.execute(select(tables.articles.c.article_id, tables.articles.c.raw_partition)).all())
    assert len(dls) == len(poisoned)
    assert {(s, r) for s, r, *_ in dls} == {("extract", "exception:KeyError")}
    assert {k for *_, k, _, _ in dls} == poison_ids
    assert all("KeyError: " in det and "[at " in det and "poison_extract" in det for _, _, det, *_ in dls)
    assert mentions_of_poison == 0
    # articles on the same raw partitions after the pills were processed
    assert {positions[i] for i in poison_ids} <= {positions[i] for i in set(ids) - poison_ids}
    result = check_exactly_once(engine, ids)
    dlq = [orjson.loads(m.value) for m in read_all(settings, topics.deadletter)]
    assert sorted(x["key"] for x in dlq) == sorted(poison_ids)
    report("poison pill (extractor raises)", len(ids), result, dead_letter_reasons(engine), poison_pills=len(poisoned))
