"""The WebSocket sandbox speaks KuCoin's classic protocol to a plain `websockets` client over loopback."""

import json
import time

import pytest
import requests
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from endpoints.kucoin import websocket as kws
from tests.conftest import SPOT_ORDER, rest_order


@pytest.fixture
def ws_sandbox(fresh_sandbox):
    """The session sandbox with fresh WebSocket connection counts, no faults and KuCoin's ping timings."""
    ws = fresh_sandbox.ws
    ws.reset_connection_counts()
    ws.clear_faults()
    timings = (ws.answers.ping_interval_ms, ws.answers.ping_timeout_ms)
    yield fresh_sandbox
    ws.answers.ping_interval_ms, ws.answers.ping_timeout_ms = timings
    ws.clear_faults()
    ws.connections_per_minute = kws.LIMITS.new_connections_per_minute


def bullet(sandbox, private=False, signed_call=None) -> dict:
    """Ask the REST sandbox for a token, as a client must first."""
    if private:
        answer = signed_call("POST", "/api/v1/bullet-private")
    else:
        answer = requests.post(f"{sandbox.url}/api/v1/bullet-public", timeout=5)
    assert answer.status_code == 200
    return answer.json()["data"]


def open_socket(data: dict, connect_id="c1"):
    server = data["instanceServers"][0]
    return connect(f"{server['endpoint']}?token={data['token']}&connectId={connect_id}", open_timeout=5)


def frames(socket, count: int, timeout=5.0) -> list[dict]:
    """The next `count` frames the server sends."""
    return [json.loads(socket.recv(timeout=timeout)) for _ in range(count)]


def until(socket, kind: str, timeout=5.0) -> dict:
    """Read frames until one of `kind` (pushes keep arriving meanwhile)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = json.loads(socket.recv(timeout=timeout))
        if frame.get("type") == kind:
            return frame
    raise AssertionError(f"no {kind} frame within {timeout} s")


def subscribe(socket, topic, frame_id="s1", private=False, kind="subscribe"):
    message = {"id": frame_id, "type": kind, "topic": topic, "privateChannel": private, "response": True}
    socket.send(json.dumps(message))


def test_bullet_public_points_to_the_websocket_sandbox(ws_sandbox):
    """bullet-public hands out a token and this sandbox's ws:// URL with KuCoin's ping timings, not KuCoin's host."""
    data = bullet(ws_sandbox)
    server = data["instanceServers"][0]
    assert server["endpoint"] == ws_sandbox.ws.url and server["endpoint"].startswith("ws://127.0.0.1:")
    assert (server["pingInterval"], server["pingTimeout"]) == (kws.PING_INTERVAL_MS, kws.PING_TIMEOUT_MS)
    assert data["token"] and data["token"] != bullet(ws_sandbox)["token"]


def test_welcome_ping_subscribe_push_unsubscribe(ws_sandbox):
    """welcome with the connectId, pong with the ping's id, an ack, pushes per symbol, none after unsubscribe."""
    with open_socket(bullet(ws_sandbox), "conn-42") as socket:
        assert frames(socket, 1) == [{"id": "conn-42", "type": "welcome"}]
        socket.send(json.dumps({"id": "p1", "type": "ping"}))
        pong = frames(socket, 1)[0]
        assert (pong["id"], pong["type"]) == ("p1", "pong")
        subscribe(socket, "/market/ticker:ETH-USDT,SOL-USDT")
        assert frames(socket, 1)[0] == {"id": "s1", "type": "ack"}
        pushes = frames(socket, 6)
        assert {p["topic"] for p in pushes} == {"/market/ticker:ETH-USDT", "/market/ticker:SOL-USDT"}
        assert all(p["type"] == "message" and p["subject"] == "trade.ticker" for p in pushes)
        sequences = [int(p["data"]["sequence"]) for p in pushes if p["topic"].endswith("ETH-USDT")]
        assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences)
        assert abs(pushes[-1]["data"]["Time"] - time.time() * 1000) < 5000
        subscribe(socket, "/market/ticker:ETH-USDT,SOL-USDT", "u1", kind="unsubscribe")
        assert until(socket, "ack") == {"id": "u1", "type": "ack"}
        with pytest.raises(TimeoutError):
            socket.recv(timeout=0.5)


def test_kline_topic_carries_symbol_and_type(ws_sandbox):
    """A kline push names the requested symbol and interval, with the candle's start in seconds now."""
    with open_socket(bullet(ws_sandbox)) as socket:
        frames(socket, 1)
        subscribe(socket, "/market/candles:ETH-USDT_1min")
        push = until(socket, "message")
        assert push["topic"] == "/market/candles:ETH-USDT_1min" and push["data"]["symbol"] == "ETH-USDT"
        assert abs(int(push["data"]["candles"][0]) - time.time()) < 5


@pytest.mark.parametrize(
    ("topic", "code", "text"),
    [
        ("/market/nothing:BTC-USDT", 404, "topic /market/nothing:BTC-USDT is not found"),
        ("/market/ticker:BTC USDT", 404, "is not found"),
        ("", 400, "topic is required"),
        ("/account/balance", 401, "private channel"),
        ("/market/ticker:" + ",".join(f"S{i}-USDT" for i in range(101)), 509, "limitation of 100 per time"),
    ],
)
def test_bad_subscriptions_get_kucoin_errors(ws_sandbox, topic, code, text):
    """Unknown topics, a missing topic, a private topic on a public token and 101 topics get KuCoin's error frame."""
    with open_socket(bullet(ws_sandbox)) as socket:
        frames(socket, 1)
        subscribe(socket, topic, "bad", private=topic.startswith("/account"))
        error = frames(socket, 1)[0]
        assert (error["id"], error["type"], error["code"]) == ("bad", "error", code)
        assert text in error["data"]


