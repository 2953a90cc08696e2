"""Read JSON within limits a KuCoin body never comes near: depth, digits per number, size, sendable text.

Python's own reader fails on such input with errors a form does not expect
(RecursionError past ~1000 levels, ValueError past 4300 digits), and whatever
passes it may still break the code samples (pprint recurses) or the result tree.
Everything that reads a body typed in the form, or one that came back from the
upstream, reads it here first.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate

MAX_DEPTH = 32  # KuCoin's deepest request body is three levels
MAX_NUMBER_CHARS = 64  # a timestamp has 13 digits, a price a few dozen at most
MAX_CHARS = 256 * 1024  # a batch of twenty orders is a few KB
STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


class Refused(ValueError):
    """Text that is JSON, or looks like it, but that we will not read: the message says why in plain words."""


def depth_of(text: str) -> int:
    """How deep arrays and objects nest, counted on the text without recursion (brackets in strings ignored)."""
    brackets = NOT_A_BRACKET.sub("", STRING.sub("", text))
    return max(accumulate(1 if bracket in "[{" else -1 for bracket in brackets), default=0)


def number_within_limits(text: str) -> str:
    if len(text) > MAX_NUMBER_CHARS:
        raise Refused(f"A number of {len(text)} characters cannot be sent: at most {MAX_NUMBER_CHARS} fit.")
    return text


def whole(text: str) -> int:
    return int(number_within_limits(text))


def fraction(text: str) -> float:
    value = float(number_within_limits(text))
    if math.isinf(value):
        raise Refused(f"The number {text[:24]} cannot be sent: JSON numbers must be finite.")
    return value


def not_a_number(name: str):
    raise Refused(f"{name} cannot be sent: JSON numbers must be finite.")


def bounded_loads(text: str, *, max_depth: int = MAX_DEPTH, max_chars: int = MAX_CHARS):
    """Parse `text`; raise Refused (too big, too deep, a number too long or not finite) or json.JSONDecodeError."""
    if len(text) > max_chars:
        raise Refused(f"The body has {len(text):,} characters; at most {max_chars:,} can be sent.")
    depth = depth_of(text)
    if depth > max_depth:
        raise Refused(f"The body nests {depth} levels deep; at most {max_depth} can be sent.")
    return json.loads(text, parse_int=whole, parse_float=fraction, parse_constant=not_a_number)


def compact(value) -> str:
    """The exact JSON text to send, compact as KuCoin asks; Refused if UTF-8 cannot carry it."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Refused(
            "The body holds a lone surrogate escape (such as \\ud800): UTF-8, which requests are sent in, "
            "cannot carry it. Use the character itself, or a full surrogate pair."
        ) from None
    return text


def try_loads(text: str, *, max_depth: int, max_chars: int):
    """Parse within limits, or None when the text is not JSON we will read (never raises)."""
    try:
        return bounded_loads(text, max_depth=max_depth, max_chars=max_chars)
    except ValueError:  # JSONDecodeError and Refused alike
        return None
