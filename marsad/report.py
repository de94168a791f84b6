"""Human-readable summaries (rich tables) of what the store holds."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def print_summary(s: dict[str, Any], *, extra: dict[str, str] | None = None, console: Console | None = None) -> None:
    """Print articles per source, languages, dead letters per reason, and ``extra`` lines."""
    console = console or Console()
    t = Table(title=f"Articles in SQL: {s['articles']}")
    t.add_column("source")
    t.add_column("articles", justify="right")
    for src, n in s["articles_per_source"].items():
        t.add_row(src, str(n))
    console.print(t)
    langs = ", ".join(f"{k}: {v}" for k, v in s["articles_per_language"].items())
    console.print(f"languages: {langs or '-'}")
    d = Table(title=f"Dead letters: {s['dead_letters']}")
    d.add_column("stage:reason")
    d.add_column("count", justify="right")
    for reason, n in sorted(s["dead_letters_per_reason"].items()):
        d.add_row(reason, str(n))
    console.print(d)
    for k, v in (extra or {}).items():
        console.print(f"[bold]{k}[/bold]: {v}")
