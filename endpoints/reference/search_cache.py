"""Whole search pages for anonymous readers, rendered once per query and kept in a small in-process store.

A search page for a reader who is not signed in is the same for everyone who asks the same
query string, but for the CSRF token: it is stored the way `page_cache` stores endpoint pages
(the same pieces and holes, the same ETag and headers), keyed on the page and code versions,
the shown settings, origin, the htmx fragment asked for and the query string.

Unlike an endpoint page's, the key holds what a reader typed, so two rules keep a secret
(an API key or passphrase pasted into the box) out of the store:
- only a query string whose every parameter is one the form knows, every filter valid and
  every word of the query one the catalogue's own vocabulary knows (what the typeahead sends
  on the way to a word counts: a catalogue word starts with it), a typo of one (the words
  search corrects) or plain glue (stop words, synonyms, KuCoin's host names) is stored;
  anything else (an id in a concrete path, a symbol, a random string) is rendered as before
  and forgotten;
- the store is this process's memory, a least-recently-used list of at most `ENTRIES` pages,
  never the shared cache: nothing typed is written anywhere a page is not served from, and
  many distinct queries cannot fill a cache other parts of the site rely on.

A query's first visit renders only what the query changes. Everything else of the page (the
head with its inline styles, the header, the sidebar, the footer) is the same for every query
but for the title and the header's search box: that frame is rendered once per page and code
version, shown settings and origin, with holes for those two values and for the main content,
and kept in `frames`. A plain page not stored yet is the frame with this query's values and its
main content (rendered alone, as for a boosted link) put in, byte for byte the page the view
renders whole. The frame holds nothing typed, so a query that is never stored is served from it
too.

Signed-in members (the header names them) and unusual htmx requests are never stored or framed,
nor plain submits with empty filters (the view redirects those). A sync or a note moves the
page version, so a stored page or frame of an older catalogue is never served; it ages out of
its list.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import conditional_escape

from endpoints import selectors
from endpoints.kucoin.hosts import REST_BASE_URLS

from . import page_cache
from .forms import SearchForm
from .search.query import STOP_WORDS, SYNONYMS, words_of
from .search.vocabulary import vocabulary

ENTRIES = 256
FRAMES = 8
# The frame's holes: the values of the view's context the page shows outside its main content, then the main content.
FRAME_VALUES = ("search_title", "search_text")
FRAME_MAIN = "frame_main"
MAX_QUERY_STRING = 400
PARAMETERS = frozenset(("q", "page", *SearchForm.FILTERS))
# Words that are no one's secret although the catalogue's index may not hold them: glue, synonyms, KuCoin's hosts.
PLAIN_WORDS = STOP_WORDS | set(SYNONYMS) | {word for url in REST_BASE_URLS.values() for word in words_of(url)}


class PageStore:
    """At most `size` stored pages, the least recently used dropped first; safe across threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[str, list] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> list | None:
        with self._lock:
            stored = self._pages.get(key)
            if stored is not None:
                self._pages.move_to_end(key)
            return stored

    def set(self, key: str, stored: list) -> None:
        with self._lock:
            self._pages[key] = stored
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def __len__(self) -> int:
        return len(self._pages)


pages = PageStore(ENTRIES)
# The search page but its main content, per origin and version: the few of them seen lately.
frames = PageStore(FRAMES)


def cached_search(*, targets: Iterable[str], frame: str, main: str):
    """Serve the search view's page, or the fragment one of `targets` asks for, from `pages` when it may be.

    A plain page not stored yet is put together from `frame` (the page with its title, the query
    and the main content left as holes, rendered once) and the view's `main` template rendered for
    this query, so a first visit renders only what the query changes.
    """
    fragments = frozenset(targets)

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            with selectors.versions_pinned():
                key = search_key(request, fragments)
                if key is None:
                    return view(request, *args, **kwargs)
                stored = pages.get(key)
                if stored is None:
                    if _variant(request, fragments) == "page":
                        made, keep = _framed(request, view, args, kwargs, frame=frame, main=main)
                    else:
                        made = page_cache.render_for_cache(request, view, args, kwargs, keep=storable)
                        keep = True
                    if isinstance(made, HttpResponse):
                        return made
                    stored = made
                    if keep:
                        pages.set(key, stored)
                return page_cache.serve(request, key, stored)

        return wrapper

    return decorator


def _framed(request: HttpRequest, view, args, kwargs, *, frame: str, main: str) -> tuple[list | HttpResponse, bool]:
    """The page made of the stored frame and `main` rendered for this query, and whether it may be stored.

    It is not stored when `storable` says no, but still served the same way: the frame holds
    nothing of any query, and a hole's value is never compressed beside the token.
    """
    context: dict = {}

    def main_only(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, TemplateResponse) and response.status_code == 200:
            context.update(response.context_data or {})
            response.template_name = main
        return response

    marked = page_cache.render_marked(request, main_only, args, kwargs)
    if isinstance(marked, HttpResponse):
        return marked, False
    # Printed as the page's template prints them: autoescaped.
    fills = {name: _pieces(conditional_escape(context.get(name, ""))) for name in FRAME_VALUES}
    fills[FRAME_MAIN] = page_cache.cut(*marked, ending=False)
    page: list[page_cache.Piece | page_cache.Hole] = []
    for part in _frame(request, frame):
        page += fills[part.name] if isinstance(part, page_cache.Hole) and part.name in fills else [part]
    return page, storable(context)


def _pieces(text: str) -> list[page_cache.Piece | page_cache.Hole]:
    return page_cache.cut(text, [], ending=False) if text else []


def _frame(request: HttpRequest, template: str) -> list[page_cache.Piece | page_cache.Hole]:
    """The stored frame for this origin and version, rendered first if there is none."""
    key = page_cache.whole_page_key(request, "frame")
    stored = frames.get(key)
    if stored is None:

        def frame_view(request: HttpRequest) -> TemplateResponse:
            holes = {name: page_cache.hole(request, name) for name in (*FRAME_VALUES, FRAME_MAIN)}
            return TemplateResponse(request, template, holes)

        rendered = page_cache.render_for_cache(request, frame_view, (), {})
        if not isinstance(rendered, list):
            raise TypeError(f"{template} did not render: {rendered!r}")
        stored = rendered
        frames.set(key, stored)
    return stored


def search_key(request: HttpRequest, fragments: frozenset[str]) -> str | None:
    """The key of the search page this request asks for, or None when its answer is not to be shared."""
    if request.user.is_authenticated or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return None
    if not PARAMETERS.issuperset(request.GET):
        return None
    variant = _variant(request, fragments)
    if variant is None:
        return None
    return page_cache.whole_page_key(request, variant, request.GET.urlencode())


def _variant(request: HttpRequest, fragments: frozenset[str]) -> str | None:
    """ "page" for a plain request, the target's id for a fragment; None for any other htmx request."""
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return "page"
    if htmx.history_restore_request or htmx.target not in fragments:
        return None
    return f"#{htmx.target}"


def storable(context: dict) -> bool:
    """Whether the page the view made may be kept: every filter valid, a page number, only catalogue words typed.

    `context` is the view's: its form has read the query string already.
    """
    form = context["form"]
    if not form.is_valid() or not form.data.get("page", "1").isdigit():
        return False
    typed = words_of(f"{form.text()} {form.cleaned_data['sub_service']}")
    if not typed:
        return True
    known = vocabulary()
    return all(word in PLAIN_WORDS or known.knows(word) or known.nearest(word) for word in typed)
