"""Progress bars for long commands: on stderr, and only when stderr is a terminal."""

from __future__ import annotations

from typing import Any


def progress_bar(label: str, total: int) -> Any | None:
    """A started rich ``Progress`` with one task (id 0) of ``total`` steps, or ``None``
    when stderr is not a terminal (pipes and CI logs stay clean). Call ``.stop()``."""
    import sys

    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn(label), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    progress.add_task(label, total=total)
    progress.start()
    return progress
