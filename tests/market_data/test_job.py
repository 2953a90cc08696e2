"""Jobs against the real sandbox on loopback: exact rows across pages, the plan's count, 429000, refusals."""

import csv
import datetime as dt
import subprocess
import sys
import threading

import pytest
import requests
from django.utils import timezone

from endpoints.kucoin.market_data import KLINES
from endpoints.market_data.job import LEASE, job_claim, job_create, job_is_stalled, job_result_path, job_run, owner_name
from endpoints.market_data.models import MarketDataJob
from endpoints.market_data.request import MarketDataRequest, RequestError
from endpoints.market_data.service import market_data_plan
from endpoints.sandbox import market_world as world
from endpoints.sandbox import ratelimit

from .conftest import CANDLES

pytestmark = pytest.mark.django_db
D = dt.date


def run(request: MarketDataRequest):
    plan = market_data_plan(request=request)
    job = job_create(request=request, plan=plan)
    owner = owner_name()
    assert job_claim(job_id=job.pk, owner=owner)
    return job_run(job_id=job.pk, owner=owner), plan


def rows_of(job) -> list[list[str]]:
    with job_result_path(job=job).open(newline="") as handle:
        return list(csv.reader(handle))


def expected(market: str, symbol: str, interval: str, start: D, end: D) -> list[list[str]]:
    item = world.symbol_get(market=market, symbol=symbol)
    first = int(dt.datetime.combine(start, dt.time(), dt.UTC).timestamp())
    last = int(dt.datetime.combine(end, dt.time(), dt.UTC).timestamp()) - 1
    return [list(world.market_row(market, row)) for row in world.candles(item, interval, first, last)]


def test_spot_range_over_several_pages_gives_exactly_the_rows(market_sandbox):
    """Three REST pages of 1-minute candles give every candle once, in order, with KuCoin's header."""
    request = MarketDataRequest("spot", "BTC-USDT", "klines", "1min", D(2025, 3, 1), D(2025, 3, 4), use_archive=False)
    job, plan = run(request)
    assert job.status == MarketDataJob.Status.DONE, job.error
    rows = rows_of(job)
    assert rows[0] == ["time", "open", "close", "high", "low", "volume", "turnover"]
    assert rows[1:] == expected("spot", "BTC-USDT", "1min", D(2025, 3, 1), D(2025, 3, 4))
    times = [int(row[0]) for row in rows[1:]]
    assert len(times) == len(set(times)) == job.rows


def test_plan_request_count_is_the_requests_made(market_sandbox):
    """The plan's REST request count is exactly the number of candle requests the sandbox saw."""
    request = MarketDataRequest("spot", "ETH-USDT", "klines", "1min", D(2025, 3, 1), D(2025, 3, 4), use_archive=False)
    job, plan = run(request)
    assert plan["rest_requests"] == 3 == len(market_sandbox.requests_to(CANDLES)) == job.requests_done
    assert plan["weight"] == 9 and plan["pool"] == "Public" and plan["windows"] == 1


def test_futures_pages_of_500_give_exactly_the_rows(market_sandbox):
    """Futures klines page by 500 in milliseconds, oldest first, in futures' own column order."""
    request = MarketDataRequest(
        "futures", "XBTUSDTM", "klines", "1hour", D(2025, 1, 1), D(2025, 2, 1), use_archive=False
    )
    job, plan = run(request)
    assert plan["rest_requests"] == 2 == len(market_sandbox.requests_to(KLINES["futures"].path))
    rows = rows_of(job)
    assert rows[0] == ["time", "open", "high", "low", "close", "volume"]
    assert rows[1:] == expected("futures", "XBTUSDTM", "1hour", D(2025, 1, 1), D(2025, 2, 1))


def test_archive_days_and_rest_pages_make_the_same_file(market_sandbox):
    """Days from the archive's zips and days from REST pages join without gaps or duplicates."""
    rest, _ = run(
        MarketDataRequest("spot", "SOL-USDT", "klines", "5min", D(2025, 5, 1), D(2025, 5, 4), use_archive=False)
    )
    mixed, plan = run(MarketDataRequest("spot", "SOL-USDT", "klines", "5min", D(2025, 5, 1), D(2025, 5, 4)))
    assert plan["archive_days"] == ["2025-05-01", "2025-05-02", "2025-05-03"] and plan["rest_requests"] == 0
    assert rows_of(mixed) == rows_of(rest)


def test_gaps_kucoin_has_are_reported_not_filled(market_sandbox):
    """A trading halt's missing candles are counted and listed, and no row is made up for them."""
    item = world.symbol_get(market="spot", symbol="BTC-USDT")
    day = next(d for d in range(20000, 20100) if (d + item.seed) % world.HALT_EVERY_DAYS == 0)
    start = D(1970, 1, 1) + dt.timedelta(days=day)
    job, _ = run(MarketDataRequest("spot", "BTC-USDT", "klines", "1min", start, start + dt.timedelta(days=1)))
    assert job.gap_count == 17 and job.rows == 1440 - 17
    halt = day * 86400 + world.HALT_START
    assert job.gaps == [[halt, halt + world.HALT_SECONDS, 17]]


