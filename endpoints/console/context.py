"""What a channel page's console needs: topic fields with example values, KuCoin's limits, the token URL."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from endpoints.kucoin import unified_websocket as uws
from endpoints.kucoin import websocket as kws
from endpoints.kucoin.hosts import UNIFIED_WEBSOCKET_URLS, unified_role
from endpoints.reference.pages import channel_example_topic
from endpoints.try_it import upstream
from endpoints.try_it.ws_token import token_endpoint

from .samples import node_sample, python_sample
from .unified_samples import unified_node_sample, unified_python_sample

FALLBACK_VALUES = {"symbol": "BTC-USDT", "type": "1min", "market": "USDS"}
FUTURES_SYMBOL = "XBTUSDTM"
# A unified frame's fill-in values, as the SDK spells them; choices come from its enums.
UNIFIED_DEFAULTS = {"interval": "1min", "depth": "5", "accountType": "UNIFIED", "tradeType": "UNIFIED"}


@dataclass(frozen=True)
class TopicField:
    name: str
    value: str
    many: bool  # takes a comma-separated list
    choices: tuple[str, ...] = ()  # the values the SDK accepts, where it has an enum

    @property
    def input_name(self) -> str:
        return f"arg_{self.name}"


def example_values(channel) -> dict[str, str]:
    """The topic values in KuCoin's example (BTC-USDT, 1hour), else a sensible symbol for the channel's market."""
    template = channel.topic.partition(":")[2]
    example = channel_example_topic(channel)
    values = kws.topic_values(template, example.partition(":")[2]) if template and ":" in example else None
    fallback = dict(FALLBACK_VALUES, symbol=FUTURES_SYMBOL) if kws.is_futures_topic(channel.topic) else FALLBACK_VALUES
    return {name: (values or {}).get(name) or fallback.get(name, "") for name in channel.topic_args or []}


def console_limits() -> dict:
    """KuCoin's limits and timings, as the browser enforces them before anything is sent."""
    return kws.LIMITS.as_dict() | {
        "welcome_timeout_ms": kws.WELCOME_TIMEOUT_MS,
        "futures_topic_prefixes": list(kws.FUTURES_TOPIC_PREFIXES),
    }


def unified_values(channel) -> dict[str, str]:
    """The values a unified channel's frame takes, filled with a symbol of its market and the SDK's first choices."""
    role = unified_role(channel.address) or "spot"
    symbol = FUTURES_SYMBOL if role == "futures" else FALLBACK_VALUES["symbol"]
    frame = channel.subscribe_frame if isinstance(channel.subscribe_frame, dict) else {}
    names = [value[1:-1] for value in frame.values() if isinstance(value, str) and value.startswith("{")]
    return {name: symbol if name.startswith("symbol") else UNIFIED_DEFAULTS.get(name, "") for name in names}


def unified_address(channel) -> str:
    """Where the browser connects: the configured address for the channel's role (KuCoin's, or the sandbox's)."""
    role = unified_role(channel.address) or "spot"
    return settings.KUCOIN_UNIFIED_WS_URLS.get(role, channel.address)


def unified_console_context(channel) -> dict:
    """The console of a unified-account channel: no token call, a fixed address, an auth frame signed in the page."""
    values = unified_values(channel)
    fields = [TopicField(name, value, name == "symbols", uws.CHOICES.get(name, ())) for name, value in values.items()]
    address = unified_address(channel)
    frame = {key: value for key, value in (channel.subscribe_frame or {}).items()}
    return {
        "channel": channel,
        "unified": True,
        "fields": fields,
        "private": kws.is_private(channel.api_channel),
        "address": address,
        "frame_json": json.dumps(frame, separators=(",", ":")),
        "auth_path": uws.UNIFIED_AUTH_SIGNED_PATH,
        "limits": kws.LIMITS,
        "limits_json": json.dumps(console_limits(), separators=(",", ":")),
        "live": address in UNIFIED_WEBSOCKET_URLS.values(),
        "samples": {"python": unified_python_sample(channel, values), "node": unified_node_sample(channel, values)},
    }


def console_context(channel) -> dict:
    """Everything the console partial renders for one channel."""
    if channel.protocol == "unified":
        return unified_console_context(channel)
    values = example_values(channel)
    fields = [TopicField(name, value, channel.accepts_many) for name, value in values.items()]
    endpoint = token_endpoint(channel)
    domain = endpoint.domain if endpoint is not None else "spot"
    topic = channel.topic
    for name, value in values.items():
        topic = topic.replace("{" + name + "}", value)
    return {
        "channel": channel,
        "fields": fields,
        "private": kws.is_private(channel.api_channel),
        "token_url": reverse("try_it:ws_token", kwargs={"slug": channel.slug}),
        "token_endpoint": endpoint,
        "limits": kws.LIMITS,
        "limits_json": json.dumps(console_limits(), separators=(",", ":")),
        "live": upstream.is_live(domain),
        "samples": {"python": python_sample(channel, topic_values=values), "node": node_sample(channel, topic=topic)},
    }
