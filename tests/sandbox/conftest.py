"""Sandbox test helpers: signed requests made with our signing module and plain `requests`."""

import time
from urllib.parse import quote, urlencode

import pytest
import requests

from endpoints.kucoin import signing


@pytest.fixture
def fresh_sandbox(sandbox):
    """The session sandbox with its rate-limit windows cleared and no faults."""
    sandbox.reset_rate_limits()
    yield sandbox
    sandbox.reset_rate_limits()


@pytest.fixture
def signed_call(fresh_sandbox):
    """Send a request signed with the demo key (or with the overrides given) to the sandbox."""
    session = requests.Session()

    def call(
        method, path, query=(), body="", *, base=None, timestamp=None, broker=False, headers=None, sent=None, **key
    ):
        demo = fresh_sandbox
        api_key = signing.ApiKey(
            key.get("key", demo.key),
            key.get("secret", demo.secret),
            key.get("passphrase", demo.passphrase),
            key.get("version", "3"),
        )
        partner = signing.BrokerKey(demo.broker_partner, demo.broker_name, key.get("broker_key", demo.broker_key))
        timestamp = timestamp if timestamp is not None else int(time.time() * 1000)
        signed = signing.path_and_query(path, query)
        all_headers = signing.auth_headers(api_key, timestamp, method, signed, body, partner if broker else None)
        all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        url = (base or demo.url) + path + (f"?{urlencode(list(query), quote_via=quote)}" if query else "")
        sent = body if sent is None else sent
        return session.request(method, url, data=sent.encode() if sent else None, headers=all_headers, timeout=5)

    yield call
    session.close()
