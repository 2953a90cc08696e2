"""Export views: each picks an export, names it, and leaves building, caching and headers to `serving`."""

from __future__ import annotations

from django.http import HttpResponseNotFound
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from endpoints import selectors

from . import asyncapi, openapi
from .llms import LlmsTxt
from .postman import PostmanCollection, postman_environment
from .serializers import to_json, to_yaml
from .serving import export_response

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}


def _not_found(message: str) -> HttpResponseNotFound:
    return HttpResponseNotFound(message + "\n", content_type=CONTENT_TYPES["text"])


def _openapi_response(request, scope: openapi.Scope, fmt: str, *, cached: bool = True):
    render = to_json if fmt == "json" else to_yaml
    return export_response(
        request,
        name=f"openapi:{scope.name}:{fmt}",
        content_type=CONTENT_TYPES[fmt],
        build=lambda site: render(openapi.OpenApiDocument(scope, site_url=site).build()),
        cached=cached,
    )


@require_safe
def openapi_whole(request, fmt: str):
    return _openapi_response(request, openapi.whole_scope(), fmt)


@require_safe
def openapi_domain(request, domain: str, fmt: str):
    scope = openapi.domain_scope(domain)
    if scope is None:
        return _not_found(f"There is no KuCoin host called '{domain}': use spot, futures or broker.")
    return _openapi_response(request, scope, fmt)


@require_safe
def openapi_service(request, service: str, fmt: str):
    scopes = openapi.service_scopes()
    if service not in scopes:
        return _not_found(f"There is no SDK service called '{service}': use one of {', '.join(scopes)}.")
    return _openapi_response(request, scopes[service], fmt)


@require_safe
def openapi_endpoint(request, slug: str, fmt: str):
    endpoint = selectors.endpoint_get(slug=slug.strip("/"))
    if endpoint is None:
        return _not_found(f"No KuCoin endpoint is catalogued at '{slug}'.")
    # One operation builds in about a millisecond: not worth a cache entry per endpoint.
    return _openapi_response(request, openapi.endpoint_scope(endpoint), fmt, cached=False)


@require_safe
def openapi_ambiguous(request, name: str, fmt: str):
    """`/openapi/spot.json` could mean the spot host or the Spot service: say which addresses exist."""
    return _not_found(
        f"/openapi/{name}.{fmt} is not an export. Per host: /openapi/domains/<spot|futures|broker>.{fmt}; "
        f"per SDK service: /openapi/services/<service>.{fmt} (see /downloads for the list)."
    )


def _asyncapi_response(request, host: str | None, fmt: str):
    render = to_json if fmt == "json" else to_yaml
    return export_response(
        request,
        name=f"asyncapi:{host or 'all'}:{fmt}",
        content_type=CONTENT_TYPES[fmt],
        build=lambda site: render(asyncapi.AsyncApiDocument(host=host, site_url=site).build()),
    )


@require_safe
def asyncapi_whole(request, fmt: str):
    return _asyncapi_response(request, None, fmt)


@require_safe
def asyncapi_host(request, host: str, fmt: str):
    if host not in asyncapi.host_names():
        hosts = " or ".join(asyncapi.host_names())
        return _not_found(f"There is no KuCoin WebSocket host called '{host}': use {hosts}.")
    return _asyncapi_response(request, host, fmt)


@require_safe
def postman_collection(request):
    return export_response(
        request,
        name="postman:collection",
        content_type=CONTENT_TYPES["json"],
        build=lambda site: to_json(PostmanCollection(site_url=site).build(), indent=2),
    )


@require_safe
def postman_environment_file(request):
    return export_response(
        request,
        name="postman:environment",
        content_type=CONTENT_TYPES["json"],
        build=lambda site: to_json(postman_environment(site_url=site), indent=2),
    )


@require_safe
def llms_txt(request):
    return export_response(
        request,
        name="llms.txt",
        content_type=CONTENT_TYPES["text"],
        build=lambda site: LlmsTxt(site_url=site).render().encode(),
    )


@require_safe
def llms_full_txt(request):
    return export_response(
        request,
        name="llms-full.txt",
        content_type=CONTENT_TYPES["text"],
        build=lambda site: LlmsTxt(site_url=site).render_full().encode(),
        with_notes=True,
    )


@require_safe
def download_index(request):
    """Every export on one page, with what each holds."""
    return TemplateResponse(
        request,
        "exports/index.html",
        {
            "domains": [(scope.value, scope.label) for scope in map(openapi.domain_scope, openapi.DOMAIN_ORDER)],
            "services": [(slug, scope.value) for slug, scope in openapi.service_scopes().items()],
            "counts": selectors.catalogue_counts(),
            "websocket_hosts": [(name, asyncapi.HOST_LABELS[name]) for name in asyncapi.host_names()],
        },
    )
