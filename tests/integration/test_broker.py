"""The local Kafka broker's lifecycle against the real JVM (marsad.broker.local).

Each test starts its own broker in a tmp dir on free ports and stops it, whatever happens.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.broker import local

pytestmark = pytest.mark.integration


@pytest.fixture
def broker_dir(tmp_path: Path) -> Iterator[Path]:
    local.install(quiet=True)
    data_dir = tmp_path / "broker"
    try:
        yield data_dir
    finally:
        local.stop(data_dir, timeout=20)
        assert local.status(data_dir) is None


def _create_topic(bootstrap: str, name: str, partitions: int = 1) -> None:
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic

    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)])
        assert name in admin.list_topics()
    finally:
        admin.close()


def _produce(bootstrap: str, topic: str, value: bytes) -> None:
    from kafka import KafkaProducer

    producer = KafkaProducer(bootstrap_servers=bootstrap)
    try:
        producer.send(topic, key=b"k", value=value).get(timeout=30)
    finally:
        producer.close()


def _consume(bootstrap: str, topic: str, count: int, timeout: float = 30) -> list[bytes]:
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"g-{uuid.uuid4().hex[:8]}",
                             auto_offset_reset="earliest", enable_auto_commit=False)
    got: list[bytes] = []
    try:
        deadline = time.monotonic() + timeout
        while len(got) < count and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=1000).values():
                got.extend(r.value for r in records)
    finally:
        consumer.close()
    return got


def test_start_status_produce_consume_stop(broker_dir: Path) -> None:
    t0 = time.monotonic()
    broker = local.start(broker_dir)
    elapsed = time.monotonic() - t0
    print(f"broker ready in {elapsed:.1f}s on {broker.bootstrap}")
    assert broker.pid is not None
    assert broker.bootstrap == f"127.0.0.1:{broker.port}"
    assert broker.port != broker.controller_port

    seen = local.status(broker_dir)
    assert seen == broker

    again = local.start(broker_dir)  # already running: the same broker, not a second JVM
    assert again.pid == broker.pid

    topic = f"t-{uuid.uuid4().hex[:8]}"
    _create_topic(broker.bootstrap, topic)
    _produce(broker.bootstrap, topic, "مرصد".encode())
    assert _consume(broker.bootstrap, topic, 1) == ["مرصد".encode()]

    assert local.stop(broker_dir) is True
    assert local.status(broker_dir) is None
    assert not (broker_dir / "broker.pid").exists()
    assert local.stop(broker_dir) is False


def test_topics_are_not_auto_created(broker_dir: Path) -> None:
    from kafka import KafkaProducer
    from kafka.errors import KafkaTimeoutError

    broker = local.start(broker_dir)
    producer = KafkaProducer(bootstrap_servers=broker.bootstrap, max_block_ms=3000)
    try:
        with pytest.raises(KafkaTimeoutError):
            producer.send("no-such-topic", b"x").get(timeout=10)
    finally:
        producer.close()


def test_restart_after_kill_keeps_ports_and_data(broker_dir: Path) -> None:
    # A short broker session makes the controller accept the new registration sooner.
    broker = local.start(broker_dir, properties={"broker.session.timeout.ms": 4000, "broker.heartbeat.interval.ms": 1000})
    topic = f"t-{uuid.uuid4().hex[:8]}"
    _create_topic(broker.bootstrap, topic)
    _produce(broker.bootstrap, topic, b"before-kill")

    assert local.kill(broker_dir) is True
    assert local.status(broker_dir) is None

    t0 = time.monotonic()
    again = local.start(broker_dir)  # same ports and extra settings, from the state file
    print(f"restart after SIGKILL ready in {time.monotonic() - t0:.1f}s")
    assert (again.port, again.controller_port) == (broker.port, broker.controller_port)
    assert again.pid != broker.pid
    assert "broker.session.timeout.ms=4000" in (broker_dir / "server.properties").read_text()
    assert _consume(again.bootstrap, topic, 1) == [b"before-kill"]

    third = local.restart(broker_dir)
    assert third.port == broker.port and third.pid != again.pid


def test_dead_jvm_reports_the_log(broker_dir: Path) -> None:
    with pytest.raises(local.BrokerError, match="invalid heap size"):
        local.start(broker_dir, heap="lots")
    # A setting that storage formatting accepts but the server cannot use makes the JVM
    # exit during startup; the error carries the log tail.
    with pytest.raises(local.BrokerError, match=r"exited with code .*\n.*---") as info:
        local.start(broker_dir, properties={"authorizer.class.name": "no.such.Authorizer"}, timeout=60)
    assert "no.such.Authorizer" in str(info.value)
    assert local.status(broker_dir) is None
    # An invalid value also fails with the JVM's message (from the format tool on a fresh
    # dir, from the broker's own startup on a formatted one, as here).
    with pytest.raises(local.BrokerError, match="num.network.threads"):
        local.start(broker_dir, properties={"num.network.threads": "not-a-number"}, timeout=60)
    with pytest.raises(local.BrokerError, match=r"(?s)formatting Kafka storage.*num.network.threads"):
        local.start(broker_dir.parent / "fresh", properties={"num.network.threads": "x"}, timeout=60)
    # A failed attempt's settings are not reused: a plain start works.
    broker = local.start(broker_dir)
    assert "no.such.Authorizer" not in (broker_dir / "server.properties").read_text()
    assert local.status(broker_dir) == broker
