"""The WebSocket sandbox's channel table, push frequencies and message shaping, from the real catalogue."""

import json

import pytest

from endpoints.sandbox.ws_channels import channels_from_catalogue, push_interval_ms
from endpoints.sandbox.ws_messages import pusher_for
from endpoints.sandbox.ws_tokens import TokenBook


@pytest.fixture
def table(catalogue):
    return channels_from_catalogue()


@pytest.mark.parametrize(
    ("text", "private", "ms"),
    [
        ("once every 100ms", False, 100),
        ("1s", False, 1000),
        ("5000ms", False, 5000),
        ("once every 4s", True, 4000),
        ("mark.index.price 1s, funding.rate 1min", False, 1000),
        ("real-time", False, 200),
        ("real time", True, 1000),
        ("Settlement is made every 8 hours, real-time push", False, 200),
        ("", False, 200),
    ],
)
def test_push_interval(text, private, ms):
    """KuCoin's free-text frequencies become intervals; real-time is 200 ms public, 1 s private."""
    assert push_interval_ms(text, private=private) == ms


@pytest.mark.parametrize(
    ("topic", "slug"),
    [
        ("/market/ticker:ETH-USDT", "spot-public/ticker"),
        ("/market/ticker:all", "spot-public/all-tickers"),
        ("/market/snapshot:BTC", "spot-public/market-snapshot"),
        ("/market/snapshot:ETH-USDT", "spot-public/symbol-snapshot"),
        ("/market/candles:ETH-USDT_1min", "spot-public/klines"),
        ("/contractMarket/tradeOrders", "futures-private/all-order"),
        ("/contractMarket/tradeOrders:XBTUSDTM", "futures-private/order"),
        ("/callauction/level2Depth50:ETH-USDT", "spot-public/call-auction-orderbook-level50"),
    ],
)
def test_topics_match_their_channel(table, topic, slug):
    """Shared prefixes are told apart by literal arguments and by the shape of the value."""
    assert table.match(topic).channel.slug == slug


def test_every_classic_channel_is_in_the_table(table):
    """All 38 classic channels are served; the unified ones (another protocol) are not."""
    assert len(table) == 38 and not [c for c in table.channels if c.slug.startswith("uta-")]


UNKNOWN = ["/market/nothing:BTC-USDT", "/market/ticker", "/account/balance:BTC", "/market/ticker:"]


@pytest.mark.parametrize("topic", UNKNOWN)
def test_unknown_topics_match_nothing(table, topic):
    """A prefix not catalogued, a missing or extra argument: no channel."""
    assert table.match(topic) is None


def test_push_is_shaped_like_the_example_with_fresh_values(table):
    """The requested symbol replaces the example's; sequences grow by one; times are now, in the example's unit."""
    pusher = pusher_for(table.match("/market/match:SOL-USDT"))
    first, second = json.loads(pusher.next_text(now_ns=1_800_000_000_123_456_789)), json.loads(pusher.next_text())
    assert first["topic"] == "/market/match:SOL-USDT" and first["data"]["symbol"] == "SOL-USDT"
    assert first["data"]["time"] == "1800000000123456789"  # nanoseconds, as a string, like KuCoin's example
    assert int(second["data"]["sequence"]) == int(first["data"]["sequence"]) + 1
    assert set(first["data"]) == set(table.match("/market/match:BTC-USDT").channel.example["data"])


def test_token_book_expires_tokens():
    """A token is good until its lifetime ends, and unknown tokens are never good."""
    book = TokenBook(lifetime_s=10)
    token = book.issue(private=True, now=100)
    assert book.check(token, now=105).private and book.check(token, now=111) is None
    assert book.check("made-up", now=100) is None
