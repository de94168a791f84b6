"""`marsad replay`: reprocess history from the raw topic (see docs/replay.md)."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

import click

from marsad.commands.options import connection_options, settings_from


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date/time (e.g. 2015-07-21T00:00:00Z)") from None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _parse_offsets(values: tuple[str, ...]) -> dict[int, tuple[int, int | None]]:
    out: dict[int, tuple[int, int | None]] = {}
    for v in values:
        try:
            part, rng = v.split(":", 1)
            lo, _, hi = rng.partition("-")
            out[int(part)] = (int(lo), int(hi) if hi else None)
        except ValueError:
            raise click.BadParameter(f"{v!r}: expected PARTITION:START[-END], e.g. 0:100-200") from None
    return out


@click.group("replay")
def replay() -> None:
    """Reprocess articles from the raw topic (which keeps everything ever ingested).

    \b
    rewind     move the pipeline's consumer group back (workers must be stopped)
    republish  re-send a time range / offsets / sources through the live pipeline
    watch      show progress until the pipeline has caught up
    To run a new pipeline version beside the live one, start workers with a new
    --app-id (e.g. `marsad worker --app-id marsad-v2`); see docs/replay.md.
    """


@replay.command("rewind")
@connection_options
@click.option("--from-earliest", "earliest", is_flag=True, help="Restart every raw partition at its first offset.")
@click.option("--from-time", "from_time", default=None, help="Restart at the first message at or after this time (ISO).")
@click.option("--offset", "offsets", multiple=True, metavar="P:START", help="Restart partition P at START (repeatable).")
@click.option("--dry-run", is_flag=True, help="Print every partition's current and new offset; change nothing.")
@click.option("--watch/--no-watch", default=False, help="After rewinding, wait and show progress (start workers first).")
def rewind(broker, db_url, topic_prefix, partitions, app_id, earliest, from_time, offsets, dry_run, watch) -> None:
    """Rewind the consumer group (--app-id) on the raw topic, then restart workers.

    Refuses while workers of that group are running (Kafka cannot move an active
    group). Faust table state is kept: re-processed articles get their first cluster
    and event ids back (the dedup stage is idempotent), so nothing is applied twice.
    """
    from marsad.replay import ReplayError, apply_rewind, plan_rewind

    chosen = sum(bool(x) for x in (earliest, from_time, offsets))
    if chosen != 1:
        raise click.UsageError("give exactly one of --from-earliest, --from-time, --offset")
    settings = settings_from(broker, db_url, topic_prefix, partitions, app_id)
    start: object = "earliest"
    if from_time:
        start = _parse_time(from_time)
    elif offsets:
        start = {p: lo for p, (lo, _) in _parse_offsets(offsets).items()}
    try:
        plan = plan_rewind(settings, start=start)  # type: ignore[arg-type]
        click.echo(f"group {settings.app_id!r}, topic {settings.topic_prefix}.articles.raw:")
        for p in plan:
            click.echo(f"  partition {p.partition}: committed {p.current if p.current is not None else '-'} -> "
                       f"{p.new} (end {p.end}, {p.to_reprocess} to reprocess)")
        click.echo(f"  total to reprocess: {sum(p.to_reprocess for p in plan)}")
        if dry_run:
            click.echo("dry run: nothing changed")
            return
        apply_rewind(settings, plan)
    except ReplayError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("rewound; start (or restart) the workers of this group to reprocess")
    if watch:
        _watch(settings)


@replay.command("republish")
@connection_options
@click.option("--since", default=None, help="Only messages at or after this time (ISO; Kafka message time).")
@click.option("--until", default=None, help="Only messages before this time (ISO).")
@click.option("--offsets", "offsets", multiple=True, metavar="P:START-END", help="Only this offset range of partition P (repeatable).")
@click.option("--source", "sources", multiple=True, help="Only articles of this source (repeatable).")
@click.option("--watch/--no-watch", default=True, show_default=True, help="Wait until the pipeline has reprocessed them.")
def republish_cmd(broker, db_url, topic_prefix, partitions, app_id, since, until, offsets, sources, watch) -> None:
    """Re-send part of the raw topic through the running pipeline (no stop needed).

    Messages are copied to the replay topic, which the normalize agent also reads;
    the sink's upserts overwrite the rows with the current version's results.
    """
    from marsad.replay import republish

    settings = settings_from(broker, db_url, topic_prefix, partitions, app_id)
    rng = None
    if offsets:
        rng = {p: (lo, hi if hi is not None else 2**62) for p, (lo, hi) in _parse_offsets(offsets).items()}

    def progress(scanned: int, sent: int, total: int) -> None:
        if sys.stderr.isatty():
            click.echo(f"\rscanned {scanned}/{total}, republished {sent}", nl=False, err=True)

    scanned, sent = republish(settings, since=_parse_time(since), until=_parse_time(until), offsets=rng,
                              sources=sources, on_progress=progress)
    click.echo(f"\nscanned {scanned} raw messages, republished {sent}", err=True)
    if watch and sent:
        _watch(settings)


@replay.command("watch")
@connection_options
@click.option("--timeout", type=float, default=24 * 3600.0, show_default=True)
def watch_cmd(broker, db_url, topic_prefix, partitions, app_id, timeout) -> None:
    """Show the group's progress (articles done, rate, time left) until lag is zero.

    Interrupt with Ctrl-C at any time: the pipeline keeps going, and a rerun resumes
    watching from the committed offsets.
    """
    _watch(settings_from(broker, db_url, topic_prefix, partitions, app_id), timeout)


def _watch(settings, timeout: float = 24 * 3600.0) -> None:
    from marsad.replay import wait_for_lag

    def progress(done: int, remaining: int, rate: float) -> None:
        eta = f"{remaining / rate:.0f}s" if rate > 0 else "?"
        click.echo(f"\r{done} articles done, {remaining} to go, {rate:.0f}/s, ~{eta} left   ", nl=False, err=True)

    ok = wait_for_lag(settings, timeout=timeout, on_progress=progress)
    click.echo("", err=True)
    if not ok:
        raise click.ClickException(f"not caught up after {timeout:.0f}s (are workers of {settings.app_id!r} running?)")
    click.echo("caught up: every message of the group is processed", err=True)
