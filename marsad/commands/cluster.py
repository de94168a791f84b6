"""`marsad cluster`: offline story clusters (near-duplicate detection) for JSONL articles.

    marsad cluster corpus.jsonl            # corpus-format JSONL (id, title, text, published, url)
    marsad cluster - < corpus.jsonl        # same, from stdin (also the default with no PATH)

The same code as the streaming ``dedup`` stage (:class:`dedup.articles.ArticleDeduplicator`
over in-memory state), fed in input order, so the input order is the stream order. Writes
one JSON object per input article, in input order:
``{"id", "cluster_id", "duplicate_of", "similarity"}`` (``--method`` adds ``"method"``:
new / url / hash / minhash). ``cluster_id`` is the id of the first-seen article of the
story.

Input fields: ``id`` (or ``article_id``), ``title``, ``text``, ``published`` (ISO 8601 or
epoch seconds; when absent the previous article's time is used), ``url`` (optional);
``normalized_text`` / ``content_hash`` are used when present.

Exit codes: 0 all lines read; 2 some input lines were skipped (not JSON, not an object, no
id, no title/text, unreadable ``published``): each is reported on stderr as
``line N: reason`` and the rest is processed; 1 usage errors. Progress goes to stderr
(rich) when stderr is a terminal.
"""

from __future__ import annotations

import sys
from typing import Any

import click


from marsad.jsonl import LineCounter, json_lines
from marsad.jsonl import dumps as _dumps


def article_problem(article: Any) -> str | None:
    """Why a parsed input line cannot be clustered, or ``None``."""
    if not isinstance(article, dict):
        return "not a JSON object"
    aid = article.get("id", article.get("article_id"))
    if aid is None or (isinstance(aid, str) and not aid.strip()) or isinstance(aid, (dict, list, bool)):
        return "no id"
    if article.get("normalized_text") is None:
        title, text = article.get("title"), article.get("text")
        if not any(isinstance(x, str) and x.strip() for x in (title, text)):
            return "no title or text"
    return None


@click.command("cluster")
@click.argument("path", required=False, default="-")
@click.option("--horizon-days", type=float, default=7.0, show_default=True,
              help="Dedup state expires past this much publication time.")
@click.option("--threshold", type=float, default=None,
              help="Jaccard threshold of the near-duplicate rule (default: the measured choice, docs/dedup.md).")
@click.option("--containment-threshold", type=float, default=None,
              help="Containment threshold of the near-duplicate rule (default: docs/dedup.md).")
@click.option("--method", "with_method", is_flag=True, help="Add the matching method to each output line.")
def cluster(path: str, horizon_days: float, threshold: float | None, containment_threshold: float | None,
            with_method: bool) -> None:
    """Assign story clusters to JSONL articles: one JSON line per article on stdout.

    PATH is a JSONL file of articles (id, title, text, published, url) or "-" for stdin.
    Output lines follow input order: {"id", "cluster_id", "duplicate_of", "similarity"}.
    Exit code 2 if some input lines were skipped (each reported on stderr with its line
    number).
    """
    from dedup.articles import ArticleDeduplicator, input_from_article, parse_published

    dedup = ArticleDeduplicator(horizon_days=horizon_days, threshold=threshold,
                                containment_threshold=containment_threshold)
    out = sys.stdout
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc

    progress = None
    task = None
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(SpinnerColumn(), TextColumn("{task.completed} articles, {task.fields[dups]} duplicates"),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        task = progress.add_task("cluster", total=None, dups=0)
        progress.start()

    counter = LineCounter()
    n = dups = 0
    last_ts = 0.0
    try:
        for lineno, article in json_lines(stream, counter):
            problem = article_problem(article)
            if problem is None:
                published = article.get("published_ts", article.get("published"))
                if published in (None, ""):
                    article = dict(article, published=last_ts)
                else:
                    try:
                        parse_published(published)
                    except (TypeError, ValueError, OverflowError):
                        problem = f"unreadable published {published!r}"
            if problem is not None:
                counter.skip(lineno, problem)
                continue
            try:
                item = input_from_article(article)
                result = dedup.add(item)
            except Exception as exc:  # one bad article must not stop a long run
                counter.skip(lineno, f"dedup failed ({type(exc).__name__}: {exc})")
                continue
            last_ts = item.published_ts
            n += 1
            if result.duplicate_of:
                dups += 1
            row = {"id": result.article_id, "cluster_id": result.cluster_id,
                   "duplicate_of": result.duplicate_of, "similarity": result.similarity}
            if with_method:
                row["method"] = result.method
            out.write(_dumps(row) + "\n")
            if progress is not None and n % 200 == 0:
                progress.update(task, completed=n, dups=dups)
    finally:
        if progress is not None:
            progress.stop()
        if stream is not sys.stdin:
            stream.close()
    out.flush()
    if counter.skipped:
        click.echo(f"{counter.skipped} line(s) skipped", err=True)
        sys.exit(2)
