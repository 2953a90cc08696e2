"""How docs views answer: a whole page, the fragment an htmx request targets, or a Markdown twin."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers

# The element boosted links swap; its partial is the page minus header and sidebar.
MAIN_TARGET = "main"
MARKDOWN_CONTENT_TYPE = "text/markdown; charset=utf-8"


def page(
    request: HttpRequest, template: str, context: dict, *, partials: dict[str, str] | None = None, status: int = 200
) -> TemplateResponse:
    """Render `template`, or the partial named for the element an htmx request targets.

    History restores ask for the whole page (htmx swaps it into <body>), so they
    never get a fragment.
    """
    htmx = getattr(request, "htmx", None)
    chosen = template
    if htmx and not htmx.history_restore_request and partials and htmx.target in partials:
        chosen = partials[htmx.target]
    response = TemplateResponse(request, chosen, context, status=status)
    # The same URL answers with different bodies; caches must keep them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def markdown_response(text: str, *, canonical: str = "") -> HttpResponse:
    """Serve a Markdown twin as text/markdown, pointing back to its HTML page."""
    response = HttpResponse(text, content_type=MARKDOWN_CONTENT_TYPE)
    if canonical:
        response["Link"] = f'<{canonical}>; rel="canonical"'
    return response


def origin(request: HttpRequest) -> str:
    """This site's absolute origin, e.g. http://127.0.0.1:8000, for links in Markdown twins."""
    return request.build_absolute_uri("/").rstrip("/")
