"""`marsad bench replay`: reprocess N articles (the 5k corpus re-keyed) through the
full pipeline (real broker, real workers) into PostgreSQL; throughput and worker memory.

Steps: start a local broker in a temporary folder (or use --broker), create the topics,
produce N articles (the corpus cycled, each copy with its own URL so it is its own
article), start --workers worker processes from the earliest offset, and time until
the consumer group has no lag on any topic (every article and event is in SQL).
Worker resident memory (VmRSS) is sampled every 2 s; "flat" compares the mean of the
last fifth of the run with the mean of the second fifth.

The database must be PostgreSQL (--db-url or MARSAD_BENCH_DB_URL); without one, a
throwaway cluster is started with the server binaries of Debian's postgresql package.
The last line of output is one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import click

from marsad.signals import cleanup_on_sigterm

TARGET_RATE = 1000.0


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rss_by_progress(samples: list[tuple[int, float]], total: int, steps: int = 10) -> dict[str, float]:
    """Workers' RSS (MB) when the run first reached each tenth of its articles.

    ``samples`` are ``(articles done, RSS MB)`` in time order; returns ``{"10%": mb, ...,
    "100%": mb}`` for the tenths the run reached (a tenth never reached is left out), so a
    plateau shows as equal late values where an early/late ratio only shows growth.
    ``total`` <= 0 gives an empty dict."""
    out: dict[str, float] = {}
    if total <= 0:
        return out
    for k in range(1, steps + 1):
        goal = total * k / steps
        hit = next((mb for done, mb in samples if done >= goal), None)
        if hit is not None:
            out[f"{100 * k // steps}%"] = round(hit, 1)
    return out


def shift_published(published: str | None, days: float) -> str | None:
    """``published`` moved ``days`` later, in its own format (ISO or "YYYY-MM-DD HH:MM:SS")."""
    from datetime import datetime, timedelta

    if not published or not days:
        return published
    try:
        when = datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return published
    moved = when + timedelta(days=days)
    return moved.isoformat(sep=" " if " " in published else "T")


def _corpus_lines(corpus: Path, n: int, shift_days: float = 0.0):
    """``n`` raw lines: the corpus cycled; copy k has its own URL and id, and its
    publication times moved ``k * shift_days`` later (a later period of news)."""
    import orjson

    base = [orjson.loads(line) for line in corpus.open("rb")]
    for i in range(n):
        art = dict(base[i % len(base)])
        copy = i // len(base)
        if copy:
            art["url"] = f"{art['url']}?marsad_copy={copy}"
            art["id"] = f"{art['id']}-c{copy}"
            art["published"] = shift_published(art.get("published"), copy * shift_days)
        yield Path(corpus.name), i + 1, orjson.dumps(art)


def stage_costs(corpus: Path, n: int = 1000) -> dict[str, float]:
    """Milliseconds of pure stage work per article (normalize, extract, dedup) on the
    first ``n`` corpus articles, in this process: the pipeline's CPU floor before any
    Kafka, Faust or SQL work."""
    from agents.dedup import EVENT_EVIDENCE, HORIZON_DAYS, dedup_record
    from agents.extract import extract_record
    from agents.normalize import normalize_raw
    from dedup.articles import ArticleDeduplicator, DedupConfig
    from dedup.events import EventMerger
    from dedup.store import InMemoryState

    lines = corpus.read_bytes().splitlines()[:n]
    t0 = time.process_time()
    recs = [normalize_raw(line, max_text_bytes=10_000_000, pipeline_version="bench") for line in lines]
    t1 = time.process_time()
    recs = [r.derive(events=extract_record(r), extractor_version="bench", normalized_text="") for r in recs]
    t2 = time.process_time()
    deduper = ArticleDeduplicator(InMemoryState(), horizon_days=HORIZON_DAYS, config=DedupConfig())
    merger = EventMerger({}, horizon_days=HORIZON_DAYS, evidence=EVENT_EVIDENCE)  # as the dedup agent runs them
    for r in recs:
        dedup_record(r, deduper, merger)
    t3 = time.process_time()
    per = 1000.0 / max(1, len(lines))
    return {"normalize": round((t1 - t0) * per, 3), "extract": round((t2 - t1) * per, 3), "dedup": round((t3 - t2) * per, 3)}


@click.command("replay")
@click.option("--articles", type=int, default=100_000, show_default=True)
@click.option("--workers", type=int, default=2, show_default=True)
@click.option("--partitions", type=int, default=4, show_default=True)
@click.option("--db-url", default=None, help="PostgreSQL URL [env MARSAD_BENCH_DB_URL; default: a throwaway cluster].")
@click.option("--broker", default=None, help="A running broker (default: start one in a temporary folder).")
@click.option("--corpus", type=click.Path(path_type=Path), default=Path("../shared/corpus/saudinewsnet-5k.jsonl"), show_default=True)
@click.option("--shift-days", type=float, default=30.0, show_default=True,
              help="Move each corpus copy's publication times this many days after the previous copy's, so the "
                   "copies are later periods of news and the dedup horizon expires behind them (0: every copy "
                   "keeps the original times, so all copies sit inside one horizon).")
@cleanup_on_sigterm
def bench_replay(articles: int, workers: int, partitions: int, db_url: str | None, broker: str | None, corpus: Path,
                 shift_days: float) -> None:
    """Full-pipeline reprocessing throughput into PostgreSQL, and worker memory.

    Also prints the pure stage work per article (normalize, extract, dedup, measured in
    this process on 1,000 articles before the run) and the rate that work alone allows on
    this machine's cores: the ceiling before any Kafka, Faust or SQL cost."""
    from marsad.config import Settings
    from marsad.kafka_admin import ensure_topics
    from marsad.replay import wait_for_lag
    from producers.files import produce_lines
    from producers.kafka import make_producer
    from schemas.topics import Topics

    cleanup = []
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    try:
        db_url = db_url or os.environ.get("MARSAD_BENCH_DB_URL")
        # the throwaway PostgreSQL and the worker processes are the test suite's helpers
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        if not db_url:
            from tests.support.postgres import start_cluster

            cluster = start_cluster()
            cleanup.append(cluster.stop)
            db_url = cluster.create_database("bench_replay")
        if not broker:
            from marsad.broker import local

            b = local.start(tmp / "broker")
            cleanup.append(lambda: local.stop(tmp / "broker"))
            broker = b.bootstrap
        costs = stage_costs(corpus)
        cores = os.cpu_count() or 1
        ceiling = cores * 1000.0 / sum(costs.values())
        click.echo(f"pure stage work per article (ms): {costs}; on {cores} cores at most {ceiling:.0f} articles/s "
                   "before Kafka, Faust and SQL costs", err=True)
        tag = uuid.uuid4().hex[:6]
        settings = Settings(broker=broker, db_url=db_url, partitions=partitions, topic_prefix=f"bench{tag}",
                            app_id=f"marsad-bench-{tag}")
        ensure_topics(settings)
        topics = Topics(settings.topic_prefix, settings.app_id)
        producer = make_producer(settings)
        t0 = time.monotonic()
        stats = produce_lines(_corpus_lines(corpus, articles, shift_days), lambda t, k, v: producer.send(t, key=k, value=v),
                              raw_topic=topics.raw, dlq_topic=topics.deadletter, max_text_bytes=settings.max_text_bytes)
        producer.flush()
        producer.close()
        click.echo(f"produced {stats.sent} articles in {time.monotonic() - t0:.1f}s", err=True)

        from tests.support.workers import WorkerProcess

        procs = [WorkerProcess(settings, tmp / f"worker{i}.log") for i in range(workers)]
        cleanup.append(lambda: [p.stop() for p in procs])
        samples: list[tuple[int, float]] = []  # (articles done, workers' RSS MB), every 2 s
        t1 = time.monotonic()
        last = [0.0]

        def progress(done: int, remaining: int, rate: float) -> None:
            now = time.monotonic()
            if now - last[0] >= 2.0:
                last[0] = now
                samples.append((done, sum(rss_mb(p.proc.pid) for p in procs)))
                click.echo(f"\r{done} done, {remaining} to go, {rate:.0f}/s, workers RSS {samples[-1][1]:.0f} MB ", nl=False, err=True)

        ok = wait_for_lag(settings, timeout=6 * 3600, on_progress=progress, interval=2.0)
        elapsed = time.monotonic() - t1
        click.echo("", err=True)
        rate = stats.sent / elapsed
        mems = [m for _, m in samples]
        fifth = max(1, len(mems) // 5)
        early = statistics.mean(mems[fifth:2 * fifth]) if len(mems) >= 2 * fifth else (mems[0] if mems else 0.0)
        late = statistics.mean(mems[-fifth:]) if mems else 0.0
        result = {
            "bench": "replay", "articles": stats.sent, "workers": workers, "partitions": partitions,
            "caught_up": ok, "seconds": round(elapsed, 1), "articles_per_s": round(rate, 1),
            "target_articles_per_s": TARGET_RATE, "target_met": rate >= TARGET_RATE,
            "workers_rss_mb_early": round(early, 1), "workers_rss_mb_late": round(late, 1),
            "rss_growth": round(late / early, 3) if early else None, "cpus": cores, "shift_days": shift_days,
            "workers_rss_mb_by_progress": rss_by_progress(samples, stats.sent),
            "stage_ms_per_article": costs, "stage_work_ceiling_articles_per_s": round(ceiling, 1),
        }
        click.echo(f"reprocessed {stats.sent} articles in {elapsed:.1f}s: {rate:.1f} articles/s "
                   f"(target {TARGET_RATE:.0f}); workers' RSS {early:.0f} MB -> {late:.0f} MB")
        click.echo(json.dumps(result))
    finally:
        for fn in reversed(cleanup):
            try:
                fn()
            except Exception:
                pass
