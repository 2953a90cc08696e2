"""The WebSocket console in Debian's Chromium against the WebSocket sandbox: subscribe, private, reconnect, limits."""

import json
import re

import pytest
from playwright.sync_api import expect

from endpoints.kucoin import websocket as kws
from tests.conftest import SPOT_ORDER, rest_order
from tests.try_it.conftest import CANARIES

pytestmark = pytest.mark.browser
DOMAINS = ("spot", "futures", "broker")


@pytest.fixture
def ws_upstream(settings, sandbox, page):
    """Tokens from the sandbox (one base URL per domain); fresh WebSocket counts; no secret in what we served."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in DOMAINS}
    sandbox.reset_rate_limits()
    ws = sandbox.ws
    ws.reset_connection_counts()
    ws.clear_faults()
    timings = (ws.answers.ping_interval_ms, ws.answers.ping_timeout_ms)
    bodies = []
    page.on("response", lambda response: bodies.append(response.body()) if "/try-it/" in response.url else None)
    yield sandbox
    ws.answers.ping_interval_ms, ws.answers.ping_timeout_ms = timings
    ws.clear_faults()
    for canary in CANARIES:
        assert not any(canary.encode() in body for body in bodies)


def sent_frames(page) -> list[dict]:
    """Every frame the page sends on any WebSocket, collected as it happens."""
    frames = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(json.loads(payload))))
    return frames


def connect(console):
    console.get_by_role("button", name="Connect", exact=True).click()
    expect(console.locator(".console-status")).to_contain_text("Connected to ws://127.0.0.1:")


def test_public_channel_subscribe_messages_unsubscribe(page, ws_upstream, screenshot):
    """Ticker: token, welcome, ack, pushes for ETH-USDT tagged with their subscription, none after unsubscribe."""
    frames = sent_frames(page)
    page.goto("/reference/websocket/spot-public/ticker")
    console = page.locator("#console")
    expect(console.locator(".console-needs-js")).to_be_hidden()
    console.get_by_label("symbol").fill("ETH-USDT")
    expect(console.locator(".console-topic-preview")).to_have_text("/market/ticker:ETH-USDT")
    connect(console)
    expect(console.locator(".log-welcome")).to_have_count(1)
    console.get_by_role("button", name="Subscribe", exact=True).click()
    expect(console.locator(".console-subscriptions li")).to_contain_text("subscribed")
    expect(console.locator(".log-ack")).to_contain_text("subscribe /market/ticker:ETH-USDT acknowledged")
    messages = console.locator(".log-message")
    expect(messages.nth(4)).to_be_visible()
    expect(messages.first.locator(".log-subscription")).to_have_text("#1 /market/ticker:ETH-USDT")
    assert '"topic": "/market/ticker:ETH-USDT"' in messages.nth(3).locator("pre").text_content()
    expect(console.locator(".console-count")).not_to_have_text("0 messages")
    subscribe = next(f for f in frames if f.get("type") == "subscribe")
    assert subscribe | {"id": ""} == {
        "id": "", "type": "subscribe", "topic": "/market/ticker:ETH-USDT", "privateChannel": False, "response": True
    }  # fmt: skip
    assert screenshot("ws-console-public").exists()
    console.locator(".console-actions").get_by_role("button", name="Unsubscribe", exact=True).click()
    expect(console.locator(".log-ack").last).to_contain_text("unsubscribe /market/ticker:ETH-USDT acknowledged")
    expect(console.locator(".console-subscriptions li")).to_have_count(0)
    count = messages.count()  # the sandbox stops the pushes before it acks, and frames arrive in order
    page.wait_for_timeout(800)
    assert messages.count() == count


def test_log_filter_pause_clear_and_copy(page, ws_upstream):
    """The filter hides entries that do not match, pause holds pushes back, copy takes the log, clear empties it."""
    page.goto("/reference/websocket/spot-public/ticker")
    console = page.locator("#console")
    connect(console)
    console.get_by_role("button", name="Subscribe", exact=True).click()
    expect(console.locator(".log-message").nth(2)).to_be_visible()
    console.get_by_label("Filter").fill("welcome")
    expect(console.locator(".console-log li")).to_have_count(1)
    console.get_by_label("Filter").fill("")
    console.get_by_role("button", name="Pause", exact=True).click()
    shown = console.locator(".log-message").count()
    page.wait_for_timeout(500)
    assert console.locator(".log-message").count() == shown
    console.get_by_role("button", name="Resume", exact=True).click()
    expect(console.locator(".log-message")).not_to_have_count(shown)
    console.get_by_role("button", name="Copy", exact=True).click()
    assert '"topic": "/market/ticker:BTC-USDT"' in page.evaluate("navigator.clipboard.readText()")
    console.get_by_role("button", name="Disconnect", exact=True).click()
    console.get_by_role("button", name="Clear", exact=True).click()
    expect(console.locator(".console-log li")).to_have_count(0)
    expect(console.locator(".console-count")).to_have_text("0 messages")


def test_private_channel_with_credentials(page, ws_upstream):
    """Account balance: the demo key signs bullet-private through our server; pushes arrive on the private channel."""
    frames = sent_frames(page)
    page.goto("/reference/websocket/spot-private/account")
    console = page.locator("#console")
    console.get_by_label("API key", exact=True).fill(ws_upstream.key)
    console.get_by_label("API secret", exact=True).fill(ws_upstream.secret)
    console.get_by_label("API passphrase", exact=True).fill(ws_upstream.passphrase)
    connect(console)
    expect(console.locator(".log-info").first).to_contain_text("POST /api/v1/bullet-private")
    console.get_by_role("button", name="Subscribe", exact=True).click()
    expect(console.locator(".console-subscriptions li")).to_contain_text("subscribed")
    rest_order(ws_upstream, SPOT_ORDER)  # the balance topic pushes the REST sandbox's real changes
    expect(console.locator(".log-message").first).to_contain_text('"subject": "account.balance"')
    assert any(f.get("topic") == "/account/balance" and f["privateChannel"] is True for f in frames)


def test_private_token_with_a_wrong_secret_shows_kucoin_error(page, ws_upstream):
    """A wrong secret: bullet-private's 400005 is shown, and no WebSocket is opened."""
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket))
    page.goto("/reference/websocket/spot-private/account")
    console = page.locator("#console")
    console.get_by_label("API key", exact=True).fill(ws_upstream.key)
    console.get_by_label("API secret", exact=True).fill("not-the-secret")
    console.get_by_label("API passphrase", exact=True).fill(ws_upstream.passphrase)
    console.get_by_role("button", name="Connect", exact=True).click()
    expect(console.locator(".log-error")).to_contain_text("KuCoin error 400005")
    expect(console.locator(".console-status")).to_have_text("Not connected")
    assert sockets == []


