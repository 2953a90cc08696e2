"""/sitemap.xml, built once per catalogue version like the exports, and /robots.txt, pointing at it."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from endpoints.exports.serving import export_response

from .sitemaps import SITEMAPS

# Forms, fragments, per-user jobs and the admin: nothing a reader lands on from a search engine.
DISALLOWED = ("/admin/", "/try-it/", "/nav/", "/search", "/market-data/jobs", "/market-data/symbols")


@require_safe
def sitemap_xml(request):
    """Every page and twin, from django.contrib.sitemaps, cached and revalidated as the exports are."""

    def build(site: str) -> bytes:
        return sitemap_views.sitemap(request, sitemaps=SITEMAPS).rendered_content.encode()

    return export_response(request, name="sitemap.xml", content_type="application/xml; charset=utf-8", build=build)


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
