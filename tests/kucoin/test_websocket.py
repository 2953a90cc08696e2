"""KuCoin's classic WebSocket rules: token calls, the subscribe frame, the limits."""

import json

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
