"""The WebSocket sandbox's channel table: the catalogued channels read once, topics matched without the database.

A subscribe frame's topic (`/market/ticker:BTC-USDT,ETH-USDT`) is split into
single topics, each matched to a channel by its prefix and argument shape;
`/market/ticker:all` is a channel of its own, and `/market/snapshot:BTC` (a
market) and `/market/snapshot:BTC-USDT` (a symbol) share a prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from endpoints.kucoin.websocket import PLACEHOLDER, is_futures_topic, is_private, topic_values

# "real-time" has no number: public channels push this often, private ones (no trading state yet) slower.
REAL_TIME_MS = {"public": 200, "private": 1000}
DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m|h)\b", re.IGNORECASE)
UNIT_MS = {"ms": 1, "s": 1000, "sec": 1000, "min": 60_000, "m": 60_000, "h": 3_600_000}


def push_interval_ms(frequency: str, *, private: bool) -> int:
    """Read KuCoin's free-text push frequency ("once every 100ms", "1s", "real-time") as milliseconds."""
    text = frequency or ""
    if "real" in text.lower() or not DURATION.search(text):
        return REAL_TIME_MS["private" if private else "public"]
    number, unit = DURATION.search(text).groups()
    return max(1, int(float(number) * UNIT_MS[unit.lower()]))


@dataclass(frozen=True)
class ChannelSpec:
    """One catalogued channel as the WebSocket sandbox needs it."""

    slug: str
    topic: str  # the template, e.g. /market/candles:{symbol}_{type}
    private: bool
    interval_ms: int
    example: dict = field(default_factory=dict, compare=False)
    example_values: dict = field(default_factory=dict, compare=False)  # placeholder -> value in the example

    @property
    def prefix(self) -> str:
        return self.topic.split(":", 1)[0]

    @property
    def arg_template(self) -> str | None:
        """What follows the colon: `{symbol}`, `{symbol}_{type}`, `all`, or None for a topic without one."""
        return self.topic.split(":", 1)[1] if ":" in self.topic else None

    @property
    def arg_names(self) -> list[str]:
        return PLACEHOLDER.findall(self.arg_template or "")

    @property
    def futures(self) -> bool:
        return is_futures_topic(self.topic)

    def parse_arg(self, arg: str | None) -> dict | None:
        """The placeholder values one topic argument gives this channel, or None when it does not fit."""
        template = self.arg_template
        if template is None or arg is None:
            return {} if template is None and arg is None else None
        if not PLACEHOLDER.search(template):
            return {} if arg == template else None
        return topic_values(template, arg)

    def shape_score(self, values: dict) -> int:
        """How well values resemble the example's: a symbol has a dash (BTC-USDT), a market does not (BTC)."""
        return sum(("-" in value) == ("-" in self.example_values.get(name, "-")) for name, value in values.items())


@dataclass
class Match:
    channel: ChannelSpec
    topic: str  # one concrete topic, e.g. /market/ticker:BTC-USDT
    values: dict


class ChannelTable:
    """Every channel, indexed by topic prefix."""

    def __init__(self, channels: list[ChannelSpec]):
        self.channels = channels
        self.by_prefix: dict[str, list[ChannelSpec]] = {}
        for channel in channels:
            self.by_prefix.setdefault(channel.prefix, []).append(channel)

    def __len__(self) -> int:
        return len(self.channels)

    def split(self, topic: str) -> list[str]:
        """One subscribe topic as its single topics: `/p:A,B` -> [`/p:A`, `/p:B`]."""
        prefix, colon, args = topic.partition(":")
        if not colon:
            return [topic]
        return [f"{prefix}:{arg}" for arg in args.split(",")]

    def match(self, single_topic: str) -> Match | None:
        """The channel that serves one concrete topic, or None if no catalogued channel does."""
        prefix, colon, arg = single_topic.partition(":")
        candidates = []
        for channel in self.by_prefix.get(prefix, ()):
            values = channel.parse_arg(arg if colon else None)
            if values is not None:
                literal = channel.arg_template is not None and not channel.arg_names
                candidates.append((literal, channel.shape_score(values), channel, values))
        if not candidates:
            return None
        _, _, channel, values = max(candidates, key=lambda item: (item[0], item[1]))
        return Match(channel, single_topic, values)


def example_values(template: str, example: object) -> dict:
    """The placeholder values in the topic of KuCoin's example message (BTC-USDT, 1hour, ...)."""
    topic = example.get("topic") if isinstance(example, dict) else None
    if not isinstance(topic, str) or ":" not in template or ":" not in topic:
        return {}
    probe = ChannelSpec(slug="", topic=template, private=False, interval_ms=0)
    if topic.split(":", 1)[0] != probe.prefix:  # some examples carry another channel's topic
        return {}
    return probe.parse_arg(topic.split(":", 1)[1]) or {}


def channels_from_catalogue() -> ChannelTable:
    """Read every live classic channel from the database, once (the unified protocol is not served yet)."""
    from endpoints.selectors import channel_list

    specs = []
    for channel in channel_list():
        if channel.protocol != "classic":
            continue
        private = is_private(channel.api_channel)
        example = channel.message_example if isinstance(channel.message_example, dict) else {}
        specs.append(
            ChannelSpec(
                slug=channel.slug,
                topic=channel.topic,
                private=private,
                interval_ms=push_interval_ms(channel.push_frequency, private=private),
                example=example,
                example_values=example_values(channel.topic, example),
            )
        )
    return ChannelTable(specs)
