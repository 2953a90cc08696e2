"""The guides' pages and their Markdown twins."""

from django.core.cache import cache
from django.http import Http404
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from endpoints import selectors
from endpoints.reference.markdown import guide_markdown as guide_to_markdown
from endpoints.reference.rendering import markdown_document
from endpoints.reference.responses import MAIN_TARGET, markdown_response, origin, page
from endpoints.release import code_version

from . import Guide, guide_get, guide_list


@gzip_page
@require_safe
def guide_index(request):
    """List the guides in reading order."""
    return page(
        request, "guides/guide_index.html", {"guides": guide_list()}, partials={MAIN_TARGET: "guides/_index.html"}
    )


@gzip_page
@require_safe
def guide_detail(request, slug: str):
    """Show one guide with its table of contents and the guides either side."""
    guide = _guide_or_404(slug)
    html, toc = _guide_html(guide)
    guides = guide_list()
    index = guides.index(guide)
    context = {
        "guide": guide,
        "html": html,
        "toc": [entry for entry in toc if entry["level"] == 2],
        "previous": guides[index - 1] if index > 0 else None,
        "next": guides[index + 1] if index + 1 < len(guides) else None,
    }
    return page(request, "guides/guide_detail.html", context, partials={MAIN_TARGET: "guides/_guide.html"})


@gzip_page
@require_safe
def guide_markdown(request, slug: str):
    """Serve a guide's Markdown twin."""
    guide = _guide_or_404(slug)
    text = guide_to_markdown(guide, base_url=origin(request))
    return markdown_response(text, canonical=request.build_absolute_uri(guide.get_absolute_url()))


def _guide_or_404(slug: str) -> Guide:
    """Return the guide called `slug` or raise a 404 that names it."""
    guide = guide_get(slug=slug)
    if guide is None:
        raise Http404(f"There is no guide called “{slug}”.")
    return guide


def _guide_html(guide: Guide):
    """Render a guide to HTML once per catalogue version (its tables list every endpoint)."""
    key = f"guide-html:{code_version()}:{guide.slug}:{selectors.catalogue_version()}"
    rendered = cache.get(key)
    if rendered is None:
        rendered = markdown_document(guide.markdown(base_url=""))
        cache.set(key, rendered, timeout=None)
    return rendered
