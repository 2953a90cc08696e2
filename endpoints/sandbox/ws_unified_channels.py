"""The unified-account channels the WebSocket sandbox serves, read once, and the check of a SUBSCRIBE frame.

Each catalogued unified channel keeps the frame the SDK builds (`subscribe_frame`):
fixed values (channel, tradeType) say which channel a client means, `{placeholders}`
say which values it must give. A frame is checked as KuCoin would: the channel on
this connection, the trade type, every symbol known to the sandbox's market, and
each value one the SDK accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from endpoints.kucoin import unified_websocket as uws
from endpoints.kucoin.hosts import unified_role

from .market_world import SYMBOLS
from .ws_frames import FrameRefusal

MARKETS = {"spot": ("spot",), "futures": ("futures",), "private": ("spot", "futures")}


class FrameRefused(FrameRefusal):
    """A frame the sandbox answers with `result: false` (and `close` when it also drops the connection)."""

    def __init__(self, frame: dict, *, close: bool = False):
        super().__init__(frame, str(frame.get("msg", "")), close=close)


@dataclass(frozen=True)
class UnifiedChannel:
    slug: str
    role: str  # spot | futures | private
    name: str  # the frame's channel: ticker, obu, orderAll, ...
    fixed: dict  # values the frame must carry as they are (tradeType SPOT)
    arguments: tuple[str, ...]  # values the client fills in (symbol(s), interval, depth, accountType, tradeType)

    @property
    def private(self) -> bool:
        return self.role == "private"

    @property
    def needs_symbol(self) -> bool:
        return self.name not in uws.SYMBOL_OPTIONAL


@dataclass(frozen=True)
class UnifiedSubscription:
    """One channel for one symbol (or none): what a push task serves and an UNSUBSCRIBE names."""

    channel: UnifiedChannel
    symbol: str
    values: tuple[tuple[str, str], ...]  # the filled-in values besides the symbol

    @property
    def key(self) -> tuple:
        return (self.channel.name, self.symbol, self.values)

    def value(self, name: str, default: str = "") -> str:
        return dict(self.values).get(name, default)

    @property
    def topic(self) -> str:
        """The push's T: channel.tradeType, or balance.<accountType>, or the bare channel."""
        trade_type = self.value("tradeType") or self.channel.fixed.get("tradeType") or self.value("accountType")
        return uws.push_topic(self.channel.name, trade_type or None)


def unified_channel(slug: str, address: str, frame: dict) -> UnifiedChannel | None:
    role = unified_role(address)
    if role not in MARKETS:
        return None  # the trading connection is not a push channel
    fixed, arguments = {}, []
    for key, value in frame.items():
        if key in ("action", "channel"):
            continue
        if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            arguments.append(key)
        else:
            fixed[key] = value
    return UnifiedChannel(slug, role, frame.get("channel", ""), fixed, tuple(arguments))


class UnifiedTable:
    """The unified channels per connection role, and the check of one frame against them."""

    def __init__(self, channels: list[UnifiedChannel]):
        self.channels = channels
        self.symbols = {market: {s.symbol for s in SYMBOLS if s.market == market} for market in ("spot", "futures")}

    def __len__(self) -> int:
        return len(self.channels)

    def find(self, role: str, frame: dict) -> UnifiedChannel | None:
        """The channel a frame names on this connection: its name, and the tradeType it was catalogued with."""
        for channel in self.channels:
            if channel.role == role and channel.name == frame.get("channel"):
                trade_type = channel.fixed.get("tradeType")
                if trade_type is None or str(frame.get("tradeType", "")).upper() == trade_type:
                    return channel
        return None

    def subscriptions(self, role: str, frame: dict, frame_id: str, per_frame: int) -> list[UnifiedSubscription]:
        """The single subscriptions a SUBSCRIBE / UNSUBSCRIBE frame asks for, or FrameRefused for the first problem."""
        channel = self.find(role, frame)
        if channel is None:
            raise FrameRefused(uws.refused(frame_id, uws.ERROR_UNKNOWN_CHANNEL, channel=frame.get("channel")))
        symbols = self.symbols_of(channel, frame, frame_id)
        if len(symbols) > per_frame:
            raise FrameRefused(uws.refused(frame_id, uws.ERROR_TOO_MANY_TOPICS, limit=per_frame))
        known = set().union(*(self.symbols[market] for market in MARKETS[channel.role]))
        for symbol in symbols:
            if symbol not in known:
                raise FrameRefused(uws.refused(frame_id, uws.ERROR_UNKNOWN_SYMBOL, symbol=symbol))
        values = tuple(
            (name, self.checked_value(name, frame.get(name), frame_id))
            for name in channel.arguments
            if name not in ("symbol", "symbols")
        )
        return [UnifiedSubscription(channel, symbol, values) for symbol in symbols or [""]]

    def symbols_of(self, channel: UnifiedChannel, frame: dict, frame_id: str) -> list[str]:
        given = frame.get("symbols") if "symbols" in frame else frame.get("symbol")
        symbols = [given] if isinstance(given, str) else given if isinstance(given, list) else []
        symbols = list(dict.fromkeys(s.strip() for s in symbols if isinstance(s, str) and s.strip()))
        if not symbols and channel.needs_symbol:
            raise FrameRefused(uws.refused(frame_id, uws.ERROR_SYMBOL_MISSING, channel=channel.name))
        return symbols

    @staticmethod
    def checked_value(name: str, value, frame_id: str) -> str:
        choices = uws.CHOICES.get(name)
        text = str(value if value is not None else "")
        text = text.upper() if name in ("accountType", "tradeType") else text
        if choices is not None and text not in choices:
            raise FrameRefused(
                uws.refused(frame_id, uws.ERROR_BAD_VALUE, name=name, value=text, choices=", ".join(choices))
            )
        return text


def unified_from_catalogue() -> UnifiedTable:
    """Read every live unified push channel from the database, once."""
    from endpoints.selectors import channel_list

    channels = []
    for channel in channel_list():
        if channel.protocol == "unified" and isinstance(channel.subscribe_frame, dict):
            found = unified_channel(channel.slug, channel.address, channel.subscribe_frame)
            if found is not None:
                channels.append(found)
    return UnifiedTable(channels)
