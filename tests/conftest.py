"""Shared fixtures: the catalogue is imported from the installed SDK once per test session."""

import functools
import json
import os
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from endpoints.models import Endpoint
from endpoints.sources.kucoin_sdk import read_sdk
from endpoints.sync import catalogue_sync

PROJECT_DIR = Path(__file__).resolve().parent.parent

# Each test session keys its cache entries with a prefix of its own. With Redis
# (CACHE_URL, as in `make test`) a session never reads another session's entries
# and removes its own at the end, so the test database does not grow run after
# run. Set here, before any cache is first used; the live server's thread builds
# its cache from these same settings.
TEST_CACHE_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
settings.CACHES["default"]["KEY_PREFIX"] = TEST_CACHE_PREFIX
# Django's own advice for tests: PBKDF2's million rounds cost 0.3-0.4 s per user created or
# signed in, and no test here is about the hash.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def redis_client():
    """The raw Redis client behind the default cache, or None for other backends."""
    from django.core.cache import cache

    client = getattr(cache, "client", None)  # django-redis
    return client.get_client() if hasattr(client, "get_client") else None


def session_cache_keys(client) -> list:
    return list(client.scan_iter(match=f"{TEST_CACHE_PREFIX}:*"))


@pytest.fixture(scope="session", autouse=True)
def own_cache_entries_removed():
    """Delete this session's Redis entries when the session ends."""
    yield
    client = redis_client()
    keys = session_cache_keys(client) if client is not None else []
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def try_it_rate_unbounded(settings):
    """Tests send far more than a person would: only the rate-limit tests set a real rate."""
    settings.TRY_IT_RATE = "100000/m"


def official_spec_dir() -> Path | None:
    """KuCoin's official spec files, read from the team's shared folder, never from the repo."""
    for candidate in (os.environ.get("KUCOIN_SPEC_DIR"), PROJECT_DIR.parent / "shared" / "kucoin-spec"):
        if candidate and (Path(candidate) / "rest" / "api").is_dir():
            return Path(candidate)
    return None


@functools.cache
def sdk_catalogue_read():
    """What the installed SDK holds, read once per test process (reading it takes about two seconds)."""
    return read_sdk()


@pytest.fixture(scope="session")
def sdk_catalogue():
    return sdk_catalogue_read()


# pytest-django runs a process's transactional tests after the others, since each one empties
# the tables when it ends. Under pytest-xdist a worker gets whole files in whatever order they
# come, so a test that expects the session's catalogue can follow such a flush: the catalogue
# is loaded again, outside any test's transaction, before the next test sets up.
FLUSHING_FIXTURES = frozenset(("transactional_db", "live_server", "django_db_reset_sequences"))
_tables_flushed = False


def _flushes_tables(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(FLUSHING_FIXTURES & set(getattr(item, "fixturenames", ()))) or bool(
        marker and marker.kwargs.get("transaction")
    )


DATABASE_FIXTURES = frozenset(("db", "transactional_db", "live_server"))


def pytest_collection_modifyitems(items):
    """A test that reaches the database only through a session fixture (the sandbox reads the
    catalogue at start) is a database test too. pytest-django creates only the test databases that
    the collected tests ask for, so a file of such tests run alone would leave the connection on
    the developer's own database, and the sandbox would sync the catalogue into it."""
    for item in items:
        asks_for_it = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames)
        if "django_db_setup" in item.fixturenames and not asks_for_it:
            item.add_marker(pytest.mark.django_db)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    global _tables_flushed
    try:
        return (yield)
    finally:
        _tables_flushed = _tables_flushed or _flushes_tables(item)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _tables_flushed
    if not _tables_flushed:
        return
    _tables_flushed = False
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        if not Endpoint.objects.exists():
            catalogue_sync(sdk_catalogue_read())


@pytest.fixture(scope="session")
def spec_dir():
    found = official_spec_dir()
    if found is None:
        pytest.skip("KuCoin's official spec files are not beside the project (set KUCOIN_SPEC_DIR to enable)")
    return found


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, sdk_catalogue):
    """Load the SDK catalogue into the test database once; each test rolls back its own changes."""
    with django_db_blocker.unblock():
        catalogue_sync(sdk_catalogue)


@pytest.fixture
def catalogue(db, sdk_catalogue):
    """The SDK catalogue in the database (re-loaded if a transactional test emptied it)."""
    if not Endpoint.objects.exists():
        catalogue_sync(sdk_catalogue)
    return sdk_catalogue


@pytest.fixture
def live_catalogue(transactional_db, sdk_catalogue):
    """The catalogue for tests that run a live server (those empty the tables afterwards)."""
    if not Endpoint.objects.exists():
        catalogue_sync(sdk_catalogue)
    return sdk_catalogue


# --- Try it: the KuCoin-compatible sandbox upstream -------------------------------------------

