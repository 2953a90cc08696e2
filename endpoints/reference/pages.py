"""What a reference page says about an endpoint or a channel, worked out once.

The HTML pages and their Markdown twins both read from here, so the full URL,
the eight metadata fields, the schema rows and the example request can never
disagree between the two.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings

from endpoints.kucoin import unified_websocket, websocket
from endpoints.kucoin.signing import DEFAULT_KEY_VERSION, signing_requirement
from endpoints.models import Channel, Endpoint, ParameterLocation, WebSocketProtocol

NOT_PUBLISHED = "not published by KuCoin"
EXAMPLE_SYMBOL = "BTC-USDT"


# --- the eight metadata fields ------------------------------------------------------


@dataclass(frozen=True)
class MetadataField:
    """One of KuCoin's per-endpoint fields, labelled as KuCoin labels it and tied to the guide explaining it."""

    key: str
    label: str
    value: str
    guide: str
    anchor: str
    published: bool = True


def public_base_url(domain: str) -> str:
    """KuCoin's own base URL for a domain (never the sandbox: pages document the real API)."""
    return settings.KUCOIN_PUBLIC_BASE_URLS[domain]


def public_url(endpoint: Endpoint) -> str:
    return public_base_url(endpoint.domain) + endpoint.path


def metadata_fields(endpoint: Endpoint) -> list[MetadataField]:
    """The eight fields in KuCoin's order; the five KuCoin leaves unpublished for UTA say so."""
    published = endpoint.metadata_published
    weight = endpoint.rate_limit_weight_display if published else NOT_PUBLISHED
    return [
        MetadataField("domain", "domain", endpoint.get_domain_display(), "introduction", "domains"),
        _published("api_channel", "api-channel", endpoint.get_api_channel_display(), "authentication",
                   "public-and-private-endpoints", published),
        _published("api_permission", "api-permission", endpoint.api_permission_display, "permissions",
                   "what-each-permission-allows", published),
        _published("rate_limit_pool", "rate-limit pool", endpoint.rate_limit_pool, "rate-limits",
                   "pools-and-quotas", published),
        MetadataField("rate_limit_weight", "rate-limit weight", weight, "rate-limits", "weights", published),
        MetadataField("sdk_service", "sdk-service", endpoint.sdk_service, "introduction", "the-official-sdk"),
        MetadataField("sdk_sub_service", "sdk-sub-service", endpoint.sdk_sub_service, "introduction",
                      "the-official-sdk"),
        MetadataField("sdk_method_name", "sdk-method-name", endpoint.sdk_method_name, "introduction",
                      "the-official-sdk"),
    ]  # fmt: skip


def _published(key: str, label: str, value: str, guide: str, anchor: str, published: bool) -> MetadataField:
    return MetadataField(key, label, value if published else NOT_PUBLISHED, guide, anchor, published)


# --- schemas as rows --------------------------------------------------------------------


@dataclass
class SchemaField:
    """One property of a JSON Schema, with its children, ready for a tree or a table."""

    name: str
    path: str
    type: str
    required: bool = False
    description: str = ""
    enum: list[dict] = field(default_factory=list)
    default: Any = None
    has_default: bool = False
    children: list[SchemaField] = field(default_factory=list)
    depth: int = 0


def schema_fields(schema: dict | None, *, prefix: str = "", depth: int = 0) -> list[SchemaField]:
    """Turn an object schema's properties into a tree of fields (arrays of objects show their items)."""
    if not schema:
        return []
    schema = _items_object(schema)
    required = set(schema.get("required") or [])
    fields = []
    for name, prop in (schema.get("properties") or {}).items():
        path = f"{prefix}.{name}" if prefix else name
        if prop.get("type") == "array":
            path += "[]"
        fields.append(
            SchemaField(
                name=name,
                path=path,
                type=schema_type(prop),
                required=name in required,
                description=prop.get("description", ""),
                enum=enum_entries(prop),
                default=prop.get("default"),
                has_default="default" in prop,
                children=schema_fields(prop, prefix=path, depth=depth + 1),
                depth=depth,
            )
        )
    return fields


def _items_object(schema: dict) -> dict:
    """Step into arrays until an object (or a leaf) is found."""
    while schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        schema = schema["items"]
    return schema


def flatten(fields: list[SchemaField]) -> list[SchemaField]:
    """Depth-first list of every field, for tables."""
    rows = []
    for item in fields:
        rows.append(item)
        rows.extend(flatten(item.children))
    return rows


def schema_type(schema: dict) -> str:
    """A short human type: `string`, `integer (int64)`, `array of object`, `string | integer`."""
    if not isinstance(schema, dict):
        return "any"
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            return " | ".join(schema_type(option) for option in schema[combinator])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(str(k) for k in kind)
    if kind == "array":
        return f"array of {schema_type(schema.get('items') or {})}"
    if not kind:
        return "object" if "properties" in schema else "any"
    return f"{kind} ({schema['format']})" if schema.get("format") else kind


def enum_entries(schema: dict) -> list[dict]:
    """Enum values with KuCoin's names and descriptions when it gives them."""
    named = schema.get("x-api-enum")
    if named:
        return [{"value": e.get("value"), "name": e.get("name", ""), "description": e.get("description", "")}
                for e in named]  # fmt: skip
    return [{"value": value, "name": "", "description": ""} for value in schema.get("enum") or []]


