"""AsyncAPI 3.0 documents of KuCoin's classic WebSocket channels: all of them, or one host's.

Each channel's address is its topic with `{placeholders}` as channel parameters. A
client sends a subscribe frame and receives an ack, then the pushes: so every channel
has a `send` operation (the subscribe, with the ack as its reply) and a `receive`
operation (the pushes). KuCoin's metadata travels in `x-` fields, and the token each
channel needs is a security scheme on its operations.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.urls import reverse

from endpoints import selectors
from endpoints.kucoin import websocket
from endpoints.kucoin.hosts import CLASSIC_WEBSOCKET_HOSTS, REST_BASE_URLS
from endpoints.models import Channel

ASYNCAPI_VERSION = "3.0.0"
HOST_LABELS = {"spot": "Spot and margin", "futures": "Futures"}


def host_names() -> list[str]:
    return list(CLASSIC_WEBSOCKET_HOSTS)


def channel_host(channel: Channel) -> str:
    """The host a channel's pushes come from: where its token is issued."""
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
            "servers": {name: server(name) for name in hosts},
            "channels": {channel_id(c): self.channel(c) for c in channels},
            "operations": {key: value for c in channels for key, value in operations(c).items()},
            "components": components(),
        }

    def info(self, count: int) -> dict[str, Any]:
        scope = f"the {HOST_LABELS[self.host].lower()} host" if self.host else "every classic host"
        return {
            "title": "KuCoin WebSocket API" + (f" ({HOST_LABELS[self.host]})" if self.host else ""),
            "version": selectors.catalogue_version(),
            "description": (
                f"KuCoin's {count} classic WebSocket channels on {scope}, from KuCoin's official SDK. "
                "Connect with a token from `POST /api/v1/bullet-public` (or `bullet-private`, signed, for "
                "private channels) at the instance server it names, wait for `welcome`, ping every "
                "`pingInterval` ms, and subscribe with one frame per topic list."
            ),
            "externalDocs": {"url": self.site_url + reverse("guides:detail", kwargs={"slug": "websocket"})},
        }

    def channel(self, channel: Channel) -> dict[str, Any]:
        placeholders = re.findall(r"\{([^}]+)\}", channel.topic)
        body: dict[str, Any] = {
            "address": channel.topic,
            "title": channel.summary,
            "messages": {
                "push": push_message(channel),
                "subscribe": subscribe_message(channel),
                "ack": {"$ref": "#/components/messages/ack"},
            },
            "servers": [{"$ref": f"#/servers/{channel_host(channel)}"}],
            "externalDocs": {"url": self.site_url + channel.get_absolute_url()},
        }
        if placeholders:
            body["parameters"] = {name: parameter(name, channel) for name in placeholders}
        if channel.description:
            body["description"] = channel.description
        return body | kucoin_fields(channel)


def server(name: str) -> dict[str, Any]:
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


def push_message(channel: Channel) -> dict[str, Any]:
    message: dict[str, Any] = {"name": "push", "title": f"{channel.summary} push", "contentType": "application/json"}
    message["payload"] = channel.message_schema or {"type": "object"}
    if channel.message_example is not None:
        message["examples"] = [{"name": "KuCoin's example", "payload": channel.message_example}]
    return message


def subscribe_message(channel: Channel) -> dict[str, Any]:
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
    token = "privateToken" if websocket.is_private(channel.api_channel) else "publicToken"
    security = [{"$ref": f"#/components/securitySchemes/{token}"}]
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


def kucoin_fields(channel: Channel) -> dict[str, Any]:
    """KuCoin's metadata for a channel, in `x-` fields named as the spec files name them."""
    token_host = REST_BASE_URLS[channel_host(channel)]
    fields = {
        "x-api-channel": channel.get_api_channel_display(),
        "x-sdk-service": channel.sdk_service,
        "x-sdk-sub-service": channel.sdk_sub_service,
        "x-sdk-method-name": channel.sdk_method_name,
        "x-topic": channel.topic,
        "x-token-endpoint": f"POST {token_host}{websocket.token_path(channel.api_channel)}",
        "x-accepts-many": channel.accepts_many,
    }
    if channel.push_frequency:
        fields["x-push-frequency"] = channel.push_frequency
    return fields


def components() -> dict[str, Any]:
    token = {"type": "httpApiKey", "name": "token", "in": "query"}
    return {
        "securitySchemes": {
            "publicToken": token | {"description": "A token from POST /api/v1/bullet-public (no key needed)."},
            "privateToken": token | {"description": "A token from POST /api/v1/bullet-private, a signed call."},
        },
        "schemas": {"subscribeFrame": SUBSCRIBE_FRAME},
        "messages": {
            "ack": {
                "name": "ack",
                "title": "Acknowledgement",
                "payload": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "type": {"type": "string", "const": "ack"}},
                    "required": ["id", "type"],
                },
                "examples": [{"name": "ack", "payload": {"id": "1545910660739", "type": "ack"}}],
            }
        },
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
