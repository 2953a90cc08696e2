"""/robots.txt, pointing crawlers at the sitemap and away from pages that are not documentation."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

# Forms, fragments and the admin: nothing a reader lands on from a search engine.
DISALLOWED = ("/admin/", "/try-it/", "/nav/", "/search")


@require_safe
def robots_txt(request):
    """Name the sitemap and the llms.txt map; keep crawlers out of forms and fragments."""
    sitemap = request.build_absolute_uri(reverse("discovery:sitemap"))
    llms = request.build_absolute_uri(reverse("exports:llms_txt"))
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "", f"Sitemap: {sitemap}",
             f"# For language models: {llms} (also at /.well-known/llms.txt)"]  # fmt: skip
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
