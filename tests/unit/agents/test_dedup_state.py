"""The sequencer's state: derived indexes rebuilt from the durable records give the
same answers; the watermark follows the slowest input partition."""

from __future__ import annotations

import itertools
import json

from agents.dedup_state import CachedMapping, PartitionWatermark, TableBackedState
from dedup.articles import ArticleDeduplicator, DedupConfig, input_from_article


def _articles(corpus_dir, n=300):
    with open(corpus_dir / "saudinewsnet-neardup.jsonl", encoding="utf-8") as fh:
        arts = [json.loads(line) for line in itertools.islice(fh, n)]
    return sorted(arts, key=lambda a: a["published"])


def test_rebuilt_state_answers_like_the_live_one(corpus_dir):
    arts = _articles(corpus_dir)
    cfg = DedupConfig()
    durable: dict = {}
    live = TableBackedState(durable, bucket_seconds=cfg.bucket_seconds, posting_cap=cfg.posting_cap)
    live.ensure_fresh()
    d1 = ArticleDeduplicator(live, config=cfg)
    first = [d1.add(input_from_article(a)) for a in arts[:200]]
    # a restarted worker: only the durable records survive; indexes are rebuilt
    restarted = TableBackedState(dict(durable), bucket_seconds=cfg.bucket_seconds, posting_cap=cfg.posting_cap)
    assert restarted.ensure_fresh() == len(durable)
    d2 = ArticleDeduplicator(restarted, config=cfg)
    rest_live = [d1.add(input_from_article(a)).cluster_id for a in arts[200:]]
    rest_restarted = [d2.add(input_from_article(a)).cluster_id for a in arts[200:]]
    assert rest_live == rest_restarted
    # replays get their first answer back
    assert [d2.add(input_from_article(a)).cluster_id for a in arts[:200]] == [r.cluster_id for r in first]


def test_watermark_is_the_slowest_partition_and_ignores_idle_ones():
    w = PartitionWatermark(idle_after=3)
    assert w.value(5.0) == 5.0
    w.observe(0, 100.0)
    w.observe(1, 10.0)
    assert w.value(0) == 10.0  # partition 1 has delivered only up to 10
    w.observe(1, 50.0)
    assert w.value(0) == 50.0
    for _ in range(4):
        w.observe(0, 200.0)
    assert w.value(0) == 200.0  # partition 1 idle for more than 3 records


def test_cached_mapping_writes_through():
    durable: dict = {"a": 1}
    m = CachedMapping(durable)
    m.ensure_fresh()
    m["b"] = 2
    del m["a"]
    assert durable == {"b": 2} and m.get("b") == 2 and len(m) == 1
