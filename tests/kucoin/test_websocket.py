"""KuCoin's classic WebSocket rules: token calls, the subscribe frame, the limits."""

import json

import pytest

from endpoints.kucoin import websocket


def test_private_channels_take_their_token_from_bullet_private():
    """A private channel asks bullet-private, every other one bullet-public."""
    assert websocket.token_path("private") == "/api/v1/bullet-private"
    assert websocket.token_path("public") == "/api/v1/bullet-public"


def test_futures_channels_take_their_token_from_the_futures_host():
    """Only the Futures service's channels use the futures domain."""
    assert websocket.token_domain("Futures") == "futures"
    assert websocket.token_domain("Margin") == "spot"


def test_the_subscribe_frame_asks_for_an_ack():
    """The frame names the topic, whether it is private, and response: true."""
    frame = json.loads(websocket.subscribe_frame("/market/ticker:BTC-USDT", api_channel="public", frame_id="7"))
    assert frame == {"id": "7", "type": "subscribe", "topic": "/market/ticker:BTC-USDT", "privateChannel": False,
                     "response": True}  # fmt: skip


def test_limits_are_kucoins():
    """100 topics per subscribe, 100 client messages per 10 s, 400 topics per spot connection."""
    assert websocket.MAX_TOPICS_PER_SUBSCRIBE == 100
    assert websocket.MAX_CLIENT_MESSAGES_PER_10S == 100
    assert websocket.MAX_TOPICS_PER_SPOT_CONNECTION == 400


def test_the_limits_record_holds_kucoins_numbers():
    """The limits the sandbox and the page use: 100 per subscribe, 400 per spot connection, 100 / 10 s, 30 a minute."""
    limits = websocket.LIMITS.as_dict()
    assert (limits["topics_per_subscribe"], limits["topics_per_spot_connection"]) == (100, 400)
    assert (limits["client_messages"], limits["client_messages_window_s"]) == (100, 10)
    assert limits["new_connections_per_minute"] == 30


@pytest.mark.parametrize(
    ("topic", "count"),
    [("/market/ticker:BTC-USDT,ETH-USDT", 2), ("/account/balance", 1), ("/market/ticker:all", 1), ("/a:X,,Y", 2)],
)
def test_topic_count(topic, count):
    """A comma-joined topic counts each symbol; a topic without arguments counts once."""
    assert websocket.topic_count(topic) == count


def test_futures_topics():
    """Futures topics start /contract…; spot and margin topics do not."""
    assert websocket.is_futures_topic("/contractMarket/ticker:XBTUSDTM")
    assert websocket.is_futures_topic("/contract/position:X")
    assert not websocket.is_futures_topic("/market/ticker:BTC-USDT")
    assert not websocket.is_futures_topic("/margin/position")


def test_topic_values():
    """A topic argument is read against its template; a value with a space or nothing does not fit."""
    assert websocket.topic_values("{symbol}_{type}", "BTC-USDT_1hour") == {"symbol": "BTC-USDT", "type": "1hour"}
    assert websocket.topic_values("{symbol}", "BTC USDT") is None and websocket.topic_values("{symbol}", "") is None


def test_error_frame():
    """Error frames carry KuCoin's numeric code and its message with the values filled in."""
    frame = websocket.error_frame(websocket.ERROR_TOPIC_NOT_FOUND, "7", topic="/x:Y")
    assert frame == {"id": "7", "type": "error", "code": 404, "data": "topic /x:Y is not found"}
