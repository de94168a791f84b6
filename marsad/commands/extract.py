"""`marsad extract`: offline event extraction from JSONL articles or plain text.

    marsad extract corpus.jsonl            # corpus-format JSONL (id, title, text, published ...)
    marsad extract - < corpus.jsonl        # same, from stdin (also the default with no PATH)
    marsad extract --text "..." --published 2018-03-22T20:00:00+00:00
    marsad extract --text-file article.txt --published 2018-03-22T20:00:00+00:00 [--id seed]

Writes one event per line to stdout (JSON, UTF-8, ensure_ascii=False) following the contract
in ../shared/events.md, with "article_id" and "extractor_version". Non-Arabic or empty text
yields no events (not an error).

Exit codes: 0 all lines read; 2 some input lines were skipped (not JSON, not an object, or
no "text"): each is reported on stderr as "line N: reason" and the rest is processed; 1 usage
errors (click). Progress goes to stderr every 500 articles when stderr is a terminal.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click


from marsad.jsonl import LineCounter, json_lines
from marsad.jsonl import dumps as _dumps


@click.command("extract")
@click.argument("path", required=False, default="-")
@click.option("--text", "text", default=None, help="Extract from this plain text instead of a JSONL file.")
@click.option("--text-file", "text_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Extract from the plain text in this file.")
@click.option("--published", default=None, help="Publication time for --text/--text-file (ISO 8601); resolves weekdays and امس/اليوم.")
@click.option("--title", default="", help="Title for --text/--text-file.")
@click.option("--id", "article_id", default=None, help="article_id for --text/--text-file (default: the file stem, or 'text').")
def extract(path: str, text: str | None, text_file: Path | None, published: str | None, title: str, article_id: str | None) -> None:
    """Extract events from Arabic news: one JSON event per line on stdout.

    PATH is a JSONL file of articles (fields id, title, text, published), or "-" for stdin.
    With --text or --text-file, PATH is ignored. Exit code 2 if some input lines were
    skipped (each reported on stderr with its line number).
    """
    from arabic.extract import extract_events

    out = sys.stdout
    if text is not None or text_file is not None:
        if text is not None and text_file is not None:
            raise click.UsageError("give --text or --text-file, not both")
        body = text if text is not None else text_file.read_text(encoding="utf-8")
        aid = article_id or (text_file.stem if text_file is not None else "text")
        for ev in extract_events({"id": aid, "title": title, "text": body, "published": published}):
            out.write(_dumps(ev) + "\n")
        out.flush()
        return

    stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    tty = sys.stderr.isatty()
    counter = LineCounter()
    n_articles = n_events = 0
    t0 = time.perf_counter()
    try:
        for lineno, article in json_lines(stream, counter):
            if not isinstance(article, dict):
                counter.skip(lineno, "not a JSON object")
                continue
            if not isinstance(article.get("text"), str) or not article["text"].strip():
                counter.skip(lineno, "no text")
                continue
            try:
                events = extract_events(article)
            except Exception as exc:  # one bad article must not stop a long run
                counter.skip(lineno, f"extraction failed ({type(exc).__name__}: {exc})")
                continue
            n_articles += 1
            n_events += len(events)
            for ev in events:
                out.write(_dumps(ev) + "\n")
            if tty and n_articles % 500 == 0:
                rate = n_articles / max(time.perf_counter() - t0, 1e-9)
                click.echo(f"\r{n_articles} articles, {n_events} events ({rate:.0f} articles/s)", err=True, nl=False)
    finally:
        if stream is not sys.stdin:
            stream.close()
    out.flush()
    if tty and n_articles >= 500:
        click.echo("", err=True)
    if counter.skipped:
        click.echo(f"{counter.skipped} line(s) skipped", err=True)
        sys.exit(2)
