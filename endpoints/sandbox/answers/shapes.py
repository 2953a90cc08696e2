"""Fill KuCoin's example shapes with the sandbox's own values, keeping each field's type."""

from __future__ import annotations

import copy
import math
from decimal import Decimal

from ..reflect import coerced
from ..state import Order


def text(number: Decimal) -> str:
    """A decimal as KuCoin writes one: plain digits, no exponent, no trailing zeros."""
    shown = format(number.normalize(), "f")
    return shown if shown != "-0" else "0"


def shaped(template, values: dict):
    """The template with every field named in `values` set to that value, in the field's type."""
    if not isinstance(template, dict):
        return template
    result = dict(template)
    for name, current in template.items():
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, (list, dict)) or value is None or isinstance(current, (list, dict)):
            result[name] = value
        else:
            result[name] = coerced(current, value)
    return result


def blank(template: dict, name: str):
    """No value for a field: null where KuCoin's example shows null, else empty text."""
    return None if name in template and template[name] is None else ""


def item_template(template) -> dict:
    """The per-item shape of a list answer: the first item of `data` or of `data.items`."""
    items = template.get("items") if isinstance(template, dict) else template
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0]
    return {}


def listed(template, items: list[dict], *, page: int = 1, page_size: int = 0):
    """A list answer in the example's shape: a bare list, or a page of `items` with its counts."""
    if not isinstance(template, dict):
        return items
    size = page_size or max(len(items), 1)
    start = (page - 1) * size
    values = {
        "items": items[start : start + size],
        "currentPage": page,
        "pageSize": size,
        "totalNum": len(items),
        "totalPage": max(1, math.ceil(len(items) / size)),
    }
    return shaped(template, values)


def order_values(order: Order) -> dict:
    """Every field name KuCoin uses for an order, across spot HF, margin HF and futures."""
    remain = order.size - order.deal_size if order.active else Decimal(0)
    cancelled = order.size - order.deal_size if order.cancelled else Decimal(0)
    value = order.price * order.size
    average = order.deal_funds / order.deal_size if order.deal_size else Decimal(0)
    values = {name: v for name, v in order.fields.items() if not isinstance(v, (list, dict))}
    values.update(
        {
            "id": order.id, "orderId": order.id, "clientOid": order.client_oid, "symbol": order.symbol,
            "side": order.side, "type": order.type, "price": text(order.price), "size": text(order.size),
            "funds": text(order.funds), "value": text(value), "dealSize": text(order.deal_size),
            "dealFunds": text(order.deal_funds), "dealValue": text(order.deal_funds),
            "filledSize": text(order.deal_size), "filledValue": text(order.deal_funds),
            "avgDealPrice": text(average), "remainSize": text(remain), "cancelledSize": text(cancelled),
            "canceledSize": text(cancelled), "originSize": text(order.size), "active": order.active,
            "isActive": order.active, "inOrderBook": order.active, "cancelExist": order.cancelled,
            "status": "open" if order.active else "done", "createdAt": order.created_at,
            "lastUpdatedAt": order.updated_at or order.created_at, "updatedAt": order.updated_at or order.created_at,
            "orderTime": order.created_at * 1_000_000, "opType": "DEAL", "fee": "0",
            "endAt": None if order.active else order.updated_at,
        }
    )  # fmt: skip
    return values


def order_view(template, order: Order) -> dict:
    """One order in the shape of the route's example order."""
    return shaped(copy.copy(template), order_values(order))
