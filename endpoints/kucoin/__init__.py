"""KuCoin's facts and rules, as pure code: no models, no views, no settings.

Everything that is true because KuCoin says so lives here, once: the hosts and
domains, the signing recipe and which endpoints need it, the error codes, the
rate-limit pools and quotas, the WebSocket protocol and its limits. The sandbox,
try-it, the exports, the pages and the guides all import from this package, so
they can never disagree about KuCoin.
"""
