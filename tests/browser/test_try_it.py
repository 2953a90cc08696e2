"""Try it in Debian's Chromium: public and private sends to the sandbox, KuCoin errors, validation, phones."""

import logging
import re
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, settle
from tests.try_it.conftest import CANARIES, tables_containing

pytestmark = pytest.mark.browser
DOMAINS = ("spot", "futures", "broker")


@pytest.fixture
def to_sandbox(settings, sandbox, page, caplog):
    """Point try-it at the sandbox; afterwards no canary in what our app sent the browser, its logs or the DB."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in DOMAINS}
    sandbox.reset_rate_limits()
    caplog.set_level(logging.DEBUG)
    bodies = []
    page.on("response", lambda response: bodies.append(response.body()) if "/try-it/" in response.url else None)
    yield sandbox
    page.wait_for_load_state("networkidle")
    for canary in CANARIES:
        assert not any(canary.encode() in body for body in bodies)
        assert canary not in page.content()
        assert canary not in caplog.text
    assert not tables_containing(CANARIES)


def fill_demo_key(page, sandbox, secret=None):
    panel = page.locator("#try-it")
    panel.get_by_label("API key", exact=True).fill(sandbox.key)
    panel.get_by_label("API secret", exact=True).fill(secret or sandbox.secret)
    panel.get_by_label("API passphrase", exact=True).fill(sandbox.passphrase)


def test_public_endpoint_shows_200_and_pretty_body(page, to_sandbox, screenshot):
    """Get Ticker sent to the sandbox shows 200, code 200000 and a collapsible JSON body."""
    page.goto("/reference/spot/market/get-ticker")
    panel = page.locator("#try-it")
    expect(panel.locator(".upstream")).to_contain_text("Sandbox")
    panel.get_by_label("symbol").fill("BTC-USDT")
    panel.get_by_label("symbol").press("Control+Enter")  # the keyboard shortcut sends, like the button
    expect(panel.locator(".result .status")).to_have_text("200 OK")
    expect(panel.locator(".result .json-tree")).to_contain_text('"bestBid"')
    expect(panel.locator(".gauge meter")).to_be_visible()
    panel.locator("#try-it-result").scroll_into_view_if_needed()
    assert screenshot("public-200").exists()
    expect(panel.locator("#sample-curl")).to_contain_text("symbol=BTC-USDT")  # refreshed on send
    panel.locator('.sample[data-language="curl"] .copy-button').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("# Get Ticker") and "symbol=BTC-USDT" in copied


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed `rgb(r, g, b)` colours."""

    def luminance(colour: str) -> float:
        channels = [int(part) / 255 for part in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_status_badge_is_readable_in_dark_mode(page, to_sandbox):
    """In dark mode the answer's status badge keeps a 4.5:1 contrast on its light green."""
    page.emulate_media(color_scheme="dark")
    page.goto("/reference/spot/market/get-ticker")
    panel = page.locator("#try-it")
    panel.get_by_label("symbol").fill("BTC-USDT")
    panel.get_by_role("button", name="Send").click()
    status = panel.locator(".result .status")
    expect(status).to_have_text("200 OK")
    colours = status.evaluate("badge => [getComputedStyle(badge).color, getComputedStyle(badge).backgroundColor]")
    assert contrast(*colours) >= 4.5


def test_private_endpoint_with_demo_key_shows_200(page, to_sandbox, screenshot):
    """The demo key gets 200; samples refresh without credentials; reload keeps the key; re-run; remember."""
    page.goto("/reference/account/account/get-spot-account-list")
    fill_demo_key(page, to_sandbox)
    panel = page.locator("#try-it")
    with page.expect_request(lambda r: "/try-it/samples/" in r.url) as refresh:
        panel.get_by_label("currency").fill("USDT")
    sent = parse_qs(refresh.value.post_data)
    assert sent["p_currency"] == ["USDT"]
    assert not {"api_key", "api_secret", "api_passphrase"} & set(sent)
    expect(panel.locator("#sample-curl")).to_contain_text("currency=USDT")
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator(".result .status")).to_have_text("200 OK")
    expect(panel.locator(".result .kucoin-code")).to_have_text("code 200000")
    expect(panel.locator(".try-it-history")).to_contain_text("currency=USDT")
    assert screenshot("private-200").exists()
    page.reload()
    panel = page.locator("#try-it")
    expect(panel.get_by_label("API key", exact=True)).to_have_value(to_sandbox.key)
    assert page.evaluate("window.localStorage.getItem('kucoin-try-it-credentials')") is None
    panel.locator(".history-rerun").first.click()  # re-run the kept request with the stored key
    expect(panel.locator(".history-list li")).to_have_count(2)
    expect(panel.locator(".result .kucoin-code")).to_have_text("code 200000")
    panel.get_by_label("Remember on this device").check()
    assert to_sandbox.key in page.evaluate("window.localStorage.getItem('kucoin-try-it-credentials')")
    panel.get_by_label("Remember on this device").uncheck()
    assert page.evaluate("window.localStorage.getItem('kucoin-try-it-credentials')") is None


