"""Let each page's Content-Security-Policy allow the WebSocket servers the console connects to.

The policy allows connections to this site only ('self'), and the browser, not
our server, opens the console's WebSocket. So every HTML page (htmx swaps a
channel page into a document whose policy came with the first page) adds the
hosts the configured upstreams hand out: KuCoin's two classic WebSocket hosts
when live, else the upstream's own host on any port (the sandbox's WebSocket
server listens beside its REST port); and the unified-account servers the
settings name (their hosts are fixed, no token call hands them out).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

from endpoints.kucoin.hosts import CLASSIC_WEBSOCKET_HOSTS
from endpoints.try_it import upstream


def websocket_sources() -> list[str]:
    """The connect-src sources for the WebSocket servers of the spot and futures upstreams."""
    sources = set()
    for domain, live_host in CLASSIC_WEBSOCKET_HOSTS.items():
        if upstream.is_live(domain):
            sources.add(f"wss://{live_host}")
        else:
            host = urlsplit(upstream.base_url(domain)).hostname or "localhost"
            sources |= {f"ws://{host}:*", f"wss://{host}:*"}
    return sorted(sources | unified_sources())


def unified_sources() -> set[str]:
    """The unified-account WebSocket servers the settings name (KuCoin's fixed hosts, or the sandbox's)."""
    sources = set()
    for url in settings.KUCOIN_UNIFIED_WS_URLS.values():
        parts = urlsplit(url)
        sources.add(f"{parts.scheme}://{parts.netloc}")
    return sources


class ConsoleConnectSources:
    """Middleware, placed after django-csp's (so it runs first on the way out): add the WebSocket sources."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            update = dict(getattr(response, "_csp_update", None) or {})
            update["connect-src"] = [*update.get("connect-src", []), *websocket_sources()]
            response._csp_update = update
        return response
