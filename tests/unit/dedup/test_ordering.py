"""The sequencer's partition merge: one release order whatever the interleaving."""

from __future__ import annotations

import heapq
import itertools
import random
import zlib

import pytest

from dedup.articles import ArticleDeduplicator, input_from_article, parse_published
from dedup.ordering import E_PAYLOAD, PartitionMerge
from tests.unit.dedup.corpus import neardup_articles

PARTITIONS = 4
WAIT = 10.0


def merge_order(sequences: dict[int, list[tuple[float, str]]]) -> list[str]:
    """The keys of complete per-partition sequences of ``(published_ts, key)`` in the
    order the merge must release them when no partition idles mid-stream: a k-way merge
    in which a partition that has run out no longer counts."""
    return [key for _, key in heapq.merge(*sequences.values())]


def _stream(n: int = 400) -> dict[int, list[dict]]:
    """The first ``n`` near-dup articles in publication order, split over four partitions
    by a hash of their id (as a keyed producer does)."""
    arts = sorted(itertools.islice(neardup_articles().values(), n), key=lambda a: (a["published"], a["id"]))
    parts: dict[int, list[dict]] = {p: [] for p in range(PARTITIONS)}
    for a in arts:
        parts[zlib.crc32(a["id"].encode()) % PARTITIONS].append(a)
    return parts


def _interleave(parts: dict[int, list[dict]], seed: int, max_run: int) -> list[tuple[int, dict]]:
    """One arrival order at the sequencer: each partition's records in their own order,
    partitions taken in random runs of 1..max_run records (what workers do)."""
    rng = random.Random(seed)
    pos = {p: 0 for p in parts}
    out = []
    while any(pos[p] < len(parts[p]) for p in parts):
        p = rng.choice([q for q in parts if pos[q] < len(parts[q])])
        run = rng.randint(1, max_run)
        out.extend((p, a) for a in parts[p][pos[p]:pos[p] + run])
        pos[p] += run
    return out


def _feed(merge: PartitionMerge, arrivals: list[tuple[int, dict]], start_seq: int = 0, t0: float = 1000.0,
          step: float = 0.01) -> list[str]:
    """Add ``arrivals`` one per ``step`` seconds of log time; returns released ids."""
    released = []
    for i, (p, a) in enumerate(arrivals):
        merge.add(a["id"], partition=p, seq=start_seq + i, published_ts=parse_published(a["published"]),
                  log_time=t0 + i * step, payload=a["id"])
        released += [payload for payload, _ in merge.release(0)]
    return released


def _flush(merge: PartitionMerge) -> list[str]:
    """End of stream: ticks until every partition counts as idle."""
    merge.observe(merge.clock + WAIT)
    return [payload for payload, _ in merge.release(0)]


def _run(arrivals: list[tuple[int, dict]]) -> tuple[list[str], int]:
    """(released ids, records forced out before the end of the stream)."""
    merge = PartitionMerge({}, partitions=PARTITIONS, idle_after=WAIT)
    order = _feed(merge, arrivals)
    forced = merge.forced
    order += _flush(merge)
    merge.confirm(1)  # every release was stamped 0
    assert len(merge) == 0 and not merge.store
    return order, forced


def test_every_interleaving_releases_the_same_order():
    parts = _stream()
    expected = merge_order({p: [(parse_published(a["published"]), a["id"]) for a in arts] for p, arts in parts.items()})
    assert len(expected) == 400
    for seed, max_run in itertools.product(range(10), (1, 30, 200)):
        order, forced = _run(_interleave(parts, seed, max_run))
        assert order == expected, (seed, max_run)
        assert forced == 0  # only the end of the stream found partitions idle


def test_the_same_clusters_whatever_the_interleaving():
    """What the two-worker pipeline test checks, without a broker: the deduplicator fed
    by the merge gives identical clusters for different interleavings; fed in arrival
    order it does not."""
    parts = _stream()
    by_id = {a["id"]: a for arts in parts.values() for a in arts}

    def clusters(ids: list[str]) -> dict[str, str]:
        dedup = ArticleDeduplicator(horizon_days=7.0)
        return {i: dedup.add(input_from_article(by_id[i])).cluster_id for i in ids}

    a = _interleave(parts, seed=1, max_run=30)
    b = _interleave(parts, seed=2, max_run=30)
    assert clusters(_run(a)[0]) == clusters(_run(b)[0])
    assert clusters([x["id"] for _, x in a]) != clusters([x["id"] for _, x in b])


