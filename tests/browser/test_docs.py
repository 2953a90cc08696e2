"""The docs pages in a real browser: search as you type, follow a result, theme, keyboard, copy, small screens."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

EIGHT_FIELDS = ["domain", "api-channel", "api-permission", "rate-limit pool", "rate-limit weight", "sdk-service",
                "sdk-sub-service", "sdk-method-name"]  # fmt: skip


def test_search_add_order_and_follow_a_result_to_the_eight_fields(page, screenshot):
    """Typing 'add order' on the home page suggests Add Order; its page shows all eight metadata fields."""
    page.goto("/")
    page.locator("#site-q").fill("add order")
    suggestion = page.locator("#search-suggest a").first
    expect(suggestion).to_contain_text("Add Order")
    screenshot("suggestions")
    page.locator("#site-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=add\+order"))
    screenshot("results")
    page.locator(".results .hit-link").first.click()
    expect(page.locator("h1")).to_have_text("Add Order")
    metadata = page.locator(".metadata")
    for label in EIGHT_FIELDS:
        expect(metadata.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.locator("#description")).to_be_visible()
    expect(page.locator('#nav a[aria-current="page"]')).to_have_text("Add Order")
    screenshot("add-order")


def test_slash_focuses_search_and_dark_mode_toggles_and_sticks(page, screenshot):
    """'/' and Ctrl+K jump to the search box; the toggle switches to dark and the choice survives a reload."""
    page.goto("/reference/spot/market/get-ticker")
    page.locator("body").press("/")
    expect(page.locator("#site-q")).to_be_focused()
    page.locator("#site-q").press("Escape")
    page.locator("h1").click()
    page.keyboard.press("Control+k")
    expect(page.locator("#site-q")).to_be_focused()
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator(".theme-toggle").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(page.locator(".theme-toggle")).to_have_attribute("aria-pressed", "true")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    screenshot("dark")


def test_copy_page_puts_the_markdown_twin_on_the_clipboard(page):
    """'Copy page' copies the same Markdown the .md URL serves."""
    page.goto("/reference/spot/order/add-order")
    page.get_by_role("link", name="Copy page").click()
    expect(page.get_by_role("link", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    served = page.request.get("/reference/spot/order/add-order.md").text()
    assert copied == served
    assert copied.startswith("# Add Order\n")


def test_sidebar_navigation_swaps_only_the_page(page):
    """Opening a folded service loads its endpoints; clicking one swaps the page and moves the highlight."""
    page.goto("/reference/spot/market/get-ticker")
    futures = page.locator("#nav details.nav-service", has=page.locator("summary", has_text="Futures")).first
    with page.expect_response(re.compile(r"/nav/futures/Futures$")) as loaded:  # htmx fills the group
        futures.locator("summary").click()
    assert loaded.value.ok
    link = futures.locator("a", has_text="Get Ticker").first
    expect(link).to_be_visible()
    page.evaluate("window.__sameDocument = true")
    link.click()
    expect(page).to_have_url(re.compile(r"/reference/futures/market/get-ticker$"))
    expect(page.locator("h1")).to_have_text(re.compile("Get Ticker"))
    assert page.evaluate("window.__sameDocument === true")  # htmx swapped #main; no full reload
    expect(link).to_have_attribute("aria-current", "page")


def test_narrow_screen_keeps_everything_usable(page, screenshot):
    """At 375 px the page fits the width, and the Menu link opens the sidebar."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/reference/spot/order/add-order")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.locator("#nav")).to_be_hidden()
    screenshot("narrow")
    page.get_by_role("link", name="Menu").click()
    expect(page.locator("#nav")).to_be_visible()
    screenshot("narrow-menu")


@pytest.mark.parametrize("width", [375, 1024, 1440])
def test_home_cards_show_each_base_url_on_one_line(page, width):
    """The domain cards sit two a row (one on phones), wide enough that no base URL breaks at its hyphen."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    lines = page.locator(".card code").evaluate_all("codes => codes.map(code => code.getClientRects().length)")
    assert lines == [1, 1, 1, 1]


@pytest.mark.parametrize("path", ["/budget", "/downloads"])
def test_team_and_download_tables_fit_a_phone(page, path):
    """At 375 px the budget's and the downloads' tables show every column without scrolling sideways."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(path)
    widths = page.locator("table").evaluate_all("tables => tables.map(t => t.scrollWidth - t.clientWidth)")
    assert widths and max(widths) <= 1


@pytest.mark.parametrize("width", [640, 800])
def test_tablet_width_header_wraps_instead_of_overflowing(page, width):
    """Between phone and desktop the header wraps: the page fits its width and the search box is usable."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/notes")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("#site-q").bounding_box()["width"] > width / 2
    expect(page.get_by_role("link", name="Sign in")).to_be_in_viewport()


@pytest.mark.parametrize("path", ["/", "/search?domain=spot", "/notes"])
def test_narrow_header_has_no_empty_row(page, path):
    """At 375 px the header ends just below its last row, also where the page hides its search box."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(path)
    header = page.locator(".site-header").bounding_box()
    last_row = max(page.locator(".account").bounding_box(), page.locator(".site-search").bounding_box() or {"y": 0},
                   key=lambda box: box["y"])  # fmt: skip
    assert header["y"] + header["height"] - (last_row["y"] + last_row["height"]) < 16


def test_on_a_phone_the_header_scrolls_away_and_the_drawer_takes_the_screen(page):
    """At 375 px the three-row header is not held in place, so the page gets the whole screen; Menu opens the
    reference over all of it, scrolled to the current page with Close menu in view; an anchor lands at the top."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/reference/spot/order/add-order")
    page.get_by_role("link", name="Menu").click()
    close = page.get_by_role("link", name="Close menu")
    expect(page.locator('#nav a[aria-current="page"]')).to_be_in_viewport()  # the drawer scrolled down to it
    assert page.locator("#nav").bounding_box()["y"] == 0
    expect(close).to_be_in_viewport()
    close.click()
    expect(page.locator("#nav")).to_be_hidden()
    page.goto("/reference/spot/order/add-order#param-side")
    expect(page.locator("#param-side")).to_be_in_viewport()
    header = page.locator(".site-header").bounding_box()
    assert header["y"] + header["height"] <= 0  # scrolled away with the page
    assert 0 <= page.locator("#param-side").bounding_box()["y"] < 100


def test_everything_works_without_javascript(browser, live_server, live_catalogue):
    """With JavaScript off: search by form, filter, open a folded service's list, read an endpoint and its twin."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.locator("#home-q").fill("hf/orders")
    page.locator("#home-q").press("Enter")
    expect(page.locator(".result-count")).to_contain_text("results")
    page.locator("#id_domain").select_option("spot")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"domain=spot"))
    page.goto("/")
    futures = page.locator('#nav details[hx-get="/nav/futures/Futures"]')
    futures.locator("summary").click()
    futures.get_by_role("link", name=re.compile(r"List its \d+ endpoints")).click()
    expect(page).to_have_url(re.compile(r"/search\?domain=futures&service=Futures$"))
    expect(page.locator(".results .hit").first).to_be_visible()
    page.locator(".results .hit-link").first.click()
    expect(page.locator("#description")).to_be_visible()
    page.get_by_role("link", name="View as Markdown").click()
    assert page.locator("body").inner_text().startswith("# ")
    settle(page)
    context.close()
