"""`marsad db`: create the SQL tables, or summarise the store."""

from __future__ import annotations

import json

import click

from marsad.commands.options import settings_from


@click.group("db")
def db() -> None:
    """Manage and inspect the SQL store (MARSAD_DB_URL)."""


@db.command("init")
@click.option("--db-url", default=None, help="SQLAlchemy URL [env MARSAD_DB_URL].")
def init(db_url: str | None) -> None:
    """Create the tables that do not exist yet (idempotent; workers also do it on start)."""
    from marsad import store

    settings = settings_from(db_url=db_url)
    store.init_db(store.make_engine(settings.db_url))
    click.echo(f"tables ready in {store.describe(settings.db_url)}")


@db.command("summary")
@click.option("--db-url", default=None, help="SQLAlchemy URL [env MARSAD_DB_URL].")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def summary(db_url: str | None, as_json: bool) -> None:
    """Articles per source and language, dead letters per reason."""
    from marsad import store

    settings = settings_from(db_url=db_url)
    s = store.summary(store.make_engine(settings.db_url))
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False))
        return
    from marsad.report import print_summary

    print_summary(s)
