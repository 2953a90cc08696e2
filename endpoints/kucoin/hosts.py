"""KuCoin's domains and the hosts that serve them.

A catalogued endpoint names a domain; the domain picks the REST base URL (it is
the host, not the product: futures' token endpoints live on the futures host).
"""

from __future__ import annotations

# In the order pages, exports and the sandbox list them.
DOMAINS = ("spot", "futures", "broker")

DOMAIN_LABELS = {"spot": "Spot", "futures": "Futures", "broker": "Broker"}

REST_BASE_URLS = {
    "spot": "https://api.kucoin.com",
    "futures": "https://api-futures.kucoin.com",
    "broker": "https://api-broker.kucoin.com",
}

# KuCoin's historical-data archive of daily zips (each with an MD5 .CHECKSUM file).
ARCHIVE_BASE_URL = "https://historical-data.kucoin.com"

# (what it serves, its address) as KuCoin's WebSocket pages list them; classic hosts are
# only a default, since the token call names the instance servers to use.
WEBSOCKET_HOSTS = [
    ("Classic spot and margin", "wss://ws-api-spot.kucoin.com"),
    ("Classic futures", "wss://ws-api-futures.kucoin.com"),
    ("Unified account public (spot)", "wss://x-push-spot.kucoin.com"),
    ("Unified account public (futures)", "wss://x-push-futures.kucoin.com"),
    ("Unified account private", "wss://wsapi-push.kucoin.com"),
]


# The classic WebSocket hosts per token domain. A client connects to the instance server
# its token call names; these are the addresses KuCoin's pages give for each.
CLASSIC_WEBSOCKET_HOSTS = {"spot": "ws-api-spot.kucoin.com", "futures": "ws-api-futures.kucoin.com"}


def is_domain(name: str) -> bool:
    return name in DOMAIN_LABELS


# The unified-account ("Pro") WebSocket: fixed addresses, one per role, no token call in between.
UNIFIED_WEBSOCKET_URLS = {
    "spot": "wss://x-push-spot.kucoin.com",
    "futures": "wss://x-push-futures.kucoin.com",
    "private": "wss://wsapi-push.kucoin.com",
    "trade": "wss://wsapi.kucoin.com/v1/private",
}
UNIFIED_ROLES = tuple(UNIFIED_WEBSOCKET_URLS)


def unified_role(address: str) -> str | None:
    """Which unified connection an address is (spot, futures, private, trade), or None for another host."""
    return next((role for role, url in UNIFIED_WEBSOCKET_URLS.items() if url == address.rstrip("/")), None)
