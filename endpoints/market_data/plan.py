"""Split a range into archive days and REST pages, and say what it costs, before anything is fetched.

A segment is one unit of work and one file on disk: a whole UTC day from the archive, or one
REST page of at most KuCoin's page limit of candles. Pages are half-open windows
[start, end) that touch without overlapping, so no candle can come twice or fall between.
"""

from __future__ import annotations

import datetime as dt
import math
import time

from endpoints.kucoin.market_data import (
    ARCHIVE_INTERVALS,
    INTERVAL_SECONDS,
    KLINES,
    bucket_ceil,
    bucket_floor,
    bucket_next,
)

from .budget import pool_budget
from .request import MarketDataRequest, RequestError


def plan_build(
    *, request: MarketDataRequest, archive_days: set[str], now: int, budget: int, remaining: int | None = None
) -> dict:
    """The plan for a checked request, given the days the archive holds, the clock and the pool's budget.

    `budget` is the pool's weight per window, `remaining` what the team has left in the current one.
    """
    days = days_in(request, now)
    from_archive = [day for day in days if request.use_archive and day in archive_days and archive_serves(request)]
    if request.kind == "trades":
        segments = [archive_segment(day) for day in from_archive]
        rest_days, missing = [], [day for day in days if day not in from_archive]
    else:
        segments = kline_segments(request, days, set(from_archive), now)
        rest_days, missing = [day for day in days if day not in from_archive], []
    if not segments and request.kind == "trades":
        raise RequestError("Nothing to fetch: the archive has none of these days, and REST has no trade ranges.")
    if not segments:
        raise RequestError("Nothing to fetch yet: no candle of this interval has closed inside the range.")
    endpoint = KLINES[request.market]
    pages = sum(1 for segment in segments if segment["source"] == "rest")
    weight = pages * endpoint.weight
    return {
        "segments": segments,
        "rest_requests": pages,
        "weight": weight,
        "pool": endpoint.pool,
        "budget": budget,
        "remaining": budget if remaining is None else remaining,
        "windows": windows_needed(weight=weight, budget=budget, remaining=budget if remaining is None else remaining),
        "page_limit": endpoint.page_limit,
        "archive_days": from_archive,
        "archive_requests": 2 * len(from_archive),
        "rest_days": rest_days,
        "missing_days": missing,
        "columns": list(endpoint.columns) if request.kind == "klines" else None,
        "until": min(request.end, complete_before(request, now)),
    }


def plan_for(*, request: MarketDataRequest, archive_days: set[str]) -> dict:
    """The plan at the current time and the team's current budget, read from the shared ledger."""
    budget = pool_budget(market=request.market, pool=KLINES[request.market].pool)
    return plan_build(
        request=request,
        archive_days=archive_days,
        now=int(time.time()),
        budget=budget.limit,
        remaining=budget.remaining,
    )


def windows_needed(*, weight: int, budget: int, remaining: int) -> int:
    """30-second windows the weight spans: what is left of this one first, then whole ones."""
    if not weight:
        return 0
    if weight <= remaining:
        return 1
    return 1 + math.ceil((weight - max(0, remaining)) / budget)


def archive_serves(request: MarketDataRequest) -> bool:
    return request.kind == "trades" or request.interval in ARCHIVE_INTERVALS


def complete_before(request: MarketDataRequest, now: int) -> int:
    """Candles opening before this are closed; the one still open would change, so it is left out."""
    if request.kind == "trades":
        return day_start(now)
    return bucket_floor(interval=request.interval, at=now)


def day_start(at: int) -> int:
    return at // 86400 * 86400


def days_in(request: MarketDataRequest, now: int) -> list[str]:
    """The UTC days of the range that have begun, as ISO dates."""
    last = min(request.end, complete_before(request, now))
    return [dt.datetime.fromtimestamp(at, dt.UTC).date().isoformat() for at in range(request.start, last, 86400)]


def archive_segment(day: str) -> dict:
    start = int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp())
    return {"source": "archive", "day": day, "start": start, "end": start + 86400}


def kline_segments(request: MarketDataRequest, days: list[str], from_archive: set[str], now: int) -> list[dict]:
    """Archive days in place, and each run of other days cut into REST pages."""
    segments, run_start = [], None
    end = min(request.end, complete_before(request, now))
    for day in days:
        if day in from_archive:
            if run_start is not None:
                segments += rest_pages(request.interval, request.market, run_start, archive_segment(day)["start"])
                run_start = None
            segments.append(archive_segment(day))
        elif run_start is None:
            run_start = max(archive_segment(day)["start"], request.start)
    if run_start is not None:
        segments += rest_pages(request.interval, request.market, run_start, end)
    return segments


def rest_pages(interval: str, market: str, start: int, end: int) -> list[dict]:
    """Windows [start, end) of at most one page of candles each, covering every candle opening in the run."""
    limit = KLINES[market].page_limit
    fixed = INTERVAL_SECONDS[interval]
    pages, page_start = [], bucket_ceil(interval=interval, at=start)
    while page_start < end:
        if fixed:
            page_end = page_start + limit * fixed
        else:
            page_end = page_start
            for _ in range(limit):
                page_end = bucket_next(interval=interval, start=page_end)
        pages.append({"source": "rest", "start": page_start, "end": min(page_end, end)})
        page_start = page_end
    return pages


def day_runs(days: list[str]) -> list[tuple[str, str, int]]:
    """Consecutive days grouped for display: (first, last, count)."""
    runs: list[list] = []
    for day in days:
        current = dt.date.fromisoformat(day)
        if runs and dt.date.fromisoformat(runs[-1][1]) + dt.timedelta(days=1) == current:
            runs[-1][1], runs[-1][2] = day, runs[-1][2] + 1
        else:
            runs.append([day, day, 1])
    return [tuple(run) for run in runs]
