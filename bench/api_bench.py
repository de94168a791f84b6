"""`marsad bench api`: latency of filtered event queries through the web API on a large store.

Fills a database (a temporary SQLite file, or ``--db-url`` PostgreSQL; the tables must
be empty or absent) with ``--events`` synthetic events, their mentions and articles by
bulk insert, then sends ``--queries`` filtered ``GET /api/events`` requests through the
app in-process (Starlette TestClient: routing, parameter parsing, SQL, JSON) and prints
p50/p95 per kind of filter. Last line: one JSON object.

    marsad bench api                                   # 100,000 events in SQLite
    marsad bench api --db-url postgresql+psycopg2://marsad@127.0.0.1:5432/bench
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import click

TYPES = ["airstrike", "shelling", "bombing", "armed_clash", "killing", "ceasefire", "negotiation", "evacuation",
         "siege", "arrest", "protest", "displacement"]
PLACES = [("حلب", "Aleppo", "SY", 36.2, 37.16), ("دوما", "Douma", "SY", 33.57, 36.4), ("ادلب", "Idlib", "SY", 35.93, 36.63),
          ("صنعاء", "Sanaa", "YE", 15.35, 44.2), ("عدن", "Aden", "YE", 12.78, 45.04), ("تعز", "Taiz", "YE", 13.58, 44.02),
          ("بغداد", "Baghdad", "IQ", 33.34, 44.4), ("الموصل", "Mosul", "IQ", 36.34, 43.13), ("الرمادي", "Ramadi", "IQ", 33.42, 43.3),
          ("بنغازي", "Benghazi", "LY", 32.12, 20.09), ("سرت", "Sirte", "LY", 31.21, 16.59), ("سيناء", "Sinai", "EG", 29.5, 33.8),
          ("غزة", "Gaza", "PS", 31.5, 34.47), ("كابول", "Kabul", "AF", 34.53, 69.17), ("مايدوغوري", "Maiduguri", "NG", 11.85, 13.16),
          ("بيروت", "Beirut", "LB", 33.89, 35.5), ("الرياض", "Riyadh", "SA", 24.69, 46.72), ("انقرة", "Ankara", "TR", 39.93, 32.86)]
ACTORS = ["داعش", "الحوثيين", "قوات النظام", "التحالف", "الجيش العراقي", "حزب الله", "المعارضة", "بوكو حرام", "الجيش الليبي"]
SOURCES = ["aawsat", "okaz", "alriyadh", "alyaum", "sabq", "aljazirah", "alwatan", "almadina", "alweeam", "aleqtisadiya"]
DAYS = 365


def fill(db_url: str, n_events: int, seed: int = 7, batch: int = 5000) -> dict[str, int]:
    """Bulk-insert ``n_events`` events with 1-4 mentions each (one article per mention)."""
    from sqlalchemy import insert

    from marsad import store
    from schemas import tables

    rnd = random.Random(seed)
    engine = store.make_engine(db_url)
    store.init_db(engine)
    t0 = datetime(2015, 1, 1, tzinfo=timezone.utc)
    now = datetime.now(timezone.utc)
    counts = {"events": 0, "mentions": 0, "articles": 0}
    ev_rows: list[dict[str, Any]] = []
    m_rows: list[dict[str, Any]] = []
    a_rows: list[dict[str, Any]] = []

    def flush() -> None:
        with engine.begin() as conn:
            if a_rows:
                conn.execute(insert(tables.articles), a_rows)
            if m_rows:
                conn.execute(insert(tables.event_mentions), m_rows)
            if ev_rows:
                conn.execute(insert(tables.events), ev_rows)
        counts["events"] += len(ev_rows)
        counts["mentions"] += len(m_rows)
        counts["articles"] += len(a_rows)
        ev_rows.clear(), m_rows.clear(), a_rows.clear()

    for i in range(n_events):
        typ = rnd.choice(TYPES)
        text, name, cc, lat, lon = rnd.choice(PLACES)
        day = t0 + timedelta(days=rnd.randrange(DAYS), seconds=rnd.randrange(86400))
        srcs = rnd.sample(SOURCES, k=rnd.choice((1, 1, 1, 2, 2, 3, 4)))
        actors = [{"text": a, "name": a, "role": "initiator"} for a in rnd.sample(ACTORS, k=rnd.choice((0, 1, 1, 2)))]
        loc = {"text": text, "name": name, "country": cc, "lat": lat, "lon": lon}
        killed = rnd.choice((None, None, rnd.randrange(1, 60)))
        per_source = {}
        eid = f"bench{i:07d}:0:{typ}"
        published = []
        for j, src in enumerate(srcs):
            aid = f"b{i:07d}{j}"
            pub = day + timedelta(hours=j * 3)
            published.append(pub)
            a_rows.append({"article_id": aid, "source": src, "title": f"{typ} {text} {i}", "text": "…", "clean_text": "…",
                           "url": f"https://example.org/{aid}", "published_at": pub, "language": "ar", "content_hash": aid,
                           "cluster_id": f"b{i:07d}0", "duplicate_of": None if j == 0 else f"b{i:07d}0", "similarity": 0.9,
                           "pipeline_version": "bench", "ingested_at": now, "updated_at": now})
            m_rows.append({"mention_id": f"{aid}:0", "event_id": eid, "article_id": aid, "source": src, "published_at": pub,
                           "type": typ, "trigger": typ, "sentence": "…", "date": day.date().isoformat(), "locations": [loc],
                           "actors": actors, "casualties": [{"kind": "killed", "count": killed}] if killed else [],
                           "extractor_version": "bench", "pipeline_version": "bench", "updated_at": now})
            per_source[src] = {"killed": killed, "injured": None, "published_ts": pub.timestamp()}
        ev_rows.append({"event_id": eid, "type": typ, "date": day.date().isoformat() if rnd.random() < 0.6 else None,
                        "place": text, "place_name": name, "country": cc, "lat": lat, "lon": lon, "actors": actors,
                        "locations": [loc], "killed": killed, "injured": None, "casualties_per_source": per_source,
                        "num_articles": len(srcs), "num_sources": len(srcs), "first_seen": min(published),
                        "last_seen": max(published), "extractor_version": "bench", "pipeline_version": "bench",
                        "updated_at": now})
        if len(ev_rows) >= batch:
            flush()
    flush()
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            from sqlalchemy import text as sql

            conn.execute(sql("ANALYZE"))
    engine.dispose()
    return counts


def queries(rnd: random.Random, n: int) -> list[tuple[str, dict[str, Any]]]:
    """``n`` dashboard-like filtered queries: (kind, params)."""
    out = []
    kinds = ["type", "country", "type+country+min_sources", "date_range", "source", "place", "actor",
             "min_sources", "all_filters"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        start = datetime(2015, 1, 1) + timedelta(days=rnd.randrange(DAYS - 30))
        rng = {"from": start.date().isoformat(), "to": (start + timedelta(days=30)).date().isoformat()}
        p: dict[str, Any] = {
            "type": {"type": rnd.choice(TYPES)},
            "country": {"country": rnd.choice(PLACES)[2]},
            "type+country+min_sources": {"type": rnd.choice(TYPES), "country": rnd.choice(PLACES)[2], "min_sources": 2},
            "date_range": rng,
            "source": {"source": rnd.choice(SOURCES)},
            "place": {"place": rnd.choice(PLACES)[0]},
            "actor": {"actor": rnd.choice(ACTORS)},
            "min_sources": {"min_sources": 3},
            "all_filters": dict(rng, type=rnd.choice(TYPES), country=rnd.choice(PLACES)[2], min_sources=2,
                                source=rnd.choice(SOURCES)),
        }[kind]
        p["limit"] = 50
        out.append((kind, p))
    return out


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


@click.command("api")
@click.option("--events", "n_events", type=int, default=100_000, show_default=True, help="Synthetic events to insert.")
@click.option("--queries", "n_queries", type=int, default=450, show_default=True, help="Timed requests.")
@click.option("--db-url", default=None, help="Database to fill (empty); default: a temporary SQLite file.")
@click.option("--seed", type=int, default=7, show_default=True)
def bench_api(n_events: int, n_queries: int, db_url: str | None, seed: int) -> None:
    """Fill a store with N synthetic events and time filtered /api/events queries (p50/p95)."""
    import warnings

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from starlette.testclient import TestClient

    from marsad.store import describe
    from marsad.web.app import create_app

    tmp = None
    if db_url is None:
        tmp = tempfile.TemporaryDirectory(prefix="marsad-bench-api-")
        db_url = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    click.echo(f"filling {describe(db_url)} with {n_events:,} events ...")
    t = time.perf_counter()
    counts = fill(db_url, n_events, seed)
    fill_s = time.perf_counter() - t
    click.echo(f"  {counts['events']:,} events, {counts['mentions']:,} mentions, {counts['articles']:,} articles "
               f"in {fill_s:.1f}s")
    rnd = random.Random(seed)
    per_kind: dict[str, list[float]] = {}
    all_ms: list[float] = []
    pages_ms: list[float] = []
    with TestClient(create_app(db_url)) as client:
        for kind, params in queries(rnd, 18):  # warm-up (connections, caches)
            client.get("/api/events", params=params)
        for kind, params in queries(rnd, n_queries):
            t = time.perf_counter()
            r = client.get("/api/events", params=params)
            ms = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                raise click.ClickException(f"{params}: HTTP {r.status_code} {r.text[:200]}")
            per_kind.setdefault(kind, []).append(ms)
            all_ms.append(ms)
            cursor = r.json()["next_cursor"]
            if cursor and len(pages_ms) < 100:  # the next page of the same query
                t = time.perf_counter()
                client.get("/api/events", params=dict(params, cursor=cursor))
                pages_ms.append((time.perf_counter() - t) * 1000)
    click.echo(f"{'filter':<26}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}")
    for kind, xs in per_kind.items():
        click.echo(f"{kind:<26}{len(xs):>5}{statistics.median(xs):>10.1f}{_pct(xs, 0.95):>10.1f}")
    if pages_ms:
        click.echo(f"{'next page (cursor)':<26}{len(pages_ms):>5}{statistics.median(pages_ms):>10.1f}{_pct(pages_ms, 0.95):>10.1f}")
    p50, p95 = statistics.median(all_ms), _pct(all_ms, 0.95)
    click.echo(f"{'all':<26}{len(all_ms):>5}{p50:>10.1f}{p95:>10.1f}   (target: p95 < 100 ms)")
    summary = {"bench": "api", "db": describe(db_url).split(":")[0], "events": counts["events"],
               "mentions": counts["mentions"], "articles": counts["articles"], "fill_s": round(fill_s, 1),
               "queries": len(all_ms), "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
               "p95_ms_per_filter": {k: round(_pct(v, 0.95), 1) for k, v in per_kind.items()},
               "next_page_p95_ms": round(_pct(pages_ms, 0.95), 1) if pages_ms else None,
               "target_met": p95 < 100.0}
    click.echo(json.dumps(summary, ensure_ascii=False))
    if tmp is not None:
        tmp.cleanup()
