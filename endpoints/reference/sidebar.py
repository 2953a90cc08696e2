"""The sidebar: guides, endpoints by domain -> service -> sub-service, then WebSocket channels.

Only the service holding the current page ships its endpoint list; every other
service is a folded group that htmx fills when it is opened (and, without
JavaScript, a link to that service's list on the search page). Rendered HTML is
cached per catalogue version; the current link is marked per request with a
string replacement rather than a render.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from endpoints import selectors
from endpoints.guides import guide_list
from endpoints.release import code_version

CACHE_PREFIX = "sidebar"
CHANNEL_FIELDS = ("slug", "summary", "topic", "sdk_service", "sdk_sub_service", "sort_order", "api_channel")


@dataclass(frozen=True)
class OpenGroup:
    """The groups holding the current page: an endpoint's domain and service, or a channel's group."""

    domain: str = ""
    service: str = ""
    channel_group: str = ""

    @property
    def key(self) -> str:
        return "|".join((self.domain, self.service, self.channel_group))


def sidebar_html(*, current_path: str, open_group: OpenGroup | None = None) -> SafeString:
    """The sidebar's HTML with `current_path` marked as the current page (pass `open_group` if known)."""
    open_group = open_group_for(current_path) if open_group is None else open_group
    key = f"{CACHE_PREFIX}:{code_version()}:{selectors.catalogue_version()}:{open_group.key}"
    html = cache.get(key)
    if html is None:
        html = _render_sidebar(open_group)
        cache.set(key, html, timeout=None)
    return mark_current(html, current_path)


def service_nav_html(*, domain: str, service: str, current_path: str) -> SafeString | None:
    """One service's sub-services and endpoints (what a folded group loads), or None if it has none."""
    key = f"{CACHE_PREFIX}:{code_version()}:{selectors.catalogue_version()}:service:{domain}|{service}"
    html = cache.get(key)
    if html is None:
        found = _find_service(selectors.catalogue_tree(), domain, service)
        if found is None:
            return None
        html = render_to_string("reference/_nav_service.html", {"service": found})
        cache.set(key, html, timeout=None)
    return mark_current(html, current_path)


def open_group_for(path: str) -> OpenGroup:
    """Work out from the URL which groups hold the current page (one small query)."""
    if path.startswith("/reference/websocket/"):
        slug = path.removeprefix("/reference/websocket/").removesuffix("/")
        group = selectors.channel_sub_service(slug=slug)
        return OpenGroup(channel_group=group) if group else OpenGroup()
    if path.startswith("/reference/"):
        slug = path.removeprefix("/reference/").removesuffix("/")
        placement = selectors.endpoint_placement(slug=slug)
        if placement:
            return OpenGroup(domain=placement[0], service=placement[1])
    return OpenGroup()


def mark_current(html: str, path: str) -> SafeString:
    """Mark the link to `path` as the current page."""
    if path:
        target = f'href="{escape(path)}"'
        html = html.replace(target, f'{target} aria-current="page"', 1)
    # Safe: the sidebar template autoescaped every value, and the path added above is escaped.
    return mark_safe(html)  # noqa: S308


def _render_sidebar(open_group: OpenGroup) -> str:

    context = {
        "tree": selectors.catalogue_tree(),
        "channels": selectors.channel_list().only(*CHANNEL_FIELDS),
        "guides": guide_list(),
        "open": open_group,
    }
    return render_to_string("reference/_sidebar.html", context)


def _find_service(tree, domain: str, service: str):
    for group in tree:
        if group.domain == domain:
            return next((s for s in group.services if s.name == service), None)
    return None
