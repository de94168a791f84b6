"""`marsad bench`: benchmarks that print figures; the last line is one JSON object."""

from __future__ import annotations

import click

from marsad.cli import LazyGroup

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "dedup": ("bench.dedup_bench:bench_dedup", "Throughput and memory of the dedup stage alone."),
    "replay": ("bench.replay_bench:bench_replay", "Full-pipeline reprocessing into PostgreSQL: articles/s, worker memory."),
    "extract": ("bench.extract_bench:bench_extract", "Throughput of normalization + extraction on the corpus."),
    "sequencer": ("bench.sequencer_bench:bench_sequencer", "Dedup sequencer state and memory over a long stream (no Kafka)."),
    "api": ("bench.api_bench:bench_api", "Latency (p50/p95) of filtered web API queries on 100,000 synthetic events."),
}


@click.group("bench", cls=LazyGroup, lazy_commands=SUBCOMMANDS)
def bench() -> None:
    """Run a benchmark; figures go to stdout, the last line is one JSON object."""
