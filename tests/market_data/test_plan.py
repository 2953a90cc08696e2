"""Plans are built before anything is fetched: pages, weight, pool, windows, and each day's source."""

import datetime as dt

from endpoints.market_data.plan import day_runs, plan_build
from endpoints.market_data.request import MarketDataRequest

NOW = int(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC).timestamp())


def request(market="spot", symbol="BTC-USDT", interval="1min", start=(2025, 1, 1), end=(2026, 1, 1), **extra):
    return MarketDataRequest(market, symbol, "klines", interval, dt.date(*start), dt.date(*end), **extra)


def test_a_year_of_1min_spot_candles_is_351_requests_of_weight_3():
    """525,600 candles at 1,500 a request: 351 requests, weight 1,053 from the Public pool, 1 window."""
    plan = plan_build(request=request(), archive_days=set(), now=NOW, budget=2000)
    assert (plan["rest_requests"], plan["weight"], plan["pool"], plan["windows"]) == (351, 1053, "Public", 1)
    assert plan["rest_days"][0] == "2025-01-01" and len(plan["rest_days"]) == 365


def test_windows_follow_the_budget():
    """At a budget of 300 weight per 30 s window, 1,053 weight takes four windows."""
    assert plan_build(request=request(), archive_days=set(), now=NOW, budget=300)["windows"] == 4


def test_futures_pages_hold_500_candles():
    """Futures' limit is 500: a day of 1-minute candles is three pages."""
    plan = plan_build(request=request("futures", "XBTUSDTM", start=(2025, 3, 1), end=(2025, 3, 2)), archive_days=set(),
                      now=NOW, budget=2000)  # fmt: skip
    assert [(page["end"] - page["start"]) // 60 for page in plan["segments"]] == [500, 500, 440]


def test_archive_days_and_rest_runs_split_the_range():
    """Days the archive holds come from it; the others are REST pages that touch without overlapping."""
    held = {"2025-03-02", "2025-03-03"}
    plan = plan_build(request=request(start=(2025, 3, 1), end=(2025, 3, 5)), archive_days=held, now=NOW, budget=2000)
    assert plan["archive_days"] == ["2025-03-02", "2025-03-03"] and plan["rest_days"] == ["2025-03-01", "2025-03-04"]
    segments = plan["segments"]
    assert [s["source"] for s in segments] == ["rest", "archive", "archive", "rest"]
    assert all(a["end"] == b["start"] for a, b in zip(segments, segments[1:], strict=False))


def test_the_archive_is_skipped_when_asked_and_for_intervals_it_lacks():
    """No archive without the checkbox, nor for 3-minute candles, which it does not hold."""
    held = {"2025-03-01"}
    off = plan_build(request=request(start=(2025, 3, 1), end=(2025, 3, 2), use_archive=False), archive_days=held,
                     now=NOW, budget=2000)  # fmt: skip
    three = plan_build(request=request(interval="3min", start=(2025, 3, 1), end=(2025, 3, 2)), archive_days=held,
                       now=NOW, budget=2000)  # fmt: skip
    assert off["archive_days"] == three["archive_days"] == []


def test_the_candle_still_open_is_left_out():
    """A range reaching today stops at the last closed candle, so reruns give the same rows."""
    plan = plan_build(request=request(interval="1hour", start=(2026, 11, 30), end=(2026, 12, 2)), archive_days=set(),
                      now=NOW + 1800, budget=2000)  # fmt: skip
    assert plan["until"] == NOW and plan["segments"][-1]["end"] == NOW


def test_day_runs_group_consecutive_days():
    """Consecutive days show as one run."""
    assert day_runs(["2025-03-01", "2025-03-02", "2025-03-05"]) == [
        ("2025-03-01", "2025-03-02", 2),
        ("2025-03-05", "2025-03-05", 1),
    ]


def test_windows_start_from_what_is_left_in_this_one():
    """With 53 weight left now, 1,053 weight takes this window and then 1,000 in windows of 300: five in all."""
    plan = plan_build(request=request(), archive_days=set(), now=NOW, budget=300, remaining=53)
    assert (plan["remaining"], plan["windows"]) == (53, 5)
