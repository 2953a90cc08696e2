"""Market answers that must be live: the server time."""

from __future__ import annotations

from . import Ask, answers


@answers("spot", "GET", "/api/v1/timestamp")
@answers("futures", "GET", "/api/v1/timestamp")
def server_time(ask: Ask):
    """Get Server Time: the sandbox's clock in ms, the clock it checks KC-API-TIMESTAMP against."""
    return ask.now_ms


# The currencies the sandbox's examples trade in; KuCoin's own example lists only BTC and BTCP.
TRADED_CURRENCIES = ("BTC", "USDT", "ETH", "USDC", "KCS", "XBT")


@answers("spot", "GET", "/api/v3/currencies")
def currencies(ask: Ask):
    """Get All Currencies: the example's currencies and every currency the examples trade, in its shape."""
    listed = ask.template()
    known = {entry.get("currency") for entry in listed}
    for code in TRADED_CURRENCIES:
        if code not in known:
            listed.append(listed[0] | {"currency": code, "name": code, "fullName": code})
    return listed
