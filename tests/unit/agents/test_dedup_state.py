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


def test_watermark_waits_for_every_expected_partition():
    """One partition's backlog arriving first must not move event time ahead alone."""
    w = PartitionWatermark(idle_after=10, expected=3)
    w.observe(0, 100.0)
    w.observe(0, 900.0)
    assert w.value(900.0) == 100.0  # the oldest seen: partitions 1 and 2 have not reported
    w.observe(1, 300.0)
    assert w.value(300.0) == 100.0
    w.observe(2, 200.0)
    assert w.value(200.0) == 200.0  # all three seen: the slowest partition
    late = PartitionWatermark(idle_after=3, expected=2)
    for ts in (10.0, 20.0, 30.0, 40.0):
        late.observe(0, ts)
    assert late.value(40.0) == 40.0  # partition 1 never came within idle_after records


def test_cached_mapping_writes_through():
    durable: dict = {"a": 1}
    m = CachedMapping(durable)
    m.ensure_fresh()
    m["b"] = 2
    del m["a"]
    assert durable == {"b": 2} and m.get("b") == 2 and len(m) == 1


def test_stream_ends_only_once_raw_and_replay_are_committed_to_their_end():
    from agents.dedup import stream_ends
    from schemas.topics import Topics

    topics = Topics("t", "app")

    def reading(raw_committed):
        return {topics.raw: {0: {"end": 10, "committed": raw_committed}, 1: {"end": 0, "committed": None}},
                topics.replay: {0: {"end": 0, "committed": None}},
                topics.normalized: {0: {"end": 9, "committed": 4}, 1: {"end": 0, "committed": None}}}

    assert stream_ends(reading(7), topics) is None  # raw[0] still being normalized
    assert stream_ends(reading(None), topics) is None
    assert stream_ends(reading(10), topics) == {0: 9, 1: 0}  # empty partitions need no commit


def test_the_pinned_faust_consumer_keeps_the_committed_offsets_read_by_the_merge():
    """The merge confirms releases from Faust's own record of its commits
    (``Consumer._committed_offset``, updated after the pre-commit producer flush in
    faust-streaming 0.15.3); without it released articles would never leave the
    ``dedup-pending`` table."""
    import faust
    from faust.types import TP

    from agents.dedup import committed_offset

    app = faust.App("marsad-unit-committed", broker="kafka://127.0.0.1:1", autodiscover=False)
    tp = TP("marsad-unit-enriched", 0)
    assert committed_offset(app, tp) is None
    app.consumer._committed_offset.update({tp: 17})  # what Consumer._commit_offsets does
    assert committed_offset(app, tp) == 17


def test_the_pinned_faust_flushes_the_producer_before_it_records_a_commit():
    """The contract ``committed_offset`` relies on: what was sent before a commit is in
    Kafka once the commit is recorded."""
    import inspect

    from faust.transport.consumer import Consumer

    src = inspect.getsource(Consumer._commit_offsets)
    assert src.index("self.app.producer.flush()") < src.index("self._committed_offset.update(")
