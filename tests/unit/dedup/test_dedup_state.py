"""Dedup state: plain JSON-serialisable mappings, expiry by publication time."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, MutableMapping
from typing import Any

from dedup.articles import ArticleDeduplicator, DedupInput, content_hash, input_from_article
from dedup.store import DedupState, InMemoryState, state_size

from .corpus import neardup_articles

DAY = 86400.0


class JsonTable(MutableMapping):
    """A mapping that stores values as JSON text, like a Faust table with a JSON value
    serializer: every read returns a fresh copy, so a value mutated in place and not
    assigned back is lost, and a value that is not JSON-serialisable fails."""

    def __init__(self) -> None:
        self._data: dict[str, str] = {}

    def __getitem__(self, key: str) -> Any:
        return json.loads(self._data[key])

    def __setitem__(self, key: str, value: Any) -> None:
        assert isinstance(key, str)
        self._data[key] = json.dumps(value)

    def __delitem__(self, key: str) -> None:
        del self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class JsonState:
    def __init__(self) -> None:
        self.index = JsonTable()
        self.articles = JsonTable()
        self.exact = JsonTable()
        self.timeline = JsonTable()
        self.meta = JsonTable()


def _words(rng: random.Random, n: int) -> str:
    vocab = [f"كلمه{i}" for i in range(400)]
    return " ".join(rng.choice(vocab) for _ in range(n))


def _stream(n: int, per_day: int, seed: int = 1) -> list[DedupInput]:
    """Unique texts, one near-duplicate every fourth article, ``per_day`` articles a day."""
    rng = random.Random(seed)
    out: list[DedupInput] = []
    for i in range(n):
        if i % 4 == 3:
            words = out[-1].normalized_text.split()
            words[rng.randrange(len(words))] = "تعديل"
            text = " ".join(words)
        else:
            text = _words(rng, 80)
        out.append(DedupInput(f"a{i}", 1.4e9 + i * DAY / per_day, None, content_hash(text), text))
    return out


def test_in_memory_state_satisfies_the_protocol() -> None:
    assert isinstance(InMemoryState(), DedupState)
    assert isinstance(JsonState(), DedupState)


def test_state_is_json_serialisable_and_restorable() -> None:
    items = _stream(120, per_day=40)
    dedup = ArticleDeduplicator()
    for it in items[:80]:
        dedup.add(it)
    snap = json.loads(json.dumps(dedup.state.snapshot()))  # plain JSON round trip
    restored = ArticleDeduplicator(InMemoryState.from_snapshot(snap))
    assert [restored.add(it) for it in items[80:]] == [dedup.add(it) for it in items[80:]]


def test_json_backed_state_gives_the_same_clusters_on_real_articles() -> None:
    """A Faust-like state (values serialised on every write, copies on every read) gives
    exactly the in-memory results: no in-place mutation is relied upon."""
    rows = sorted(list(neardup_articles().values())[:600], key=lambda r: r["published"])
    items = [input_from_article(r) for r in rows]
    plain, faust_like = ArticleDeduplicator(), ArticleDeduplicator(JsonState())
    a = [plain.add(it) for it in items]
    b = [faust_like.add(it) for it in items]
    assert a == b
    assert sum(r.duplicate_of is not None for r in a) > 100
    assert state_size(plain.state) == state_size(faust_like.state)


def test_horizon_expiry_keeps_state_flat() -> None:
    per_day = 50
    dedup = ArticleDeduplicator(horizon_days=2)
    sizes = []
    for i, it in enumerate(_stream(2000, per_day=per_day), 1):
        dedup.add(it)
        if i % 500 == 0:
            sizes.append(state_size(dedup.state))
    # about two days of articles stay (plus the bucket being filled), whatever the length
    for size in sizes:
        assert 2 * per_day <= size["articles"] <= 2 * per_day + 10
    assert max(s["index"] for s in sizes) < 1.2 * min(s["index"] for s in sizes)
    assert dedup.stats["expired"] >= 2000 - 2 * per_day - 10


def test_expired_article_no_longer_matches() -> None:
    text = _words(random.Random(3), 80)
    dedup = ArticleDeduplicator(horizon_days=7)
    dedup.add(DedupInput("old", 1.4e9, None, "h-old", text))
    # something else moves publication time 8 days on: "old" expires
    dedup.add(DedupInput("later", 1.4e9 + 8 * DAY, None, "h-later", _words(random.Random(4), 80)))
    assert "old" not in dedup.state.articles
    again = dedup.add(DedupInput("copy", 1.4e9 + 8 * DAY + 1, None, "h-copy", text + " اضافه"))
    assert again.method == "new"


def test_within_horizon_still_matches() -> None:
    text = _words(random.Random(5), 80)
    dedup = ArticleDeduplicator(horizon_days=7)
    dedup.add(DedupInput("old", 1.4e9, None, "h-old", text))
    r = dedup.add(DedupInput("copy", 1.4e9 + 6 * DAY, None, "h-copy", text + " اضافه"))
    assert r.cluster_id == "old" and r.method == "minhash"


def test_late_article_is_matched_but_not_stored() -> None:
    text = _words(random.Random(6), 80)
    dedup = ArticleDeduplicator(horizon_days=1)
    dedup.add(DedupInput("now", 1.4e9 + 10 * DAY, None, "h-now", text))
    late = dedup.add(DedupInput("late", 1.4e9, None, "h-late", text + " اضافه"))
    assert late.cluster_id == "now"  # still clustered against what the state holds
    assert "late" not in dedup.state.articles


def test_state_values_are_small() -> None:
    rows = list(neardup_articles().values())[:200]
    dedup = ArticleDeduplicator()
    for r in rows:
        dedup.add(input_from_article(r))
    sizes = [len(json.dumps(v)) for v in dedup.state.articles.values()]
    assert max(sizes) < 4000 and sum(sizes) / len(sizes) < 3000
    assert max(len(v) for v in dedup.state.index.values()) <= dedup.config.posting_cap


def test_future_timestamp_does_not_wipe_the_state() -> None:
    dedup = ArticleDeduplicator(horizon_days=7)
    dedup.clock = lambda: 1.4e9 + DAY
    text = _words(random.Random(7), 80)
    dedup.add(DedupInput("a", 1.4e9, None, "h-a", text))
    dedup.add(DedupInput("typo", 1.4e9 + 3650 * DAY, None, "h-typo", _words(random.Random(8), 80)))
    assert "a" in dedup.state.articles
    assert dedup.add(DedupInput("b", 1.4e9 + 60, None, "h-b", text + " اضافه")).cluster_id == "a"
