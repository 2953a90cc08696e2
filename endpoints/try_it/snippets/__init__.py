"""Code samples for one try-it request: curl + openssl, Python requests, the official Python SDK, Node 20.

Every sample is read from the same `TryItRequest` the panel sends (URL, signed
path and query, body), and signs at run time from environment variables, so a
copied sample never carries a secret and never carries a stale timestamp. Every
catalogue and typed value in a sample is escaped for its language (escaping.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..upstream import TryItRequest
from .curl import curl
from .node import node
from .python_requests import python_requests
from .python_sdk import python_sdk

__all__ = ["Snippet", "curl", "node", "python_requests", "python_sdk", "samples"]


@dataclass(frozen=True)
class Snippet:
    language: str  # curl | python | python-sdk | node
    label: str
    filename: str
    code: str
    lexer: str  # for highlighting: bash | python | javascript


def samples(endpoint, call: TryItRequest) -> list[Snippet]:
    """All four samples for this request."""
    return [
        Snippet("curl", "curl", "kucoin.sh", curl(endpoint, call), "bash"),
        Snippet("python", "Python (requests)", "kucoin.py", python_requests(endpoint, call), "python"),
        Snippet("python-sdk", "Python (official SDK)", "kucoin_sdk.py", python_sdk(endpoint, call), "python"),
        Snippet("node", "Node 20", "kucoin.mjs", node(endpoint, call), "javascript"),
    ]
