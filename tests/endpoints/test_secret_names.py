"""One rule for secret names, asked by try-it and the sandbox alike."""

import pytest

from endpoints.secret_names import is_secret_name, may_name_a_secret, target_with_secrets_masked


@pytest.mark.parametrize(
    "name",
    ["password", "subPassword", "passphrase", "apiSecret", "apiKey", "api_key", "broker-key", "APIKey", "accessToken",
     "privateKey", "otp", "pwd", "X-Authorization", "clientSignature", "PASSWORD"],
)  # fmt: skip
def test_secret_names(name):
    assert is_secret_name(name)


@pytest.mark.parametrize("name", ["subName", "remarks", "keyword", "monkey", "symbol", "clientOid", "keys", "design"])
def test_ordinary_names(name):
    assert not is_secret_name(name)


def test_a_text_without_any_hint_needs_no_parsing():
    assert not may_name_a_secret('{"symbol":"BTC-USDT","size":"1"}')
    assert may_name_a_secret('{"apiKey":"k"}') and may_name_a_secret('{"pass\\u0077ord":"p"}')


def test_a_logged_target_masks_secret_query_values_only():
    target = "/api/v1/x?currency=USDT&subPassword=p%26q&apiKey=k&note=a"
    assert target_with_secrets_masked(target) == "/api/v1/x?currency=USDT&subPassword=••••••••&apiKey=••••••••&note=a"
    assert target_with_secrets_masked("/api/v1/x") == "/api/v1/x"
