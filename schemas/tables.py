"""SQL tables of the store (SQLAlchemy Core), created on start.

Tables are created by :func:`create_all` (idempotent; the sink and ``marsad db init``
call it). Every row has a deterministic primary key so the sink can upsert: replays
and redelivered messages overwrite, never duplicate.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Text,
    Index,
    Table,
)
from sqlalchemy.engine import Engine

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("article_id", String(32), primary_key=True, comment="blake2b of the canonical URL (schemas.raw_article.article_id)"),
    Column("external_id", String(512)),
    Column("url", Text),
    Column("source", String(256), nullable=False),
    Column("source_name", String(512)),
    Column("author", Text),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False, comment="as received"),
    Column("clean_text", Text, nullable=False),
    Column("published_at", DateTime(timezone=True)),
    Column("language", String(16), nullable=False),
    Column("arabic_ratio", Float),
    Column("dateline", String(256)),
    Column("content_hash", String(64), nullable=False),
    Column("cluster_id", String(32)),
    Column("duplicate_of", String(32)),
    Column("similarity", Float),
    Column("dedup_version", String(64), comment="clusters are kept on replays by the same dedup version"),
    Column("pipeline_version", String(64), nullable=False),
    Column("raw_partition", Integer),
    Column("raw_offset", Integer),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_articles_source", articles.c.source)
Index("ix_articles_published_at", articles.c.published_at)
Index("ix_articles_cluster_id", articles.c.cluster_id)

dead_letters = Table(
    "dead_letters",
    metadata,
    Column("dead_letter_id", String(200), primary_key=True),
    Column("stage", String(32), nullable=False),
    Column("reason", String(128), nullable=False),
    Column("detail", Text, nullable=False),
    Column("payload_excerpt", Text),
    Column("payload_bytes", Integer),
    Column("key", String(512)),
    Column("source_topic", String(256)),
    Column("source_partition", Integer),
    Column("source_offset", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_dead_letters_reason", dead_letters.c.reason)

events = Table(
    "events",
    metadata,
    Column("event_id", String(80), primary_key=True, comment="mention_id of the event's first mention (deterministic)"),
    Column("type", String(32), nullable=False),
    Column("date", String(10), comment="ISO date of the event, earliest among its mentions"),
    Column("place", String(256), comment="most specific place as written"),
    Column("place_name", String(256), comment="gazetteer name (Latin)"),
    Column("country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("actors", JSON, comment="[{text, role}] union over mentions"),
    Column("locations", JSON, comment="[{text, name, country, lat, lon}] union over mentions"),
    Column("killed", Integer, comment="reconciled: max over sources of each source's latest count"),
    Column("injured", Integer),
    Column("casualties_per_source", JSON, comment="{source: {killed, injured, published_ts}}"),
    Column("num_articles", Integer, nullable=False),
    Column("num_sources", Integer, nullable=False),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True)),
    Column("extractor_version", String(64)),
    Column("pipeline_version", String(64)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_events_type_date", events.c.type, events.c.date)
Index("ix_events_country", events.c.country)
Index("ix_events_last_seen", events.c.last_seen, events.c.event_id)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("mention_id", String(80), primary_key=True, comment="<article_id>:<index of the event in the article>"),
    Column("event_id", String(80), nullable=False),
    Column("article_id", String(32), nullable=False),
    Column("source", String(256), nullable=False),
    Column("published_at", DateTime(timezone=True)),
    Column("type", String(32), nullable=False),
    Column("trigger", Text),
    Column("sentence", Text),
    Column("date", String(10)),
    Column("date_text", Text),
    Column("locations", JSON),
    Column("actors", JSON),
    Column("casualties", JSON),
    Column("reported_by", Text),
    Column("dedup_version", String(64), comment="event_id is kept on replays by the same dedup version"),
    Column("extractor_version", String(64), nullable=False),
    Column("pipeline_version", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_event_mentions_event_id", event_mentions.c.event_id)
Index("ix_event_mentions_article_id", event_mentions.c.article_id)
Index("ix_event_mentions_source_event", event_mentions.c.source, event_mentions.c.event_id)


def create_all(engine: Engine) -> None:
    """Create every table and index that does not exist yet, and add the nullable
    columns a newer version introduced to tables that do (additive migrations only).

    Safe to call concurrently from several workers: races on CREATE are retried once.
    """
    try:
        metadata.create_all(engine, checkfirst=True)
    except Exception:
        metadata.create_all(engine, checkfirst=True)
    add_missing_columns(engine)


def add_missing_columns(engine: Engine) -> list[str]:
    """``ALTER TABLE ... ADD COLUMN`` for every nullable column of :data:`metadata`
    missing from the database; returns ``table.column`` names added."""
    from sqlalchemy import inspect, text

    added: list[str] = []
    insp = inspect(engine)
    for table in metadata.sorted_tables:
        if not insp.has_table(table.name):
            continue
        have = {c["name"] for c in insp.get_columns(table.name)}
        for col in table.columns:
            if col.name in have or not col.nullable:
                continue
            ddl = f'ALTER TABLE {table.name} ADD COLUMN {col.name} {col.type.compile(dialect=engine.dialect)}'
            with engine.begin() as conn:
                try:
                    conn.execute(text(ddl))
                except Exception:  # another worker added it first
                    continue
            added.append(f"{table.name}.{col.name}")
    return added
