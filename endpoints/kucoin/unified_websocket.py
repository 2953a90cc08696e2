"""KuCoin's unified-account ("Pro") WebSocket protocol: its frames, the values it accepts, and its limits.

Source: the official SDK's own wire code (`internal/infra/uta_push_ws_service.py`)
and KuCoin's facts (shared KUCOIN-FACTS, the unified-account WebSocket). KuCoin
publishes no example pushes for these channels; what a push's `d` holds beyond the
symbol (`s`, which the SDK routes pushes by) is the sandbox's own.
"""

from __future__ import annotations

import json

# Fixed hosts, no token for public data; a private connection authenticates with a frame
# whose signature covers this string after the timestamp.
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


AUTH_METHOD, AUTH_PATH = "POST", UNIFIED_AUTH_SIGNED_PATH.removeprefix("POST")
ACTIONS = ("SUBSCRIBE", "UNSUBSCRIBE")
# What the welcome announces; the SDK falls back to 18 s / 10 s when it says nothing.
PING_INTERVAL_MS = 18_000
PING_TIMEOUT_MS = 10_000

# The values the SDK's enums accept (publicws KlineInterval, OrderbookDepth; the private channels' types).
KLINE_INTERVALS = (
    "1min", "3min", "5min", "15min", "30min", "1hour", "2hour", "4hour",
    "6hour", "8hour", "12hour", "1day", "1week", "1month",
)  # fmt: skip
ORDERBOOK_DEPTHS = ("1", "5", "50", "increment", "increment@10ms")
ACCOUNT_TYPES = ("UNIFIED", "FUNDING", "ISOLATED")
LITE_TRADE_TYPES = ("SPOT", "ISOLATED", "CROSS", "FUTURES", "UNIFIED")
CHOICES = {
    "interval": KLINE_INTERVALS,
    "depth": ORDERBOOK_DEPTHS,
    "accountType": ACCOUNT_TYPES,
    "tradeType": LITE_TRADE_TYPES,
}
# Channels the SDK lets a client subscribe to without naming a symbol.
SYMBOL_OPTIONAL = frozenset(
    {"funding-fee-all-symbols", "leverage", "lw", "execution", "execution.lite", "orderAll", "positionAll", "balance"}
)


def welcome_frame(session_id: str, ping_interval_ms: int, ping_timeout_ms: int) -> dict:
    return {
        "sessionId": session_id,
        "message": "welcome",
        "pingInterval": ping_interval_ms,
        "pingTimeout": ping_timeout_ms,
    }


def pong_frame(frame_id: str, now_ms: int) -> dict:
    return {"id": frame_id, "op": "pong", "timestamp": now_ms}


def result_frame(frame_id: str, *, code: str = "", message: str = "") -> dict:
    """The answer to auth, SUBSCRIBE and UNSUBSCRIBE: the frame's id and `result` (false with a code and message)."""
    if not code:
        return {"id": frame_id, "result": True}
    return {"id": frame_id, "result": False, "code": code, "msg": message}


def push_frame(topic: str, push_ns: int, data: dict) -> dict:
    """A push: T names the channel (and trade type), P the push time in nanoseconds, d the data."""
    return {"T": topic, "P": push_ns, "d": data}


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


# The all-symbols subscriptions push under the per-symbol channel's name (the SDK routes them so).
PUSHED_AS = {"orderAll": "order", "positionAll": "position"}


def push_topic(channel: str, trade_type: str | None) -> str:
    """The T of a push: the SDK routes pushes by the part before the first dot (`ticker.SPOT` -> ticker)."""
    channel = PUSHED_AS.get(channel, channel)
    return f"{channel}.{trade_type}" if trade_type else channel


# Errors the sandbox answers with, in KuCoin's REST codes where one fits.
ERROR_BAD_FRAME = ("400100", "the frame must be a JSON object with an id and an op or action")
ERROR_UNKNOWN_CHANNEL = ("400100", "channel {channel} is not served on this connection")
ERROR_BAD_VALUE = ("400100", "{name} {value!r} is not accepted; one of: {choices}")
ERROR_SYMBOL_MISSING = ("400100", "{channel} needs a symbol or symbols")
ERROR_UNKNOWN_SYMBOL = ("900001", "symbol {symbol} does not exist")
ERROR_NOT_AUTHENTICATED = ("400001", "authenticate with op auth before subscribing to private channels")
ERROR_TOO_MANY_TOPICS = ("509000", "exceed max subscription count limitation of {limit} per time")
ERROR_TOO_MANY_FOR_SESSION = ("509000", "exceed max subscription count limitation of {limit} per session")
ERROR_TOO_MANY_MESSAGES = ("509000", "exceed max permits of {limit} messages per {window} seconds")


def refused(frame_id: str, error: tuple[str, str], **values) -> dict:
    code, message = error
    return result_frame(frame_id, code=code, message=message.format(**values))
