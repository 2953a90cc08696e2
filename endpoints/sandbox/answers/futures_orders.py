"""Futures orders: place (one or a batch), list open and done, find by id or clientOid, cancel, cancel all.

A futures order holds its margin, price x size / leverage, in the settlement currency
(USDT for ...USDTM, USDC for ...USDCM, the base for inverse contracts such as XBTUSDM).
"""

from __future__ import annotations

from ..errors import Rejected
from ..state import Order
from . import Ask, answers
from .orders import decimal_of, order_found, order_read
from .shapes import blank, item_template, listed, order_view, shaped

ACCOUNT = "contract"


def settle_currency(symbol: str) -> str:
    """The currency a contract settles in, read from its symbol as KuCoin names them."""
    for quote in ("USDT", "USDC"):
        if symbol.endswith(f"{quote}M"):
            return quote
    return symbol.removesuffix("USDM")[:3] if symbol.endswith("USDM") else "USDT"


def placed(ask: Ask, fields, *, keep: bool = True) -> Order:
    """Check and hold one futures order; a market order fills at once (no position is modelled)."""
    if not isinstance(fields, dict):
        raise Rejected("400100", "an order must be a JSON object")
    order = order_read(ask, fields, "futures")
    if not order.symbol or "-" in order.symbol:
        raise Rejected("400100", f"symbol {order.symbol} does not exist; futures symbols look like XBTUSDTM")
    leverage = decimal_of(fields.get("leverage") or 1, "leverage")
    margin = order.price * order.size / leverage
    currency = settle_currency(order.symbol)
    order.hold = (ACCOUNT, currency, margin)
    book = ask.book
    with book.lock:
        if margin > book.balance(ACCOUNT, currency).available:
            raise Rejected("300003")
        if keep:
            book.place(order)
            if order.type == "market":
                book.release(order, ask.now_ms)
                order.deal_size, order.deal_funds = order.size, order.price * order.size
                order.active, order.updated_at = False, ask.now_ms
                book.announce_order("filled", order, ask.now_ms)
    return order


@answers("futures", "POST", "/api/v1/orders", "/api/v1/orders/test")
def order_placed(ask: Ask):
    """Add Order (and its test form): the new order's id and clientOid."""
    return order_view(ask.template(), placed(ask, ask.body, keep=not ask.route.path.endswith("/test")))


@answers("futures", "POST", "/api/v1/orders/multi")
def orders_placed(ask: Ask):
    """Batch Add Orders: each order placed or refused on its own, with its own code."""
    template = item_template(ask.template())
    results = []
    for fields in ask.body if isinstance(ask.body, list) else []:
        try:
            results.append(order_view(template, placed(ask, fields)) | {"code": "200000", "msg": "success"})
        except Rejected as refused:
            client_oid = fields.get("clientOid") if isinstance(fields, dict) else None
            shown = refused.message or refused.detail or refused.code
            refusal = {"orderId": blank(template, "orderId"), "clientOid": client_oid or blank(template, "clientOid")}
            refusal |= {"code": refused.code, "msg": shown}
            results.append(shaped(template, refusal))
    return results


@answers("futures", "GET", "/api/v1/orders")
def orders_listed(ask: Ask):
    """Get Order List: open (status=active, the default) or done orders, one page of them."""
    query = ask.query
    active = query.get("status", "active") != "done"
    orders = ask.book.listed("futures", active=active, symbol=query.get("symbol", ""), side=query.get("side", ""))
    template = ask.template()
    items = [order_view(item_template(template), order) for order in orders]
    page, size = int(query.get("currentPage") or 1), int(query.get("pageSize") or 50)
    return listed(template, items, page=max(page, 1), page_size=max(size, 1))


@answers("futures", "GET", "/api/v1/recentDoneOrders")
def recent_done(ask: Ask):
    """Get Recent Closed Orders: done orders, newest first."""
    orders = ask.book.listed("futures", active=False, symbol=ask.query.get("symbol", ""))
    return [order_view(item_template(ask.template()), order) for order in orders]


@answers("futures", "GET", "/api/v1/orders/{order-id}")
def order_by_id(ask: Ask):
    """Get Order By OrderId: the order as it is now."""
    return order_view(ask.template(), order_found(ask, "futures"))


@answers("futures", "GET", "/api/v1/orders/byClientOid")
def order_by_client_oid(ask: Ask):
    """Get Order By ClientOid: the order as it is now."""
    return order_view(ask.template(), order_found(ask, "futures", by_client=True))


@answers("futures", "DELETE", "/api/v1/orders/{orderId}")
def order_cancelled(ask: Ask):
    """Cancel Order By OrderId: the id of the order cancelled."""
    order = order_found(ask, "futures", cancelling=True)
    with ask.book.lock:
        ask.book.cancel(order, ask.now_ms)
    return shaped(ask.template(), {"cancelledOrderIds": [order.id]})


@answers("futures", "DELETE", "/api/v1/orders/client-order/{clientOid}")
def order_cancelled_by_client_oid(ask: Ask):
    """Cancel Order By ClientOid: the clientOid of the order cancelled."""
    order = order_found(ask, "futures", by_client=True, cancelling=True)
    with ask.book.lock:
        ask.book.cancel(order, ask.now_ms)
    return shaped(ask.template(), {"clientOid": order.client_oid})


@answers("futures", "DELETE", "/api/v3/orders", "/api/v1/orders")
def symbol_cancelled(ask: Ask):
    """Cancel All Orders (V3, and the deprecated V1): every open order of the symbol."""
    book = ask.book
    with book.lock:
        orders = book.listed("futures", active=True, symbol=ask.query.get("symbol", ""))
        for order in orders:
            book.cancel(order, ask.now_ms)
    return shaped(ask.template(), {"cancelledOrderIds": [order.id for order in orders]})


@answers("futures", "DELETE", "/api/v1/orders/multi-cancel")
def orders_cancelled(ask: Ask):
    """Batch Cancel Orders: by orderIdsList or by clientOidsList, each with its own result."""
    template = item_template(ask.template())
    wanted = [("orderId", str(i)) for i in ask.value("orderIdsList") or []]
    wanted += [("clientOid", e.get("clientOid", "")) for e in ask.value("clientOidsList") or [] if isinstance(e, dict)]
    book, results = ask.book, []
    for name, value in wanted:
        order = book.find("futures", **{"client_oid" if name == "clientOid" else "order_id": value})
        if order is None or not order.active:
            refused = {"orderId": blank(template, "orderId"), "clientOid": blank(template, "clientOid"), name: value}
            refused["code"] = "100004"
            results.append(shaped(template, refused | {"msg": "Order is in not cancelable state"}))
            continue
        with book.lock:
            book.cancel(order, ask.now_ms)
        done = {"orderId": order.id, "clientOid": order.client_oid or blank(template, "clientOid")}
        done |= {"code": "200", "msg": "success"}
        results.append(shaped(template, done))
    return results
