"""A fresh tab draws the article first and the sidebar and request column one frame later; nothing moves."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ADD_ORDER = "/reference/spot/order/add-order"
# Before any page script: at the first frame that lays out the description, what is on screen beside it.
FIRST_FRAME_PROBE = """
new MutationObserver(function (records, observer) {
  var description = document.getElementById("description");
  if (!description) return;
  observer.disconnect();
  requestAnimationFrame(function () {
    var link = document.querySelector("#nav a[href^='/reference/']");
    var example = document.querySelector("#request-panel pre");
    // checkVisibility(), not a box: asking for a skipped element's box would lay it out. The column comes
    // after the article in the HTML, so the parser may not have reached it yet.
    window.firstFrame = {
      marked: document.documentElement.hasAttribute("data-first-frame"),
      sidebarShown: link.checkVisibility(),
      exampleShown: Boolean(example && example.checkVisibility()),
      articleLeft: description.getBoundingClientRect().left,
    };
  });
}).observe(document, { childList: true, subtree: true });
"""


@pytest.fixture
def probed(page):
    page.context.add_init_script(FIRST_FRAME_PROBE)
    return page


def test_the_first_frame_is_the_article_and_the_next_brings_both_columns_where_they_belong(probed):
    probed.goto(ADD_ORDER)
    first = probed.evaluate("window.firstFrame")
    assert first["marked"] and not first["sidebarShown"] and not first["exampleShown"]
    expect(probed.locator("html")).not_to_have_attribute("data-first-frame", "")
    expect(probed.locator("#nav a[aria-current='page']")).to_be_visible()
    expect(probed.locator("#request-panel pre").first).to_be_visible()
    # The grid fixes both columns' widths, so the article did not move when they arrived.
    assert probed.locator("#description").bounding_box()["x"] == first["articleLeft"]


def test_a_link_to_a_part_of_the_column_draws_everything_at_once(probed):
    """The browser must find #try-it to scroll to it, so a link with a fragment gets no article-only frame."""
    probed.goto(f"{ADD_ORDER}#try-it")
    first = probed.evaluate("window.firstFrame")
    assert not first["marked"] and first["sidebarShown"]


def test_without_javascript_nothing_waits_for_a_frame(browser, live_server, live_catalogue):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(ADD_ORDER)
    expect(page.locator("html")).not_to_have_attribute("data-first-frame", "")
    expect(page.locator("#nav a[aria-current='page']")).to_be_visible()
    expect(page.locator("#request-panel pre").first).to_be_visible()
    context.close()
