"""Hostile input through the real pipeline: at least 1,000 records generated with
hypothesis (invalid JSON and UTF-8, wrong types, missing fields, empty or whitespace
text, HTML-only pages, non-Arabic text, control and bidi characters, very long lines,
SQL-like strings, duplicate ids with different content), plus texts too large for the
limit (3 MB on the raw topic, 20 MB at the producer's edge).

All records go through ONE worker run. For each record the outcome is predicted by the
pure contract (:func:`agents.normalize.normalize_raw`, the code the agent runs): it must
be stored (one row per article id; for duplicate ids the latest content wins) or be in
the dead-letter topic and table with that reason. No agent dies; in = stored +
dead-lettered, per record.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from sqlalchemy import select

from agents.normalize import normalize_raw
from marsad import store
from marsad.kafka_admin import ensure_topics, read_all
from producers.files import produce_lines
from producers.kafka import make_producer
from schemas import tables
from schemas.raw_article import InvalidArticle
from schemas.topics import Topics
from tests.integration.test_faults import WORKER_ENV, check_exactly_once, count, report
from tests.support.workers import WorkerProcess, wait_until

pytestmark = pytest.mark.integration

N_GENERATED = 1000
MAX_TEXT = 2_000_000  # the default MARSAD_MAX_TEXT_BYTES

ARABIC = "قتل ثلاثة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في بغداد أمس، بحسب مصادر أمنية."
ANY_CHAR = st.characters(codec=None, exclude_categories=("Cs",))
CONTROL = st.sampled_from(["\x00", "\x01", "\x07", "\x1b", "\x7f", "\u0085", "\u200b", "\u200c", "\u200d", "\u200e",
                           "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                           "\u2069", "\ufeff", "\ufffd", "\r", "\t"])
SQLISH = st.sampled_from(["'; DROP TABLE articles; --", "\" OR 1=1 --", "1); DELETE FROM events; --",
                          "%s %s %(x)s :param ?", "Robert'); DROP TABLE dead_letters;--", "\\'; SELECT pg_sleep(10); --",
                          "$$; TRUNCATE event_mentions; $$", "/* */ UNION SELECT password FROM users"])
NON_ARABIC = st.sampled_from(["The minister said talks would resume next week in Geneva.",
                              "Le ministre a déclaré que les pourparlers reprendraient.",
                              "Министр заявил, что переговоры возобновятся.", "外交部长说会谈将于下周恢复。",
                              "שר החוץ אמר כי השיחות יתחדשו", "1234567890 ... --- !!!"])
HTML_ONLY = st.sampled_from(["<div><script>alert(1)</script></div>", "<html><head><style>p{}</style></head><body></body></html>",
                             "<p>&nbsp;</p><br/><img src=x onerror=alert(1)>", "<!-- only a comment -->", "<iframe src='x'></iframe>"])


def _article(draw: st.DrawFn, text: str, **over: Any) -> dict[str, Any]:
    art = {"source": draw(st.sampled_from(["okaz", "alriyadh", "aawsat", "sabq"])),
           "title": draw(st.sampled_from(["عنوان", "مقتل ثلاثة", ""])) ,
           "text": text,
           "url": f"http://hostile.example/{draw(st.uuids()).hex}",
           "published": draw(st.sampled_from(["2015-07-21 02:51:35", "2015-07-21T02:51:35+03:00", None]))}
    art.update(over)
    return {k: v for k, v in art.items() if v is not None or k not in ("published",)}


@st.composite
def hostile_record(draw: st.DrawFn) -> tuple[str, bytes]:
    """(kind, raw message value)."""
    kind = draw(st.sampled_from(["valid", "invalid_json", "invalid_utf8", "wrong_type", "missing_field", "empty_text",
                                 "html_only", "non_arabic", "control_bidi", "long_line", "sql_like", "random_text",
                                 "not_object", "bad_published", "lone_surrogate"]))
    if kind == "valid":
        return kind, orjson.dumps(_article(draw, ARABIC + " " + draw(st.text(ANY_CHAR, max_size=50))))
    if kind == "invalid_json":
        good = orjson.dumps(_article(draw, ARABIC))
        cut = draw(st.integers(1, len(good) - 1))
        return kind, draw(st.sampled_from([good[:cut], good + b"}", b"{'single': 'quotes'}", b"{\"a\": NaN}", b"nul\x00l"]))
    if kind == "invalid_utf8":
        good = orjson.dumps(_article(draw, ARABIC))
        i = draw(st.integers(0, len(good)))
        return kind, good[:i] + draw(st.sampled_from([b"\xff", b"\xfe\xfe", b"\xc3(", b"\xed\xa0\x80", b"\x80\x80"])) + good[i:]
    if kind == "wrong_type":
        field = draw(st.sampled_from(["source", "title", "text", "url", "published"]))
        value = draw(st.one_of(st.integers(), st.booleans(), st.lists(st.text(max_size=5), max_size=3),
                               st.dictionaries(st.text(max_size=5), st.integers(), max_size=2), st.floats(allow_nan=False)))
        art = _article(draw, ARABIC)
        art[field] = value
        return kind, json.dumps(art, ensure_ascii=False).encode()
    if kind == "missing_field":
        art = _article(draw, ARABIC)
        for f in draw(st.sets(st.sampled_from(["source", "title", "text"]), min_size=1)):
            art.pop(f)
        return kind, orjson.dumps(art)
    if kind == "empty_text":
        return kind, orjson.dumps(_article(draw, draw(st.text(st.sampled_from(" \t\n\r\u00a0\u3000\u2003"), max_size=30))))
    if kind == "html_only":
        return kind, orjson.dumps(_article(draw, draw(HTML_ONLY)))
    if kind == "non_arabic":
        return kind, orjson.dumps(_article(draw, draw(NON_ARABIC)))
    if kind == "control_bidi":
        parts = draw(st.lists(st.one_of(CONTROL, st.just(ARABIC[:20])), min_size=1, max_size=30))
        return kind, orjson.dumps(_article(draw, "".join(parts), title="".join(draw(st.lists(CONTROL, max_size=5)))))
    if kind == "long_line":
        n = draw(st.integers(50_000, 300_000))
        return kind, orjson.dumps(_article(draw, (ARABIC + " ") * (n // len(ARABIC))))
    if kind == "sql_like":
        s = draw(SQLISH)
        return kind, orjson.dumps(_article(draw, ARABIC + " " + s, title=s, source=s[:40], author=s, url=f"http://x.example/{s}"))
    if kind == "random_text":
        return kind, orjson.dumps(_article(draw, draw(st.text(ANY_CHAR, min_size=0, max_size=200))))
    if kind == "not_object":
        return kind, json.dumps(draw(st.one_of(st.lists(st.integers(), max_size=3), st.text(max_size=10), st.integers(), st.none()))).encode()
    if kind == "bad_published":
        return kind, orjson.dumps(_article(draw, ARABIC, published=draw(st.sampled_from(["yesterday", "2015-13-45", "٢٠١٥-٠٧-٢١", "0"]))))
    # lone surrogate escaped in JSON: valid UTF-8 bytes, not valid Unicode text
    return kind, b'{"source": "x", "title": "t", "text": "\\ud800 ' + ARABIC.encode() + b'"}'


def generate(n: int) -> list[tuple[str, bytes]]:
    """``n``+ hostile records, deterministically (derandomized hypothesis)."""
    out: list[tuple[str, bytes]] = []

    @hsettings(max_examples=n, derandomize=True, database=None, deadline=None,
               suppress_health_check=list(HealthCheck))
    @given(hostile_record())
    def collect(rec: tuple[str, bytes]) -> None:
        out.append(rec)

    collect()
    return out


def expected(payload: bytes, max_text_bytes: int = MAX_TEXT) -> tuple[str, Any]:
    """("stored", article id) or ("dead", reason), from the pure normalize step."""
    try:
        rec = normalize_raw(payload, max_text_bytes=max_text_bytes, pipeline_version="oracle")
    except InvalidArticle as exc:
        return "dead", exc.reason
    return "stored", rec.article_id


def test_hostile_records_through_the_pipeline(pipeline_settings, tmp_path):
    settings = pipeline_settings.with_(max_text_bytes=MAX_TEXT)
    ensure_topics(settings)
    topics = Topics(settings.topic_prefix, settings.app_id)
    records = generate(N_GENERATED)
    # duplicate ids with different content: same URL, texts differ; the last one wins
    rng = random.Random(7)
    for i in range(40):
        url = f"http://hostile.example/dup/{i}"
        for version in range(rng.randint(2, 4)):
            records.append(("duplicate_id", orjson.dumps({"source": "okaz", "title": f"نسخة {version}", "url": url,
                                                          "text": f"{ARABIC} النسخة رقم {version} من الخبر {i}"})))
    # over the limit but under the topic's message size: the normalize agent rejects it
    big = orjson.dumps({"source": "okaz", "title": "كبير", "text": "ب" * 1_600_000})  # 3.2 MB of UTF-8
    records += [("too_large_on_topic", big)] * 2
    # under the text limit, but JSON escapes each control character 6-fold: the normalized
    # record would exceed the message size, so normalize dead-letters it
    escapes = orjson.dumps({"source": "okaz", "title": "محارف", "text": "خبر " + "\x01" * 1_200_000})  # 7.2 MB
    records += [("escape_heavy", escapes)] * 2
    assert len(records) >= 1000
    outcome = [expected(v) for _, v in records]
    assert all(not (o == "dead" and str(r).startswith("exception")) for o, r in outcome)

    producer = make_producer(settings)
    try:
        # keyed like the producers key: by article id when the record has one (so versions
        # of one article stay in order on one partition), else by position
        futures = [producer.send(topics.raw, key=(r if o == "stored" else f"h{i}").encode(), value=v)
                   for i, ((_, v), (o, r)) in enumerate(zip(records, outcome))]
        producer.flush()
        positions = [(f.get(60).partition, f.get(60).offset) for f in futures]
        # 20 MB texts can never enter Kafka: the producer's edge validation dead-letters them
        edge_file = tmp_path / "huge.jsonl"
        huge = orjson.dumps({"source": "okaz", "title": "ضخم", "text": "ب" * 10_000_000})  # 20 MB
        edge_file.write_bytes(huge + b"\n" + huge + b"\n")
        edge = produce_lines([(edge_file, 1, huge), (edge_file, 2, huge)], lambda t, k, v: producer.send(t, key=k, value=v),
                             raw_topic=topics.raw, dlq_topic=topics.deadletter, max_text_bytes=settings.max_text_bytes)
        producer.flush()
    finally:
        producer.close()
    assert edge.dead_lettered == 2 and edge.reasons == {"text_too_large": 2}

    want_ids = {r for o, r in outcome if o == "stored"}
    n_dead = sum(1 for o, _ in outcome if o == "dead") + edge.dead_lettered
    engine = store.make_engine(settings.db_url)
    store.init_db(engine)
    worker = WorkerProcess(settings, tmp_path / "worker.log", dict(WORKER_ENV, MARSAD_MAX_TEXT_BYTES=str(MAX_TEXT)))
    try:
        wait_until(lambda: store.count_articles(engine, list(want_ids)) == len(want_ids)
                   and count(engine, tables.dead_letters) >= n_dead, 420, "every hostile record's outcome", [worker])
        wait_until(lambda: _settled(engine), 120, "the sinks to settle", [worker])
        assert worker.alive(), "the worker died"
    finally:
        worker.stop()
    log = worker.log_path.read_text(errors="replace")
    assert "crashed" not in log.lower() and "Traceback" not in log, worker.log_tail(80)

    a, d = tables.articles, tables.dead_letters
    with engine.connect() as conn:
        rows = {r["article_id"]: r for r in conn.execute(select(a.c.article_id, a.c.title, a.c.text, a.c.source,
                                                                a.c.raw_partition, a.c.raw_offset)).mappings()}
        dead = {(r.source_partition, r.source_offset): r for r in conn.execute(
            select(d.c.stage, d.c.reason, d.c.source_partition, d.c.source_offset, d.c.detail)
            .where(d.c.stage == "normalize"))}
        edge_dead = conn.execute(select(d.c.reason).where(d.c.stage == "produce")).scalars().all()
    assert set(rows) == want_ids, "an article row is missing or unexpected"
    assert sorted(edge_dead) == ["text_too_large", "text_too_large"]

    # per record: stored (its row exists) or dead-lettered with the predicted reason
    last_for_id: dict[str, int] = {}
    for i, (o, r) in enumerate(outcome):
        if o == "stored":
            last_for_id[r] = i
    stored_in = dead_in = 0
    by_kind: dict[str, Counter] = {}
    for i, ((kind, value), (o, r)) in enumerate(zip(records, outcome)):
        c = by_kind.setdefault(kind, Counter())
        c["tried"] += 1
        if o == "stored":
            assert r in rows
            stored_in += 1
            c["stored"] += 1
        else:
            dl = dead.get(positions[i])
            assert dl is not None, f"record {i} ({kind}) neither stored nor dead-lettered"
            assert dl.reason == r and dl.detail, (kind, dl.reason, r)
            dead_in += 1
            c["dead:" + r] += 1
    assert stored_in + dead_in == len(records)  # in = stored + dead-lettered
    assert len(dead) == dead_in and dead_in + edge.dead_lettered == n_dead
    # the row of an article id holds its latest content (last message for that id)
    for aid, i in last_for_id.items():
        src = orjson.loads(records[i][1])
        assert (rows[aid]["raw_partition"], rows[aid]["raw_offset"]) == positions[i]
        assert rows[aid]["title"] == src["title"].replace("\x00", "") and rows[aid]["text"] == src["text"].replace("\x00", "")
    # SQL-like strings are stored verbatim (bound parameters), and the tables are intact
    sqlish = [orjson.loads(v) for k, v in records if k == "sql_like"]
    assert sqlish and all(rows[expected(orjson.dumps(s))[1]]["title"] == s["title"] for s in sqlish)
    result = check_exactly_once(engine, list(want_ids))
    dlq = [orjson.loads(m.value) for m in read_all(pipeline_settings, topics.deadletter, timeout=15.0)]
    assert len(dlq) == n_dead and all(x["reason"] and x["detail"] for x in dlq)
    reasons = Counter(f"{x['stage']}:{x['reason']}" for x in dlq)
    for kind, c in sorted(by_kind.items()):
        print("HOSTILE", kind, dict(c))
    report("hostile input (hypothesis) + duplicates + too large", len(records) + edge.dead_lettered,
           {"lost": 0, "duplicated": result["duplicated"]}, dict(reasons),
           stored=stored_in, dead_lettered=dead_in + edge.dead_lettered, distinct_rows=len(rows),
           per_kind={k: dict(c) for k, c in by_kind.items()})


def _settled(engine: Any) -> bool:
    import time

    before = (count(engine, tables.articles), count(engine, tables.dead_letters), count(engine, tables.event_mentions))
    time.sleep(3)
    return before == (count(engine, tables.articles), count(engine, tables.dead_letters), count(engine, tables.event_mentions))
