"""Connection tokens for the WebSocket sandbox: issued by bullet-public / bullet-private, checked on connect.

The REST gateway issues them from its server threads and the WebSocket server
checks them from its event loop, so the book is guarded by a lock.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass

from endpoints.kucoin.error_codes import SUCCESS
from endpoints.kucoin.websocket import PING_INTERVAL_MS, PING_TIMEOUT_MS, TOKEN_LIFETIME_S

MAX_TOKENS = 100_000  # a load test issuing tokens for hours must not grow the book without end


@dataclass(frozen=True)
class Token:
    private: bool
    expires_at: float
    key: str = ""  # who asked for a private token ("key:<api key>"): its state changes are pushed to it


class TokenBook:
    """Tokens handed out and not yet expired."""

    def __init__(self, lifetime_s: float = TOKEN_LIFETIME_S):
        self.lifetime_s = lifetime_s
        self._tokens: dict[str, Token] = {}
        self._lock = threading.Lock()

    def issue(self, *, private: bool, now: float | None = None, key: str = "") -> str:
        """A new token, good for `lifetime_s`; private tokens open private channels too."""
        now = time.time() if now is None else now
        token = ("prv" if private else "pub") + secrets.token_urlsafe(24)
        with self._lock:
            if len(self._tokens) >= MAX_TOKENS:
                self._forget_expired(now)
                while len(self._tokens) >= MAX_TOKENS:
                    self._tokens.pop(next(iter(self._tokens)))
            self._tokens[token] = Token(private, now + self.lifetime_s, key if private else "")
        return token

    def check(self, token: str, *, now: float | None = None) -> Token | None:
        """The token's grant, or None when it was never issued or has expired."""
        now = time.time() if now is None else now
        with self._lock:
            found = self._tokens.get(token)
        return found if found is not None and found.expires_at > now else None

    def _forget_expired(self, now: float) -> None:
        for token in [t for t, grant in self._tokens.items() if grant.expires_at <= now]:
            del self._tokens[token]


@dataclass
class BulletAnswers:
    """What bullet-* answers: a fresh token and this sandbox's WebSocket server as the one instance server."""

    book: TokenBook
    endpoint: str  # ws://127.0.0.1:PORT/
    ping_interval_ms: int = PING_INTERVAL_MS
    ping_timeout_ms: int = PING_TIMEOUT_MS

    def answer(self, *, private: bool, key: str = "") -> bytes:
        """The bullet-* response body, as KuCoin shapes it."""
        server = {
            "endpoint": self.endpoint,
            "encrypt": False,
            "protocol": "websocket",
            "pingInterval": self.ping_interval_ms,
            "pingTimeout": self.ping_timeout_ms,
        }
        data = {"token": self.book.issue(private=private, key=key), "instanceServers": [server]}
        return json.dumps({"code": SUCCESS, "data": data}, separators=(",", ":")).encode()
