"""The SQL store on SQLite: upserts are idempotent, NULs are removed, summaries count."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import exc as sa_exc, func, select

from marsad import store
from schemas import tables


def record(i: int, **kw):
    base = {"article_id": f"{i:032x}", "source": "sabq", "title": "عنوان", "text": "نص الخبر", "clean_text": "نص الخبر",
            "published": "2015-07-21T02:51:35+00:00", "language": "ar", "content_hash": "h", "pipeline_version": "v1"}
    base.update(kw)
    return base


@pytest.fixture
def engine(tmp_path):
    e = store.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    store.init_db(e)
    return e


def test_writing_twice_keeps_one_row_with_the_latest_content(engine):
    store.write_batch(engine, articles=[record(1), record(2)])
    store.write_batch(engine, articles=[record(1, title="عنوان جديد"), record(2)])
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.articles)).scalar_one() == 2
        assert conn.execute(select(tables.articles.c.title).where(tables.articles.c.article_id == f"{1:032x}")).scalar_one() == "عنوان جديد"


def test_duplicates_inside_one_batch_are_collapsed(engine):
    assert store.write_batch(engine, articles=[record(1), record(1, title="b")]) == (1, 0)


def test_nul_characters_are_removed(engine):
    store.write_batch(engine, articles=[record(3, text="a\x00b")])
    with engine.connect() as conn:
        assert conn.execute(select(tables.articles.c.text)).scalar_one() == "ab"


def test_summary_and_count(engine):
    store.write_batch(engine, articles=[record(1), record(2, source="okaz")],
                      dead_letters=[{"dead_letter_id": "normalize:t:0:1", "stage": "normalize", "reason": "invalid_json", "detail": "x"}])
    s = store.summary(engine)
    assert s["articles"] == 2 and s["articles_per_source"] == {"sabq": 1, "okaz": 1}
    assert s["dead_letters_per_reason"] == {"normalize:invalid_json": 1}
    assert store.count_articles(engine, [f"{1:032x}", f"{1:032x}", "nope"]) == 1


def test_transient_failures_are_retried_then_succeed():
    from agents.sink import write_with_retry

    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise sa_exc.OperationalError("INSERT", {}, ConnectionError("server closed the connection"))
        return "ok"

    async def no_sleep(_):
        return None

    assert asyncio.run(write_with_retry(flaky, what="test", sleep=no_sleep)) == "ok"
    assert len(calls) == 3


def test_content_errors_are_not_retried():
    from agents.sink import write_with_retry

    def bad():
        raise sa_exc.DataError("INSERT", {}, ValueError("bad value"))

    with pytest.raises(sa_exc.DataError):
        asyncio.run(write_with_retry(bad, what="test"))


def test_cluster_is_sticky_for_the_same_dedup_version(engine):
    a = f"{1:032x}"
    store.write_batch(engine, articles=[record(1, cluster_id="c1", dedup_version="d1")])
    store.write_batch(engine, articles=[record(1, cluster_id="c2", dedup_version="d1", pipeline_version="v2")])
    with engine.connect() as conn:
        row = conn.execute(select(tables.articles).where(tables.articles.c.article_id == a)).mappings().one()
    assert row["cluster_id"] == "c1" and row["pipeline_version"] == "v2"  # replay: first cluster kept
    store.write_batch(engine, articles=[record(1, cluster_id="c3", dedup_version="d2")])
    with engine.connect() as conn:
        assert conn.execute(select(tables.articles.c.cluster_id)).scalar_one() == "c3"  # new dedup version: recomputed


def mention(mid, eid, article, source, killed, ts, dv="d1"):
    return {"mention_id": mid, "event_id": eid, "article_id": article, "source": source,
            "published": f"2018-03-22T{ts:02d}:00:00+00:00", "extractor_version": "x", "pipeline_version": "p",
            "dedup_version": dv,
            "event": {"type": "airstrike", "date": "2018-03-22", "locations": [{"text": "زملكا", "country": "SY"}],
                      "casualties": [{"kind": "killed", "count": killed, "group": "civilians", "at_least": True}]}}


def test_events_are_reconciled_never_summed_and_retired_when_empty(engine):
    store.write_mentions(engine, [mention("a:0:airstrike", "a:0:airstrike", "a", "afp", 38, 10),
                                  mention("b:0:airstrike", "a:0:airstrike", "b", "sana", 25, 11),
                                  mention("c:0:airstrike", "a:0:airstrike", "c", "afp", 42, 12)])
    with engine.connect() as conn:
        ev = conn.execute(select(tables.events)).mappings().one()
    assert (ev["num_articles"], ev["num_sources"], ev["killed"]) == (3, 2, 42)  # afp's latest 42, not 38+25+42
    assert ev["place"] == "زملكا" and ev["country"] == "SY"
    # a re-extraction of all three articles that finds nothing retires the event
    assert store.retire_stale_mentions(engine, {"a": [], "b": [], "c": []}) == 3
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.events)).scalar_one() == 0


def test_new_nullable_columns_are_added_to_old_tables(tmp_path):
    from sqlalchemy import inspect, text

    e = store.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with e.begin() as conn:  # an articles table from before dedup_version existed
        conn.execute(text("CREATE TABLE articles (article_id VARCHAR(32) PRIMARY KEY, source VARCHAR(256) NOT NULL)"))
    store.init_db(e)
    assert "dedup_version" in {c["name"] for c in inspect(e).get_columns("articles")}
