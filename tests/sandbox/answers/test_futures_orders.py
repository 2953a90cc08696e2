"""Futures orders through the sandbox: placed with margin held, listed, found, cancelled one or all."""

import json
import uuid


def place(signed_call, base, **fields):
    body = {"symbol": "XBTUSDTM", "side": "buy", "type": "limit", "price": "1000", "size": 3, "leverage": 10,
            "clientOid": uuid.uuid4().hex}  # fmt: skip
    body.update(fields)
    return signed_call("POST", "/api/v1/orders", body=json.dumps(body), base=base), body


def test_a_futures_order_is_found_then_cancelled(signed_call, fresh_sandbox):
    """Placed, listed among active orders, found by clientOid, cancelled by id, then done."""
    base = fresh_sandbox.domain_url("futures")
    answer, sent = place(signed_call, base)
    order_id = answer.json()["data"]["orderId"]
    assert answer.json()["data"]["clientOid"] == sent["clientOid"]
    listed = signed_call("GET", "/api/v1/orders", [("status", "active")], base=base).json()["data"]
    assert order_id in [o["id"] for o in listed["items"]] and listed["totalNum"] >= 1
    found = signed_call("GET", "/api/v1/orders/byClientOid", [("clientOid", sent["clientOid"])], base=base).json()
    assert (found["data"]["id"], found["data"]["size"], found["data"]["isActive"]) == (order_id, 3, True)
    cancelled = signed_call("DELETE", f"/api/v1/orders/{order_id}", base=base).json()["data"]
    assert cancelled == {"cancelledOrderIds": [order_id]}
    detail = signed_call("GET", f"/api/v1/orders/{order_id}", base=base).json()["data"]
    assert (detail["status"], detail["isActive"]) == ("done", False)


def test_the_order_margin_is_held_in_the_overview(signed_call, fresh_sandbox):
    """3 contracts at 1000 with leverage 10 hold 300 USDT of order margin."""
    base = fresh_sandbox.domain_url("futures")

    def overview():
        return signed_call("GET", "/api/v1/account-overview", [("currency", "USDT")], base=base).json()["data"]

    before = overview()
    order_id = place(signed_call, base, symbol="ETHUSDTM")[0].json()["data"]["orderId"]
    after = overview()
    assert after["orderMargin"] == before["orderMargin"] + 300
    assert after["availableBalance"] == before["availableBalance"] - 300
    signed_call("DELETE", f"/api/v1/orders/{order_id}", base=base)
    assert overview()["orderMargin"] == before["orderMargin"]


def test_cancel_all_takes_every_open_order_of_the_symbol(signed_call, fresh_sandbox):
    """DELETE /api/v3/orders?symbol= names each order it cancelled."""
    base = fresh_sandbox.domain_url("futures")
    ids = {place(signed_call, base, symbol="SOLUSDTM")[0].json()["data"]["orderId"] for _ in range(2)}
    cancelled = signed_call("DELETE", "/api/v3/orders", [("symbol", "SOLUSDTM")], base=base).json()["data"]
    assert set(cancelled["cancelledOrderIds"]) == ids


def test_an_unknown_futures_order_is_100001(signed_call, fresh_sandbox):
    """An id never issued is KuCoin's futures error 100001."""
    answer = signed_call("GET", "/api/v1/orders/999999999", base=fresh_sandbox.domain_url("futures"))
    assert answer.json()["code"] == "100001"


def test_without_a_host_prefix_the_symbol_picks_the_host(signed_call):
    """POST /api/v1/orders on the one-host URL is a futures order for XBTUSDTM and a spot one for BTC-USDT."""
    futures = signed_call("POST", "/api/v1/orders", body=json.dumps({"symbol": "XBTUSDTM", "side": "buy", "type":
                          "limit", "price": "10", "size": 1, "leverage": 1, "clientOid": "f1"}))  # fmt: skip
    assert futures.json()["code"] == "200000" and futures.headers["X-Sandbox-Answer"] == "state"
    spot = signed_call("POST", "/api/v1/orders", body=json.dumps({"symbol": "BTC-USDT", "side": "buy", "type":
                       "limit", "price": "10", "size": "1", "clientOid": "s1"}))  # fmt: skip
    assert spot.headers["X-Sandbox-Answer"] != "state"  # the deprecated spot Add Order, not the futures one
