"""AsyncAPI 3.0 documents of KuCoin's WebSocket channels: all of them, or one host's.

Each channel's address is its topic with `{placeholders}` as channel parameters. A
client sends a subscribe frame and receives an ack, then the pushes: so every channel
has a `send` operation (the subscribe, with the ack as its reply) and a `receive`
operation (the pushes). KuCoin's metadata travels in `x-` fields; the token a classic
channel needs, or the auth frame of a private unified-account one, is a security
scheme on its operations.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from django.urls import reverse

from endpoints import selectors
from endpoints.kucoin import unified_websocket, websocket
from endpoints.kucoin.hosts import CLASSIC_WEBSOCKET_HOSTS, REST_BASE_URLS
from endpoints.models import Channel, WebSocketProtocol
from endpoints.reference import pages

from .components import components

ASYNCAPI_VERSION = "3.0.0"
HOST_LABELS = {
    "spot": "Spot and margin",
    "futures": "Futures",
    "unified-spot": "Unified account public spot",
    "unified-futures": "Unified account public futures",
    "unified-private": "Unified account private",
    "unified-trade": "Unified account trading",
}
UNIFIED_HOSTS = {
    "uta_public_spot": "unified-spot",
    "uta_public_futures": "unified-futures",
    "uta_private": "unified-private",
    "uta_private_trade": "unified-trade",
}


def host_names() -> list[str]:
    return list(HOST_LABELS)


def is_unified(channel: Channel) -> bool:
    return channel.protocol in (WebSocketProtocol.UNIFIED, WebSocketProtocol.UNIFIED_TRADE)


def is_trade(channel: Channel) -> bool:
    """A request of the trading connection (answered once), not a push channel."""
    return channel.protocol == WebSocketProtocol.UNIFIED_TRADE


def channel_host(channel: Channel) -> str:
    """The host a channel's pushes come from: where its token is issued, or its fixed unified host."""
    if is_unified(channel):
        return UNIFIED_HOSTS[channel.sdk_sub_service]
    return websocket.token_domain(channel.sdk_service)


def channel_id(channel: Channel) -> str:
    """A key AsyncAPI accepts (letters, digits, `.`, `-`, `_`), unique because the slug is."""
    return channel.slug.replace("/", ".")


class AsyncApiDocument:
    """One document over the live channels, optionally of one host only."""

    def __init__(self, *, host: str | None = None, site_url: str = ""):
        self.host = host
        self.site_url = site_url

    def channels(self) -> list[Channel]:
        live = selectors.channel_list()
        return [c for c in live if self.host is None or channel_host(c) == self.host]

    def build(self) -> dict[str, Any]:
        channels = self.channels()
        hosts = [name for name in host_names() if any(channel_host(c) == name for c in channels)]
        return {
            "asyncapi": ASYNCAPI_VERSION,
            "info": self.info(len(channels)),
            "defaultContentType": "application/json",
            "servers": {name: self.server(name, channels) for name in hosts},
            "channels": {channel_id(c): self.channel(c) for c in channels},
            "operations": {key: value for c in channels for key, value in operations(c).items()},
            "components": components(),
        }

    def info(self, count: int) -> dict[str, Any]:
        scope = f"the {HOST_LABELS[self.host].lower()} host" if self.host else "every host"
        return {
            "title": "KuCoin WebSocket API" + (f" ({HOST_LABELS[self.host]})" if self.host else ""),
            "version": selectors.catalogue_version(),
            "description": (
                f"KuCoin's {count} WebSocket channels on {scope}, from KuCoin's official SDK. Classic "
                "channels: connect with a token from `POST /api/v1/bullet-public` (or `bullet-private`, "
                "signed, for private channels) at the instance server it names, wait for `welcome`, ping "
                "every `pingInterval` ms, and subscribe with one frame per topic list. Unified-account "
                "channels (KuCoin marks them beta): connect to the fixed host, public ones with no token, "
                "and subscribe with an `action: SUBSCRIBE` frame."
            ),
            "externalDocs": {"url": self.site_url + reverse("guides:detail", kwargs={"slug": "websocket"})},
        }

    def channel(self, channel: Channel) -> dict[str, Any]:
        placeholders = re.findall(r"\{([^}]+)\}", channel.topic)
        ack = "unifiedAck" if is_unified(channel) else "ack"
        body: dict[str, Any] = {
            "address": channel.topic,
            "title": channel.summary,
            "messages": channel_messages(channel, ack),
            "servers": [{"$ref": f"#/servers/{channel_host(channel)}"}],
            "externalDocs": {"url": self.site_url + channel.get_absolute_url()},
        }
        if placeholders:
            body["parameters"] = {name: parameter(name, channel) for name in placeholders}
        if channel.description:
            body["description"] = channel.description
        return body | kucoin_fields(channel)

    def server(self, name: str, channels: list[Channel]) -> dict[str, Any]:
        if name in CLASSIC_WEBSOCKET_HOSTS:
            return classic_server(name)
        address = urlsplit(next(c.address for c in channels if channel_host(c) == name))
        return {
            "host": address.netloc,
            **({"pathname": address.path} if address.path not in ("", "/") else {}),
            "protocol": "wss",
            "title": f"{HOST_LABELS[name]} WebSocket",
            "description": "A fixed host: no instance server to look up. KuCoin marks this protocol beta.",
        }


