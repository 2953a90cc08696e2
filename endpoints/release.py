"""Which release of the code rendered an output: one token from the files that render pages and exports.

Cached fragments and exports outlive a deploy in a shared cache (Redis). Keying
them on a hash of the code that produced them means a new release never serves
old output, with no list of files or version number for anyone to keep up to date.
Contents are hashed, not modification times, so every app server of one release
computes the same token.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings

# Everything under these folders that can change what a page or an export says.
RENDERING_ROOTS = ("endpoints", "templates", "static")
RENDERING_SUFFIXES = (".py", ".html", ".md", ".js", ".css", ".txt")


def rendering_files() -> list[Path]:
    """Every file under RENDERING_ROOTS that renders output, in a stable order."""
    base = Path(settings.BASE_DIR)
    found = []
    for root in RENDERING_ROOTS:
        found += [
            path
            for path in (base / root).rglob("*")
            if path.suffix in RENDERING_SUFFIXES and path.is_file() and "__pycache__" not in path.parts
        ]
    return sorted(found)


@lru_cache(maxsize=1)
def _fingerprint() -> tuple[str, int]:
    """(hash of every rendering file's path and contents, newest mtime in seconds), read once per process."""
    base = Path(settings.BASE_DIR)
    digest, newest = hashlib.sha256(), 0
    for path in rendering_files():
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
        newest = max(newest, path.stat().st_mtime_ns)
    return digest.hexdigest()[:12], newest // 1_000_000_000


def code_version() -> str:
    """A token that changes whenever a template, a guide or the code that fills them changes."""
    return _fingerprint()[0]


def code_modified() -> int:
    """When the newest of those files changed, in whole seconds since the epoch (for Last-Modified)."""
    return _fingerprint()[1]
