"""The sandbox's clock is the real one, and its example answers say so in a header."""

import time

import requests


def test_server_time_is_now(fresh_sandbox):
    """GET /api/v1/timestamp answers the current time in ms, the clock signatures are checked against."""
    answer = requests.get(f"{fresh_sandbox.url}/api/v1/timestamp", timeout=5)
    assert abs(answer.json()["data"] - time.time() * 1000) < 5_000
    assert answer.headers["X-Sandbox-Answer"] == "state"


def test_another_symbol_gets_its_own_ticker(fresh_sandbox):
    """The level-1 ticker of ETH-USDT names ETH-USDT where the example names BTC-USDT."""
    answer = requests.get(f"{fresh_sandbox.url}/api/v1/market/stats", params={"symbol": "ETH-USDT"}, timeout=5)
    assert answer.json()["data"]["symbol"] == "ETH-USDT"
    assert answer.headers["X-Sandbox-Answer"] == "reflected"


def test_a_canned_example_is_marked(fresh_sandbox):
    """An answer that is only KuCoin's example carries X-Sandbox-Answer: example."""
    answer = requests.get(f"{fresh_sandbox.url}/api/v1/market/allTickers", timeout=5)
    assert answer.headers["X-Sandbox-Answer"] == "example"


def test_the_currencies_include_those_the_examples_trade(fresh_sandbox):
    """USDT is listed among the currencies, in the example's shape."""
    data = requests.get(f"{fresh_sandbox.url}/api/v3/currencies", timeout=5).json()["data"]
    usdt = next(entry for entry in data if entry["currency"] == "USDT")
    assert set(usdt) == set(data[0])


def test_ccxts_start_up_route_answers_classic(signed_call):
    """GET /api/ua/v1/account/mode, which ccxt asks first, answers a classic account."""
    assert signed_call("GET", "/api/ua/v1/account/mode").json()["data"] == {"selfAccountMode": "CLASSIC"}
