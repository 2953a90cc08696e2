"""The WebSocket sandbox speaks KuCoin's unified-account ("Pro") protocol to a plain `websockets` client."""

import json
import time

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from endpoints.kucoin import signing


@pytest.fixture
def unified(fresh_sandbox):
    ws = fresh_sandbox.ws
    ws.reset_connection_counts()
    ws.clear_faults()
    timings = (ws.answers.ping_interval_ms, ws.answers.ping_timeout_ms)
    yield fresh_sandbox
    ws.answers.ping_interval_ms, ws.answers.ping_timeout_ms = timings
    ws.clear_faults()
    fresh_sandbox.reset_state()


def opened(sandbox, role: str):
    return connect(f"{sandbox.ws.unified_url}/{role}", open_timeout=5)


def read(socket, timeout=5.0) -> dict:
    return json.loads(socket.recv(timeout=timeout))


def answer_to(socket, frame_id: str, timeout=5.0) -> dict:
    """Read frames (pushes keep coming) until the one answering `frame_id`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = read(socket, timeout)
        if frame.get("id") == frame_id and "result" in frame:
            return frame
    raise AssertionError(f"no answer to {frame_id} within {timeout} s")


def pushes(socket, topic: str, count: int, timeout=5.0) -> list[dict]:
    found, deadline = [], time.monotonic() + timeout
    while len(found) < count and time.monotonic() < deadline:
        frame = read(socket, timeout)
        if frame.get("T") == topic:
            found.append(frame)
    assert len(found) == count, f"{len(found)} of {count} pushes on {topic}"
    return found


def send(socket, **frame) -> None:
    socket.send(json.dumps(frame))


def auth_frame(sandbox, frame_id="a1", *, secret=None, timestamp=None) -> dict:
    timestamp = str(timestamp if timestamp is not None else int(time.time() * 1000))
    secret = secret or sandbox.secret
    return {
        "id": frame_id,
        "op": "auth",
        "kc-api-key": sandbox.key,
        "kc-api-sign": signing.hmac_base64(secret, timestamp + "POST/api/websocket/users/verify"),
        "kc-api-timestamp": timestamp,
        "kc-api-passphrase": signing.passphrase_signature(secret, sandbox.passphrase),
    }


def test_welcome_ping_subscribe_push_unsubscribe(unified):
    with opened(unified, "spot") as socket:
        welcome = read(socket)
        assert welcome["message"] == "welcome" and welcome["sessionId"]
        assert welcome["pingInterval"] == unified.ws.answers.ping_interval_ms
        send(socket, id="p1", op="ping", timestamp=int(time.time() * 1000))
        assert read(socket) == {"id": "p1", "op": "pong", "timestamp": pytest.approx(time.time() * 1000, abs=5000)}
        send(socket, id="s1", action="SUBSCRIBE", channel="ticker", tradeType="SPOT", symbols=["BTC-USDT", "ETH-USDT"])
        assert answer_to(socket, "s1") == {"id": "s1", "result": True}
        seen = pushes(socket, "ticker.SPOT", 6)
        assert {frame["d"]["s"] for frame in seen} == {"BTC-USDT", "ETH-USDT"}
        assert all(abs(frame["P"] - time.time_ns()) < 10**10 for frame in seen)  # nanoseconds, fresh
        send(
            socket, id="u1", action="UNSUBSCRIBE", channel="ticker", tradeType="SPOT", symbols=["BTC-USDT", "ETH-USDT"]
        )
        assert answer_to(socket, "u1")["result"] is True
        with pytest.raises(TimeoutError):
            while True:  # what was already on its way drains, then nothing more
                read(socket, timeout=0.6)


def test_kline_and_orderbook_carry_their_values(unified):
    with opened(unified, "futures") as socket:
        read(socket)
        send(
            socket,
            id="k",
            action="SUBSCRIBE",
            channel="kline",
            tradeType="FUTURES",
            symbol="XBTUSDTM",
            interval="1hour",
        )
        assert answer_to(socket, "k")["result"] is True
        kline = pushes(socket, "kline.FUTURES", 1)[0]["d"]
        assert kline["s"] == "XBTUSDTM" and kline["i"] == "1hour" and kline["t"] % 3600 == 0
        send(socket, id="o", action="SUBSCRIBE", channel="obu", tradeType="FUTURES", symbol="ETHUSDTM", depth="5")
        assert answer_to(socket, "o")["result"] is True
        book = pushes(socket, "obu.FUTURES", 1)[0]["d"]
        assert book["s"] == "ETHUSDTM" and len(book["b"]) == len(book["a"]) == 5


@pytest.mark.parametrize(
    "frame, text",
    [
        ({"channel": "ticker", "tradeType": "FUTURES", "symbol": "BTC-USDT"}, "not served on this connection"),
        ({"channel": "nonsense", "tradeType": "SPOT", "symbol": "BTC-USDT"}, "not served"),
        ({"channel": "ticker", "tradeType": "SPOT", "symbol": "NOPE-USDT"}, "symbol NOPE-USDT does not exist"),
        ({"channel": "trade", "tradeType": "SPOT"}, "needs a symbol"),
        ({"channel": "kline", "tradeType": "SPOT", "symbol": "BTC-USDT", "interval": "7min"}, "interval '7min'"),
        ({"channel": "mark-price", "symbol": "XBTUSDTM"}, "not served"),  # futures only
    ],
)
def test_bad_subscriptions_are_refused_with_a_result_false(unified, frame, text):
    with opened(unified, "spot") as socket:
        read(socket)
        send(socket, id="bad", action="SUBSCRIBE", **frame)
        answer = answer_to(socket, "bad")
        assert answer["result"] is False and answer["code"] and text in answer["msg"]


def test_more_than_100_symbols_in_one_subscribe_is_refused(unified):
    with opened(unified, "spot") as socket:
        read(socket)
        send(
            socket,
            id="many",
            action="SUBSCRIBE",
            channel="ticker",
            tradeType="SPOT",
            symbols=[f"S{n}" for n in range(101)],
        )
        assert "limitation of 100 per time" in answer_to(socket, "many")["msg"]


def test_private_channels_need_a_valid_auth_frame(unified):
    with opened(unified, "private") as socket:
        read(socket)
        send(socket, id="o1", action="SUBSCRIBE", channel="orderAll", tradeType="UNIFIED")
        assert answer_to(socket, "o1")["code"] == "400001"
        socket.send(json.dumps(auth_frame(unified)))
        assert answer_to(socket, "a1") == {"id": "a1", "result": True}
        send(socket, id="o2", action="SUBSCRIBE", channel="orderAll", tradeType="UNIFIED")
        assert answer_to(socket, "o2")["result"] is True


@pytest.mark.parametrize(
    "change, code",
    [({"secret": "not-the-secret"}, "400005"), ({"timestamp": int(time.time() * 1000) - 60_000}, "400002")],
)
def test_a_bad_sign_or_old_timestamp_is_refused_and_closed(unified, change, code):
    with opened(unified, "private") as socket:
        read(socket)
        socket.send(json.dumps(auth_frame(unified, **change)))
        answer = answer_to(socket, "a1")
        assert answer["result"] is False and answer["code"] == code
        with pytest.raises(ConnectionClosed):
            read(socket)


def test_unified_order_push_follows_a_rest_order(unified, signed_call):
    with opened(unified, "private") as socket:
        read(socket)
        socket.send(json.dumps(auth_frame(unified)))
        answer_to(socket, "a1")
        send(socket, id="o", action="SUBSCRIBE", channel="order", tradeType="UNIFIED", symbol="ETH-USDT")
        answer_to(socket, "o")
        body = json.dumps({"symbol": "ETH-USDT", "side": "buy", "type": "limit", "price": "3000", "size": "0.5"})
        placed = signed_call("POST", "/api/v1/hf/orders", body=body).json()["data"]
        events = pushes(socket, "order.UNIFIED", 2)
        assert [e["d"]["type"] for e in events] == ["received", "open"]
        assert events[1]["d"]["orderId"] == placed["orderId"] and events[1]["d"]["price"] == "3000"


def test_a_silent_unified_client_is_closed(unified):
    unified.ws.answers.ping_interval_ms, unified.ws.answers.ping_timeout_ms = 300, 200
    with opened(unified, "spot") as socket:
        read(socket)
        with pytest.raises(ConnectionClosed):
            read(socket, timeout=3)


def test_faults_reach_unified_connections_too(unified):
    """Pings unanswered while ignore_pings is on, a malformed frame on demand, and a drop cuts the connection."""
    with opened(unified, "spot") as socket:
        read(socket)
        unified.ws.set_faults({"ignore_pings": True})
        send(socket, id="p", op="ping", timestamp=1)
        with pytest.raises(TimeoutError):
            read(socket, timeout=0.5)
        unified.ws.set_faults({"malformed": True})
        with pytest.raises(ValueError):
            json.loads(socket.recv(timeout=2))
        unified.ws.set_faults({"drop": True})
        with pytest.raises(ConnectionClosed):
            read(socket, timeout=2)
