"""Spot HF and margin HF orders through the sandbox's HTTP: placed, listed, found, cancelled, done."""

import json
import uuid


def place(signed_call, path="/api/v1/hf/orders", **fields):
    body = {
        "symbol": "ETH-USDT",
        "side": "buy",
        "type": "limit",
        "price": "100",
        "size": "2",
        "clientOid": uuid.uuid4().hex,
    }
    body.update(fields)
    answer = signed_call("POST", path, body=json.dumps(body))
    return answer, body


def test_an_order_goes_from_open_to_cancelled_to_done(signed_call):
    """Placed with our clientOid, found open by id and by clientOid, cancelled, then listed as done."""
    answer, sent = place(signed_call)
    placed = answer.json()["data"]
    assert answer.headers["X-Sandbox-Answer"] == "state"
    assert placed["clientOid"] == sent["clientOid"] and placed["orderId"] != "670fd33bf9406e0007ab3945"
    query = [("symbol", "ETH-USDT")]
    open_ids = [o["id"] for o in signed_call("GET", "/api/v1/hf/orders/active", query).json()["data"]]
    assert placed["orderId"] in open_ids
    by_client = signed_call("GET", f"/api/v1/hf/orders/client-order/{sent['clientOid']}", query).json()["data"]
    assert (by_client["id"], by_client["active"], by_client["size"], by_client["price"]) == (
        placed["orderId"],
        True,
        "2",
        "100",
    )
    cancelled = signed_call("DELETE", f"/api/v1/hf/orders/{placed['orderId']}", query).json()
    assert cancelled == {"code": "200000", "data": {"orderId": placed["orderId"]}}
    detail = signed_call("GET", f"/api/v1/hf/orders/{placed['orderId']}", query).json()["data"]
    assert (detail["active"], detail["cancelExist"]) == (False, True)
    done = signed_call("GET", "/api/v1/hf/orders/done", query).json()["data"]["items"]
    assert placed["orderId"] in [o["id"] for o in done]


def test_a_second_cancel_and_an_unknown_id_get_kucoins_not_found(signed_call):
    """An order already cancelled, or an id never issued, is KuCoin's order_not_exist answer."""
    placed = place(signed_call)[0].json()["data"]
    query = [("symbol", "ETH-USDT")]
    signed_call("DELETE", f"/api/v1/hf/orders/{placed['orderId']}", query)
    for order_id in (placed["orderId"], "0123456789abcdef01234567"):
        answer = signed_call("DELETE", f"/api/v1/hf/orders/{order_id}", query)
        assert (answer.status_code, answer.json()["msg"]) == (400, "order_not_exist_or_not_allow_to_cancel")


def test_cancel_all_by_symbol_leaves_other_symbols_open(signed_call):
    """DELETE /api/v1/hf/orders?symbol= cancels that symbol's orders only."""
    kept = place(signed_call, symbol="KCS-USDT")[0].json()["data"]["orderId"]
    gone = place(signed_call, symbol="ETH-BTC", price="0.01")[0].json()["data"]["orderId"]
    assert signed_call("DELETE", "/api/v1/hf/orders", [("symbol", "ETH-BTC")]).json()["data"] == "success"
    assert signed_call("GET", f"/api/v1/hf/orders/{gone}", [("symbol", "ETH-BTC")]).json()["data"]["active"] is False
    assert signed_call("GET", f"/api/v1/hf/orders/{kept}", [("symbol", "KCS-USDT")]).json()["data"]["active"] is True


def test_holds_show_in_the_balance_and_are_released_on_cancel(signed_call):
    """A buy of 2 at 100 holds 200 USDT in the trade account until it is cancelled."""

    def holds():
        accounts = signed_call("GET", "/api/v1/accounts", [("currency", "USDT"), ("type", "trade")]).json()["data"]
        return float(accounts[0]["holds"])

    before = holds()
    placed = place(signed_call, symbol="SOL-USDT")[0].json()["data"]
    assert holds() == before + 200
    signed_call("DELETE", f"/api/v1/hf/orders/{placed['orderId']}", [("symbol", "SOL-USDT")])
    assert holds() == before


def test_more_than_the_balance_is_200004(signed_call):
    """A buy beyond the available funds is KuCoin's 200004 Balance insufficient."""
    answer = place(signed_call, symbol="DOGE-USDT", price="1000000", size="1000")[0]
    assert answer.json() == {"code": "200004", "msg": "Balance insufficient!"}


def test_a_market_buy_fills_at_once(signed_call):
    """A market order is done as soon as it is placed, its whole size dealt."""
    placed = place(signed_call, symbol="TRX-USDT", type="market", price=None, size="1")[0].json()["data"]
    detail = signed_call("GET", f"/api/v1/hf/orders/{placed['orderId']}", [("symbol", "TRX-USDT")]).json()["data"]
    assert (detail["active"], detail["dealSize"]) == (False, "1")


def test_margin_orders_have_their_own_lifecycle(signed_call):
    """A margin HF order is listed among margin open orders, not spot ones, and cancels by clientOid."""
    answer, sent = place(signed_call, path="/api/v3/hf/margin/order", symbol="LTC-USDT")
    order_id = answer.json()["data"]["orderId"]
    query = [("symbol", "LTC-USDT"), ("tradeType", "MARGIN_TRADE")]
    assert order_id in [o["id"] for o in signed_call("GET", "/api/v3/hf/margin/orders/active", query).json()["data"]]
    assert signed_call("GET", "/api/v1/hf/orders/active", [("symbol", "LTC-USDT")]).json()["data"] == []
    path = f"/api/v3/hf/margin/orders/client-order/{sent['clientOid']}"
    assert signed_call("DELETE", path, [("symbol", "LTC-USDT")]).json()["data"] == {"clientOid": sent["clientOid"]}


def test_the_documented_example_id_still_answers_the_example(signed_call):
    """KuCoin's own example id, which no session placed, gets the example, marked as such."""
    answer = signed_call("GET", "/api/v1/hf/orders/6717422bd51c29000775ea03", [("symbol", "BTC-USDT")])
    assert answer.json()["data"]["id"] == "6717422bd51c29000775ea03"
    assert answer.headers["X-Sandbox-Answer"] in ("example", "reflected")
