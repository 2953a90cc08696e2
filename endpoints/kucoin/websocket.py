"""KuCoin's classic WebSocket protocol: where tokens come from, what frames look like, and the limits.

Source: KuCoin's WebSocket introduction and rate-limit pages, and what the official
SDK's classic client does (see shared KUCOIN-FACTS, WebSocket sections).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

PUBLIC_TOKEN_PATH = "/api/v1/bullet-public"  # noqa: S105 - a URL path, not a secret
PRIVATE_TOKEN_PATH = "/api/v1/bullet-private"  # noqa: S105 - a URL path, not a secret

# Limits KuCoin enforces on classic connections.
MAX_TOPICS_PER_SUBSCRIBE = 100
MAX_TOPICS_PER_SPOT_CONNECTION = 400  # KuCoin's rate-limit page; an older error message says 300
MAX_CLIENT_MESSAGES_PER_10S = 100
MAX_NEW_CONNECTIONS_PER_MINUTE = 30
MAX_CONNECTIONS = 800  # per UID for private channels, per IP for public ones


def token_path(api_channel: str) -> str:
    """The REST call that hands out a connection token for a channel on `api_channel`."""
    return PRIVATE_TOKEN_PATH if is_private(api_channel) else PUBLIC_TOKEN_PATH


def token_domain(sdk_service: str) -> str:
    """Futures channels take their token from the futures host; spot and margin from the spot host."""
    return "futures" if sdk_service.lower() == "futures" else "spot"


def is_private(api_channel: str) -> bool:
    """Whether a channel needs a private token (and `privateChannel: true` when subscribing)."""
    return api_channel == "private"


def subscribe_frame(topic: str, *, api_channel: str, frame_id: str = "1545910660739") -> str:
    """The JSON frame a client sends to subscribe to `topic`, asking for an ack."""
    private = is_private(api_channel)
    frame = {"id": frame_id, "type": "subscribe", "topic": topic, "privateChannel": private, "response": True}
    return json.dumps(frame, indent=2)


# --- The classic protocol in detail: what the sandbox enforces and the console checks before sending ---


@dataclass(frozen=True)
class WebSocketLimits:
    """What KuCoin allows on one classic connection, as the sandbox enforces it and the console checks it."""

    topics_per_subscribe: int = MAX_TOPICS_PER_SUBSCRIBE
    topics_per_spot_connection: int = MAX_TOPICS_PER_SPOT_CONNECTION  # futures connections have no such limit
    client_messages: int = MAX_CLIENT_MESSAGES_PER_10S  # sent by the client (subscribe, unsubscribe, ping) ...
    client_messages_window_s: int = 10  # ... within this many seconds
    new_connections_per_minute: int = MAX_NEW_CONNECTIONS_PER_MINUTE
    concurrent_connections: int = MAX_CONNECTIONS

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
