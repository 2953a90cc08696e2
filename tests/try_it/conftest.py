"""Try-it fixtures: the app pointed at the sandbox, and the canary check that runs after every try-it test.

The sandbox's demo secret, passphrase and broker key are canaries (tests/conftest.py), and so is
TYPED_SECRET_CANARY, which tests type into secret-named parameters (extra query lines, body fields
at any depth, broker endpoints' fields). After each test here, none of them may appear in any
response body our app served, in any log line (captured records, the process's stdout/stderr and
the sandbox's access log), in the database or in the cache.
"""

import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from tests.conftest import (
    SANDBOX_CANARY_BROKER_KEY,
    SANDBOX_CANARY_PASSPHRASE,
    SANDBOX_CANARY_SECRET,
    redis_client,
    session_cache_keys,
)

TYPED_SECRET_CANARY = "canary-typed-secret-3f7a-never-echo"
CANARIES = (SANDBOX_CANARY_SECRET, SANDBOX_CANARY_PASSPHRASE, SANDBOX_CANARY_BROKER_KEY, TYPED_SECRET_CANARY)
DOMAINS = ("spot", "futures", "broker")


@pytest.fixture
def upstream(settings, sandbox):
    """Send every domain to the sandbox (one base URL per domain, as KuCoin has), with fresh quotas."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in DOMAINS}
    sandbox.reset_rate_limits()
    yield sandbox
    sandbox.reset_rate_limits()


@pytest.fixture
def demo_credentials(sandbox):
    """Form fields holding the sandbox's demo key (the secret is a canary)."""
    return {
        "api_key": sandbox.key,
        "api_secret": sandbox.secret,
        "api_passphrase": sandbox.passphrase,
        "api_key_version": "3",
    }


@pytest.fixture
def broker_credentials(sandbox):
    return {
        "broker_partner": sandbox.broker_partner,
        "broker_name": sandbox.broker_name,
        "broker_key": sandbox.broker_key,
    }


@pytest.fixture(autouse=True)
def no_canary_leaks(request, caplog, capfd, monkeypatch):
    """After the test: no canary in response bodies, logs, stdout/stderr, the database or the cache."""
    uses_db = [name for name in ("transactional_db", "db") if name in request.fixturenames]
    if uses_db:
        request.getfixturevalue(uses_db[0])  # set the database up first, so it is still open at our teardown
    caplog.set_level(logging.DEBUG)
    for name in ("django.request", "django.server", "django.security"):
        logging.getLogger(name).addHandler(caplog.handler)
    bodies: list[bytes] = []
    original = Client.request

    def recording(self, **request_args):
        response = original(self, **request_args)
        bodies.append(b"".join(response.streaming_content) if response.streaming else response.content)
        return response

    monkeypatch.setattr(Client, "request", recording)
    sandbox_log = request.node.sandbox_log = []
    if "sandbox" in request.fixturenames:
        monkeypatch.setattr(request.getfixturevalue("sandbox").server, "access_log", sandbox_log.append)
    yield
    for name in ("django.request", "django.server", "django.security"):
        logging.getLogger(name).removeHandler(caplog.handler)
    out, err = capfd.readouterr()
    for canary in CANARIES:
        assert not any(canary.encode() in body for body in bodies), "a canary reached a response body"
        assert canary not in caplog.text, "a canary reached a log record"
        assert canary not in out + err, "a canary reached stdout or stderr"
        assert not any(canary in line for line in sandbox_log), "a canary reached the sandbox's access log"
        assert canary not in cached_text(), "a canary reached the cache"
    if uses_db:
        found = tables_containing(CANARIES)
        assert not found, f"a canary reached the database: {found}"


def cached_text() -> str:
    """Everything this test session cached, as text (a Redis cache is read key by key)."""
    backend = getattr(cache, "_cache", None)
    if isinstance(backend, dict):
        return repr(list(backend.values()))
    client = redis_client()
    if client is None:
        return ""
    return repr([client.get(key) for key in session_cache_keys(client)])


def tables_containing(needles) -> list[str]:
    """Names of tables with a row whose text holds any needle."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - quoted table names
            text = repr(cursor.fetchall())
            if any(needle in text for needle in needles):
                found.append(table)
    return found
