"""KuCoin's classic WebSocket rules: topic counting, futures topics, topic values and error frames."""

import pytest

from endpoints import kucoin_websocket as kws


def test_limits_are_kucoins():
    """100 topics per subscribe, 400 per spot connection, 100 messages per 10 s, 30 new connections a minute."""
    limits = kws.LIMITS.as_dict()
    assert (limits["topics_per_subscribe"], limits["topics_per_spot_connection"]) == (100, 400)
    assert (limits["client_messages"], limits["client_messages_window_s"]) == (100, 10)
    assert limits["new_connections_per_minute"] == 30


@pytest.mark.parametrize(
    ("topic", "count"),
    [("/market/ticker:BTC-USDT,ETH-USDT", 2), ("/account/balance", 1), ("/market/ticker:all", 1), ("/a:X,,Y", 2)],
)
def test_topic_count(topic, count):
    """A comma-joined topic counts each symbol; a topic without arguments counts once."""
    assert kws.topic_count(topic) == count


def test_futures_topics():
    """Futures topics start /contract…; spot and margin topics do not."""
    assert kws.is_futures_topic("/contractMarket/ticker:XBTUSDTM") and kws.is_futures_topic("/contract/position:X")
    assert not kws.is_futures_topic("/market/ticker:BTC-USDT") and not kws.is_futures_topic("/margin/position")


def test_topic_values():
    """A topic argument is read against its template; a value with a space or nothing does not fit."""
    assert kws.topic_values("{symbol}_{type}", "BTC-USDT_1hour") == {"symbol": "BTC-USDT", "type": "1hour"}
    assert kws.topic_values("{symbol}", "BTC USDT") is None and kws.topic_values("{symbol}", "") is None


def test_error_frame():
    """Error frames carry KuCoin's numeric code and its message with the values filled in."""
    frame = kws.error_frame(kws.ERROR_TOPIC_NOT_FOUND, "7", topic="/x:Y")
    assert frame == {"id": "7", "type": "error", "code": 404, "data": "topic /x:Y is not found"}
