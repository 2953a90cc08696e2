"""The search page's filters, as query sets of live endpoints and channels."""

from __future__ import annotations

from django.db.models import QuerySet

from endpoints.models import Channel, Endpoint

from .catalogue import channel_list, endpoint_list

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
