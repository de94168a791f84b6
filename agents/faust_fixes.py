"""Fixes to faust-streaming (0.15) and its aiokafka driver that at-least-once delivery needs.

Each fix closes one way an input offset could be committed although the input's output
never reached Kafka, so that a crash afterwards lost the record. :func:`apply` installs
them all, once per process (idempotent); :func:`agents.app.create_app` calls it.

1. :func:`_patch_stale_acks` - Faust *skips* a message fetched before a rebalance (its
   ``generation_id`` is not the consumer's current one, or flow control is suspended)
   and still *acks* it. When the ack lands after the partition was revoked (the
   partition's committed offset is then unknown), the skipped offset is recorded as
   done; after the partition comes back and is re-read from the committed offset, the
   next commit jumps over messages that were never processed. A worker killed before
   it reprocessed them lost them (seen: 1 of 10,000 articles after five SIGKILLs).
   Fixed: an ack of a skipped stale message releases the message but records nothing.
2. :func:`_patch_idempotent_producer` - aiokafka drops a batch it could not deliver within
   ``request_timeout`` (a broker restart, a long stall) and Faust only logs the failed
   future; the offset commit that follows then covers the lost output. With
   ``enable_idempotence`` aiokafka never expires batches (it retries until delivered)
   and the broker discards the retried duplicates. Fixed: the agents' producer is
   always idempotent (``acks=all``).
3. :func:`_patch_seek_before_resume` - after a rebalance Faust resumes the stream
   partitions *before* it seeks them to their committed offsets, so records fetched in
   between are delivered, then the seek rewinds the fetch position while the read
   offsets move on, and the re-read records below them are dropped as already seen.
   Seen: after a rewind, a few records per partition were never processed (and the
   partition's commits stalled at the first of them). Fixed: seek while the partitions
   are still paused, then resume them. Also, aiokafka's ``seek_to_committed`` skips a
   partition whose committed offset is 0 (a rewind to the beginning) or that the group
   never committed, leaving its fetch position and prefetched records as they were:
   such partitions are sought to 0, or to the log start, explicitly.
4. :func:`_patch_producer_buffer_flush` - ``ProducerBuffer.flush`` (awaited before every
   commit; it holds table changelog writes) returns after 0.1 s without progress even
   with messages still buffered. Fixed: it waits until every buffered message was handed
   to the Kafka client.
5. :func:`_patch_commit_only_contiguous` - Faust commits the first run of consecutive
   acked offsets *wherever it starts*: its head check lets the run start one past the
   committed offset, and none at all when the committed offset is 0 or unknown; offsets
   it takes for gaps (a fetch that jumped forward) count as done. Seen: after five
   SIGKILLs every group lag was 0 while the extract stage had skipped 200 records and
   the dedup stage 748. Fixed: a commit only moves forward from the offset the partition
   was sought to, over acked offsets with no hole (:func:`committable_run`); forward jumps
   record no gap. A hole is kept in ``consumer._marsad_holes`` and logged; the watchdog
   (:mod:`agents.watchdog`) re-fetches the partition from the hole.
6. :func:`_patch_redeliver_unacked` - Faust drops every fetched record at or below its
   read offset as already seen, but that offset also moves for a record whose delivery
   was cut short by a rebalance, and a seek back does not always reset it: the re-read
   copy of a record that was never processed was dropped. Fixed: a record below the read
   offset is dropped only when it was acked or lies below the committed offset
   (:func:`already_done`); others are delivered again (at-least-once).
7. :func:`_patch_getmany_drops` - a ``getmany`` that started before a rebalance and got
   its records after it (fetched from the new committed offsets) drops the whole batch
   because the generation changed, and so does one that finds the flow stopped or a
   partition no longer active; the Kafka client's fetch position has already moved past
   those records, so they were fetched again only when the stall watchdog gave up on
   the partition (seen: a worker joining mid-backlog left two partitions of the other
   worker idle for 60 s, ``Fetch position: 218`` with ``read: 183``). Fixed: each
   partition with dropped records is sought back to the first of them, unless its fetch
   position is already at or below it (a seek since, e.g. to the committed offset).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["already_done", "apply", "committable_run", "expected_offset", "is_stale"]


def apply() -> None:
    """Install every fix (safe to call more than once)."""
    _patch_stale_acks()
    _patch_idempotent_producer()
    _patch_seek_before_resume()
    _patch_producer_buffer_flush()
    _patch_commit_only_contiguous()
    _patch_redeliver_unacked()
    _patch_getmany_drops()


def is_stale(message: Any, app: Any) -> bool:
    """True when ``message`` was fetched under an earlier consumer generation or while
    flow control was suspended (a rebalance): Faust skips it and re-reads the partition
    from its committed offset, so its ack must not count toward a commit."""
    generation = getattr(message, "generation_id", None)
    if generation is not None and generation != app.consumer_generation_id:
        return True
    return not app.flow_control.is_active()


def _patch_stale_acks() -> None:
    from faust.transport.consumer import Consumer
    from faust.types.tuples import ack_lock

    if getattr(Consumer, "_marsad_stale_ack_patched", False):
        return
    original_ack = Consumer.ack

    def ack(self: Any, message: Any) -> bool:
        if is_stale(message, self.app):
            log.debug("skipped message %s[%s]@%s not counted as done (fetched in generation %s, now %s; flow %s)",
                        message.topic, message.partition, message.offset, getattr(message, "generation_id", None),
                        self.app.consumer_generation_id, "active" if self.app.flow_control.is_active() else "suspended")
            with ack_lock:
                message.acked = True
                self._unacked_messages.discard(message)
            return False
        return original_ack(self, message)

    Consumer.ack = ack
    Consumer._marsad_stale_ack_patched = True


def _patch_idempotent_producer() -> None:
    from faust.transport.drivers.aiokafka import Producer

    if getattr(Producer, "_marsad_idempotent_patched", False):
        return
    original_extra = Producer._settings_extra

    def _settings_extra(self: Any) -> dict[str, Any]:
        return {**original_extra(self), "acks": "all", "enable_idempotence": True}

    Producer._settings_extra = _settings_extra
    Producer._marsad_idempotent_patched = True


def _patch_seek_before_resume() -> None:
    from typing import cast

    from faust.tables.recovery import Recovery

    if getattr(Recovery, "_marsad_seek_patched", False):
        return

    async def seek_then_resume(self: Any, consumer: Any) -> None:
        """Seek the assigned stream partitions to their committed offsets while they are
        paused, then resume them (Faust does it the other way round)."""
        stream_tps = {tp for tp in consumer.assignment() if not self._is_changelog_tp(tp)}
        if stream_tps:
            self.log.info("Seek stream partitions to committed offsets.")
            await self._wait(consumer.perform_seek(), timeout=self.app.conf.broker_request_timeout)
            consumer.resume_partitions(stream_tps)

    async def _resume_streams(self: Any, generation_id: int = 0) -> None:  # faust 0.15.3, reordered
        app = self.app
        consumer = app.consumer
        await app.on_rebalance_complete.send()
        if self.app.consumer_generation_id != generation_id:
            self.log.warning("Recovery rebalancing again")
            return
        if consumer.assignment():
            await seek_then_resume(self, consumer)
        else:
            self.log.info("Resuming streams with empty assignment")
        self.completed.set()
        self.log.info("Resuming flow...")
        app.flow_control.resume()
        consumer.resume_flow()
        await cast(Any, app)._fetcher.maybe_start()
        self.tables.on_actives_ready()
        self.tables.on_standbys_ready()
        app.on_rebalance_end()
        self.log.info("Worker ready")

    async def on_recovery_completed(self: Any, generation_id: int = 0) -> None:  # faust 0.15.3, reordered
        consumer = self.app.consumer
        self.log.info("Restore complete!")
        await self.app.on_rebalance_complete.send()
        self._set_recovery_ended()
        callback_coros = [asyncio.ensure_future(table.on_recovery_completed(
            self.actives_for_table[table], self.standbys_for_table[table])) for table in self.tables.values()]
        if callback_coros:
            await asyncio.wait(callback_coros)
        if self.app.consumer_generation_id != generation_id:
            self.log.warning(f"Recovery rebalancing again app id {self.app.consumer_generation_id} param {generation_id}")
            return
        await seek_then_resume(self, consumer)
        self.completed.set()
        self.app.flow_control.resume()
        consumer.resume_flow()
        await cast(Any, self.app)._fetcher.maybe_start()
        self.tables.on_actives_ready()
        if not self.app.assignor.assigned_standbys():
            self.tables.on_standbys_ready()
        self.app.on_rebalance_end()
        self.log.info("Worker ready")

    Recovery._resume_streams = _resume_streams
    Recovery.on_recovery_completed = on_recovery_completed
    Recovery._marsad_seek_patched = True

    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    original_seek_to_committed = AIOKafkaConsumerThread.seek_to_committed

    async def seek_to_committed(self: Any) -> Any:
        offsets = await original_seek_to_committed(self)
        await seek_where_aiokafka_did_not(self, offsets)
        return offsets

    AIOKafkaConsumerThread.seek_to_committed = seek_to_committed


async def seek_where_aiokafka_did_not(thread: Any, offsets: dict[Any, int | None]) -> None:
    """Complete aiokafka's ``seek_to_committed``, which seeks only offsets > 0.

    ``thread`` is Faust's ``AIOKafkaConsumerThread``; ``offsets`` the committed offsets
    aiokafka returned. A stream partition committed at 0 (a rewind to the beginning) is
    sought to 0; one the group never committed (None: e.g. the replay topic before its
    first republish) is sought to its log start, the ``earliest`` reset policy. Without
    this their fetch position stayed where it was, past records fetched before a
    rebalance and dropped by Faust, which were then never delivered (seen: a worker
    started after ``marsad replay republish`` never read the 20 republished records).
    Changelog partitions are left alone (table recovery seeks them itself).
    """
    zeros = {tp: 0 for tp, offset in offsets.items() if offset == 0}
    never = [tp for tp, offset in offsets.items() if offset is None and not thread.consumer._is_changelog_tp(tp)]
    expected = _expected_starts(thread.consumer)
    expected.update(zeros)
    if zeros:
        await thread.seek_wait(zeros)
    if never:
        await thread.call_thread(thread._ensure_consumer().seek_to_beginning, *never)
        starts = await thread.earliest_offsets(*never)
        expected.update({tp: int(starts[tp]) for tp in never if starts.get(tp) is not None})


def _expected_starts(consumer: Any) -> dict[Any, int]:
    """``consumer._marsad_expected``: where each partition without a (non-zero) committed
    offset was sought to, i.e. the first offset its next commit must cover."""
    starts = getattr(consumer, "_marsad_expected", None)
    if starts is None:
        starts = consumer._marsad_expected = {}
    return starts


def expected_offset(consumer: Any, tp: Any) -> int | None:
    """The next offset ``consumer`` must process on ``tp`` before it may commit: the
    committed offset, else where the partition was sought to (0 or the log start), else
    None (unknown: Faust's own rule applies)."""
    committed = consumer._committed_offset.get(tp)
    if committed is not None:
        return int(committed)
    return getattr(consumer, "_marsad_expected", {}).get(tp)


def committable_run(acked: list[int], expected: int | None) -> bool:
    """True when the acked offsets ``acked`` (any order, non-empty) may be committed from
    ``expected``: their smallest is ``expected`` or below (re-acks of committed offsets)
    or ``expected`` is unknown. False means a hole: offset ``expected`` was never acked."""
    return expected is None or min(acked) <= expected


def already_done(offset: int, committed: int | None, acked_index: set[int] | frozenset[int]) -> bool:
    """True when a re-fetched record at ``offset`` needs no processing: it lies below the
    committed offset (the next to process) or was acked already."""
    return (committed is not None and offset < committed) or offset in acked_index


def _patch_producer_buffer_flush() -> None:
    from faust.transport.producer import ProducerBuffer

    if getattr(ProducerBuffer, "_marsad_flush_patched", False):
        return
    original_put, original_send = ProducerBuffer.put, ProducerBuffer._send_pending

    def put(self: Any, fut: Any) -> None:
        self._marsad_unsent = getattr(self, "_marsad_unsent", 0) + 1
        original_put(self, fut)

    async def _send_pending(self: Any, fut: Any) -> None:
        try:
            await original_send(self, fut)
        finally:
            self._marsad_unsent = getattr(self, "_marsad_unsent", 1) - 1

    async def flush(self: Any) -> None:
        while getattr(self, "_marsad_unsent", 0) > 0:
            if self.state != "running":
                await self.flush_atmost(None)  # Faust's own behaviour while stopping
                return
            await self.flush_atmost(None)
            if getattr(self, "_marsad_unsent", 0) > 0:
                await asyncio.sleep(0.01)  # the last message is being handed over

    ProducerBuffer.put = put
    ProducerBuffer._send_pending = _send_pending
    ProducerBuffer.flush = flush
    ProducerBuffer._marsad_flush_patched = True


def _patch_commit_only_contiguous() -> None:
    import time

    from faust.transport.consumer import Consumer

    if getattr(Consumer, "_marsad_contiguous_patched", False):
        return
    original_new_offset = Consumer._new_offset

    def _new_offset(self: Any, tp: Any) -> int | None:
        acked = self._acked[tp]
        if acked:
            expected = expected_offset(self, tp)
            holes = getattr(self, "_marsad_holes", None)
            if holes is None:
                holes = self._marsad_holes = {}
            if not committable_run(acked, expected):
                if tp not in holes or holes[tp][0] != expected:
                    log.warning("commit held on %s[%s]: offset %s was never processed (first acked: %s); "
                                "it will be fetched again", tp.topic, tp.partition, expected, min(acked))
                    holes[tp] = (expected, time.monotonic())
                return None
            holes.pop(tp, None)
        return original_new_offset(self, tp)

    async def _add_gap(self: Any, tp: Any, offset_from: int, offset_to: int) -> None:
        # Marsad's stream topics are neither compacted nor transactional: offsets have no
        # holes, so a fetch that jumped forward skipped records. Record no gap (Faust's
        # would count them as done); the commit holds at the first of them instead.
        log.warning("fetch of %s[%s] jumped from offset %s to %s; the records between are fetched again",
                    tp.topic, tp.partition, offset_from - 1, offset_to)

    Consumer._new_offset = _new_offset
    Consumer._add_gap = _add_gap
    Consumer._marsad_contiguous_patched = True


def _patch_redeliver_unacked() -> None:
    from faust.transport.consumer import Consumer

    if getattr(Consumer, "_marsad_redeliver_patched", False):
        return

    async def _drain_messages(self: Any, fetcher: Any) -> None:  # faust 0.15.3, one branch added
        callback = self.callback
        getmany = self.getmany
        consumer_should_stop = self._stopped.is_set
        fetcher_should_stop = fetcher._stopped.is_set
        get_read_offset = self._read_offset.__getitem__
        set_read_offset = self._read_offset.__setitem__
        from faust.transport.consumer import CONSUMER_FETCHING

        set_flag, unset_flag = self.diag.set_flag, self.diag.unset_flag
        commit_every = self._commit_every
        acks_enabled_for = self.app.topics.acks_enabled_for
        yield_every = 100
        num_since_yield = 0
        try:
            while not (consumer_should_stop() or fetcher_should_stop()):
                set_flag(CONSUMER_FETCHING)
                ait = getmany(timeout=1.0)
                await self.sleep(0)
                if not self.should_stop:
                    async for tp, message in ait:
                        num_since_yield += 1
                        if num_since_yield > yield_every:
                            await asyncio.sleep(0)
                            num_since_yield = 0
                        offset = message.offset
                        r_offset = get_read_offset(tp)
                        if r_offset is None or offset >= r_offset:
                            gap = offset - (r_offset or 0)
                            if gap > 1 and r_offset and acks_enabled_for(message.topic):
                                await self._add_gap(tp, r_offset + 1, offset)
                        elif already_done(offset, self._committed_offset.get(tp), self._acked_index.get(tp, ())):
                            self.log.dev("DROPPED MESSAGE ROFF %r", offset)
                            continue
                        else:  # re-fetched, never processed: deliver it again
                            log.debug("re-delivering %s[%s]@%s (read offset %s)", tp.topic, tp.partition, offset, r_offset)
                        if commit_every is not None and self._n_acked >= commit_every:
                            self._n_acked = 0
                            await self.commit()
                        await self.wait_first(callback(message), self.suspend_flow.wait())
                        set_read_offset(tp, offset)
                    unset_flag(CONSUMER_FETCHING)
        except self.consumer_stopped_errors:
            if self.transport.app.should_stop:
                self.log.info("Broker stopped consumer, shutting down...")
                return
            raise
        except asyncio.CancelledError:
            if self.transport.app.should_stop:
                self.log.info("Consumer shutting down for user cancel.")
                return
            raise
        except Exception as exc:
            self.log.exception("Drain messages raised: %r", exc)
            raise
        finally:
            unset_flag(CONSUMER_FETCHING)

    Consumer._drain_messages = _drain_messages
    Consumer._marsad_redeliver_patched = True


def first_dropped(dropped: dict[Any, int], positions: dict[Any, int | None]) -> dict[Any, int]:
    """Where to seek partitions whose fetched records were dropped undelivered:
    ``dropped`` maps a partition to the first dropped offset, ``positions`` to the Kafka
    client's fetch position now (None: unknown, e.g. revoked). A partition is sought back
    only when its position is past the first dropped record."""
    return {tp: offset for tp, offset in dropped.items()
            if positions.get(tp) is not None and offset < positions[tp]}


def _patch_getmany_drops() -> None:
    from faust.transport.consumer import Consumer

    if getattr(Consumer, "_marsad_getmany_patched", False):
        return

    async def getmany(self: Any, timeout: float) -> Any:  # faust 0.15.3, dropped records sought back
        records, active_partitions = await self._wait_next_records(timeout)
        generation_id = self.app.consumer_generation_id
        if records is None or self.should_stop:
            return
        records_it = self.scheduler.iterate(records)
        to_message = self._to_message
        dropped: dict[Any, int] = {}

        def drop(tp: Any, record: Any) -> None:
            if tp not in dropped or record.offset < dropped[tp]:
                dropped[tp] = record.offset

        if self.flow_active:
            for tp, record in records_it:
                if not self.flow_active or self.app.consumer_generation_id != generation_id:
                    drop(tp, record)
                    for rest_tp, rest in records_it:
                        drop(rest_tp, rest)
                    break
                if active_partitions is None or tp in active_partitions or tp in self._buffered_partitions:
                    self.app.monitor.track_tp_end_offset(tp, self.highwater(tp))
                    yield tp, to_message(tp, record)
                else:
                    drop(tp, record)
            if dropped:
                await _seek_back_dropped(self, dropped)
        else:
            try:
                await self.perform_seek()
            except Exception as ex:
                self.log.warning(f"exception performing seek when flow not active {ex}")

    Consumer.getmany = getmany
    Consumer._marsad_getmany_patched = True


async def _seek_back_dropped(consumer: Any, dropped: dict[Any, int]) -> None:
    positions: dict[Any, int | None] = {}
    for tp in dropped:
        try:
            positions[tp] = await consumer.position(tp)
        except Exception:  # revoked since: its new owner starts from the committed offset
            positions[tp] = None
    todo = first_dropped(dropped, positions)
    if not todo:
        return
    log.info("fetched records dropped undelivered (rebalance or paused partition); fetching again from %s",
             {f"{tp.topic}[{tp.partition}]": off for tp, off in todo.items()})
    try:
        await consumer.seek_wait(todo)
    except Exception as exc:  # revoked meanwhile: nothing to do; otherwise the stall watchdog remains
        log.warning("could not seek back %s: %s", todo, exc)