def test_wrong_secret_shows_400005_explanation(page, to_sandbox, screenshot):
    """A wrong API secret comes back as 400005 with our explanation."""
    page.goto("/reference/account/account/get-spot-account-list")
    fill_demo_key(page, to_sandbox, secret="not-the-secret")
    panel = page.locator("#try-it")
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator(".explanation")).to_contain_text("400005 · Signature does not match")
    expect(panel.locator(".explanation")).to_contain_text("almost always a wrong API secret")
    assert screenshot("wrong-secret-400005").exists()


def test_missing_required_field_shows_its_error_without_sending(page, to_sandbox, screenshot):
    """An emptied required path value is flagged next to its field, and the sandbox receives nothing."""
    page.goto("/reference/account/account/get-spot-account-detail")
    fill_demo_key(page, to_sandbox)
    panel = page.locator("#try-it")
    panel.get_by_label(re.compile("^accountId")).fill("")
    with to_sandbox.fault(reset=True):  # anything that reached the sandbox would come back as a reset
        panel.get_by_role("button", name="Send").click()
        expect(panel.locator("#try-p_accountId-errors")).to_have_text("accountId is required.")
    expect(panel.locator(".not-sent")).to_contain_text("Nothing left this server")
    assert screenshot("required-error").exists()

    panel.get_by_label(re.compile("^accountId")).fill("548674591753")
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator(".result .status")).to_have_text("200 OK")
    expect(panel.locator("#try-p_accountId-errors")).to_be_empty()  # the fixed field's old error is gone


def test_panel_fits_a_phone(page, to_sandbox, screenshot):
    """At 375 px wide the panel, its result and its samples fit without sideways scrolling."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/reference/spot/order/add-order")
    fill_demo_key(page, to_sandbox)
    panel = page.locator("#try-it")
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator(".result .status")).to_have_text("200 OK")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert screenshot("phone-375").exists()
    # The full page is long at 375 px; keep a picture of the panel alone as well.
    page.evaluate("document.querySelector('.site-header').style.position = 'static'")
    panel.screenshot(path=str(ARTIFACTS / "test_panel_fits_a_phone-panel-375.png"))


def test_send_works_without_javascript(browser, live_server, live_catalogue, settings, sandbox):
    """With JavaScript off, Send is a plain form POST that comes back as a page with the result."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in DOMAINS}
    sandbox.reset_rate_limits()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/reference/account/account/get-spot-account-list")
        fill_demo_key(page, sandbox)
        page.locator("#try-it").get_by_role("button", name="Send").click()
        page.wait_for_load_state()
        assert "/try-it/send/account/account/get-spot-account-list" in page.url
        expect(page.locator("#try-it .result .kucoin-code")).to_have_text("code 200000")
        assert sandbox.secret not in page.content()
        # Controls that need JavaScript stay out of sight without it.
        expect(page.get_by_label("Remember on this device")).to_be_hidden()
        expect(page.locator("#try-it .copy-button").first).to_be_hidden()
    finally:
        settle(page)
        context.close()
