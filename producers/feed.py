"""RSS/Atom feeds -> raw articles, polled with conditional requests, never re-sent.

:class:`FeedPoller` keeps, per feed, the ``ETag`` / ``Last-Modified`` of the last
response and the ids of the items already sent, in a small JSON state file, so a
restart neither re-downloads an unchanged feed (HTTP 304) nor re-sends an item.
The id of an item is its ``guid``/``id``, else its link, else a hash of title and
summary. The set of seen ids is bounded (most recent ``max_seen`` kept per feed).
"""

from __future__ import annotations

import calendar
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import feedparser


@dataclass
class PollResult:
    """One poll of one feed."""

    status: int | None  # HTTP status (None for a local file)
    new_items: int
    seen_items: int
    not_modified: bool


def entry_id(entry: Any) -> str:
    """Stable id of a feed item (guid, else link, else hash of title+summary)."""
    for key in ("id", "guid", "link"):
        value = entry.get(key)
        if value:
            return str(value)
    basis = (entry.get("title", "") + "\x1f" + entry.get("summary", "")).encode("utf-8", "replace")
    return "sha1:" + hashlib.sha1(basis).hexdigest()


def entry_to_article(entry: Any, *, source: str, source_name: str | None) -> dict[str, Any]:
    """The raw-article dict of a feed item (HTML kept: the normalize stage strips it)."""
    text = ""
    if entry.get("content"):
        text = "\n".join(c.get("value", "") for c in entry["content"])
    if not text.strip():
        text = entry.get("summary", "") or entry.get("description", "")
    published = None
    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            published = datetime.fromtimestamp(calendar.timegm(entry[key]), tz=timezone.utc).isoformat()
            break
    return {
        "id": entry_id(entry),
        "url": entry.get("link"),
        "source": source,
        "source_name": source_name,
        "title": entry.get("title", ""),
        "text": text,
        "published": published,
        "author": entry.get("author"),
    }


class FeedPoller:
    """Polls one feed; calls ``emit(article_dict)`` once per new item, ever."""

    def __init__(self, url: str, state_path: Path, emit: Callable[[dict[str, Any]], None], *,
                 source: str | None = None, max_seen: int = 20000) -> None:
        self.url = url
        self.state_path = Path(state_path)
        self.emit = emit
        self.source = source or (urlsplit(url).hostname or Path(url).stem or "feed").removeprefix("www.")
        self.max_seen = max_seen
        self.state = self._load()

    def _load(self) -> dict[str, Any]:
        if self.state_path.exists():
            try:
                data = json.loads(self.state_path.read_text(encoding="utf-8"))
                return data.get(self.url, {"seen": []}) if isinstance(data, dict) else {"seen": []}
            except (OSError, ValueError):
                pass
        return {"seen": []}

    def _save(self) -> None:
        data: dict[str, Any] = {}
        if self.state_path.exists():
            try:
                data = json.loads(self.state_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
        data[self.url] = self.state
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.state_path)

    def poll(self) -> PollResult:
        """Fetch the feed (conditionally) and emit items not sent before.

        Network errors are returned as a result with status None and no items
        (the caller keeps polling); the state is saved after the items are emitted,
        so a crash in between re-sends at most that poll's items (at-least-once).
        """
        parsed = feedparser.parse(self.url, etag=self.state.get("etag"), modified=self.state.get("modified"))
        status = parsed.get("status")
        if status == 304:
            return PollResult(status, 0, len(self.state["seen"]), True)
        seen = set(self.state["seen"])
        order: list[str] = list(self.state["seen"])
        new = 0
        feed_title = parsed.feed.get("title") if parsed.get("feed") else None
        for entry in parsed.entries:
            eid = entry_id(entry)
            if eid in seen:
                continue
            self.emit(entry_to_article(entry, source=self.source, source_name=feed_title))
            seen.add(eid)
            order.append(eid)
            new += 1
        self.state["seen"] = order[-self.max_seen:]
        if parsed.get("etag"):
            self.state["etag"] = parsed.etag
        if parsed.get("modified"):
            self.state["modified"] = parsed.modified
        self._save()
        return PollResult(status, new, len(self.state["seen"]), False)
