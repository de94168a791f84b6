"""`marsad bench dedup`: throughput and memory of the dedup stage alone.

Throughput: every article of each corpus (default ../shared/corpus/
saudinewsnet-neardup.jsonl and saudinewsnet-5k.jsonl) is turned into a ``DedupInput``
first (``input_from_article``: the normalization fold, which the pipeline's normalize
stage does before dedup; timed separately), then fed to a fresh
``ArticleDeduplicator.add`` in publication-time order. Articles/s are counted on CPU time
of this process (one core: the stage is single-threaded) and on wall time; each corpus
runs ``--repeat`` times and the best run counts (the machine may be shared).

Memory: a synthetic stream of ``--synthetic`` articles made from the corpus texts (each a
corpus text with 35% of its words replaced at random, or, one time in four, a copy of a
recent synthetic article with 5% of its words edited), with publication times increasing
so that one horizon holds ``--live`` articles. Resident memory (``/proc/self/statm``,
after a garbage collection) is read at ``--checkpoint`` articles and at the end; with the
horizon shorter than the stream the state stops growing, so the two should be within 10%.

Figures go to stdout (progress on stderr when it is a terminal); the last line is one JSON
object.
"""

from __future__ import annotations

from marsad.progress import progress_bar

import gc
import json
import os
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

import click

TARGET_RATE = 2000.0  # articles/s on one core
TARGET_MEMORY_RATIO = 1.10  # memory after the stream / memory at the checkpoint


