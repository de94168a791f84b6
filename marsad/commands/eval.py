"""`marsad eval`: quality evaluation against gold data (one subcommand per stage)."""

from __future__ import annotations

import click

from marsad.cli import LazyGroup

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("marsad.evaluation.extract_eval:eval_extract", "Precision/recall/F1 per field against an event gold file."),
    "dedup": ("marsad.evaluation.dedup_eval:eval_dedup", "Pairwise precision/recall/F1 of story clusters."),
    "events": ("marsad.evaluation.event_dedup_eval:eval_events", "Pairwise precision/recall/F1 of merged events (proxy gold: near-dup groups)."),
    "locations": ("marsad.evaluation.ner_eval:eval_locations", "Place-name recognition against NER gold (ANERcorp, Wojood)."),
}


@click.group("eval", cls=LazyGroup, lazy_commands=SUBCOMMANDS)
def eval_group() -> None:
    """Evaluate a stage against gold data; prints a table and, last, one JSON line."""
