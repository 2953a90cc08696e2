"""What a channel page's console is given: topic fields, KuCoin's limits, the token URL, and the page around it."""

import json
import re

from endpoints.console.context import console_context, example_values
from endpoints.models import Channel


def test_fields_take_the_examples_values(catalogue):
    """Klines get symbol and type from KuCoin's example; futures channels get a futures symbol."""
    assert example_values(Channel.objects.get(slug="spot-public/klines")) == {"symbol": "BTC-USDT", "type": "1hour"}
    assert example_values(Channel.objects.get(slug="futures-public/ticker-v2")) == {"symbol": "XBTUSDTM"}
    assert example_values(Channel.objects.get(slug="spot-private/account")) == {}


def test_context_carries_limits_and_token_url(catalogue):
    """The limits the browser enforces are KuCoin's, and the token URL is the channel's."""
    context = console_context(Channel.objects.get(slug="spot-public/ticker"))
    limits = json.loads(context["limits_json"])
    assert limits["topics_per_subscribe"] == 100 and limits["new_connections_per_minute"] == 30
    assert context["token_url"] == "/try-it/ws-token/spot-public/ticker" and not context["private"]
    assert context["fields"][0].many


def test_channel_page_has_the_console_without_inline_script(client, catalogue):
    """The console's data attributes are on the page; no inline script or on* handler was added for it."""
    html = client.get("/reference/websocket/spot-private/account").content.decode()
    console = html[html.index('id="console"') : html.index("</section>", html.index('id="console"'))]
    assert 'data-private="true"' in console and "data-limits=" in console and "data-token-url=" in console
    assert "The console needs JavaScript" in console
    assert not re.search(r"\son[a-z]+=", console) and "<script" not in console
    scripts = re.search(r'data-scripts="([^"]*)"', html)[1].split()  # late.js adds them after the first frame
    assert "/static/js/ws-console.js" in scripts and "/static/js/ws-console-log.js" in scripts


def test_unified_channel_page_has_the_unified_console(client, catalogue):
    """A unified push channel's console connects to the configured address with the SDK's frame: no token URL."""
    html = client.get("/reference/websocket/uta-private/balance").content.decode()
    console = html[html.index('id="console"') : html.index("</section>", html.index('id="console"'))]
    assert 'data-protocol="unified"' in console and 'data-address="wss://wsapi-push.kucoin.com"' in console
    assert "data-token-url" not in console and "never leaves this page" in console
    assert "One of UNIFIED, FUNDING, ISOLATED." in console


def test_unified_trading_requests_have_no_console(client, catalogue):
    """The trading connection (place, cancel, amend over WebSocket) is documented, not offered in the console."""
    html = client.get("/reference/websocket/uta-private-trade/place-order").content.decode()
    assert 'id="console"' not in html and "uta.order" in html


def test_unified_context_follows_the_settings(catalogue, settings):
    """Against the sandbox the address is its /unified/<role>; values: a symbol of the market, the SDK's choices."""
    settings.KUCOIN_UNIFIED_WS_URLS = {"spot": "ws://127.0.0.1:9001/unified/spot"}
    context = console_context(Channel.objects.get(slug="uta-public-spot/kline"))
    assert context["address"] == "ws://127.0.0.1:9001/unified/spot" and not context["live"]
    assert {f.name: f.value for f in context["fields"]} == {"symbol": "BTC-USDT", "interval": "1min"}
    assert json.loads(context["frame_json"])["channel"] == "kline"
    futures = console_context(Channel.objects.get(slug="uta-public-futures/ticker"))
    assert futures["fields"][0].value == "XBTUSDTM" and futures["fields"][0].many
