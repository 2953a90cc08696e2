"""KuCoin's market-data facts: candle alignment and the archive's spelling of symbols."""

import datetime as dt

from endpoints.kucoin.market_data import archive_path, bucket_floor, bucket_next, intervals_for

NOW = int(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC).timestamp())


def test_futures_offers_fewer_intervals_than_spot():
    """Futures has no 3min, 6hour or 1month klines; spot has all fourteen types."""
    assert len(intervals_for(market="spot")) == 14
    assert not {"3min", "6hour", "1month"} & set(intervals_for(market="futures"))


def test_weeks_open_on_monday_and_months_on_the_first():
    """KuCoin's weekly candles open Monday 00:00 UTC; monthly ones on the 1st, whatever the month's length."""
    monday = bucket_floor(interval="1week", at=NOW)
    assert dt.datetime.fromtimestamp(monday, dt.UTC).weekday() == 0
    march = int(dt.datetime(2025, 3, 1, tzinfo=dt.UTC).timestamp())
    assert bucket_next(interval="1month", start=int(dt.datetime(2025, 2, 1, tzinfo=dt.UTC).timestamp())) == march


def test_archive_paths_use_the_archives_spelling():
    """BTC-USDT is BTCUSDT in the archive, and futures' XBT is BTC there."""
    assert archive_path(market="spot", kind="klines", symbol="BTC-USDT", day="2025-03-01", interval="1min") == (
        "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2025-03-01.zip"
    )
    assert "BTCUSDTM-trades-2025-03-01.zip" in archive_path(
        market="futures", kind="trades", symbol="XBTUSDTM", day="2025-03-01"
    )
