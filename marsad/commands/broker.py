"""`marsad broker`: install, start, stop and inspect the local Kafka broker.

A thin click layer over :mod:`marsad.broker.local`; all logic lives there. Human-readable
progress goes to stderr; `start` prints only the bootstrap address on stdout, so
``export MARSAD_BROKER=$(marsad broker start)`` works.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from marsad.broker import local

_DATA_DIR_HELP = "Broker data dir (state, logs, topic data). Default: ./.marsad/broker."


def _data_dir_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="MARSAD_BROKER_DIR",
        show_envvar=True,
        default=None,
        help=_DATA_DIR_HELP,
    )(f)


def _resolve_dir(data_dir: Path | None) -> Path:
    return Path(data_dir).expanduser().resolve() if data_dir else local.default_data_dir()


def _err(msg: str) -> None:
    click.echo(msg, err=True)


@click.group("broker", context_settings={"help_option_names": ["-h", "--help"]})
def broker() -> None:
    """Run a real Apache Kafka 4.1.2 broker locally, without Docker.

    \b
    The broker is one KRaft node (broker + controller) on 127.0.0.1, built from
    Kafka's Maven jars and run with Java 17+. Needs `java` (17+) and `mvn`.
    Jars are cached in ~/.cache/marsad/kafka-4.1.2 (env MARSAD_KAFKA_HOME);
    each data dir holds one broker's config, logs, pid and topic data.

    \b
    Typical use:
      marsad broker start          # prints the bootstrap address, e.g. 127.0.0.1:9092
      marsad broker status
      marsad broker stop

    Topics are not auto-created: run `marsad topics create` after starting.
    """


@broker.command("install")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing unless something fails.")
def install_cmd(quiet: bool) -> None:
    """Download the Kafka 4.1.2 jars (+ log4j2 binding) with Maven into the jar cache.

    Idempotent: does nothing if the jars are already there. `start` runs it itself when
    needed. Cache: ~/.cache/marsad/kafka-4.1.2/libs, or $MARSAD_KAFKA_HOME/libs.
    """
    try:
        libs = local.install(quiet=quiet)
    except local.BrokerError as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        click.echo(str(libs))


@broker.command("start")
@_data_dir_option
@click.option("--port", type=click.IntRange(1, 65535), envvar="MARSAD_BROKER_PORT", show_envvar=True, default=None,
              help="Client (PLAINTEXT) port. Default: the port this data dir used last, else 9092 if free, else a free port.")
@click.option("--controller-port", type=click.IntRange(1, 65535), default=None,
              help="KRaft controller port. Default: the one used last, else a free port.")
@click.option("--heap", envvar="MARSAD_KAFKA_HEAP", show_envvar=True, default=None,
              help="JVM max heap (-Xmx), e.g. 512m or 2g. Default: 1g.")
@click.option("--timeout", type=float, default=90.0, show_default=True,
              help="Seconds to wait for the broker to answer before giving up.")
def start_cmd(data_dir: Path | None, port: int | None, controller_port: int | None, heap: str | None, timeout: float) -> None:
    """Start the broker in the background and wait until it serves requests.

    Prints the bootstrap address (e.g. 127.0.0.1:9092) on stdout. If this data dir's
    broker is already running, just prints its address. A restart reuses the previous
    ports, so running clients reconnect. On failure, shows the last log lines.
    """
    ddir = _resolve_dir(data_dir)
    try:
        if port is None:
            port = local.default_port(ddir)
        running = local.status(ddir)
        if running is not None:
            _err(f"broker already running (pid {running.pid}, data dir {ddir})")
            click.echo(running.bootstrap)
            return
        _err(f"starting Kafka {local.KAFKA_VERSION} (data dir {ddir}, heap {heap or local.default_heap()})...")
        t0 = time.monotonic()
        b = local.start(ddir, port=port, controller_port=controller_port, timeout=timeout, heap=heap)
    except local.BrokerError as exc:
        raise click.ClickException(str(exc)) from exc
    _err(f"broker ready in {time.monotonic() - t0:.1f}s: pid {b.pid}, log {b.log_file}")
    _err(f"use it with:  export MARSAD_BROKER={b.bootstrap}")
    click.echo(b.bootstrap)


@broker.command("stop")
@_data_dir_option
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Seconds to wait for a clean shutdown before SIGKILL.")
@click.option("--kill", "hard", is_flag=True, help="SIGKILL at once, without a clean shutdown (for fault tests).")
def stop_cmd(data_dir: Path | None, timeout: float, hard: bool) -> None:
    """Stop the broker of the data dir (SIGTERM to its own pid, SIGKILL after --timeout).

    Exits 0 whether or not a broker was running. Topic data and ports are kept.
    """
    ddir = _resolve_dir(data_dir)
    try:
        done = local.kill(ddir) if hard else local.stop(ddir, timeout=timeout)
    except local.BrokerError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(("killed" if hard else "stopped") if done else f"not running (data dir {ddir})")


@broker.command("restart")
@_data_dir_option
@click.option("--heap", envvar="MARSAD_KAFKA_HEAP", show_envvar=True, default=None,
              help="JVM max heap (-Xmx). Default: as at the last start.")
@click.option("--timeout", type=float, default=90.0, show_default=True, help="Seconds to wait for readiness.")
def restart_cmd(data_dir: Path | None, heap: str | None, timeout: float) -> None:
    """Stop the broker (if running) and start it again on the same ports; prints the bootstrap."""
    ddir = _resolve_dir(data_dir)
    try:
        b = local.restart(ddir, timeout=timeout, heap=heap)
    except local.BrokerError as exc:
        raise click.ClickException(str(exc)) from exc
    _err(f"broker restarted: pid {b.pid}")
    click.echo(b.bootstrap)


@broker.command("status")
@_data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def status_cmd(data_dir: Path | None, as_json: bool) -> None:
    """Show whether the broker runs: pid, port, bootstrap, data dir.

    Exit code 0 if running, 1 if not, so scripts can test
    `marsad broker status >/dev/null`.
    """
    ddir = _resolve_dir(data_dir)
    b = local.status(ddir)
    if as_json:
        info = {"running": b is not None, "data_dir": str(ddir)}
        if b is not None:
            info.update(pid=b.pid, port=b.port, controller_port=b.controller_port, bootstrap=b.bootstrap,
                        log_file=str(b.log_file))
        click.echo(json.dumps(info))
    elif b is None:
        click.echo(f"not running (data dir {ddir})")
    else:
        click.echo(
            f"running\n  pid:        {b.pid}\n  bootstrap:  {b.bootstrap}\n  port:       {b.port} "
            f"(controller {b.controller_port})\n  data dir:   {b.data_dir}\n  log:        {b.log_file}"
        )
    click.get_current_context().exit(0 if b is not None else 1)


@broker.command("logs")
@_data_dir_option
@click.option("-n", "--lines", type=click.IntRange(1), default=30, show_default=True, help="How many lines.")
def logs_cmd(data_dir: Path | None, lines: int) -> None:
    """Print the last lines of the broker log (and of the JVM's own output)."""
    click.echo(local.log_tail(_resolve_dir(data_dir), lines))
