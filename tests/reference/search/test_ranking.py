"""The query set: what people type, and the page that must come first."""

import pytest

from endpoints.models import Endpoint
from endpoints.reference.search import catalogue_search

# (what a reader types, the slug that must rank first). The first seven are issue 15's table.
RANK_ONE = [
    ("get account list", "account/account/get-spot-account-list"),
    ("place order", "spot/order/add-order"),
    ("futures add order", "futures/order/add-order"),
    ("ticker", "spot/market/get-ticker"),
    ("orderbook", "spot/market/get-part-order-book"),
    ("level2", "spot/market/get-part-order-book"),
    ("GET /api/v1/accounts", "account/account/get-spot-account-list"),
    ("/api/v1/accounts", "account/account/get-spot-account-list"),
    ("https://api.kucoin.com/api/v1/accounts", "account/account/get-spot-account-list"),
    ("POST https://api-futures.kucoin.com/api/v1/orders", "futures/order/add-order"),
    ("GET /api/v1/orders/5c35c02703aa673ceec2a168", "futures/order/get-order-by-order-id"),
    ("/api/v1/hf/orders/5c35c02703aa673ceec2a168", "spot/order/get-order-by-order-id"),
    ("DELETE /api/v1/hf/orders/5c35c02703aa673ceec2a168", "spot/order/cancel-order-by-order-id"),
    ("cancel order", "spot/order/cancel-order-by-order-id"),
    ("withdraw", "account/withdrawal/withdrawal-v3"),
    ("leverage", "margin/debit/modify-leverage"),
    ("addOrder", "spot/order/add-order"),
    ("margin add order", "margin/order/add-order"),
    ("unified place order", "uta/order/place-order"),
    ("/api/ua/v2/unified/order/place", "uta/order/place-order"),
    # typos
    ("withdrawl", "account/withdrawal/withdrawal-v3"),
    ("acount", "account/account/get-spot-account-list"),
    ("positon", "futures/positions/get-position-list"),
    ("ordr", "spot/order/get-order-by-order-id"),
    ("get acount list", "account/account/get-spot-account-list"),
    # natural language
    ("how to get my balance", "account/account/get-spot-account-list"),
    ("my trades", "spot/order/get-trade-history"),
    ("withdraw money", "account/withdrawal/withdrawal-v3"),
    # WebSocket
    ("/market/ticker:BTC-USDT", "spot-public/ticker"),
    ("/market/ticker:all", "spot-public/all-tickers"),
    ("ticker websocket", "spot-public/ticker"),
]


@pytest.mark.parametrize(("text", "slug"), RANK_ONE)
def test_the_obvious_answer_ranks_first(catalogue, text, slug):
    """Each query of the set puts its page at rank 1."""
    hits = catalogue_search(text).hits
    assert [hit.item.slug for hit in hits[:1]] == [slug]


@pytest.mark.parametrize("text", ["cancel order", "withdraw", "leverage", "place order", "get ticker"])
def test_published_pages_come_before_the_unified_account_routes(catalogue, text):
    """The unified-account routes (no published metadata) and channels follow every published hit."""
    hits = catalogue_search(text).hits
    unified = [hit.item.sdk_service in {"UTA", "Unified"} for hit in hits]
    assert True in unified and False in unified
    assert unified == sorted(unified)


def test_a_concrete_path_finds_every_method_at_its_template(catalogue):
    """An id in the path fills in `{orderId}`: the GET and the DELETE at that template come first, located."""
    hits = catalogue_search("/api/v1/hf/orders/5c35c02703aa673ceec2a168").hits
    expected = Endpoint.objects.filter(path="/api/v1/hf/orders/{orderId}", retired_at__isnull=True)
    first = hits[: expected.count()]
    assert {hit.item.pk for hit in first} == set(expected.values_list("pk", flat=True))
    assert all(hit.located and hit.exact for hit in first)


def test_a_literal_topic_beats_the_template_it_also_fills(catalogue):
    """`/market/ticker:all` is a topic of its own, though `{symbol}` would also take `all`."""
    hits = catalogue_search("/market/ticker:all").hits
    assert [hit.item.topic for hit in hits[:2]] == ["/market/ticker:all", "/market/ticker:{symbol}"]


def test_look_alikes_are_told_apart_by_service_and_sub_service(catalogue):
    """The four Add Order endpoints carry four different labels."""
    hits = [hit for hit in catalogue_search("add order").hits if hit.item.summary == "Add Order"]
    assert sorted(hit.where for hit in hits) == ["Copy Trading › Futures", "Futures › Order", "Margin › Order",
                                                 "Spot › Order"]  # fmt: skip


def test_my_puts_the_readers_own_calls_first(catalogue):
    """`my trades` lists private trade histories before the public market trades (unified routes aside)."""
    hits = [hit for hit in catalogue_search("my trades").hits if hit.item.sdk_service not in {"UTA", "Unified"}]
    public = [hit.item.api_channel == "public" for hit in hits]
    assert True in public and False in public
    assert public == sorted(public)
