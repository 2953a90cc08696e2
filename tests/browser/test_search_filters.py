"""The search filters in a real browser: URLs carry only the filters that are set; Service narrows by domain."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser


def _empty_parameters(url: str) -> list[str]:
    return [name for name, value in parse_qsl(urlsplit(url).query, keep_blank_values=True) if value == ""]


def test_choosing_a_filter_pushes_a_url_without_empty_parameters(page):
    """With htmx, picking a domain pushes `?q=order&domain=spot` and the Service list loses futures' services."""
    page.goto("/search?q=order")
    assert "Futures" in page.locator("#id_service option").all_inner_texts()
    page.locator("#id_domain").select_option("spot")
    expect(page).to_have_url(re.compile(r"domain=spot"))
    assert _empty_parameters(page.url) == []
    assert urlsplit(page.url).query == "q=order&domain=spot"
    expect(page.locator("#id_service option", has_text="Futures")).to_have_count(0)
    assert "Spot" in page.locator("#id_service option").all_inner_texts()


def test_a_plain_submit_lands_on_a_url_without_empty_parameters(browser, live_server, live_catalogue):
    """Without JavaScript, the submitted form's empty fields are redirected away."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search?q=order")
    page.locator("#id_api_channel").select_option("private")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"api_channel=private"))
    assert _empty_parameters(page.url) == []
    expect(page.locator(".result-count")).to_contain_text("results")
    settle(page)
    context.close()
