"""/sitemap.xml, built once per catalogue version like the exports, and /robots.txt, pointing at it."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from endpoints.exports.serving import export_response

from .sitemaps import SITEMAPS

# Forms, fragments, per-user jobs and the admin: nothing a reader lands on from a search engine.
DISALLOWED = ("/admin/", "/try-it/", "/nav/", "/search", "/market-data/jobs", "/market-data/symbols")


def sitemap_document(*, site: str) -> bytes:
    """The sitemap's XML, every address on `site` (an origin such as https://docs.example)."""
    origin = urlsplit(site)
    where = SimpleNamespace(domain=origin.netloc)  # what Sitemap.get_urls reads of a Site
    urls = [url for sitemap in SITEMAPS.values() for url in sitemap().get_urls(site=where, protocol=origin.scheme)]
    return render_to_string("sitemap.xml", {"urlset": urls}).encode()


@require_safe
def sitemap_xml(request):
    """Every page and twin (django.contrib.sitemaps' items and template), cached and revalidated as exports are.

    Built for the exports' stand-in origin, never the requester's Host, so one cached copy serves every host.
    """
    return export_response(
        request,
        name="sitemap.xml",
        content_type="application/xml; charset=utf-8",
        build=lambda site: sitemap_document(site=site),
    )


@require_safe
def robots_txt(request):
    """Name the sitemap and the llms.txt map; keep crawlers out of forms and fragments."""
    sitemap = request.build_absolute_uri(reverse("discovery:sitemap"))
    llms = request.build_absolute_uri(reverse("exports:llms_txt"))
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in DISALLOWED),
        "",
        f"Sitemap: {sitemap}",
        f"# For language models: {llms} (also at /.well-known/llms.txt)",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
