"""Session fixtures: the corpus, a real Kafka broker and a real PostgreSQL.

Services start once per test session on free ports and are stopped at the end.
Each test gets its own topic prefix, consumer group and database, so tests do not
see each other's data.
"""

from __future__ import annotations

import itertools
import json
import os
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("MARSAD_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
_counter = itertools.count()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS}: it lives beside the project root in ../shared/corpus "
                    "(or set MARSAD_CORPUS_DIR)")
    return CORPUS


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real Kafka 4.1 broker (KRaft) for the session."""
    from marsad.broker import local

    local.install(quiet=True)
    data_dir = tmp_path_factory.mktemp("kafka")
    broker = local.start(data_dir)
    try:
        yield broker
    finally:
        local.stop(data_dir)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A real PostgreSQL for the session (private cluster unless MARSAD_TEST_DB_URL is set)."""
    if os.environ.get("MARSAD_TEST_DB_URL"):
        yield None
        return
    from tests.support.postgres import start_cluster

    try:
        cluster = start_cluster()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Any) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    if pg_cluster is None:
        return os.environ["MARSAD_TEST_DB_URL"]
    return pg_cluster.create_database(f"t_{uuid.uuid4().hex[:10]}")


@pytest.fixture
def pipeline_settings(kafka_broker: Any, pg_url: str) -> Any:
    """Settings for one test: its own topics, consumer group and database."""
    from marsad.config import Settings

    n = next(_counter)
    tag = uuid.uuid4().hex[:6]
    return Settings(broker=kafka_broker.bootstrap, db_url=pg_url, topic_prefix=f"t{n}{tag}",
                    partitions=4, app_id=f"marsad-test-{n}-{tag}", sink_batch=200)
