"""Shared fixtures: the catalogue is imported from the installed SDK once per test session."""

import os
from pathlib import Path

import pytest

from endpoints.models import Endpoint
from endpoints.sources.kucoin_sdk import read_sdk
from endpoints.sync import catalogue_sync

PROJECT_DIR = Path(__file__).resolve().parent.parent


def official_spec_dir() -> Path | None:
    """KuCoin's official spec files, read from the team's shared folder, never from the repo."""
    for candidate in (os.environ.get("KUCOIN_SPEC_DIR"), PROJECT_DIR.parent / "shared" / "kucoin-spec"):
        if candidate and (Path(candidate) / "rest" / "api").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def sdk_catalogue():
    """What the installed SDK holds, read once (reading it takes about two seconds)."""
    return read_sdk()


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


@pytest.fixture(scope="session")
def sandbox(django_db_setup, django_db_blocker, sdk_catalogue):
    """The sandbox on a free loopback port, answering from the test catalogue (read once at start).

    `.url`, demo credentials `.key .secret .passphrase .broker_partner .broker_name .broker_key`,
    `.domain_url(domain)`, `with sandbox.fault(status=503): ...` (also delay_ms, reset, html,
    huge_body_bytes), `.reset_rate_limits()`, `.limiter.set_quota(pool, n)`.
    """
    from endpoints.sandbox.credentials import DemoCredentials
    from endpoints.sandbox.routes import routes_from_catalogue
    from endpoints.sandbox.server import Sandbox

    with django_db_blocker.unblock():
        if not Endpoint.objects.exists():  # a transactional test before us may have emptied the tables
            catalogue_sync(sdk_catalogue)
        routes = routes_from_catalogue()
    credentials = DemoCredentials(
        key="sandbox-demo-key",
        secret=SANDBOX_CANARY_SECRET,
        passphrase=SANDBOX_CANARY_PASSPHRASE,
        broker_partner="sandbox-partner",
        broker_name="SandboxBroker",
        broker_key=SANDBOX_CANARY_BROKER_KEY,
    )
    server = Sandbox.start(routes, credentials)
    yield server
    server.stop()
