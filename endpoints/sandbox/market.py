"""The sandbox's live answers for KuCoin's market-data endpoints: klines, trade history, symbol lists.

These replace the catalogued example for five routes, paging as KuCoin does: spot candles take
`startAt`/`endAt` in seconds and return at most 1,500 rows newest first; futures klines take
`from`/`to` in milliseconds and return at most 500 rows oldest first. Both ends are inclusive.
The gateway has already authenticated, validated and charged the request when these run.
A request that names no symbol gets the catalogued example, as every other endpoint does
(try-it's form starts out empty and must still get KuCoin's example back).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from endpoints.kucoin.market_data import FUTURES_GRANULARITY, KLINES, bucket_ceil, bucket_floor

from . import market_world as world


class BadParameter(ValueError):
    """A value KuCoin would refuse with 400100; the message says which and why."""


def spot_candles(query: dict, now_ms: int) -> bytes:
    """Answer `GET /api/v1/market/candles` like KuCoin's spot host."""
    item = known_symbol("spot", query)
    interval = query.get("type", "")
    rows = kline_rows(item, interval, query.get("startAt"), query.get("endAt"), 1000, now_ms, KLINES["spot"].page_limit)
    rows.reverse()  # spot: newest first
    return envelope("[" + ",".join(json.dumps(row, separators=(",", ":")) for row in rows) + "]")


def futures_klines(query: dict, now_ms: int) -> bytes:
    """Answer `GET /api/v1/kline/query` like KuCoin's futures host (numbers, not strings; ms times)."""
    item = known_symbol("futures", query)
    granularity = query.get("granularity", "")
    intervals = {str(minutes): name for name, minutes in FUTURES_GRANULARITY.items()}
    if granularity not in intervals:
        raise BadParameter(f"granularity {granularity or '(empty)'} is not one of KuCoin's futures granularities")
    limit = KLINES["futures"].page_limit
    rows = kline_rows(item, intervals[granularity], query.get("from"), query.get("to"), 1, now_ms, limit)
    text = ",".join("[" + ",".join(world.market_row("futures", row)) + "]" for row in rows)
    return envelope(f"[{text}]")


def kline_rows(item, interval: str, start, end, unit_ms: int, now_ms: int, limit: int) -> list:
    """The candles opening in [start, end] (given in `unit_ms`), at most `limit`, the newest kept."""
    if interval not in world.INTERVAL_SECONDS:
        raise BadParameter(f"type {interval or '(empty)'} is not one of KuCoin's kline types")
    start_s, end_s = seconds(start, unit_ms), seconds(end, unit_ms)
    last = bucket_floor(interval=interval, at=min(end_s or now_ms // 1000, now_ms // 1000))
    if start_s and end_s and start_s > end_s:
        raise BadParameter("the start time is after the end time")
    first = bucket_ceil(interval=interval, at=start_s) if start_s else None
    seconds_each = world.INTERVAL_SECONDS[interval] or 31 * 86400
    floor = last - (limit - 1) * seconds_each
    first = max(first, floor) if first is not None else floor
    first = bucket_ceil(interval=interval, at=first)
    return world.candles(item, interval, first, last)[-limit:]


def trade_history(market: str) -> Callable[[dict, int], bytes]:
    """Answer Get Trade History: the last 100 trades before now, newest first."""

    def answer(query: dict, now_ms: int) -> bytes:
        item = known_symbol(market, query)
        rows = world.trades(item, now_ms - 100 * world.TRADE_SPACING_MS * 2, now_ms)[-100:]
        rows.reverse()
        if market == "spot":
            data = [
                {"sequence": r[0], "price": r[2], "size": r[3], "side": r[4], "time": int(r[1]) * 10**6} for r in rows
            ]
        else:
            data = [
                {
                    "sequence": int(r[0]),
                    "tradeId": r[0],
                    "ts": int(r[1]) * 10**6,
                    # Futures trade in whole contracts: KuCoin's schema has the size as an integer.
                    "size": max(1, round(float(r[3]))),
                    "price": r[2],
                    "side": r[4],
                }
                for r in rows
            ]
        return envelope(json.dumps(data, separators=(",", ":")))

    return answer


def spot_symbols(query: dict, now_ms: int) -> bytes:
    """Answer `GET /api/v2/symbols` with the sandbox's spot pairs."""
    data = [
        {"symbol": s.symbol, "name": s.symbol, "baseCurrency": s.base, "quoteCurrency": s.quote, "market": "USDS",
         "priceIncrement": f"{10 ** -s.decimals:.{s.decimals}f}", "enableTrading": True}
        for s in world.SYMBOLS if s.market == "spot"
    ]  # fmt: skip
    return envelope(json.dumps(data, separators=(",", ":")))


def futures_contracts(query: dict, now_ms: int) -> bytes:
    """Answer `GET /api/v1/contracts/active` with the sandbox's contracts."""
    data = [
        {"symbol": s.symbol, "rootSymbol": s.quote, "type": "FFWCSX", "baseCurrency": s.base,
         "quoteCurrency": s.quote, "settleCurrency": s.quote, "tickSize": 10 ** -s.decimals, "status": "Open"}
        for s in world.SYMBOLS if s.market == "futures"
    ]  # fmt: skip
    return envelope(json.dumps(data, separators=(",", ":")))


def known_symbol(market: str, query: dict) -> world.SandboxSymbol:
    symbol = query.get("symbol", "")
    item = world.symbol_get(market=market, symbol=symbol)
    if item is None:
        raise BadParameter(f"{symbol or '(empty)'} is not a {market} symbol here")
    return item


def seconds(value, unit_ms: int) -> int:
    """A time parameter in seconds; 0 (KuCoin's default) when empty."""
    if value in (None, "", "0"):
        return 0
    if not str(value).isdigit():
        raise BadParameter(f"{value} is not a time")
    return int(value) * unit_ms // 1000


def envelope(data_json: str) -> bytes:
    return ('{"code":"200000","data":' + data_json + "}").encode()


# (domain, method, catalogued path) -> answer(query, now_ms)
ANSWERS: dict[tuple[str, str, str], Callable[[dict, int], bytes]] = {
    ("spot", "GET", KLINES["spot"].path): spot_candles,
    ("futures", "GET", KLINES["futures"].path): futures_klines,
    ("spot", "GET", "/api/v1/market/histories"): trade_history("spot"),
    ("futures", "GET", "/api/v1/trade/history"): trade_history("futures"),
    ("spot", "GET", "/api/v2/symbols"): spot_symbols,
    ("futures", "GET", "/api/v1/contracts/active"): futures_contracts,
}


def live_answer(domain: str, method: str, path: str, query: dict, now_ms: int) -> bytes | None:
    """The live answer for a market-data route, or None for the catalogued example."""
    answer = ANSWERS.get((domain, method, path))
    if answer is None or (path not in SYMBOL_LIST_PATHS and not query.get("symbol")):
        return None
    return answer(query, now_ms)


SYMBOL_LIST_PATHS = ("/api/v2/symbols", "/api/v1/contracts/active")
