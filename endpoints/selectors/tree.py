"""The catalogue as the sidebar and the page order see it: domain, service, sub-service, endpoint."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.urls import reverse

from endpoints.models import Channel, Domain, Endpoint

from .catalogue import catalogue_version, channel_list


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


def endpoint_reading_order() -> list[tuple[int, str, str]]:
    """(id, slug, summary) of every live endpoint in the sidebar's order, cached per catalogue stamp."""
    key = f"endpoint-reading-order:{catalogue_version()}"
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
        return PageLink(slug, summary, reverse("reference:endpoint", kwargs={"slug": slug}))

    return link(index - 1), link(index + 1)


def channel_neighbours(*, channel: Channel) -> tuple[Channel | None, Channel | None]:
    """The channels before and after this one in the sidebar's order."""
    ordered = list(channel_list().only("slug", "summary", "topic", "sdk_service", "sdk_sub_service", "sort_order"))
    index = next((i for i, item in enumerate(ordered) if item.pk == channel.pk), None)
    if index is None:
        return None, None
    return (ordered[index - 1] if index > 0 else None), (ordered[index + 1] if index + 1 < len(ordered) else None)
