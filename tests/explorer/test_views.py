"""Site-wide pages: the home page, the sidebar on every page, 404s and the health check."""

import re

import pytest

from endpoints.guides import guide_list
from endpoints.models import Channel, Endpoint
from explorer.settings import cache_from_url


def test_home_shows_each_domain_with_its_endpoint_count(client, catalogue):
    """The home page has a card per domain whose count matches the catalogue."""
    html = client.get("/").content.decode()
    for domain, label in (("spot", "Spot"), ("futures", "Futures"), ("broker", "Broker")):
        count = Endpoint.objects.filter(domain=domain, retired_at__isnull=True).count()
        assert f"<h2>{label} domain</h2>" in html
        assert f"{count} endpoints" in html
        assert f'href="/search?domain={domain}"' in html


def test_home_links_every_guide_in_reading_order(client, catalogue):
    """The guides appear on the home page in the order guide_list() gives."""
    html = client.get("/").content.decode()
    positions = [html.index(f'<li><a href="{guide.get_absolute_url()}">') for guide in guide_list()]
    assert positions == sorted(positions)


def test_sidebar_counts_each_domain_and_service(client, catalogue):
    """The sidebar shows every domain and service heading with the number of endpoints under it."""
    html = client.get("/").content.decode()
    for domain, label in (("spot", "Spot"), ("futures", "Futures"), ("broker", "Broker")):
        count = Endpoint.objects.filter(domain=domain, retired_at__isnull=True).count()
        assert re.search(rf"{label} domain <span class=\"count\">{count}</span>", html), domain
    count = Endpoint.objects.filter(domain="spot", sdk_service="Spot").count()
    assert f'Spot <span class="count">{count}</span>' in html


def test_sidebar_groups_load_every_endpoint_exactly_once(client, catalogue):
    """Opening each folded service group, across all of them, lists every live endpoint once."""
    html = client.get("/").content.decode()
    groups = re.findall(r'hx-get="(/nav/[^"]+)"', html)
    fragments = "".join(client.get(url).content.decode() for url in groups)
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True):
        assert fragments.count(f'href="{endpoint.get_absolute_url()}"') == 1, endpoint


def test_home_lists_websocket_channels(client, catalogue):
    """The sidebar's WebSocket group counts and links every channel."""
    html = client.get("/").content.decode()
    assert f'WebSocket <span class="count">{Channel.objects.count()}</span>' in html
    for channel in Channel.objects.all():
        assert f'href="{channel.get_absolute_url()}"' in html


def test_home_says_how_to_fill_an_empty_catalogue(client, db):
    """With nothing imported the page explains the command to run instead of showing nothing."""
    Endpoint.objects.all().delete()
    Channel.objects.all().delete()
    html = client.get("/").content.decode()
    assert "python manage.py sync_kucoin" in html


def test_an_unknown_endpoint_is_a_helpful_404(client, catalogue):
    response = client.get("/reference/spot/market/no-such-thing")
    assert response.status_code == 404
    assert "No KuCoin endpoint is catalogued" in response.content.decode()
    assert 'href="/"' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/1", "django_redis.cache.RedisCache"),
    ],
)
def test_cache_url_picks_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused_in_words():
    with pytest.raises(ValueError, match="CACHE_URL 'memcached://x' is not understood"):
        cache_from_url("memcached://x")


@pytest.mark.parametrize("url", ["/", "/guides/"])
def test_site_pages_answer_boosted_navigation_with_their_fragment(client, catalogue, url):
    """Home and the guide index, like every page, give htmx just the main fragment and a <title>."""
    html = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main").content.decode()
    assert html.startswith("<title>") and "<html" not in html and 'id="nav"' not in html


def test_the_sign_in_page_keeps_the_sites_name(client, db):
    """Django's login view would name the site after the host; the header and title keep ours."""
    page = client.get("/accounts/login/").content.decode()
    assert "<title>Sign in · KuCoin API Explorer</title>" in page
    assert ">testserver<" not in page


def test_counts_of_one_read_in_the_singular(client, catalogue):
    """A service with one endpoint is listed as "1 endpoint", never "1 endpoints"."""
    page = client.get("/").content.decode()
    assert "List its 1 endpoint<" in page
    assert " 1 endpoints" not in page
