"""Every read the pages and exports need. Views and exports call these, never the ORM directly."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Prefetch, QuerySet
from django.urls import reverse

from .models import Channel, Domain, Endpoint, Parameter, SyncRun


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


def endpoint_get(*, slug: str) -> Endpoint:
    """One endpoint with its parameters and notes; raises Endpoint.DoesNotExist."""
    return Endpoint.objects.prefetch_related("parameters", "notes").get(slug=slug)


def channel_list(*, include_retired: bool = False) -> QuerySet[Channel]:
    channels = Channel.objects.all()
    if not include_retired:
        channels = channels.filter(retired_at__isnull=True)
    return channels.order_by("sdk_service", "sdk_sub_service", "sort_order")


def channel_get(*, slug: str) -> Channel:
    return Channel.objects.prefetch_related("notes").get(slug=slug)


@dataclass
class SubServiceGroup:
    name: str
    endpoints: list[Endpoint] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.endpoints)


@dataclass
class ServiceGroup:
    name: str
    sub_services: list[SubServiceGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(sub.count for sub in self.sub_services)


@dataclass
class DomainGroup:
    domain: str
    label: str
    services: list[ServiceGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(service.count for service in self.services)


TREE_FIELDS = ["slug", "domain", "method", "path", "summary", "deprecated", "sdk_service", "sdk_sub_service",
               "sort_order", "api_channel", "metadata_published"]  # fmt: skip


def catalogue_tree() -> list[DomainGroup]:
    """Live endpoints grouped domain -> SDK service -> SDK sub-service, from one query."""
    labels = dict(Domain.choices)
    groups = {domain: DomainGroup(domain, label) for domain, label in labels.items()}
    endpoints = (
        Endpoint.objects.filter(retired_at__isnull=True)
        .only(*TREE_FIELDS)
        .order_by("sdk_service", "sdk_sub_service", "sort_order")
    )
    for endpoint in endpoints:
        services = groups[endpoint.domain].services
        if not services or services[-1].name != endpoint.sdk_service:
            services.append(ServiceGroup(endpoint.sdk_service))
        subs = services[-1].sub_services
        if not subs or subs[-1].name != endpoint.sdk_sub_service:
            subs.append(SubServiceGroup(endpoint.sdk_sub_service))
        subs[-1].endpoints.append(endpoint)
    return [group for group in groups.values() if group.services]


def catalogue_counts() -> dict[str, int]:
    return {
        "endpoints": Endpoint.objects.filter(retired_at__isnull=True).count(),
        "channels": Channel.objects.filter(retired_at__isnull=True).count(),
    }


def latest_sync() -> SyncRun | None:
    return SyncRun.objects.order_by("-finished_at", "-pk").first()


def catalogue_version() -> str:
    """A short token that changes whenever the catalogue's content changes (for ETags and caches)."""
    endpoints = Endpoint.objects.aggregate(latest=Max("updated_at"), n=Count("id"))
    channels = Channel.objects.aggregate(latest=Max("updated_at"), n=Count("id"))
    sync = latest_sync()
    token = f"{sync.fingerprint if sync else ''}|{endpoints}|{channels}"
    return hashlib.sha256(token.encode()).hexdigest()[:16]


# --- reads for the docs pages and guides ------------------------------------------------


# Read only when a page's cached fragments are rendered afresh; decoding them on every
# request would cost more than the rest of the page.
PAGE_DEFERRED_FIELDS = ("response_schema", "response_example")


# What a slug can hold (`spot/order/add-order`, `...-retired-12`); anything else is not asked of the database.
SLUG_PATTERN = re.compile(r"[a-z0-9][a-z0-9/_-]{0,199}")


def is_slug(text: str) -> bool:
    return SLUG_PATTERN.fullmatch(text) is not None


def endpoint_get_or_none(*, slug: str) -> Endpoint | None:
    """One endpoint with its parameters and notes, or None (its response schema and example load on first use)."""
    if not is_slug(slug):
        return None
    parameters = Prefetch("parameters", queryset=Parameter.objects.defer("schema"))
    endpoints = Endpoint.objects.defer(*PAGE_DEFERRED_FIELDS).prefetch_related(parameters, "notes")
    try:
        return endpoints.get(slug=slug)
    except Endpoint.DoesNotExist:
        return None


def channel_get_or_none(*, slug: str) -> Channel | None:
    if not is_slug(slug):
        return None
    return Channel.objects.prefetch_related("notes").filter(slug=slug).first()


def endpoint_find(*, domain: str, method: str, path: str) -> Endpoint | None:
    """The live endpoint at domain + method + path, if catalogued."""
    return Endpoint.objects.filter(domain=domain, method=method, path=path, retired_at__isnull=True).first()


def catalogue_stamp() -> str:
    """A token that changes whenever endpoints or channels change, read in one query (for cache keys)."""
    endpoint_table, channel_table = Endpoint._meta.db_table, Channel._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(updated_at) FROM {endpoint_table}), (SELECT COUNT(*) FROM {endpoint_table}), "  # noqa: S608
            f"(SELECT MAX(updated_at) FROM {channel_table}), (SELECT COUNT(*) FROM {channel_table})"
        )
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]


def endpoint_reading_order() -> list[tuple[int, str, str]]:
    """(id, slug, summary) of every live endpoint in the sidebar's order, cached per catalogue stamp."""
    key = f"endpoint-reading-order:{catalogue_stamp()}"
    order = cache.get(key)
    if order is None:
        order = [(e.pk, e.slug, e.summary) for g in catalogue_tree() for s in g.services for sub in s.sub_services
                 for e in sub.endpoints]  # fmt: skip
        cache.set(key, order, timeout=None)
    return order


