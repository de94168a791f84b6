"""`marsad bench sequencer`: the dedup sequencer's state and memory over a long stream.

Runs the dedup agent's own per-record code (:func:`agents.dedup.dedup_record`) with its
own state classes (:class:`agents.dedup_state.TableBackedState`, ``CachedMapping``,
``PartitionWatermark``) over plain dicts instead of Faust tables, on the corpus
normalized and extracted once, then streamed ``--copies`` times. Each copy has new ids
and URLs, and its publication times are ``--shift-days`` later than the previous
copy's: a later period of news, as in `marsad bench replay`. After each copy it prints
the process RSS and the state's sizes (live article records, LSH postings, event-merger
entries). The state is bounded when those stop growing once the horizon (7 days) is
shorter than the stream. The last line is one JSON object.
"""

from __future__ import annotations

import gc
import json
import os
import time
from pathlib import Path

import click

from bench.replay_bench import rss_mb, shift_published


@click.command("sequencer")
@click.option("--corpus", type=click.Path(path_type=Path), default=Path("../shared/corpus/saudinewsnet-5k.jsonl"), show_default=True)
@click.option("--copies", type=int, default=20, show_default=True, help="How many times the corpus is streamed.")
@click.option("--shift-days", type=float, default=30.0, show_default=True,
              help="Days between the publication times of successive copies.")
def bench_sequencer(corpus: Path, copies: int, shift_days: float) -> None:
    """Dedup sequencer state and memory over COPIES x the corpus (streamed in order)."""
    from agents.dedup import EVENT_EVIDENCE, HORIZON_DAYS, dedup_record
    from agents.dedup_state import CachedMapping, PartitionWatermark
    from agents.dedup_state import TableBackedState
    from agents.extract import extract_record
    from agents.normalize import normalize_raw
    from dedup.articles import ArticleDeduplicator, DedupConfig, parse_published
    from dedup.events import EventMerger

    if not corpus.exists():
        raise click.ClickException(f"corpus not found: {corpus} (run from the project root, beside ../shared)")
    lines = corpus.read_bytes().splitlines()
    click.echo(f"normalizing and extracting {len(lines)} articles once…", err=True)
    recs = [normalize_raw(line, max_text_bytes=10_000_000, pipeline_version="bench", partition=i % 4)
            for i, line in enumerate(lines)]
    recs = [r.derive(events=extract_record(r), extractor_version="bench", normalized_text="") for r in recs]
    config = DedupConfig()
    state = TableBackedState({}, bucket_seconds=config.bucket_seconds, posting_cap=config.posting_cap)
    merger_state = CachedMapping({})
    state.ensure_fresh()
    merger_state.ensure_fresh()
    watermark = PartitionWatermark(expected=4)
    deduper = ArticleDeduplicator(state, horizon_days=HORIZON_DAYS, config=config)
    merger = EventMerger(merger_state, horizon_days=HORIZON_DAYS, evidence=EVENT_EVIDENCE)
    deduper.event_time = merger.event_time = watermark.value
    rows = []
    t0 = time.perf_counter()
    n = 0
    for copy in range(copies):
        for r in recs:
            rec = r.derive(article_id=f"{r.article_id}-{copy}", published=shift_published(r.published, shift_days * copy),
                           url=f"{r.url or ''}#copy{copy}")
            if rec.published:
                watermark.observe(rec.raw_partition, parse_published(rec.published))
            dedup_record(rec, deduper, merger)
            n += 1
        gc.collect()
        row = {"articles": n, "rss_mb": round(rss_mb(os.getpid()), 1), "live_articles": len(state.articles),
               "postings": len(state.index), "merger_entries": len(merger_state)}
        rows.append(row)
        click.echo(f"{n:>9} articles  RSS {row['rss_mb']:.1f} MB  live articles {row['live_articles']}  "
                   f"postings {row['postings']}  merger entries {row['merger_entries']}")
    seconds = time.perf_counter() - t0
    first = rows[min(1, len(rows) - 1)]  # after the first copy: warm
    last = rows[-1]
    click.echo(json.dumps({"bench": "sequencer", "articles": n, "copies": copies, "shift_days": shift_days,
                           "seconds": round(seconds, 1), "articles_per_s": round(n / seconds, 1),
                           "rss_mb_after_copy_2": first["rss_mb"], "rss_mb_last": last["rss_mb"],
                           "rss_growth": round(last["rss_mb"] / first["rss_mb"], 3) if first["rss_mb"] else None,
                           "live_articles_last": last["live_articles"], "postings_last": last["postings"],
                           "merger_entries_last": last["merger_entries"]}))
