"""What /health reports: whether the database and the cache each work right now, found by using them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.dummy import DummyCache
from django.db import DatabaseError, connection

from endpoints import selectors

OK, DOWN, OFF = "ok", "down", "off"


def database_state() -> str:
    """Run a query; "down" when the database cannot answer it."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return DOWN
    return OK


def cache_state() -> str:
    """Write, read back and delete a probe value; "down" when it does not come back (a failing cache misses)."""
    if isinstance(cache, DummyCache):
        return OFF
    key, token = f"health-probe:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=10)
        answered = cache.get(key) == token
        cache.delete(key)
    except Exception:  # any backend error means the cache does not work
        return DOWN
    return OK if answered else DOWN


def health_report() -> tuple[int, dict]:
    """(HTTP status, body): 503 when a required part is down; the cache is required only if settings say so."""
    parts = {"database": database_state(), "cache": cache_state()}
    required = ["database", *(["cache"] if settings.HEALTH_REQUIRES_CACHE else [])]
    failing = [name for name, state in parts.items() if state == DOWN]
    required_down = [name for name in failing if name in required]
    status = "down" if required_down else ("degraded" if failing else "ok")
    body = {"status": status, **parts}
    if parts["database"] == OK:
        body |= selectors.catalogue_counts()
    return (503 if required_down else 200), body
