"""Search: the database's own full text on SQLite and PostgreSQL, ranking, filters, junk, the htmx fragments."""

import re

import pytest
from django.db import connection

from endpoints.models import Channel, Endpoint
from endpoints.reference.search import TABLE, catalogue_search, parse_query, search_index_rebuild, words_of
from endpoints.sync import catalogue_sync

JUNK = [
    "' OR 1=1 --",
    "SELECT * FROM endpoints_endpoint; DROP TABLE endpoints_endpoint",
    '"unbalanced AND (NEAR',
    "<script>alert(1)</script>",
    "注文 取消",
    "😀😀😀",
    "x" * 201,
]


def top(text: str, n: int = 3, **filters) -> list:
    return [hit.item for hit in catalogue_search(text, filters).hits[:n]]


def paths(text: str, **filters) -> set[str]:
    return {getattr(hit.item, "path", None) or hit.item.topic for hit in catalogue_search(text, filters).hits}


# --- parsing -----------------------------------------------------------------------


def test_words_split_camel_case_snake_case_paths_and_topics():
    """addOrder, add_order and /api/v1/hf/orders all become plain lower-case words."""
    assert words_of("addOrder") == ["add", "order"]
    assert words_of("add_order") == ["add", "order"]
    assert words_of("/api/v1/hf/orders") == ["api", "v1", "hf", "orders"]
    assert words_of("/market/ticker:{symbol}") == ["market", "ticker", "symbol"]
    assert words_of("getKCSFeeRate") == ["get", "kcs", "fee", "rate"]


def test_joined_words_become_one_phrase_and_junk_becomes_nothing():
    """`hf/orders` is one phrase; operators, one-letter words and stop words are dropped."""
    assert [t.words for t in parse_query("hf/orders ticker").terms] == [("hf", "orders"), ("ticker",)]
    assert parse_query("' OR 1=1 --").terms == []
    assert parse_query("x" * 201).too_long


# --- the engines ---------------------------------------------------------------------


