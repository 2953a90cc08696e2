"""Values that are secrets themselves: a sub-account's password, an API key's passphrase, anything named so.

Which names are secret is decided once, in `endpoints.secret_names`. Wherever such a value
is typed (a path or query field, an extra query line, a JSON body field at any depth) it
goes to KuCoin as typed, but like the credentials it is never shown back: the request shown
masks it, the code samples hold a placeholder, share links and the browser's history leave
it out, and the no-JavaScript answer page does not fill it in again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from endpoints.secret_names import MASK, is_secret_name, may_name_a_secret, query_with_secrets_masked

__all__ = ["MASK", "query_with_secrets_masked"]

is_secret_parameter = is_secret_name


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
    """The JSON body with each secret field's value replaced, at any depth; None when it cannot be read to make sure.

    A body without a secret field comes back unchanged, byte for byte.
    """
    if not may_name_a_secret(text):  # the common case, without parsing
        return text
    try:
        value = json.loads(text)
        replaced, found = value_with_secrets_replaced(value, replacement)
    except (ValueError, RecursionError):
        return None
    if not found:
        return text
    separators = None if indent else (",", ":")  # compact, as the body is sent
    return json.dumps(replaced, indent=indent, separators=separators, ensure_ascii=False)


def value_with_secrets_replaced(value, replacement: Callable[[str], str]):
    """(the JSON value with every secret-named field's value replaced, whether any was)."""
    if isinstance(value, dict):
        found = False
        replaced = {}
        for key, item in value.items():
            if is_secret_name(key):
                replaced[key], found = replacement(key), True
            else:
                replaced[key], inner = value_with_secrets_replaced(item, replacement)
                found = found or inner
        return replaced, found
    if isinstance(value, list):
        pairs = [value_with_secrets_replaced(item, replacement) for item in value]
        return [item for item, _ in pairs], any(inner for _, inner in pairs)
    return value, False


_JSON_STRING = r'"(?:[^"\\]|\\.)*"'
_MEMBER = re.compile(rf"({_JSON_STRING})(\s*:\s*)({_JSON_STRING}|[^\s,{{}}\[\]]+)?")


def body_text_without_secrets(text: str) -> str:
    """The body as typed, for filling the editor again: secret values emptied, even where the JSON is broken.

    A body that parses comes back indented with those values as ""; one that does not
    keeps its text and loses only what follows each secret-named key.
    """
    readable = body_with_secrets_replaced(text, emptied, indent=2)
    if readable is not None:
        return readable
    return _MEMBER.sub(_emptied_member, text)


def _emptied_member(match: re.Match) -> str:
    key, colon, _ = match.groups()
    try:
        name = json.loads(key)
    except ValueError:
        name = key.strip('"')
    return f'{key}{colon}""' if is_secret_name(name) else match.group(0)


def query_lines_without_secrets(text: str) -> str:
    """Extra query lines (`name=value`, one a line) with each secret line's value left out."""
    lines = []
    for line in text.splitlines():
        name, equals, _ = line.strip().partition("=")
        lines.append(f"{name.strip()}=" if equals and is_secret_name(name.strip()) else line)
    return "\n".join(lines)
