"""`marsad demo`: broker + worker + SQLite, the corpus in, a summary out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from marsad.commands.options import settings_from
from marsad.signals import cleanup_on_sigterm

DEFAULT_CORPUS = Path("../shared/corpus/saudinewsnet-5k.jsonl")


@click.command("demo")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--db-url", default=None, help="Store [env MARSAD_DB_URL, default sqlite:///marsad.db].")
@click.option("--broker", default=None, help="Use this running broker instead of starting a local one [env MARSAD_BROKER].")
@click.option("--partitions", type=int, default=None, help="Partitions of the topics [default 4].")
@click.option("--timeout", type=float, default=900.0, show_default=True, help="Give up waiting for SQL after this many seconds.")
@click.option("--keep-running", is_flag=True, help="Leave the broker and worker running at the end.")
@click.option("--serve/--no-serve", "serve", default=None,
              help="Serve the dashboard at the end until Ctrl-C [default: when run interactively].")
@click.option("--port", type=int, default=8787, show_default=True, help="Dashboard port.")
@click.option("--workers", type=int, default=min(4, os.cpu_count() or 1), show_default=True,
              help="Worker processes (they share the partitions).")
@cleanup_on_sigterm
def demo(path: Path | None, db_url: str | None, broker: str | None, partitions: int | None, timeout: float,
         keep_running: bool, serve: bool | None, port: int, workers: int) -> None:
    """Run the whole pipeline once on real articles and print what landed in SQL.

    Starts a local Kafka broker (unless --broker / MARSAD_BROKER points to one),
    creates the topics, starts a worker, produces PATH (default: the 5,000
    articles of ../shared/corpus/saudinewsnet-5k.jsonl), waits until every
    article is in SQL (default SQLite file marsad.db), prints articles per source,
    dead letters and throughput, then stops what it started.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from marsad import store
    from marsad.broker import local as local_broker
    from marsad.kafka_admin import ensure_topics
    from marsad.report import print_summary
    from producers.files import iter_lines, jsonl_files, produce_lines
    from producers.kafka import make_producer
    from schemas.topics import Topics

    console = Console(stderr=True)
    path = path or DEFAULT_CORPUS
    if not path.exists():
        raise click.ClickException(f"{path} not found: give a JSONL file in the corpus format, "
                                   "or run from the project root next to ../shared/corpus")
    started_broker = False
    bdir = local_broker.default_data_dir()
    if broker is None and not os.environ.get("MARSAD_BROKER"):
        running = local_broker.status(bdir)
        if running is None:
            console.print("starting a local Kafka broker (first run resolves its jars with Maven)...")
            try:
                local_broker.install()
                running = local_broker.start(bdir, port=local_broker.default_port(bdir))
            except local_broker.BrokerError as exc:
                raise click.ClickException(str(exc)) from exc
            started_broker = True
        broker = running.bootstrap
        console.print(f"broker: {broker} (data in {bdir})")
    settings = settings_from(broker, db_url, None, partitions, app_id="marsad-demo")
    engine = store.make_engine(settings.db_url)
    store.init_db(engine)
    ensure_topics(settings)
    topics = Topics(settings.topic_prefix, settings.app_id)

    log_path = Path(".marsad/demo-worker.log")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, MARSAD_BROKER=settings.broker, MARSAD_DB_URL=settings.db_url,
               MARSAD_PARTITIONS=str(settings.partitions), MARSAD_APP_ID=settings.app_id)
    log_fh = open(log_path, "ab")
    procs = [subprocess.Popen([sys.executable, "-m", "marsad.cli", "worker", "--loglevel", "warning"], env=env,
                              stdout=log_fh, stderr=subprocess.STDOUT, start_new_session=True)
             for _ in range(max(1, workers))]
    console.print(f"{len(procs)} worker(s), pids {', '.join(str(p.pid) for p in procs)} (log: {log_path})")
    try:
        before = store.summary(engine)
        t0 = time.monotonic()
        producer = make_producer(settings)
        failures: list[str] = []

        def send(topic: str, key: bytes, value: bytes) -> None:
            producer.send(topic, key=key, value=value).add_errback(lambda e: failures.append(str(e)))

        stats = produce_lines(iter_lines(jsonl_files([path])), send, raw_topic=topics.raw, dlq_topic=topics.deadletter,
                              max_text_bytes=settings.max_text_bytes, keep_ids=True)
        producer.flush()
        producer.close()
        if failures:
            raise click.ClickException(f"{len(failures)} sends failed: {failures[0]}")
        console.print(f"produced {stats.sent} articles ({stats.dead_lettered} dead-lettered at the edge) "
                      f"in {stats.elapsed:.1f}s")
        ids = stats.ids
        with Progress(TextColumn("in SQL"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeRemainingColumn(), console=console) as progress:
            task = progress.add_task("sql", total=len(set(ids)))
            deadline = time.monotonic() + timeout
            while True:
                done = store.count_articles(engine, ids)
                progress.update(task, completed=done)
                if done >= len(set(ids)):
                    break
                dead = [p for p in procs if p.poll() is not None]
                if dead:
                    raise click.ClickException(f"a worker exited with code {dead[0].returncode}; see {log_path}")
                if time.monotonic() > deadline:
                    raise click.ClickException(f"only {done}/{len(set(ids))} articles in SQL after {timeout:.0f}s; see {log_path}")
                time.sleep(0.5)
        elapsed = time.monotonic() - t0
        time.sleep(1.5)  # let the dead-letter sink flush its last batch
        after = store.summary(engine)
        print_summary(after, extra={
            "this run": f"{len(set(ids))} articles produced and stored, "
                        f"{after['dead_letters'] - before['dead_letters']} new dead letters",
            "throughput": f"{len(ids) / elapsed:.0f} articles/s end to end ({elapsed:.1f}s from first send to last row)",
            "database": store.describe(settings.db_url),
            "events": f"{store.count_rows(engine, 'events')} canonical events from "
                      f"{store.count_rows(engine, 'event_mentions')} mentions",
        }, console=Console())
    finally:
        if keep_running:
            console.print(f"left running: workers {', '.join(str(p.pid) for p in procs)}, broker {settings.broker}")
        else:
            for p in procs:
                _stop(p)
            if started_broker:
                local_broker.stop(bdir)
                console.print("stopped the workers and the broker")
        log_fh.close()
    url = f"http://127.0.0.1:{port}/"
    if serve is None:
        serve = sys.stdin.isatty() and sys.stdout.isatty()
    if serve:
        import uvicorn

        from marsad.web.app import create_app

        click.echo(f"dashboard: {url}  (Ctrl-C to stop)")
        uvicorn.run(create_app(settings.db_url), host="127.0.0.1", port=port, log_level="warning")
    else:
        click.echo(f"dashboard: {url}  (run `marsad serve --db-url {store.describe(settings.db_url)}` to open it)")


def _stop(proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """SIGTERM the process group, SIGKILL after ``timeout``."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
