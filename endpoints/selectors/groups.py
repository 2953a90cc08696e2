"""Reads the guides and the search filters need: endpoints grouped by pool and permission, services."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count

from endpoints.models import Endpoint

from .catalogue import catalogue_version, endpoint_list
from .tree import TREE_FIELDS


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


def sdk_services(*, domain: str | None = None) -> list[str]:
    """Every SDK service with live endpoints (on `domain`, if given), alphabetically (cached per catalogue stamp)."""
    key = f"sdk-services:{domain or ''}:{catalogue_version()}"
    services = cache.get(key)
    if services is None:
        live = Endpoint.objects.filter(retired_at__isnull=True).order_by("sdk_service")
        if domain:
            live = live.filter(domain=domain)
        services = list(live.values_list("sdk_service", flat=True).distinct())
        cache.set(key, services, timeout=None)
    return services
