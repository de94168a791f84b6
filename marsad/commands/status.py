"""`marsad status`: offsets and lag per topic and partition, rows per version in SQL."""

from __future__ import annotations

import json

import click

from marsad.commands.options import connection_options, settings_from


@click.command("status")
@connection_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def status(broker, db_url, topic_prefix, partitions, app_id, as_json) -> None:
    """Per topic and partition: end offset, the group's committed offset and lag;
    per pipeline version: article, mention and event rows in SQL."""
    from marsad import store

    settings = settings_from(broker, db_url, topic_prefix, partitions, app_id)
    out: dict = {"group": settings.app_id, "broker": settings.broker, "database": store.describe(settings.db_url)}
    try:
        from marsad.replay import lag

        out["topics"] = lag(settings)
    except Exception as exc:  # the store is still worth showing when the broker is down
        out["topics_error"] = str(exc)
    try:
        out["versions"] = store.rows_per_version(store.make_engine(settings.db_url))
    except Exception as exc:
        out["versions_error"] = str(exc).splitlines()[0]
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"group [bold]{out['group']}[/bold] on {out['broker']}; store {out['database']}")
    if "topics" in out:
        t = Table(title="Kafka")
        for col in ("topic", "partition", "end", "committed", "lag"):
            t.add_column(col, justify="right" if col != "topic" else "left")
        for topic, parts in out["topics"].items():
            for p, v in parts.items():
                t.add_row(topic, str(p), str(v["end"]), "-" if v["committed"] is None else str(v["committed"]), str(v["lag"]))
        console.print(t)
    else:
        console.print(f"[red]broker: {out['topics_error']}[/red]")
    if "versions" in out:
        v = Table(title="SQL rows per version")
        for col in ("table", "version", "rows"):
            v.add_column(col)
        for table, counts in out["versions"].items():
            for version, n in counts.items():
                v.add_row(table, version or "-", str(n))
        console.print(v)
    else:
        console.print(f"[red]database: {out['versions_error']}[/red]")
