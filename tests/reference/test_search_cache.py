"""Whole search pages for anonymous readers: one per query string, a live token, no secret kept, bounded."""

import dataclasses
import gzip
import re
import zlib

import pytest
from django.contrib.auth.models import User
from django.test import Client

from endpoints.reference import page_cache, search_cache
from endpoints.reference.search_cache import PageStore
from endpoints.sync import catalogue_sync

TOKEN = re.compile(r'("X-CSRFToken": ")([A-Za-z0-9]{64}|[A-Za-z0-9]{32})')  # a masked token whole, or a secret
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


def uncached(monkeypatch, query: str) -> str:
    """The page as the view renders it whole, no store or frame asked."""
    with monkeypatch.context() as patched:
        patched.setattr(search_cache, "search_key", lambda request, fragments: None)
        return search(query).content.decode()


def template_names(response) -> set[str]:
    return {template.name for template in response.templates}


def stored_frame_text() -> str:
    """Every stored frame, its pieces inflated and its holes shown by name."""
    return "".join(
        f"[{part.name}]"
        if isinstance(part, page_cache.Hole)
        else zlib.decompressobj(-15).decompress(part.deflated).decode()
        for frame in search_cache.frames._pages.values()
        for part in frame
    )


@pytest.mark.parametrize(
    "query",
    [
        "?q=add+order",
        "?q=withdrawl",
        "?q=orde&domain=futures",
        "?domain=spot&page=2",
        "",
        "?q=%3Cscript%3E%22%26%27",  # what the page must escape, in its title, the header's box and the results
        "?q=" + "order+" * 15,  # a title cut to 60 characters
        "?q=5c35c02703aa673ceec2a168",  # never stored, still framed
    ],
)
def test_a_first_visit_is_the_frame_around_the_query_s_main_content_byte_for_byte(catalogue, monkeypatch, query):
    """With the frame stored by an earlier search, a new query renders only its main content, yet the page is the
    one the view renders whole, but for the token."""
    search("?q=kline")
    first = search(query)
    assert template_names(first) >= {"reference/_search.html"}
    assert not template_names(first) & {"base.html", "reference/search.html", "reference/search_frame.html"}
    assert without_tokens(first.content.decode()) == without_tokens(uncached(monkeypatch, query))


def test_a_first_visit_by_gzip_inflates_to_the_page(catalogue, monkeypatch):
    """The frame's pieces and the query's own make one valid gzip stream."""
    search("?q=kline")
    zipped = Client().get("/search?q=add+order", headers={"Accept-Encoding": "gzip"})
    assert zipped["Content-Encoding"] == "gzip"
    assert without_tokens(gzip.decompress(zipped.content).decode()) == without_tokens(
        uncached(monkeypatch, "?q=add+order")
    )


@pytest.mark.parametrize("query", ["?q=withdraw+margin", "?q=xk29fjq0secret"])
def test_the_frame_holds_nothing_typed(catalogue, query):
    """The frame is shared by every query: the title, the header's box and the main content are holes in it."""
    search(query)
    text = stored_frame_text()
    assert "[search_title]" in text and "[search_text]" in text and "[frame_main]" in text
    assert "withdraw" not in text.lower() and "xk29fjq0secret" not in text
    assert 'id="search-results"' not in text


def test_a_query_never_stored_is_framed_and_private(catalogue):
    """A query that may hold a secret is served from the frame, kept nowhere, and no shared cache may keep it."""
    search("?q=kline")
    answer = search("?q=5c35c02703aa673ceec2a168")
    assert len(search_cache.pages) == 1 and "5c35c02703aa673ceec2a168" in answer.content.decode()
    assert "private" in answer["Cache-Control"] and "Cookie" in answer["Vary"]


def test_each_origin_gets_its_own_frame(catalogue, settings):
    settings.ALLOWED_HOSTS = ["testserver", "docs.example.com"]
    search("?q=kline")
    other = Client(headers={"Host": "docs.example.com"}).get("/search?q=ticker").content.decode()
    assert 'href="http://docs.example.com/search"' in other and len(search_cache.frames) == 2


def test_a_signed_in_member_never_gets_the_frame(catalogue):
    """The header shows who is signed in, so a member's page is rendered whole, as before."""
    search("?q=kline")
    member = Client()
    member.force_login(User.objects.create_user("memberzq7", password="pw-not-used-3"))
    answer = member.get("/search?q=ticker")
    assert "base.html" in template_names(answer) and "memberzq7" in answer.content.decode()
    assert "memberzq7" not in stored_frame_text()


def test_a_new_release_renders_the_frame_again(catalogue, monkeypatch):
    search("?q=kline")
    assert "base.html" not in template_names(search("?q=ticker"))
    monkeypatch.setattr(page_cache, "code_version", lambda: "another-release")
    assert "base.html" in template_names(search("?q=orderbook"))
