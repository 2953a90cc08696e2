"""robots.txt names the sitemap; llms.txt is also where agents look for it; pages carry canonical links."""

import re

from django.test import override_settings

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')


def test_robots_names_the_sitemap(client):
    """robots.txt points at the absolute sitemap URL and keeps crawlers out of forms and fragments."""
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /try-it/", "Disallow: /admin/", "Disallow: /search", "Disallow: /market-data/jobs"} <= set(lines)
    assert "Disallow: /" not in lines


def test_well_known_llms_txt_is_llms_txt(client, catalogue):
    """/.well-known/llms.txt serves the same document as /llms.txt."""
    well_known = client.get("/.well-known/llms.txt")
    assert well_known.status_code == 200
    assert well_known.content == client.get("/llms.txt").content
    assert well_known.content.startswith(b"# KuCoin API Explorer\n")


def canonical_of(response) -> list[str]:
    return CANONICAL.findall(response.content.decode())


def test_endpoint_page_is_canonical_without_its_query(client, catalogue):
    """A shared try-it link's page names the plain page address as canonical."""
    response = client.get("/reference/spot/order/add-order?p_symbol=BTC-USDT")
    assert canonical_of(response) == ["http://testserver/reference/spot/order/add-order"]


@override_settings(ALLOWED_HOSTS=["explorer.example"])
def test_canonical_uses_the_host_served(client, catalogue):
    """The canonical address is absolute, on the host the page was served from."""
    response = client.get("/guides/authentication", HTTP_HOST="explorer.example")
    assert canonical_of(response) == ["http://explorer.example/guides/authentication"]


def test_channel_home_and_index_pages_are_canonical(client, catalogue):
    """Every page kind names one canonical address: itself."""
    for path in ("/", "/guides/", "/reference/websocket/spot-public/ticker", "/downloads"):
        assert canonical_of(client.get(path)) == [f"http://testserver{path}"]


def test_not_found_page_names_no_canonical(client, catalogue):
    """A 404 is not an address to index."""
    response = client.get("/reference/spot/order/no-such-order")
    assert response.status_code == 404
    assert canonical_of(response) == []
