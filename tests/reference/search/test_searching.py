"""The search as the pages use it: corrections said out loud, look-alikes labelled, typeahead."""

from endpoints.reference.search import catalogue_search


def suggest(client, text: str) -> str:
    return client.get("/search", {"q": text}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="search-suggest").content.decode()


def test_a_query_that_finds_nothing_is_corrected_and_says_so(catalogue):
    """`withdrawl` is searched as `withdrawal`, and the outcome keeps what was typed."""
    outcome = catalogue_search("withdrawl")
    assert outcome.revised_from == "withdrawl"
    assert outcome.query.text == "withdrawal"
    assert outcome.hits


def test_a_query_that_finds_something_is_never_corrected(catalogue):
    outcome = catalogue_search("withdraw")
    assert outcome.revised_from == ""
    assert outcome.query.text == "withdraw"


def test_the_results_page_shows_what_it_searched_instead(client, catalogue):
    html = client.get("/search", {"q": "acount"}).content.decode()
    assert "Nothing matched “acount”. Showing results for “<strong>account</strong>”." in html
    assert "Nothing found" not in html


def test_the_typeahead_says_what_it_searched_instead(client, catalogue):
    html = suggest(client, "positon")
    assert "Showing results for “<strong>position</strong>”" in html
    assert "<li>" in html


def test_typeahead_entries_name_service_and_sub_service(client, catalogue):
    """Four "Add Order" entries read Spot › Order, Margin › Order, Futures › Order, Copy Trading › Futures."""
    html = suggest(client, "add order")
    for label in ["Spot › Order", "Margin › Order", "Futures › Order", "Copy Trading › Futures"]:
        assert f'<span class="badge">{label}</span>' in html


def test_typeahead_channel_entries_name_their_group(client, catalogue):
    html = suggest(client, "ticker websocket")
    assert '<span class="badge">WebSocket · Spot public</span>' in html


def test_a_url_in_the_search_box_finds_its_page(client, catalogue):
    """A pasted KuCoin URL lists the endpoint at that path first, marked as an exact match."""
    html = client.get("/search", {"q": "https://api.kucoin.com/api/v1/accounts?currency=USDT"}).content.decode()
    first = html.split('<li class="hit', 2)[1]
    assert 'href="/reference/account/account/get-spot-account-list"' in first
    assert "Exact match" in first


def test_nothing_but_unknown_words_still_finds_nothing(client, catalogue):
    """Words neither in the catalogue nor one typo from it are not turned into something else."""
    outcome = catalogue_search("zanzibarquux")
    assert outcome.hits == [] and outcome.revised_from == ""
    assert "Nothing found" in client.get("/search", {"q": "zanzibarquux qwxz"}).content.decode()


def nothing_found(client, **query) -> str:
    html = client.get("/search", query).content.decode()
    return " ".join(html.split('<div class="nothing-found">', 1)[1].split("</div>", 1)[0].split())


def test_nothing_found_by_filters_alone_names_the_filters_once(client, catalogue):
    """With no words typed, the empty state talks about the filters only, and offers to clear them."""
    text = nothing_found(client, domain="broker", weight_min="99999")
    assert "No endpoint matches these filters." in text and "with these filters" not in text
    assert "fewer words" not in text and 'href="/search">clear them all</a>' in text


def test_nothing_found_for_words_offers_the_same_words_without_filters(client, catalogue):
    """Words and filters that find nothing: the way out keeps the words and drops the filters."""
    text = nothing_found(client, q="zanzibarquux", domain="broker")
    assert "with these filters." in text and 'href="/search?q=zanzibarquux">search without the filters</a>' in text


def test_nothing_found_for_words_alone_offers_no_filters_to_clear(client, catalogue):
    """Without filters there is nothing to clear, so no such link is offered."""
    text = nothing_found(client, q="zanzibarquux")
    assert "Try fewer words" in text and "filters" not in text