def test_a_restarted_merge_continues_in_the_same_order():
    parts = _stream(200)
    arrivals = _interleave(parts, seed=3, max_run=20)
    expected, _ = _run(arrivals)
    store: dict = {}
    first = PartitionMerge(store, partitions=PARTITIONS, idle_after=WAIT)
    half = len(arrivals) // 2
    released = _feed(first, arrivals[:half])
    first.confirm(half)  # a commit: the results of everything released so far are durable
    waiting = len(first)
    assert waiting > 0 and len(store) == waiting
    # the worker dies; another recovers the store (a changelog-backed table) and goes on,
    # receiving again the records after the last committed offset, some already waiting
    second = PartitionMerge(dict(store), partitions=PARTITIONS, idle_after=WAIT)
    assert second.ensure_fresh() == waiting
    redelivered = arrivals[half - 5:]
    released += _feed(second, redelivered, start_seq=half - 5, t0=5000.0)
    released += _flush(second)
    assert released == expected


def test_a_newer_copy_keeps_the_first_place_with_the_newer_content():
    """A redelivery, or an updated version of the article (same id, new text), while the
    first copy still waits: the latest content goes out, from the first copy's place."""
    merge = PartitionMerge({}, partitions=2, idle_after=WAIT)
    assert merge.add("a", partition=0, seq=0, published_ts=5.0, log_time=1.0, payload="a")
    merge.add("c", partition=0, seq=1, published_ts=0.5, log_time=1.05, payload="c")
    assert not merge.add("a", partition=0, seq=2, published_ts=5.0, log_time=1.1, payload="a-updated")
    assert len(merge) == 2 and merge.release(0) == []
    merge.add("b", partition=1, seq=3, published_ts=1.0, log_time=1.2, payload="b")
    # both partitions have a record: the earlier publication goes first, then "a" waits for
    # partition 1 again ("c" is behind "a" in partition 0's order)
    assert [p for p, _ in merge.release(0)] == ["b"]
    merge.observe(1.0 + WAIT + 0.5)
    assert merge.release(0) == [("a-updated", 0), ("c", 1)]


def test_a_silent_partition_delays_by_at_most_the_wait():
    merge = PartitionMerge({}, partitions=3, idle_after=WAIT)
    merge.add("x", partition=0, seq=0, published_ts=1.0, log_time=100.0, payload="x")
    merge.add("y", partition=1, seq=1, published_ts=2.0, log_time=101.0, payload="y")
    assert merge.release(0) == []
    merge.observe(100.0 + WAIT - 0.1)  # partition 2 has not been silent long enough
    assert merge.release(0) == []
    merge.observe(100.0 + WAIT)  # silent since the merge started: idle now
    assert [p for p, _ in merge.release(0)] == ["x", "y"]
    assert merge.forced == 2


def test_log_time_not_wall_time_decides_idleness():
    """A sequencer that was busy reads old records late: their log times are close, so
    no partition counts as idle however long the sequencer itself took."""
    merge = PartitionMerge({}, partitions=2, idle_after=WAIT)
    merge.add("a", partition=0, seq=0, published_ts=3.0, log_time=10.0, payload="a")
    merge.add("b", partition=0, seq=1, published_ts=1.0, log_time=10.5, payload="b")
    assert merge.release(0) == []
    merge.add("c", partition=1, seq=2, published_ts=2.0, log_time=11.0, payload="c")
    # heads a (3.0) and c (2.0): c first; then partition 1 is empty again and not idle
    assert [p for p, _ in merge.release(0)] == ["c"]
    assert len(merge) == 2


