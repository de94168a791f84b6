"""The local broker's pure parts: server.properties, ports, ids, tool checks, CLI status."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.broker import local


def parse(text: str) -> dict[str, str]:
    """Java-properties-like parse: last occurrence of a key wins, as in Kafka."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, value = line.partition("=")
        out[key.strip()] = value.strip()
    return out


def render(**kw: object) -> dict[str, str]:
    args: dict[str, object] = {"log_dirs": Path("/tmp/x/kafka-data"), "port": 19092, "controller_port": 19093}
    args.update(kw)
    return parse(local.render_server_properties(**args))  # type: ignore[arg-type]


def test_single_combined_kraft_node() -> None:
    p = render()
    assert p["process.roles"] == "broker,controller"
    assert p["node.id"] == "1"
    assert p["controller.quorum.voters"] == "1@127.0.0.1:19093"
    assert p["listeners"] == "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093"
    assert p["advertised.listeners"] == "PLAINTEXT://127.0.0.1:19092"
    assert p["controller.listener.names"] == "CONTROLLER"
    assert p["inter.broker.listener.name"] == "PLAINTEXT"
    assert p["listener.security.protocol.map"] == "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
    assert p["log.dirs"] == "/tmp/x/kafka-data"


def test_everything_replicated_once_and_fast_group_joins() -> None:
    p = render()
    for key in (
        "offsets.topic.replication.factor",
        "transaction.state.log.replication.factor",
        "transaction.state.log.min.isr",
        "share.coordinator.state.topic.replication.factor",
        "share.coordinator.state.topic.min.isr",
        "default.replication.factor",
    ):
        assert p[key] == "1", key
    assert p["offsets.topic.num.partitions"] == "1"
    assert p["transaction.state.log.num.partitions"] == "1"
    assert p["group.initial.rebalance.delay.ms"] == "0"
    assert p["auto.create.topics.enable"] == "false"


def test_retention_keeps_kafka_defaults() -> None:
    text = local.render_server_properties(log_dirs=Path("/d"), port=1, controller_port=2)
    assert not re.search(r"^log\.retention", text, re.M)


def test_log_dirs_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert render(log_dirs=Path("rel/data"))["log.dirs"] == str(tmp_path / "rel" / "data")


def test_extra_properties_override() -> None:
    p = render(extra={"broker.session.timeout.ms": 4000, "auto.create.topics.enable": True})
    assert p["broker.session.timeout.ms"] == "4000"
    assert p["auto.create.topics.enable"] == "true"


def test_custom_host_and_node() -> None:
    p = render(host="10.0.0.5", node_id=3)
    assert p["controller.quorum.voters"] == "3@10.0.0.5:19093"
    assert p["advertised.listeners"] == "PLAINTEXT://10.0.0.5:19092"


@pytest.mark.parametrize("ports", [(9092, 9092), (0, 9093), (9092, 70000)])
def test_bad_ports_rejected(ports: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        local.render_server_properties(log_dirs=Path("/d"), port=ports[0], controller_port=ports[1])


def test_cluster_ids_look_like_kafka_uuids() -> None:
    ids = {local._new_cluster_id() for _ in range(200)}
    assert len(ids) == 200
    for cid in ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", cid) and not cid.startswith("-")


def test_bootstrap_property() -> None:
    b = local.LocalBroker(data_dir=Path("/d"), port=19092, controller_port=19093, pid=None)
    assert b.bootstrap == "127.0.0.1:19092"
    assert b.log_file == Path("/d/logs/server.log")


def test_free_port_is_bindable() -> None:
    port = local.free_port()
    assert local.port_is_free(port)
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        s.listen()
        assert not local.port_is_free(port)


def test_default_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_BROKER_PORT", "12345")
    assert local.default_port(tmp_path) == 12345
    monkeypatch.delenv("MARSAD_BROKER_PORT")
    (tmp_path / "broker.json").write_text(json.dumps({"port": 23456, "controller_port": 23457}))
    assert local.default_port(tmp_path) is None  # start() reuses the recorded ports
    assert local.default_port(tmp_path / "fresh") in (9092, None)


def test_paths_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_KAFKA_HOME", str(tmp_path / "kh"))
    monkeypatch.setenv("MARSAD_BROKER_DIR", str(tmp_path / "bd"))
    monkeypatch.setenv("MARSAD_KAFKA_HEAP", "512m")
    assert local.libs_dir() == tmp_path / "kh" / "libs"
    assert local.default_data_dir() == tmp_path / "bd"
    assert local.default_heap() == "512m"
    assert not local.is_installed()


def test_default_cache_is_outside_the_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARSAD_KAFKA_HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert local.kafka_home() == (Path.home() / ".cache" / "marsad" / f"kafka-{local.KAFKA_VERSION}").resolve()


def test_missing_maven_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(local.ToolMissingError, match="apt-get install maven"):
        local.find_mvn()


def test_missing_java_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "nojava"))
    with pytest.raises(local.ToolMissingError, match="openjdk-17"):
        local.find_java()


def test_status_of_empty_or_stale_dir(tmp_path: Path) -> None:
    assert local.status(tmp_path) is None
    (tmp_path / "broker.json").write_text(json.dumps({"port": 1, "controller_port": 2, "pid": 2**22 + 7}))
    (tmp_path / "broker.pid").write_text(f"{2**22 + 7}\n")
    assert local.status(tmp_path) is None
    assert not (tmp_path / "broker.pid").exists()  # stale pid file cleaned
    assert json.loads((tmp_path / "broker.json").read_text())["pid"] is None
    assert local.stop(tmp_path) is False
    assert local.kill(tmp_path) is False


def test_pid_of_another_process_is_not_ours(tmp_path: Path) -> None:
    import os

    (tmp_path / "broker.json").write_text(json.dumps({"port": 1, "controller_port": 2}))
    (tmp_path / "broker.pid").write_text(f"{os.getpid()}\n")  # alive, but not a Kafka JVM
    assert local.status(tmp_path) is None


def test_cli_status_exit_codes(tmp_path: Path) -> None:
    from marsad.commands.broker import broker

    result = CliRunner().invoke(broker, ["status", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "not running" in result.output
    result = CliRunner().invoke(broker, ["status", "--json", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert json.loads(result.output) == {"running": False, "data_dir": str(tmp_path.resolve())}


def test_cli_help_lists_subcommands() -> None:
    from marsad.commands.broker import broker

    result = CliRunner().invoke(broker, ["--help"])
    assert result.exit_code == 0
    for name in ("install", "start", "stop", "status", "restart", "logs"):
        assert name in result.output
