"""The string to sign and the unsigned request, from try-it's own validation and builder; never a secret."""

import pytest

from endpoints.agents.answers import BadInput
from endpoints.agents.request_preview import request_preview
from endpoints.guides.context import GET_EXAMPLE, SIGNING_EXAMPLE
from endpoints.kucoin import signing


def preview(reference, parameters=None, body=None, timestamp_ms=1680885532722):
    return request_preview(reference=reference, parameters=parameters or {}, body=body, timestamp_ms=timestamp_ms)


def test_get_query_is_signed_unencoded_in_order(catalogue):
    """KuCoin's GET example: the query goes into the string to sign raw and in the order given."""
    query = dict(GET_EXAMPLE["query"])
    data = preview("account/account/get-spot-account-list", query).data
    assert data["string_to_sign"] == signing.string_to_sign(
        "1680885532722", "GET", signing.path_and_query(GET_EXAMPLE["path"], GET_EXAMPLE["query"]), ""
    )
    assert data["url"] == "https://api.kucoin.com/api/v1/accounts?currency=BTC&type=main"
    assert data["signing"] == "key"


def test_body_is_signed_as_sent(catalogue):
    """A JSON body is signed compact, exactly as try-it sends it."""
    body = {"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "30000", "size": "0.0001"}
    data = preview("spot/order/add-order", body=body).data
    expected = '{"symbol":"BTC-USDT","side":"buy","type":"limit","price":"30000","size":"0.0001"}'
    assert data["string_to_sign"] == f"{SIGNING_EXAMPLE['timestamp']}POST/api/v1/hf/orders{expected}"
    assert data["body"] == expected
    assert {"name": "KC-API-TIMESTAMP", "value": "1680885532722"} in data["headers"]


def test_preview_never_holds_a_signature(catalogue):
    """Signature headers are recipes in words, never values; the tool takes no credential at all."""
    data = preview("spot/order/add-order", body={"symbol": "BTC-USDT", "side": "buy", "type": "market"}).data
    sign = next(h["value"] for h in data["headers"] if h["name"] == "KC-API-SIGN")
    assert sign.startswith("<base64(HMAC-SHA256(API secret")


def test_public_endpoint_needs_no_signature(catalogue):
    """A public endpoint is sent unsigned: no KC-API-* headers."""
    data = preview("spot/market/get-ticker", {"symbol": "BTC-USDT"}).data
    assert data["signing"] == "none"
    assert not [h for h in data["headers"] if h["name"].startswith("KC-API")]


def test_broker_endpoint_adds_partner_headers(catalogue):
    """A broker endpoint needs the partner headers as well."""
    data = preview("broker/nd-broker/get-kyc-status", {"clientUids": "1"}).data
    assert data["signing"] == "key+broker"
    assert "KC-API-PARTNER-SIGN" in [h["name"] for h in data["headers"]]


def test_secret_parameter_values_are_masked(catalogue):
    """A sub-account's passphrase is masked in the string to sign, the URL and the body shown."""
    data = preview("account/sub-account/delete-sub-account-api",
                   {"apiKey": "k", "subName": "sub1", "passphrase": "hunter2-canary"}).data  # fmt: skip
    assert "hunter2-canary" not in repr(data)
    assert data["secret_values_masked"] is True


@pytest.mark.parametrize(
    ("reference", "parameters", "body", "message"),
    [
        ("spot/order/add-order", {"nope": 1}, None, "has no parameter 'nope'"),
        ("spot/order/add-order", {"symbol": "BTC-USDT"}, None, "travels in the JSON body"),
        ("spot/order/add-order", {}, {"side": "sideways"}, "side must be one of"),
        ("spot/market/get-ticker", {"symbol": "BTC-USDT"}, {"a": 1}, "takes no JSON body"),
        ("account/account/get-spot-account-detail", {"accountId": "../x"}, None, "accountId"),
        ("websocket/spot-public/ticker", {}, None, "WebSocket channels are subscribed to"),
        ("spot/market/get-ticker", {"symbol": {"a": 1}}, None, "a string, a number"),
    ],
)
def test_bad_values_are_refused_with_the_reason(catalogue, reference, parameters, body, message):
    """What try-it would refuse, the preview refuses, saying why."""
    with pytest.raises(BadInput, match=message):
        preview(reference, parameters, body)


def test_unified_account_route_is_signed_when_a_key_is_sent(catalogue):
    """KuCoin publishes no api-channel for UTA routes: the preview says signing is optional and shows the headers."""
    data = preview("uta/account/get-account-mode").data
    assert data["signing"] == "optional"
    assert [h["name"] for h in data["headers"]] == list(signing.AUTH_HEADERS)