def test_too_many_waiting_records_force_the_smallest_out():
    merge = PartitionMerge({}, partitions=2, idle_after=WAIT, max_pending=3)
    out = []
    for i, ts in enumerate([5.0, 4.0, 3.0, 2.0]):
        merge.add(f"k{i}", partition=0, seq=i, published_ts=ts, log_time=1.0 + i * 0.01, payload=f"k{i}")
        out += [p for p, _ in merge.release(0)]
    # partition 0's queue is released in its own order (its head first), never re-sorted
    assert out == ["k0"] and len(merge) == 3 and merge.forced == 1


def test_no_wait_releases_on_arrival():
    merge = PartitionMerge({}, partitions=4, idle_after=0)
    merge.add("a", partition=2, seq=0, published_ts=9.0, log_time=1.0, payload="a")
    assert merge.release(0) == [("a", 0)]


def test_store_entries_are_json_values():
    store: dict = {}
    merge = PartitionMerge(store, partitions=2, idle_after=WAIT)
    merge.add("a", partition=1, seq=7, published_ts=1.5, log_time=2.0, payload={"article_id": "a"}, offset=3)
    assert store == {"a": [1, 7, 1.5, {"article_id": "a"}], "~seen": {"1": 3}}
    assert store["a"][E_PAYLOAD] == {"article_id": "a"}


def test_rejects_no_partitions():
    with pytest.raises(ValueError):
        PartitionMerge({}, partitions=0, idle_after=WAIT)


def test_a_caught_up_partition_is_not_waited_for():
    """The pipeline declares each partition's end offset once every upstream stage has
    committed its input: a partition whose last record was seen holds nothing back."""
    merge = PartitionMerge({}, partitions=2, idle_after=WAIT)
    merge.add("a", partition=0, seq=0, published_ts=5.0, log_time=1.0, payload="a", offset=0)
    merge.add("b", partition=1, seq=1, published_ts=1.0, log_time=1.1, payload="b", offset=0)
    merge.add("c", partition=1, seq=2, published_ts=2.0, log_time=1.2, payload="c", offset=1)
    assert [p for p, _ in merge.release(0)] == ["b", "c"]  # "c" waits for nothing: partition 0 has "a"
    merge.declare_ends({0: 1, 1: 3})  # partition 1 has one more record on its way
    assert merge.release(0) == []
    merge.declare_ends({0: 1, 1: 2})
    assert merge.release(0) == [("a", 0)]
    assert merge.forced == 0


def test_declared_ends_count_only_once_their_last_record_arrived():
    parts = _stream(200)
    arrivals = _interleave(parts, seed=5, max_run=40)
    expected, _ = _run(arrivals)
    merge = PartitionMerge({}, partitions=PARTITIONS, idle_after=WAIT)
    ends = {p: len(arts) for p, arts in parts.items()}
    offsets = {p: 0 for p in parts}
    released = []
    for i, (p, a) in enumerate(arrivals):
        merge.add(a["id"], partition=p, seq=i, published_ts=parse_published(a["published"]),
                  log_time=1000.0 + i * 0.01, payload=a["id"], offset=offsets[p])
        offsets[p] += 1
        if i % 7 == 0:  # a tick: everything upstream done, the ends known from the start
            merge.declare_ends(ends)
        released += [payload for payload, _ in merge.release(0)]
    merge.declare_ends(ends)
    released += [payload for payload, _ in merge.release(0)]
    assert released == expected and merge.forced == 0 and len(merge) == 0


def test_seen_offsets_survive_a_restart():
    store: dict = {}
    merge = PartitionMerge(store, partitions=2, idle_after=WAIT)
    merge.add("a", partition=0, seq=0, published_ts=5.0, log_time=1.0, payload="a", offset=41)
    again = PartitionMerge(dict(store), partitions=2, idle_after=WAIT)
    again.declare_ends({0: 42, 1: 0})
    assert "a" in again and "~seen" not in again
    assert again.release(0) == [("a", 0)] and again.forced == 0


def test_a_record_that_skips_the_queue_still_counts_towards_caught_up():
    merge = PartitionMerge({}, partitions=2, idle_after=WAIT)
    merge.add("a", partition=0, seq=0, published_ts=5.0, log_time=1.0, payload="a", offset=0)
    merge.declare_ends({0: 1, 1: 8})
    assert merge.release(0) == []
    merge.saw(1, 7, 1.5)  # partition 1's last record, an article clustered before
    assert merge.release(0) == [("a", 0)] and merge.forced == 0


