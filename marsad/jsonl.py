"""Reading and writing JSON lines for the offline commands (`marsad extract`, `marsad cluster`).

:func:`json_lines` yields ``(line number, parsed value)`` for every non-blank line of a
stream and reports each line that is not JSON on stderr as ``line N: not valid JSON
(...)``, counting it in ``skipped``; the caller checks the value's shape itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import click
import orjson


def dumps(obj: Any) -> str:
    """One JSON line (UTF-8 text, Arabic unescaped)."""
    return orjson.dumps(obj).decode("utf-8")


@dataclass
class LineCounter:
    """How many input lines were skipped (and reported)."""

    skipped: int = 0

    def skip(self, lineno: int, reason: str) -> None:
        click.echo(f"line {lineno}: {reason}", err=True)
        self.skipped += 1


def json_lines(stream: Iterable[str], counter: LineCounter) -> Iterator[tuple[int, Any]]:
    """(line number, value) of each non-blank JSON line; bad lines reported and counted."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield lineno, orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            counter.skip(lineno, f"not valid JSON ({exc})")
