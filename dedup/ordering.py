"""One order for the dedup sequencer, whatever the number of workers upstream.

Story clusters depend on the order articles reach the sequencer ("the first-seen
article of its story"; near-simultaneous near-duplicates may join different clusters
in another order). Every upstream stage keeps the order *within* a partition (one
consumer per partition, records keyed by article id stay on their partition), but
workers interleave the partitions differently. :class:`PartitionMerge` undoes the
interleaving: it holds arriving records per input partition and releases them as a
k-way merge, the smallest ``(published_ts, key)`` among the partitions' first waiting
records, and only once *every* partition has a record waiting. The released order is
then a function of the per-partition sequences alone, the same with one worker or
many (``tests/unit/dedup/test_ordering.py`` checks it over random interleavings).

A partition with no record waiting is not waited for when it is *caught up*: a
declaration (:meth:`PartitionMerge.declare_ends`, sent by the pipeline on a tick once
every upstream stage has committed its input to the end) gives each partition's end
offset at that moment, and once the merge has seen the record before that offset,
nothing older of that partition can still come. Records carry their input offset
for this. That is exact, whatever stalls upstream. As a fallback (no declaration
arrives, or one partition lags upstream for ever), a partition that has sent nothing
for ``idle_after`` seconds of *log time* is not waited for either (as in Flink's
idle sources). Log time is the newest record timestamp seen (Kafka's create time),
not the wall clock, so a sequencer that was busy itself does not declare the
partitions it has not read yet idle. More than ``max_pending`` waiting records also
force the smallest out (a bound on memory).

The waiting records live in a caller-given mapping (a changelog-backed Faust table in
the pipeline), so their input offsets can be committed at once: a restarted sequencer
finds them there (:meth:`PartitionMerge.mark_stale`) and releases them in the same
order. A released record stays in the mapping until the caller *confirms* that what it
made of the record is durable (:meth:`PartitionMerge.confirm`, in the pipeline once the
sequencer's own input offset at release time is committed, which Faust does only
after flushing the producer): a sequencer killed between releasing a record and
sending its results finds it again and releases it again (at least once; the sink
is idempotent). Deleting it at release lost it, since its input offset had been
committed long before (seen as 7 of 10,000 articles missing after a SIGKILL).
Pure Python; no Kafka or Faust import.
"""

from __future__ import annotations

from collections import deque
from collections.abc import MutableMapping
from typing import Any

__all__ = ["PartitionMerge", "E_PARTITION", "E_SEQ", "E_TS", "E_PAYLOAD"]

#: the store key of the newest input offset seen per partition (``{"<p>": offset}``)
SEEN_KEY = "~seen"

# a waiting record in the store: key -> [partition, seq, published_ts, payload]
E_PARTITION = 0  # int: input partition the record arrived on
E_SEQ = 1  # int: arrival order (the sequencer's input offset); orders each partition's queue
E_TS = 2  # float: publication time, the merge key (ties broken by the record key)
E_PAYLOAD = 3  # any JSON value: what :meth:`PartitionMerge.release` hands back


