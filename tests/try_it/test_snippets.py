"""Code samples: each kind is run for real against the sandbox and must be accepted."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from endpoints.models import Endpoint
from endpoints.try_it import snippets, upstream
from tests.conftest import signing_env

CASES = {
    # slug: (path values, query items, body)
    "spot/market/get-ticker": ({}, (("symbol", "BTC-USDT"),), ""),
    "account/account/get-spot-account-list": ({}, (("currency", "a b&c=d!@#é"), ("type", "main")), ""),
    "spot/order/add-order": (
        {},
        (),
        json.dumps({"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1", "remark": "é ü"}),
    ),
    "spot/order/cancel-order-by-order-id": ({"orderId": "671124f9365ccb00073debd4"}, (("symbol", "BTC-USDT"),), ""),
    "futures/order/batch-add-orders": (
        {},
        (),
        json.dumps([{"symbol": "XBTUSDTM", "side": "buy", "leverage": 3, "type": "limit", "price": "0.1", "size": 1}]),
    ),
    "broker/nd-broker/get-broker-info": ({}, (("begin", "20240510"), ("end", "20241010"), ("tradeType", "1")), ""),
    "uta/account/get-interest-history": ({}, (("currency", "USDT"),), ""),
}
RUNNERS = {
    "curl": ["bash"],
    "python": [sys.executable],
    "python-sdk": [sys.executable],
    "node": ["node"],
}


@pytest.fixture
def sample_env(sandbox, settings):
    """Environment variables the samples sign with: the sandbox's demo key and broker."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in ("spot", "futures", "broker")}
    sandbox.reset_rate_limits()
    return {"PATH": os.environ["PATH"], **signing_env(sandbox)}


def build(slug):
    endpoint = Endpoint.objects.prefetch_related("parameters").get(slug=slug)
    path_values, query, body = CASES[slug]
    return endpoint, upstream.build_request(endpoint, upstream.Inputs(path_values, query, body))


def run(sample, env, tmp_path):
    for tool in ("curl", "openssl", "node", "bash"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing on this machine")
    script = tmp_path / sample.filename
    script.write_text(sample.code)
    done = subprocess.run([*RUNNERS[sample.language], str(script)], env=env, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize("slug", CASES)
@pytest.mark.parametrize("language", ["curl", "python", "node"])
def test_sample_runs_and_is_accepted(catalogue, sample_env, tmp_path, slug, language):
    """curl + openssl, Python requests and Node 20 samples each get 200000 from the sandbox."""
    endpoint, call = build(slug)
    sample = next(s for s in snippets.samples(endpoint, call) if s.language == language)
    code, output = run(sample, sample_env, tmp_path)
    assert code == 0, output
    assert '"code":"200000"' in output.replace(" ", ""), output


@pytest.mark.parametrize(
    "slug",
    [
        "spot/market/get-ticker",
        "spot/order/add-order",
        "futures/order/batch-add-orders",
        "broker/nd-broker/get-broker-info",
        "uta/account/get-interest-history",
    ],
)
def test_sdk_sample_runs_and_is_accepted(catalogue, sample_env, tmp_path, slug):
    """The official-SDK sample calls the real service / sub-service / method with its request model."""
    endpoint, call = build(slug)
    sample = next(s for s in snippets.samples(endpoint, call) if s.language == "python-sdk")
    assert f"rest.{endpoint.sdk_python_call}(" in sample.code
    code, output = run(sample, sample_env, tmp_path)
    assert code == 0, output


def test_samples_sign_the_same_endpoint_string_as_the_request(catalogue):
    """The curl sample signs exactly the request object's unencoded path and query."""
    endpoint, call = build("account/account/get-spot-account-list")
    curl = snippets.curl(endpoint, call)
    assert "KC_ENDPOINT='/api/v1/accounts?currency=a b&c=d!@#é&type=main'" in curl
    assert call.url in curl


def test_public_samples_carry_no_signing(catalogue):
    """Public endpoints get plain samples: no KC-API headers, no secret variables."""
    endpoint, call = build("spot/market/get-ticker")
    for sample in snippets.samples(endpoint, call):
        if sample.language != "python-sdk":
            assert "KC-API-SIGN" not in sample.code and "KC_API_SECRET" not in sample.code


def test_private_samples_never_contain_a_secret_value(catalogue, sandbox):
    """Samples read credentials from the environment; the request's own signed headers never appear."""
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    key = upstream.signing.ApiKey(sandbox.key, sandbox.secret, sandbox.passphrase)
    call = upstream.build_request(endpoint, upstream.Inputs(body='{"symbol":"BTC-USDT"}'), key)
    for sample in snippets.samples(endpoint, call):
        assert sandbox.secret not in sample.code and sandbox.key not in sample.code
        assert call.headers["KC-API-SIGN"] not in sample.code
