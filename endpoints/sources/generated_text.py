"""Undo the escaping KuCoin's generator leaves in the SDK's text.

The generator HTML-escapes descriptions it writes into Python source (`&quot;`,
`&#39;`, `&lt;&#x3D;`) and keeps the JSON backslashes in front of quotes, so a
docstring reads `\\&quot;Add order\\&quot;`. Every page, twin and sample escapes
text for its own format, so the catalogue holds plain text, decoded once here.
"""

from __future__ import annotations

import html
import re

_ESCAPED_QUOTE = re.compile(r"\\([\"'])")


def sdk_text(text: str) -> str:
    """Return the plain text a generated docstring or description stands for."""
    return _ESCAPED_QUOTE.sub(r"\1", html.unescape(text)) if text else text
