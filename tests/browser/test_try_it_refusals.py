"""Try it in Debian's Chromium: a send refused for its rate says so in the panel, with when to retry."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_try_it import DOMAINS

pytestmark = pytest.mark.browser


def test_a_rate_limited_send_shows_when_to_retry(page, settings, sandbox):
    """htmx swaps the 429 answer in: "Not sent" and "Try again in N s", and no stale result."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in DOMAINS}
    settings.TRY_IT_RATE = "1/h"  # a fixed window: a minute's could turn between the two sends
    page.goto("/reference/spot/market/get-ticker")
    panel = page.locator("#try-it")
    panel.get_by_label("symbol").fill("BTC-USDT")
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator(".result .status")).to_have_text("200 OK")
    panel.get_by_role("button", name="Send").click()
    refused = panel.locator("#try-it-result .refused")
    expect(refused).to_contain_text("Not sent")
    expect(refused).to_contain_text("Try again in")
    expect(panel.locator("#try-it-result .result")).to_have_count(0)
