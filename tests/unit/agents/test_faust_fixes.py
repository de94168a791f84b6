"""The faust-streaming fixes for at-least-once delivery (agents.faust_fixes), on a Faust app
that never connects: consumer bookkeeping and producer settings only."""

from __future__ import annotations

import faust
import pytest
from faust.types import TP
from faust.types.tuples import ConsumerMessage

from agents import faust_fixes

TOPIC = "marsad-unit-raw"


@pytest.fixture()
def app() -> faust.App:
    faust_fixes.apply()
    app = faust.App("marsad-unit-fixes", broker="kafka://127.0.0.1:1", autodiscover=False)
    app.topic(TOPIC)  # acks are only recorded for topics the app subscribes to
    app.topics._acking_topics.add(TOPIC)
    app.consumer_generation_id = 7
    app.flow_control.resume()
    return app


def message(offset: int, generation: int) -> ConsumerMessage:
    return ConsumerMessage(TOPIC, 0, offset, 0.0, 0, [], b"k", b"v", None, generation_id=generation)


def test_ack_of_current_message_counts_toward_the_commit(app: faust.App) -> None:
    consumer = app.consumer
    for offset in (0, 1, 2):
        assert consumer.ack(message(offset, 7))
    assert consumer._new_offset(TP(TOPIC, 0)) == 3


def test_ack_of_message_from_an_earlier_generation_is_not_recorded(app: faust.App) -> None:
    """Stale messages acked after their partition was revoked (committed offset unknown)
    must not let the next commit jump over the re-read copies."""
    consumer = app.consumer
    stale = [message(offset, 6) for offset in (10, 11, 12)]
    for m in stale:
        assert consumer.ack(m) is False
        assert m.acked
    assert consumer._new_offset(TP(TOPIC, 0)) is None
    consumer._committed_offset[TP(TOPIC, 0)] = 10
    assert consumer.ack(message(10, 7))
    assert consumer._new_offset(TP(TOPIC, 0)) == 11  # not 13: 11 and 12 are still to do


def test_ack_while_flow_is_suspended_is_not_recorded(app: faust.App) -> None:
    app.flow_control.suspend()
    assert app.consumer.ack(message(0, 7)) is False
    assert app.consumer._new_offset(TP(TOPIC, 0)) is None


def test_apply_is_idempotent_and_producer_is_idempotent(app: faust.App) -> None:
    faust_fixes.apply()
    faust_fixes.apply()
    extra = app.producer._settings_extra()
    assert extra["enable_idempotence"] is True
    assert extra["acks"] == "all"


class _FakeAioConsumer:
    def __init__(self) -> None:
        self.to_beginning: list = []

    async def seek_to_beginning(self, *tps) -> None:
        self.to_beginning.extend(tps)


class _FakeThread:
    """The parts of Faust's AIOKafkaConsumerThread the seek completion uses."""

    def __init__(self, changelogs: set) -> None:
        self.sought: dict = {}
        self.aio = _FakeAioConsumer()
        self.consumer = type("C", (), {"_is_changelog_tp": lambda _self, tp: tp in changelogs})()

    async def seek_wait(self, offsets: dict) -> None:
        self.sought.update(offsets)

    async def call_thread(self, fn, *args):
        return await fn(*args)

    def _ensure_consumer(self) -> _FakeAioConsumer:
        return self.aio


def test_seek_completion_covers_offsets_zero_and_never_committed() -> None:
    import asyncio

    from agents.faust_fixes import seek_where_aiokafka_did_not

    thread = _FakeThread(changelogs={"changelog-0"})
    offsets = {"raw-0": 0, "raw-1": 57, "replay-0": None, "changelog-0": None}
    asyncio.run(seek_where_aiokafka_did_not(thread, offsets))
    assert thread.sought == {"raw-0": 0}  # aiokafka itself sought raw-1 to 57
    assert thread.aio.to_beginning == ["replay-0"]  # never committed: the earliest reset policy


def test_seek_completion_does_nothing_when_aiokafka_sought_everything() -> None:
    import asyncio

    from agents.faust_fixes import seek_where_aiokafka_did_not

    thread = _FakeThread(changelogs=set())
    asyncio.run(seek_where_aiokafka_did_not(thread, {"raw-0": 3, "raw-1": 9}))
    assert thread.sought == {} and thread.aio.to_beginning == []
