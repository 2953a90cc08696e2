"""Endpoint and channel pages, their Markdown twins, the sidebar's folded groups and search.

Views stay thin: selectors read, templates render.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.text import Truncator
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from endpoints import selectors
from endpoints.exports.asyncapi import channel_host
from endpoints.models import Domain
from endpoints.release import code_version

from . import pages
from .forms import SearchForm
from .markdown import channel_markdown as channel_to_markdown
from .markdown import endpoint_markdown as endpoint_to_markdown
from .page_cache import cached_for_anonymous
from .replacements import replacement_find
from .responses import MAIN_TARGET, markdown_response, origin, page
from .search import catalogue_search
from .search_cache import cached_search
from .sidebar import OpenGroup, service_nav_html

RESULTS_PER_PAGE = 25
SUGGESTIONS = 8
SUGGEST_TARGET = "search-suggest"
RESULTS_TARGET = "search-results"


def _endpoint_or_404(slug: str):
    """Return the endpoint at `slug` or raise a 404 that names it."""
    endpoint = selectors.endpoint_get(slug=slug.strip("/"))
    if endpoint is None:
        raise Http404(f"No KuCoin endpoint is catalogued at “{slug}”.")
    return endpoint


def _channel_or_404(slug: str):
    """Return the channel at `slug` or raise a 404 that names it."""
    channel = selectors.channel_get(slug=slug.strip("/"))
    if channel is None:
        raise Http404(f"No KuCoin WebSocket channel is catalogued at “{slug}”.")
    return channel


@gzip_page
@require_safe
@cached_for_anonymous
def endpoint_detail(request, slug: str):
    """Show one endpoint: URL, the eight fields, description, parameters, schemas, examples, try-it."""
    endpoint = _endpoint_or_404(slug)
    previous, following = selectors.endpoint_neighbours(endpoint=endpoint)
    parameters = list(endpoint.parameters.all())
    context = {
        "endpoint": endpoint,
        "parameters": parameters,
        "doc": pages.EndpointDoc(endpoint, parameters),
        "replacement": replacement_find(endpoint=endpoint),
        "previous": previous,
        "next": following,
        "sidebar_open": OpenGroup(domain=endpoint.domain, service=endpoint.sdk_service),
        "fragment_version": code_version(),
    }
    return page(request, "reference/endpoint_detail.html", context, partials={MAIN_TARGET: "reference/_endpoint.html"})


@gzip_page
@require_safe
def endpoint_markdown(request, slug: str):
    """Serve the endpoint page's Markdown twin."""
    endpoint = _endpoint_or_404(slug)
    text = endpoint_to_markdown(endpoint, base_url=origin(request))
    return markdown_response(text, canonical=request.build_absolute_uri(endpoint.get_absolute_url()))


@gzip_page
@require_safe
@cached_for_anonymous
def channel_detail(request, slug: str):
    """Show one WebSocket channel: topic, access, frequency, subscribe frame, message schema and example."""
    channel = _channel_or_404(slug)
    previous, following = selectors.channel_neighbours(channel=channel)
    context = {
        "channel": channel,
        "token_endpoint": selectors.endpoint_find(
            domain=pages.channel_domain(channel), method="POST", path=pages.channel_token_path(channel)
        ),
        "subscribe_message": pages.subscribe_message(channel),
        "websocket_host": channel_host(channel),
        "previous": previous,
        "next": following,
        "sidebar_open": OpenGroup(channel_group=channel.sdk_sub_service),
        "fragment_version": code_version(),
    }
    return page(request, "reference/channel_detail.html", context, partials={MAIN_TARGET: "reference/_channel.html"})


@gzip_page
@require_safe
def channel_markdown(request, slug: str):
    """Serve the channel page's Markdown twin."""
    channel = _channel_or_404(slug)
    text = channel_to_markdown(channel, base_url=origin(request))
    return markdown_response(text, canonical=request.build_absolute_uri(channel.get_absolute_url()))


@require_safe
def nav_service(request, domain: str, service: str):
    """One folded sidebar group's endpoints, fetched by htmx when it is opened."""
    current = request.htmx.current_url_abs_path if request.htmx else ""
    known = domain in Domain.values and service.isalnum()
    html = known and service_nav_html(domain=domain, service=service, current_path=(current or "").split("?")[0])
    if not html:
        raise Http404(f"No service “{service}” on the {domain} domain.")
    return HttpResponse(html)


@gzip_page
@require_safe
@cached_search(
    targets=(MAIN_TARGET, RESULTS_TARGET, SUGGEST_TARGET),
    frame="reference/search_frame.html",
    main="reference/_search.html",
)
def search(request):
    """Search the catalogue; as-you-type suggestions and filter changes get only their fragment."""
    if not request.htmx and "" in request.GET.values():
        # A plain form submit sends every filter left at "Any"; keep the shared URL to the ones that say something.
        return redirect(f"{request.path}?{_filter_query(request, keep_page=True)}".rstrip("?"))
    form = SearchForm(request.GET)
    text, filters = form.text(), form.filters()
    heading = _search_heading(text, filters)
    outcome = catalogue_search(text, filters)
    results = Paginator(outcome.hits, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "outcome": outcome,
        "results": results,
        "suggestions": outcome.hits[:SUGGESTIONS],
        "search_text": text,
        "search_heading": heading,
        "search_title": _search_title(text) if text else heading,
        "words": outcome.query.marked_words,
        "ignored": form.ignored(),
        "filter_query": _filter_query(request),
    }
    partials = {
        MAIN_TARGET: "reference/_search.html",
        RESULTS_TARGET: "reference/_search_results.html",
        SUGGEST_TARGET: "reference/_search_suggest.html",
    }
    return page(request, "reference/search.html", context, partials=partials)


def _search_title(text: str) -> str:
    """The page's title before the site's name: the query, cut to 60 characters, then "Search"."""
    return f"“{Truncator(text).chars(60)}” · Search" if text else "Search"


# The filters a breadcrumb's link sets: such a page is the index of one domain, service or sub-service.
BROWSE_FILTERS = ("domain", "service", "sub_service")


def _search_heading(text: str, filters: dict) -> str:
    """ "Search", or, for a breadcrumb's index with nothing typed, what it lists: "Spot domain › Account"."""
    if text or not filters or set(filters) - set(BROWSE_FILTERS):
        return "Search"
    named = [f"{Domain(filters['domain']).label} domain"] if "domain" in filters else []
    return " › ".join(named + [filters[name] for name in BROWSE_FILTERS[1:] if name in filters])


def _filter_query(request, *, keep_page: bool = False) -> str:
    """The current query string without empty values (and without `page`, for pagination links)."""
    params = request.GET.copy()
    if not keep_page:
        params.pop("page", None)
    for name in list(params):
        params.setlist(name, [value for value in params.getlist(name) if value != ""])
    return params.urlencode()
