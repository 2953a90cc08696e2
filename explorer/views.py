"""Site-wide pages: home, search, guides, the helpful 404, and the health check."""

import difflib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from endpoints import selectors
from endpoints.exports.markdown import guide_markdown as guide_to_markdown
from endpoints.models import Channel, Endpoint
from endpoints.rendering import markdown_document, templates_version
from endpoints.responses import MAIN_TARGET, markdown_response, origin, page
from endpoints.search import HEAVY_ENDPOINT_FIELDS, Hit, catalogue_search

from .forms import SearchForm
from .guides import guide_get, guide_list

RESULTS_PER_PAGE = 25
SUGGESTIONS = 8
NOT_FOUND_SUGGESTIONS = 6
MAX_SLUG_LENGTH = 200
SUGGEST_TARGET = "search-suggest"
RESULTS_TARGET = "search-results"


@gzip_page
@require_GET
def home(request):
    """Show the catalogue's domains, the search box and the guides."""
    context = {
        "counts": selectors.catalogue_counts(),
        "domains": selectors.domain_counts(),
        "guides": guide_list(),
        "latest_sync": selectors.latest_sync(),
    }
    return page(request, "home.html", context, partials={MAIN_TARGET: "_home.html"})


@gzip_page
@require_GET
def search(request):
    """Search the catalogue; as-you-type suggestions and filter changes get only their fragment."""
    form = SearchForm(request.GET)
    outcome = catalogue_search(form.text(), form.filters())
    results = Paginator(outcome.hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "outcome": outcome,
        "results": results,
        "suggestions": outcome.hits[:SUGGESTIONS],
        "search_text": form.text(),
        "words": outcome.query.words,
        "ignored": form.ignored(),
        "filter_query": _filter_query(request),
    }
    partials = {
        MAIN_TARGET: "endpoints/_search.html",
        RESULTS_TARGET: "endpoints/_search_results.html",
        SUGGEST_TARGET: "endpoints/_search_suggest.html",
    }
    return page(request, "endpoints/search.html", context, partials=partials)


def _filter_query(request) -> str:
    """The current query string without `page`, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@gzip_page
@require_GET
def guide_index(request):
    """List the guides in reading order."""
    return page(
        request, "guides/guide_index.html", {"guides": guide_list()}, partials={MAIN_TARGET: "guides/_index.html"}
    )


@gzip_page
@require_GET
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
@require_GET
def guide_markdown(request, slug: str):
    """Serve a guide's Markdown twin."""
    guide = _guide_or_404(slug)
    text = guide_to_markdown(guide, base_url=origin(request))
    return markdown_response(text, canonical=request.build_absolute_uri(guide.get_absolute_url()))


def _guide_or_404(slug: str):
    """Return the guide called `slug` or raise a 404 that names it."""
    guide = guide_get(slug=slug)
    if guide is None:
        raise Http404(f"There is no guide called “{slug}”.")
    return guide


def _guide_html(guide):
    """Render a guide to HTML once per catalogue version (its tables list every endpoint)."""
    key = f"guide-html:{templates_version()}:{guide.slug}:{selectors.catalogue_stamp()}"
    rendered = cache.get(key)
    if rendered is None:
        rendered = markdown_document(guide.markdown(base_url=""))
        cache.set(key, rendered, timeout=None)
    return rendered


def page_not_found(request, exception=None):
    """A 404 that says what was not found and offers the closest catalogue entries."""
    message = str(exception.args[0]) if exception and getattr(exception, "args", None) else ""
    if not isinstance(message, str) or message.startswith("{"):
        message = ""
    context = {"message": message, "suggestions": _suggestions(request.path), "request_path": request.path}
    return TemplateResponse(request, "404.html", context, status=404)


def _suggestions(path: str) -> list[Hit]:
    """Catalogue entries close to the unknown address: near-identical slugs first, else shared words."""
    try:
        close = _close_slugs(path)
        if close:
            return close
        words = " ".join(part for part in path.removesuffix(".md").split("/") if part not in {"reference", "websocket"})
        return catalogue_search(words[:200], match_any=True).hits[:NOT_FOUND_SUGGESTIONS]
    except Exception:  # noqa: BLE001 - a 404 page must render even if search cannot
        return []


def _close_slugs(path: str) -> list[Hit]:
    """Endpoints and channels whose address differs from `path` by a typo or two."""
    requested = path.removesuffix(".md").removeprefix("/reference/")[:MAX_SLUG_LENGTH]
    if requested.startswith("websocket/"):
        kind, live = "channel", Channel.objects.defer("message_schema", "message_example")
    else:
        kind, live = "endpoint", Endpoint.objects.defer(*HEAVY_ENDPOINT_FIELDS)
    requested = requested.removeprefix("websocket/")
    live = live.filter(retired_at__isnull=True)
    # Compare bare slugs, then load only the few that match: building every model cost a 404 ~8 ms.
    slugs = list(live.values_list("slug", flat=True))
    close = difflib.get_close_matches(requested, slugs, n=NOT_FOUND_SUGGESTIONS, cutoff=0.75)
    items = {item.slug: item for item in live.filter(slug__in=close)} if close else {}
    return [Hit(items[slug], kind) for slug in close if slug in items]


@require_GET
def health(request):
    """Report that the app answers and how big the catalogue is."""
    counts = selectors.catalogue_counts()
    return JsonResponse({"status": "ok", **counts})
