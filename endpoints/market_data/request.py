"""What the user asked for, checked before a single candle is requested.

A symbol is checked against the upstream's live symbol list (one cached request), the interval
against KuCoin's intervals for the market, and the range must run forwards. Every refusal says
what to change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from endpoints.kucoin.market_data import KINDS, MARKETS, intervals_for


class RequestError(ValueError):
    """A request that cannot be planned; the message is for the user."""


@dataclass(frozen=True)
class MarketDataRequest:
    market: str
    symbol: str
    kind: str
    interval: str  # "" for trades
    start_day: dt.date
    end_day: dt.date  # not included
    use_archive: bool = True

    @property
    def start(self) -> int:
        return day_seconds(self.start_day)

    @property
    def end(self) -> int:
        return day_seconds(self.end_day)


def day_seconds(day: dt.date) -> int:
    return int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


def request_check(*, request: MarketDataRequest, symbols: list[str] | None = None) -> MarketDataRequest:
    """Refuse a market, kind, interval or range KuCoin lacks, and (given the live list) an unknown symbol."""
    if request.market not in MARKETS:
        raise RequestError(f"Market “{request.market}” is not one of {', '.join(MARKETS)}.")
    if request.kind not in KINDS:
        raise RequestError(f"Kind “{request.kind}” is not one of {', '.join(KINDS)}.")
    if request.kind == "klines" and request.interval not in intervals_for(market=request.market):
        offered = ", ".join(intervals_for(market=request.market))
        raise RequestError(f"KuCoin has no “{request.interval}” klines on {request.market}; it offers {offered}.")
    if request.start_day > request.end_day:
        raise RequestError(
            f"The range runs backwards: {request.start_day} is after {request.end_day}. Swap the two dates."
        )
    if request.start_day == request.end_day:
        raise RequestError("The range is empty: the end day is not included, so pick an end after the start.")
    if request.start_day > dt.datetime.now(dt.UTC).date():
        raise RequestError(f"{request.start_day} is in the future: there is no market data for it yet.")
    if symbols is not None and request.symbol not in symbols:
        raise RequestError(f"“{request.symbol}” is not a {request.market} symbol on this upstream.")
    if request.kind == "trades" and not request.use_archive:
        raise RequestError(
            "KuCoin's REST trade history gives only the last 100 trades, with no range: "
            "trades over a range come from the archive, so leave “use the archive” on."
        )
    return request