def value_text(value: Any) -> str:
    """Show an enum value or a default as it would appear in JSON."""
    return value if isinstance(value, str) else json.dumps(value)


# --- the example request ------------------------------------------------------------------


def example_request(endpoint: Endpoint, parameters=None) -> str:
    """An HTTP request built from KuCoin's example values: path filled, query encoded, JSON body."""
    example = endpoint.request_example if isinstance(endpoint.request_example, dict) else {}
    parameters = list(endpoint.parameters.all()) if parameters is None else parameters
    locations = {p.name: p.location for p in parameters}
    path = endpoint.path
    query, body = {}, {}
    for name, value in example.items():
        location = locations.get(name, ParameterLocation.BODY if endpoint.json_body else ParameterLocation.QUERY)
        if location == ParameterLocation.PATH:
            path = path.replace("{" + name + "}", quote(str(value), safe=""))
        elif location == ParameterLocation.QUERY or not endpoint.json_body:
            query[name] = value_text(value)
        else:
            body[name] = value
    target = f"{path}?{urlencode(query)}" if query else path
    host = public_base_url(endpoint.domain).split("://", 1)[-1]
    lines = [f"{endpoint.method} {target} HTTP/1.1", f"Host: {host}"]
    if signing_requirement(endpoint).takes_key:
        lines += [f"{header}: <{hint}>" for header, hint in AUTH_HEADERS]
    if body or endpoint.json_body:
        lines.append("Content-Type: application/json")
        return "\n".join(lines) + "\n\n" + json.dumps(body, indent=2, ensure_ascii=False)
    return "\n".join(lines)


AUTH_HEADERS = [
    ("KC-API-KEY", "your API key"),
    ("KC-API-SIGN", "signature, see the Authentication guide"),
    ("KC-API-TIMESTAMP", "milliseconds since the epoch"),
    ("KC-API-PASSPHRASE", "signed passphrase"),
    ("KC-API-KEY-VERSION", DEFAULT_KEY_VERSION),
]


# --- WebSocket channels -------------------------------------------------------------------


def channel_token_path(channel: Channel) -> str:
    """The REST call that hands out a connection token for this channel."""
    return websocket.token_path(channel.api_channel)


def channel_domain(channel: Channel) -> str:
    """The domain whose host hands out this channel's token."""
    return websocket.token_domain(channel.sdk_service)


def channel_example_topic(channel: Channel) -> str:
    """A concrete topic to subscribe to: the one in KuCoin's example, else placeholders filled."""
    example = channel.message_example
    if isinstance(example, dict) and isinstance(example.get("topic"), str) and ":" in example["topic"]:
        return example["topic"]
    topic = channel.topic
    for arg in channel.topic_args or []:
        topic = topic.replace("{" + arg + "}", example_argument(arg))
    return topic


def subscribe_message(channel: Channel) -> str:
    """The JSON frame a client sends to subscribe to this channel."""
    if channel.protocol in (WebSocketProtocol.UNIFIED, WebSocketProtocol.UNIFIED_TRADE):
        values = {arg: example_argument(arg) for arg in channel.topic_args or []}
        return unified_websocket.unified_subscribe_frame(channel.subscribe_frame or {}, values)
    return websocket.subscribe_frame(channel_example_topic(channel), api_channel=channel.api_channel)


def example_argument(name: str) -> str:
    """A plausible value for a topic argument, for examples."""
    examples = {"interval": "1min", "depth": "5", "tradeType": "SPOT", "accountType": "UNIFIED", "type": "1min",
                "orderId": "6861d0d5ee2c1e0007e4b2c3"}  # fmt: skip
    return EXAMPLE_SYMBOL if "symbol" in name.lower() else examples.get(name, name.upper())


def channel_connection(channel: Channel) -> str:
    """How a client gets onto this channel's connection, in one line of Markdown."""
    if channel.protocol == WebSocketProtocol.UNIFIED_TRADE:
        query = ", ".join(f"`{name}`" for name in unified_websocket.UNIFIED_TRADE_AUTH_QUERY)
        return f"connect to `{channel.address}` with {query} in the query, signed with your API key"
    if channel.protocol != WebSocketProtocol.UNIFIED:
        host = public_base_url(channel_domain(channel))
        return f"a token from `POST {host}{channel_token_path(channel)}`"
    if websocket.is_private(channel.api_channel):
        return f"connect to `{channel.address}`, then send an auth frame signed with your API key"
    return f"connect to `{channel.address}`; no token needed"


# --- a page's worth, computed lazily --------------------------------------------------------


class EndpointDoc:
    """Everything an endpoint page shows; each part is worked out on first use, so cached fragments cost nothing."""

    def __init__(self, endpoint: Endpoint, parameters: list):
        self.endpoint = endpoint
        self.parameters = parameters

    @cached_property
    def metadata(self) -> list[MetadataField]:
        return metadata_fields(self.endpoint)

    @cached_property
    def base_url(self) -> str:
        return public_base_url(self.endpoint.domain)

    @cached_property
    def public_url(self) -> str:
        return public_url(self.endpoint)

    @cached_property
    def request_fields(self) -> list[SchemaField]:
        return schema_fields(self.endpoint.request_schema)

    @cached_property
    def response_fields(self) -> list[SchemaField]:
        return schema_fields(self.endpoint.response_schema)

    @cached_property
    def example_request(self) -> str:
        return example_request(self.endpoint, self.parameters)
