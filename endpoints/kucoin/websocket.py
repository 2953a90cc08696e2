"""KuCoin's classic WebSocket protocol: where tokens come from, what frames look like, and the limits.

Source: KuCoin's WebSocket introduction and rate-limit pages, and what the official
SDK's classic client does (see shared KUCOIN-FACTS, WebSocket sections).
"""

from __future__ import annotations

import json

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


# The unified-account ("Pro") protocol: fixed hosts, no token for public data; a private
# connection authenticates with a frame whose signature covers this string after the timestamp.
UNIFIED_AUTH_SIGNED_PATH = "POST/api/websocket/users/verify"
# The trading connection signs in through its URL's query instead (sign = HMAC of key + timestamp).
UNIFIED_TRADE_AUTH_QUERY = ("apikey", "timestamp", "sign", "passphrase")


# A unified push: T names the channel and trade type, P is the push time in nanoseconds, d the data.
UNIFIED_PUSH_ENVELOPE = {
    "type": "object",
    "properties": {
        "T": {"type": "string", "description": "The channel and trade type, e.g. ticker.SPOT."},
        "P": {"type": "integer", "description": "Push time, nanoseconds since the epoch."},
        "d": {"type": "object", "description": "The channel's data."},
    },
}


def unified_subscribe_frame(frame: dict, values: dict[str, str], *, frame_id: str = "1545910660739") -> str:
    """The unified protocol's subscribe frame with its `{placeholders}` filled from `values`."""
    return json.dumps({"id": frame_id, **_filled(frame, values)}, indent=2)


def _filled(frame: dict, values: dict[str, str]) -> dict:
    filled = {}
    for key, value in frame.items():
        if isinstance(value, dict):
            value = _filled(value, values)
        elif isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            value = values.get(value[1:-1], value)
        filled[key] = value
    return filled


def is_private(api_channel: str) -> bool:
    """Whether a channel needs a private token (and `privateChannel: true` when subscribing)."""
    return api_channel == "private"


def subscribe_frame(topic: str, *, api_channel: str, frame_id: str = "1545910660739") -> str:
    """The JSON frame a client sends to subscribe to `topic`, asking for an ack."""
    private = is_private(api_channel)
    frame = {"id": frame_id, "type": "subscribe", "topic": topic, "privateChannel": private, "response": True}
    return json.dumps(frame, indent=2)
