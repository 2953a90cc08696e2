"""Secret parameters: which they are, and how their values are replaced wherever a request is shown."""

import json

from endpoints.try_it.secret_parameters import (
    body_text_without_secrets,
    body_with_secrets_replaced,
    is_secret_parameter,
    masked,
    placeholder,
    query_lines_without_secrets,
    query_with_secrets_masked,
)
from endpoints.try_it.upstream import Inputs


def test_passwords_passphrases_secrets_and_keys_are_secret_parameters():
    assert all(map(is_secret_parameter, ["password", "passphrase", "subPassword", "apiSecret", "apiKey"]))
    assert not any(map(is_secret_parameter, ["subName", "remarks", "keyword"]))


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


def test_secret_fields_are_replaced_at_any_depth():
    """Objects inside objects and lists are walked; everything else is kept as it was."""
    body = json.dumps({"a": {"b": [{"passphrase": "p", "n": 1}], "token": {"x": 1}}, "keep": "k"})
    replaced = json.loads(body_with_secrets_replaced(body, placeholder))
    assert replaced == {"a": {"b": [{"passphrase": "YOUR_PASSPHRASE", "n": 1}], "token": "YOUR_TOKEN"}, "keep": "k"}


def test_a_body_too_deep_to_walk_counts_as_unreadable():
    body = '{"password":' * 5000 + "1" + "}" * 5000
    assert body_with_secrets_replaced(body, masked) is None


def test_the_editor_text_loses_secret_values_even_when_the_json_is_broken():
    assert body_text_without_secrets('{"a": 1, "password": "p4ss"') == '{"a": 1, "password": ""'
    assert body_text_without_secrets('{"x": {"apiKey": 12}, "y": 2,') == '{"x": {"apiKey": ""}, "y": 2,'
    assert body_text_without_secrets('{"a": {"secret": "s"}}') == '{\n  "a": {\n    "secret": ""\n  }\n}'


def test_extra_query_lines_keep_their_names_but_lose_secret_values():
    text = "currency=USDT\n password = p\nsubApiKey=k\nnote=a=b"
    assert query_lines_without_secrets(text) == "currency=USDT\npassword=\nsubApiKey=\nnote=a=b"
