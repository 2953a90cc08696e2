"""Unmodelled routes answer their example with the request's own values laid in, in the example's types."""

import json

from endpoints.sandbox.reflect import given_values, reflected_body
from endpoints.sandbox.routes import Route, response_bytes

EXAMPLE = {"symbol": "BTC-USDT", "size": "0.1", "price": 1, "currency": None, "status": "done",
           "items": [{"symbol": "BTC-USDT"}]}  # fmt: skip


def route():
    return Route("spot", "GET", "/api/v1/x", "public", "Public", 1, response_body=response_bytes(EXAMPLE))


def test_another_symbol_gets_its_own_symbol_everywhere():
    """The symbol asked for replaces the example's, nested items included; other fields stay."""
    given = given_values(path_values={}, query={"symbol": "ETH-USDT"}, payload=None)
    body, changed = reflected_body(route(), given)
    data = json.loads(body)["data"]
    assert changed and data["symbol"] == data["items"][0]["symbol"] == "ETH-USDT"
    assert data["size"] == "0.1"


def test_values_keep_the_example_types():
    """A size sent as a number comes back as text, a price sent as text comes back as a number."""
    given = given_values(path_values={}, query={"price": "5"}, payload={"size": 2})
    data = json.loads(reflected_body(route(), given)[0])["data"]
    assert (data["size"], data["price"]) == ("2", 5)


def test_filters_and_null_fields_are_not_laid_in():
    """A `status` filter or a field KuCoin leaves null keeps the example's value: its schema stays whole."""
    given = given_values(path_values={}, query={"status": "\x19", "currency": "ETH"}, payload=None)
    assert reflected_body(route(), given) == (route().response_body, False)


def test_an_unrelated_request_gets_the_example_bytes_unchanged():
    """Nothing to lay in: the very example bytes, and `changed` is false."""
    body, changed = reflected_body(route(), given_values(path_values={}, query={"other": "1"}, payload=None))
    assert (body, changed) == (route().response_body, False)
