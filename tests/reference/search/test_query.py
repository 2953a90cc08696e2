"""Reading what the user typed: stop words, stems, synonyms, URLs and `METHOD path`."""

import pytest

from endpoints.reference.search.query import parse_query, stem_prefix


def test_question_words_are_dropped_and_my_means_the_readers_own_account():
    """`how to get my balance` searches `get balance`, for the reader's own account."""
    query = parse_query("how to get my balance")
    assert query.words == ["get", "balance"]
    assert query.own
    assert not parse_query("get balance").own


@pytest.mark.parametrize(
    ("word", "prefix"),
    [("trades", "trade"), ("history", "histor"), ("positions", "posit"), ("withdrawals", "withdraw"),
     ("ord", "ord"), ("level2", "level2"), ("currencies", "currenc")],
)  # fmt: skip
def test_stems_are_starts_every_form_shares(word, prefix):
    """A stem is cut to what the word and its stem share, so `history` still finds `history`."""
    assert stem_prefix(word) == prefix
    assert word.startswith(prefix)


def test_a_one_word_term_carries_its_synonyms():
    """`place` also finds `add`: KuCoin calls placing an order Add Order."""
    (place, order) = parse_query("place order").terms
    assert place.prefixes == ("place", "add")
    assert order.prefixes == ("order",)


@pytest.mark.parametrize(
    ("text", "method", "path", "domain"),
    [
        ("https://api.kucoin.com/api/v1/accounts", "", "/api/v1/accounts", "spot"),
        ("https://api-futures.kucoin.com/api/v1/orders?symbol=XBTUSDTM", "", "/api/v1/orders", "futures"),
        ("POST https://api.kucoin.com/api/v1/hf/orders", "POST", "/api/v1/hf/orders", "spot"),
        ("api.kucoin.com/api/v1/accounts#x", "", "/api/v1/accounts", "spot"),
        ("GET /api/v1/accounts", "GET", "/api/v1/accounts", ""),
        ("get /api/v1/orders/5c35c02703aa673ceec2a168", "GET", "/api/v1/orders/5c35c02703aa673ceec2a168", ""),
        ("/market/ticker:BTC-USDT", "", "/market/ticker:BTC-USDT", ""),
        ("get account list", "", "", ""),
        ("https://example.com/api/v1/accounts", "", "/api/v1/accounts", ""),
    ],
)
def test_urls_and_method_path_pairs_become_a_path_to_look_up(text, method, path, domain):
    """Scheme, host, query string and fragment go; the host names a domain; the method is kept apart."""
    query = parse_query(text)
    assert (query.method, query.path, query.domain) == (method, path, domain)


def test_a_url_searches_the_words_of_its_path_only():
    """The host's words (`kucoin`, `com`) never reach the index."""
    assert [t.words for t in parse_query("https://api.kucoin.com/api/v1/accounts").terms] == [("api", "v1", "accounts")]


def test_naming_the_unified_account_is_noticed():
    assert parse_query("uta get ticker").unified
    assert not parse_query("get ticker").unified
