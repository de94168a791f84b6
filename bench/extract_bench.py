"""`marsad bench extract`: throughput of normalization + event extraction over a corpus.

Runs ``extract_events`` (which normalizes each article itself, as the streaming agent does)
on every article of the JSONL corpus (default ../shared/corpus/saudinewsnet-5k.jsonl),
after one warm-up article (lazy tables, gazetteer). Prints figures, then one JSON object on
the last line: articles, events, seconds, articles_per_s, ms_per_article, p95_ms,
events_per_article, conflict_events_per_article (articles with conflict_keywords, if any).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-5k.jsonl"


@click.command("extract")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DEFAULT, show_default=True)
@click.option("--limit", type=int, default=0, help="Only the first N articles (0 = all).")
def bench_extract(corpus: Path, limit: int) -> None:
    """Normalize + extract every article; last line is one JSON object."""
    from arabic.extract import EXTRACTOR_VERSION, extract_events

    articles = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                articles.append(json.loads(line))
            if limit and len(articles) >= limit:
                break
    if articles:
        extract_events(articles[0])  # warm-up: tables and gazetteer load lazily
    times = []
    n_events = n_conf_events = n_conf = 0
    t0 = time.perf_counter()
    for a in articles:
        t = time.perf_counter()
        evs = extract_events(a)
        times.append(time.perf_counter() - t)
        n_events += len(evs)
        if a.get("conflict_keywords"):
            n_conf += 1
            n_conf_events += len(evs)
    secs = time.perf_counter() - t0
    n = len(articles)
    times.sort()
    result = {
        "extractor_version": EXTRACTOR_VERSION,
        "articles": n,
        "events": n_events,
        "seconds": round(secs, 3),
        "articles_per_s": round(n / secs, 1) if secs else None,
        "ms_per_article": round(1000 * secs / n, 3) if n else None,
        "p95_ms": round(1000 * times[int(0.95 * (n - 1))], 3) if n else None,
        "events_per_article": round(n_events / n, 3) if n else None,
        "conflict_events_per_article": round(n_conf_events / n_conf, 3) if n_conf else None,
    }
    click.echo(f"corpus: {corpus}")
    click.echo(f"{n} articles, {n_events} events in {secs:.2f} s: {result['ms_per_article']} ms/article "
               f"(p95 {result['p95_ms']} ms), {result['articles_per_s']} articles/s")
    click.echo(json.dumps(result))


bench_extract.name = "extract"
