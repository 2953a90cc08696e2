"""The private pushes a change to the REST sandbox's state makes: order and balance messages with the real values.

A signed REST call that places, fills or cancels an order (state.py) publishes a
`Change`; these functions say which private topics it reaches and what each push
carries, in the shape of the channel's catalogued example (classic) or the
unified protocol's `d` (which KuCoin publishes no example of). Topics served this
way push only real changes, never the example on a timer.
"""

from __future__ import annotations

from decimal import Decimal

from .state import Balance, Change, Order

SPOT_ORDER_TOPICS = ("/spotMarket/tradeOrdersV2", "/spotMarket/tradeOrders")
FUTURES_ORDER_TOPIC = "/contractMarket/tradeOrders"
BALANCE_TOPIC, WALLET_TOPIC = "/account/balance", "/contractAccount/wallet"
STATE_TOPICS = frozenset({*SPOT_ORDER_TOPICS, FUTURES_ORDER_TOPIC, BALANCE_TOPIC, WALLET_TOPIC})
# Order event -> (KuCoin's type, its status) in the classic order-change messages.
ORDER_EVENTS = {"received": ("received", "new"), "open": ("open", "open"), "filled": ("filled", "done"),
                "canceled": ("canceled", "done")}  # fmt: skip
STATE_CHANNELS = frozenset({"order", "orderAll", "balance", "execution"})


def is_state_topic(single_topic: str) -> bool:
    """Whether a classic topic is pushed from the REST sandbox's state (its prefix, for per-symbol topics)."""
    return single_topic.partition(":")[0] in STATE_TOPICS


def text(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def order_data(order: Order, event: str, at_ms: int) -> dict:
    kind, status = ORDER_EVENTS[event]
    filled = order.deal_size if event == "filled" else Decimal(0)
    canceled = order.size - order.deal_size if event == "canceled" else Decimal(0)
    data = {
        "symbol": order.symbol,
        "orderId": order.id,
        "clientOid": order.client_oid,
        "side": order.side,
        "orderType": order.type,
        "type": kind,
        "status": status,
        "price": text(order.price),
        "size": text(order.size),
        "originSize": text(order.size),
        "filledSize": text(filled),
        "canceledSize": text(canceled),
        "remainSize": text(order.size - filled - canceled),
        "orderTime": order.created_at if order.market != "futures" else order.created_at * 1_000_000,
        "ts": at_ms * 1_000_000,
    }
    if order.market == "futures":
        data["marginMode"] = str(order.fields.get("marginMode") or "ISOLATED")
    return data


def classic_pushes(change: Change) -> list[tuple[str, dict]]:
    """(single topic, message) for every classic private topic this change reaches."""
    if change.kind == "order" and change.order is not None:
        order = change.order
        data = order_data(order, change.event, change.at_ms)
        if order.market == "futures":
            topics = [f"{FUTURES_ORDER_TOPIC}:{order.symbol}", FUTURES_ORDER_TOPIC]
            return [(topic, message(topic, "symbolOrderChange", data)) for topic in topics]
        return [(topic, message(topic, "orderChange", data)) for topic in SPOT_ORDER_TOPICS]
    if change.kind == "balance" and change.balance is not None:
        if change.account == "contract":
            return [(WALLET_TOPIC, message(WALLET_TOPIC, "walletBalance.change", wallet_data(change)))]
        return [(BALANCE_TOPIC, message(BALANCE_TOPIC, "account.balance", balance_data(change)))]
    return []


def balance_data(change: Change) -> dict:
    balance = change.balance or Balance(Decimal(0))
    holds_moved = change.event in ("hold", "release")
    return {
        "currency": change.currency,
        "total": text(balance.total),
        "available": text(balance.available),
        "hold": text(balance.holds),
        "availableChange": text(-change.change if holds_moved else change.change),
        "holdChange": text(change.change if holds_moved else Decimal(0)),
        "relationEvent": f"{change.account}.{change.event}",
        "time": str(change.at_ms),
    }


def wallet_data(change: Change) -> dict:
    balance = change.balance or Balance(Decimal(0))
    return {
        "currency": change.currency,
        "walletBalance": text(balance.total),
        "availableBalance": text(balance.available),
        "holdBalance": text(balance.holds),
        "timestamp": str(change.at_ms),
    }


def message(topic: str, subject: str, data: dict) -> dict:
    return {"topic": topic, "type": "message", "subject": subject, "channelType": "private", "data": data}


def unified_pushes(change: Change) -> list[tuple[str, str, dict]]:
    """(channel, symbol or account type, d) for every unified private channel this change reaches."""
    if change.kind == "order" and change.order is not None:
        order = change.order
        data = {"s": order.symbol, **order_data(order, change.event, change.at_ms)}
        pushes = [("order", order.symbol, data), ("orderAll", order.symbol, data)]
        if change.event == "filled":
            fill = {"s": order.symbol, "orderId": order.id, "side": order.side, "p": text(order.price),
                    "q": text(order.deal_size), "M": change.at_ms}  # fmt: skip
            pushes.append(("execution", order.symbol, fill))
        return pushes
    if change.kind == "balance" and change.balance is not None and change.account != "main":
        data = {"currency": change.currency, **balance_data(change)}
        return [("balance", "UNIFIED", data)]
    return []
