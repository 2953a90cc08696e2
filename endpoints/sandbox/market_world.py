"""The sandbox's made-up but plausible market: symbols, candles and trades as pure functions of time.

Every value is computed from (symbol, interval, time) alone, so any range can be served in any
order and the same request always gives the same rows. Prices follow slow waves plus a hashed
wiggle per minute; each candle opens where the previous one closed. Each symbol has a short
daily-ish trading halt, so the sandbox has gaps of its own, as KuCoin does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from endpoints.kucoin.market_data import INTERVAL_SECONDS, bucket_next

MASK = (1 << 64) - 1
TRADE_SPACING_MS = 40_000  # one trade about every 40 s: 2,160 a day
HALT_EVERY_DAYS = 11  # every 11th day trading stops for 17 minutes at 02:00 UTC
HALT_START, HALT_SECONDS = 2 * 3600, 17 * 60


@dataclass(frozen=True)
class SandboxSymbol:
    market: str
    symbol: str
    base: str
    quote: str
    price: float  # the level the waves move around
    decimals: int  # price decimals (KuCoin's priceIncrement / tickSize)
    volume: float  # typical base volume per minute

    @property
    def seed(self) -> int:
        return sum((index + 1) * ord(char) for index, char in enumerate(self.symbol)) * 7919


SYMBOLS = (
    SandboxSymbol("spot", "BTC-USDT", "BTC", "USDT", 64000.0, 1, 2.5),
    SandboxSymbol("spot", "ETH-USDT", "ETH", "USDT", 3100.0, 2, 40.0),
    SandboxSymbol("spot", "SOL-USDT", "SOL", "USDT", 150.0, 3, 300.0),
    SandboxSymbol("spot", "KCS-USDT", "KCS", "USDT", 9.5, 4, 900.0),
    SandboxSymbol("spot", "ETH-BTC", "ETH", "BTC", 0.048, 6, 12.0),
    SandboxSymbol("futures", "XBTUSDTM", "XBT", "USDT", 64010.0, 1, 900.0),
    SandboxSymbol("futures", "XBTUSDM", "XBT", "USD", 64005.0, 1, 800.0),
    SandboxSymbol("futures", "ETHUSDTM", "ETH", "USDT", 3101.0, 2, 1500.0),
    SandboxSymbol("futures", "SOLUSDTM", "SOL", "USDT", 150.1, 3, 700.0),
)
BY_NAME = {(item.market, item.symbol): item for item in SYMBOLS}


def symbol_get(*, market: str, symbol: str) -> SandboxSymbol | None:
    return BY_NAME.get((market, symbol))


def mix(value: int) -> int:
    """SplitMix64's finaliser: a cheap, well-spread hash of an integer."""
    value = (value + 0x9E3779B97F4A7C15) & MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & MASK
    return value ^ (value >> 31)


def unit(seed: int, key: int) -> float:
    """A deterministic number in [0, 1) for (seed, key)."""
    return mix(seed * 1_000_003 + key) / 2**64


def price_at(item: SandboxSymbol, at: int) -> float:
    """The price at second `at`: slow waves plus a hashed wiggle that changes once a minute."""
    phase = item.seed % 1000 / 159.0
    waves = (
        0.09 * math.sin(at / 509_000 + phase)
        + 0.03 * math.sin(at / 43_000 + 2 * phase)
        + 0.008 * math.sin(at / 3_100 + 3 * phase)
    )
    wiggle = 0.0016 * (unit(item.seed, at // 60) - 0.5)
    return item.price * math.exp(waves + wiggle)


def halted(item: SandboxSymbol, start: int, end: int) -> bool:
    """Whether [start, end) lies wholly inside one of the symbol's trading halts (no candle then)."""
    day = start // 86400
    if (day + item.seed) % HALT_EVERY_DAYS:
        return False
    halt = day * 86400 + HALT_START
    return start >= halt and end <= halt + HALT_SECONDS


def candle(item: SandboxSymbol, interval: str, start: int) -> tuple[str, ...] | None:
    """One candle in spot's order (time, open, close, high, low, volume, turnover), or None in a halt."""
    end = bucket_next(interval=interval, start=start)
    if halted(item, start, end):
        return None
    open_, close = price_at(item, start), price_at(item, end)
    minutes = (end - start) / 60
    spread = 0.0009 * math.sqrt(minutes)
    high = max(open_, close) * (1 + spread * unit(item.seed, start * 3 + 1))
    low = min(open_, close) * (1 - spread * unit(item.seed, start * 3 + 2))
    volume = item.volume * minutes * (0.4 + 1.2 * unit(item.seed, start * 3 + 3))
    turnover = volume * (open_ + close) / 2
    places = item.decimals
    return (
        str(start),
        f"{open_:.{places}f}",
        f"{close:.{places}f}",
        f"{high:.{places}f}",
        f"{low:.{places}f}",
        f"{volume:.8f}",
        f"{turnover:.8f}",
    )


def candles(item: SandboxSymbol, interval: str, first: int, last: int) -> list[tuple[str, ...]]:
    """Every candle opening in [first, last] (seconds, both aligned), oldest first, halts left out."""
    rows, start = [], first
    fixed = INTERVAL_SECONDS[interval]
    while start <= last:
        row = candle(item, interval, start)
        if row is not None:
            rows.append(row)
        start = start + fixed if fixed else bucket_next(interval=interval, start=start)
    return rows


def trades(item: SandboxSymbol, first_ms: int, end_ms: int) -> list[tuple[str, ...]]:
    """Every trade in [first_ms, end_ms), oldest first: (trade_id, time ms, price, size, side)."""
    rows = []
    slot = -(-first_ms // TRADE_SPACING_MS)
    while slot * TRADE_SPACING_MS < end_ms:
        at_ms = slot * TRADE_SPACING_MS + int(unit(item.seed, slot * 5) * 900)
        if not halted(item, at_ms // 1000, at_ms // 1000 + 1):
            rows.append(trade(item, slot, at_ms))
        slot += 1
    return rows


def trade(item: SandboxSymbol, slot: int, at_ms: int) -> tuple[str, ...]:
    size = item.volume * 0.3 * unit(item.seed, slot * 5 + 1)
    side = "buy" if unit(item.seed, slot * 5 + 2) < 0.5 else "sell"
    price = price_at(item, at_ms // 1000)
    return (str(item.seed * 10**9 + slot), str(at_ms), f"{price:.{item.decimals}f}", f"{size:.8f}", side)


def market_row(market: str, row: tuple[str, ...]) -> tuple[str, ...]:
    """A spot-ordered candle in the market's own order: futures is (time ms, open, high, low, close, volume)."""
    if market == "spot":
        return row
    return (str(int(row[0]) * 1000), row[1], row[3], row[4], row[2], row[5])
