"""KuCoin's market-data facts: kline intervals, paging limits, endpoints, column orders, archive names.

Sources: KuCoin's spec for Get Klines (spot `GET /api/v1/market/candles`, futures
`GET /api/v1/kline/query`), Get Trade History and Get All Symbols / Get All Contracts.
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass

MARKETS = ("spot", "futures")
KINDS = ("klines", "trades")

# Spot names every interval by KuCoin's `type` value; futures takes `granularity` in minutes and lacks some.
INTERVAL_SECONDS = {
    "1min": 60, "3min": 180, "5min": 300, "15min": 900, "30min": 1800,
    "1hour": 3600, "2hour": 7200, "4hour": 14400, "6hour": 21600, "8hour": 28800, "12hour": 43200,
    "1day": 86400, "1week": 604800, "1month": None,  # a calendar month
}  # fmt: skip
FUTURES_GRANULARITY = {
    "1min": 1, "5min": 5, "15min": 15, "30min": 30, "1hour": 60, "2hour": 120,
    "4hour": 240, "8hour": 480, "12hour": 720, "1day": 1440, "1week": 10080,
}  # fmt: skip
# 1970-01-01 was a Thursday; KuCoin's weekly candles open on Monday 00:00 UTC.
WEEK_OFFSET = 4 * 86400


@dataclass(frozen=True)
class KlineEndpoint:
    """How one market pages its klines: KuCoin's path, limits and the order of a candle's fields."""

    market: str
    path: str
    page_limit: int  # candles per request at most
    pool: str
    weight: int
    time_unit_ms: int  # 1000 for seconds (spot startAt/endAt), 1 for milliseconds (futures from/to)
    start_param: str
    end_param: str
    interval_param: str
    newest_first: bool
    columns: tuple[str, ...]

    def interval_value(self, interval: str) -> str:
        return str(FUTURES_GRANULARITY[interval]) if self.market == "futures" else interval


KLINES = {
    "spot": KlineEndpoint(
        market="spot",
        path="/api/v1/market/candles",
        page_limit=1500,
        pool="Public",
        weight=3,
        time_unit_ms=1000,
        start_param="startAt",
        end_param="endAt",
        interval_param="type",
        newest_first=True,
        # The order is easy to get wrong: close comes before high and low.
        columns=("time", "open", "close", "high", "low", "volume", "turnover"),
    ),
    "futures": KlineEndpoint(
        market="futures",
        path="/api/v1/kline/query",
        page_limit=500,
        pool="Public",
        weight=3,
        time_unit_ms=1,
        start_param="from",
        end_param="to",
        interval_param="granularity",
        newest_first=False,
        columns=("time", "open", "high", "low", "close", "volume"),
    ),
}

TRADE_COLUMNS = ("trade_id", "time", "price", "size", "side")
SYMBOL_LISTS = {"spot": ("/api/v2/symbols", 4), "futures": ("/api/v1/contracts/active", 3)}


def intervals_for(*, market: str) -> tuple[str, ...]:
    """The kline intervals KuCoin offers on this market, shortest first."""
    names = FUTURES_GRANULARITY if market == "futures" else INTERVAL_SECONDS
    return tuple(names)


def archive_symbol(*, market: str, symbol: str) -> str:
    """The archive's spelling: `BTC-USDT` is `BTCUSDT`, and futures' `XBT` is `BTC` there."""
    plain = symbol.replace("-", "")
    if market == "futures" and plain.startswith("XBT"):
        plain = "BTC" + plain[3:]
    return plain


ARCHIVE_INTERVALS = {"1min": "1m", "5min": "5m", "15min": "15m", "30min": "30m", "1hour": "1h", "4hour": "4h"}
ARCHIVE_INTERVALS.update({"1day": "1d"})


def archive_path(*, market: str, kind: str, symbol: str, day: str, interval: str = "") -> str:
    """Where one day's zip lives in the archive, relative to its base URL."""
    name = archive_symbol(market=market, symbol=symbol)
    if kind == "trades":
        return f"data/{market}/daily/trades/{name}/{name}-trades-{day}.zip"
    short = ARCHIVE_INTERVALS[interval]
    return f"data/{market}/daily/klines/{name}/{short}/{name}-{short}-{day}.zip"


def archive_folder(*, market: str, kind: str, symbol: str, interval: str = "") -> str:
    """The archive folder that holds one symbol's daily zips of one kind (and interval)."""
    return archive_path(market=market, kind=kind, symbol=symbol, day="", interval=interval).rsplit("/", 1)[0] + "/"


def bucket_floor(*, interval: str, at: int) -> int:
    """The open time (seconds) of the candle holding `at`."""
    seconds = INTERVAL_SECONDS[interval]
    if seconds is None:
        year, month = _year_month(at)
        return calendar.timegm((year, month, 1, 0, 0, 0))
    offset = WEEK_OFFSET if interval == "1week" else 0
    return (at - offset) // seconds * seconds + offset


def bucket_next(*, interval: str, start: int) -> int:
    """The open time of the candle after the one opening at `start`."""
    seconds = INTERVAL_SECONDS[interval]
    if seconds is not None:
        return start + seconds
    year, month = _year_month(start)
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return calendar.timegm((year, month, 1, 0, 0, 0))


def bucket_ceil(*, interval: str, at: int) -> int:
    """The first candle open time at or after `at`."""
    floor = bucket_floor(interval=interval, at=at)
    return floor if floor == at else bucket_next(interval=interval, start=floor)


def _year_month(at: int) -> tuple[int, int]:
    moment = time.gmtime(at)
    return moment.tm_year, moment.tm_mon
