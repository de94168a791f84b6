"""Corpus-format JSONL files (or folders of them) -> the raw topic.

Each line is validated at the edge (:func:`schemas.raw_article.parse_raw_article`):
a valid article is sent keyed by its deterministic id; an invalid line is sent to the
dead-letter topic with its reason, file and line number, and counted. Nothing is
dropped silently.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import orjson

from agents.deadletter import dead_letter
from schemas.raw_article import InvalidArticle, article_id, parse_raw_article


@dataclass
class ProduceStats:
    """What a produce run did."""

    sent: int = 0
    dead_lettered: int = 0
    failed: int = 0  # sends the broker did not acknowledge (after retries)
    bytes: int = 0
    started: float = field(default_factory=time.monotonic)
    reasons: dict[str, int] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        return self.sent / self.elapsed if self.elapsed > 0 else 0.0


def jsonl_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to the ``*.jsonl`` files inside (sorted); keep files as given.

    Raises ``FileNotFoundError`` naming the first path that does not exist.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.rglob("*.jsonl")))
        elif p.exists() or str(p) == "-":
            out.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return out


def iter_lines(files: Iterable[Path]) -> Iterator[tuple[Path, int, bytes]]:
    """(file, 1-based line number, raw line bytes) for every non-blank line."""
    import sys

    for path in files:
        fh = sys.stdin.buffer if str(path) == "-" else open(path, "rb")
        try:
            for lineno, line in enumerate(fh, 1):
                line = line.rstrip(b"\r\n")
                if line.strip():
                    yield path, lineno, line
        finally:
            if fh is not sys.stdin.buffer:
                fh.close()


def produce_lines(
    lines: Iterable[tuple[Path, int, bytes]],
    send: Callable[[str, bytes, bytes], None],
    *,
    raw_topic: str,
    dlq_topic: str,
    max_text_bytes: int,
    on_progress: Callable[[ProduceStats], None] | None = None,
    keep_ids: bool = False,
) -> ProduceStats:
    """Validate each line and hand it to ``send(topic, key, value)``.

    Pure apart from ``send`` (tests pass a list's append). Returns the counts.
    """
    stats = ProduceStats()
    for path, lineno, line in lines:
        try:
            art = parse_raw_article(line, max_text_bytes=max_text_bytes)
        except InvalidArticle as exc:
            digest = hashlib.blake2b(line, digest_size=8).hexdigest()
            dl = dead_letter(stage="produce", reason=exc.reason, detail=f"{path.name}:{lineno}: {exc.detail}",
                             payload=line, dead_letter_id=f"produce:{path.name}:{lineno}:{digest}")
            send(dlq_topic, f"{path.name}:{lineno}".encode(), orjson.dumps(dl.asdict()))
            stats.dead_lettered += 1
            stats.reasons[exc.reason] = stats.reasons.get(exc.reason, 0) + 1
        else:
            aid = article_id(art)
            send(raw_topic, aid.encode(), line)
            stats.sent += 1
            stats.bytes += len(line)
            if keep_ids:
                stats.ids.append(aid)
        if on_progress and (stats.sent + stats.dead_lettered) % 250 == 0:
            on_progress(stats)
    if on_progress:
        on_progress(stats)
    return stats
