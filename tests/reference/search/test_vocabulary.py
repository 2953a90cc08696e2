"""The catalogue's own vocabulary: typo fixes, talk dropped, path templates, rebuilt per catalogue version."""

import pytest

from endpoints.reference.search import parse_query
from endpoints.reference.search.vocabulary import template_pattern, vocabulary


@pytest.mark.parametrize(
    ("typed", "searched"),
    [("withdrawl", "withdrawal"), ("acount", "account"), ("positon", "position"), ("ordr", "order"),
     ("withdraw money", "withdraw"), ("get acount list", "get account list"), ("tikcer", "ticker")],
)  # fmt: skip
def test_typos_are_corrected_from_the_catalogues_words_and_talk_is_dropped(catalogue, typed, searched):
    revised = vocabulary().revise(parse_query(typed).terms)
    assert [word for term in revised for word in term.words] == searched.split()


def test_words_the_catalogue_starts_with_are_left_alone(catalogue):
    """Half-typed words (`ord`), stems (`trades`) and paths are known, never 'corrected'."""
    words = vocabulary()
    assert all(words.knows(word) for word in ["ord", "withd", "trades", "histories", "hf", "addorder"])
    assert not words.knows("zanzibarquux")
    assert words.nearest("zanzibarquux") == ""


def test_an_id_in_a_phrase_is_dropped_and_the_path_kept(catalogue):
    (term,) = vocabulary().revise(parse_query("/api/v1/orders/5c35c02703aa673ceec2a168").terms)
    assert term.words == ("api", "v1", "orders")


@pytest.mark.parametrize(
    ("template", "path", "fills"),
    [
        ("/api/v1/orders/{orderId}", "/api/v1/orders/5c35c02703aa673ceec2a168", True),
        ("/api/v1/orders/{orderId}", "/api/v1/orders/5c35c02703aa673ceec2a168/", True),
        ("/api/v1/orders/{orderId}", "/api/v1/orders", False),
        ("/api/v1/orders/{orderId}", "/api/v1/orders/a/b", False),
        ("/api/v1/market/orderbook/level2_{size}", "/api/v1/market/orderbook/level2_20", True),
        ("/market/ticker:{symbol}", "/market/ticker:BTC-USDT,ETH-USDT", True),
        ("/api/v1/accounts", "/API/V1/ACCOUNTS", True),
        ("/api/v1/a.b", "/api/v1/aXb", False),
    ],
)
def test_a_template_is_filled_in_one_segment_per_placeholder(template, path, fills):
    """Placeholders take one segment; the literal parts (dots included) must match as written."""
    assert bool(template_pattern(template).fullmatch(path)) is fills


def test_the_vocabulary_follows_the_catalogue_version(catalogue, sdk_catalogue):
    """A sync that brings a new word makes it known: the vocabulary is rebuilt for the new version."""
    from endpoints.sync import catalogue_sync

    record = next(r for r in sdk_catalogue.endpoints if r.slug == "spot/market/get-ticker")
    original = record.summary
    assert not vocabulary().knows("zanzibarquux")
    record.summary = "Zanzibarquux ticker"
    try:
        catalogue_sync(sdk_catalogue)
        assert vocabulary().knows("zanzibarquux")
        assert vocabulary().nearest("zanzibarqux") == "zanzibarquux"
    finally:
        record.summary = original
