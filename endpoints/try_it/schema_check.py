"""Compare a successful answer with the endpoint's documented response schema, each mismatch in words.

KuCoin's answers do not always follow its own docs (a null where a string is
documented, a field the docs call required left out). Try-it says so per field:
"the docs say data.price is a string; KuCoin sent null". jsonschema is the
maintained reference validator for the JSON Schema the catalogue stores.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

MAX_MISMATCHES = 20
# Validating a multi-megabyte answer would cost more than the send; larger answers are not checked.
MAX_CHECKED_BYTES = 512 * 1024
TYPE_WORDS = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "a boolean",
              "object": "an object", "array": "a list", "null": "null"}  # fmt: skip


@dataclass(frozen=True)
class Mismatch:
    path: str
    documented: str
    sent: str

    def __str__(self) -> str:
        return f"The docs say {self.path} is {self.documented}; KuCoin sent {self.sent}."


def schema_mismatches(schema: Any, payload: Any, *, body_bytes: int, version: tuple | None = None) -> list[Mismatch]:
    """Up to MAX_MISMATCHES differences between `payload` and `schema`; none when either is missing.

    `version` (an endpoint's id and last change) names the schema, so it is compiled once, not per send.
    """
    if not isinstance(schema, dict) or not schema or payload is None or body_bytes > MAX_CHECKED_BYTES:
        return []
    validator = _validator_by_version(version, schema) if version else _validator(json.dumps(schema))
    if validator is None:
        return []
    errors = sorted(validator.iter_errors(payload), key=lambda error: list(map(str, error.absolute_path)))
    return [describe(error) for error in islice(errors, MAX_MISMATCHES)]


_compiled: dict[tuple, Draft202012Validator | None] = {}


def _validator_by_version(version: tuple, schema: dict) -> Draft202012Validator | None:
    if version not in _compiled:
        if len(_compiled) >= 512:
            _compiled.clear()
        _compiled[version] = _validator(json.dumps(schema))
    return _compiled[version]


@lru_cache(maxsize=512)
def _validator(schema_text: str) -> Draft202012Validator | None:
    """A compiled validator per schema text (a schema KuCoin's generator broke is not checked)."""
    schema = json.loads(schema_text)
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError:
        return None
    return Draft202012Validator(schema)


def describe(error: ValidationError) -> Mismatch:
    """One validation error as what the docs say against what was sent."""
    path = field_path(list(error.absolute_path))
    if error.validator == "required":
        missing = str(error.message).split("'")[1] if "'" in str(error.message) else "a field"
        return Mismatch(field_path([*error.absolute_path, missing]), "required", "no such field")
    if error.validator == "type":
        return Mismatch(path, type_words(error.validator_value), value_words(error.instance))
    if error.validator == "enum":
        allowed = ", ".join(json.dumps(value) for value in error.validator_value)
        return Mismatch(path, f"one of {allowed}", value_words(error.instance))
    return Mismatch(path, f"{error.validator} {json.dumps(error.validator_value)[:60]}", value_words(error.instance))


def field_path(parts: list) -> str:
    """`data.items[0].price`, or `the answer` for the whole body."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the answer"


def type_words(expected: Any) -> str:
    kinds = expected if isinstance(expected, list) else [expected]
    return " or ".join(TYPE_WORDS.get(str(kind), str(kind)) for kind in kinds)


def value_words(value: Any) -> str:
    """What was sent, briefly: null, a string "…", the number 3, an object, a list of 2."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {json.dumps(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:40] + "…"
        return f"the string {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return "an object"
