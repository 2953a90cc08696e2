"""Fetch one segment (a REST page or an archive day) with KuCoin's retry rules, logging each retry.

429000 is waited out for the gw-ratelimit-reset the answer gives; 5xx and network trouble back
off exponentially; any other KuCoin error stops the job with KuCoin's own message.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import requests
from django.conf import settings

from endpoints.kucoin.market_data import KLINES
from endpoints.kucoin.rate_limits import RESET_HEADER

from . import archive
from .budget import Pacer
from .client import UpstreamError, rest_get
from .request import MarketDataRequest

MAX_ATTEMPTS = 8
MAX_WAIT_SECONDS = 30.0


class FetchError(Exception):
    """A segment that cannot be fetched; the message is for the user."""


@dataclass
class Fetcher:
    session: requests.Session
    request: MarketDataRequest
    pacer: Pacer
    log: Callable[[str], None]
    sleep: Callable[[float], None] = time.sleep
    requests_made: int = 0
    backoff: float = field(default_factory=lambda: float(getattr(settings, "MARKET_DATA_BACKOFF_SECONDS", 1.0)))

    def segment_rows(self, segment: dict) -> list[list[str]]:
        """The segment's rows, oldest first, only those opening inside it."""
        if segment["source"] == "archive":
            return self.archive_day(segment["day"])
        return self.rest_page(segment)

    def archive_day(self, day: str) -> list[list[str]]:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return archive.day_rows(session=self.session, request=self.request, day=day)
            except UpstreamError as error:
                self.back_off(attempt, f"archive day {day}: {error}")
            except archive.ArchiveRefused as error:
                raise FetchError(str(error)) from None
        raise FetchError(f"archive day {day}: gave up after {MAX_ATTEMPTS} attempts")

    def rest_page(self, segment: dict) -> list[list[str]]:
        endpoint = KLINES[self.request.market]
        params = page_params(self.request, segment)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            self.pacer.wait_for(endpoint.weight)
            try:
                reply = rest_get(session=self.session, market=self.request.market, path=endpoint.path, params=params)
            except UpstreamError as error:
                self.back_off(attempt, str(error))
                continue
            self.pacer.observe(reply.headers)
            if reply.is_ok:
                self.requests_made += 1
                return page_rows(reply.data, segment, self.request.market)
            if reply.status == 429 or reply.code == "429000":
                self.wait_out_quota(attempt, reply.headers)
            elif reply.status >= 500:
                self.back_off(attempt, f"HTTP {reply.status} {reply.code} {reply.message}".strip())
            else:
                raise FetchError(f"KuCoin refused the page at {segment['start']}: {reply.code} {reply.message}")
        raise FetchError(f"the page at {segment['start']} failed {MAX_ATTEMPTS} times; the job stops here")

    def wait_out_quota(self, attempt: int, headers: dict[str, str]) -> None:
        reset = headers.get(RESET_HEADER, "")
        wait = int(reset) / 1000 + 0.05 if reset.isdigit() else self.backoff * 2 ** (attempt - 1)
        wait = min(wait, MAX_WAIT_SECONDS)
        self.log(f"429000: the pool's quota is spent; waiting {wait:.1f} s for the window to reset (try {attempt})")
        self.sleep(wait)

    def back_off(self, attempt: int, why: str) -> None:
        wait = min(self.backoff * 2 ** (attempt - 1), MAX_WAIT_SECONDS)
        self.log(f"{why}; retrying in {wait:.1f} s (try {attempt} of {MAX_ATTEMPTS})")
        self.sleep(wait)


def page_params(request: MarketDataRequest, segment: dict) -> dict:
    """KuCoin's query for one window; its end is inclusive on KuCoin, so ask up to one unit before ours."""
    endpoint = KLINES[request.market]
    unit = 1000 // endpoint.time_unit_ms  # values per second: 1 for seconds, 1000 for milliseconds
    return {
        "symbol": request.symbol,
        endpoint.interval_param: endpoint.interval_value(request.interval),
        endpoint.start_param: segment["start"] * unit,
        endpoint.end_param: segment["end"] * unit - 1,
    }


def page_rows(data, segment: dict, market: str) -> list[list[str]]:
    """KuCoin's candles for the window, oldest first, each once, only those opening inside [start, end)."""
    endpoint = KLINES[market]
    if not isinstance(data, list):
        raise FetchError("KuCoin's kline answer holds no list of candles")
    per_second = 1000 // endpoint.time_unit_ms
    rows: dict[int, list[str]] = {}
    for candle in data:
        if not isinstance(candle, list) or len(candle) != len(endpoint.columns):
            raise FetchError(f"a candle has {len(candle) if isinstance(candle, list) else 0} fields, expected "
                             f"{len(endpoint.columns)} ({', '.join(endpoint.columns)})")  # fmt: skip
        opened = int(candle[0]) // per_second
        if segment["start"] <= opened < segment["end"]:
            rows[opened] = [str(value) for value in candle]
    return [rows[opened] for opened in sorted(rows)]
