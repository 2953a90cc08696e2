"""Under the Content-Security-Policy, Chromium reports no violation and the pages, htmx and try-it all work."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_try_it import fill_demo_key, to_sandbox  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser

# Runs before any page script (injected by the browser, so the policy does not apply to it).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
});
"""


@pytest.fixture
def watched(page):
    """The tab, with every CSP violation (DOM event or console message) collected."""
    console = page.csp_console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    yield page
    events = page.evaluate("window.__cspViolations || []")
    reported = [text for text in console if "Content Security Policy" in text or "Content-Security-Policy" in text]
    assert events == [] and reported == [], events + reported


def test_the_policy_is_in_force_and_an_injected_inline_script_is_blocked(watched):
    """Proof the check can fail: an inline script the policy does not name does not run, and a violation is reported."""
    response = watched.goto("/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    watched.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.append(s); }"
    )
    watched.wait_for_function("window.__cspViolations.length > 0")
    assert watched.evaluate("window.__ran") is None
    assert "script-src" in watched.evaluate("window.__cspViolations[0]")
    assert any("Content Security Policy" in text for text in watched.csp_console)
    watched.evaluate("window.__cspViolations = []")  # the watched fixture checks the real pages' own scripts
    watched.csp_console.clear()


def test_theme_search_and_boosted_navigation_work_under_the_policy(watched):
    """The hashed theme script, htmx search-as-you-type and boosted sidebar links all run; nothing is blocked."""
    watched.goto("/")
    watched.locator(".theme-toggle").click()
    expect(watched.locator("html")).to_have_attribute("data-theme", "dark")
    watched.reload()
    expect(watched.locator("html")).to_have_attribute("data-theme", "dark")  # the inline theme script ran
    watched.locator("#site-q").fill("add order")
    expect(watched.locator("#search-suggest a").first).to_contain_text("Add Order")
    watched.locator("#search-suggest a").first.click()
    expect(watched.locator("h1")).to_have_text("Add Order")
    watched.evaluate("window.__marker = 'same document'")
    watched.locator("#nav a", has_text=re.compile(r"^Cancel Order By OrderId$")).first.click()
    expect(watched.locator("h1")).to_have_text("Cancel Order By OrderId")
    assert watched.evaluate("window.__marker") == "same document"  # htmx swapped <main>, no full load
    watched.goto("/guides/authentication")
    expect(watched.locator("h1")).to_contain_text("Authentication")
    watched.goto("/market-data/")
    watched.wait_for_load_state("networkidle")


def test_try_it_sends_and_shows_the_answer_under_the_policy(watched, to_sandbox):  # noqa: F811
    """A private send through htmx shows the answer and refreshes the samples with no violation."""
    watched.goto("/reference/account/account/get-spot-account-list")
    fill_demo_key(watched, to_sandbox)
    panel = watched.locator("#try-it")
    panel.get_by_role("button", name="Send").click()
    expect(panel.locator(".result .status")).to_have_text("200 OK")
    expect(panel.locator(".try-it-history")).to_be_visible()  # try-it.js read the answer's JSON data block
    expect(panel.locator("#sample-curl")).to_contain_text("KC_API_SECRET")
