"""Python client of the Nautilus dual message bus (Redis Streams), wire-compatible with the Java bus.

    from nautilus_bus import DualBusClient, MessageType, Priority

    bus = DualBusClient("redis://localhost:6380", "redis://localhost:6381", engine="risk_py")
    bus.publish(MessageType.RISK_METRIC, "risk.metric.var", {"var_95": 1234.5}, priority=Priority.URGENT)
    bus.subscribe("risk_py", "risk_py-1", [MessageType.STRATEGY_SIGNAL], ["strategy.*"], print)
    bus.run()
"""

from .client import DualBusClient, Settings, Subscription
from .dead_letters import DeadLetter
from .envelope import (Bus, MalformedEnvelope, Message, MessageType, PayloadError, Priority, decode, encode,
                       format_timestamp, new_id, parse_timestamp)
from .routing import RoutingTable
from .topics import TopicPattern, is_valid_topic

__version__ = "0.1.0"

__all__ = [
    "Bus", "DeadLetter", "DualBusClient", "MalformedEnvelope", "Message", "MessageType", "PayloadError", "Priority",
    "RoutingTable", "Settings", "Subscription", "TopicPattern", "decode", "encode", "format_timestamp",
    "is_valid_topic", "new_id", "parse_timestamp",
]
