"""The official SDK's own unified-account WebSocket clients, and its classic private client, against the sandbox.

The SDK fixes the unified hosts (x-push-spot, wsapi-push) in its code and has no
option for them, so each test points the client's transport at the sandbox's
address after building it, as a user testing offline would.
"""

import json
import threading

import pytest
from kucoin_universal_sdk.api.client import DefaultClient
from kucoin_universal_sdk.model.client_option import ClientOptionBuilder
from kucoin_universal_sdk.model.push_trade_type import PushTradeType
from kucoin_universal_sdk.model.websocket_option import WebSocketClientOptionBuilder

pytestmark = pytest.mark.real_client


class Inbox:
    def __init__(self):
        self.events: list[dict] = []
        self.changed = threading.Condition()

    def on_event(self, *event):
        with self.changed:
            self.events.append(event[-1] if len(event) > 1 else event[0])
            self.changed.notify_all()

    def wait(self, check, timeout=10.0) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: check(self.events), timeout=timeout)


def client(sandbox, secret=None):
    ws_option = WebSocketClientOptionBuilder().with_reconnect_interval(0.2).with_write_timeout(5).build()
    option = (
        ClientOptionBuilder()
        .set_key(sandbox.key)
        .set_secret(secret or sandbox.secret)
        .set_passphrase(sandbox.passphrase)
        .set_spot_endpoint(sandbox.domain_url("spot"))
        .set_futures_endpoint(sandbox.domain_url("futures"))
        .set_websocket_client_option(ws_option)
        .build()
    )
    return DefaultClient(option).ws_service()


def pointed(ws, url: str):
    ws._ws_service._endpoint = url  # the SDK's transport keeps KuCoin's fixed host here
    return ws


def stop_soon(ws) -> None:
    threading.Thread(target=ws.stop, daemon=True).start()


@pytest.fixture
def ws_sandbox(fresh_sandbox):
    fresh_sandbox.ws.reset_connection_counts()
    fresh_sandbox.ws.clear_faults()
    yield fresh_sandbox
    fresh_sandbox.reset_state()


def test_sdk_public_unified_client_subscribes_and_receives(catalogue, ws_sandbox):
    ws = pointed(client(ws_sandbox).new_uta_public_ws(PushTradeType.FUTURES), f"{ws_sandbox.ws.unified_url}/futures")
    inbox = Inbox()
    ws.start()
    try:
        ws.ticker(["XBTUSDTM", "ETHUSDTM"], inbox.on_event)
        assert inbox.wait(lambda events: {e["d"]["s"] for e in events} == {"XBTUSDTM", "ETHUSDTM"})
        assert all(e["T"] == "ticker.FUTURES" for e in inbox.events)
    finally:
        stop_soon(ws)


def test_sdk_public_unified_client_is_refused_an_unknown_symbol(catalogue, ws_sandbox):
    ws = pointed(client(ws_sandbox).new_uta_public_ws(PushTradeType.SPOT), f"{ws_sandbox.ws.unified_url}/spot")
    ws.start()
    try:
        with pytest.raises(RuntimeError) as refused:
            ws.trade("NOPE-USDT", lambda event: None)
        assert "NOPE-USDT" in str(refused.value.__cause__)
    finally:
        stop_soon(ws)


def test_sdk_private_unified_client_signs_in_and_gets_its_rest_order(catalogue, ws_sandbox, signed_call):
    ws = pointed(client(ws_sandbox).new_uta_private_ws(), f"{ws_sandbox.ws.unified_url}/private")
    inbox = Inbox()
    ws.start()  # sends op auth, signed by the SDK, and waits for result true
    try:
        ws.order_all(inbox.on_event)
        body = json.dumps({"symbol": "BTC-USDT", "side": "buy", "type": "market", "size": "0.001"})
        placed = signed_call("POST", "/api/v1/hf/orders", body=body).json()["data"]
        assert inbox.wait(lambda events: any(e["d"]["type"] == "filled" for e in events))
        filled = next(e for e in inbox.events if e["d"]["type"] == "filled")
        assert filled["T"] == "order.UNIFIED" and filled["d"]["orderId"] == placed["orderId"]
        assert filled["d"]["filledSize"] == "0.001"
    finally:
        stop_soon(ws)


def test_sdk_private_unified_client_with_a_wrong_secret_is_refused(catalogue, ws_sandbox):
    ws = pointed(client(ws_sandbox, secret="wrong").new_uta_private_ws(), f"{ws_sandbox.ws.unified_url}/private")
    with pytest.raises(RuntimeError) as refused:
        ws.start()
    # The SDK reports whichever it reads first: the result frame (400005) or the close that follows
    # it, whose reason is KuCoin's words for 400005.
    cause = str(refused.value.__cause__)
    assert "400005" in cause or "closed 1008: Invalid KC-API-SIGN" in cause
    stop_soon(ws)


def test_rest_order_reaches_the_sdk_classic_private_order_channel(catalogue, ws_sandbox, signed_call):
    """A limit order placed over REST, then cancelled: the SDK's order_v2 callback sees both, with the real values."""
    seen, changed = [], threading.Condition()

    def on_message(topic, subject, event):
        with changed:
            seen.append((topic, event))
            changed.notify_all()

    ws = client(ws_sandbox).new_spot_private_ws()
    ws.start()
    try:
        ws.order_v2(on_message)
        body = json.dumps({"symbol": "ETH-USDT", "side": "sell", "type": "limit", "price": "3500", "size": "0.25"})
        order_id = signed_call("POST", "/api/v1/hf/orders", body=body).json()["data"]["orderId"]
        signed_call("DELETE", f"/api/v1/hf/orders/{order_id}", query=[("symbol", "ETH-USDT")])
        with changed:
            assert changed.wait_for(lambda: any(e.type.value == "canceled" for _, e in seen), timeout=10)
        kinds = [event.type.value for _, event in seen]  # the SDK reads them into its enums
        assert kinds == ["received", "open", "canceled"]
        opened = seen[1][1]
        assert (opened.order_id, opened.symbol, opened.side.value, opened.price, opened.size) == (
            order_id, "ETH-USDT", "sell", "3500", "0.25",
        )  # fmt: skip
        assert all(topic == "/spotMarket/tradeOrdersV2" for topic, _ in seen)
    finally:
        stop_soon(ws)