def test_the_index_lives_in_the_databases_own_full_text_engine(catalogue):
    """SQLite holds an FTS5 table, PostgreSQL a tsvector column with a GIN index."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [TABLE])
            assert "USING fts5" in cursor.fetchone()[0]
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [TABLE])
            assert any("USING gin (document)" in row[0] for row in cursor.fetchall())
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")  # noqa: S608 - a constant table name
        assert cursor.fetchone()[0] == Endpoint.objects.count() + Channel.objects.count()


def test_a_sync_refreshes_the_index(catalogue, sdk_catalogue):
    """Words of a changed summary become findable after the next sync, not before."""
    record = next(r for r in sdk_catalogue.endpoints if r.slug == "spot/market/get-ticker")
    original = record.summary
    record.summary = "Zanzibarquux ticker"
    try:
        assert not catalogue_search("zanzibarquux").hits
        catalogue_sync(sdk_catalogue)
        assert [h.item.slug for h in catalogue_search("zanzibarquux").hits] == ["spot/market/get-ticker"]
    finally:
        record.summary = original


def test_rebuilding_the_index_counts_every_item(catalogue):
    assert search_index_rebuild() == Endpoint.objects.count() + Channel.objects.count()


# --- what it finds and in what order -----------------------------------------------------------


def test_add_order_finds_the_add_order_endpoints_first(catalogue):
    """'add order' ranks every endpoint whose SDK method is addOrder first, current ones before deprecated."""
    add_orders = Endpoint.objects.filter(sdk_method_name="addOrder", retired_at__isnull=True)
    hits = catalogue_search("add order").hits
    first = [hit.item for hit in hits[: add_orders.count()]]
    assert {item.pk for item in first} == set(add_orders.values_list("pk", flat=True))
    assert [item.deprecated for item in first] == sorted(item.deprecated for item in first)
    assert "/api/v1/hf/orders" in [item.path for item in first]
    assert all(hit.exact for hit in hits[: len(first)])


@pytest.mark.parametrize("text", ["addOrder", "add_order", "AddOrder"])
def test_method_names_match_in_any_spelling(catalogue, text):
    """camelCase, snake_case and PascalCase find the same method name."""
    assert top(text, 1)[0].sdk_method_name == "addOrder"


def test_partial_paths_match(catalogue):
    """`hf/orders` finds paths containing that segment pair and nothing without it."""
    found = paths("hf/orders")
    assert "/api/v1/hf/orders" in found
    assert found and all("hf/orders" in path for path in found)


def test_an_exact_path_ranks_first(catalogue):
    """Typing a whole path puts the endpoints at that path before the ones below it."""
    hits = catalogue_search("/api/v1/hf/orders").hits
    assert {h.item.path for h in hits[:2]} == {"/api/v1/hf/orders"}
    assert hits[0].exact


def test_parameter_names_summaries_descriptions_and_topics_are_searched(catalogue):
    """A parameter name, a description word and a WebSocket topic all find their items."""
    assert any(
        p.name == "clientOid" for e in top("clientOid", 5) if isinstance(e, Endpoint) for p in e.parameters.all()
    )
    assert "/market/ticker:{symbol}" in paths("/market/ticker")
    assert any(isinstance(item, Channel) for item in top("orderbook", 10))


def test_prefixes_match_while_typing(catalogue):
    """'add ord' already finds Add Order."""
    assert top("add ord", 1)[0].sdk_method_name == "addOrder"


# --- filters ---------------------------------------------------------------------------


def test_filters_combine(catalogue):
    """Domain, api-permission and pool narrow together; channels drop out."""
    hits = catalogue_search(
        "order", {"domain": "futures", "api_permission": "Futures", "rate_limit_pool": "Futures"}
    ).hits
    assert hits
    for hit in hits:
        item = hit.item
        assert (item.domain, item.api_permission, item.rate_limit_pool) == ("futures", "Futures", "Futures")


def test_filters_alone_list_what_they_allow(catalogue):
    """With no words, filters browse: every endpoint in the weight range, none outside it."""
    outcome = catalogue_search("", {"weight_min": 20, "weight_max": 40})
    expected = Endpoint.objects.filter(rate_limit_weight__gte=20, rate_limit_weight__lte=40, retired_at__isnull=True)
    assert outcome.browsing
    assert {h.item.pk for h in outcome.hits} == set(expected.values_list("pk", flat=True))


def test_deprecated_no_hides_deprecated_endpoints(catalogue):
    hits = catalogue_search("order", {"deprecated": False}).hits
    assert hits and not any(getattr(h.item, "deprecated", False) for h in hits)


def test_permission_none_means_published_and_needing_none(catalogue):
    """'none' lists public calls, not the UTA routes whose permission is unknown."""
    hits = catalogue_search("", {"api_permission": "none"}).hits
    assert hits and all(h.item.api_permission == "" and h.item.metadata_published for h in hits)


def test_channel_filters_keep_channels(catalogue):
    """api-channel and service filters apply to channels as well as endpoints."""
    hits = catalogue_search("ticker", {"api_channel": "public", "service": "Spot"}).hits
    assert any(h.kind == "channel" for h in hits)
    assert all(h.item.api_channel == "public" and h.item.sdk_service == "Spot" for h in hits)


# --- the pages -------------------------------------------------------------------------------


def test_search_page_shows_badges_and_marks_the_matched_words(client, catalogue):
    """Results show method, path, summary, domain and channel badges, with the query words in <mark>."""
    html = client.get("/search", {"q": "add order"}).content.decode()
    assert '<span class="method method-post">POST</span>' in html
    assert "<mark>Add</mark> <mark>Order</mark>" in html
    assert '<span class="badge">Spot</span>' in html
    assert '<span class="badge badge-private">Private</span>' in html


@pytest.mark.parametrize("text", ["https://api.kucoin.com/api/v1/accounts", "GET /api/v1/accounts"])
def test_a_searched_path_marks_what_tells_it_apart_not_api_and_the_version(client, catalogue, text):
    """`api` and `v1` begin nearly every path: marking them would light up every result alike."""
    html = client.get("/search", {"q": text}).content.decode()
    assert "<mark>accounts</mark>" in html
    assert "<mark>api</mark>" not in html and "<mark>v1</mark>" not in html


def test_a_search_for_api_itself_still_marks_it(client, catalogue):
    """The noise rule applies to paths only: a reader who types `api` sees where it matched."""
    html = client.get("/search", {"q": "api key"}).content.decode()
    assert re.search(r"<mark>api</mark>", html, re.IGNORECASE)


def test_filters_are_in_the_url_and_stay_selected(client, catalogue):
    """A shared URL reproduces the filters, shown as selected in the form."""
    html = client.get("/search", {"q": "order", "domain": "futures", "api_channel": "private"}).content.decode()
    assert '<option value="futures" selected>' in html
    assert '<option value="private" selected>' in html


@pytest.mark.parametrize("text", JUNK)
def test_junk_queries_get_a_clean_nothing_found_page(client, catalogue, text):
    """Long, SQL-like, unicode or markup queries: 200, 'Nothing found', and no markup echoed."""
    response = client.get("/search", {"q": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing found" in html
    assert "<script>alert(1)</script>" not in html
    assert Endpoint.objects.exists()  # nothing was dropped


def test_bad_filter_values_are_ignored_and_named(client, catalogue):
    """An unknown domain or a non-number weight is reported, and the search still runs."""
    html = client.get("/search", {"q": "ticker", "domain": "moon", "weight_min": "abc", "page": "zz"}).content.decode()
    assert "Ignored" in html and "Weight from" in html
    assert "result" in html


def test_an_empty_search_explains_what_to_type(client, catalogue):
    html = client.get("/search").content.decode()
    assert "Type a path" in html


def test_suggestions_fragment_for_the_search_box(client, catalogue):
    """Typing in the header box gets a short list, not a page."""
    html = client.get(
        "/search", {"q": "add order"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-suggest"
    ).content.decode()
    assert "<html" not in html
    assert 0 < html.count("<li>") <= 8
    assert "All " in html and 'href="/search?q=add%20order"' in html


def test_results_fragment_for_filter_changes(client, catalogue):
    """Changing a filter on the search page swaps only the results."""
    html = client.get(
        "/search", {"q": "order", "domain": "broker"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-results"
    ).content.decode()
    assert "<html" not in html and "<form" not in html
    assert 'class="results"' in html


def test_search_page_fragment_for_boosted_navigation(client, catalogue):
    html = client.get("/search", {"q": "ticker"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main").content.decode()
    assert html.startswith("<title>") and "<form" in html and "<html" not in html


def test_a_breadcrumbs_index_is_titled_by_what_it_lists(client, catalogue):
    """The breadcrumb links of an endpoint page are searches by domain, service and sub-service, titled as such."""
    indexes = {
        "domain=spot": "Spot domain",
        "domain=spot&service=Account": "Spot domain › Account",
        "domain=futures&service=Account&sub_service=Account": "Futures domain › Account › Account",
    }
    for query, heading in indexes.items():
        html = client.get(f"/search?{query}").content.decode()
        assert f"<h1>{heading}</h1>" in html and f"<title>{heading} · " in html


def test_a_search_with_words_or_other_filters_is_titled_search(client, catalogue):
    for query in ("q=ticker&domain=spot", "domain=spot&api_channel=private", "api_channel=public"):
        html = client.get(f"/search?{query}").content.decode()
        assert "<h1>Search</h1>" in html
    assert "<title>“ticker” · Search · " in client.get("/search?q=ticker&domain=spot").content.decode()
