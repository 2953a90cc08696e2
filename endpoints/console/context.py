"""What a channel page's console needs: topic fields with example values, KuCoin's limits, the token URL."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.urls import reverse

from endpoints.kucoin import websocket as kws
from endpoints.reference.pages import channel_example_topic
from endpoints.try_it import upstream
from endpoints.try_it.ws_token import token_endpoint

from .samples import node_sample, python_sample

FALLBACK_VALUES = {"symbol": "BTC-USDT", "type": "1min", "market": "USDS"}
FUTURES_SYMBOL = "XBTUSDTM"


@dataclass(frozen=True)
class TopicField:
    name: str
    value: str
    many: bool  # takes a comma-separated list

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


def console_context(channel) -> dict:
    """Everything the console partial renders for one channel."""
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
