"""The one request object: URL from settings and catalogue only, signed bytes equal sent bytes, capped sending."""

import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from kucoin_universal_sdk.internal.infra import default_signer
from kucoin_universal_sdk.internal.infra.default_signer import KcSigner

from endpoints.kucoin import signing
from endpoints.models import Endpoint
from endpoints.try_it import upstream
from endpoints.try_it.forms import TryItForm
from endpoints.try_it.panel import initial_data


def demo_key(sandbox, version="3"):
    return signing.ApiKey(sandbox.key, sandbox.secret, sandbox.passphrase, version)


def test_url_is_settings_base_plus_catalogued_path_with_encoded_values(catalogue, settings):
    """The URL is the domain's base URL, the catalogued path with the value percent-encoded, and the query."""
    settings.KUCOIN_BASE_URLS = {**settings.KUCOIN_BASE_URLS, "spot": "http://127.0.0.1:9"}
    endpoint = Endpoint.objects.get(slug="account/account/get-spot-account-detail")
    call = upstream.build_request(endpoint, upstream.Inputs({"accountId": "a b:é"}, (("x", "1&2"),)))
    assert call.url == "http://127.0.0.1:9/api/v1/accounts/a%20b%3A%C3%A9?x=1%262"
    assert call.path_and_query == "/api/v1/accounts/a%20b%3A%C3%A9?x=1&2"  # the path as sent, the query unencoded
    assert call.prepared.url == call.url


@pytest.mark.parametrize("bad", ["a/b", "..", "a@b", "a#b", "a?b", "a\rb", "a\nb", "a\\b"])
def test_values_that_could_steer_the_path_are_refused(catalogue, bad):
    """Each character that could change the target raises before anything is built."""
    endpoint = Endpoint.objects.get(slug="account/account/get-spot-account-detail")
    with pytest.raises(upstream.UnsafePathValue, match="accountId cannot contain"):
        upstream.build_request(endpoint, upstream.Inputs({"accountId": bad}))


def test_a_lone_dot_is_refused_since_urls_drop_it_but_signatures_keep_it(catalogue):
    endpoint = Endpoint.objects.get(slug="account/account/get-spot-account-detail")
    with pytest.raises(upstream.UnsafePathValue, match="accountId cannot be “.”"):
        upstream.build_request(endpoint, upstream.Inputs({"accountId": "."}))
    assert upstream.build_request(endpoint, upstream.Inputs({"accountId": "1.5"})).path.endswith("/1.5")


def test_encoded_path_values_are_signed_as_sent_like_the_official_sdk_signer(catalogue, sandbox):
    """A path value that encoding changes: KcSigner over the sent path and raw query gives our KC-API-SIGN."""
    endpoint = Endpoint.objects.get(slug="account/account/get-spot-account-detail")
    inputs = upstream.Inputs({"accountId": "a b:é%"}, (("note", "x y"),))
    call = upstream.build_request(endpoint, inputs, demo_key(sandbox), now_ms=1700000000000)
    sent = urlsplit(call.prepared.url)
    assert sent.path == "/api/v1/accounts/a%20b%3A%C3%A9%25"
    with mock.patch.object(default_signer.time, "time", lambda: 1700000000.0):
        expected = KcSigner(sandbox.key, sandbox.secret, sandbox.passphrase).headers(f"GET{sent.path}?note=x y")
    assert call.prepared.headers["KC-API-SIGN"] == expected["KC-API-SIGN"]
    assert call.prepared.headers["KC-API-PASSPHRASE"] == expected["KC-API-PASSPHRASE"]


def test_the_sandbox_accepts_the_encoded_path_try_it_signs(catalogue, sandbox, settings):
    """Sent to the sandbox, a request signed over the encoded path is accepted; a wrong signature is 400005."""
    settings.KUCOIN_BASE_URLS = {**settings.KUCOIN_BASE_URLS, "spot": sandbox.domain_url("spot")}
    endpoint = Endpoint.objects.get(slug="account/account/get-spot-account-detail")
    call = upstream.build_request(endpoint, upstream.Inputs({"accountId": "a b"}), demo_key(sandbox))
    answer = upstream.send(call)
    assert answer.status != 401 and b"400005" not in answer.body  # signed right (the account itself may not exist)
    other = signing.auth_headers(demo_key(sandbox), call.timestamp, "GET", "/api/v1/accounts/a c", "")
    call.prepared.headers.update(other)
    assert b"400005" in upstream.send(call).body


def test_signature_covers_exactly_what_is_sent(catalogue, sandbox):
    """KC-API-SIGN is the signature of the prepared request's own method, path, unencoded query and body bytes."""
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    body = '{"symbol":"BTC-USDT","remark":"é & ü"}'
    call = upstream.build_request(endpoint, upstream.Inputs(body=body), demo_key(sandbox), now_ms=1700000000000)
    assert call.prepared.body == body.encode("utf-8")
    assert call.prepared.method == "POST"
    expected = signing.request_signature(sandbox.secret, "1700000000000", "POST", "/api/v1/hf/orders", body)
    assert call.prepared.headers["KC-API-SIGN"] == expected
    assert call.string_to_sign == "1700000000000POST/api/v1/hf/orders" + body


