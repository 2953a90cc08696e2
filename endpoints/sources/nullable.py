"""Response schemas that allow `null` wherever KuCoin's own example answer holds one.

KuCoin's schemas say `string` for fields its answers fill with `null` (a withdrawal's
`walletTxId`, an order's `stp`, ...), and a validating client or a contract test
rejects those answers. The sync stores schemas this way, so the exports, try-it's answer check
and any re-import agree. OpenAPI 3.1 writes "nullable" as a type list: `["string", "null"]`.
"""

from __future__ import annotations

from typing import Any

ABSENT = object()  # a field the example leaves out says nothing about null


def nulls_allowed(schema: Any, example: Any) -> Any:
    """A copy of `schema` that allows null at every place where `example` holds null."""
    if not isinstance(schema, dict) or example is ABSENT:
        return schema
    if example is None:
        return with_null(schema)
    properties = schema.get("properties")
    if isinstance(example, dict) and isinstance(properties, dict):
        fitted = {name: nulls_allowed(sub, example.get(name, ABSENT)) for name, sub in properties.items()}
        return {**schema, "properties": fitted}
    items = schema.get("items")
    if isinstance(example, list) and isinstance(items, dict):
        for element in example:
            items = nulls_allowed(items, element)
        return {**schema, "items": items}
    return schema


def with_null(schema: dict) -> dict:
    """The schema with null added to its type (and to its enum, which would refuse null otherwise)."""
    kind = schema.get("type")
    if kind is None:
        branches = schema.get("anyOf")
        if isinstance(branches, list) and not any(branch.get("type") == "null" for branch in branches):
            return {**schema, "anyOf": [*branches, {"type": "null"}]}
        return schema  # no type says anything may come, null included
    kinds = kind if isinstance(kind, list) else [kind]
    if "null" in kinds:
        return schema
    result = {**schema, "type": [*kinds, "null"]}
    if isinstance(result.get("enum"), list) and None not in result["enum"]:
        result["enum"] = [*result["enum"], None]
    return result