class PartitionMerge:
    """A durable k-way merge of ``partitions`` ordered input streams.

    ``store`` maps record key -> entry (layout ``E_*``); it is the merge's only state
    that must survive a restart: queues, arrival times and the clock are rebuilt from
    it. It holds the waiting records and the released ones not yet confirmed.
    ``idle_after`` <= 0 disables waiting: every record is released as it arrives.
    """

    def __init__(self, store: MutableMapping[str, list], *, partitions: int, idle_after: float,
                 max_pending: int = 5000) -> None:
        if partitions < 1:
            raise ValueError(f"partitions must be >= 1, got {partitions}")
        self.store = store
        self.partitions = partitions
        self.idle_after = idle_after
        self.max_pending = max(1, max_pending)
        self.queues: dict[int, deque[str]] = {}
        self.last_arrival: dict[int, float] = {}
        self.seen: dict[int, int] = {}
        self.ends: dict[int, int] = {}
        self.clock = float("-inf")
        self.started: float | None = None
        self.forced = 0  # records released on a guess: a partition timed out, or the merge was full
        #: released records still in the store: key -> the stamp given to release()
        #: (stamps never decrease, so the oldest come first)
        self.unconfirmed: dict[str, int] = {}
        self._stale = True

    # -- state -------------------------------------------------------------------------
    def mark_stale(self) -> None:
        """The store changed behind our back (recovery): rebuild the queues before next use."""
        self._stale = True

    @property
    def stale(self) -> bool:
        return self._stale

    def ensure_fresh(self) -> int:
        """Rebuild the per-partition queues from the store if stale; returns the number
        of waiting records found. Arrival times restart at the next record seen, so a
        recovered sequencer waits ``idle_after`` for every partition again. Released
        records not yet confirmed wait again in their places: whether their results
        were sent is unknown."""
        if not self._stale:
            return 0
        self.unconfirmed = {}
        self.queues = {}
        self.last_arrival = {}
        self.ends = {}
        self.started = None
        self.seen = {int(p): int(o) for p, o in (self.store.get(SEEN_KEY) or {}).items()}
        entries = sorted(((k, e) for k, e in self.store.items() if e and k != SEEN_KEY), key=lambda kv: (kv[1][E_SEQ], kv[0]))
        for key, entry in entries:
            self.queues.setdefault(int(entry[E_PARTITION]), deque()).append(key)
        self._stale = False
        return len(entries)

    def __contains__(self, key: object) -> bool:
        """``key`` is waiting (released records, confirmed or not, are not)."""
        return key != SEEN_KEY and key in self.store and key not in self.unconfirmed

    def __len__(self) -> int:
        return sum(len(q) for q in self.queues.values())

    # -- input -------------------------------------------------------------------------
    def observe(self, log_time: float) -> None:
        """Move log time to ``log_time`` (a record or a tick was read)."""
        if self.started is None:
            self.started = log_time
        if log_time > self.clock:
            self.clock = log_time

    def declare_ends(self, ends: dict[int, int]) -> None:
        """Every stage upstream had processed its whole input when each partition ``p``
        ended before offset ``ends[p]``: a partition whose record ``ends[p] - 1`` was
        seen has nothing older still on its way (replaces the previous declaration)."""
        self.ensure_fresh()
        self.ends = {int(p): int(o) for p, o in ends.items()}

    def saw(self, partition: int, offset: int | None, log_time: float) -> None:
        """A record of ``partition`` at ``offset`` was read, queued or not (a redelivered
        copy of an article already clustered goes straight through, but still counts
        towards the partition being caught up)."""
        self.ensure_fresh()
        self.observe(log_time)
        self.last_arrival[partition] = max(log_time, self.last_arrival.get(partition, float("-inf")))
        if offset is not None and offset > self.seen.get(partition, -1):
            self.seen[partition] = offset
            self.store[SEEN_KEY] = {str(p): o for p, o in self.seen.items()}

    def add(self, key: str, *, partition: int, seq: int, published_ts: float, log_time: float, payload: Any,
            offset: int | None = None) -> bool:
        """Queue a record of ``partition`` (``offset``: its offset in that input
        partition). Returns False when ``key`` is already waiting: the newer copy (a
        redelivery, or an updated version of the article) replaces the waiting one's
        content and publication time but keeps its place in the partition's queue."""
        if key == SEEN_KEY:
            raise ValueError(f"{SEEN_KEY!r} is reserved for the merge's own bookkeeping")
        self.saw(partition, offset, log_time)
        waiting = self.store.get(key) if key not in self.unconfirmed else None
        if waiting:
            self.store[key] = [waiting[E_PARTITION], waiting[E_SEQ], float(published_ts), payload]
            return False
        self.unconfirmed.pop(key, None)  # released before: this copy waits anew
        self.store[key] = [partition, seq, float(published_ts), payload]
        self.queues.setdefault(partition, deque()).append(key)
        return True

    # -- output ------------------------------------------------------------------------
    def _caught_up(self, partition: int) -> bool:
        """Nothing older of ``partition`` can still come (exact: see :meth:`declare_ends`)."""
        end = self.ends.get(partition)
        return end is not None and self.seen.get(partition, -1) >= end - 1

    def _timed_out(self, partition: int) -> bool:
        """``partition`` has sent nothing for ``idle_after`` seconds of log time (a guess)."""
        last = self.last_arrival.get(partition, self.started)
        return last is None or self.clock - last >= self.idle_after

    def _pop_smallest(self, stamp: int) -> tuple[Any, int]:
        heads = [(self.store[q[0]][E_TS], q[0], p) for p, q in self.queues.items() if q]
        _, key, partition = min(heads)
        self.queues[partition].popleft()
        self.unconfirmed[key] = stamp
        entry = self.store[key]
        return entry[E_PAYLOAD], int(entry[E_SEQ])

    def release(self, stamp: int) -> list[tuple[Any, int]]:
        """Take out and return, in merge order, every record that may go now:
        ``[(payload, seq), ...]``. Call after :meth:`add` or :meth:`observe`.

        ``stamp`` is the caller's input offset now: the released records stay in the
        store until :meth:`confirm` is called with a number above it."""
        self.ensure_fresh()
        out: list[tuple[Any, int]] = []
        while True:
            waiting = len(self)
            if not waiting:
                return out
            missing = [p for p in range(self.partitions) if not self.queues.get(p)]
            if self.idle_after <= 0 or all(self._caught_up(p) for p in missing):
                pass  # every partition's next record is known: the exact merge
            elif all(self._caught_up(p) or self._timed_out(p) for p in missing) or waiting > self.max_pending:
                self.forced += 1
            else:
                return out
            out.append(self._pop_smallest(stamp))

    def confirm(self, below: int) -> int:
        """The results of every record released with a stamp below ``below`` are
        durable: drop those records from the store. Returns how many were dropped."""
        dropped = 0
        while self.unconfirmed:
            key, stamp = next(iter(self.unconfirmed.items()))
            if stamp >= below:
                break
            del self.unconfirmed[key]
            self.store.pop(key, None)
            dropped += 1
        return dropped

    def describe(self) -> str:
        """One line per partition: records waiting, newest offset seen, declared end,
        seconds of log time since its last record (for logs)."""
        parts = []
        for p in range(self.partitions):
            last = self.last_arrival.get(p)
            age = "never" if last is None else f"{self.clock - last:.1f}s ago"
            parts.append(f"p{p}: {len(self.queues.get(p) or ())} waiting, seen {self.seen.get(p, -1)}, "
                         f"end {self.ends.get(p, '?')}, last {age}")
        return "; ".join(parts) + f"; {len(self.unconfirmed)} released, not yet confirmed"
