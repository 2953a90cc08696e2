"""The shared parts of the AsyncAPI documents: security schemes, frame schemas and the ack and response messages."""

from __future__ import annotations

from typing import Any

from endpoints.kucoin import unified_websocket
from endpoints.kucoin.websocket import PRIVATE_TOKEN_PATH, PUBLIC_TOKEN_PATH


def components() -> dict[str, Any]:
    return {
        "securitySchemes": security_schemes(),
        "schemas": {
            "subscribeFrame": SUBSCRIBE_FRAME,
            "unifiedSubscribeFrame": UNIFIED_SUBSCRIBE_FRAME,
            "tradeRequest": TRADE_REQUEST,
        },
        "messages": {"ack": ACK, "tradeResponse": TRADE_RESPONSE, "unifiedAck": UNIFIED_ACK},
    }


def security_schemes() -> dict[str, Any]:
    """How each kind of connection proves who it is: a token, an auth frame, or a signed query."""
    token = {"type": "httpApiKey", "name": "token", "in": "query"}
    return {
        "publicToken": token | {"description": f"A token from POST {PUBLIC_TOKEN_PATH} (no key needed)."},
        "privateToken": token | {"description": f"A token from POST {PRIVATE_TOKEN_PATH}, a signed call."},
        "unifiedAuth": {
            "type": "apiKey",
            "in": "user",
            "description": (
                "An auth frame sent first: the API key, and a signature of the timestamp + "
                f"`{unified_websocket.UNIFIED_AUTH_SIGNED_PATH}` with the API secret, as for REST."
            ),
        },
        "unifiedTradeAuth": {
            "type": "httpApiKey",
            "name": "apikey",
            "in": "query",
            "description": "The API key, a timestamp, sign = HMAC(secret, key + timestamp) and the signed "
            "passphrase, all in the connection URL's query.",
        },
    }


ACK = {
    "name": "ack",
    "title": "Acknowledgement",
    "payload": {
        "type": "object",
        "properties": {"id": {"type": "string"}, "type": {"type": "string", "const": "ack"}},
        "required": ["id", "type"],
    },
    "examples": [{"name": "ack", "payload": {"id": "1545910660739", "type": "ack"}}],
}
UNIFIED_ACK = {
    "name": "ack",
    "title": "Acknowledgement",
    "payload": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
}
TRADE_RESPONSE = {
    "name": "response",
    "title": "Response",
    "payload": {"type": "object", "properties": {"id": {"type": "string"}, "code": {"type": "string"}}},
}


SUBSCRIBE_FRAME = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "description": "Echoed by the ack."},
        "type": {"type": "string", "enum": ["subscribe", "unsubscribe"]},
        "topic": {"type": "string", "description": "The address, placeholders filled (several joined by commas)."},
        "privateChannel": {"type": "boolean"},
        "response": {"type": "boolean", "description": "Ask for an ack."},
    },
    "required": ["id", "type", "topic"],
}


UNIFIED_SUBSCRIBE_FRAME = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "description": "Echoed by the ack."},
        "action": {"type": "string", "enum": list(unified_websocket.ACTIONS)},
        "channel": {"type": "string"},
        "tradeType": {"type": "string"},
        "symbol": {"type": "string"},
        "symbols": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["id", "action", "channel"],
}

TRADE_REQUEST = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "description": "Echoed by the response."},
        "op": {"type": "string", "description": "The operation: this channel's address."},
        "args": {"type": "object", "description": "The order's fields, as for the REST order routes."},
    },
    "required": ["id", "op", "args"],
}