def test_query_is_sent_in_the_order_signed(catalogue):
    """The wire query keeps the order of the signed raw query."""
    endpoint = Endpoint.objects.get(slug="spot/market/get-ticker")
    items = (("zeta", "1"), ("alpha", "a b"), ("mid", "!@#"))
    call = upstream.build_request(endpoint, upstream.Inputs(query_items=items))
    assert call.url.endswith("?zeta=1&alpha=a%20b&mid=%21%40%23")
    assert call.path_and_query.endswith("?zeta=1&alpha=a b&mid=!@#")
    assert call.query_items == list(items)


def test_shown_headers_mask_secret_derived_values(catalogue, sandbox):
    """The preview masks the signature, passphrase and partner sign, and most of the key."""
    endpoint = Endpoint.objects.get(slug="broker/nd-broker/get-broker-info")
    broker = signing.BrokerKey(sandbox.broker_partner, sandbox.broker_name, sandbox.broker_key)
    call = upstream.build_request(endpoint, upstream.Inputs(), demo_key(sandbox), broker)
    shown = dict(call.shown_headers())
    for name in ("KC-API-SIGN", "KC-API-PASSPHRASE", "KC-API-PARTNER-SIGN"):
        assert shown[name] == "•••••••• (masked)"
    assert shown["KC-API-KEY"] == "sand…ey"
    assert shown["KC-API-PARTNER"] == sandbox.broker_partner


def test_shown_text_lays_the_request_out_as_an_http_message(catalogue, sandbox):
    """Request line, masked headers, a blank line, then the exact body that was signed."""
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    body = '{"symbol": "BTC-USDT", "side": "buy", "type": "market", "funds": "1"}'
    call = upstream.build_request(endpoint, upstream.Inputs(body=body), demo_key(sandbox))
    head, blank, sent = call.shown_text.partition("\n\n")
    assert head.splitlines()[0] == f"POST {call.url}"
    assert "KC-API-SIGN: •••••••• (masked)" in head.splitlines() and call.headers["KC-API-SIGN"] not in head
    assert blank and sent == body


def test_every_catalogued_endpoint_is_accepted_by_the_sandbox(catalogue, settings, sandbox):
    """Built from each endpoint's example values and signed with the demo key, all 332 come back 200000."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in ("spot", "futures", "broker")}
    broker = signing.BrokerKey(sandbox.broker_partner, sandbox.broker_name, sandbox.broker_key)
    failures = []
    for index, endpoint in enumerate(Endpoint.objects.filter(retired_at__isnull=True).prefetch_related("parameters")):
        if index % 150 == 0:
            sandbox.reset_rate_limits()
        form = TryItForm(endpoint, data=initial_data(endpoint, {}))
        assert form.is_valid(), (endpoint.slug, form.errors)
        call = upstream.build_request(endpoint, form.inputs(), demo_key(sandbox), broker)
        answer = upstream.send(call)
        if answer.status != 200 or b'"200000"' not in answer.body:
            failures.append(f"{endpoint.slug}: {answer.status} {answer.body[:120]!r}")
    assert not failures, "\n".join(failures[:20])


def test_send_reads_at_most_the_cap(catalogue, settings, sandbox):
    """A body past TRY_IT_MAX_BODY_BYTES is cut at the cap and marked truncated."""
    settings.KUCOIN_BASE_URLS = {**settings.KUCOIN_BASE_URLS, "spot": sandbox.url}
    settings.TRY_IT_MAX_BODY_BYTES = 200_000
    call = upstream.build_request(Endpoint.objects.get(slug="spot/market/get-server-time"), upstream.Inputs())
    with sandbox.fault(huge_body_bytes=5_000_000):
        answer = upstream.send(call)
    assert answer.truncated and len(answer.body) == 200_000


def test_send_gives_up_at_the_total_deadline(catalogue, settings, sandbox):
    """A body still arriving at TRY_IT_TOTAL_TIMEOUT is cut and reported, even if each read is quick."""
    settings.KUCOIN_BASE_URLS = {**settings.KUCOIN_BASE_URLS, "spot": sandbox.url}
    settings.TRY_IT_TOTAL_TIMEOUT = 0.0
    call = upstream.build_request(Endpoint.objects.get(slug="spot/market/get-server-time"), upstream.Inputs())
    with sandbox.fault(huge_body_bytes=3_000_000):
        answer = upstream.send(call)
    assert answer.trouble == "deadline"


def test_timeouts_come_from_settings(catalogue, settings, sandbox):
    """The read timeout in settings bounds how long a silent upstream is waited for."""
    settings.KUCOIN_BASE_URLS = {**settings.KUCOIN_BASE_URLS, "spot": sandbox.url}
    settings.TRY_IT_READ_TIMEOUT = 0.2
    call = upstream.build_request(Endpoint.objects.get(slug="spot/market/get-server-time"), upstream.Inputs())
    with sandbox.fault(delay_ms=1000):
        started = time.perf_counter()
        answer = upstream.send(call)
    assert answer.trouble == "timeout"
    assert time.perf_counter() - started < 0.8