@dataclass(frozen=True)
class PageLink:
    """Enough of a page to link to it."""

    slug: str
    summary: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


def endpoint_neighbours(*, endpoint: Endpoint) -> tuple[PageLink | None, PageLink | None]:
    """The endpoints before and after this one in the sidebar's reading order."""
    order = endpoint_reading_order()
    index = next((i for i, (pk, _, _) in enumerate(order) if pk == endpoint.pk), None)
    if index is None:
        return None, None

    def link(i: int) -> PageLink | None:
        if not 0 <= i < len(order):
            return None
        _, slug, summary = order[i]
        return PageLink(slug, summary, reverse("endpoints:endpoint", kwargs={"slug": slug}))

    return link(index - 1), link(index + 1)


def endpoints_by_rate_limit_pool() -> list[tuple[str, list[Endpoint]]]:
    """Live endpoints with published metadata, grouped by pool, heaviest first (unknown weights last)."""
    groups: dict[str, list[Endpoint]] = {}
    endpoints = (
        endpoint_list().filter(metadata_published=True).only(*TREE_FIELDS, "rate_limit_pool", "rate_limit_weight")
    )
    for endpoint in endpoints:
        groups.setdefault(endpoint.rate_limit_pool, []).append(endpoint)
    for members in groups.values():
        members.sort(key=lambda e: (e.rate_limit_weight is None, -(e.rate_limit_weight or 0), e.path))
    return sorted(groups.items())


def endpoints_by_api_permission() -> dict[str, list[Endpoint]]:
    """Live endpoints with published metadata, keyed by the permission they need ('' for none)."""
    groups: dict[str, list[Endpoint]] = {}
    endpoints = endpoint_list().filter(metadata_published=True).only(*TREE_FIELDS, "api_permission")
    for endpoint in endpoints:
        groups.setdefault(endpoint.api_permission, []).append(endpoint)
    return groups


def domain_counts() -> dict[str, int]:
    """How many live endpoints each domain holds."""
    rows = Endpoint.objects.filter(retired_at__isnull=True).order_by().values_list("domain").annotate(n=Count("id"))
    return dict(rows)


def unpublished_metadata_count() -> int:
    """How many live endpoints KuCoin publishes without channel, permission or rate-limit metadata."""
    return Endpoint.objects.filter(retired_at__isnull=True, metadata_published=False).count()


def channel_neighbours(*, channel: Channel) -> tuple[Channel | None, Channel | None]:
    """The channels before and after this one in the sidebar's order."""
    ordered = list(channel_list().only("slug", "summary", "topic", "sdk_service", "sdk_sub_service", "sort_order"))
    index = next((i for i, item in enumerate(ordered) if item.pk == channel.pk), None)
    if index is None:
        return None, None
    return (ordered[index - 1] if index > 0 else None), (ordered[index + 1] if index + 1 < len(ordered) else None)


def sdk_services() -> list[str]:
    """Every SDK service with live endpoints, alphabetically (cached per catalogue stamp)."""
    key = f"sdk-services:{catalogue_stamp()}"
    services = cache.get(key)
    if services is None:
        live = Endpoint.objects.filter(retired_at__isnull=True).order_by("sdk_service")
        services = list(live.values_list("sdk_service", flat=True).distinct())
        cache.set(key, services, timeout=None)
    return services


# Filters that only endpoints carry: when any is set, channels drop out of the results.
ENDPOINT_ONLY_FILTERS = ("domain", "api_permission", "rate_limit_pool", "weight_min", "weight_max")


def endpoint_filter(
    *,
    domain: str | None = None,
    service: str | None = None,
    sub_service: str | None = None,
    api_channel: str | None = None,
    api_permission: str | None = None,
    rate_limit_pool: str | None = None,
    deprecated: bool | None = None,
    weight_min: int | None = None,
    weight_max: int | None = None,
) -> QuerySet[Endpoint]:
    """Live endpoints narrowed by any combination of the search page's filters (`api_permission="none"`: none)."""
    endpoints = endpoint_list(domain=domain, service=service)
    if sub_service:
        endpoints = endpoints.filter(sdk_sub_service=sub_service)
    if api_channel:
        endpoints = endpoints.filter(api_channel=api_channel)
    if api_permission == "none":
        endpoints = endpoints.filter(api_permission="", metadata_published=True)
    elif api_permission:
        endpoints = endpoints.filter(api_permission=api_permission)
    if rate_limit_pool:
        endpoints = endpoints.filter(rate_limit_pool=rate_limit_pool)
    if deprecated is not None:
        endpoints = endpoints.filter(deprecated=deprecated)
    if weight_min is not None:
        endpoints = endpoints.filter(rate_limit_weight__gte=weight_min)
    if weight_max is not None:
        endpoints = endpoints.filter(rate_limit_weight__lte=weight_max)
    return endpoints


def channel_filter(
    *,
    service: str | None = None,
    sub_service: str | None = None,
    api_channel: str | None = None,
    deprecated: bool | None = None,
    **endpoint_only,
) -> QuerySet[Channel] | None:
    """Live channels under the same filters, or None when a filter only endpoints have is set."""
    if deprecated or any(endpoint_only.get(name) not in (None, "") for name in ENDPOINT_ONLY_FILTERS):
        return None
    channels = channel_list()
    if service:
        channels = channels.filter(sdk_service=service)
    if sub_service:
        channels = channels.filter(sdk_sub_service=sub_service)
    if api_channel:
        channels = channels.filter(api_channel=api_channel)
    return channels