def _corpus_dir() -> Path:
    env = os.environ.get("MARSAD_CORPUS_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpus"


def rss_mb() -> float:
    """Resident set size of this process in MiB (``/proc/self/statm``)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # not Linux: peak RSS instead
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(path: Path) -> list[dict[str, Any]]:
    import orjson

    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]


def throughput(path: Path, repeat: int, horizon_days: float) -> dict[str, Any]:
    """Normalization time, then the best of ``repeat`` dedup passes over one corpus."""
    from dedup.articles import ArticleDeduplicator, input_from_article

    rows = _load(path)
    c0, w0 = time.process_time(), time.perf_counter()
    items = [input_from_article(r) for r in rows]
    norm_cpu, norm_wall = time.process_time() - c0, time.perf_counter() - w0
    items.sort(key=lambda it: it.published_ts)
    runs = []
    dups = 0
    for _ in range(max(1, repeat)):
        dedup = ArticleDeduplicator(horizon_days=horizon_days)
        gc.collect()
        c0, w0 = time.process_time(), time.perf_counter()
        for it in items:
            dedup.add(it)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        runs.append((cpu, wall))
        dups = sum(v for k, v in dedup.stats.items() if k in ("url", "hash", "minhash"))
    n = len(items)
    best_cpu = min(r[0] for r in runs)
    best_wall = min(r[1] for r in runs)
    return {
        "corpus": path.name,
        "articles": n,
        "duplicates": dups,
        "runs_cpu_s": [round(r[0], 3) for r in runs],
        "runs_wall_s": [round(r[1], 3) for r in runs],
        "articles_per_s_cpu": round(n / best_cpu, 1),
        "articles_per_s_wall": round(n / best_wall, 1),
        "ms_per_article_cpu": round(1000 * best_cpu / n, 4),
        "normalize_articles_per_s_cpu": round(n / norm_cpu, 1) if norm_cpu else None,
        "end_to_end_articles_per_s_cpu": round(n / (norm_cpu + best_cpu), 1),
    }


def synthetic_stream(texts: list[list[str]], n: int, live: int, horizon_days: float, seed: int):
    """Yield ``n`` synthetic ``DedupInput`` (see module doc)."""
    from dedup.articles import DedupInput, content_hash

    rng = random.Random(seed)
    vocab = [w for toks in texts[:2000] for w in toks[:60]]
    dt = horizon_days * 86400.0 / live
    t0 = 1.44e9  # 2015-08-19
    recent: list[list[str]] = []
    for i in range(n):
        if recent and rng.random() < 0.25:
            toks = list(rng.choice(recent))
            rate = 0.05
        else:
            toks = list(rng.choice(texts))
            rate = 0.35
        for j in range(len(toks)):
            if rng.random() < rate:
                toks[j] = rng.choice(vocab)
        recent.append(toks)
        if len(recent) > 200:
            recent.pop(0)
        text = " ".join(toks)
        yield DedupInput(f"syn-{i}", t0 + i * dt, f"https://example.org/syn/{i}", content_hash(text), text)


def memory(texts: list[list[str]], n: int, checkpoint: int, live: int, horizon_days: float,
           seed: int) -> dict[str, Any]:
    """RSS at the checkpoint and after ``n`` synthetic articles (one fresh deduplicator)."""
    from dedup.articles import ArticleDeduplicator
    from dedup.store import state_size

    dedup = ArticleDeduplicator(horizon_days=horizon_days)
    progress = progress_bar("synthetic stream", n)
    points = []
    marks = sorted({checkpoint, n} | {k for k in range(checkpoint, n, max(checkpoint, n // 5))})
    c0 = time.process_time()
    before = rss_mb()
    for i, item in enumerate(synthetic_stream(texts, n, live, horizon_days, seed), 1):
        dedup.add(item)
        if progress is not None and i % 2000 == 0:
            progress.update(progress.task_ids[0], completed=i)
        elif progress is None and i % max(1, n // 10) == 0:
            click.echo(f"synthetic stream: {i}/{n} articles, RSS {rss_mb():.1f} MiB", err=True)
        if i in marks:
            gc.collect()
            size = state_size(dedup.state)
            points.append({"synthetic": i, "rss_mb": round(rss_mb(), 1), "in_state": size["articles"],
                           "band_keys": size["index"], "exact_keys": size["exact"], "time_buckets": size["timeline"]})
    cpu = time.process_time() - c0
    if progress is not None:
        progress.stop()
    at_check = next(p for p in points if p["synthetic"] == checkpoint)
    at_end = points[-1]
    return {
        "synthetic_articles": n,
        "live_articles_per_horizon": live,
        "horizon_days": horizon_days,
        "rss_mb_before": round(before, 1),
        "rss_mb_at_checkpoint": at_check["rss_mb"],
        "rss_mb_at_end": at_end["rss_mb"],
        "checkpoint": checkpoint,
        "ratio_end_to_checkpoint": round(at_end["rss_mb"] / at_check["rss_mb"], 4),
        "points": points,
        "duplicates": sum(v for k, v in dedup.stats.items() if k in ("url", "hash", "minhash")),
        "expired": dedup.stats["expired"],
        "articles_per_s_cpu": round(n / cpu, 1) if cpu else None,
    }


@click.command("dedup")
@click.option("--corpus", "corpora", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSONL corpus to time (repeatable). Default: saudinewsnet-neardup.jsonl and saudinewsnet-5k.jsonl.")
@click.option("--repeat", type=int, default=2, show_default=True, help="Passes per corpus; the best counts.")
@click.option("--synthetic", type=int, default=1_000_000, show_default=True,
              help="Synthetic articles for the memory test (0 = skip).")
@click.option("--checkpoint", type=int, default=200_000, show_default=True,
              help="Compare memory at this many articles with memory at the end.")
@click.option("--live", type=int, default=20_000, show_default=True,
              help="Synthetic articles published within one horizon.")
@click.option("--horizon-days", type=float, default=7.0, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
def bench_dedup(corpora: tuple[Path, ...], repeat: int, synthetic: int, checkpoint: int, live: int,
                horizon_days: float, seed: int) -> None:
    """Dedup stage alone: articles/s on one core, and memory on a long synthetic stream.

    The last line is one JSON object.
    """
    if not corpora:
        d = _corpus_dir()
        corpora = tuple(p for p in (d / "saudinewsnet-neardup.jsonl", d / "saudinewsnet-5k.jsonl") if p.is_file())
        if not corpora:
            raise click.UsageError(f"no corpus in {d} (set MARSAD_CORPUS_DIR or pass --corpus)")
    if synthetic and not 0 < checkpoint < synthetic:
        raise click.UsageError("--checkpoint must be between 0 and --synthetic")
    out: dict[str, Any] = {"throughput": [], "cpu_count": os.cpu_count(),
                           "loadavg": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None}
    for path in corpora:
        r = throughput(path, repeat, horizon_days)
        out["throughput"].append(r)
        click.echo(f"{r['corpus']}: {r['articles']} articles ({r['duplicates']} duplicates): "
                   f"{r['articles_per_s_cpu']} articles/s CPU, {r['articles_per_s_wall']} wall "
                   f"(best of {len(r['runs_cpu_s'])}: CPU s {r['runs_cpu_s']}); "
                   f"with the normalization fold {r['end_to_end_articles_per_s_cpu']} articles/s")
    out["articles_per_s_cpu"] = min(r["articles_per_s_cpu"] for r in out["throughput"])
    out["throughput_ok"] = out["articles_per_s_cpu"] >= TARGET_RATE
    if synthetic:
        from dedup.articles import input_from_article  # noqa: F401  (warm imports before measuring)
        from dedup.shingles import tokens

        texts = []
        for path in corpora:
            for row in _load(path):
                toks = tokens(input_from_article(row).normalized_text)[:150]
                if len(toks) >= 20:
                    texts.append(toks)
        m = memory(texts, synthetic, checkpoint, live, horizon_days, seed)
        out["memory"] = m
        out["memory_ok"] = m["ratio_end_to_checkpoint"] <= TARGET_MEMORY_RATIO
        for p in m["points"]:
            click.echo(f"  {p['synthetic']:>9} synthetic articles: RSS {p['rss_mb']} MiB, {p['in_state']} articles "
                       f"in state, {p['band_keys']} band keys")
        click.echo(f"memory: {m['rss_mb_at_checkpoint']} MiB at {checkpoint} articles, {m['rss_mb_at_end']} MiB at "
                   f"{synthetic} (x{m['ratio_end_to_checkpoint']}); horizon {horizon_days:g} days = {live} articles; "
                   f"{m['articles_per_s_cpu']} synthetic articles/s CPU")
    click.echo(json.dumps(out))


bench_dedup.name = "dedup"
