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

    async def earliest_offsets(self, *tps) -> dict:
        return {tp: 40 for tp in tps}

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
    # the first offset each of them must commit from: 0, and the log start
    assert thread.consumer._marsad_expected == {"raw-0": 0, "replay-0": 40}


def test_seek_completion_does_nothing_when_aiokafka_sought_everything() -> None:
    import asyncio

    from agents.faust_fixes import seek_where_aiokafka_did_not

    thread = _FakeThread(changelogs=set())
    asyncio.run(seek_where_aiokafka_did_not(thread, {"raw-0": 3, "raw-1": 9}))
    assert thread.sought == {} and thread.aio.to_beginning == []


# --- commits move only over contiguous acked offsets (fix 5) and unprocessed re-fetched
# --- records are delivered again (fix 6) ----------------------------------------------


def test_committable_run_requires_the_expected_offset_first() -> None:
    from agents.faust_fixes import committable_run

    assert committable_run([100, 101], 100)
    assert committable_run([99, 100], 100)  # a re-ack of a committed offset
    assert not committable_run([101, 102], 100)  # Faust allowed this one-offset hole
    assert not committable_run([300, 301], 100)
    assert committable_run([5], None)  # unknown start: Faust's own rule


def test_commit_held_at_a_hole_after_the_committed_offset(app: faust.App) -> None:
    """Offsets 10 and 11 acked, 9 never: Faust committed 12 (its head check allows one
    missing offset); the commit now waits for 9 and the hole is recorded."""
    consumer, tp = app.consumer, TP(TOPIC, 0)
    consumer._committed_offset[tp] = 9
    for offset in (10, 11):
        assert consumer.ack(message(offset, 7))
    assert consumer._new_offset(tp) is None
    assert consumer._marsad_holes[tp][0] == 9
    assert consumer.ack(message(9, 7))  # re-fetched and processed
    assert consumer._new_offset(tp) == 12
    assert tp not in consumer._marsad_holes


def test_commit_held_when_nothing_was_committed_and_offset_0_is_missing(app: faust.App) -> None:
    """A partition the group never committed, sought to its log start 0: Faust had no
    head check at all there and committed 201 over 200 records never processed."""
    consumer, tp = app.consumer, TP(TOPIC, 0)
    consumer._marsad_expected = {tp: 0}
    for offset in range(200, 202):
        consumer.ack(message(offset, 7))
    assert consumer._new_offset(tp) is None
    for offset in range(0, 200):
        consumer.ack(message(offset, 7))
    assert consumer._new_offset(tp) == 202


def test_forward_jump_of_the_fetch_records_no_gap(app: faust.App) -> None:
    import asyncio

    consumer, tp = app.consumer, TP(TOPIC, 0)
    consumer._committed_offset[tp] = 5
    asyncio.run(consumer._add_gap(tp, 6, 20))
    consumer.ack(message(20, 7))
    assert not consumer._gap.get(tp)
    assert consumer._new_offset(tp) is None  # 5..19 still to do


def test_already_done_only_below_committed_or_acked() -> None:
    from agents.faust_fixes import already_done

    assert already_done(4, 5, set())
    assert already_done(7, 5, {7})
    assert not already_done(6, 5, {7})  # fetched again, never processed: deliver
    assert not already_done(0, None, set())


def test_records_fetched_again_below_the_read_offset_are_delivered_unless_done(app: faust.App) -> None:
    """The drain loop with a read offset ahead of the fetch (a rebalance cut a delivery
    short): acked or committed records are dropped, the never-processed one delivered."""
    import asyncio

    consumer, tp = app.consumer, TP(TOPIC, 0)
    consumer._committed_offset[tp] = 5
    consumer._acked_index[tp] = {6}
    consumer._read_offset[tp] = 10
    delivered: list[int] = []

    class Fetcher:
        _stopped = asyncio.Event()

    async def callback(msg: ConsumerMessage) -> None:
        delivered.append(msg.offset)

    async def getmany(timeout: float):
        for offset in (4, 6, 7, 8, 11):
            yield tp, message(offset, 7)
        Fetcher._stopped.set()

    async def wait_first(*coros):  # mode's needs a started service; delivery is the first
        await coros[0]
        coros[1].close()

    async def run() -> None:
        consumer.callback = callback
        consumer.getmany = getmany
        consumer.wait_first = wait_first
        await consumer._drain_messages(Fetcher())

    asyncio.run(run())
    assert delivered == [7, 8, 11]
    assert consumer._read_offset[tp] == 11


def test_first_dropped_seeks_back_only_past_positions() -> None:
    a, b, c = TP(TOPIC, 0), TP(TOPIC, 1), TP(TOPIC, 2)
    # a: the client moved past the dropped records; b: a seek since put it below them;
    # c: revoked (position unknown)
    assert faust_fixes.first_dropped({a: 183, b: 200, c: 5}, {a: 218, b: 183, c: None}) == {a: 183}


def test_a_batch_that_outlives_its_generation_is_fetched_again(app: faust.App) -> None:
    """getmany started before a rebalance, its records came after: Faust dropped them
    while the client's fetch position had moved past them (the 60 s stall of a worker
    joining mid-backlog). They are now sought back to the first dropped offset."""
    import asyncio
    from types import SimpleNamespace

    consumer, tp, other = app.consumer, TP(TOPIC, 0), TP(TOPIC, 1)
    sought: dict = {}

    async def wait_next_records(timeout: float):
        records = {tp: [SimpleNamespace(offset=o) for o in (183, 184, 185)],
                   other: [SimpleNamespace(offset=o) for o in (40, 41)]}
        return records, {tp, other}

    async def position(t):
        return {tp: 186, other: 40}[t]  # "other" was sought below its records since

    async def seek_wait(todo):
        sought.update(todo)

    class RoundRobin:
        @staticmethod
        def iterate(records):
            for t, recs in records.items():
                yield from ((t, r) for r in recs)

    async def run() -> list:
        consumer._wait_next_records = wait_next_records
        consumer.position = position
        consumer.seek_wait = seek_wait
        consumer.scheduler = RoundRobin()
        consumer._to_message = lambda t, r: r.offset
        consumer.highwater = lambda t: 999
        out = []
        async for t, offset in consumer.getmany(1.0):
            out.append(offset)
            app.consumer_generation_id = 8  # the rebalance lands after the first record
        return out

    assert asyncio.run(run()) == [183]
    assert sought == {tp: 184}