def test_private_channel_with_a_private_token(ws_sandbox, signed_call):
    """A token from the signed bullet-private opens a private channel; an order over REST moves the balance pushed."""
    with open_socket(bullet(ws_sandbox, private=True, signed_call=signed_call)) as socket:
        frames(socket, 1)
        subscribe(socket, "/account/balance", private=True)
        assert frames(socket, 1)[0]["type"] == "ack"
        rest_order(ws_sandbox, SPOT_ORDER)  # buys ETH for 30 USDT: the 30 USDT are held
        push = until(socket, "message")
        assert (push["topic"], push["subject"]) == ("/account/balance", "account.balance")
        assert push["channelType"] == "private"
        assert (push["data"]["currency"], push["data"]["holdChange"], push["data"]["availableChange"]) == (
            "USDT", "30", "-30",
        )  # fmt: skip
    ws_sandbox.reset_state()


def test_unknown_token_is_refused_and_closed(ws_sandbox):
    """A token the sandbox never issued gets KuCoin's 401 frame and the connection closes."""
    data = bullet(ws_sandbox) | {"token": "not-a-token"}
    with open_socket(data, "x") as socket:
        assert frames(socket, 1)[0] == {"id": "x", "type": "error", "code": 401, "data": "token is invalid"}
        with pytest.raises(ConnectionClosed):
            socket.recv(timeout=5)


def test_per_connection_topic_limit(ws_sandbox):
    """Past 400 spot topics on one connection the subscribe is refused with 509; futures topics do not count."""
    with open_socket(bullet(ws_sandbox)) as socket:
        frames(socket, 1)
        for batch in range(4):
            subscribe(socket, "/market/snapshot:" + ",".join(f"A{batch}x{i}-USDT" for i in range(100)), f"b{batch}")
            assert until(socket, "ack")["id"] == f"b{batch}"
        subscribe(socket, "/contractMarket/ticker:XBTUSDTM", "futures")
        assert until(socket, "ack")["id"] == "futures"
        subscribe(socket, "/market/ticker:ONE-MORE", "over")
        error = until(socket, "error")
        assert (error["id"], error["code"]) == ("over", 509) and "400 per session" in error["data"]


def test_more_than_100_messages_in_10_seconds_closes(ws_sandbox):
    """The 101st client message within 10 s gets a 509 error frame and the connection is closed."""
    with open_socket(bullet(ws_sandbox)) as socket:
        frames(socket, 1)
        for index in range(101):
            socket.send(json.dumps({"id": f"p{index}", "type": "ping"}))
        answers = frames(socket, 101)
        assert [a["type"] for a in answers[:100]] == ["pong"] * 100
        assert answers[100]["code"] == 509 and "100 messages per 10 seconds" in answers[100]["data"]
        with pytest.raises(ConnectionClosed):
            socket.recv(timeout=5)


def test_new_connections_per_minute_are_limited(ws_sandbox):
    """Past the new connections allowed a minute, the handshake is refused with HTTP 429."""
    ws_sandbox.ws.connections_per_minute = 3
    data = bullet(ws_sandbox)
    for index in range(3):
        with open_socket(data, f"c{index}") as socket:
            frames(socket, 1)
    with pytest.raises(InvalidStatus, match="429"):
        open_socket(data, "c3")


def test_silent_client_is_closed(ws_sandbox):
    """A client that stops pinging is closed after pingInterval + pingTimeout."""
    ws_sandbox.ws.answers.ping_interval_ms, ws_sandbox.ws.answers.ping_timeout_ms = 300, 200
    with open_socket(bullet(ws_sandbox)) as socket:
        frames(socket, 1)
        started = time.monotonic()
        with pytest.raises(ConnectionClosed):
            socket.recv(timeout=5)
        assert time.monotonic() - started >= 0.4


def test_faults_on_demand(ws_sandbox):
    """Through the control API: pings go unanswered, a malformed frame arrives, every connection drops."""
    control = f"{ws_sandbox.url}/sandbox/ws-faults"
    with open_socket(bullet(ws_sandbox)) as socket:
        frames(socket, 1)
        assert requests.post(control, json={"ignore_pings": True}, timeout=5).json()["data"]["ignore_pings"]
        socket.send(json.dumps({"id": "p", "type": "ping"}))
        with pytest.raises(TimeoutError):
            socket.recv(timeout=0.5)
        requests.delete(control, timeout=5)
        requests.post(control, json={"malformed": True}, timeout=5)
        with pytest.raises(ValueError):
            json.loads(socket.recv(timeout=5))
        requests.post(control, json={"drop": True}, timeout=5)
        with pytest.raises(ConnectionClosed) as closed:
            socket.recv(timeout=5)
        assert closed.value.rcvd is None  # no closing handshake: the connection was cut
    assert requests.post(control, json={"explode": True}, timeout=5).status_code == 400
