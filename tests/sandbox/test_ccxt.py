"""ccxt's kucoin and kucoinfutures, with their default options, trade against the sandbox.

Only the base URLs are changed, all to the one sandbox URL (one-host mode): ccxt decides
every route itself, including the account-mode route it asks first.
"""

import ccxt
import pytest

pytestmark = pytest.mark.real_client


def exchange(cls, sandbox):
    """A ccxt exchange with default options whose every API base URL is the sandbox."""
    client = cls({"apiKey": sandbox.key, "secret": sandbox.secret, "password": sandbox.passphrase, "timeout": 5000})
    client.urls["api"] = {name: sandbox.url for name in client.urls["api"]}
    return client


def test_ccxt_kucoin_places_lists_and_cancels_a_spot_order(fresh_sandbox):
    """load_markets, create_order, fetch_open_orders, cancel_order, fetch_order on BTC/USDT."""
    client = exchange(ccxt.kucoin, fresh_sandbox)
    assert "BTC/USDT" in client.load_markets()
    order = client.create_order("BTC/USDT", "limit", "buy", 0.5, 1000, {"clientOid": "ccxt-spot-1"})
    assert order["clientOrderId"] == "ccxt-spot-1"
    assert order["id"] in [o["id"] for o in client.fetch_open_orders("BTC/USDT")]
    client.cancel_order(order["id"], "BTC/USDT")
    assert client.fetch_order(order["id"], "BTC/USDT")["status"] == "canceled"
    assert order["id"] not in [o["id"] for o in client.fetch_open_orders("BTC/USDT")]


def test_ccxt_kucoin_sees_time_ticker_and_held_balance(fresh_sandbox):
    """fetch_time is now, fetch_ticker names the symbol, fetch_balance shows the open order's hold."""
    client = exchange(ccxt.kucoin, fresh_sandbox)
    assert abs(client.fetch_time() - client.milliseconds()) < 5_000
    assert client.fetch_ticker("BTC/USDT")["symbol"] == "BTC/USDT"  # the symbols example lists only BTC-USDT
    free = client.fetch_balance()["USDT"]["free"]
    client.create_order("BTC/USDT", "limit", "buy", 2, 10)
    assert client.fetch_balance()["USDT"]["free"] == free - 20


def test_ccxt_kucoinfutures_places_lists_and_cancels_a_futures_order(fresh_sandbox):
    """The same lifecycle on BTC/USDT:USDT, through kucoinfutures on the same one-host URL."""
    client = exchange(ccxt.kucoinfutures, fresh_sandbox)
    assert "BTC/USDT:USDT" in client.load_markets()
    order = client.create_order("BTC/USDT:USDT", "limit", "buy", 1, 100)
    assert order["id"] in [o["id"] for o in client.fetch_open_orders("BTC/USDT:USDT")]
    client.cancel_order(order["id"], "BTC/USDT:USDT")
    assert client.fetch_order(order["id"], "BTC/USDT:USDT")["status"] == "canceled"
    assert client.fetch_balance()["USDT"]["free"] > 0
