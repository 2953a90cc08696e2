"""Read values out of an OpenAPI operation, with a SourceError that names the place when one is wrong."""

from __future__ import annotations

import json
import re
from typing import Any

from .records import SourceError

_PYTHON_HEX_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9a-fA-F]{2})")


def required_text(operation: dict, field: str, where: str) -> str:
    value = operation.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise SourceError(f"{where}: the operation has no '{field}' field.")
    if not isinstance(value, str):
        raise SourceError(f"{where}: '{field}' should be text, not {json.dumps(value)[:60]}.")
    return value


def text(value: Any) -> str:
    return "" if value is None else str(value)


def object_at(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise SourceError(f"{where} should be an object.")
    return value


def decode_example(value: Any, where: str) -> Any:
    """Decode an example that may be plain JSON, a JSON string, or KuCoin's double-escaped string."""
    if value is None or not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    for candidate in (text, _unescape(text)):
        if candidate is None:
            continue
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            continue
    raise SourceError(f"{where}: the example is not valid JSON, even after removing KuCoin's extra escaping.")


def _unescape(text: str) -> str | None:
    # KuCoin's files store `{\"code\": ...}\n` inside a JSON string: one more
    # round of string decoding gives the JSON text. Some examples also carry
    # Python's `\xa0` escapes, which JSON spells `\u00a0`.
    try:
        return json.loads('"' + _PYTHON_HEX_ESCAPE.sub(r"\1\\u00\2", text) + '"')
    except json.JSONDecodeError:
        return None


def inline_refs(schema: Any, document: dict, depth: int = 0) -> Any:
    """Replace local `#/components/...` references with their targets."""
    if depth > 20:
        return {}
    if isinstance(schema, list):
        return [inline_refs(item, document, depth + 1) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = document
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        return inline_refs(target, document, depth + 1)
    return {key: inline_refs(value, document, depth + 1) for key, value in schema.items()}


def json_content(holder: Any, where: str = "") -> dict | None:
    """The application/json schema of a request body or response, if it has one."""
    if holder is None:
        return None
    if not isinstance(holder, dict):
        raise SourceError(f"{where} should be an object.")
    content = holder.get("content", {})
    if not isinstance(content, dict):
        raise SourceError(f"{where}: 'content' should be an object.")
    media = content.get("application/json", {})
    schema = media.get("schema") if isinstance(media, dict) else None
    if schema is not None and not isinstance(schema, dict):
        raise SourceError(f"{where}: the application/json schema should be an object.")
    return schema
