"""Which names hold secrets: one rule for every place a value is shown, shared, kept or logged.

Try-it and the sandbox both ask it (they never import each other), for query and body
parameters at any depth, extra query lines and the sandbox's log lines.
A name is secret when it contains `password`, `passwd`, `passphrase` or `secret`
anywhere (`subPassword`, `apiSecret`), or when one of its words is `key`, `pwd`,
`token`, `signature`, `otp`, `credential(s)` or `authorization`
(`apiKey`, `broker_key`, `accessToken`; not `keyword` or `monkey`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus

SECRET_SUBSTRINGS = ("password", "passwd", "passphrase", "secret")
SECRET_WORDS = frozenset({"key", "pwd", "token", "signature", "otp", "credential", "credentials", "authorization"})
# Any of these in a text may name a secret; a text with none of them cannot (a quick first test).
SECRET_HINTS = (*SECRET_SUBSTRINGS, *SECRET_WORDS, "\\")
MASK = "••••••••"

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def is_secret_name(name: str) -> bool:
    """Whether a parameter, field or header of this name holds a secret (see the module's rule)."""
    lowered = name.lower()
    if any(part in lowered for part in SECRET_SUBSTRINGS):
        return True
    return any(word.lower() in SECRET_WORDS for word in _WORD.findall(name))


def may_name_a_secret(text: str) -> bool:
    """False only when no name in `text` can be secret, so the caller may skip parsing it."""
    lowered = text.lower()
    return any(hint in lowered for hint in SECRET_HINTS)


def query_with_secrets_masked(query: str) -> str:
    """An encoded query string with each secret parameter's value masked.

    Splitting on `&` is safe here because an `&` inside a value is percent-encoded.
    """
    return "&".join(_masked_query_part(part) for part in query.split("&"))


def _masked_query_part(part: str) -> str:
    name, equals, _ = part.partition("=")
    return f"{name}={MASK}" if equals and is_secret_name(unquote_plus(name)) else part


def target_with_secrets_masked(target: str) -> str:
    """A request target (`/path?query`) as a log line may hold it: secret query values masked."""
    path, question, query = target.partition("?")
    return path + question + query_with_secrets_masked(query) if question else target