# The demo secret doubles as the canary: the try-it tests prove it never reaches the
# database, a log line or a response body of ours.
SANDBOX_CANARY_SECRET = "canary-secret-0c1d9e7a-never-echo"
SANDBOX_CANARY_PASSPHRASE = "canary-passphrase-5b2f-never-echo"
SANDBOX_CANARY_BROKER_KEY = "canary-broker-key-8e41-never-echo"


def signing_env(sandbox) -> dict[str, str]:
    """The environment our code samples and the Postman collection sign with, holding the sandbox's demo keys."""
    return {
        "KC_API_KEY": sandbox.key,
        "KC_API_SECRET": sandbox.secret,
        "KC_API_PASSPHRASE": sandbox.passphrase,
        "KC_BROKER_PARTNER": sandbox.broker_partner,
        "KC_BROKER_NAME": sandbox.broker_name,
        "KC_BROKER_KEY": sandbox.broker_key,
    }


def rest_order(sandbox, body: dict, *, domain: str = "spot", path: str = "/api/v1/hf/orders") -> dict:
    """Place an order on the REST sandbox, signed with the demo key as any client would; its `data`.

    The WebSocket sandbox pushes the resulting order and balance changes to the key's private topics.
    """
    import time

    import requests

    from endpoints.kucoin import signing

    text = json.dumps(body)
    key = signing.ApiKey(sandbox.key, sandbox.secret, sandbox.passphrase, "3")
    headers = signing.auth_headers(key, int(time.time() * 1000), "POST", path, text, None)
    headers["Content-Type"] = "application/json"
    answer = requests.post(sandbox.domain_url(domain) + path, data=text, headers=headers, timeout=5)
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]


SPOT_ORDER = {"symbol": "ETH-USDT", "side": "buy", "type": "limit", "price": "3000", "size": "0.01"}
FUTURES_ORDER = {"symbol": "ETHUSDTM", "side": "buy", "type": "limit", "price": "3000", "size": "1", "leverage": "5",
                 "clientOid": "sandbox-push"}  # fmt: skip


def orders_until(sandbox, stop, *, every_s: float = 0.3) -> None:
    """Place a spot and a futures limit order every `every_s` until `stop` (a threading.Event) is set."""
    serial = 0
    while not stop.wait(every_s):
        serial += 1
        rest_order(sandbox, SPOT_ORDER)
        rest_order(sandbox, dict(FUTURES_ORDER, clientOid=f"push-{serial}"), domain="futures", path="/api/v1/orders")


@pytest.fixture(autouse=True)
def no_stored_search_pages():
    """Each test starts with no search page or page frame kept in this process, whatever earlier tests searched."""
    from endpoints.reference.search_cache import frames, pages

    pages.clear()
    frames.clear()


@pytest.fixture(autouse=True)
def whole_team_budget():
    """Each test starts with the team's KuCoin budget unspent, whatever earlier tests sent."""
    from endpoints.budget.ledger import budget_forget_all

    budget_forget_all()


@pytest.fixture(scope="session")
def sandbox(django_db_setup, django_db_blocker, sdk_catalogue):
    """The sandbox on a free loopback port, answering from the test catalogue (read once at start).

    `.url`, demo credentials `.key .secret .passphrase .broker_partner .broker_name .broker_key`,
    `.domain_url(domain)`, `with sandbox.fault(status=503): ...` (also delay_ms, reset, html,
    huge_body_bytes), `.reset_rate_limits()`, `.limiter.set_quota(pool, n)`; `.ws` is the WebSocket
    sandbox its bullet-* answers point to (`.ws.url`, `.ws.set_faults(...)`, `.ws.answers.ping_interval_ms`),
    which also serves the unified-account connections under `.ws.unified_url` (/spot, /futures, /private).
    """
    from endpoints.sandbox.credentials import DemoCredentials
    from endpoints.sandbox.routes import routes_from_catalogue
    from endpoints.sandbox.server import Sandbox
    from endpoints.sandbox.ws_channels import channels_from_catalogue
    from endpoints.sandbox.ws_server import WebSocketSandbox
    from endpoints.sandbox.ws_unified_channels import unified_from_catalogue

    with django_db_blocker.unblock():
        if not Endpoint.objects.exists():  # a transactional test before us may have emptied the tables
            catalogue_sync(sdk_catalogue)
        routes = routes_from_catalogue()
        channels = channels_from_catalogue()
        unified = unified_from_catalogue()
    credentials = DemoCredentials(
        key="sandbox-demo-key",
        secret=SANDBOX_CANARY_SECRET,
        passphrase=SANDBOX_CANARY_PASSPHRASE,
        broker_partner="sandbox-partner",
        broker_name="SandboxBroker",
        broker_key=SANDBOX_CANARY_BROKER_KEY,
    )
    server = Sandbox.start(routes, credentials, websocket=WebSocketSandbox(channels, unified=unified))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def node_sdk():
    """KuCoin's Node SDK as `make test` installs it into node-sdk/ (its type declarations only)."""
    from endpoints.sources.node_sdk import read_node_sdk
    from endpoints.sources.records import SourceError

    try:
        return read_node_sdk()
    except SourceError as error:
        pytest.skip(f"{error} (`make test` installs it)")
