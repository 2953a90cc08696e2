"""KuCoin's classic WebSocket protocol: its limits, timings and error frames, as pure data.

The sandbox enforces these, and the console page hands them to the browser, so
both read the numbers from here. Sources: KuCoin's rate-limit page and
WebSocket introduction, and what the official SDK's classic client does (see
../shared/KUCOIN-FACTS.md). Meant to move to `endpoints/kucoin/websocket.py`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

TOKEN_PATHS = {"public": "/api/v1/bullet-public", "private": "/api/v1/bullet-private"}


@dataclass(frozen=True)
class WebSocketLimits:
    """What KuCoin allows on one classic WebSocket connection."""

    topics_per_subscribe: int = 100
    # KuCoin's rate-limit page says 400 per Spot/Margin connection (an older error message says 300);
    # futures connections have no such limit.
    topics_per_spot_connection: int = 400
    client_messages: int = 100  # sent by the client (subscribe, unsubscribe, ping) ...
    client_messages_window_s: int = 10  # ... within this many seconds
    new_connections_per_minute: int = 30
    concurrent_connections: int = 800

    def as_dict(self) -> dict:
        return asdict(self)


LIMITS = WebSocketLimits()

# What KuCoin's bullet-* answers carry for each instance server.
PING_INTERVAL_MS = 18_000
PING_TIMEOUT_MS = 10_000
# The SDK gives up on a connection that sends no welcome within this time.
WELCOME_TIMEOUT_MS = 5_000
# A token from bullet-* is good for 24 hours.
TOKEN_LIFETIME_S = 24 * 3600

# Frame types of the classic protocol, as the SDK's envelope model lists them.
FRAME_TYPES = ("welcome", "ping", "pong", "subscribe", "ack", "unsubscribe", "error", "message", "notice", "command")

# Topics whose channel lives on the spot/margin servers count toward topics_per_spot_connection.
FUTURES_TOPIC_PREFIXES = ("/contract", "/contractMarket", "/contractAccount")


def is_futures_topic(topic: str) -> bool:
    """Whether a topic belongs to KuCoin's futures WebSocket (no per-connection topic limit there)."""
    return topic.split(":", 1)[0].startswith(FUTURES_TOPIC_PREFIXES)


PLACEHOLDER = re.compile(r"\{([^}]+)\}")
# One value in a topic: a symbol (BTC-USDT, XBTUSDTM), a market (USDS), a kline type (1hour).
TOPIC_VALUE = r"[A-Za-z0-9][A-Za-z0-9.-]*"


def topic_values(template: str, argument: str) -> dict[str, str] | None:
    """Read one topic argument against its template: `{symbol}_{type}` + `BTC-USDT_1hour` -> both values."""
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>{TOPIC_VALUE})"
        for index, part in enumerate(PLACEHOLDER.split(template))
    )
    found = re.fullmatch(regex, argument)
    return found.groupdict() if found else None


def topic_count(topic: str) -> int:
    """How many topics one subscribe frame's topic holds: a comma-joined list counts each item."""
    _, _, args = topic.partition(":")
    return len([part for part in args.split(",") if part]) if args else 1


# KuCoin's error frames: {"id": ..., "type": "error", "code": <int>, "data": "<message>"}.
ERROR_TOKEN_INVALID = (401, "token is invalid")
ERROR_TOKEN_NOT_PRIVATE = (401, "token is not allowed to subscribe private channel")
ERROR_BAD_REQUEST = (400, "request is invalid")
ERROR_TOPIC_MISSING = (400, "topic is required")
ERROR_TOPIC_NOT_FOUND = (404, "topic {topic} is not found")
ERROR_TOO_MANY_TOPICS = (509, "exceed max subscription count limitation of {limit} per time")
ERROR_TOO_MANY_FOR_SESSION = (509, "exceed max subscription count limitation of {limit} per session")
ERROR_TOO_MANY_MESSAGES = (509, "exceed max permits of {limit} messages per {window} seconds")


def error_frame(error: tuple[int, str], frame_id: str = "", **values) -> dict:
    """An error frame as KuCoin sends it, the message filled with `values`."""
    code, message = error
    return {"id": frame_id, "type": "error", "code": code, "data": message.format(**values)}