def classic_server(name: str) -> dict[str, Any]:
    return {
        "host": CLASSIC_WEBSOCKET_HOSTS[name],
        "protocol": "wss",
        "title": f"{HOST_LABELS[name]} WebSocket",
        "description": (
            f"The default instance server; use the `endpoint` that `{REST_BASE_URLS[name]}"
            f"{websocket.PUBLIC_TOKEN_PATH}` (or bullet-private) returns, with `?token=…&connectId=…`."
        ),
        "bindings": {
            "ws": {
                "query": {
                    "type": "object",
                    "properties": {
                        "token": {"type": "string", "description": "From the bullet-public or bullet-private call."},
                        "connectId": {"type": "string", "description": "Any unique id; the welcome echoes it."},
                    },
                    "required": ["token"],
                },
                "bindingVersion": "0.1.0",
            }
        },
    }


def parameter(name: str, channel: Channel) -> dict[str, Any]:
    many = " One or more, joined by commas." if channel.accepts_many else ""
    return {"description": f"The `{name}` part of the topic.{many}", "examples": [example_value(name)]}


def example_value(name: str) -> str:
    return "BTC-USDT" if "symbol" in name.lower() else {"type": "1min", "market": "USDS"}.get(name, name.upper())


def channel_messages(channel: Channel, ack: str) -> dict[str, Any]:
    if is_trade(channel):
        return {"request": request_message(channel), "response": {"$ref": "#/components/messages/tradeResponse"}}
    return {
        "push": push_message(channel),
        "subscribe": subscribe_message(channel),
        "ack": {"$ref": f"#/components/messages/{ack}"},
    }


def request_message(channel: Channel) -> dict[str, Any]:
    return {
        "name": "request",
        "title": f"{channel.summary} request",
        "payload": {"$ref": "#/components/schemas/tradeRequest"},
        "examples": [{"name": "request", "payload": json.loads(pages.subscribe_message(channel))}],
    }


def push_message(channel: Channel) -> dict[str, Any]:
    message: dict[str, Any] = {"name": "push", "title": f"{channel.summary} push", "contentType": "application/json"}
    fallback = unified_websocket.UNIFIED_PUSH_ENVELOPE if is_unified(channel) else {"type": "object"}
    message["payload"] = channel.message_schema or fallback
    if channel.message_example is not None:
        message["examples"] = [{"name": "KuCoin's example", "payload": channel.message_example}]
    return message


def subscribe_message(channel: Channel) -> dict[str, Any]:
    if is_unified(channel):
        return {
            "name": "subscribe",
            "title": "Subscribe frame",
            "payload": {"$ref": "#/components/schemas/unifiedSubscribeFrame"},
            "examples": [{"name": "subscribe", "payload": json.loads(pages.subscribe_message(channel))}],
        }
    topic = channel.topic
    for name in re.findall(r"\{([^}]+)\}", topic):
        topic = topic.replace("{" + name + "}", example_value(name))
    frame = json.loads(websocket.subscribe_frame(topic, api_channel=channel.api_channel))
    return {
        "name": "subscribe",
        "title": "Subscribe frame",
        "payload": {"$ref": "#/components/schemas/subscribeFrame"},
        "examples": [{"name": "subscribe", "payload": frame}],
    }


def operations(channel: Channel) -> dict[str, dict[str, Any]]:
    """The subscribe (send, answered by an ack) and the pushes (receive) of one channel."""
    key = channel_id(channel)
    ref = f"#/channels/{key}"
    security = [{"$ref": f"#/components/securitySchemes/{scheme}"} for scheme in security_schemes(channel)]
    if is_trade(channel):
        return {
            f"{key}.request": {
                "action": "send",
                "channel": {"$ref": ref},
                "title": channel.summary,
                "messages": [{"$ref": f"{ref}/messages/request"}],
                "reply": {"channel": {"$ref": ref}, "messages": [{"$ref": f"{ref}/messages/response"}]},
                "security": security,
            }
        }
    return {
        f"{key}.subscribe": {
            "action": "send",
            "channel": {"$ref": ref},
            "title": f"Subscribe to {channel.summary}",
            "messages": [{"$ref": f"{ref}/messages/subscribe"}],
            "reply": {"channel": {"$ref": ref}, "messages": [{"$ref": f"{ref}/messages/ack"}]},
            "security": security,
        },
        f"{key}.receive": {
            "action": "receive",
            "channel": {"$ref": ref},
            "title": f"Receive {channel.summary}",
            "messages": [{"$ref": f"{ref}/messages/push"}],
            "security": security,
        },
    }


def security_schemes(channel: Channel) -> list[str]:
    """Classic channels need a token; unified private ones an auth frame; unified public ones nothing."""
    private = websocket.is_private(channel.api_channel)
    if is_trade(channel):
        return ["unifiedTradeAuth"]
    if is_unified(channel):
        return ["unifiedAuth"] if private else []
    return ["privateToken" if private else "publicToken"]


def kucoin_fields(channel: Channel) -> dict[str, Any]:
    """KuCoin's metadata for a channel, in `x-` fields named as the spec files name them."""
    fields = {
        "x-api-channel": channel.get_api_channel_display(),
        "x-sdk-service": channel.sdk_service,
        "x-sdk-sub-service": channel.sdk_sub_service,
        "x-sdk-method-name": channel.sdk_method_name,
        "x-topic": channel.topic,
        "x-protocol": channel.protocol,
        "x-accepts-many": channel.accepts_many,
    }
    if not is_unified(channel):
        token_host = REST_BASE_URLS[channel_host(channel)]
        fields["x-token-endpoint"] = f"POST {token_host}{websocket.token_path(channel.api_channel)}"
    if channel.push_frequency:
        fields["x-push-frequency"] = channel.push_frequency
    return fields
