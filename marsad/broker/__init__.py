"""The local Kafka broker (Apache Kafka 4.1.2 from Maven jars, single KRaft node).

The logic lives in :mod:`marsad.broker.local`; the `marsad broker` command in
:mod:`marsad.commands.broker`. The names below are re-exported for convenience.
"""

from marsad.broker.local import (
    KAFKA_VERSION,
    BrokerError,
    LocalBroker,
    ToolMissingError,
    default_data_dir,
    default_port,
    install,
    kill,
    render_server_properties,
    restart,
    start,
    status,
    stop,
)

__all__ = [
    "KAFKA_VERSION",
    "BrokerError",
    "LocalBroker",
    "ToolMissingError",
    "default_data_dir",
    "default_port",
    "install",
    "kill",
    "render_server_properties",
    "restart",
    "start",
    "status",
    "stop",
]
