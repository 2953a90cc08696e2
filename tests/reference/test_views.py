"""Endpoint and channel pages: what they show, their htmx fragments, and their 404s."""

import re

import pytest

from endpoints.models import Channel, Endpoint

HTMX_MAIN = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "main"}
EIGHT_FIELDS = ["domain", "api-channel", "api-permission", "rate-limit pool", "rate-limit weight", "sdk-service",
                "sdk-sub-service", "sdk-method-name"]  # fmt: skip


def page_of(client, endpoint, **headers) -> str:
    response = client.get(endpoint.get_absolute_url(), **headers)
    assert response.status_code == 200
    return response.content.decode()


def metadata_value(html: str, label: str) -> str:
    """The <dd> text under a metadata label."""
    match = re.search(rf">{re.escape(label)}</a></dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert match, label
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.fixture
def add_order(catalogue):
    return Endpoint.objects.get(slug="spot/order/add-order")


def test_endpoint_page_shows_method_and_full_url_on_its_domain(client, add_order):
    """The URL line joins the domain's public base URL and the path."""
    html = page_of(client, add_order)
    assert '<span class="method method-post">POST</span>' in html
    assert '<span class="base-url">https://api.kucoin.com</span>/api/v1/hf/orders' in html.replace("<wbr>", "")


def test_endpoint_page_labels_the_eight_fields_and_links_each_to_its_guide(client, add_order):
    """All eight KuCoin fields are shown with their values and a link to the guide that explains them."""
    html = page_of(client, add_order)
    for label in EIGHT_FIELDS:
        assert re.search(rf'<dt><a href="/guides/[a-z-]+#[a-z0-9-]+">{re.escape(label)}</a></dt>', html), label
    assert metadata_value(html, "domain") == "Spot"
    assert metadata_value(html, "api-channel") == "Private"
    assert metadata_value(html, "api-permission") == "Spot"
    assert metadata_value(html, "rate-limit pool") == "Spot"
    assert metadata_value(html, "rate-limit weight") == str(add_order.rate_limit_weight)
    assert metadata_value(html, "sdk-method-name") == "addOrder"


def test_guide_links_from_the_metadata_land_on_real_headings(client, add_order):
    """Every metadata link's #anchor exists on the guide it points to."""
    html = page_of(client, add_order)
    for guide, anchor in set(re.findall(r'<dt><a href="/guides/([a-z-]+)#([a-z0-9-]+)">', html)):
        assert f'id="{anchor}"' in client.get(f"/guides/{guide}").content.decode(), (guide, anchor)


def test_an_unpublished_weight_reads_unknown_and_no_permission_reads_none(client, catalogue):
    """A NULL weight is 'unknown', never 0; a blank permission is 'none'."""
    endpoint = Endpoint.objects.filter(metadata_published=True, rate_limit_weight__isnull=True).first()
    assert metadata_value(page_of(client, endpoint), "rate-limit weight") == "unknown"
    public = Endpoint.objects.filter(metadata_published=True, api_permission="").first()
    assert metadata_value(page_of(client, public), "api-permission") == "none"


def test_a_unified_account_route_says_kucoin_publishes_no_metadata(client, catalogue):
    """UTA routes say so plainly, and their unpublished fields say 'not published' rather than blank."""
    endpoint = Endpoint.objects.filter(metadata_published=False).first()
    html = page_of(client, endpoint)
    assert "KuCoin publishes no metadata for this route." in html
    for label in ("api-channel", "api-permission", "rate-limit pool", "rate-limit weight"):
        assert metadata_value(html, label) == "not published by KuCoin", label
    assert metadata_value(html, "sdk-method-name") == endpoint.sdk_method_name


def test_parameter_table_has_every_column_and_parameter(client, catalogue):
    """Name, where, type, required, values and default per parameter, its description in a row beneath."""
    endpoint = Endpoint.objects.filter(parameters__enum_values__contains='"').distinct().first()
    html = page_of(client, endpoint)
    for heading in ("Name", "In", "Type", "Required", "Values", "Default"):
        assert f'<th scope="col">{heading}</th>' in html
    for parameter in endpoint.parameters.all():
        row = html[html.index(f'<tbody id="param-{parameter.name}">') :].split("</tbody>", 1)[0]
        assert f'<td data-label="In">{parameter.location}</td>' in row
        if parameter.description:
            assert '<tr class="param-desc"><td colspan="6" class="prose">' in row
        for value in parameter.enum_values:
            assert f"<code>{value}</code>" in html


def test_response_is_a_collapsible_tree_of_the_schema(client, catalogue):
    """Nested response fields sit in <details> and every property of `data` is listed."""
    endpoint = Endpoint.objects.get(slug="spot/market/get-ticker")
    html = page_of(client, endpoint)
    section = html[html.index('id="response"') :]
    assert '<details class="field-children" open>' in section
    for name in endpoint.response_schema["properties"]["data"]["properties"]:
        assert f'<code class="field-name">{name}</code>' in section


def test_examples_are_highlighted_server_side(client, add_order):
    """The example request and response come highlighted by Pygments, with KuCoin's example values."""
    html = page_of(client, add_order)
    examples = html[html.index('id="examples"') :]
    assert '<pre class="hl" data-language="http">' in examples
    assert '<pre class="hl" data-language="json">' in examples
    assert '<span class="nt">"clientOid"</span>' in examples


def test_endpoint_page_links_official_doc_neighbours_and_markdown(client, add_order):
    """KuCoin's page, previous and next endpoints, and the Markdown twin (also the Copy page button)."""
    html = page_of(client, add_order)
    assert f'href="{add_order.doc_url}"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert f'href="{add_order.get_absolute_url()}.md" data-copy-markdown>Copy page</a>' in html


def test_endpoint_page_keeps_the_other_issues_hooks(client, add_order):
    """The try-it panel is on the page; <head> names its styles and script for late.js, links the styles for no-JS."""
    html = page_of(client, add_order)
    head = html[: html.index("</head>")]
    loader = re.search(r'<script src="/static/js/late\.js" defer data-styles="([^"]*)" data-scripts="([^"]*)">', head)
    assert loader, "one deferred loader brings the rest after the first frame"
    assert "/static/css/try-it.css" in loader[1].split()
    assert "/static/js/try-it.js" in loader[2].split()
    assert loader[2].split()[0].endswith("/htmx-2.min.js"), "htmx comes first: the others listen to it"
    assert '<noscript><link rel="stylesheet" href="/static/css/try-it.css">' in head
    assert 'class="request-panel"' in html


def test_deprecated_endpoints_are_flagged_on_the_page_and_struck_in_the_sidebar(client, catalogue):
    """A deprecated endpoint shows a notice, and its sidebar entry carries the struck-through class."""
    endpoint = Endpoint.objects.filter(deprecated=True).first()
    html = page_of(client, endpoint)
    assert "KuCoin marks this endpoint as deprecated" in html
    assert re.search(rf'<a href="{endpoint.get_absolute_url()}"( aria-current="page")? class="[a-z]+ dep"', html)


def test_the_current_endpoint_is_highlighted_in_the_sidebar(client, add_order):
    """The sidebar marks the page's own link as current and opens its service."""
    html = page_of(client, add_order)
    body = html[html.index("<body") :]
    assert f'href="{add_order.get_absolute_url()}" aria-current="page"' in body
    assert body.count('aria-current="page"') == 1


def test_htmx_navigation_gets_only_the_main_fragment_with_a_title(client, add_order):
    """A boosted request targeting #main gets the article and a <title>, without the page shell."""
    html = page_of(client, add_order, **HTMX_MAIN)
    assert html.startswith("<title>Add Order")
    assert "<html" not in html and 'id="nav"' not in html
    assert 'id="description"' in html


def test_history_restore_gets_the_whole_page(client, add_order):
    """htmx restoring history swaps <body>, so it must receive the full page."""
    html = page_of(client, add_order, **HTMX_MAIN, HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert html.startswith("<!doctype html>")


def test_pages_vary_on_the_htmx_headers(client, add_order):
    """Caches must not serve a fragment for a full-page request."""
    response = client.get(add_order.get_absolute_url())
    assert "HX-Request" in response["Vary"] and "HX-Target" in response["Vary"]


def test_a_description_with_script_or_javascript_links_is_rendered_inert(client, add_order):
    """Markdown is sanitised: no <script>, no javascript: URL, no inline handler survives."""
    add_order.description = (
        'Hello <script>alert("x")</script> [click](javascript:alert(1)) '
        '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">a</a>'
    )
    add_order.save()
    html = page_of(client, add_order)
    description = html[html.index('id="description"') : html.index('id="parameters"')]
    assert "<script" not in description
    assert "javascript:" not in description
    assert "onerror" not in description
    assert "Hello" in description


def test_channel_page_shows_topic_access_frequency_schema_and_example(client, catalogue):
    """A channel page has its topic with placeholders, public/private, push frequency, message schema and example."""
    channel = Channel.objects.get(slug="spot-public/ticker")
    response = client.get(channel.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<var class="placeholder">{symbol}</var>' in html
    assert '<span class="badge badge-public">Public</span>' in html
    assert channel.push_frequency in html
    assert 'id="message"' in html and '<code class="field-name">data</code>' in html
    assert '<pre class="hl" data-language="json">' in html
    assert '<span class="nt">"type"</span>: <span class="s2">"subscribe"</span>' in html


def test_private_channel_subscribes_privately_with_the_private_token(client, catalogue):
    """A private channel's subscribe frame sets privateChannel and names the private token endpoint."""
    channel = Channel.objects.filter(api_channel="private", sdk_service="Spot").first()
    html = client.get(channel.get_absolute_url()).content.decode()
    assert "/api/v1/bullet-private" in html
    assert '<span class="nt">"privateChannel"</span>: <span class="kc">true</span>' in html


def test_channel_htmx_fragment(client, catalogue):
    """Channel pages also answer boosted requests with the main fragment."""
    channel = Channel.objects.first()
    html = client.get(channel.get_absolute_url(), **HTMX_MAIN).content.decode()
    assert html.startswith("<title>") and "<html" not in html


def test_an_unknown_endpoint_is_a_404_that_suggests_near_matches(client, catalogue):
    """A mistyped slug gets a 404 that says what was missing and links likely endpoints."""
    response = client.get("/reference/spot/market/get-tickr")
    html = response.content.decode()
    assert response.status_code == 404
    assert "No KuCoin endpoint is catalogued at" in html
    assert 'href="/reference/spot/market/get-ticker"' in html


def test_an_unknown_channel_is_a_404(client, catalogue):
    response = client.get("/reference/websocket/spot-public/nope")
    assert response.status_code == 404
    assert "No KuCoin WebSocket channel is catalogued" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/reference/" + "x" * 3000, "/reference/%00", "/reference/<script>alert(1)</script>", "/nav/spot/Nope",
     "/reference/websocket/", "/guides/nope", "/guides/nope.md", "/reference/nope.md"],
)  # fmt: skip
def test_bad_addresses_are_404_pages_not_errors(client, catalogue, url):
    """Junk in the path is a plain 404 with nothing echoed unescaped."""
    response = client.get(url)
    assert response.status_code == 404
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_folded_sidebar_group_loads_its_endpoints(client, catalogue):
    """/nav/<domain>/<service> lists the service's endpoints and marks the page the request came from."""
    endpoint = Endpoint.objects.get(slug="spot/market/get-ticker")
    html = client.get(
        "/nav/spot/Spot", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{endpoint.get_absolute_url()}"
    ).content.decode()
    assert f'href="{endpoint.get_absolute_url()}" aria-current="page"' in html
    assert html.count("<li>") == Endpoint.objects.filter(domain="spot", sdk_service="Spot").count()


def test_every_endpoint_and_channel_page_renders(client, catalogue):
    """No catalogued item produces an error page."""
    for endpoint in Endpoint.objects.all():
        assert client.get(endpoint.get_absolute_url()).status_code == 200, endpoint
    for channel in Channel.objects.all():
        assert client.get(channel.get_absolute_url()).status_code == 200, channel


def test_pages_and_twins_are_compressed_for_clients_that_accept_gzip(client, add_order):
    """HTML and Markdown go out gzipped (a fifth of the bytes) when the client asks for it."""
    for url in (add_order.get_absolute_url(), f"{add_order.get_absolute_url()}.md"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response["Vary"]
