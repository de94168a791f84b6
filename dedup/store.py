"""Dedup state as plain key -> value mappings, with expiry by publication time.

The deduplicator keeps everything it knows in five mappings, so the same code runs on
Python dicts (:class:`InMemoryState`, offline and in tests) and on Faust tables (a
``faust.Table`` is a ``MutableMapping``). Keys are short strings; values are small
JSON-serialisable lists of str / int / float (no tuples, no bytes, no custom objects).

Every change to a value is written back with an assignment (``m[key] = value``), even
after an in-place append: a Faust table only writes its changelog on assignment.

Mappings (see docs/dedup.md for the record layout):

``index``      LSH band key ``"<band>:<hex>"`` -> ``[[article_id, published_ts], ...]``
               oldest first, capped at ``posting_cap`` entries (the most recent are kept).
``articles``   article_id -> record (list, fields ``R_*`` below).
``exact``      ``"u:<hash of canonical url>"`` or ``"h:<content hash>"`` ->
               ``[article_id, published_ts]`` (the most recent article with that key).
``timeline``   time bucket (``str(int(ts // bucket_seconds))``, 10 minutes) -> ``[article_id, ...]``,
               the articles stored with a publication time in that bucket.
``meta``       ``"watermark"`` (largest publication time seen) and ``"expired_below"``
               (first bucket not yet expired).

Expiry: the watermark is the largest publication time seen; every bucket entirely older
than ``watermark - horizon`` is dropped with its articles, their postings and exact keys.
Memory is therefore bounded by the number of articles published within one horizon,
whatever the length of the stream.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "DedupState",
    "InMemoryState",
    "R_CLUSTER",
    "R_TS",
    "R_DUP_OF",
    "R_SIM",
    "R_METHOD",
    "R_NSHINGLES",
    "R_SAMPLE",
    "R_BANDS",
    "R_SPECIFICS",
    "R_EXACT",
    "R_WORDS",
    "RECORD_FIELDS",
    "add_posting",
    "expire",
    "state_size",
]

# record layout: a list, position -> meaning (compact in memory and in JSON)
R_CLUSTER = 0  # str: cluster id (first-seen article of the story)
R_TS = 1  # float: publication time (epoch seconds)
R_DUP_OF = 2  # str | None: the earlier article it matched
R_SIM = 3  # float: similarity of that match (1.0 for exact, 0.0 for new)
R_METHOD = 4  # str: "new" | "url" | "hash" | "minhash"
R_NSHINGLES = 5  # int: distinct shingles of the text (0 for exact duplicates, not indexed)
R_SAMPLE = 6  # str: base64 of the bottom-k sample of its shingle hashes (sorted u64, little endian)
R_BANDS = 7  # list[str]: the LSH band keys it was indexed under
R_SPECIFICS = 8  # list[str]: numbers and names of the lead and text (dedup.specifics)
R_EXACT = 9  # list[str]: its keys in ``exact``
R_WORDS = 10  # str: base64 of the bottom-k sample of its word hashes (sorted u64, little endian)
RECORD_FIELDS = (
    "cluster_id",
    "published_ts",
    "duplicate_of",
    "similarity",
    "method",
    "n_shingles",
    "sample",
    "bands",
    "specifics",
    "exact_keys",
    "words",
)


@runtime_checkable
class DedupState(Protocol):
    """What the deduplicator needs: five ``MutableMapping`` attributes (dicts or Faust tables)."""

    index: MutableMapping[str, list]
    articles: MutableMapping[str, list]
    exact: MutableMapping[str, list]
    timeline: MutableMapping[str, list]
    meta: MutableMapping[str, float]


@dataclass(slots=True)
class InMemoryState:
    """The dedup state in Python dicts (offline runs, tests, benchmarks)."""

    index: dict[str, list] = field(default_factory=dict)
    articles: dict[str, list] = field(default_factory=dict)
    exact: dict[str, list] = field(default_factory=dict)
    timeline: dict[str, list] = field(default_factory=dict)
    meta: dict[str, float] = field(default_factory=dict)

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """All five mappings as plain dicts (JSON-serialisable)."""
        return {
            "index": dict(self.index),
            "articles": dict(self.articles),
            "exact": dict(self.exact),
            "timeline": dict(self.timeline),
            "meta": dict(self.meta),
        }

    @classmethod
    def from_snapshot(cls, snap: dict[str, dict[str, Any]]) -> InMemoryState:
        return cls(
            index=dict(snap["index"]),
            articles=dict(snap["articles"]),
            exact=dict(snap["exact"]),
            timeline=dict(snap["timeline"]),
            meta=dict(snap["meta"]),
        )


def add_posting(state: DedupState, key: str, article_id: str, ts: float, cap: int) -> None:
    """Append ``[article_id, ts]`` to a posting list, keeping the ``cap`` most recent."""
    index = state.index
    postings = index.get(key)
    if postings is None:
        index[key] = [[article_id, ts]]
        return
    postings.append([article_id, ts])
    if len(postings) > cap:
        # most recent by publication time (entries arrive nearly, not exactly, in order)
        postings.sort(key=_ts_of)
        del postings[: len(postings) - cap]
    index[key] = postings  # re-assign: a Faust table writes its changelog on assignment


def _ts_of(posting: list) -> float:
    return posting[1]


def _drop_article(state: DedupState, article_id: str) -> None:
    record = state.articles.get(article_id)
    if record is None:
        return
    for key in record[R_BANDS] or ():
        postings = state.index.get(key)
        if postings is None:
            continue
        kept = [p for p in postings if p[0] != article_id]
        if not kept:
            del state.index[key]
        elif len(kept) != len(postings):
            state.index[key] = kept
    for key in record[R_EXACT] or ():
        entry = state.exact.get(key)
        if entry is not None and entry[0] == article_id:
            del state.exact[key]
    del state.articles[article_id]


def expire(state: DedupState, watermark: float, horizon_seconds: float, bucket_seconds: float) -> int:
    """Drop every time bucket entirely older than ``watermark - horizon``; return articles dropped."""
    first_live = int((watermark - horizon_seconds) // bucket_seconds)
    start = state.meta.get("expired_below")
    if start is None:
        # nothing expired yet: start from the oldest bucket present
        if not state.timeline:
            state.meta["expired_below"] = first_live
            return 0
        start = min(int(k) for k in state.timeline)
    start = int(start)
    if start >= first_live:
        return 0
    dropped = 0
    if first_live - start > 4 * len(state.timeline) + 16:
        # a long gap (e.g. a jump in publication time): visit the stored buckets only
        buckets = sorted(int(k) for k in state.timeline if int(k) < first_live)
    else:
        buckets = range(start, first_live)
    for bucket in buckets:
        ids = state.timeline.get(str(bucket))
        if ids is None:
            continue
        for article_id in ids:
            _drop_article(state, article_id)
            dropped += 1
        del state.timeline[str(bucket)]
    state.meta["expired_below"] = first_live
    return dropped


def state_size(state: DedupState) -> dict[str, int]:
    """Number of keys in each mapping (for progress reports and tests)."""
    return {
        "index": len(state.index),
        "articles": len(state.articles),
        "exact": len(state.exact),
        "timeline": len(state.timeline),
    }
