"""One catalogue write at a time on a SQLite file: a second sync is told so, plainly, at once.

SQLite lets one writer in and makes the next wait five seconds, then fail with
"database is locked" halfway through its work. An advisory lock (flock) on a file
beside the database is taken before any reading starts, so the second command
stops before doing anything and says who holds it. The kernel drops the lock when
its process ends, so a crashed sync never leaves it stuck.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection


def lock_path() -> Path | None:
    """The lock file for the default database, or None when it is not a SQLite file."""
    if connection.vendor != "sqlite":
        return None  # PostgreSQL serialises concurrent writers itself
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return None
    return Path(f"{name}.sync-lock")


@contextmanager
def one_sync_at_a_time() -> Iterator[None]:
    """Hold the catalogue's write lock for the block, or raise a CommandError naming its holder."""
    path = lock_path()
    if path is None:
        yield
        return
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise CommandError(
                f"Another catalogue sync is writing to {path.with_suffix('')} right now ({holder}). "
                "Wait for it to finish, then run this again.\nNothing was changed."
            ) from None
        handle.truncate(0)
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