def test_dropped_connection_reconnects_and_resubscribes(page, ws_upstream):
    """The sandbox cuts the connection: the console gets a new token, reconnects, resubscribes, pushes resume."""
    frames = sent_frames(page)
    page.goto("/reference/websocket/spot-public/orderbook-level5")
    console = page.locator("#console")
    connect(console)
    console.get_by_role("button", name="Subscribe", exact=True).click()
    expect(console.locator(".log-message").first).to_be_visible()
    ws_upstream.ws.set_faults({"drop": True})
    log = console.locator(".console-log")
    expect(log).to_contain_text("Connection closed")
    expect(log).to_contain_text("Resubscribing 1 subscription(s) after reconnecting.")
    resubscribed = "resubscribe /spotMarket/level2Depth5:BTC-USDT acknowledged"
    expect(console.locator(".log-ack").last).to_contain_text(resubscribed)
    expect(console.locator(".log-welcome")).to_have_count(2)
    after = console.locator(".console-log li").count()
    expect(console.locator(".console-log li").nth(after + 1)).to_have_class("log-message")
    assert [f["type"] for f in frames if f["type"] != "ping"] == ["subscribe", "subscribe"]


def test_missing_pong_is_a_dead_connection(page, ws_upstream):
    """With pings unanswered, the console gives up after pingTimeout and reconnects on its own."""
    ws_upstream.ws.answers.ping_interval_ms, ws_upstream.ws.answers.ping_timeout_ms = 400, 300
    page.goto("/reference/websocket/spot-public/ticker")
    console = page.locator("#console")
    connect(console)
    ws_upstream.ws.set_faults({"ignore_pings": True})
    expect(console.locator(".console-log")).to_contain_text("No pong within pingTimeout (300 ms)")
    ws_upstream.ws.clear_faults()
    expect(console.locator(".log-welcome")).to_have_count(2)


def test_limit_refused_before_sending(page, ws_upstream):
    """101 symbols in one subscribe are refused in the page; no subscribe frame leaves the browser."""
    frames = sent_frames(page)
    page.goto("/reference/websocket/spot-public/ticker")
    console = page.locator("#console")
    connect(console)
    limit = kws.LIMITS.topics_per_subscribe
    console.get_by_label("symbol").fill(",".join(f"S{i}-USDT" for i in range(limit + 1)))
    console.get_by_role("button", name="Subscribe", exact=True).click()
    refusal = f"{limit + 1} topics in one subscribe; KuCoin allows {limit}."
    expect(console.locator(".log-refused")).to_contain_text(refusal)
    page.wait_for_timeout(200)
    assert not [f for f in frames if f["type"] == "subscribe"]


def test_new_connections_per_minute_refused_before_connecting(page, ws_upstream):
    """Past KuCoin's new connections a minute (kept in this browser), Connect is refused without a token request."""
    page.goto("/reference/websocket/spot-public/ticker")
    stamps = [int(page.evaluate("Date.now()"))] * kws.LIMITS.new_connections_per_minute
    page.evaluate("stamps => localStorage.setItem('kucoin-ws-connects', JSON.stringify(stamps))", stamps)
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "ws-token" in r.url else None)
    console = page.locator("#console")
    console.get_by_role("button", name="Connect", exact=True).click()
    expect(console.locator(".log-refused")).to_contain_text(re.compile(r"30 new connections a minute"))
    assert requests == []


def test_without_javascript_the_page_says_the_console_needs_it(browser, live_server, live_catalogue):
    """With JavaScript off the console says it needs it; the topic, message schema and samples are all there."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/reference/websocket/spot-public/ticker")
    console = page.locator("#console")
    expect(console.locator(".console-needs-js")).to_be_visible()
    expect(console.locator(".console-form")).to_be_hidden()
    expect(page.locator("#message")).to_be_visible()
    expect(console.locator(".console-samples")).to_contain_text("Subscribe from code")
    context.close()
