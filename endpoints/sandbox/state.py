"""The sandbox's memory of a trading session, per API key: orders and balances with holds.

There is no matching engine: a limit order rests until it is cancelled, and a market
order fills at once, in full, at the reference price (the price in KuCoin's own
level-1 example). Every currency starts funded (STARTING_FUNDS), so a session can
trade at once; a buy holds its quote funds, a sell its base size, a futures order its
margin (price x size / leverage, each contract one unit of the base), until it fills
or is cancelled.

Every change is published as a `Change` to the listeners of `SandboxState` (the
WebSocket sandbox pushes it to the key's private subscriptions). Listeners are
called in the REST thread, under the book's lock, and must only hand it over.
"""

from __future__ import annotations

import copy
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

STARTING_FUNDS = {"USDT": Decimal(100_000), "USDC": Decimal(100_000)}
DEFAULT_FUNDS = Decimal(100)
ACCOUNT_TYPES = ("main", "trade", "margin", "contract")  # KuCoin's names; futures is "contract"
DEFAULT_REFERENCE_PRICE = Decimal(1)


@dataclass
class Balance:
    total: Decimal
    holds: Decimal = Decimal(0)

    @property
    def available(self) -> Decimal:
        return self.total - self.holds


@dataclass
class Order:
    id: str
    client_oid: str
    market: str  # spot | margin | futures
    symbol: str
    side: str  # buy | sell
    type: str  # limit | market
    price: Decimal
    size: Decimal
    funds: Decimal
    created_at: int
    fields: dict = field(default_factory=dict)  # the request as sent (tradeType, leverage, timeInForce...)
    hold: tuple[str, str, Decimal] | None = None  # (account type, currency, amount)
    active: bool = True
    cancelled: bool = False
    deal_size: Decimal = Decimal(0)
    deal_funds: Decimal = Decimal(0)
    updated_at: int = 0

    @property
    def remaining(self) -> Decimal:
        return Decimal(0) if not self.active else self.size - self.deal_size


@dataclass(frozen=True)
class Change:
    """One change to a key's book, as it stood then: an order's new state, or a balance after it moved."""

    key: str  # the book's owner, as the gateway names the caller ("key:<api key>")
    kind: str  # order | balance
    event: str  # order: received, open, filled, canceled; balance: what moved it (hold, release, trade)
    at_ms: int
    order: Order | None = None
    account: str = ""
    currency: str = ""
    balance: Balance | None = None
    change: Decimal = Decimal(0)  # how much total (for a trade) or holds (for a hold or release) moved


Listener = Callable[[Change], None]


class Book:
    """One API key's orders and balances; every change happens under its lock."""

    def __init__(self, reference_price: Decimal, key: str = "", publish: Listener | None = None):
        self.lock = threading.RLock()
        self.key = key
        self.publish = publish
        self.reference_price = reference_price
        self.orders: dict[str, Order] = {}
        self.client_ids: dict[tuple[str, str], str] = {}
        self.balances: dict[tuple[str, str], Balance] = {}
        self._serial = itertools.count(1)

    def balance(self, account: str, currency: str) -> Balance:
        """The balance of one currency in one account type, funded on first sight."""
        key = (account, currency)
        if key not in self.balances:
            self.balances[key] = Balance(STARTING_FUNDS.get(currency, DEFAULT_FUNDS))
        return self.balances[key]

    def new_id(self, now_ms: int) -> str:
        """A 24-hex-digit id like KuCoin's: seconds, then a serial number."""
        return f"{now_ms // 1000:08x}{next(self._serial):016x}"

    def place(self, order: Order) -> Order:
        """Hold the order's funds (or raise ValueError if they are not there) and keep it."""
        if order.hold is not None:
            account, currency, amount = order.hold
            balance = self.balance(account, currency)
            if amount > balance.available:
                raise ValueError(f"{currency} available in {account}: {balance.available}, needed: {amount}")
            balance.holds += amount
        self.orders[order.id] = order
        if order.client_oid:
            self.client_ids[(order.market, order.client_oid)] = order.id
        self.announce_order("received", order, order.created_at)
        if order.type != "market":
            self.announce_order("open", order, order.created_at)
        if order.hold is not None:
            self.announce_balance("hold", *order.hold, order.created_at)
        return order

    def find(self, market: str, *, order_id: str = "", client_oid: str = "") -> Order | None:
        """An order of this market by id or by clientOid."""
        if client_oid:
            order_id = self.client_ids.get((market, client_oid), "")
        order = self.orders.get(order_id)
        return order if order is not None and order.market == market else None

    def listed(self, market: str, *, active: bool, symbol: str = "", side: str = "") -> list[Order]:
        """Open (or done) orders of a market, newest first, optionally of one symbol and side."""
        found = [
            order
            for order in self.orders.values()
            if order.market == market
            and order.active == active
            and (not symbol or order.symbol == symbol)
            and (not side or order.side == side)
        ]
        return sorted(found, key=lambda order: order.created_at, reverse=True)

    def release(self, order: Order, now_ms: int = 0) -> None:
        if order.hold is not None:
            account, currency, amount = order.hold
            self.balance(account, currency).holds -= amount
            order.hold = None
            self.announce_balance("release", account, currency, -amount, now_ms or order.created_at)

    def cancel(self, order: Order, now_ms: int) -> None:
        """Cancel an open order: its hold goes back, it is done."""
        self.release(order, now_ms)
        order.active, order.cancelled, order.updated_at = False, True, now_ms
        self.announce_order("canceled", order, now_ms)

    def fill(self, order: Order, base: str, quote: str, account: str, now_ms: int) -> None:
        """Fill a spot or margin order in full at its price: release its hold, move both balances."""
        self.release(order, now_ms)
        funds = order.price * order.size
        sign = 1 if order.side == "buy" else -1
        self.balance(account, base).total += sign * order.size
        self.balance(account, quote).total -= sign * funds
        order.deal_size, order.deal_funds = order.size, funds
        order.active, order.updated_at = False, now_ms
        self.announce_order("filled", order, now_ms)
        self.announce_balance("trade", account, base, sign * order.size, now_ms)
        self.announce_balance("trade", account, quote, -sign * funds, now_ms)

    def announce_order(self, event: str, order: Order, now_ms: int) -> None:
        if self.publish is not None:
            self.publish(Change(self.key, "order", event, now_ms, order=copy.copy(order)))

    def announce_balance(self, event: str, account: str, currency: str, change: Decimal, now_ms: int) -> None:
        if self.publish is not None:
            balance = copy.copy(self.balance(account, currency))
            self.publish(Change(self.key, "balance", event, now_ms, None, account, currency, balance, change))


class SandboxState:
    """Every API key's book, created on the key's first trading call."""

    def __init__(self, reference_price: Decimal = DEFAULT_REFERENCE_PRICE):
        self.reference_price = reference_price
        self._books: dict[str, Book] = {}
        self._lock = threading.Lock()
        self.listeners: list[Listener] = []

    def listen(self, listener: Listener) -> None:
        """Call `listener` with every change to any book from now on."""
        self.listeners.append(listener)

    def publish(self, change: Change) -> None:
        for listener in list(self.listeners):
            listener(change)

    def book(self, key: str) -> Book:
        with self._lock:
            if key not in self._books:
                self._books[key] = Book(self.reference_price, key, self.publish)
            return self._books[key]

    def reset(self) -> None:
        """Forget every order and balance (a fresh session for every key)."""
        with self._lock:
            self._books.clear()
