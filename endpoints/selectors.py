"""Every read the pages and exports need. Views and exports call these, never the ORM directly."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db.models import Count, Max, QuerySet

from .models import Channel, Domain, Endpoint, SyncRun


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
