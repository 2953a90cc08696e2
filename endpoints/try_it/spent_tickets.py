"""Spend a prepared request's ticket once across every worker that could receive its relay.

A shared cache (Redis, on every team server) answers for all app servers with an atomic
`add`. The default cache is in-process, and `make run` has two gunicorn workers: marks kept
there would let a ticket replayed to the other worker go out again. Then the mark is a file
created with O_EXCL, which the kernel makes atomic across the processes of one host.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

PREFIX = "try-it:prepared-spent:"
# A mark outlives the ticket it spends (KuCoin's window) with room to spare; older ones are swept.
KEEP_SECONDS = 10


def spend(ticket_id: str) -> bool | None:
    """Mark the ticket spent: True for the first claim, False if it was spent, None if no one can tell."""
    cache = caches["default"]
    if isinstance(cache, LocMemCache | DummyCache):  # each process its own: the marks go to files
        return spend_on_this_host(Path(settings.TRY_IT_SPENT_TICKETS_DIR), ticket_id)
    return cache.add(PREFIX + ticket_id, 1, timeout=KEEP_SECONDS)


def spend_on_this_host(directory: Path, ticket_id: str) -> bool | None:
    """Create the ticket's mark file; it exists already if another process spent the ticket first."""
    if not ticket_id.replace("-", "").replace("_", "").isalnum():
        return None  # ids are ours (token_urlsafe, inside the signed ticket): anything else is no file name
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(directory / ticket_id, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError:
        return None  # no writable directory: say so rather than send without knowing
    os.close(descriptor)
    sweep(directory)
    return True


def sweep(directory: Path, now: float | None = None) -> None:
    """Remove marks older than KEEP_SECONDS; another process sweeping at the same time is harmless."""
    cutoff = (time.time() if now is None else now) - KEEP_SECONDS
    with os.scandir(directory) as entries:
        for entry in entries:
            try:
                if entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
            except FileNotFoundError:
                pass
