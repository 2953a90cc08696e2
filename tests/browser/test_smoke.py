"""The browser harness itself works: Chromium opens the home page from the live server."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_opens_in_chromium(page, screenshot):
    """Debian's Chromium renders the home page with the catalogue's domains."""
    page.goto("/")
    assert page.locator("h1").first.inner_text() == "KuCoin API Explorer"
    assert page.get_by_role("heading", name="Spot domain").is_visible()
    assert screenshot("home").exists()
