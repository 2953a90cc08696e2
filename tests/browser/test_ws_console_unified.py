"""The console on unified-account channel pages, in Debian's Chromium against the sandbox's unified WebSocket."""

import json
import time

import pytest
import requests
from playwright.sync_api import expect

from endpoints.kucoin import signing
from endpoints.models import Channel

pytestmark = pytest.mark.browser
ROLES = ("spot", "futures", "private", "trade")


@pytest.fixture
def unified_upstream(settings, sandbox, page):
    """The unified addresses point at the sandbox; every frame the page sends and every request body is kept."""
    settings.KUCOIN_UNIFIED_WS_URLS = {role: f"{sandbox.ws.unified_url}/{role}" for role in ROLES}
    sandbox.ws.reset_connection_counts()
    sandbox.ws.clear_faults()
    sent, seen = [], []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    page.on("request", lambda request: seen.append((request.url, request.post_data or "")))
    yield sandbox, sent, seen
    sandbox.ws.clear_faults()
    sandbox.reset_state()


def channel_page(page, topic: str):
    page.goto(Channel.objects.get(topic=topic).get_absolute_url())
    return page.locator("#console")


def rest_order(sandbox, body: str) -> str:
    """Place an order on the REST sandbox, signed with the demo key, as any client would."""
    key = signing.ApiKey(sandbox.key, sandbox.secret, sandbox.passphrase, "3")
    headers = signing.auth_headers(key, int(time.time() * 1000), "POST", "/api/v1/hf/orders", body, None)
    headers["Content-Type"] = "application/json"
    answer = requests.post(f"{sandbox.url}/api/v1/hf/orders", data=body, headers=headers, timeout=5)
    return answer.json()["data"]["orderId"]


def connect(console):
    console.get_by_role("button", name="Connect", exact=True).click()
    expect(console.locator(".console-status")).to_contain_text("Connected to ws://127.0.0.1:")


def test_public_unified_channel_subscribe_messages_unsubscribe(page, unified_upstream, screenshot):
    sandbox, sent, _ = unified_upstream
    console = channel_page(page, "ticker.SPOT")
    console.get_by_label("symbols").fill("ETH-USDT")
    expect(console.locator(".console-topic-preview")).to_contain_text('"symbol":"ETH-USDT"')
    connect(console)
    expect(console.locator(".log-welcome")).to_contain_text("sessionId")
    console.get_by_role("button", name="Subscribe", exact=True).click()
    expect(console.locator(".console-subscriptions li")).to_contain_text("subscribed")
    messages = console.locator(".log-message")
    expect(messages.nth(4)).to_be_visible()
    assert all('"s": "ETH-USDT"' in text and '"T": "ticker.SPOT"' in text for text in messages.all_inner_texts())
    expect(messages.first.locator(".log-subscription")).to_contain_text("#1")
    subscribe = json.loads(next(frame for frame in sent if "SUBSCRIBE" in frame))
    assert {k: subscribe[k] for k in ("action", "channel", "tradeType", "symbol")} == {
        "action": "SUBSCRIBE", "channel": "ticker", "tradeType": "SPOT", "symbol": "ETH-USDT",
    }  # fmt: skip
    console.locator(".console-subscriptions").get_by_role("button", name="Unsubscribe").click()
    expect(console.locator(".console-subscriptions li")).to_have_count(0)
    time.sleep(0.5)  # what was on its way when the server got UNSUBSCRIBE
    settled = messages.count()
    time.sleep(1.0)
    assert messages.count() == settled
    screenshot("unified-ticker")


def test_private_unified_channel_signs_in_the_browser(page, unified_upstream):
    sandbox, sent, seen = unified_upstream
    console = channel_page(page, "order.UNIFIED")
    console.get_by_label("symbol").fill("ETH-USDT")
    console.get_by_label("API key", exact=True).fill(sandbox.key)
    console.get_by_label("API secret").fill(sandbox.secret)
    console.get_by_label("API passphrase").fill(sandbox.passphrase)
    connect(console)
    expect(console.locator(".log-ack").first).to_contain_text("Signed in.")
    console.get_by_role("button", name="Subscribe", exact=True).click()
    expect(console.locator(".console-subscriptions li")).to_contain_text("subscribed")
    body = json.dumps({"symbol": "ETH-USDT", "side": "buy", "type": "limit", "price": "2900", "size": "0.3"})
    order_id = rest_order(sandbox, body)
    expect(console.locator(".log-message").nth(1)).to_contain_text(order_id)
    auth = json.loads(next(frame for frame in sent if '"auth"' in frame))
    assert auth["kc-api-key"] == sandbox.key and auth["kc-api-sign"]
    for secret in (sandbox.secret, sandbox.passphrase):
        assert not any(secret in frame for frame in sent)
        assert not any(secret in url or secret in data for url, data in seen)


def test_dropped_unified_connection_is_reconnected_and_resubscribed(page, unified_upstream):
    sandbox, sent, _ = unified_upstream
    console = channel_page(page, "trade.FUTURES")
    connect(console)
    console.get_by_role("button", name="Subscribe", exact=True).click()
    expect(console.locator(".console-subscriptions li")).to_contain_text("subscribed")
    sandbox.ws.set_faults({"drop": True})
    expect(console.locator(".log-info").filter(has_text="Resubscribing 1 subscription")).to_be_visible(timeout=10_000)
    expect(console.locator(".log-ack").filter(has_text="resubscribe")).to_be_visible()
    count = console.locator(".log-message").count()
    expect(console.locator(".log-message").nth(count + 1)).to_be_visible()
    assert sum('"SUBSCRIBE"' in frame for frame in sent) == 2


def test_unified_limit_is_refused_before_sending(page, unified_upstream):
    _, sent, _ = unified_upstream
    console = channel_page(page, "ticker.FUTURES")
    console.get_by_label("symbols").fill(",".join(f"S{n}USDTM" for n in range(101)))
    connect(console)
    console.get_by_role("button", name="Subscribe", exact=True).click()
    expect(console.locator(".log-refused")).to_contain_text("101 symbols in one subscribe; KuCoin allows 100")
    assert not any("SUBSCRIBE" in frame for frame in sent)
