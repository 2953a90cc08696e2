"""Name endpoints and channels the way the site's addresses do, and find them from what an agent typed."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.urls import reverse

from endpoints import selectors
from endpoints.models import Channel, Endpoint

from .answers import BadInput, page_url

CHANNEL_PREFIX = "websocket/"


def reference_of(item: Endpoint | Channel) -> str:
    """The page address after `/reference/`: `spot/order/add-order`, or `websocket/…` for a channel."""
    return CHANNEL_PREFIX + item.slug if isinstance(item, Channel) else item.slug


def links_of(item: Endpoint | Channel) -> dict[str, str]:
    """The page and its Markdown twin, as absolute URLs."""
    if isinstance(item, Channel):
        twin = reverse("reference:channel_markdown", kwargs={"slug": item.slug})
    else:
        twin = reverse("reference:endpoint_markdown", kwargs={"slug": item.slug})
    return {"url": page_url(item.get_absolute_url()), "markdown_url": page_url(twin)}


def reference_parse(*, reference: str) -> tuple[str, str]:
    """(kind, slug) from a reference, a `/reference/…` path or a page or twin URL."""
    text = reference.strip()
    if "://" in text:
        text = urlsplit(text).path
    text = text.strip("/").removeprefix("reference/").removesuffix(".md").strip("/")
    if text.startswith(CHANNEL_PREFIX):
        return "channel", text.removeprefix(CHANNEL_PREFIX)
    return "endpoint", text


def item_find(*, reference: str) -> Endpoint | Channel:
    """The endpoint or channel a reference names; BadInput when none is catalogued there."""
    kind, slug = reference_parse(reference=reference)
    found = selectors.channel_get(slug=slug) if kind == "channel" else selectors.endpoint_get(slug=slug)
    if found is None:
        noun = "WebSocket channel" if kind == "channel" else "endpoint"
        raise BadInput(
            f"No {noun} is catalogued at '{reference[:200]}'. Use a `reference` from search_catalogue, "
            "such as spot/order/add-order (REST) or websocket/spot-public/ticker (WebSocket)."
        )
    return found