def test_a_released_record_stays_in_the_store_until_confirmed():
    store: dict = {}
    merge = PartitionMerge(store, partitions=1, idle_after=WAIT)
    merge.add("a", partition=0, seq=10, published_ts=1.0, log_time=1.0, payload="a")
    assert merge.release(stamp=10) == [("a", 10)]
    assert "a" in store and "a" not in merge and len(merge) == 0
    assert merge.confirm(10) == 0 and "a" in store  # offset 10 itself not committed yet
    assert merge.confirm(11) == 1 and "a" not in store and not merge.unconfirmed


def test_a_sequencer_killed_before_confirming_releases_again():
    """A worker releases records, is killed before their results are flushed, and its
    input is redelivered from the last committed offset: every record still comes out.
    Dropping them from the store at release (confirming at once) loses the ones whose results
    were in flight, since their own input offsets were committed long before."""
    parts = _stream(200)
    arrivals = _interleave(parts, seed=7, max_run=20)
    all_ids = {a["id"] for _, a in arrivals}

    def crash_and_recover(wait_for_commit: bool) -> set[str]:
        store: dict = {}
        first = PartitionMerge(store, partitions=PARTITIONS, idle_after=WAIT)
        released: list[tuple[str, int]] = []  # (id, input offset at release)
        for i, (p, a) in enumerate(arrivals[:120]):
            first.add(a["id"], partition=p, seq=i, published_ts=parse_published(a["published"]),
                      log_time=1000.0 + i * 0.01, payload=a["id"])
            released += [(k, i) for k, _ in first.release(stamp=i)]
            if not wait_for_commit:  # what the merge did first: the record left the store at release
                first.confirm(i + 1)
            if i == 80:
                first.confirm(61)  # the commit timer: offsets < 61 are committed, results flushed
        committed = 61  # killed: results released at offsets >= 61 never left the producer
        durable = {k for k, at in released if at < committed}
        assert durable and len(durable) < len(released)
        second = PartitionMerge(dict(store), partitions=PARTITIONS, idle_after=WAIT)
        second.ensure_fresh()
        out = []
        for i, (p, a) in enumerate(arrivals[committed:], start=committed):
            if a["id"] in durable:  # clustered before: the pipeline sends its first result again
                out.append(a["id"])
                continue
            second.add(a["id"], partition=p, seq=i, published_ts=parse_published(a["published"]),
                       log_time=5000.0 + i * 0.01, payload=a["id"])
            out += [k for k, _ in second.release(stamp=i)]
        out += _flush(second)
        return durable | set(out)

    assert crash_and_recover(wait_for_commit=True) == all_ids
    assert crash_and_recover(wait_for_commit=False) < all_ids  # what the SIGKILL test caught


def test_a_new_copy_of_a_released_record_waits_anew():
    merge = PartitionMerge({}, partitions=2, idle_after=WAIT)
    merge.add("a", partition=0, seq=0, published_ts=1.0, log_time=1.0, payload="a1")
    merge.add("b", partition=1, seq=1, published_ts=2.0, log_time=1.0, payload="b")
    assert merge.release(stamp=1) == [("a1", 0)]
    merge.add("a", partition=0, seq=2, published_ts=3.0, log_time=1.1, payload="a2")
    assert "a" in merge and not merge.unconfirmed
    assert merge.release(stamp=2) == [("b", 1)]
    merge.confirm(3)  # drops "b" only: "a" waits again
    assert _flush(merge) == ["a2"]


def test_a_restart_brings_unconfirmed_records_back_in_their_places():
    store: dict = {}
    merge = PartitionMerge(store, partitions=1, idle_after=WAIT)
    for i, key in enumerate("abc"):
        merge.add(key, partition=0, seq=i, published_ts=float(i), log_time=1.0, payload=key)
    assert [p for p, _ in merge.release(stamp=5)] == ["a", "b", "c"]
    merge.confirm(5)
    again = PartitionMerge(dict(store), partitions=1, idle_after=WAIT)
    assert again.ensure_fresh() == 3 and [p for p, _ in again.release(stamp=6)] == ["a", "b", "c"]
