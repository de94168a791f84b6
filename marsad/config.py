"""Settings of a Marsad deployment, from environment variables or a TOML file.

Precedence: explicit keyword arguments > environment variables > the TOML file named
by ``MARSAD_CONFIG`` (or ``./marsad.toml`` if present) > defaults. Secrets (SASL
password, database password inside the URL) are never printed: use
:meth:`Settings.redacted` when showing settings to a user.

Environment variables (all optional):

===========================  =======================================  ======================
variable                     meaning                                  default
===========================  =======================================  ======================
MARSAD_BROKER                Kafka bootstrap servers                  127.0.0.1:9092
MARSAD_DB_URL                SQLAlchemy URL of the store              sqlite:///marsad.db
MARSAD_TOPIC_PREFIX          prefix of every topic name               marsad
MARSAD_PARTITIONS            partitions of the pipeline topics        4
MARSAD_APP_ID                Faust app id (= consumer group)          marsad
MARSAD_MAX_TEXT_BYTES        larger article texts are dead-lettered   2000000
MARSAD_SINK_BATCH            rows per SQL transaction                 500
MARSAD_KAFKA_SECURITY        PLAINTEXT | SSL | SASL_PLAINTEXT | ...   PLAINTEXT
MARSAD_KAFKA_SASL_MECHANISM  PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512    (none)
MARSAD_KAFKA_USERNAME        SASL user                                (none)
MARSAD_KAFKA_PASSWORD        SASL password                            (none)
MARSAD_KAFKA_CAFILE          CA bundle for TLS                        (none)
===========================  =======================================  ======================
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

_ENV = {
    "broker": "MARSAD_BROKER",
    "db_url": "MARSAD_DB_URL",
    "topic_prefix": "MARSAD_TOPIC_PREFIX",
    "partitions": "MARSAD_PARTITIONS",
    "app_id": "MARSAD_APP_ID",
    "max_text_bytes": "MARSAD_MAX_TEXT_BYTES",
    "sink_batch": "MARSAD_SINK_BATCH",
    "security_protocol": "MARSAD_KAFKA_SECURITY",
    "sasl_mechanism": "MARSAD_KAFKA_SASL_MECHANISM",
    "sasl_username": "MARSAD_KAFKA_USERNAME",
    "sasl_password": "MARSAD_KAFKA_PASSWORD",
    "ssl_cafile": "MARSAD_KAFKA_CAFILE",
    "web_port": "MARSAD_WEB_PORT",
}

_SECRET_FIELDS = {"sasl_password"}


@dataclass(frozen=True, repr=False)
class Settings:
    """Everything a producer, worker or command needs to find the broker and the store."""

    broker: str = "127.0.0.1:9092"
    db_url: str = "sqlite:///marsad.db"
    topic_prefix: str = "marsad"
    partitions: int = 4
    app_id: str = "marsad"
    max_text_bytes: int = 2_000_000
    sink_batch: int = 500
    security_protocol: str = "PLAINTEXT"
    sasl_mechanism: str | None = None
    sasl_username: str | None = None
    sasl_password: str | None = field(default=None, repr=False)
    ssl_cafile: str | None = None
    web_port: int = 0  # 0: Faust's web server disabled

    @classmethod
    def load(cls, config_file: str | Path | None = None, **overrides: Any) -> "Settings":
        """Build settings from file, environment and ``overrides`` (non-None values win).

        Raises ``ValueError`` with the offending variable named when a value has the
        wrong type (e.g. ``MARSAD_PARTITIONS=four``).
        """
        values: dict[str, Any] = {}
        path = config_file or os.environ.get("MARSAD_CONFIG")
        if path is None and Path("marsad.toml").is_file():
            path = "marsad.toml"
        if path:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
            data = data.get("marsad", data)
            unknown = set(data) - {f.name for f in fields(cls)}
            if unknown:
                raise ValueError(f"{path}: unknown settings {sorted(unknown)}")
            values.update(data)
        for name, var in _ENV.items():
            if var in os.environ and os.environ[var] != "":
                values[name] = os.environ[var]
        values.update({k: v for k, v in overrides.items() if v is not None})
        typed: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in values:
                continue
            raw = values[f.name]
            if f.type in ("int",) or isinstance(f.default, int) and not isinstance(f.default, bool):
                try:
                    typed[f.name] = int(raw)
                except (TypeError, ValueError):
                    raise ValueError(f"{_ENV.get(f.name, f.name)} must be an integer, got {raw!r}") from None
            else:
                typed[f.name] = raw
        return cls(**typed)

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in self.redacted().items()) + ")"

    __str__ = __repr__

    def with_(self, **changes: Any) -> "Settings":
        """A copy with ``changes`` applied."""
        return replace(self, **changes)

    def redacted(self) -> dict[str, Any]:
        """Settings as a dict safe to print or log: passwords masked, also inside the DB URL."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in _SECRET_FIELDS and value:
                value = "***"
            elif f.name == "db_url":
                value = redact_url(value)
            out[f.name] = value
        return out

    def kafka_client_kwargs(self) -> dict[str, Any]:
        """Security keyword arguments shared by kafka-python and aiokafka clients."""
        kw: dict[str, Any] = {"security_protocol": self.security_protocol}
        if self.sasl_mechanism:
            kw["sasl_mechanism"] = self.sasl_mechanism
            kw["sasl_plain_username"] = self.sasl_username
            kw["sasl_plain_password"] = self.sasl_password
        if self.ssl_cafile:
            kw["ssl_cafile"] = self.ssl_cafile
        return kw


def redact_url(url: str) -> str:
    """``url`` with its password replaced by ``***`` (unparseable URLs are returned masked)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable database URL>"


def env_number(var: str, default: float, *, what: str, cast: type = float, minimum: float | None = None) -> Any:
    """The environment variable ``var`` read with ``cast`` (``float`` or ``int``); ``default``
    when it is unset or blank; raised to ``minimum`` when given. A value ``cast`` cannot read
    raises ``ValueError("<var> must be <what>, got '<value>'")``."""
    raw = os.environ.get(var, "").strip()
    if not raw:
        value = default
    else:
        try:
            value = cast(raw)
        except ValueError:
            raise ValueError(f"{var} must be {what}, got {raw!r}") from None
    return value if minimum is None else max(minimum, value)
