"""Check a request against the catalogue, as KuCoin's gateway does: required fields, enums, types.

Query and path values arrive as text, so their types are read from the text; body values
are JSON, where KuCoin also takes a number for a string field and a digit string for a
number (its own examples send sizes both ways).
"""

from __future__ import annotations

import re

from .errors import Rejected
from .routes import Route, RouteParameter

INTEGER = re.compile(r"-?\d+")
NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
BOOLEANS = ("true", "false")
# Values KuCoin accepts beyond the enum its spec documents, which widely used clients send:
# ccxt asks for the HF trading account's balances with type=trade_hf.
UNDOCUMENTED_ENUM_VALUES = {("spot", "GET", "/api/v1/accounts", "type"): ("trade_hf", "margin")}


def request_validate(*, route: Route, path_values: dict, query: dict, payload) -> None:
    """Raise KuCoin's 400100 for the first parameter the catalogue says is missing or wrong."""
    body_is_list = isinstance(payload, list)
    if payload is not None and not body_is_list and not isinstance(payload, dict):
        raise Rejected("400100", "the body must be a JSON object")
    given = {"path": path_values, "query": query, "body": payload if isinstance(payload, dict) else {}}
    for parameter in route.parameters:
        value = given[parameter.location].get(parameter.name)
        if value is None or value == "":
            if parameter.required and not body_is_list:
                raise Rejected("400100", f"{parameter.name} is required")
            continue
        extra = UNDOCUMENTED_ENUM_VALUES.get((route.domain, route.method, route.path, parameter.name), ())
        parameter_check(parameter=parameter, value=value, as_text=parameter.location != "body", extra=extra)


def parameter_check(*, parameter: RouteParameter, value, as_text: bool, extra: tuple = ()) -> None:
    """One present value: its type first, then its enum."""
    if not type_fits(kind=parameter.type, value=value, as_text=as_text):
        raise Rejected("400100", f"{parameter.name} must be {article(parameter.type)} {parameter.type}")
    if parameter.enum_values and not isinstance(value, (list, dict)):
        allowed = {shown(v) for v in (*parameter.enum_values, *extra)}
        if shown(value) not in allowed:
            raise Rejected("400100", f"{parameter.name} must be one of {', '.join(sorted(allowed))}")


def type_fits(*, kind: str, value, as_text: bool) -> bool:
    """Whether a value can stand for the catalogue's JSON Schema type."""
    if as_text or isinstance(value, str):
        text = str(value)
        if kind == "integer":
            return bool(INTEGER.fullmatch(text))
        if kind == "number":
            return bool(NUMBER.fullmatch(text))
        if kind == "boolean":
            return text.lower() in BOOLEANS
        return kind not in ("array", "object") or as_text  # a query array is repeated keys
    if isinstance(value, bool):
        return kind in ("boolean", "string", "")
    if isinstance(value, int):
        return kind in ("integer", "number", "string", "")
    if isinstance(value, float):
        return kind in ("number", "string", "") or (kind == "integer" and value.is_integer())
    if isinstance(value, list):
        return kind in ("array", "")
    return kind in ("object", "")


def shown(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"
