"""Market-data fixtures: a sandbox of our own whose access log counts the requests each test makes."""

import pytest
from django.core.cache import cache

from endpoints.kucoin.rate_limits import vip_quotas
from endpoints.models import Endpoint
from endpoints.sync import catalogue_sync

CANDLES = "/api/v1/market/candles"


def host_prefixed(path: str) -> tuple[str, ...]:
    return tuple(f"/{domain}{path}" for domain in ("spot", "futures", "broker"))


class CountingSandbox:
    """The real sandbox, plus the access lines it wrote, so tests can count what was requested."""

    def __init__(self, server, lines):
        self.server, self.lines = server, lines
        self.url = server.url

    def requests_to(self, path: str) -> list[str]:
        """Lines for `path`, on the bare URL or under a /spot-style prefix (as KUCOIN_UPSTREAM sends)."""
        return [line for line in self.lines if line.split(" ")[1].split("?")[0] in (path, *host_prefixed(path))]


@pytest.fixture(scope="session")
def market_sandbox_server(django_db_setup, django_db_blocker, sdk_catalogue):
    from endpoints.sandbox.credentials import DemoCredentials
    from endpoints.sandbox.routes import routes_from_catalogue
    from endpoints.sandbox.server import Sandbox

    with django_db_blocker.unblock():
        if not Endpoint.objects.exists():
            catalogue_sync(sdk_catalogue)
        routes = routes_from_catalogue()
    lines: list[str] = []
    server = Sandbox.start(routes, DemoCredentials.from_settings(), access_log=lines.append)
    yield CountingSandbox(server, lines)
    server.stop()


@pytest.fixture
def market_sandbox(market_sandbox_server, settings, tmp_path):
    """Point market data at the sandbox (REST and archive), with a fresh log, quota, cache and folder."""
    sandbox = market_sandbox_server
    settings.KUCOIN_BASE_URLS = {"spot": sandbox.url, "futures": sandbox.url, "broker": sandbox.url}
    settings.KUCOIN_ARCHIVE_URL = f"{sandbox.url}/archive"
    settings.MARKET_DATA_DIR = tmp_path / "market-data"
    settings.MARKET_DATA_BACKOFF_SECONDS = 0.05
    sandbox.server.reset_rate_limits()
    sandbox.server.server.archive.corrupt_zip = sandbox.server.server.archive.bad_checksum = False
    sandbox.lines.clear()
    cache.clear()
    yield sandbox
    sandbox.server.reset_rate_limits()
    sandbox.server.limiter.set_quota("Public", vip_quotas(0)["Public"])
