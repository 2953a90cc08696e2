"""The guides: reading order, pages, and the facts each one computes from the catalogue or the signing code."""

import re

import pytest
from django.utils.html import escape

from endpoints.guides import guide_get, guide_list
from endpoints.guides.context import SIGNING_EXAMPLE
from endpoints.kucoin import signing
from endpoints.models import ApiPermission, Channel, Endpoint

KUCOIN_DOC_SIGNATURE = "ncPuAcZW8WYUZyvblRVVgMfYoVH+FlCTO6K45/FMLFQ="


def guide_html(client, slug: str, **headers) -> str:
    response = client.get(f"/guides/{slug}", **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_guides_come_in_reading_order_with_titles_summaries_and_urls():
    """Introduction first, then authentication, rate limits, permissions, WebSocket."""
    guides = guide_list()
    assert [g.slug for g in guides] == ["introduction", "authentication", "rate-limits", "permissions", "websocket"]
    for guide in guides:
        assert guide.title and guide.summary
        assert guide.get_absolute_url() == f"/guides/{guide.slug}"
    assert guide_get(slug="nope") is None


def test_guide_index_lists_every_guide(client, catalogue):
    html = client.get("/guides/").content.decode()
    for guide in guide_list():
        assert f'href="{guide.get_absolute_url()}"' in html


@pytest.mark.parametrize("path", ["/", "/guides/"])
def test_guide_lists_set_each_summary_off_from_its_title(client, catalogue, path):
    """A listed guide reads "Title: summary", not one run-on sentence."""
    html = client.get(path).content.decode()
    for guide in guide_list():
        assert f'{guide.title}</a><span class="muted">: {escape(guide.summary)}</span>' in html


@pytest.mark.parametrize("guide", guide_list(), ids=lambda g: g.slug)
def test_each_guide_renders_with_a_table_of_contents_and_an_htmx_fragment(client, catalogue, guide):
    """The page has the guide's H1 and an 'On this page' list; boosted requests get the fragment."""
    html = guide_html(client, guide.slug)
    assert f'<h1 id="{guide.slug}">{guide.title}</h1>' in html or f">{guide.title}</h1>" in html
    assert "On this page" in html
    fragment = guide_html(client, guide.slug, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main")
    assert fragment.startswith("<title>") and "<html" not in fragment


def test_authentication_example_is_computed_by_the_signing_code(client, catalogue):
    """The worked example's signature comes from endpoints.kucoin.signing and equals KuCoin's documented one."""
    html = guide_html(client, "authentication")
    computed = signing.request_signature(
        SIGNING_EXAMPLE["secret"], SIGNING_EXAMPLE["timestamp"], "POST", "/api/v1/orders", SIGNING_EXAMPLE["body"]
    )
    assert computed == KUCOIN_DOC_SIGNATURE
    assert f"<code>{computed}\n</code>" in html
    assert "This is the value KuCoin's documentation publishes" in html
    assert '1680885532722POST/api/v1/orders{"symbol":"BTC-USDT","side":"buy"' in html  # shown once-escaped
    assert "currency=BTC&amp;type=main" in html and "&amp;amp;" not in html
    assert signing.passphrase_signature(SIGNING_EXAMPLE["secret"], "1111111") in html


def test_authentication_example_follows_the_signing_code(client, catalogue, monkeypatch):
    """If the signing code changed its answer, the guide would show that answer and say it differs."""
    monkeypatch.setattr(signing, "request_signature", lambda *args: "CHANGED=")
    text = guide_get(slug="authentication").markdown()
    assert "CHANGED=" in text
    assert "differs from the value KuCoin's documentation publishes" in text


def test_rate_limit_guide_lists_every_published_endpoint_by_pool_heaviest_first(catalogue):
    """Each pool's table holds its endpoints, weights descending, unknown weights last."""
    text = guide_get(slug="rate-limits").markdown()
    published = Endpoint.objects.filter(metadata_published=True, retired_at__isnull=True)
    for pool in published.values_list("rate_limit_pool", flat=True).distinct():
        section = text.split(f"### {pool} pool", 1)[1].split("###", 1)[0]
        weights = re.findall(r"^\| (\d+|unknown) \| [A-Z]+ \|", section, re.M)
        assert len(weights) == published.filter(rate_limit_pool=pool).count(), pool
        known = [int(w) for w in weights if w != "unknown"]
        assert known == sorted(known, reverse=True), pool
        assert weights[len(known) :] == ["unknown"] * (len(weights) - len(known)), pool
    assert "| 12 | 40000 | 20000 | 20000 | 2000 |" in text


def test_permissions_guide_explains_each_permission_with_its_endpoints(catalogue):
    """Every permission is described, and each one used has a table of the endpoints needing it."""
    text = guide_get(slug="permissions").markdown()
    for permission in ApiPermission:
        assert f"- **{permission.value}**:" in text
        needing = Endpoint.objects.filter(api_permission=permission.value, retired_at__isnull=True)
        for endpoint in needing:
            assert endpoint.get_absolute_url() in text


def test_websocket_guide_names_token_endpoints_and_every_channel(catalogue):
    text = guide_get(slug="websocket").markdown()
    assert text.count("/api/v1/bullet-public") >= 2 and "/api/v1/bullet-private" in text
    for step in ("## 1. Get a token", "## 2. Connect", "## 3. Ping", "## 4. Subscribe"):
        assert step in text
    for channel in Channel.objects.all():
        assert channel.get_absolute_url() in text


def test_introduction_gives_each_domain_its_base_url(catalogue):
    text = guide_get(slug="introduction").markdown()
    for base_url in ("https://api.kucoin.com", "https://api-futures.kucoin.com", "https://api-broker.kucoin.com"):
        assert f"`{base_url}`" in text
    assert "## How a reference page is laid out" in text
