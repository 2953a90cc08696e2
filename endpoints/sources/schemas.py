"""Tidy pydantic's JSON Schema into the self-contained form the catalogue stores.

The SDK marks every field optional, so pydantic wraps each one in
`anyOf: [T, null]` and moves enums into `$defs`. Pages, try-it and exports want
plain, inlined schemas: one type per property, enums in place with KuCoin's
`x-api-enum` names, no pydantic titles.
"""

from __future__ import annotations

import re
from typing import Any

from .generated_text import sdk_text

# KuCoin's models have no recursive types; this only stops a runaway if one appears.
MAX_DEPTH = 20

_ATTRIBUTE_LINE = re.compile(r"^\s{2,}(\w+):\s?(.*)$")


def tidy_schema(schema: dict, defs: dict | None = None, depth: int = 0) -> dict:
    """Inline `$ref`s, collapse optional `anyOf`s and drop pydantic noise."""
    if depth > MAX_DEPTH:
        return {}
    defs = schema.get("$defs", defs or {}) if depth == 0 else (defs or {})
    schema = _resolve(schema, defs)
    result: dict[str, Any] = {}
    for key, value in schema.items():
        if key in {"title", "$defs", "path_variable"} or (key == "default" and value is None):
            continue
        if key == "properties":
            result["properties"] = {name: tidy_schema(prop, defs, depth + 1) for name, prop in value.items()}
        elif key in {"items", "additionalProperties"} and isinstance(value, dict):
            result[key] = tidy_schema(value, defs, depth + 1)
        elif key in {"anyOf", "oneOf", "allOf"}:
            result[key] = [tidy_schema(option, defs, depth + 1) for option in value]
        elif key == "description" and isinstance(value, str):
            result[key] = sdk_text(value)
        else:
            result[key] = value
    _drop_model_docstring(result)
    _describe_enum(result)
    return result


def _resolve(schema: dict, defs: dict) -> dict:
    """Replace a `$ref` and unwrap `anyOf: [T, null]`, keeping the outer description and default."""
    outer = {k: v for k, v in schema.items() if k not in {"$ref", "anyOf"}}
    if "$ref" in schema:
        target = dict(_resolve(defs.get(schema["$ref"].split("/")[-1], {}), defs))
        # Name the enum values before the field's own description replaces the enum's.
        _describe_enum(target)
        return {**target, **outer}
    options = schema.get("anyOf")
    if options:
        real = [option for option in options if option.get("type") != "null"]
        if len(real) == 1:
            return {**_resolve(real[0], defs), **outer}
    return schema


def _drop_model_docstring(schema: dict) -> None:
    # pydantic copies a model's class docstring ("AddOrderReq\n\nAttributes: ...")
    # into the schema; it repeats the field descriptions, so it goes.
    description = schema.get("description", "")
    if schema.get("type") == "object" and "\n\nAttributes:" in description:
        del schema["description"]


def _describe_enum(schema: dict) -> None:
    """Turn an enum class docstring ("Attributes:\n  BUY: ...") into KuCoin's `x-api-enum` list."""
    values = schema.get("enum")
    description = schema.get("description", "")
    if not values or not description.startswith("Attributes:"):
        return
    entries = [m.groups() for m in map(_ATTRIBUTE_LINE.match, description.splitlines()[1:]) if m]
    del schema["description"]
    if len(entries) == len(values):
        schema["x-api-enum"] = [
            {"value": value, "name": name, "description": sdk_text(text.strip())}
            for value, (name, text) in zip(values, entries, strict=True)
        ]


def json_type(schema: dict) -> str:
    """The one JSON Schema type name a parameter table shows."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind:
        return kind
    if "properties" in schema:
        return "object"
    if "enum" in schema:
        return type_of_value(schema["enum"][0])
    return "string"


def type_of_value(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def envelope(data_schema: dict | None) -> dict:
    """Wrap a `data` schema in KuCoin's REST response envelope."""
    properties: dict[str, Any] = {"code": {"type": "string", "description": "200000 on success."}}
    if data_schema is not None:
        properties["data"] = data_schema
    return {"type": "object", "properties": properties, "required": list(properties)}
