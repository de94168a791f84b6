"""`marsad bench`: benchmarks that print figures; the last line is one JSON object."""

from __future__ import annotations

import importlib

import click

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "dedup": ("bench.dedup_bench:bench_dedup", "Throughput and memory of the dedup stage alone."),
    "replay": ("bench.replay_bench:bench_replay", "Full-pipeline reprocessing into PostgreSQL: articles/s, worker memory."),
    "extract": ("bench.extract_bench:bench_extract", "Throughput of normalization + extraction on the corpus."),
    "api": ("bench.api_bench:bench_api", "Latency (p50/p95) of filtered web API queries on 100,000 synthetic events."),
}


class _LazyBench(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in SUBCOMMANDS:
            return None
        module_name, attr = SUBCOMMANDS[cmd_name][0].split(":")
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(n, SUBCOMMANDS[n][1]) for n in self.list_commands(ctx)])


@click.group("bench", cls=_LazyBench)
def bench() -> None:
    """Run a benchmark; figures go to stdout, the last line is one JSON object."""
