"""The last check before a try-it request leaves: it goes to the configured base URL's origin, nowhere else.

The URL is built from settings and the catalogue, and the catalogue is checked on
import; this check holds even if a row got in some other way, because a path such
as `@evil.example/x` after `https://api.kucoin.com` would send the key, the signature
and the passphrase HMAC to another host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of a URL, with the scheme's default port filled in; None if it has none or userinfo."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:  # a port that is not a number
        return None
    if "@" in parts.netloc or not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port


def destination_problem(url: str, base_url: str) -> str:
    """Why `url` must not be sent given the configured `base_url`, or "" when it stays on that origin and path."""
    target, allowed = origin(url), origin(base_url)
    if target is None or target != allowed:
        return "its URL does not lead to the configured base URL's scheme, host and port"
    base_path = urlsplit(base_url).path.rstrip("/")
    if not urlsplit(url).path.startswith(base_path + "/"):
        return "its path leaves the configured base URL's path"
    return ""
