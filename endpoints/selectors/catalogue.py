"""Reads of single items, lists and counts, and the catalogue's version token."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from endpoints.models import Channel, Endpoint, Note, Parameter, SyncRun


def endpoint_list(
    *, domain: str | None = None, service: str | None = None, include_retired: bool = False
) -> QuerySet[Endpoint]:
    """Live endpoints in catalogue order, optionally narrowed to a domain or an SDK service."""
    endpoints = Endpoint.objects.all()
    if not include_retired:
        endpoints = endpoints.filter(retired_at__isnull=True)
    if domain:
        endpoints = endpoints.filter(domain=domain)
    if service:
        endpoints = endpoints.filter(sdk_service=service)
    return endpoints.order_by("sdk_service", "sdk_sub_service", "sort_order")


def channel_list(*, include_retired: bool = False) -> QuerySet[Channel]:
    channels = Channel.objects.all()
    if not include_retired:
        channels = channels.filter(retired_at__isnull=True)
    return channels.order_by("sdk_service", "sdk_sub_service", "sort_order")


# Read only when a page's cached fragments are rendered afresh; decoding them on every
# request would cost more than the rest of the page.
PAGE_DEFERRED_FIELDS = ("response_schema", "response_example")


# What a slug can hold (`spot/order/add-order`, `...-retired-12`); anything else is not asked of the database.
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9/_-]{0,199}")


def is_slug(text: str) -> bool:
    return SLUG_PATTERN.fullmatch(text) is not None


def endpoint_get(*, slug: str) -> Endpoint | None:
    """One endpoint with its parameters and notes, or None (its response schema and example load on first use)."""
    if not is_slug(slug):
        return None
    parameters = Prefetch("parameters", queryset=Parameter.objects.defer("schema"))
    endpoints = Endpoint.objects.defer(*PAGE_DEFERRED_FIELDS).prefetch_related(parameters, "notes")
    try:
        return endpoints.get(slug=slug)
    except Endpoint.DoesNotExist:
        return None


def channel_get(*, slug: str) -> Channel | None:
    """One channel with its notes, or None."""
    if not is_slug(slug):
        return None
    return Channel.objects.prefetch_related("notes").filter(slug=slug).first()


def endpoint_find(*, domain: str, method: str, path: str) -> Endpoint | None:
    """The live endpoint at domain + method + path, if catalogued."""
    return Endpoint.objects.filter(domain=domain, method=method, path=path, retired_at__isnull=True).first()


def catalogue_counts() -> dict[str, int]:
    return {
        "endpoints": Endpoint.objects.filter(retired_at__isnull=True).count(),
        "channels": Channel.objects.filter(retired_at__isnull=True).count(),
    }


def latest_sync() -> SyncRun | None:
    return SyncRun.objects.order_by("-finished_at", "-pk").first()


def latest_sdk_sync() -> SyncRun | None:
    """The newest sync that read the SDK (an `import_openapi` records no SDK version)."""
    return SyncRun.objects.exclude(sdk_version="").order_by("-finished_at", "-pk").first()


def has_endpoints() -> bool:
    return Endpoint.objects.exists()


def retired_count(*, after) -> int:
    """How many endpoints and channels were retired after a moment (a sync's own retirements come before its end)."""
    return sum(model.objects.filter(retired_at__gt=after).count() for model in (Endpoint, Channel))


def catalogue_version() -> str:
    """The one catalogue version token: it changes whenever endpoints or channels change (one query).

    Every sync that changes an item saves it, and so moves `updated_at`; a retired
    item is saved too. Caches and ETags key on this token.
    """
    pinned = _pinned_row()
    return _token(pinned[:4] if pinned is not None else _version_row(Endpoint, Channel))


def page_version() -> str:
    """A token for whole cached pages: the catalogue version's inputs and the team's notes, in one query.

    A page shows its item (the catalogue) and the item's notes, so a sync, or a note written,
    edited or deleted, moves it.
    """
    return _token(_pinned_row() or _version_row(Endpoint, Channel, Note))


def _version_row(*models) -> tuple:
    """Each model's latest `updated_at` and row count, in one query: what the version tokens hash."""
    tables = [model._meta.db_table for model in models]
    columns = ", ".join(f"(SELECT MAX(updated_at) FROM {t}), (SELECT COUNT(*) FROM {t})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # table names from the models, no input
        return tuple(cursor.fetchone())


def _token(row: tuple) -> str:
    return hashlib.sha256(repr(tuple(row)).encode()).hexdigest()[:16]


# Within versions_pinned(): None until the first version is asked for, then page_version()'s row.
_pinned: ContextVar[list | None] = ContextVar("pinned_versions", default=None)


@contextmanager
def versions_pinned() -> Iterator[None]:
    """Within, catalogue_version() and page_version() share one query: asked once, however often a request needs them.

    For one request that only reads: a page served from several caches then keys all of them on
    the same versions, and its first visit asks the database once instead of four or five times.
    """
    reset = _pinned.set([])
    try:
        yield
    finally:
        _pinned.reset(reset)


def _pinned_row() -> tuple | None:
    pinned = _pinned.get()
    if pinned is None:
        return None
    if not pinned:
        pinned.append(_version_row(Endpoint, Channel, Note))
    return pinned[0]


def live_slugs(*, kind: str) -> list[str]:
    """Every live endpoint's (kind="endpoint") or channel's slug."""
    model = Channel if kind == "channel" else Endpoint
    return list(model.objects.filter(retired_at__isnull=True).values_list("slug", flat=True))


def endpoint_paths_by_doc_url() -> dict[str, str]:
    """Each live endpoint's page path, keyed by the KuCoin doc URL it documents (cached per catalogue version)."""
    key = f"endpoint-paths-by-doc-url:{catalogue_version()}"
    paths = cache.get(key)
    if paths is None:
        live = Endpoint.objects.filter(retired_at__isnull=True).exclude(doc_url="")
        paths = {
            doc_url: reverse("reference:endpoint", kwargs={"slug": slug})
            for doc_url, slug in live.values_list("doc_url", "slug")
        }
        cache.set(key, paths, timeout=None)
    return paths


def live_items_by_slug(*, kind: str, slugs: list[str]) -> dict:
    """The live endpoints or channels at `slugs`, keyed by slug, without their large JSON fields."""
    if kind == "channel":
        items = Channel.objects.defer("message_schema", "message_example")
    else:
        items = Endpoint.objects.defer("request_schema", "response_schema", "request_example", "response_example")
    return {item.slug: item for item in items.filter(retired_at__isnull=True, slug__in=slugs)}


def endpoint_placement(*, slug: str) -> tuple[str, str] | None:
    """(domain, SDK service) of the endpoint at `slug`, by one small query, or None."""
    if not is_slug(slug):
        return None
    return Endpoint.objects.filter(slug=slug).values_list("domain", "sdk_service").first()


def channel_sub_service(*, slug: str) -> str | None:
    """The SDK sub-service (sidebar group) of the channel at `slug`, or None."""
    if not is_slug(slug):
        return None
    return Channel.objects.filter(slug=slug).values_list("sdk_sub_service", flat=True).first()
