"""What the sandbox pushes on the unified public channels, from its own market (market_world), and how often.

KuCoin publishes no example of these pushes and the SDK hands them over as plain
dicts, so beyond `s` (the symbol, which the SDK routes pushes by) the field names
here are the sandbox's own, kept short in the protocol's style. Prices follow the
same made-up market as the REST sandbox's klines and trades.
"""

from __future__ import annotations

from collections.abc import Callable

from endpoints.kucoin.market_data import INTERVAL_SECONDS

from .market_world import SandboxSymbol, price_at, symbol_get
from .ws_unified_channels import UnifiedSubscription

# Milliseconds between pushes: KuCoin gives no frequencies for these channels; these are typical of its classic ones.
INTERVAL_MS = {
    "ticker": 100,
    "trade": 200,
    "kline": 1000,
    "obu": 100,
    "mark-price": 1000,
    "funding-fee": 1000,
    "funding-fee-all-symbols": 1000,
    "callAuctionInfo": 1000,
}
FASTEST_MS = 20  # increment@10ms is honoured at this pace: a browser log cannot show more


def interval_ms(subscription: UnifiedSubscription) -> int:
    if subscription.channel.name == "obu" and subscription.value("depth") == "increment@10ms":
        return FASTEST_MS
    return INTERVAL_MS.get(subscription.channel.name, 1000)


def market_symbol(symbol: str) -> SandboxSymbol | None:
    return symbol_get(market="spot", symbol=symbol) or symbol_get(market="futures", symbol=symbol)


def price_text(item: SandboxSymbol, now_ms: int, offset: float = 0.0) -> str:
    return f"{price_at(item, now_ms // 1000) * (1 + offset):.{item.decimals}f}"


def ticker(item: SandboxSymbol, sub: UnifiedSubscription, now_ms: int, count: int) -> dict:
    return {"s": item.symbol, "lp": price_text(item, now_ms), "bp": price_text(item, now_ms, -0.0001),
            "bs": "0.5", "ap": price_text(item, now_ms, 0.0001), "as": "0.4", "M": now_ms, "u": count}  # fmt: skip


def trade(item: SandboxSymbol, sub: UnifiedSubscription, now_ms: int, count: int) -> dict:
    side = "buy" if count % 2 else "sell"
    return {"s": item.symbol, "t": str(now_ms * 1000 + count), "p": price_text(item, now_ms), "q": "0.01",
            "S": side, "M": now_ms}  # fmt: skip


def kline(item: SandboxSymbol, sub: UnifiedSubscription, now_ms: int, count: int) -> dict:
    interval = sub.value("interval", "1min")
    seconds = INTERVAL_SECONDS.get(interval) or 30 * 86400  # a month: near enough for a live candle
    start = now_ms // 1000 // seconds * seconds
    open_, close = price_text(item, start * 1000), price_text(item, now_ms)
    high, low = max(open_, close, key=float), min(open_, close, key=float)
    return {"s": item.symbol, "i": interval, "t": start, "o": open_, "h": high, "l": low, "c": close,
            "v": f"{item.volume * count / 60:.4f}", "M": now_ms}  # fmt: skip


def orderbook(item: SandboxSymbol, sub: UnifiedSubscription, now_ms: int, count: int) -> dict:
    depth = sub.value("depth", "5")
    levels = int(depth) if depth.isdigit() else 1
    bids = [[price_text(item, now_ms, -0.0001 * (n + 1)), f"{0.1 * (n + 1):.2f}"] for n in range(levels)]
    asks = [[price_text(item, now_ms, 0.0001 * (n + 1)), f"{0.1 * (n + 1):.2f}"] for n in range(levels)]
    kind = "delta" if depth.startswith("increment") else "snapshot"
    return {"s": item.symbol, "depth": depth, "type": kind, "b": bids, "a": asks, "u": count, "M": now_ms}


def mark_price(item: SandboxSymbol, sub: UnifiedSubscription, now_ms: int, count: int) -> dict:
    return {"s": item.symbol, "mp": price_text(item, now_ms), "ip": price_text(item, now_ms, -0.0002), "M": now_ms}


def funding_fee(item: SandboxSymbol, sub: UnifiedSubscription, now_ms: int, count: int) -> dict:
    next_at = (now_ms // 28_800_000 + 1) * 28_800_000
    return {"s": item.symbol, "fr": "0.000100", "pfr": "0.000095", "nt": next_at, "M": now_ms}


def call_auction(item: SandboxSymbol, sub: UnifiedSubscription, now_ms: int, count: int) -> dict:
    return {"s": item.symbol, "ep": price_text(item, now_ms), "eq": "1.5", "bp": price_text(item, now_ms, -0.001),
            "ap": price_text(item, now_ms, 0.001), "M": now_ms}  # fmt: skip


MAKERS: dict[str, Callable[[SandboxSymbol, UnifiedSubscription, int, int], dict]] = {
    "ticker": ticker,
    "trade": trade,
    "kline": kline,
    "obu": orderbook,
    "mark-price": mark_price,
    "funding-fee": funding_fee,
    "callAuctionInfo": call_auction,
}


def public_data(sub: UnifiedSubscription, now_ms: int, count: int) -> list[dict]:
    """The `d` of each push for one subscription now (funding-fee-all-symbols: one per futures symbol)."""
    if sub.channel.name == "funding-fee-all-symbols":
        futures = [s for s in ("XBTUSDTM", "XBTUSDM", "ETHUSDTM", "SOLUSDTM") if symbol_get(market="futures", symbol=s)]
        return [funding_fee(symbol_get(market="futures", symbol=s), sub, now_ms, count) for s in futures]  # type: ignore[arg-type]
    item, maker = market_symbol(sub.symbol), MAKERS.get(sub.channel.name)
    return [maker(item, sub, now_ms, count)] if item is not None and maker is not None else []
