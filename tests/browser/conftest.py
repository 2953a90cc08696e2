"""Real-browser fixtures: Playwright driving Debian's Chromium against a live test server.

Playwright is never allowed to download a browser; `make test` installs Debian's
`chromium` package and every launch points at /usr/bin/chromium.
"""

import contextlib
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM would
# otherwise refuse the test's own database calls as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine's network is closed; background fetches would only fail noisily.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, live_catalogue):
    """A fresh browser tab (own storage, clipboard allowed) on the live server with the catalogue loaded."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    wait_for_enhancements(page)
    yield page
    settle(page)
    context.close()


def wait_for_enhancements(page) -> None:
    """Make goto() and reload() also wait for the scripts static/js/late.js adds after the first paint.

    A page is readable and usable at `load` (every link and form works without them), but a
    test that clicks at once would race htmx's arrival; a person never clicks that fast.
    """
    for name in ("goto", "reload"):
        original = getattr(page, name)

        def navigate(*args, _original=original, **kwargs):
            response = _original(*args, **kwargs)
            # Locators, not wait_for_function: the pages' CSP refuses the string evaluation that would need.
            if kwargs.get("wait_until", "load") == "load" and page.locator("script[data-scripts]").count():
                page.locator("html[data-enhanced]").wait_for(state="attached")
            return response

        setattr(page, name, navigate)


def settle(page, timeout_ms: int = 3000) -> None:
    """Let late requests (htmx loads, sample refreshes) finish before the test's tables are emptied.

    The live server answers in its own thread; a request still reading the
    database while pytest-django flushes it makes the flush fail.
    """
    from playwright.sync_api import Error as PlaywrightError

    # A page that keeps polling is closed anyway after the timeout.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_load_state("networkidle", timeout=timeout_ms)


@pytest.fixture
def screenshot(page, request):
    """Save a full-page screenshot under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
