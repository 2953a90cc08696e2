"""Swagger UI (swagger-ui-dist from npm, run in Chromium) opens /openapi.json and calls each host's real URL.

Swagger UI is served by its own loopback server and loads the document from the
live server across origins, as a Swagger UI hosted anywhere else would. Requests
to KuCoin's hosts are answered inside the browser and never leave the machine.
"""

import http.server
import json
import threading
from functools import partial
from pathlib import Path
from urllib.parse import quote

import pytest

from endpoints.models import Endpoint

pytestmark = pytest.mark.browser

SWAGGER_UI = Path(__file__).resolve().parents[2] / "node_modules" / "swagger-ui-dist"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><link rel="stylesheet" href="/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({url: %s, dom_id: "#ui", docExpansion: "list", deepLinking: true});</script>
</body></html>"""


@pytest.fixture
def swagger_ui(page, live_server, tmp_path):
    """A tab showing Swagger UI on /openapi.json; `.calls` lists the URLs it sent to KuCoin's hosts."""
    if not (SWAGGER_UI / "swagger-ui-bundle.js").exists():
        pytest.fail("swagger-ui-dist is not installed: `make test` installs it (npm ci), or run `npm ci` here")
    (tmp_path / "index.html").write_text(PAGE % json.dumps(f"{live_server.url}/openapi.json"))
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        (tmp_path / name).symlink_to(SWAGGER_UI / name)
    handler = partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    calls = []

    def kucoin(route):
        calls.append((route.request.method, route.request.url))
        headers = {"Access-Control-Allow-Origin": "*"}
        route.fulfill(json={"code": "200000", "data": 1700000000000}, headers=headers)

    for host in ("https://api.kucoin.com", "https://api-futures.kucoin.com", "https://api-broker.kucoin.com"):
        page.route(f"{host}/**", kucoin)
    page.ui_url = f"http://127.0.0.1:{server.server_port}/index.html"
    page.goto(page.ui_url)
    page.wait_for_selector(".opblock", timeout=60_000)
    page.calls = calls
    yield page
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def execute(page, tag: str, operation_id: str) -> None:
    """Open one operation through Swagger UI's deep link, press Try it out and Execute."""
    page.goto(f"{page.ui_url}?{operation_id}#/{quote(tag, safe='')}/{operation_id}")
    block = page.locator(".opblock.is-open")  # the deep link opens exactly this operation
    # Each deep link is a new page that parses the 1.2 MB document again (the fixture's first load
    # gets 60 s too); Swagger UI renders tags lazily, so opening it by a click in place is no option.
    block.wait_for(timeout=60_000)
    assert block.count() == 1
    block.get_by_role("button", name="Try it out").click(timeout=30_000)
    block.get_by_role("button", name="Execute").click()
    block.locator(".live-responses-table").wait_for(timeout=20_000)


def test_swagger_ui_reads_every_operation_without_errors(swagger_ui, screenshot):
    """Swagger UI's own state holds every live endpoint as an operation and no error about the document."""
    live = Endpoint.objects.filter(retired_at__isnull=True).count()
    assert swagger_ui.evaluate("window.ui.specSelectors.operations().size") == live
    assert swagger_ui.evaluate("window.ui.errSelectors.allErrors().size") == 0
    assert swagger_ui.locator(".information-container .title").inner_text().startswith("KuCoin REST API")
    screenshot("swagger-ui")


def test_swagger_ui_sends_each_shared_path_to_its_own_host(swagger_ui):
    """GET /api/v1/timestamp exists on both hosts: Swagger UI calls the spot and the futures URL, each exactly."""
    execute(swagger_ui, "Spot - Market", "spot.market.getServerTime")
    execute(swagger_ui, "Futures - Market", "futures.market.getServerTime")
    assert swagger_ui.calls == [
        ("GET", "https://api.kucoin.com/api/v1/timestamp"),
        ("GET", "https://api-futures.kucoin.com/api/v1/timestamp"),
    ]
