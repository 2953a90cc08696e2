"""What spot, margin and futures orders share: reading a placed order, finding one, the not-found error."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ..errors import SPOT_ORDER_NOT_FOUND, Rejected
from ..state import Order
from . import Ask, UseExample

SIDES = ("buy", "sell")


def decimal_of(value, name: str, *, required: bool = False) -> Decimal:
    """A positive decimal from a request value (KuCoin takes text or numbers), or KuCoin's 400100."""
    if value in (None, ""):
        if required:
            raise Rejected("400100", f"{name} is required")
        return Decimal(0)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise Rejected("400100", f"{name} must be a number") from None
    if not number.is_finite() or number <= 0:
        raise Rejected("400100", f"{name} must be greater than 0")
    return number


def order_read(ask: Ask, fields: dict, market: str) -> Order:
    """An order from one request's fields: side, type, price and size checked as KuCoin does."""
    side, kind = fields.get("side"), str(fields.get("type") or "limit")
    if side not in SIDES:
        raise Rejected("400100", "side must be one of buy, sell")
    # A market order fills at the reference price; only a limit order names its own.
    price = decimal_of(fields.get("price"), "price", required=True) if kind == "limit" else ask.book.reference_price
    size = decimal_of(fields.get("size"), "size")
    funds = decimal_of(fields.get("funds"), "funds")
    if not size and funds:
        size = funds / price
    if not size:
        raise Rejected("400100", "size is required")
    return Order(
        id=ask.book.new_id(ask.now_ms), client_oid=str(fields.get("clientOid") or ""), market=market,
        symbol=str(fields.get("symbol") or ""), side=side, type=kind, price=price, size=size,
        funds=funds or price * size, created_at=ask.now_ms, fields=dict(fields),
    )  # fmt: skip


def order_found(ask: Ask, market: str, *, by_client: bool = False, cancelling: bool = False) -> Order:
    """The order a lookup or cancel names by id or clientOid (of the symbol, if one is given)."""
    wanted = str(ask.value("clientOid" if by_client else "orderId") or ask.value("order-id"))
    book = ask.book
    order = book.find(market, client_oid=wanted) if by_client else book.find(market, order_id=wanted)
    symbol = ask.query.get("symbol", "")
    if order is not None and symbol and order.symbol != symbol:
        order = None
    # A lookup that names no order, or the very id of KuCoin's own example, gets that example
    # (marked as such), so the documented request works however often it is sent.
    unusable = order is None or (cancelling and not order.active)
    if unusable and (not wanted or wanted in ask.route.example_values):
        raise UseExample
    if order is None:
        raise not_found(market)
    return cancellable(order) if cancelling else order


def not_found(market: str) -> Rejected:
    """KuCoin's answer for an unknown order: spot and margin say it in a 400100, futures in 100001."""
    if market == "futures":
        return Rejected("100001")
    return Rejected("400100", message=SPOT_ORDER_NOT_FOUND)


def cancellable(order: Order) -> Order:
    """Only an open order can be cancelled; a done one gets KuCoin's not-cancellable answer."""
    if not order.active:
        raise Rejected("100004") if order.market == "futures" else not_found(order.market)
    return order
