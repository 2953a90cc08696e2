"""Which endpoints an OpenAPI document holds: the whole catalogue, one host, one SDK service, one endpoint."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from endpoints import selectors
from endpoints.kucoin.hosts import DOMAIN_LABELS, DOMAINS
from endpoints.models import Domain, Endpoint
from endpoints.sources.records import slugify_name

DOMAIN_ORDER = DOMAINS
# KuCoin's own spelling of each domain in its x-domain field is its label.
KUCOIN_DOMAIN = DOMAIN_LABELS


@dataclass(frozen=True)
class Scope:
    """Which endpoints one document holds, and what it is called."""

    kind: str  # all | domain | service | endpoint
    value: str = ""
    label: str = ""

    @property
    def name(self) -> str:
        return self.kind if self.kind == "all" else f"{self.kind}:{self.value}"

    @property
    def title(self) -> str:
        return "KuCoin REST API" + (f": {self.label}" if self.label else "")

    def endpoints(self) -> QuerySet[Endpoint]:
        if self.kind == "domain":
            return selectors.endpoint_list(domain=self.value)
        if self.kind == "service":
            return selectors.endpoint_list(service=self.value)
        if self.kind == "endpoint":
            return selectors.endpoint_list(include_retired=True).filter(slug=self.value)
        return selectors.endpoint_list()


def whole_scope() -> Scope:
    return Scope("all")


def domain_scope(domain: str) -> Scope | None:
    """The scope of one host (spot, futures, broker), or None for an unknown one."""
    if domain not in KUCOIN_DOMAIN:
        return None
    host = settings.KUCOIN_PUBLIC_BASE_URLS[domain].split("://")[-1]
    return Scope("domain", domain, f"{Domain(domain).label} host ({host})")


def service_scopes() -> dict[str, Scope]:
    """{URL slug: scope} for every SDK service that has live endpoints."""
    names = selectors.endpoint_list().order_by().values_list("sdk_service", flat=True).distinct()
    return {slugify_name(name): Scope("service", name, f"{name} service") for name in sorted(names)}


def endpoint_scope(endpoint: Endpoint) -> Scope:
    return Scope("endpoint", endpoint.slug, endpoint.summary)
