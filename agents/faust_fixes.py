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
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["apply", "is_stale"]


def apply() -> None:
    """Install every fix (safe to call more than once)."""
    _patch_stale_acks()
    _patch_idempotent_producer()
    _patch_seek_before_resume()
    _patch_producer_buffer_flush()


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
    if zeros:
        await thread.seek_wait(zeros)
    if never:
        await thread.call_thread(thread._ensure_consumer().seek_to_beginning, *never)


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
