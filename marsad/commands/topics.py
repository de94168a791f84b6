"""`marsad topics`: create the pipeline's topics, list them with end offsets."""

from __future__ import annotations

import click

from marsad.commands.options import connection_options, settings_from


@click.group("topics")
def topics() -> None:
    """Create or list the pipeline's Kafka topics."""


@topics.command("create")
@connection_options
def create(broker: str | None, db_url: str | None, topic_prefix: str | None, partitions: int | None, app_id: str | None) -> None:
    """Create missing topics (raw keeps its history forever; derived ones 7 days)."""
    from marsad.kafka_admin import ensure_topics

    settings = settings_from(broker, db_url, topic_prefix, partitions, app_id)
    try:
        created = ensure_topics(settings)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created: {', '.join(created)}" if created else "all topics exist")


@topics.command("list")
@connection_options
def list_(broker: str | None, db_url: str | None, topic_prefix: str | None, partitions: int | None, app_id: str | None) -> None:
    """Show each pipeline topic with its partitions' end offsets."""
    from marsad.kafka_admin import end_offsets
    from schemas.topics import Topics

    settings = settings_from(broker, db_url, topic_prefix, partitions, app_id)
    for spec in Topics(settings.topic_prefix, settings.app_id).specs(settings.partitions):
        ends = end_offsets(settings, spec.name)
        click.echo(f"{spec.name}: {len(ends)} partitions, {sum(ends.values())} messages {dict(sorted(ends.items()))}")
