"""Balances with holds: the spot account list, one account, the HF flag and the futures overview."""

from __future__ import annotations

import hashlib

from ..errors import Rejected
from ..state import Book
from . import Ask, UseExample, answers
from .futures_orders import ACCOUNT as FUTURES_ACCOUNT
from .shapes import item_template, shaped, text

SHOWN_CURRENCIES = ("USDT", "BTC", "ETH")  # listed even before a session touches them
SPOT_ACCOUNT_TYPES = ("main", "trade")  # what Get Account List answers hold; margin has its own routes
HF_ALIASES = {"trade_hf": "trade"}


def account_id(account: str, currency: str) -> str:
    """A stable 24-hex-digit account id, as KuCoin's look."""
    return hashlib.blake2b(f"{account}:{currency}".encode(), digest_size=12).hexdigest()


def balance_values(book: Book, account: str, currency: str) -> dict:
    balance = book.balance(account, currency)
    return {
        "id": account_id(account, currency), "currency": currency, "type": account,
        "balance": text(balance.total), "available": text(balance.available), "holds": text(balance.holds),
    }  # fmt: skip


@answers("spot", "GET", "/api/v1/accounts")
def accounts_listed(ask: Ask):
    """Get Account List - Spot: every balance, or those of one currency and account type."""
    book, query = ask.book, ask.query
    # trade_hf, which ccxt asks for, is the HF trading account: the sandbox's only trading account.
    types = [HF_ALIASES.get(query["type"], query["type"])] if query.get("type") else list(SPOT_ACCOUNT_TYPES)
    if not set(types) <= set(SPOT_ACCOUNT_TYPES):
        return []  # an option or margin account: the sandbox's demo user has none in this list
    with book.lock:
        currencies = {currency for account, currency in book.balances if account in types} | set(SHOWN_CURRENCIES)
        if query.get("currency"):
            currencies = {query["currency"]}
        template = item_template(ask.template())
        shown = {"type": query["type"]} if query.get("type") else {}  # trade_hf answers as trade_hf
        return [shaped(template, balance_values(book, t, c) | shown) for t in types for c in sorted(currencies)]


@answers("spot", "GET", "/api/v1/accounts/{accountId}")
def account_detail(ask: Ask):
    """Get Account Detail - Spot: one balance by its account id."""
    book = ask.book
    with book.lock:
        for account in SPOT_ACCOUNT_TYPES:
            for currency in {c for a, c in book.balances} | set(SHOWN_CURRENCIES):
                if account_id(account, currency) == ask.path["accountId"]:
                    return shaped(ask.template(), balance_values(book, account, currency))
    if ask.path["accountId"] in ask.route.example_values:
        raise UseExample
    raise Rejected("400100", "account not found")


@answers("spot", "GET", "/api/v1/hf/accounts/opened")
def hf_account_opened(ask: Ask):
    """Get Account Type - Spot: the sandbox's accounts are high-frequency (HF) ones."""
    return True


@answers("futures", "GET", "/api/v1/account-overview")
def futures_overview(ask: Ask):
    """Get Account - Futures: equity, order margin held and what is available, in one currency."""
    currency = ask.query.get("currency") or "USDT"
    book = ask.book
    with book.lock:
        balance = book.balance(FUTURES_ACCOUNT, currency)
        values = {
            "currency": currency, "accountEquity": balance.total, "marginBalance": balance.total,
            "availableBalance": balance.available, "maxWithdrawAmount": balance.available,
            "orderMargin": balance.holds, "positionMargin": 0, "unrealisedPNL": 0, "frozenFunds": 0, "riskRatio": 0,
        }  # fmt: skip
    return shaped(ask.template(), {name: float(v) if not isinstance(v, str) else v for name, v in values.items()})
