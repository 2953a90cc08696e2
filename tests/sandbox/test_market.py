"""The sandbox's market-data answers: KuCoin's paging, deterministic rows, plausible prices, refusals."""

import pytest
import requests

from endpoints.sandbox import market_world as world

pytestmark = pytest.mark.django_db
CANDLES, FUTURES = "/api/v1/market/candles", "/api/v1/kline/query"


def get(sandbox, path: str, **params):
    return requests.get(sandbox.url + path, params=params, timeout=5)


def test_spot_candles_page_by_1500_newest_first_in_seconds(fresh_sandbox):
    """A wide spot range gives the newest 1,500 candles, newest first, both ends inclusive."""
    start, end = 1740787200, 1740787200 + 3000 * 60
    data = get(fresh_sandbox, CANDLES, symbol="BTC-USDT", type="1min", startAt=start, endAt=end).json()["data"]
    times = [int(row[0]) for row in data]
    assert len(data) == 1500 and times == sorted(times, reverse=True) and times[0] == end
    narrow = get(fresh_sandbox, CANDLES, symbol="BTC-USDT", type="1min", startAt=start, endAt=start + 120).json()
    assert [int(row[0]) for row in narrow["data"]] == [start + 120, start + 60, start]


def test_futures_klines_page_by_500_oldest_first_in_milliseconds(fresh_sandbox):
    """Futures klines take from/to in ms and give at most 500 numeric rows, oldest first."""
    start = 1740787200_000
    data = get(fresh_sandbox, FUTURES, symbol="XBTUSDTM", granularity=1, **{"from": start, "to": start + 10**9}).json()
    times = [row[0] for row in data["data"]]
    assert len(times) == 500 and times == sorted(times) and all(isinstance(value, int) for value in times)


def test_the_same_request_gives_the_same_bytes(fresh_sandbox):
    """Candles are a function of symbol, interval and time: asking twice gives identical answers."""
    query = {"symbol": "ETH-USDT", "type": "15min", "startAt": 1740787200, "endAt": 1740787200 + 86400}
    assert get(fresh_sandbox, CANDLES, **query).content == get(fresh_sandbox, CANDLES, **query).content


def test_prices_are_plausible(fresh_sandbox):
    """High and low bound open and close, prices stay near the symbol's level, volumes are positive."""
    data = get(fresh_sandbox, CANDLES, symbol="BTC-USDT", type="1hour", startAt=1735689600, endAt=1738368000).json()
    for _, open_, close, high, low, volume, turnover in (map(float, row) for row in data["data"]):
        assert low <= min(open_, close) <= max(open_, close) <= high
        assert low > 40_000 and high < 100_000 and volume > 0 and turnover > volume
    closes = [float(row[2]) for row in data["data"]][::-1]
    opens = [float(row[1]) for row in data["data"]][::-1]
    assert all(abs(now - before) < 1e-9 for before, now in zip(closes, opens[1:], strict=False))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"symbol": "NOPE-USDT", "type": "1min"}, "NOPE-USDT is not a spot symbol"),
        ({"symbol": "BTC-USDT", "type": "1min", "startAt": 1740787200, "endAt": 1740700000}, "start time is after"),
    ],
)
def test_bad_kline_requests_get_400100(fresh_sandbox, params, message):
    """An unknown symbol or a reversed range is KuCoin's 400100 with the reason."""
    answer = get(fresh_sandbox, CANDLES, **params)
    assert answer.status_code == 400 and answer.json()["code"] == "400100" and message in answer.json()["msg"]


def test_symbol_lists_and_trade_history(fresh_sandbox):
    """The symbol lists name the sandbox's pairs and contracts; trade history holds the last 100 trades."""
    spot = [item["symbol"] for item in get(fresh_sandbox, "/api/v2/symbols").json()["data"]]
    futures = [item["symbol"] for item in get(fresh_sandbox, "/api/v1/contracts/active").json()["data"]]
    assert "BTC-USDT" in spot and "XBTUSDTM" in futures and "XBTUSDTM" not in spot
    trades = get(fresh_sandbox, "/api/v1/market/histories", symbol="BTC-USDT").json()["data"]
    assert len(trades) == 100 and trades[0]["time"] >= trades[-1]["time"]


def test_candles_spend_the_public_pool(fresh_sandbox):
    """Each candles request costs weight 3 from the Public pool, as the gw-ratelimit headers show."""
    first = get(fresh_sandbox, CANDLES, symbol="BTC-USDT", type="1day")
    second = get(fresh_sandbox, CANDLES, symbol="BTC-USDT", type="1day")
    remaining = [int(answer.headers["gw-ratelimit-remaining"]) for answer in (first, second)]
    assert remaining[0] - remaining[1] == 3 and first.headers["gw-ratelimit-limit"] == str(world_quota())


def world_quota() -> int:
    from endpoints.kucoin.rate_limits import vip_quotas

    return vip_quotas(0)["Public"]


def test_world_halts_leave_gaps():
    """Every eleventh day has a 17-minute halt with no candles, KuCoin-style gaps of the sandbox's own."""
    item = world.symbol_get(market="spot", symbol="BTC-USDT")
    day = next(d for d in range(20000, 20020) if (d + item.seed) % world.HALT_EVERY_DAYS == 0)
    rows = world.candles(item, "1min", day * 86400, day * 86400 + 86399)
    assert len(rows) == 1440 - 17
