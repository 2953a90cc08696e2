"""Secrets never leave the browser: Chromium signs try-it sends and the console's private token in the page.

Every request the page makes is captured (URL, headers, body); the sandbox's demo secret,
passphrase and broker key (canaries) appear in none of them, and the sandbox accepts each
signature (code 200000, or a private token).
"""

import json
from urllib.parse import unquote_plus

import pytest
from playwright.sync_api import expect

from tests.conftest import SANDBOX_CANARY_BROKER_KEY, SANDBOX_CANARY_PASSPHRASE, SANDBOX_CANARY_SECRET

pytestmark = pytest.mark.browser
DOMAINS = ("spot", "futures", "broker")
SECRETS = (SANDBOX_CANARY_SECRET, SANDBOX_CANARY_PASSPHRASE, SANDBOX_CANARY_BROKER_KEY)


@pytest.fixture
def captured(settings, sandbox, page):
    """Point try-it at the sandbox and record every request the page makes, with its headers and body."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in DOMAINS}
    sandbox.reset_rate_limits()
    sandbox.ws.reset_connection_counts()
    requests = []
    page.on("request", lambda request: requests.append(request))
    yield requests
    page.wait_for_load_state("networkidle")
    for request in requests:
        body = (request.post_data_buffer or b"").decode("utf-8", "replace")
        text = unquote_plus(request.url) + json.dumps(request.all_headers()) + body + unquote_plus(body)
        for secret in SECRETS:
            assert secret not in text, f"a secret left the page in {request.method} {request.url}"


def posts_to(requests, part: str) -> list:
    return [request for request in requests if request.method == "POST" and part in request.url]


def fill_key(scope, sandbox):
    scope.get_by_label("API key", exact=True).fill(sandbox.key)
    scope.get_by_label("API secret", exact=True).fill(sandbox.secret)
    scope.get_by_label("API passphrase", exact=True).fill(sandbox.passphrase)


def send(panel):
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator(".result .kucoin-code")).to_have_text("code 200000")


def test_private_get_is_signed_in_the_page(page, captured, sandbox, screenshot):
    """Get the account list: prepare, sign here, relay; the page says the secret stays in the browser."""
    page.goto("/reference/account/account/get-spot-account-list")
    panel = page.locator("#try-it")
    expect(panel.locator('.signing-note[data-signing="page"]')).to_be_visible()
    expect(panel.locator('.signing-note[data-signing="server"]')).to_be_hidden()
    expect(panel.locator("input[name=api_secret], input[name=api_passphrase]")).to_have_count(0)  # no form carries them
    fill_key(panel, sandbox)
    panel.get_by_label("currency").fill("USDT")
    send(panel)
    [prepared] = posts_to(captured, "/try-it/prepare/")
    [relayed] = posts_to(captured, "/try-it/send-prepared/")
    assert "secrets_in_page=api_secret,api_passphrase" in unquote_plus(prepared.post_data)  # names only
    assert "sign=" in relayed.post_data and "passphrase_sign=" in relayed.post_data
    assert not posts_to(captured, "/try-it/send/")  # the one-step send, which takes the secret, was not used
    expect(panel.locator(".request-sent pre").first).to_contain_text("KC-API-SIGN: •••••••• (masked)")
    expect(panel.locator(".try-it-history")).to_contain_text("currency=USDT")
    assert screenshot("signed-in-page").exists()


def test_private_post_with_a_body_is_signed_in_the_page(page, captured, sandbox):
    """Add an order: the page signs the compact body the server prepared, and the sandbox accepts it."""
    page.goto("/reference/spot/order/add-order")
    panel = page.locator("#try-it")
    fill_key(panel, sandbox)
    body = {"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1", "remark": "日本語 ✓"}
    panel.get_by_label("Body (JSON)").fill(json.dumps(body, indent=2, ensure_ascii=False))
    send(panel)
    assert len(posts_to(captured, "/try-it/send-prepared/")) == 1


def test_broker_endpoint_partner_signature_is_made_in_the_page(page, captured, sandbox):
    """Get broker info: the broker key signs KC-API-PARTNER-SIGN here; the partner and name travel, it never."""
    page.goto("/reference/broker/nd-broker/get-broker-info")
    panel = page.locator("#try-it")
    fill_key(panel, sandbox)
    panel.get_by_label("begin").fill("20240510")
    panel.get_by_label("end", exact=True).fill("20241010")
    panel.get_by_label("tradeType").select_option("1")
    panel.get_by_label("Broker partner").fill(sandbox.broker_partner)
    panel.get_by_label("Broker name").fill(sandbox.broker_name)
    panel.get_by_label("Broker key").fill(sandbox.broker_key)
    send(panel)
    [relayed] = posts_to(captured, "/try-it/send-prepared/")
    assert "partner_sign=" in relayed.post_data and "broker_partner=" in relayed.post_data
    expect(panel.locator(".request-sent pre").first).to_contain_text("KC-API-PARTNER-SIGN: •••••••• (masked)")


def test_console_private_token_is_signed_in_the_page(page, captured, sandbox):
    """The console's bullet-private request goes through the same prepare, sign and relay path."""
    page.goto("/reference/websocket/spot-private/account")
    console = page.locator("#console")
    fill_key(console, sandbox)
    console.get_by_role("button", name="Connect", exact=True).click()
    expect(console.locator(".console-status")).to_contain_text("Connected to ws://127.0.0.1:")
    expect(console.locator(".log-info").first).to_contain_text("POST /api/v1/bullet-private")
    token_posts = posts_to(captured, "/try-it/ws-token/")
    assert len(token_posts) == 2  # step=prepare, then the ticket with the signatures
    assert b"step" in token_posts[0].post_data_buffer and b"prepared" in token_posts[1].post_data_buffer


