"""The `marsad` command: one entry point, one module per subcommand.

Subcommands are imported lazily (Faust and SQLAlchemy are slow to import), so
`marsad --help` and `marsad extract` start fast. Each entry maps a command name to
`module:attribute` of a click command in :mod:`marsad.commands`.
"""

from __future__ import annotations

import importlib

import click

COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("marsad.commands.demo:demo", "Run the whole pipeline on the corpus into SQLite and print a summary."),
    "broker": ("marsad.commands.broker:broker", "Start, stop or inspect the local Kafka broker (KRaft, from Maven jars)."),
    "topics": ("marsad.commands.topics:topics", "Create the pipeline's topics (idempotent) and list them."),
    "produce": ("marsad.commands.produce:produce", "Push corpus JSONL files or RSS/Atom feeds onto the raw topic."),
    "worker": ("marsad.commands.worker:worker", "Run the streaming agents (normalize, extract, dedup, sink)."),
    "extract": ("marsad.commands.extract:extract", "Offline: extract events from JSONL articles or plain text."),
    "cluster": ("marsad.commands.cluster:cluster", "Offline: assign story clusters (near-duplicate detection)."),
    "eval": ("marsad.commands.eval:eval_group", "Evaluate extraction or dedup against gold data."),
    "bench": ("marsad.commands.bench:bench", "Benchmarks that print figures (last line: one JSON object)."),
    "replay": ("marsad.commands.replay:replay", "Reprocess history: rewind the group, republish a range, watch progress."),
    "status": ("marsad.commands.status:status", "Offsets and lag per topic/partition; SQL rows per pipeline version."),
    "db": ("marsad.commands.db:db", "Create the SQL tables or summarise what the database holds."),
    "serve": ("marsad.commands.serve:serve", "Web dashboard and read-only JSON API over the SQL store (localhost)."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use.

    ``lazy_commands`` maps a name to ``("module:attribute", "one-line help")``.
    """

    def __init__(self, *args: object, lazy_commands: dict[str, tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy_commands)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy_commands:
            return None
        module_name, attr = self.lazy_commands[cmd_name][0].split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # a command whose module is not installed
            raise click.ClickException(f"command {cmd_name!r} is unavailable: {exc}") from exc
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(n, self.lazy_commands[n][1]) for n in self.list_commands(ctx)])


@click.group(cls=LazyGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marsad")
def main() -> None:
    """Marsad (مرصد): a streaming pipeline from Arabic news to a deduplicated SQL
    database of events.

    \b
    Flow:  producers -> raw topic -> normalize -> extract -> dedup -> sink -> SQL
    Quick start:  marsad demo        (broker + worker + SQLite on the 5k corpus)

    Configuration comes from environment variables (MARSAD_BROKER, MARSAD_DB_URL,
    ...) or a TOML file given by MARSAD_CONFIG; see `marsad worker --help` and README.
    """


if __name__ == "__main__":  # pragma: no cover
    main()
