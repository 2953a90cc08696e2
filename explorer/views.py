"""Site-wide pages: home, the helpful 404, and the health check."""

import difflib

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from endpoints import selectors
from endpoints.guides import guide_list
from endpoints.reference.responses import MAIN_TARGET, page
from endpoints.reference.search import Hit, catalogue_search

from .health import health_report

NOT_FOUND_SUGGESTIONS = 6
MAX_SLUG_LENGTH = 200


@gzip_page
@require_safe
def home(request):
    """Show the catalogue's domains, the search box and the guides."""
    context = {
        "counts": selectors.catalogue_counts(),
        "domains": selectors.domain_counts(),
        "guides": guide_list(),
        "latest_sync": selectors.latest_sync(),
    }
    return page(request, "home.html", context, partials={MAIN_TARGET: "_home.html"})


def page_not_found(request, exception=None):
    """A 404 that says what was not found and offers the closest catalogue entries."""
    message = str(exception.args[0]) if exception and getattr(exception, "args", None) else ""
    if message.startswith("{"):  # Django's resolver puts its {'tried': ..., 'path': ...} dict there
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
    except Exception:
        return []


def _close_slugs(path: str) -> list[Hit]:
    """Endpoints and channels whose address differs from `path` by a typo or two."""
    requested = path.removesuffix(".md").removeprefix("/reference/")[:MAX_SLUG_LENGTH]
    kind = "channel" if requested.startswith("websocket/") else "endpoint"
    requested = requested.removeprefix("websocket/")
    # Compare bare slugs, then load only the few that match: building every model cost a 404 ~8 ms.
    slugs = selectors.live_slugs(kind=kind)
    close = difflib.get_close_matches(requested, slugs, n=NOT_FOUND_SUGGESTIONS, cutoff=0.75)
    items = selectors.live_items_by_slug(kind=kind, slugs=close) if close else {}
    return [Hit(items[slug], kind) for slug in close if slug in items]


@login_not_required
@never_cache
@require_safe
def health(request):
    """Report whether the database and the cache work, and how big the catalogue is; 503 if a required part is down."""
    status, body = health_report()
    return JsonResponse(body, status=status)
