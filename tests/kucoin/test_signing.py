"""The signing recipe against KuCoin's worked example and the official SDK's own signer."""

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from kucoin_universal_sdk.internal.infra import default_signer
from kucoin_universal_sdk.internal.infra.default_signer import KcSigner
from kucoin_universal_sdk.internal.infra.default_transport import DefaultTransport

from endpoints.kucoin import signing

# KuCoin's authentication page, worked example (KUCOIN-FACTS §3).
DOC_SECRET = "cde06451-dbed"
DOC_TIMESTAMP = 1680885532722
DOC_BODY = (
    '{"symbol":"BTC-USDT","side":"buy","size":"0.0001","price":"30000","type":"limit",'
    '"clientOid":"2b802154-8d31-42e6-88ea-c8c18d3e4822","tradeType":"TRADE"}'
)


def test_request_signature_matches_kucoin_worked_example():
    """The doc example's inputs give the doc example's KC-API-SIGN."""
    sign = signing.request_signature(DOC_SECRET, DOC_TIMESTAMP, "POST", "/api/v1/orders", DOC_BODY)
    assert sign == "ncPuAcZW8WYUZyvblRVVgMfYoVH+FlCTO6K45/FMLFQ="


def test_method_is_upper_cased_before_signing():
    """A lower-case method signs the same as KuCoin's upper-case one."""
    lower = signing.request_signature(DOC_SECRET, DOC_TIMESTAMP, "post", "/api/v1/orders", DOC_BODY)
    assert lower == "ncPuAcZW8WYUZyvblRVVgMfYoVH+FlCTO6K45/FMLFQ="


def test_passphrase_signature_vector():
    """The passphrase is HMAC-signed with the secret (key versions 2 and 3)."""
    assert signing.passphrase_signature(DOC_SECRET, "1111111") == "rl1Ki0WuwidRT48JnoGQo+AJ4UtZ6mQEKt6F5XYVnT4="


def test_partner_signature_vector():
    """The broker partner sign is timestamp + partner + api key, keyed with the broker key."""
    sign = signing.partner_signature("e8512b82-a4aa", DOC_TIMESTAMP, "goodbroker", "6422da9c97b45100018c6e62")
    assert sign == "CN1imIGUz/USkPuhOtGWi5DlZ08VeuVfknJNOPqUEac="


def test_hmac_matches_sdk_unit_test_vector():
    """The SDK's own unit-test vector holds for our HMAC helper."""
    assert signing.hmac_base64("test_api_secret", "test_plain") == "jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4="


def test_raw_query_keeps_order_and_does_not_encode():
    """The signed query is unencoded and keeps the order the items are sent in."""
    items = [("subName", "test"), ("apiKey", "67b3"), ("passphrase", "abc!@#11")]
    assert signing.raw_query(items) == "subName=test&apiKey=67b3&passphrase=abc!@#11"


def test_path_and_query_without_items_is_the_path():
    """No query items means no trailing question mark."""
    assert signing.path_and_query("/api/v1/timestamp", []) == "/api/v1/timestamp"


def test_auth_headers_carry_key_version_and_signed_passphrase():
    """Headers name the key version given and never carry the plain passphrase."""
    key = signing.ApiKey("6422da9c97b45100018c6e62", DOC_SECRET, "1111111", version="2")
    headers = signing.auth_headers(key, DOC_TIMESTAMP, "POST", "/api/v1/orders", DOC_BODY)
    assert headers == {
        "KC-API-KEY": "6422da9c97b45100018c6e62",
        "KC-API-SIGN": "ncPuAcZW8WYUZyvblRVVgMfYoVH+FlCTO6K45/FMLFQ=",
        "KC-API-TIMESTAMP": "1680885532722",
        "KC-API-PASSPHRASE": "rl1Ki0WuwidRT48JnoGQo+AJ4UtZ6mQEKt6F5XYVnT4=",
        "KC-API-KEY-VERSION": "2",
    }


