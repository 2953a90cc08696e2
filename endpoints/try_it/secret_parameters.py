"""Parameters that are secrets themselves: a sub-account's password, a sub-account API key's passphrase.

They go to KuCoin as typed, but like the credentials they are never shown back: the request
shown masks them, the code samples hold a placeholder, and share links and the browser's
history leave them out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import unquote

WORDS = ("password", "passphrase", "secret")
MASK = "••••••••"


def is_secret_parameter(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in WORDS)


def placeholder(name: str) -> str:
    """What a code sample carries instead of the value, for the reader to replace."""
    return f"YOUR_{name.upper()}"


def masked(name: str) -> str:
    return MASK


def emptied(name: str) -> str:
    return ""


def body_with_secrets_replaced(
    text: str, replacement: Callable[[str], str], *, indent: int | None = None
) -> str | None:
    """The JSON body with each top-level secret field's value replaced; None when it cannot be read to make sure.

    A body without a secret field comes back unchanged, byte for byte.
    """
    lowered = text.lower()
    if "\\" not in text and not any(word in lowered for word in WORDS):  # the common case, without parsing
        return text
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict) or not any(is_secret_parameter(key) for key in value):
        return text
    replaced = {key: replacement(key) if is_secret_parameter(key) else item for key, item in value.items()}
    separators = None if indent else (",", ":")  # compact, as the body is sent
    return json.dumps(replaced, indent=indent, separators=separators, ensure_ascii=False)


def query_with_secrets_masked(query: str) -> str:
    """An encoded query string with each secret parameter's value masked.

    Splitting on `&` is safe here because an `&` inside a value is percent-encoded.
    """
    return "&".join(mask_query_part(part) for part in query.split("&"))


def mask_query_part(part: str) -> str:
    name, equals, _ = part.partition("=")
    return f"{name}={MASK}" if equals and is_secret_parameter(unquote(name)) else part
