"""/sitemap.xml, parsed: every live page and Markdown twin exactly once, dated by the catalogue."""

import xml.etree.ElementTree as ET

from django.test import override_settings
from django.urls import resolve, reverse
from django.utils import timezone

from endpoints.guides import guide_list
from endpoints.models import Channel, Endpoint

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ORIGIN = "http://testserver"


def sitemap_entries(client) -> list[tuple[str, str]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, from the test client
    return [(url.findtext("s:loc", namespaces=NS), url.findtext("s:lastmod", namespaces=NS)) for url in root]


def test_every_live_endpoint_and_channel_once_with_its_twin(client, catalogue):
    """Each live endpoint and channel page, and each twin, is listed exactly once."""
    locations = [loc for loc, _ in sitemap_entries(client)]
    assert len(locations) == len(set(locations))
    expected = set()
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True):
        twin = reverse("reference:endpoint_markdown", kwargs={"slug": endpoint.slug})
        expected |= {ORIGIN + endpoint.get_absolute_url(), ORIGIN + twin}
    for channel in Channel.objects.filter(retired_at__isnull=True):
        twin = reverse("reference:channel_markdown", kwargs={"slug": channel.slug})
        expected |= {ORIGIN + channel.get_absolute_url(), ORIGIN + twin}
    reference = {loc for loc in locations if "/reference/" in loc}
    assert reference == expected
    assert len(reference) == 2 * (Endpoint.objects.count() + Channel.objects.count())


def test_guides_and_site_pages_are_listed(client, catalogue):
    """The home page, the guide index, downloads, market data, and each guide with its twin are there."""
    locations = {loc for loc, _ in sitemap_entries(client)}
    assert {ORIGIN + "/", ORIGIN + "/guides/", ORIGIN + "/downloads", ORIGIN + "/market-data/"} <= locations
    for guide in guide_list():
        assert {ORIGIN + guide.get_absolute_url(), ORIGIN + guide.get_markdown_url()} <= locations


def test_retired_endpoints_are_left_out(client, catalogue):
    """A retired endpoint's page still exists but is no longer offered to crawlers, even after caching."""
    endpoint = Endpoint.objects.get(slug="spot/market/get-ticker")
    sitemap_entries(client)  # built and cached before the change
    Endpoint.objects.filter(pk=endpoint.pk).update(retired_at=timezone.now(), updated_at=timezone.now())
    locations = {loc for loc, _ in sitemap_entries(client)}
    assert ORIGIN + endpoint.get_absolute_url() not in locations


def test_lastmod_comes_from_the_catalogue(client, catalogue):
    """An endpoint's lastmod is the day it last changed in the catalogue."""
    endpoint = Endpoint.objects.get(slug="spot/order/add-order")
    lastmod = dict(sitemap_entries(client))[ORIGIN + endpoint.get_absolute_url()]
    assert lastmod == endpoint.updated_at.date().isoformat()


def test_every_listed_address_is_served(client, catalogue):
    """Each address routes to a view, and one of each kind answers 200."""
    locations = [loc.removeprefix(ORIGIN) for loc, _ in sitemap_entries(client)]
    for path in locations:
        resolve(path)
    samples = [
        "/",
        "/reference/spot/order/add-order.md",
        "/reference/websocket/spot-public/ticker",
        "/guides/websocket.md",
    ]
    for path in samples:
        assert path in locations
        assert client.get(path).status_code == 200


def test_sitemap_is_revalidated_like_the_exports(client, catalogue):
    """The sitemap carries an ETag and answers a matching If-None-Match with 304."""
    response = client.get("/sitemap.xml")
    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@override_settings(ALLOWED_HOSTS=["docs.example", "other.example"])
def test_each_host_gets_its_own_addresses(client, catalogue):
    """The cached sitemap never carries the Host of whoever asked first."""
    client.get("/sitemap.xml", HTTP_HOST="docs.example")
    response = client.get("/sitemap.xml", HTTP_HOST="other.example")
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, from the test client
    locations = [url.findtext("s:loc", namespaces=NS) for url in root]
    assert locations and all(loc.startswith("http://other.example/") for loc in locations)
