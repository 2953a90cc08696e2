"""Deprecated pages name the replacement KuCoin names, linked to our page."""

from endpoints.models import Endpoint
from endpoints.reference.replacements import replacement_find


def test_a_deprecated_page_links_the_replacement_kucoin_names(client, catalogue):
    """Sub-account summary V1 says to use GET /api/v2/sub/user: its notice links that endpoint's page."""
    old = Endpoint.objects.get(slug="account/sub-account/get-spot-sub-accounts-summary-v1")
    new = Endpoint.objects.get(domain=old.domain, method="GET", path="/api/v2/sub/user", retired_at__isnull=True)
    html = client.get(old.get_absolute_url()).content.decode()
    notice = html.split("KuCoin marks this endpoint as deprecated", 1)[1].split("</p>", 1)[0]
    assert f'<a href="{new.get_absolute_url()}">' in notice
    assert "/reference/" in new.get_absolute_url()


def test_a_deprecated_endpoint_naming_no_route_has_no_replacement(catalogue):
    """'Use cross margin instead' names no endpoint, so no link is made up."""
    endpoint = Endpoint.objects.get(slug="futures/positions/modify-auto-deposit-status")
    assert endpoint.deprecated
    assert replacement_find(endpoint=endpoint) is None


def test_a_deprecated_page_without_a_replacement_does_not_promise_one(client, catalogue):
    """Where KuCoin names no replacement, the notice says so instead of pointing at "its replacement"."""
    endpoint = Endpoint.objects.get(slug="futures/positions/modify-auto-deposit-status")
    html = client.get(endpoint.get_absolute_url()).content.decode()
    notice = html.split("KuCoin marks this endpoint as deprecated", 1)[1].split("</p>", 1)[0]
    assert "should not rely on it. KuCoin names no replacement." in notice and "its replacement" not in notice


def test_the_markdown_twin_names_the_replacement_as_the_page_does(client, catalogue):
    """The twin's deprecation line links the same replacement, with an absolute URL an agent can follow."""
    old = Endpoint.objects.get(slug="account/sub-account/get-spot-sub-accounts-summary-v1")
    new = replacement_find(endpoint=old)
    twin = client.get(old.get_absolute_url() + ".md").content.decode()
    line = next(line for line in twin.splitlines() if line.startswith("> Deprecated:"))
    assert f"use [{new.summary}](http://testserver{new.get_absolute_url()}) (`GET /api/v2/sub/user`)" in line


def test_the_markdown_twin_says_when_kucoin_names_no_replacement(client, catalogue):
    endpoint = Endpoint.objects.get(slug="futures/positions/modify-auto-deposit-status")
    twin = client.get(endpoint.get_absolute_url() + ".md").content.decode()
    assert "KuCoin names no replacement." in twin and "its replacement" not in twin
