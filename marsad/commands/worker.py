"""`marsad worker`: run the streaming agents until stopped."""

from __future__ import annotations

import logging

import click

from marsad.commands.options import connection_options, settings_from


@click.command("worker")
@connection_options
@click.option("--metrics-port", type=int, default=0, show_default=True, help="Serve Prometheus metrics on this port (0: off).")
@click.option("--loglevel", default="info", show_default=True, type=click.Choice(["debug", "info", "warning", "error"]))
def worker(broker: str | None, db_url: str | None, topic_prefix: str | None, partitions: int | None,
           app_id: str | None, metrics_port: int, loglevel: str) -> None:
    """Run the pipeline's agents (normalize -> sink) as one Faust worker.

    Creates the topics if they are missing and the SQL tables if they do not exist,
    then consumes until Ctrl-C / SIGTERM. Start several workers with the same
    --app-id to share the partitions. Settings are never logged with secrets.
    """
    settings = settings_from(broker, db_url, topic_prefix, partitions, app_id=app_id)
    from marsad.kafka_admin import ensure_topics

    try:
        created = ensure_topics(settings)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    if created:
        click.echo(f"created topics: {', '.join(created)}", err=True)
    if metrics_port:
        from agents import metrics

        metrics.serve(metrics_port)
        click.echo(f"metrics on http://127.0.0.1:{metrics_port}/metrics", err=True)
    import faust

    from agents.app import create_app

    app = create_app(settings)
    logging.getLogger("marsad").info("settings: %s", settings.redacted())
    faust.Worker(app, loglevel=loglevel.upper()).execute_from_commandline()
