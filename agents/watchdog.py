"""Stall watchdog: a stream partition with records to read that delivers none is re-fetched.

Symptom it cures (issue 5, seen about once in eight replay test runs in a loaded full
suite): after a rewind or a republish, a worker's consumer fetches nothing more from
a partition although the broker holds records beyond what the worker has read. The
consumer group's lag then stays above zero forever; nothing is lost, and restarting
the worker resumes. Faust drops the rest of a fetched batch when a rebalance starts
in the middle of it (``Consumer.getmany`` breaks out of its loop) and relies on a
seek afterwards; when no seek covers the partition, its fetch position stays past
records that were never delivered. The cause found so far (partitions the group never
committed) is fixed in :mod:`agents.faust_fixes`; the watchdog is the safety net for
any other way to reach the same state.

It also re-fetches a partition whose offset commit is held by a hole (an offset that
was never processed while later ones were, see :func:`refetch_holes`).

The watchdog does what the restart did, for that partition only: every ``interval``
seconds it compares, for each assigned stream partition that is neither paused nor
held back by a full stream buffer, the broker's log end offset with what the worker
has delivered. A partition that has records pending and delivered nothing for
``idle_after`` seconds is sought back to its committed offset (the log start when the
group never committed it), and the worker's state is logged as a warning. Records
between the committed offset and the stall are delivered again; the sink's upserts
and the deduplicator's idempotence make that harmless (at-least-once), and Faust
ignores acks of offsets it already counted.

:class:`StallDetector` is the pure decision; :func:`install` wires it into an app.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Hashable, Iterable

from marsad.config import env_number

log = logging.getLogger(__name__)

#: ``MARSAD_STALL_AFTER``: seconds without delivery, with records pending, before a re-fetch
DEFAULT_IDLE_AFTER = 60.0
#: seconds a commit may stay held by a hole (see :mod:`agents.faust_fixes`) before a re-fetch
HOLE_AFTER = 5.0


@dataclass(frozen=True)
class PartitionView:
    """What the worker knows of one stream partition at one moment.

    ``end``: the broker's log end offset (next offset to be written);
    ``read``: Faust's read offset (the last offset delivered to the stream, or the
    offset it was last sought to; None when nothing was delivered since assignment);
    ``committed``: the group's committed offset as this worker knows it (the next offset
    to process; None when the group never committed the partition);
    ``start``: the log start offset (where a never-committed partition begins).
    """

    tp: Hashable
    end: int
    read: int | None
    committed: int | None
    start: int = 0

    def pending(self) -> bool:
        """True when the broker holds records this worker has certainly not delivered.

        With a read offset ``r`` (ambiguous: last delivered, or the next after a seek)
        that means at least one record past ``r + 1``; without one, any record at or
        past the committed offset (or the log start).
        """
        if self.read is not None:
            return self.end - 1 > self.read
        first = self.committed if self.committed is not None else self.start
        return self.end > first

    def seek_target(self) -> int:
        """Where a re-fetch starts: the committed offset, else the log start."""
        return self.committed if self.committed is not None else self.start


class StallDetector:
    """Decides which partitions are stalled, from successive :class:`PartitionView` s.

    A partition is stalled when it has pending records and its read offset has not
    changed for ``idle_after`` seconds. Each partition is reported once per stall: after
    a report its clock restarts, so a re-fetch that did not help is reported again only
    after another ``idle_after`` seconds.
    """

    def __init__(self, idle_after: float = DEFAULT_IDLE_AFTER) -> None:
        self.idle_after = idle_after
        self._since: dict[Hashable, tuple[int | None, float]] = {}

    def reset(self) -> None:
        """Forget every partition (after a rebalance the read offsets start over)."""
        self._since.clear()

    def observe(self, views: Iterable[PartitionView], now: float) -> list[PartitionView]:
        """The stalled partitions among ``views`` at time ``now`` (seconds, monotonic).
        Partitions absent from ``views`` are forgotten."""
        stalled: list[PartitionView] = []
        seen: dict[Hashable, tuple[int | None, float]] = {}
        for view in views:
            previous = self._since.get(view.tp)
            if not view.pending():
                continue
            if previous is None or previous[0] != view.read:
                seen[view.tp] = (view.read, now)  # progress (or first sight): restart the clock
                continue
            if now - previous[1] >= self.idle_after:
                stalled.append(view)
                seen[view.tp] = (view.read, now)
            else:
                seen[view.tp] = previous
        self._since = seen
        return stalled


def holes_to_refetch(holes: dict[Hashable, tuple[int, float]], expected: dict[Hashable, int | None],
                     now: float, hold_after: float = HOLE_AFTER) -> dict[Hashable, int]:
    """Partitions to re-fetch, with the offset to re-fetch from, among ``holes``
    (partition -> (offset never processed, monotonic time the commit was first held)).

    ``expected`` maps each assigned partition to the offset its next commit must start at
    now; a hole is acted on only while it is still that offset (a commit or a rebalance
    since has made it moot) and has held the commit for ``hold_after`` seconds.
    """
    return {tp: offset for tp, (offset, since) in holes.items()
            if tp in expected and expected[tp] == offset and now - since >= hold_after}


async def refetch_holes(app: Any, now: float) -> dict[Hashable, int]:
    """Seek every partition whose commit has been held by a hole (an offset never
    processed, :func:`agents.faust_fixes.committable_run`) back to that offset, so that
    it is fetched and delivered again. A hole below the log start (records deleted by
    retention before this group read them) cannot be refilled: it is logged as an error
    and the commit moves to the log start. Returns what was sought."""
    from agents.faust_fixes import expected_offset

    consumer = app.consumer
    holes = getattr(consumer, "_marsad_holes", None)
    if not holes:
        return {}
    assigned = [tp for tp in consumer.assignment() if not consumer._is_changelog_tp(tp)]
    expected = {tp: expected_offset(consumer, tp) for tp in assigned}
    for tp in list(holes):
        if tp not in expected:
            holes.pop(tp, None)  # revoked since
    todo = holes_to_refetch(holes, expected, now)
    if not todo:
        return {}
    starts = await consumer.earliest_offsets(*todo)
    for tp, offset in list(todo.items()):
        start = int(starts.get(tp) or 0)
        if offset < start:
            log.error("records %d..%d of %s[%s] were deleted by retention before this group processed them; "
                      "committing from the log start %d", offset, start - 1, tp.topic, tp.partition, start)
            consumer._committed_offset[tp] = start
            todo[tp] = start
        log.warning("re-fetching %s[%s] from offset %d (never processed; the commit is held there). State: %s",
                    tp.topic, tp.partition, todo[tp], consumer_state(app, [tp]))
        holes[tp] = (holes[tp][0], now)  # the next re-fetch only after another HOLE_AFTER
    await consumer.seek_wait(todo)
    return todo


def idle_after_from_env() -> float:
    """``MARSAD_STALL_AFTER`` seconds (default 60; 0 turns the watchdog off)."""
    return env_number("MARSAD_STALL_AFTER", DEFAULT_IDLE_AFTER, what="a number of seconds", minimum=0.0)


def consumer_state(app: Any, tps: Iterable[Any]) -> dict[str, Any]:
    """Faust's bookkeeping for ``tps`` (for the warning log): read and committed offsets,
    the head of the acked list, paused/buffered flags, flow state."""
    consumer = app.consumer
    out: dict[str, Any] = {"generation": app.consumer_generation_id, "flow_active": consumer.flow_active,
                           "rebalancing": bool(getattr(app, "rebalancing", False))}
    active = consumer._active_partitions
    for tp in tps:
        acked = consumer._acked.get(tp) or []
        out[f"{tp.topic}[{tp.partition}]"] = {
            "read": consumer._read_offset.get(tp), "committed": consumer._committed_offset.get(tp),
            "acked_head": sorted(acked)[:5], "acked": len(acked), "paused": tp in consumer._paused_partitions,
            "buffered": tp in consumer._buffered_partitions, "active": active is None or tp in active,
            "highwater": consumer.highwater(tp)}
    return out


def install(app: Any, interval: float = 15.0, idle_after: float | None = None) -> StallDetector | None:
    """Run the stall watchdog every ``interval`` seconds on every worker of ``app``, and
    the hole re-fetch (:func:`refetch_holes`) every ``HOLE_AFTER`` seconds; returns the
    stall detector (None when ``MARSAD_STALL_AFTER=0`` turns the stall watchdog off; the
    hole re-fetch always runs)."""
    @app.timer(HOLE_AFTER, name="marsad-hole-refetch")
    async def hole_refetch() -> None:
        if getattr(app, "rebalancing", False) or not app.consumer.flow_active:
            return
        try:
            await refetch_holes(app, time.monotonic())
        except Exception as exc:  # the broker is away: try again next time
            log.debug("hole re-fetch: offsets unavailable (%s)", exc)

    idle = idle_after_from_env() if idle_after is None else idle_after
    if idle <= 0:
        return None
    detector = StallDetector(idle)
    last_generation: list[int] = [-1]

    @app.timer(interval, name="marsad-stall-watchdog")
    async def watchdog() -> None:
        consumer = app.consumer
        if getattr(app, "rebalancing", False) or not consumer.flow_active or app.consumer_generation_id != last_generation[0]:
            detector.reset()  # read offsets are only comparable within one generation
            last_generation[0] = app.consumer_generation_id
            return
        tps = [tp for tp in consumer.assignment() if not consumer._is_changelog_tp(tp)
               and tp not in consumer._paused_partitions and tp not in consumer._buffered_partitions]
        if not tps:
            return
        try:
            ends = await consumer.highwaters(*tps)
            starts = await consumer.earliest_offsets(*tps)
        except Exception as exc:  # the broker is away: nothing to decide this time
            log.debug("stall watchdog: offsets unavailable (%s)", exc)
            return
        if app.consumer_generation_id != last_generation[0]:
            return
        views = [PartitionView(tp=tp, end=int(ends[tp]), read=consumer._read_offset.get(tp),
                               committed=consumer._committed_offset.get(tp), start=int(starts.get(tp) or 0))
                 for tp in tps if ends.get(tp) is not None]
        for view in detector.observe(views, time.monotonic()):
            target = view.seek_target()
            try:
                position = await consumer.position(view.tp)  # the Kafka client's fetch position
            except Exception as exc:
                position = f"unknown ({type(exc).__name__})"
            log.warning("stalled partition %s[%s]: records up to offset %d, nothing delivered for %.0fs; "
                        "re-fetching from offset %d. Fetch position: %s. State: %s", view.tp.topic, view.tp.partition,
                        view.end - 1, detector.idle_after, target, position, consumer_state(app, [view.tp]))
            await consumer.seek_wait({view.tp: target})

    return detector
