"""Secrets never leak: the database password (inside MARSAD_DB_URL) and the Kafka SASL
password come from the environment or a TOML config file, and no command prints or
logs them, on success or on failure (a test greps every output and log). Kafka SASL/TLS
settings reach both Kafka clients (kafka-python producers, Faust/aiokafka workers).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from marsad import store
from marsad.config import Settings
from marsad.kafka_admin import ensure_topics
from tests.integration.test_faults import WORKER_ENV, corpus_lines
from tests.support.workers import WorkerProcess, wait_until

pytestmark = pytest.mark.integration

DB_SECRET = "Db-s3cret-PW-41ab"
KAFKA_SECRET = "Kafka-s3cret-PW-93cd"
SECRETS = (DB_SECRET, KAFKA_SECRET)


def _with_password(url: str, password: str) -> str:
    # trust authentication: PostgreSQL accepts any password, so the URL works as given
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def _env(settings: Settings, db_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    env.update(MARSAD_BROKER=settings.broker, MARSAD_DB_URL=db_url, MARSAD_TOPIC_PREFIX=settings.topic_prefix,
               MARSAD_PARTITIONS=str(settings.partitions), MARSAD_APP_ID=settings.app_id,
               MARSAD_KAFKA_USERNAME="marsad", MARSAD_KAFKA_PASSWORD=KAFKA_SECRET, **WORKER_ENV)
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def test_no_command_prints_or_logs_secrets(pipeline_settings, corpus_dir, tmp_path):
    settings = pipeline_settings
    ensure_topics(settings)
    db_url = _with_password(settings.db_url, DB_SECRET)
    env = _env(settings, db_url)
    cwd = tmp_path  # no ./marsad.toml from the repository
    outputs: dict[str, str] = {}
    sample = tmp_path / "sample.jsonl"
    sample.write_bytes(b"\n".join(line for _, _, line in corpus_lines(corpus_dir / "saudinewsnet-5k.jsonl", 50)) + b"\n"
                       + b'{"source": "x", "title": "bad"}\n')

    for name, args in {"db init": ["db", "init"], "produce": ["produce", str(sample)],
                       "topics list": ["topics", "list"]}.items():
        r = _run(args, env, cwd)
        assert r.returncode == 0, (name, r.stdout[-2000:], r.stderr[-2000:])
        outputs[name] = r.stdout + r.stderr

    worker = WorkerProcess(settings.with_(db_url=db_url), tmp_path / "worker.log",
                           {"MARSAD_KAFKA_USERNAME": "marsad", "MARSAD_KAFKA_PASSWORD": KAFKA_SECRET, **WORKER_ENV})
    engine = store.make_engine(db_url)
    try:
        wait_until(lambda: store.summary(engine)["articles"] == 50, 240, "the sample in SQL", [worker])
        for name, args in {"status": ["status"], "status --json": ["status", "--json"],
                           "db summary": ["db", "summary"]}.items():
            r = _run(args, env, cwd)
            assert r.returncode == 0, (name, r.stdout[-2000:], r.stderr[-2000:])
            outputs[name] = r.stdout + r.stderr
    finally:
        worker.stop()
    outputs["worker log"] = worker.log_path.read_text(errors="replace")

    # failures: an unreachable database and a malformed URL must not echo the password
    dead_db = make_url(db_url).set(port=1).render_as_string(hide_password=False)
    for name, args, e in (
        ("db summary, database down", ["db", "summary"], _env(settings, dead_db)),
        ("status, database down", ["status"], _env(settings, dead_db)),
        ("db init, malformed URL", ["db", "init"], _env(settings, f"postgresql+psycopg2://u:{DB_SECRET}@host:notaport/db")),
    ):
        r = _run(args, e, cwd, timeout=120)
        assert r.returncode != 0 or "error" in r.stdout.lower(), name  # status reports a store error and goes on
        outputs[name] = r.stdout + r.stderr

    # the same secrets from a TOML config file instead of the environment
    config = tmp_path / "marsad.toml"
    config.write_text(f'[marsad]\nbroker = "{settings.broker}"\ndb_url = "{db_url}"\ntopic_prefix = "{settings.topic_prefix}"\n'
                      f'app_id = "{settings.app_id}"\nsasl_username = "marsad"\nsasl_password = "{KAFKA_SECRET}"\n')
    file_env = {k: v for k, v in os.environ.items() if not k.startswith("MARSAD_")}
    file_env["MARSAD_CONFIG"] = str(config)
    r = _run(["db", "summary"], file_env, cwd)
    assert r.returncode == 0 and "50" in r.stdout, r.stdout + r.stderr
    outputs["db summary (config file)"] = r.stdout + r.stderr

    leaks = {name: _leaks(text) for name, text in outputs.items() if _leaks(text)}
    assert not leaks, f"secrets printed or logged by: {leaks}"
    assert len(outputs) == 11
    print("SECURITY outputs checked: " + ", ".join(outputs))


def test_sasl_and_tls_settings_from_environment_and_file(tmp_path, monkeypatch):
    """SASL/TLS settings reach kafka-python (producers) and Faust (workers); the
    password never appears in the settings' repr or redacted form."""
    from agents.app import faust_broker_credentials

    cafile = tmp_path / "ca.pem"
    cafile.write_text("")  # never read here for SASL_PLAINTEXT
    for var in [k for k in os.environ if k.startswith("MARSAD_")]:
        monkeypatch.delenv(var)
    monkeypatch.setenv("MARSAD_KAFKA_SECURITY", "SASL_PLAINTEXT")
    monkeypatch.setenv("MARSAD_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("MARSAD_KAFKA_USERNAME", "marsad")
    monkeypatch.setenv("MARSAD_KAFKA_PASSWORD", KAFKA_SECRET)
    monkeypatch.setenv("MARSAD_DB_URL", f"postgresql+psycopg2://marsad:{DB_SECRET}@db/marsad")
    monkeypatch.chdir(tmp_path)
    s = Settings.load()
    kw = s.kafka_client_kwargs()
    assert kw == {"security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "SCRAM-SHA-512",
                  "sasl_plain_username": "marsad", "sasl_plain_password": KAFKA_SECRET}
    creds: Any = faust_broker_credentials(s)
    assert creds.username == "marsad" and creds.password == KAFKA_SECRET and creds.mechanism.name == "SCRAM_SHA_512"
    assert not _leaks(repr(s)) and not _leaks(str(s.redacted())) and not _leaks(str(s))
    assert store.describe(s.db_url).count("***") == 1

    for var in [k for k in os.environ if k.startswith("MARSAD_")]:
        monkeypatch.delenv(var)
    (tmp_path / "marsad.toml").write_text(
        f'[marsad]\nsecurity_protocol = "SASL_SSL"\nsasl_mechanism = "PLAIN"\nsasl_username = "marsad"\n'
        f'sasl_password = "{KAFKA_SECRET}"\nssl_cafile = "{cafile}"\n')
    s = Settings.load()
    assert s.kafka_client_kwargs()["ssl_cafile"] == str(cafile) and s.sasl_password == KAFKA_SECRET
    assert not _leaks(repr(s))
