"""Whole search pages for anonymous readers: one per query string, a live token, no secret kept, bounded."""

import dataclasses
import gzip
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from endpoints.reference import search_cache
from endpoints.reference.search_cache import PageStore
from endpoints.sync import catalogue_sync

TOKEN = re.compile(r'("X-CSRFToken": ")([A-Za-z0-9]{32}|[A-Za-z0-9]{64})')
SUGGEST = {"HX-Request": "true", "HX-Target": "search-suggest"}


def rendered(response) -> bool:
    """Whether the view rendered templates for this answer (the test client records every render)."""
    return bool(response.templates)


def without_tokens(html: str) -> str:
    return TOKEN.sub(r"\1(token)", html)


def search(query: str = "", client: Client | None = None, **headers):
    return (client or Client()).get(f"/search{query}", headers=headers)


@pytest.mark.parametrize("query", ["?q=add+order", "?q=withdrawl", "?q=orde&domain=futures", "?domain=spot&page=2", ""])
def test_a_stored_search_page_is_the_rendered_one_but_for_the_token(catalogue, query):
    """The second reader of a query gets the page the view renders, with a token of their own."""
    first, second = search(query), search(query)
    assert rendered(first) and not rendered(second)
    search_cache.pages.clear()
    again = search(query)
    assert rendered(again)
    assert without_tokens(second.content.decode()) == without_tokens(again.content.decode())
    assert TOKEN.search(first.content.decode())[2] != TOKEN.search(second.content.decode())[2]


def test_a_page_stored_for_one_query_is_never_served_for_another(catalogue):
    search("?q=withdraw")
    other = search("?q=kline")
    assert rendered(other) and "withdraw" not in other.content.decode().split('id="search-results"')[1].lower()
    filtered = search("?q=withdraw&domain=futures")
    assert rendered(filtered) and 'value="futures" selected' in filtered.content.decode()
    assert rendered(search("?q=withdraw&page=2"))


def test_each_fragment_is_stored_apart_from_the_page(catalogue):
    search("?q=ticker")
    fragment = search("?q=ticker", **SUGGEST)
    assert rendered(fragment) and "<html" not in fragment.content.decode()
    again = search("?q=ticker", **SUGGEST)
    assert not rendered(again) and again.content == fragment.content and "HX-Target" in again["Vary"]
    assert "<html" in search("?q=ticker").content.decode()


def test_a_gzip_answer_inflates_to_the_same_page(catalogue):
    plain = search("?q=add+order").content.decode()
    zipped = Client().get("/search?q=add+order", headers={"Accept-Encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip"
    assert without_tokens(gzip.decompress(zipped.content).decode()) == without_tokens(plain)


def test_a_signed_in_member_gets_their_own_page_and_stores_none(catalogue):
    search("?q=add+order")
    member = User.objects.create_user("grace", password="pw-not-used-2")
    signed_in = Client()
    signed_in.force_login(member)
    stored = len(search_cache.pages)
    html = search("?q=add+order", signed_in).content.decode()
    assert "Sign out" in html and "grace" in html
    assert len(search_cache.pages) == stored
    assert "grace" not in search("?q=add+order").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?q=5c35c02703aa673ceec2a168",  # what could be a key or an id: no catalogue word
        "?q=/api/v1/orders/5c35c02703aa673ceec2a168",
        "?q=order&sub_service=xk29fjq0",  # a free-text filter holds no catalogue word either
        "?q=order&api_key=abc",  # a parameter the form does not know
        "?q=order&domain=moon",  # a filter value it does not understand
        "?q=order&page=x",
    ],
)
def test_a_query_that_may_hold_a_secret_is_rendered_and_never_stored(catalogue, query):
    first, second = search(query), search(query)
    assert rendered(first) and rendered(second)
    assert len(search_cache.pages) == 0


def test_a_sync_that_changes_the_catalogue_shows_at_once(catalogue, sdk_catalogue):
    search("?q=add+order")
    renamed = [dataclasses.replace(e, summary="Add Order, now renamed") if e.slug == "spot/order/add-order" else e
               for e in sdk_catalogue.endpoints]  # fmt: skip
    catalogue_sync(dataclasses.replace(sdk_catalogue, endpoints=renamed))
    after = search("?q=add+order")
    assert rendered(after) and "now renamed" in after.content.decode()


def test_a_new_release_renders_the_page_again(catalogue, monkeypatch):
    from endpoints.reference import page_cache

    search("?q=kline")
    assert not rendered(search("?q=kline"))
    monkeypatch.setattr(page_cache, "code_version", lambda: "another-release")
    assert rendered(search("?q=kline"))


def test_the_store_keeps_the_most_recently_used_pages_only():
    store = PageStore(2)
    store.set("a", ["A"])
    store.set("b", ["B"])
    assert store.get("a") == ["A"]  # now b is the oldest
    store.set("c", ["C"])
    assert len(store) == 2 and store.get("b") is None and store.get("a") == ["A"] and store.get("c") == ["C"]
