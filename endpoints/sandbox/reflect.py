"""Lay a request's values into the endpoint's example, for routes no answer handler models.

Another symbol gets its own symbol back, a `currency` query gets that currency, a
`pageSize` its page size: every field of the example named in REFLECTED that the
request also carries takes the request's value, in the example's own type (a field
the example leaves null stays null). Only names that identify what was asked for are
laid in: a filter such as `status` may hold anything its schema allows, and laid into
an answer it could break the answer's own schema. The result is cached per route and
request values, so a repeated request costs one dictionary look-up.
"""

from __future__ import annotations

import json

from .routes import Route

SCALARS = (str, int, float, bool)
REFLECTED = frozenset(
    {"symbol", "currency", "clientOid", "size", "price", "funds", "pageSize", "currentPage", "subName", "chain"}
)
CACHE_SIZE = 4096
_cache: dict[tuple, tuple[bytes, bool]] = {}


def given_values(*, path_values: dict, query: dict, payload) -> tuple:
    """The request's scalar values by name, hashable: path, then query, then body (later wins)."""
    values = dict(path_values)
    values.update(query)
    if isinstance(payload, dict):
        values.update({name: value for name, value in payload.items() if isinstance(value, SCALARS)})
    return tuple(sorted((name, value) for name, value in values.items() if name in REFLECTED))


def reflected_body(route: Route, given: tuple) -> tuple[bytes, bool]:
    """The route's example envelope with the request's values laid in, and whether anything changed."""
    if not given:
        return route.response_body, False
    key = (route.domain, route.method, route.path, hash(route.response_body), given)
    found = _cache.get(key)
    if found is None:
        if len(_cache) >= CACHE_SIZE:
            _cache.clear()  # a crude bound; a sandbox session repeats far fewer distinct requests
        found = _cache[key] = laid_into(route, given)
    return found


def laid_into(route: Route, given: tuple) -> tuple[bytes, bool]:
    envelope = json.loads(route.response_body)
    values = dict(given)
    if "data" not in envelope or not value_laid(envelope, "data", values):
        return route.response_body, False
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode(), True


def value_laid(container, key, values: dict) -> bool:
    """Replace, inside container[key], every field named in `values`; say whether one changed."""
    node = container[key]
    changed = False
    if isinstance(node, dict):
        for name, current in node.items():
            if name in values and not isinstance(current, (dict, list)):
                new = coerced(current, values[name])
                changed |= new != current
                node[name] = new
            elif isinstance(current, (dict, list)):
                changed |= value_laid(node, name, values)
    elif isinstance(node, list):
        for index in range(len(node)):
            changed |= value_laid(node, index, values)
    return changed


def coerced(example, value):
    """`value` in the type of the example's field (KuCoin sends sizes as text, times as numbers)."""
    if isinstance(example, bool):
        return value is True or str(value).lower() == "true"
    if example is None:
        return example  # its type is unknown: laying text into it could break the answer's schema
    if isinstance(example, str):
        return ("true" if value else "false") if isinstance(value, bool) else str(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return example
    if isinstance(example, int):
        return int(number) if number.is_integer() else number
    return number


def example_shaped(route: Route, body: bytes) -> bytes:
    """Another answer's `data` laid onto the example's shape: fields it leaves out keep KuCoin's example values.

    The market answers list symbols with the fields they model; a client such as ccxt also reads
    fields they leave out (a contract's nextFundingRateTime), which KuCoin's example item supplies.
    """
    envelope = json.loads(body)
    data, example = envelope.get("data"), json.loads(route.response_body).get("data")
    if isinstance(data, list) and isinstance(example, list) and example and isinstance(example[0], dict):
        envelope["data"] = [example[0] | item if isinstance(item, dict) else item for item in data]
    elif isinstance(data, dict) and isinstance(example, dict):
        envelope["data"] = example | data
    else:
        return body
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False).encode()