def test_a_429000_is_waited_out(market_sandbox, monkeypatch, settings):
    """With the pool's quota spent by someone else, the job waits for the reset, says so, and finishes."""
    monkeypatch.setattr(ratelimit, "WINDOW_MS", 1500)  # a short window keeps the test quick
    request = MarketDataRequest("spot", "BTC-USDT", "klines", "1min", D(2025, 3, 1), D(2025, 3, 3), use_archive=False)
    plan = market_data_plan(request=request)
    job = job_create(request=request, plan=plan)
    market_sandbox.server.limiter.set_quota("Public", 9)
    for _ in range(3):  # another caller spends the window's whole quota
        requests.get(f"{market_sandbox.url}{CANDLES}", params={"symbol": "BTC-USDT", "type": "1hour"}, timeout=5)
    assert job_claim(job_id=job.pk, owner=owner_name())
    job = job_run(job_id=job.pk, owner=owner_name())
    assert job.status == MarketDataJob.Status.DONE, job.error
    assert any("429000" in line for _, line in job.log)
    assert job.rows == len(expected("spot", "BTC-USDT", "1min", D(2025, 3, 1), D(2025, 3, 3)))
    assert len(market_sandbox.requests_to(CANDLES)) > 3 + plan["rest_requests"]


@pytest.mark.parametrize(
    ("symbol", "interval", "start", "end", "message"),
    [
        ("NOPE-USDT", "1min", D(2025, 3, 1), D(2025, 3, 2), "not a spot symbol"),
        ("BTC-USDT", "1min", D(2025, 3, 5), D(2025, 3, 2), "runs backwards"),
        ("BTC-USDT", "2min", D(2025, 3, 1), D(2025, 3, 2), "no “2min” klines"),
    ],
)
def test_bad_requests_are_refused_before_any_candle_request(market_sandbox, symbol, interval, start, end, message):
    """An unknown symbol, a reversed range or an interval KuCoin lacks is refused; no candle is requested."""
    with pytest.raises(RequestError, match=message):
        market_data_plan(request=MarketDataRequest("spot", symbol, "klines", interval, start, end))
    assert market_sandbox.requests_to(CANDLES) == []
    assert not MarketDataJob.objects.exists()


def test_futures_lacks_3min(market_sandbox):
    """Futures has no 3-minute klines, and says which intervals it has; nothing is requested."""
    with pytest.raises(RequestError, match="no “3min” klines on futures"):
        market_data_plan(
            request=MarketDataRequest("futures", "XBTUSDTM", "klines", "3min", D(2025, 3, 1), D(2025, 3, 2))
        )
    assert market_sandbox.lines == []


@pytest.mark.parametrize(("switch", "message"), [("corrupt_zip", "not a readable zip"), ("bad_checksum", "MD5")])
def test_a_bad_archive_file_is_refused(market_sandbox, switch, message):
    """A corrupt zip, or one whose MD5 differs from its .CHECKSUM, stops the job with a clear message."""
    setattr(market_sandbox.server.server.archive, switch, True)
    job, _ = run(MarketDataRequest("spot", "BTC-USDT", "klines", "1hour", D(2025, 3, 1), D(2025, 3, 2)))
    assert job.status == MarketDataJob.Status.FAILED
    assert message in job.error and "BTCUSDT-1h-2025-03-01.zip" in job.error
    assert not job_result_path(job=job).exists()


def test_trades_come_from_the_archive(market_sandbox):
    """Trades over a range come from the archive's daily files, one row per trade, oldest first."""
    job, plan = run(MarketDataRequest("spot", "ETH-USDT", "trades", "", D(2025, 3, 1), D(2025, 3, 3)))
    rows = rows_of(job)
    assert rows[0] == ["trade_id", "time", "price", "size", "side"]
    assert plan["rest_requests"] == 0 and len(rows) - 1 == job.rows > 4000
    assert [int(row[1]) for row in rows[1:]] == sorted(int(row[1]) for row in rows[1:])


def test_5xx_is_retried_with_backoff_logged(market_sandbox):
    """A 503 from the gateway is retried after a logged backoff, and the job still finishes."""
    request = MarketDataRequest("spot", "KCS-USDT", "klines", "1hour", D(2025, 3, 1), D(2025, 3, 2), use_archive=False)
    plan = market_data_plan(request=request)
    job = job_create(request=request, plan=plan)
    assert job_claim(job_id=job.pk, owner=owner_name())
    with market_sandbox.server.fault(status=503):
        threading.Timer(
            0.3, lambda: setattr(market_sandbox.server.server, "faults", type(market_sandbox.server.faults)())
        ).start()
        job = job_run(job_id=job.pk, owner=owner_name())
    assert job.status == MarketDataJob.Status.DONE, job.error
    assert any("HTTP 503" in line and "retrying in" in line for _, line in job.log)


def test_a_job_whose_process_died_is_claimed_again(market_sandbox):
    """A lease held by a process that no longer runs does not block a resume."""
    request = MarketDataRequest("spot", "KCS-USDT", "klines", "1hour", D(2025, 3, 1), D(2025, 3, 2), use_archive=False)
    job = job_create(request=request, plan=market_data_plan(request=request))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_owner = f"{owner_name().split(':')[0]}:{gone.stdout.strip()}:1"
    MarketDataJob.objects.filter(pk=job.pk).update(
        status="running", lease_owner=dead_owner, lease_until=timezone.now() + LEASE
    )
    job.refresh_from_db()
    assert job_is_stalled(job=job)
    assert job_claim(job_id=job.pk, owner=owner_name())
    assert not job_claim(job_id=job.pk, owner="someone-else:1:1")
