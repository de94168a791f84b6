"""`marsad eval`: quality evaluation against gold data (one subcommand per stage)."""

from __future__ import annotations

import importlib

import click

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("marsad.evaluation.extract_eval:eval_extract", "Precision/recall/F1 per field against an event gold file."),
    "dedup": ("marsad.evaluation.dedup_eval:eval_dedup", "Pairwise precision/recall/F1 of story clusters."),
    "events": ("marsad.evaluation.event_dedup_eval:eval_events", "Pairwise precision/recall/F1 of merged events (proxy gold: near-dup groups)."),
    "locations": ("marsad.evaluation.ner_eval:eval_locations", "Place-name recognition against NER gold (ANERcorp, Wojood)."),
}


class _LazyEval(click.Group):
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


@click.group("eval", cls=_LazyEval)
def eval_group() -> None:
    """Evaluate a stage against gold data; prints a table and, last, one JSON line."""
