"""Spot HF and margin HF orders: place, list open and done, find by id or clientOid, cancel, cancel all."""

from __future__ import annotations

from ..errors import Rejected
from ..state import Order
from . import Ask, answers
from .orders import order_found, order_read
from .shapes import item_template, listed, order_view, shaped

SPOT, MARGIN = "/api/v1/hf/orders", "/api/v3/hf/margin/orders"
MARKETS = {SPOT: ("spot", "trade"), MARGIN: ("margin", "margin")}  # path root -> (market, account type)


def placed(ask: Ask, fields: dict, market: str, account: str, *, keep: bool = True) -> Order:
    """Check, hold and (unless a test order) keep one order; a market order fills at once."""
    if not isinstance(fields, dict):
        raise Rejected("400100", "an order must be a JSON object")
    order = order_read(ask, fields, market)
    base, _, quote = order.symbol.partition("-")
    if not base or not quote:
        raise Rejected("400100", f"symbol {order.symbol} does not exist; spot symbols look like BTC-USDT")
    held = (account, quote, order.price * order.size) if order.side == "buy" else (account, base, order.size)
    order.hold = held
    book = ask.book
    with book.lock:
        if held[2] > book.balance(account, held[1]).available:
            raise Rejected("200004")
        if keep:
            book.place(order)
            if order.type == "market":
                book.fill(order, base, quote, account, ask.now_ms)
    return order


def market_of(ask: Ask) -> tuple[str, str]:
    return MARKETS[MARGIN if ask.route.path.startswith("/api/v3/hf/margin") else SPOT]


@answers("spot", "POST", "/api/v1/hf/orders", "/api/v1/hf/orders/sync", "/api/v1/hf/orders/test")
@answers("spot", "POST", "/api/v3/hf/margin/order", "/api/v3/hf/margin/order/test")
def order_placed(ask: Ask):
    """Add Order (spot, its sync and test forms, and margin HF): the new order's id and clientOid."""
    order = placed(ask, ask.body, *market_of(ask), keep=not ask.route.path.endswith("/test"))
    return shaped(order_view(ask.template(), order), {"borrowSize": "0"})  # the sandbox lends nothing


@answers("spot", "POST", "/api/v1/hf/orders/multi", "/api/v1/hf/orders/multi/sync")
def orders_placed(ask: Ask):
    """Batch Add Orders: each order placed or refused on its own, in the example's per-order shape."""
    template = item_template(ask.template())
    results = []
    for fields in ask.value("orderList") or []:
        try:
            results.append(order_view(template, placed(ask, fields, "spot", "trade")) | {"success": True})
        except Rejected as refused:
            results.append({"success": False, "failMsg": refused.message or refused.detail or refused.code})
    return results


@answers("spot", "GET", f"{SPOT}/active", f"{MARGIN}/active")
def open_orders(ask: Ask):
    """Get Open Orders: the symbol's open orders, newest first."""
    orders = ask.book.listed(market_of(ask)[0], active=True, symbol=ask.query.get("symbol", ""))
    template = item_template(ask.template())
    return [order_view(template, order) for order in orders]


@answers("spot", "GET", f"{SPOT}/active/page")
def open_orders_page(ask: Ask):
    """Get Open Orders By Page: one page of the symbol's open orders."""
    orders = ask.book.listed("spot", active=True, symbol=ask.query.get("symbol", ""))
    template = ask.template()
    items = [order_view(item_template(template), order) for order in orders]
    page, size = int(ask.query.get("pageNum") or 1), int(ask.query.get("pageSize") or 20)
    return listed(template, items, page=max(page, 1), page_size=max(size, 1))


@answers("spot", "GET", f"{SPOT}/done", f"{MARGIN}/done")
def done_orders(ask: Ask):
    """Get Closed Orders: filled and cancelled orders of the symbol, newest first."""
    query = ask.query
    orders = ask.book.listed(
        market_of(ask)[0], active=False, symbol=query.get("symbol", ""), side=query.get("side", "")
    )
    template = ask.template()
    items = [order_view(item_template(template), order) for order in orders][: int(query.get("limit") or 20)]
    return shaped(template, {"items": items, "lastId": 0})


@answers("spot", "GET", f"{SPOT}/active/symbols", "/api/v3/hf/margin/order/active/symbols")
def symbols_with_open_orders(ask: Ask):
    """Get Symbols With Open Order: the symbols that have an open order."""
    market = "margin" if "margin" in ask.route.path else "spot"
    symbols = sorted({order.symbol for order in ask.book.listed(market, active=True)})
    return shaped(ask.template(), {"symbols": symbols, "symbolSize": len(symbols)})


@answers("spot", "GET", f"{SPOT}/{{orderId}}", f"{MARGIN}/{{orderId}}")
def order_by_id(ask: Ask):
    """Get Order By OrderId: the order as it is now."""
    return order_view(ask.template(), order_found(ask, market_of(ask)[0]))


@answers("spot", "GET", f"{SPOT}/client-order/{{clientOid}}", f"{MARGIN}/client-order/{{clientOid}}")
def order_by_client_oid(ask: Ask):
    """Get Order By ClientOid: the order as it is now."""
    return order_view(ask.template(), order_found(ask, market_of(ask)[0], by_client=True))


@answers("spot", "DELETE", f"{SPOT}/{{orderId}}", f"{SPOT}/sync/{{orderId}}", f"{MARGIN}/{{orderId}}")
@answers("spot", "DELETE", f"{SPOT}/client-order/{{clientOid}}", f"{SPOT}/sync/client-order/{{clientOid}}")
@answers("spot", "DELETE", f"{MARGIN}/client-order/{{clientOid}}")
def order_cancelled(ask: Ask):
    """Cancel Order by id or clientOid (and the sync forms): the order's id and what was left."""
    order = order_found(ask, market_of(ask)[0], by_client="client-order" in ask.route.path, cancelling=True)
    with ask.book.lock:
        ask.book.cancel(order, ask.now_ms)
    return order_view(ask.template(), order)


@answers("spot", "DELETE", SPOT, MARGIN)
def symbol_cancelled(ask: Ask):
    """Cancel All Orders By Symbol: every open order of the symbol (of every one if none is named)."""
    symbol = str(ask.value("symbol"))
    book = ask.book
    with book.lock:
        for order in book.listed(market_of(ask)[0], active=True, symbol=symbol):
            book.cancel(order, ask.now_ms)
    return "success"


@answers("spot", "DELETE", f"{SPOT}/cancelAll")
def all_cancelled(ask: Ask):
    """Cancel All Orders: every open spot order; the symbols that had one."""
    book = ask.book
    with book.lock:
        orders = book.listed("spot", active=True)
        for order in orders:
            book.cancel(order, ask.now_ms)
    return shaped(ask.template(), {"succeedSymbols": sorted({o.symbol for o in orders}), "failedSymbols": []})
