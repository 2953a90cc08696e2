"""The home page lists the catalogue grouped by domain, service and sub-service, with counts."""

import re

import pytest

from endpoints.models import Channel, Endpoint
from explorer.settings import cache_from_url


def test_home_groups_every_endpoint_by_domain_service_and_sub_service(client, catalogue):
    """Every live endpoint is linked once, under headings whose counts add up."""
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for domain, label in (("spot", "Spot"), ("futures", "Futures"), ("broker", "Broker")):
        count = Endpoint.objects.filter(domain=domain, retired_at__isnull=True).count()
        assert re.search(rf"{label} domain <span class=\"count\">{count}</span>", html), domain
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True):
        assert html.count(f'href="{endpoint.get_absolute_url()}"') == 1, endpoint


def test_home_counts_each_sub_service(client, catalogue):
    """A sub-service heading shows how many endpoints it holds."""
    html = client.get("/").content.decode()
    count = Endpoint.objects.filter(domain="spot", sdk_service="Spot", sdk_sub_service="Market").count()
    assert f'Market <span class="count">{count}</span>' in html


def test_home_lists_websocket_channels(client, catalogue):
    html = client.get("/").content.decode()
    assert f'WebSocket channels <span class="count">{Channel.objects.count()}</span>' in html


def test_home_says_how_to_fill_an_empty_catalogue(client, db):
    """With nothing imported the page explains the command to run instead of showing nothing."""
    Endpoint.objects.all().delete()
    Channel.objects.all().delete()
    html = client.get("/").content.decode()
    assert "python manage.py sync_kucoin" in html


def test_every_endpoint_and_channel_page_renders(client, catalogue):
    """No catalogued item produces an error page."""
    for endpoint in Endpoint.objects.all():
        assert client.get(endpoint.get_absolute_url()).status_code == 200, endpoint
    for channel in Channel.objects.all():
        assert client.get(channel.get_absolute_url()).status_code == 200, channel


def test_an_unknown_endpoint_is_a_helpful_404(client, catalogue):
    response = client.get("/reference/spot/market/no-such-thing")
    assert response.status_code == 404
    assert "No KuCoin endpoint is catalogued" in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_health_reports_the_catalogue_size(client, catalogue):
    assert client.get("/health").json() == {
        "status": "ok",
        "endpoints": Endpoint.objects.filter(retired_at__isnull=True).count(),
        "channels": Channel.objects.filter(retired_at__isnull=True).count(),
    }


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_cache_url_picks_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused_in_words():
    with pytest.raises(ValueError, match="CACHE_URL 'memcached://x' is not understood"):
        cache_from_url("memcached://x")
