"""Routes the most used clients call at start-up that the official SDK does not carry.

The catalogue comes from KuCoin's SDK, so a route only other clients know answers 404
there, and a client that asks it first fails before it does anything. Each route here
is named with the client that calls it and why; the sandbox answers it with the value
KuCoin gives a classic (non-unified) account, like any catalogued route (signed where
KuCoin wants it signed, charged to its pool).

- ccxt `kucoin` and `kucoinfutures` (4.5), GET /api/ua/v1/account/mode: with the option `uta`
  unset (the default), every call first asks whether the key's account is unified.
"""

from __future__ import annotations

from .routes import Route, response_bytes

STARTUP_ROUTES = (
    # ccxt: kucoin.is_uta_enabled(); "UNIFIED" switches ccxt to the /api/ua/ routes, anything else keeps classic.
    ("spot", "GET", "/api/ua/v1/account/mode", "private", "Spot", 1, {"selfAccountMode": "CLASSIC"}),
    ("futures", "GET", "/api/ua/v1/account/mode", "private", "Futures", 1, {"selfAccountMode": "CLASSIC"}),
)


def startup_routes(known: set[tuple[str, str, str]]) -> list[Route]:
    """The start-up routes the catalogue does not already hold."""
    return [
        Route(domain, method, path, channel, pool, weight, response_body=response_bytes(data))
        for domain, method, path, channel, pool, weight, data in STARTUP_ROUTES
        if (domain, method, path) not in known
    ]