def test_a_wrong_secret_is_refused_by_the_sandbox_after_signing_here(page, captured, sandbox):
    """The page's signature is checked upstream: a wrong secret is KuCoin's 400005, explained."""
    page.goto("/reference/account/account/get-spot-account-list")
    panel = page.locator("#try-it")
    fill_key(panel, sandbox)
    panel.get_by_label("API secret", exact=True).fill("not-the-secret")
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator(".explanation")).to_contain_text("400005")


def test_missing_secret_is_a_field_error_before_anything_is_sent(page, captured, sandbox):
    """Without a secret, prepare answers the form's errors; nothing is relayed."""
    page.goto("/reference/account/account/get-spot-account-list")
    panel = page.locator("#try-it")
    panel.get_by_label("API key", exact=True).fill(sandbox.key)
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator("#try-api_secret-errors")).to_contain_text("API secret is needed")
    assert not posts_to(captured, "/try-it/send-prepared/")


def test_without_javascript_the_page_says_the_secret_goes_to_the_server(browser, live_server, live_catalogue):
    """With JavaScript off the page says plainly that this server signs, and the one-step form still works."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/reference/account/account/get-spot-account-list")
    note = page.locator('#try-it .signing-note[data-signing="server"]')
    expect(note).to_contain_text("go to this server, which signs the request")
    expect(page.locator('#try-it input[name="api_secret"]')).to_have_count(1)
    context.close()


def test_without_webcrypto_the_page_says_so_and_the_server_signs(page, settings, sandbox):
    """A page without crypto.subtle (plain http off localhost) says the secret goes to this server, and sends."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in DOMAINS}
    sandbox.reset_rate_limits()
    page.add_init_script("Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });")
    page.goto("/reference/account/account/get-spot-account-list")
    panel = page.locator("#try-it")
    expect(panel.locator('.signing-note[data-signing="insecure"]')).to_contain_text("cannot sign here")
    expect(panel.locator('.signing-note[data-signing="page"]')).to_be_hidden()
    fill_key(panel, sandbox)
    with page.expect_request(lambda r: "/try-it/send/" in r.url):
        send(panel)
