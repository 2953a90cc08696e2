"""Secret parameters: which they are, and how their values are replaced wherever a request is shown."""

import json

from endpoints.try_it.secret_parameters import (
    body_with_secrets_replaced,
    is_secret_parameter,
    masked,
    placeholder,
    query_with_secrets_masked,
)
from endpoints.try_it.upstream import Inputs


def test_passwords_passphrases_and_secrets_are_secret_parameters():
    assert all(map(is_secret_parameter, ["password", "passphrase", "subPassword", "apiSecret"]))
    assert not any(map(is_secret_parameter, ["subName", "apiKey", "remarks"]))


def test_a_body_without_secret_fields_is_left_byte_for_byte():
    body = '{"symbol":"BTC-USDT", "size":"1"}'
    assert body_with_secrets_replaced(body, masked) is body


def test_secret_body_fields_are_replaced_and_the_body_stays_compact():
    body = json.dumps({"subName": "s", "password": "p4ss"}, separators=(",", ":"))
    assert body_with_secrets_replaced(body, placeholder) == '{"subName":"s","password":"YOUR_PASSWORD"}'


def test_an_escaped_secret_key_is_still_found():
    assert body_with_secrets_replaced('{"pass\\u0077ord":"p4ss"}', masked) == '{"password":"••••••••"}'


def test_an_unreadable_body_that_may_hold_a_secret_is_reported_as_such():
    assert body_with_secrets_replaced('{"password": "p4ss"', masked) is None


def test_only_secret_query_values_are_masked_even_with_encoded_ampersands():
    assert query_with_secrets_masked("subName=a%26b&passphrase=x%26y") == "subName=a%26b&passphrase=••••••••"


def test_inputs_with_secrets_replaced_keep_everything_else():
    inputs = Inputs({"id": "1"}, (("subName", "s"), ("passphrase", "x")), '{"password":"p"}')
    shown = inputs.with_secrets_replaced(placeholder)
    assert shown == Inputs(
        {"id": "1"}, (("subName", "s"), ("passphrase", "YOUR_PASSPHRASE")), '{"password":"YOUR_PASSWORD"}'
    )
