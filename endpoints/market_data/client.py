"""The one way market data reaches KuCoin (or the sandbox): base URLs from settings, timeouts, replies.

KuCoin's numbers are kept as the exact text it sent (JSON numbers parsed as strings), so a CSV
holds the digits KuCoin gave, never a float's rounding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.core.cache import cache

from endpoints.kucoin.error_codes import SUCCESS
from endpoints.kucoin.market_data import SYMBOL_LISTS

from .budget import ledger_observe

TIMEOUT = (3.05, 15)  # connect, read
USER_AGENT = "KuCoin-API-Explorer-MarketData/1.0"
SYMBOLS_CACHE_SECONDS = 300
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
SYMBOL_LIST_POOL = "Public"  # KuCoin's symbol lists are public market data


class UpstreamError(Exception):
    """The upstream could not be reached or sent something unreadable; the message says which."""


@dataclass
class Reply:
    status: int
    code: str
    data: object = None
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def is_ok(self) -> bool:
        return self.status == 200 and self.code == SUCCESS


def session_new() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def rest_base_url(*, market: str) -> str:
    return settings.KUCOIN_BASE_URLS[market].rstrip("/")


def rest_get(*, session: requests.Session, market: str, path: str, params: dict) -> Reply:
    """GET one KuCoin REST path; network trouble raises UpstreamError, any HTTP answer is a Reply."""
    try:
        response = session.get(rest_base_url(market=market) + path, params=params, timeout=TIMEOUT)
    except requests.RequestException as error:
        raise UpstreamError(f"{market} upstream unreachable: {type(error).__name__}") from None
    headers = {name.lower(): value for name, value in response.headers.items()}
    try:
        body = json.loads(response.content, parse_float=str, parse_int=str)
    except ValueError:
        return Reply(response.status_code, "", message="the answer is not JSON", headers=headers)
    if not isinstance(body, dict):
        return Reply(response.status_code, "", message="the answer is not a KuCoin envelope", headers=headers)
    return Reply(response.status_code, str(body.get("code", "")), body.get("data"), str(body.get("msg", "")), headers)


def archive_get(*, session: requests.Session, path: str) -> tuple[int, bytes]:
    """GET one file from the archive: (HTTP status, body)."""
    url = f"{settings.KUCOIN_ARCHIVE_URL}/{path}"
    try:
        response = session.get(url, timeout=TIMEOUT)
    except requests.RequestException as error:
        raise UpstreamError(f"archive unreachable: {type(error).__name__}") from None
    if len(response.content) > MAX_ARCHIVE_BYTES:
        raise UpstreamError(f"archive file {path} is larger than {MAX_ARCHIVE_BYTES} bytes")
    return response.status_code, response.content


def symbol_list(*, market: str) -> list[str]:
    """The upstream's live symbols for a market, cached for five minutes."""
    key = f"market-data:symbols:{market}:{rest_base_url(market=market)}"
    found = cache.get(key)
    if found is not None:
        return found
    path, _weight = SYMBOL_LISTS[market]
    with session_new() as session:
        reply = rest_get(session=session, market=market, path=path, params={})
    ledger_observe(market=market, pool=SYMBOL_LIST_POOL, headers=reply.headers)
    if not reply.is_ok or not isinstance(reply.data, list):
        raise UpstreamError(f"the {market} symbol list could not be read: {reply.code} {reply.message}".strip())
    symbols = sorted(str(item["symbol"]) for item in reply.data if isinstance(item, dict) and "symbol" in item)
    cache.set(key, symbols, SYMBOLS_CACHE_SECONDS)
    return symbols
