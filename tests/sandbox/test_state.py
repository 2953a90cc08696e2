"""A key's book: funds start funded, orders hold them, cancelling gives them back, fills move them."""

from decimal import Decimal

import pytest

from endpoints.sandbox.state import STARTING_FUNDS, Book, Order, SandboxState


def order(book, **overrides):
    values = dict(id=book.new_id(1_700_000_000_000), client_oid="c1", market="spot", symbol="BTC-USDT", side="buy",
                  type="limit", price=Decimal(100), size=Decimal(2), funds=Decimal(200), created_at=1)  # fmt: skip
    values.update(overrides)
    return Order(**values)


def test_a_hold_lowers_what_is_available_and_a_cancel_gives_it_back():
    """A buy holds price x size of the quote currency until it is cancelled."""
    book = Book(Decimal(1))
    placed = book.place(order(book, hold=("trade", "USDT", Decimal(200))))
    balance = book.balance("trade", "USDT")
    assert (balance.total, balance.holds, balance.available) == (
        STARTING_FUNDS["USDT"],
        200,
        STARTING_FUNDS["USDT"] - 200,
    )
    book.cancel(placed, now_ms=5)
    assert (balance.holds, placed.active, placed.cancelled) == (0, False, True)


def test_more_than_is_available_is_refused_and_nothing_is_kept():
    """An order whose hold exceeds the balance raises and leaves no trace."""
    book = Book(Decimal(1))
    with pytest.raises(ValueError, match="needed"):
        book.place(order(book, hold=("trade", "BTC", Decimal(1_000_000))))
    assert book.orders == {} and book.balance("trade", "BTC").holds == 0


def test_a_fill_moves_both_currencies():
    """A filled buy adds its size in the base currency and takes its funds in the quote currency."""
    book = Book(Decimal(1))
    placed = book.place(order(book, hold=("trade", "USDT", Decimal(200))))
    book.fill(placed, "BTC", "USDT", "trade", now_ms=5)
    assert book.balance("trade", "BTC").total == 102
    assert book.balance("trade", "USDT").total == STARTING_FUNDS["USDT"] - 200
    assert book.balance("trade", "USDT").holds == 0


def test_orders_are_found_by_id_and_client_oid_within_their_market():
    """A spot order is found by its id and its clientOid, and not among futures orders."""
    book = Book(Decimal(1))
    placed = book.place(order(book))
    assert book.find("spot", order_id=placed.id) is placed
    assert book.find("spot", client_oid="c1") is placed
    assert book.find("futures", order_id=placed.id) is None


def test_each_key_has_its_own_book_and_reset_forgets_them():
    """Two API keys never see each other's orders; reset starts every key afresh."""
    state = SandboxState()
    state.book("key:a").place(order(state.book("key:a")))
    assert state.book("key:b").orders == {}
    state.reset()
    assert state.book("key:a").orders == {}


def test_ids_look_like_kucoin_ids():
    """New ids are 24 hex digits and never repeat."""
    book = Book(Decimal(1))
    ids = {book.new_id(1_700_000_000_000) for _ in range(100)}
    assert len(ids) == 100 and all(len(i) == 24 and int(i, 16) for i in ids)
