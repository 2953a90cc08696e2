"""Every URL pattern that answers GET also answers HEAD: the same status and headers, no body."""

import pytest
from django.urls import URLResolver, get_resolver, reverse

# One real address per URL name; a new pattern must be added here to be covered.
SAMPLE_KWARGS = {
    "home": {},
    "health": {},
    "guides:index": {},
    "guides:markdown": {"slug": "authentication"},
    "guides:detail": {"slug": "authentication"},
    "exports:index": {},
    "exports:openapi": {"fmt": "json"},
    "exports:openapi_domain": {"domain": "spot", "fmt": "yaml"},
    "exports:openapi_service": {"service": "spot", "fmt": "json"},
    "exports:openapi_endpoint": {"slug": "spot/order/add-order", "fmt": "json"},
    "exports:openapi_ambiguous": {"name": "spot", "fmt": "json"},
    "exports:asyncapi": {"fmt": "json"},
    "exports:asyncapi_host": {"host": "spot", "fmt": "yaml"},
    "exports:postman": {},
    "exports:postman_environment": {},
    "exports:llms_txt": {},
    "exports:llms_full_txt": {},
    "try_it:send": {"slug": "spot/market/get-ticker"},
    "try_it:samples": {"slug": "spot/market/get-ticker"},
    "try_it:prepare": {"slug": "account/account/get-spot-account-list"},
    "try_it:send_prepared": {"slug": "account/account/get-spot-account-list"},
    "try_it:landing": {"slug": "spot/market/get-ticker"},
    "try_it:ws_token": {"slug": "spot-public/ticker"},
    "reference:search": {},
    "reference:nav": {"domain": "spot", "service": "Spot"},
    "reference:channel_markdown": {"slug": "spot-public/ticker"},
    "reference:channel": {"slug": "spot-public/ticker"},
    "reference:endpoint_markdown": {"slug": "spot/order/add-order"},
    "reference:endpoint": {"slug": "spot/order/add-order"},
    "market_data:page": {},
    "market_data:symbols": {},
    "market_data:job_start": {},
    "market_data:job": {"job_id": "00000000-0000-4000-8000-000000000000"},
    "market_data:job_resume": {"job_id": "00000000-0000-4000-8000-000000000000"},
    "market_data:job_download": {"job_id": "00000000-0000-4000-8000-000000000000"},
    "discovery:sitemap": {},
    "discovery:robots": {},
    "discovery:well_known_llms_txt": {},
    "login": {},
    "logout": {},
    "notes:list": {},
    "notes:add": {"kind": "endpoint", "pk": 1},
    "notes:edit": {"pk": 1},
    "notes:delete": {"pk": 1},
    "history:changes": {},
    "history:feed": {},
    "history:sync": {"pk": 1},
    "budget:page": {},
    "admin:index": {},
    "admin:login": {},
}


def url_names(patterns=None, namespace=None):
    """Every named URL pattern, namespaced, outside the admin's own model pages."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner != "admin":
                yield from url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_pattern_has_a_sample_address():
    """No pattern escapes the HEAD check below."""
    assert set(url_names()) <= set(SAMPLE_KWARGS)


@pytest.mark.parametrize("name", sorted(SAMPLE_KWARGS))
def test_head_answers_like_get_without_a_body(client, catalogue, name):
    """HEAD gets GET's status and content type and an empty body; POST-only views refuse both."""
    url = reverse(name, kwargs=SAMPLE_KWARGS[name])
    got, head = client.get(url), client.head(url)
    if got.status_code == 405:
        assert head.status_code == 405, url  # a POST-only view (try-it's send)
        return
    assert got.status_code < 500, url  # the ambiguous-export page is a helpful 404
    assert head.status_code == got.status_code, url
    assert head.get("Content-Type") == got.get("Content-Type"), url
    assert head.content == b"", url
