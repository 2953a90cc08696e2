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


def is_private(api_channel: str) -> bool:
    """Whether a channel needs a private token (and `privateChannel: true` when subscribing)."""
    return api_channel == "private"


def subscribe_frame(topic: str, *, api_channel: str, frame_id: str = "1545910660739") -> str:
    """The JSON frame a client sends to subscribe to `topic`, asking for an ack."""
    private = is_private(api_channel)
    frame = {"id": frame_id, "type": "subscribe", "topic": topic, "privateChannel": private, "response": True}
    return json.dumps(frame, indent=2)