def test_broker_headers_add_partner_identity_and_sign():
    """Broker endpoints add partner, broker name, verify flag and partner sign."""
    key = signing.ApiKey("6422da9c97b45100018c6e62", DOC_SECRET, "1111111")
    broker = signing.BrokerKey("goodbroker", "GoodBroker", "e8512b82-a4aa")
    headers = signing.auth_headers(key, DOC_TIMESTAMP, "POST", "/api/v1/orders", DOC_BODY, broker=broker)
    assert headers["KC-API-PARTNER"] == "goodbroker"
    assert headers["KC-BROKER-NAME"] == "GoodBroker"
    assert headers["KC-API-PARTNER-VERIFY"] == "true"
    assert headers["KC-API-PARTNER-SIGN"] == "CN1imIGUz/USkPuhOtGWi5DlZ08VeuVfknJNOPqUEac="


def test_repr_of_credentials_hides_secrets():
    """A credential object in a log line or traceback shows no secret, passphrase or broker key."""
    key = signing.ApiKey("visible-key", "SECRET-VALUE", "PASS-VALUE")
    broker = signing.BrokerKey("partner", "name", "BROKER-KEY-VALUE")
    shown = repr(key) + repr(broker)
    assert "visible-key" in shown
    assert not any(value in shown for value in ("SECRET-VALUE", "PASS-VALUE", "BROKER-KEY-VALUE"))


# --- equality with the official SDK over generated inputs ---------------------------------------

# Characters that need percent-encoding on the wire, and non-ASCII text, are the point.
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=24)
query_value = st.one_of(text, st.sampled_from(["a b", "x&y=z", "100%", "abc!@#11", "é中", "+", "BTC-USDT,ETH-USDT"]))
query_items = st.lists(st.tuples(st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,11}", fullmatch=True), query_value), max_size=6)
path = st.from_regex(r"/api/v[1-3](/[A-Za-z0-9_\-]{1,12}){1,4}", fullmatch=True)


# query_items only needs the class's helpers, not a configured client.
SDK_TRANSPORT = DefaultTransport.__new__(DefaultTransport)


def frozen_sdk_clock():
    """Freeze the SDK signer's clock so its timestamp is known."""
    return mock.patch.object(default_signer.time, "time", lambda: DOC_TIMESTAMP / 1000)


@settings(max_examples=300, deadline=None)
@given(method=st.sampled_from(["GET", "DELETE"]), path=path, items=query_items, secret=text, passphrase=text)
def test_query_requests_sign_like_the_sdk(method, path, items, secret, passphrase):
    """For GET and DELETE with any query, our headers equal KcSigner's for the SDK's own raw URL."""
    sdk_items = SDK_TRANSPORT.query_items(dict(items))
    raw_url = path + (f"?{DefaultTransport.raw_query(sdk_items)}" if sdk_items else "")
    with frozen_sdk_clock():
        expected = KcSigner("k", secret, passphrase).headers(method + raw_url)
    ours = signing.auth_headers(
        signing.ApiKey("k", secret, passphrase), DOC_TIMESTAMP, method, signing.path_and_query(path, sdk_items), ""
    )
    if secret and passphrase:  # KcSigner leaves the passphrase plain when either is empty
        assert ours == expected
    else:
        assert ours["KC-API-SIGN"] == expected["KC-API-SIGN"]


@settings(max_examples=200, deadline=None)
@given(path=path, body=text, secret=text, partner=text, broker_key=text)
def test_body_requests_and_broker_headers_sign_like_the_sdk(path, body, secret, partner, broker_key):
    """For POST bodies and broker partner headers, our headers equal KcSigner.broker_headers."""
    sdk = KcSigner("k", secret, "pass", broker_name="bn", broker_partner=partner, broker_key=broker_key)
    with frozen_sdk_clock():
        expected = sdk.broker_headers("POST" + path + body)
    ours = signing.auth_headers(
        signing.ApiKey("k", secret, "pass"),
        DOC_TIMESTAMP,
        "POST",
        path,
        body,
        broker=signing.BrokerKey(partner, "bn", broker_key),
    )
    if secret:
        assert ours == expected
    else:
        assert ours["KC-API-SIGN"] == expected["KC-API-SIGN"]
