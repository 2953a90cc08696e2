"""Push messages shaped like a channel's example: the requested symbol, fresh timestamps and sequence numbers.

The example is copied once per subscription, with the example's symbol (and
other topic values) replaced by the requested ones; each push then only
rewrites the timestamp and sequence fields it found, and serialises.
"""

from __future__ import annotations

import copy
import json
import time
from dataclasses import dataclass, field

from .ws_channels import Match

SEQUENCE_KEYS = {"sequence", "sequencestart", "sequenceend", "sn", "tradeid"}
TIME_KEYS = {"ts", "time", "timestamp", "datetime", "createdat", "ordertime", "currenttimestamp"}
# Digits of a timestamp -> how many of its units make a second (s, ms, µs, ns).
UNITS_PER_SECOND = {10: 1, 13: 1_000, 16: 1_000_000, 19: 1_000_000_000}


@dataclass
class Stamp:
    """One field to refresh on every push: where it is, what it is, and how it is written."""

    holder: dict | list
    key: str | int
    kind: str  # time | sequence
    as_text: bool
    base: int = 0
    digits: int = 13


@dataclass
class Pusher:
    """Builds the next push of one subscribed topic."""

    body: dict
    stamps: list[Stamp] = field(default_factory=list)
    count: int = 0

    def next_text(self, now_ns: int | None = None) -> str:
        """The next message as JSON text."""
        now_ns = now_ns or time.time_ns()
        self.count += 1
        for stamp in self.stamps:
            if stamp.kind == "time":
                value = now_ns // (1_000_000_000 // UNITS_PER_SECOND[stamp.digits])
            else:
                value = stamp.base + self.count
            stamp.holder[stamp.key] = str(value) if stamp.as_text else value
        return json.dumps(self.body, separators=(",", ":"))


def pusher_for(match: Match) -> Pusher:
    """A pusher for one concrete topic, its example filled with the topic's values."""
    channel = match.channel
    example = copy.deepcopy(channel.example) if channel.example else {"subject": channel.slug, "data": {}}
    replacements = {old: match.values[name] for name, old in channel.example_values.items() if name in match.values}
    body = replaced(example, replacements, match.values.get("symbol"))
    body.update(type="message", topic=match.topic)
    pusher = Pusher(body)
    find_stamps(body, pusher.stamps)
    return pusher


def replaced(value, replacements: dict, symbol: str | None, key: str = ""):
    """The value with the example's topic values swapped for the requested ones (keys and nested values too)."""
    if isinstance(value, dict):
        return {replacements.get(k, k): replaced(v, replacements, symbol, k) for k, v in value.items()}
    if isinstance(value, list):
        return [replaced(item, replacements, symbol) for item in value]
    if isinstance(value, str):
        if key == "symbol" and symbol:
            return symbol
        return replacements.get(value, value)
    return value


def find_stamps(value, stamps: list[Stamp]) -> None:
    """Collect the timestamp and sequence fields under `value`, walking dicts (and kline candles)."""
    if isinstance(value, list):
        for item in value:
            find_stamps(item, stamps)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        lowered = key.lower()
        if key == "candles" and isinstance(item, list) and item and is_whole(item[0]):
            stamps.append(Stamp(item, 0, "time", isinstance(item[0], str), digits=10))
        elif lowered in TIME_KEYS and is_whole(item) and len(str(item)) in UNITS_PER_SECOND:
            stamps.append(Stamp(value, key, "time", isinstance(item, str), digits=len(str(item))))
        elif lowered in SEQUENCE_KEYS and is_whole(item):
            stamps.append(Stamp(value, key, "sequence", isinstance(item, str), base=int(item)))
        else:
            find_stamps(item, stamps)


def is_whole(value) -> bool:
    """A whole number, or a string of digits (KuCoin writes many numbers as strings)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, str) and value.isdigit())
