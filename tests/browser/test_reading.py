"""A page that reads well: examples on the first screen, a quick way to try-it, folded filters on phones, no-JS."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

ADD_ORDER = "/reference/spot/order/add-order"


def _top_and_bottom(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box is not None, "not laid out"
    return box["y"], box["y"] + box["height"]


def test_at_1280_the_example_response_is_on_the_first_screen(page):
    """Beside the reference, the request column opens on the example request and response, no scrolling."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(ADD_ORDER)
    response = page.locator(".example", has=page.locator("figcaption", has_text="Example response"))
    expect(response).to_be_visible()
    top, _ = _top_and_bottom(response)
    assert top < 900
    assert _top_and_bottom(response.locator("pre"))[0] < 900 - 40  # its code starts on screen, not just its caption
    # Code wraps inside the column: nothing hides past a sideways scroll.
    assert response.locator("pre").evaluate("pre => pre.scrollWidth <= pre.clientWidth")


def test_at_1280_the_column_links_reach_each_part_and_stay_on_screen(page):
    """Example, Try it and Code samples at the top of the column scroll it to each part; the row stays in view.

    Only the column scrolls: the article beside it stays where the reader left it.
    """
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(ADD_ORDER)
    links = page.get_by_role("navigation", name="Examples and try it", exact=True)
    links.get_by_role("link", name="Try it").click()
    expect(page.get_by_role("heading", name="Try it")).to_be_in_viewport()
    expect(page).to_have_url(re.compile(r"#try-it$"))
    expect(links).to_be_in_viewport()
    assert page.evaluate("window.scrollY") == 0
    links.get_by_role("link", name="Code samples").click()
    expect(page.get_by_role("heading", name="Code samples")).to_be_in_viewport()
    links.get_by_role("link", name="Example").click()
    expect(page.locator("#examples figcaption").first).to_be_in_viewport()
    assert page.evaluate("window.scrollY") == 0


@pytest.mark.parametrize("width", [375, 1024])
def test_below_1280_a_jump_link_near_the_top_reaches_try_it(page, width):
    """Where the column sits below the article, 'Jump to: Try it' under the title brings the form on screen."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(ADD_ORDER)
    jump = page.get_by_role("navigation", name="Jump to the examples and try it")
    assert _top_and_bottom(jump)[1] < 800
    jump.get_by_role("link", name="Try it").click()
    expect(page.get_by_role("heading", name="Try it")).to_be_in_viewport()
    expect(page).to_have_url(re.compile(r"#try-it$"))


def test_on_a_phone_the_filters_are_folded_under_one_search_box(page):
    """At 375 px the results follow the one search box; the filters open on a tap and still filter."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/search?q=order")
    expect(page.locator("#site-q")).to_be_hidden()
    expect(page.locator("#page-q")).to_be_visible()
    expect(page.locator("#id_domain")).to_be_hidden()
    assert _top_and_bottom(page.locator(".results .hit").first)[0] < 800
    page.locator(".filter-box > summary").click()
    page.locator("#id_domain").select_option("spot")
    expect(page).to_have_url(re.compile(r"domain=spot"))
    expect(page.locator(".result-count")).to_contain_text("results")


def test_wide_screens_show_the_filters_open(page):
    """From 900 px the filters are simply there, as they were."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/search?q=order")
    expect(page.locator("#id_domain")).to_be_visible()
    expect(page.locator(".filter-box > summary")).to_be_hidden()


def test_without_javascript_the_endpoint_page_shows_everything_stacked(browser, live_server, live_catalogue):
    """Without JavaScript: examples, the styled try-it form and the samples, with links that reach them."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})  # fmt: skip
    page = context.new_page()
    page.goto(ADD_ORDER)
    expect(page.locator(".example", has_text="Example response")).to_be_visible()
    page.get_by_role("navigation", name="Examples and try it", exact=True).get_by_role("link", name="Try it").click()
    expect(page.get_by_role("heading", name="Try it")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    assert page.locator(".try-it").evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"  # try-it.css applied
    expect(page.locator(".try-it-samples .sample").first).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/search?q=order")
    page.locator(".filter-box > summary").click()
    page.locator("#id_api_channel").select_option("private")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"api_channel=private"))
    settle(page)
    context.close()
