"""Click options shared by commands that talk to the broker or the store."""

from __future__ import annotations

from typing import Any, Callable

import click

from marsad.config import Settings


def connection_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Add --broker, --db-url, --topic-prefix, --partitions, --app-id (each overrides its env variable)."""
    f = click.option("--app-id", default=None, help="Pipeline version = Faust app id = consumer group [env MARSAD_APP_ID, default marsad].")(f)
    f = click.option("--partitions", type=int, default=None, help="Partitions of the pipeline topics [env MARSAD_PARTITIONS, default 4].")(f)
    f = click.option("--topic-prefix", default=None, help="Prefix of topic names [env MARSAD_TOPIC_PREFIX, default marsad].")(f)
    f = click.option("--db-url", default=None, help="SQLAlchemy URL of the store [env MARSAD_DB_URL, default sqlite:///marsad.db].")(f)
    f = click.option("--broker", default=None, help="Kafka bootstrap servers [env MARSAD_BROKER, default 127.0.0.1:9092].")(f)
    return f


def settings_from(broker: str | None = None, db_url: str | None = None, topic_prefix: str | None = None,
                  partitions: int | None = None, app_id: str | None = None, **extra: Any) -> Settings:
    """Settings from env/config file with the command-line values applied."""
    try:
        return Settings.load(broker=broker, db_url=db_url, topic_prefix=topic_prefix, partitions=partitions,
                             app_id=app_id, **extra)
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
