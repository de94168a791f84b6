"""Casualty reconciliation and summary figures of a canonical event (pure functions).

Each source keeps its own figures; the event's figure is reconciled by one documented rule
(docs/events-dedup.md), never a sum of duplicate reports:

* per mention and kind (killed / injured): the **largest count whose group is a total**
  (``None``, ``people``, ``civilians``). Sub-counts (``children``, ``women`` ... "1560
  مدنيا بينهم 316 طفلا") are never added to a total. A mention with no total-group count
  for a kind falls back to its largest count of any group (its only figure, a lower bound);
* per source: the figure of its **latest** mention (by ``published_ts``) that gives a
  count for that kind (a source updating its toll 38 -> 42 says 42); several mentions at
  that same time (one article describing the event in two sentences): their maximum;
* per event: the **maximum over sources** of those per-source figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["reconcile_casualties", "event_summary", "mention_count", "RULE", "TOTAL_GROUPS", "KINDS"]

RULE = "max over sources of each source's latest count"
KINDS = ("killed", "injured")
TOTAL_GROUPS = frozenset({None, "", "people", "civilians"})


def mention_count(casualties: Sequence[dict] | None, kind: str) -> int | None:
    """The top-level count of one kind in one mention (see module docstring)."""
    totals: list[int] = []
    others: list[int] = []
    for c in casualties or ():
        if c.get("kind") != kind:
            continue
        n = c.get("count")
        if not isinstance(n, (int, float)) or isinstance(n, bool) or n < 0:
            continue
        (totals if c.get("group") in TOTAL_GROUPS else others).append(int(n))
    if totals:
        return max(totals)
    return max(others) if others else None


def reconcile_casualties(mentions: Sequence[dict]) -> dict:
    """``mentions``: dicts with ``source``, ``published_ts``, ``casualties``. Returns
    ``{"killed", "injured", "per_source": {source: {"killed", "injured", "published_ts"}},
    "rule"}``; a kind nobody counted is ``None``."""
    # source -> kind -> (latest ts with a count, max count at that ts)
    latest: dict[str, dict[str, tuple[float, int]]] = {}
    last_ts: dict[str, float] = {}
    for m in mentions:
        src = str(m.get("source") or "")
        ts = float(m.get("published_ts") or 0.0)
        last_ts[src] = max(ts, last_ts.get(src, ts))
        per_kind = latest.setdefault(src, {})
        for kind in KINDS:
            n = mention_count(m.get("casualties"), kind)
            if n is None:
                continue
            cur = per_kind.get(kind)
            if cur is None or ts > cur[0]:
                per_kind[kind] = (ts, n)
            elif ts == cur[0] and n > cur[1]:
                per_kind[kind] = (ts, n)
    per_source: dict[str, dict[str, Any]] = {}
    result: dict[str, Any] = {k: None for k in KINDS}
    for src in sorted(last_ts):
        row: dict[str, Any] = {}
        for kind in KINDS:
            got = latest[src].get(kind)
            row[kind] = got[1] if got else None
            if got and (result[kind] is None or got[1] > result[kind]):
                result[kind] = got[1]
        row["published_ts"] = last_ts[src]
        per_source[src] = row
    result["per_source"] = per_source
    result["rule"] = RULE
    return result


def event_summary(mentions: Sequence[dict]) -> dict:
    """``num_articles`` (distinct article_id), ``num_sources`` (distinct source),
    ``first_seen`` / ``last_seen`` (min / max published_ts), plus
    :func:`reconcile_casualties` of the same mentions."""
    tss = [float(m["published_ts"]) for m in mentions if m.get("published_ts") is not None]
    out: dict[str, Any] = {
        "num_mentions": len(mentions),
        "num_articles": len({m.get("article_id") for m in mentions if m.get("article_id") is not None}),
        "num_sources": len({m.get("source") for m in mentions if m.get("source")}),
        "first_seen": min(tss) if tss else None,
        "last_seen": max(tss) if tss else None,
    }
    out.update(reconcile_casualties(mentions))
    return out
