"""`marsad produce`: push JSONL files or RSS/Atom feeds onto the raw topic."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
import orjson

from marsad.commands.options import connection_options, settings_from


@click.command("produce")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@connection_options
@click.option("--feed", "feeds", multiple=True, metavar="URL_OR_FILE", help="Poll an RSS/Atom feed instead of reading files (repeatable).")
@click.option("--interval", type=float, default=300.0, show_default=True, help="Seconds between feed polls.")
@click.option("--once", is_flag=True, help="Poll each feed once and exit.")
@click.option("--state", "state_path", type=click.Path(path_type=Path), default=Path(".marsad/feeds.json"), show_default=True,
              help="Where feed ETags and sent item ids are kept.")
@click.option("--source", default=None, help="Source code for feed items (default: the feed's host name).")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
def produce(paths: tuple[str, ...], broker: str | None, db_url: str | None, topic_prefix: str | None,
            partitions: int | None, app_id: str | None, feeds: tuple[str, ...], interval: float, once: bool, state_path: Path,
            source: str | None, quiet: bool) -> None:
    """Validate articles and push them onto the raw topic, keyed by article id.

    PATHS are JSONL files in the corpus format (one article per line: url, source,
    title, text, published, ...) or folders of them; `-` reads stdin. Lines that
    break the contract go to the dead-letter topic with their reason and line
    number. With --feed, poll feeds with conditional requests and send every item
    once, ever (state in --state).

    \b
    Examples:
      marsad produce ../shared/corpus/saudinewsnet-5k.jsonl
      marsad produce --feed https://example.org/rss.xml --interval 60
    """
    if not paths and not feeds:
        raise click.UsageError("give JSONL PATHS or --feed URL (see --help)")
    settings = settings_from(broker, db_url, topic_prefix, partitions, app_id)
    from kafka.errors import KafkaError

    from marsad.kafka_admin import ensure_topics
    from producers.kafka import make_producer
    from schemas.topics import Topics

    topics = Topics(settings.topic_prefix, settings.app_id)
    try:
        ensure_topics(settings)
        producer = make_producer(settings)
    except (RuntimeError, KafkaError) as exc:
        raise click.ClickException(f"cannot reach the broker at {settings.broker}: {exc}. "
                                   "Start one with `marsad broker start` or set MARSAD_BROKER.") from exc
    failures: list[str] = []

    def send(topic: str, key: bytes, value: bytes) -> None:
        fut = producer.send(topic, key=key, value=value)
        fut.add_errback(lambda exc: failures.append(f"{type(exc).__name__}: {exc}"))

    try:
        if feeds:
            _run_feeds(feeds, send, settings, topics, interval, once, state_path, source, quiet)
        else:
            stats = produce_paths(paths, send, settings, topics, quiet)
            producer.flush()
            stats.failed = len(failures)
            click.echo(
                f"sent {stats.sent} articles ({stats.bytes / 1e6:.1f} MB) in {stats.elapsed:.1f}s "
                f"({stats.rate:.0f}/s); dead-lettered {stats.dead_lettered} {dict(stats.reasons) or ''}; "
                f"failed {stats.failed}", err=True)
            if stats.failed:
                raise click.ClickException(f"{stats.failed} sends failed, first: {failures[0]}")
    finally:
        producer.flush()
        producer.close()


def produce_paths(paths, send, settings, topics, quiet):  # type: ignore[no-untyped-def]
    """Send every line of ``paths``; returns :class:`producers.files.ProduceStats`."""
    from producers.files import iter_lines, jsonl_files, produce_lines

    try:
        files = jsonl_files(paths)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    progress = None
    if not quiet and sys.stderr.isatty():
        def progress(s):  # type: ignore[no-untyped-def]
            click.echo(f"\r{s.sent} sent, {s.dead_lettered} dead-lettered, {s.rate:.0f}/s", nl=False, err=True)
    stats = produce_lines(iter_lines(files), send, raw_topic=topics.raw, dlq_topic=topics.deadletter,
                          max_text_bytes=settings.max_text_bytes, on_progress=progress)
    if progress:
        click.echo("", err=True)
    return stats


def _run_feeds(feeds, send, settings, topics, interval, once, state_path, source, quiet):  # type: ignore[no-untyped-def]
    from agents.deadletter import dead_letter
    from producers.feed import FeedPoller
    from schemas.raw_article import InvalidArticle, article_id, validate_article

    def emit(article: dict) -> None:
        try:
            validate_article(article, max_text_bytes=settings.max_text_bytes)
        except InvalidArticle as exc:
            dl = dead_letter(stage="produce", reason=exc.reason, detail=f"feed item {article.get('id')}: {exc.detail}",
                             payload=orjson.dumps(article), dead_letter_id=f"produce:feed:{article.get('id')}")
            send(topics.deadletter, str(article.get("id")).encode(), orjson.dumps(dl.asdict()))
            return
        send(topics.raw, article_id(article).encode(), orjson.dumps(article))

    pollers = [FeedPoller(f, state_path, emit, source=source) for f in feeds]
    while True:
        for p in pollers:
            try:
                r = p.poll()
            except Exception as exc:  # a broken feed must not stop the others
                click.echo(f"{p.url}: poll failed: {exc}", err=True)
                continue
            if not quiet:
                click.echo(f"{p.url}: status {r.status}, {r.new_items} new, "
                           f"{'not modified' if r.not_modified else f'{r.seen_items} known'}", err=True)
        if once:
            return
        time.sleep(interval)
