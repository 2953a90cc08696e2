"""What each guide reads from the catalogue and the signing code when it is rendered.

Facts KuCoin publishes outside its SDK (rate-limit quotas, WebSocket limits) are
kept here as data with their source, so the guide text stays prose.
"""

from __future__ import annotations

from django.conf import settings

from endpoints import selectors
from endpoints.kucoin import signing
from endpoints.kucoin.hosts import WEBSOCKET_HOSTS
from endpoints.kucoin.rate_limits import FLAT_POOL_QUOTA, VIP_QUOTAS
from endpoints.kucoin.websocket import PRIVATE_TOKEN_PATH, PUBLIC_TOKEN_PATH
from endpoints.models import ApiPermission, Domain

# KuCoin's documented example (docs-new "Authentication"): our signing code must give the same value.
SIGNING_EXAMPLE = {
    "secret": "cde06451-dbed",
    "timestamp": "1680885532722",
    "method": "POST",
    "path": "/api/v1/orders",
    "body": (
        '{"symbol":"BTC-USDT","side":"buy","size":"0.0001","price":"30000","type":"limit",'
        '"clientOid":"2b802154-8d31-42e6-88ea-c8c18d3e4822","tradeType":"TRADE"}'
    ),
    "published_signature": "ncPuAcZW8WYUZyvblRVVgMfYoVH+FlCTO6K45/FMLFQ=",
}
GET_EXAMPLE = {"path": "/api/v1/accounts", "query": [("currency", "BTC"), ("type", "main")]}
PASSPHRASE_EXAMPLE = "1111111"  # noqa: S105 - KuCoin's published example, not a secret
PARTNER_EXAMPLE = {"broker_key": "e8512b82-a4aa", "partner": "goodbroker", "api_key": "6422da9c97b45100018c6e62"}


POOL_NOTES = {
    "Spot": "Spot and margin trading and their market calls made with a key. Grows fastest with VIP level.",
    "Futures": "Futures trading, positions and funding. Grows with VIP level.",
    "Management": "Account, sub-account, deposit, withdrawal and transfer management. Grows with VIP level.",
    "Public": "Calls made without a key, counted per IP address. 2000 per 30 s at every level.",
    "Earn": "Earn products: purchase, redeem, holdings. 2000 per 30 s at every level.",
    "CopyTrading": "Lead-trader futures calls. 2000 per 30 s at every level.",
    "Broker": "Node-broker (ND broker) calls. KuCoin's public quota table does not list this pool.",
}

PERMISSION_NOTES = {
    ApiPermission.GENERAL: "Read the account: balances, ledgers, order and fill history, sub-accounts, "
    "deposit addresses, WebSocket private tokens. Every key has it.",
    ApiPermission.SPOT: "Place, change and cancel spot orders (HF and classic, stop and OCO orders).",
    ApiPermission.MARGIN: "Cross and isolated margin orders, borrowing and repaying, lending.",
    ApiPermission.FUTURES: "Futures orders, positions, margin and leverage changes.",
    ApiPermission.EARN: "Subscribe to and redeem Earn products.",
    ApiPermission.WITHDRAWAL: "Move funds off KuCoin. KuCoin only grants it to keys restricted to a list of IP "
    "addresses.",
    ApiPermission.FLEX_TRANSFERS: "Move funds between your accounts and sub-accounts with the universal transfer.",
    ApiPermission.LEADTRADE_FUTURES: "Trade futures as a copy-trading lead trader.",
}


def introduction() -> dict:
    counts = selectors.domain_counts()
    domains = [
        {"label": label, "key": key, "base_url": settings.KUCOIN_PUBLIC_BASE_URLS[key], "count": counts.get(key, 0)}
        for key, label in Domain.choices
    ]
    return {
        "domains": domains,
        "counts": selectors.catalogue_counts(),
        "unpublished": selectors.unpublished_metadata_count(),
        "example": selectors.endpoint_get(slug="spot/market/get-ticker"),
        "server_time": selectors.endpoint_get(slug="spot/market/get-server-time"),
    }


def authentication() -> dict:
    """The worked examples, each computed now by `endpoints.kucoin.signing`."""
    example = SIGNING_EXAMPLE
    prehash = signing.string_to_sign(example["timestamp"], example["method"], example["path"], example["body"])
    signature = signing.request_signature(
        example["secret"], example["timestamp"], example["method"], example["path"], example["body"]
    )
    get_target = signing.path_and_query(GET_EXAMPLE["path"], GET_EXAMPLE["query"])
    return {
        "example": example,
        "prehash": prehash,
        "signature": signature,
        "matches_published": signature == example["published_signature"],
        "get_target": get_target,
        "get_prehash": signing.string_to_sign(example["timestamp"], "GET", get_target, ""),
        "get_signature": signing.request_signature(example["secret"], example["timestamp"], "GET", get_target, ""),
        "passphrase": PASSPHRASE_EXAMPLE,
        "passphrase_signature": signing.passphrase_signature(example["secret"], PASSPHRASE_EXAMPLE),
        "partner": PARTNER_EXAMPLE,
        "partner_signature": signing.partner_signature(
            PARTNER_EXAMPLE["broker_key"], example["timestamp"], PARTNER_EXAMPLE["partner"], PARTNER_EXAMPLE["api_key"]
        ),
        "server_time": selectors.endpoint_get(slug="spot/market/get-server-time"),
        "counts": selectors.catalogue_counts(),
    }


def rate_limits() -> dict:
    pools = [
        {"name": name, "note": POOL_NOTES.get(name, ""), "endpoints": members}
        for name, members in selectors.endpoints_by_rate_limit_pool()
    ]
    return {"vip_quotas": VIP_QUOTAS, "flat_quota": FLAT_POOL_QUOTA, "pools": pools}


def permissions() -> dict:
    groups = selectors.endpoints_by_api_permission()
    listed = [
        {"name": permission.value, "note": PERMISSION_NOTES[permission], "endpoints": groups.get(permission.value, [])}
        for permission in ApiPermission
    ]
    return {"permissions": listed, "public": groups.get("", [])}


def websocket() -> dict:
    tokens = [
        selectors.endpoint_find(domain=domain, method="POST", path=path)
        for domain in ("spot", "futures")
        for path in (PUBLIC_TOKEN_PATH, PRIVATE_TOKEN_PATH)
    ]
    return {
        "tokens": [token for token in tokens if token],
        "channels": selectors.channel_list(),
        "hosts": WEBSOCKET_HOSTS,
    }
