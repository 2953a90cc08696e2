"""OpenAPI 3.1 documents of the catalogue: the whole API, one per domain, per service, per endpoint.

Like Django's Sitemap, a document lists its items (live endpoints, in catalogue
order) and says how to render each one as an operation. KuCoin's metadata
travels in KuCoin's own `x-` field names, so `endpoints.sources.openapi` reads
these documents back losslessly (`import_openapi`).

Domain + method + path is an endpoint's identity, but OpenAPI keys operations by
path + method. Thirteen method + path pairs live on both the spot and the futures
host. In a document that holds both copies the spot one keeps its path; the other
is keyed without its first path segment, which moves into that operation's
server URL (`https://api-futures.kucoin.com/api` + `/v1/orders`), so the URL a
client builds (server + path, as the OpenAPI specification defines it) is still
exactly KuCoin's.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from endpoints import selectors
from endpoints.models import Domain, Endpoint
from endpoints.sources.records import slugify_name

OPENAPI_VERSION = "3.1.0"
DOMAIN_ORDER = ("spot", "futures", "broker")
# KuCoin's own spellings for its x-domain and x-api-channel fields.
KUCOIN_DOMAIN = {"spot": "Spot", "futures": "Futures", "broker": "Broker"}
KUCOIN_CHANNEL = {"public": "Public", "private": "Private"}

SIGNING_SCHEMES = {
    "KcApiKey": ("KC-API-KEY", "Your API key."),
    "KcApiSign": (
        "KC-API-SIGN",
        "base64(HMAC-SHA256(secret, timestamp + METHOD + path[?raw query] + body)). The query is signed "
        "unencoded and in the order it is sent; the body is the exact JSON text sent.",
    ),
    "KcApiTimestamp": ("KC-API-TIMESTAMP", "Milliseconds since the epoch; within 5 seconds of KuCoin's clock."),
    "KcApiPassphrase": ("KC-API-PASSPHRASE", "base64(HMAC-SHA256(secret, passphrase)) for key versions 2 and 3."),
    "KcApiKeyVersion": ("KC-API-KEY-VERSION", "The API key version: 3."),
}
BROKER_SCHEMES = {
    "KcApiPartner": ("KC-API-PARTNER", "The broker's partner id."),
    "KcBrokerName": ("KC-BROKER-NAME", "The broker's name."),
    "KcApiPartnerSign": (
        "KC-API-PARTNER-SIGN",
        "base64(HMAC-SHA256(broker key, timestamp + partner + API key)), with KC-API-TIMESTAMP's timestamp.",
    ),
    "KcApiPartnerVerify": ("KC-API-PARTNER-VERIFY", "true"),
}
SIGNING_NOTE = (
    "KuCoin signs private requests with an HMAC over the request itself, which Swagger UI and Scalar "
    "cannot compute from static values: use the explorer's try-it or its Postman collection, whose "
    "pre-request script signs."
)

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "description": "KuCoin's error code, e.g. 400005."},
        "msg": {"type": "string", "description": "What went wrong, in KuCoin's words."},
    },
    "required": ["code"],
}


# --- what a document holds ----------------------------------------------------------


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


# --- the document ---------------------------------------------------------------------


class OpenApiDocument:
    """One OpenAPI 3.1 document over the endpoints of a scope."""

    def __init__(self, scope: Scope, *, site_url: str):
        self.scope = scope
        self.site_url = site_url.rstrip("/")

    def items(self) -> list[Endpoint]:
        return list(self.scope.endpoints().prefetch_related("parameters"))

    def build(self) -> dict[str, Any]:
        endpoints = self.items()
        placed = path_keys(endpoints)
        paths: dict[str, dict] = {}
        for endpoint in endpoints:
            key, server = placed[endpoint.pk]
            paths.setdefault(key, {})[endpoint.method.lower()] = operation(
                endpoint, server=server, site_url=self.site_url
            )
        tags, groups = _tags(endpoints)
        document = {
            "openapi": OPENAPI_VERSION,
            "info": self._info(endpoints, placed),
            "servers": [_server(domain) for domain in DOMAIN_ORDER if any(e.domain == domain for e in endpoints)],
            "externalDocs": {"description": "KuCoin API Explorer", "url": f"{self.site_url}/"},
            "tags": tags,
            "x-tagGroups": groups,
            "paths": paths,
            "components": _components(endpoints),
        }
        # The version names the content, so an export re-imported elsewhere keeps it.
        document["info"]["version"] = content_version(document)
        return document

    def _info(self, endpoints: list[Endpoint], placed: dict) -> dict[str, Any]:
        lines = [
            f"{self._scope_words(len(endpoints))}, generated by KuCoin API Explorer from KuCoin's official "
            "universal SDK. Unofficial.",
            "",
            "Each operation carries its host as its own `servers` entry and KuCoin's metadata as `x-` fields: "
            "`x-domain`, `x-api-channel`, `x-api-permission`, `x-api-rate-limit-pool`, "
            "`x-api-rate-limit-weight`, `x-sdk-service`, `x-sdk-sub-service`, `x-sdk-method-name` and "
            "`x-api-doc` (KuCoin's own page); `externalDocs` links to the explorer's page.",
        ]
        if any(placed[e.pk][0] != e.path for e in endpoints):
            lines += [
                "",
                "Some method + path pairs exist on more than one host. The spot copy keeps its path; the other "
                "copy is keyed without its first path segment, which moves into that operation's server URL "
                "(for example `https://api-futures.kucoin.com/api` + `/v1/orders`), so server + path is still "
                "KuCoin's exact URL.",
            ]
        if any(e.api_channel != "public" for e in endpoints):
            lines += ["", SIGNING_NOTE]
        return {
            "title": self.scope.title,
            "summary": "The KuCoin REST API with KuCoin's rate-limit, permission and SDK metadata.",
            "description": "\n".join(lines),
            "version": "",
        }

    def _scope_words(self, count: int) -> str:
        if self.scope.kind == "endpoint":
            return f"One KuCoin REST endpoint ({self.scope.label})"
        where = {"domain": f" on the {self.scope.label}", "service": f" of the SDK's {self.scope.label}"}
        return f"Every KuCoin REST endpoint{where.get(self.scope.kind, '')} ({count} operations)"


def content_version(document: dict) -> str:
    """A short digest of everything but the version itself."""
    content = {key: value for key, value in document.items() if key != "info"}
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
    return f"catalogue-{digest[:12]}"


def path_keys(endpoints: list[Endpoint]) -> dict[int, tuple[str, str]]:
    """Each endpoint's path key and server URL; a later domain's copy of a taken method + path moves a prefix."""
    placed: dict[int, tuple[str, str]] = {}
    taken: set[tuple[str, str]] = set()
    for endpoint in sorted(endpoints, key=lambda e: DOMAIN_ORDER.index(e.domain)):
        key, server = endpoint.path, settings.KUCOIN_PUBLIC_BASE_URLS[endpoint.domain]
        while (key, endpoint.method) in taken and key.count("/") > 1:
            head, _, rest = key[1:].partition("/")
            key, server = f"/{rest}", f"{server}/{head}"
        taken.add((key, endpoint.method))
        placed[endpoint.pk] = (key, server)
    return placed


def _server(domain: str) -> dict[str, str]:
    return {"url": settings.KUCOIN_PUBLIC_BASE_URLS[domain], "description": f"KuCoin {domain} host"}


def tag_name(endpoint: Endpoint) -> str:
    # No `/` in tag names: Swagger UI splits its deep links (#/tag/operationId) on it.
    return f"{endpoint.sdk_service} - {endpoint.sdk_sub_service}"


def _tags(endpoints: list[Endpoint]) -> tuple[list[dict], list[dict]]:
    """One tag per SDK sub-service, grouped by service (x-tagGroups, which Redoc and Scalar show)."""
    counts: dict[tuple[str, str], int] = {}
    for endpoint in endpoints:
        pair = (endpoint.sdk_service, endpoint.sdk_sub_service)
        counts[pair] = counts.get(pair, 0) + 1
    tags, groups = [], {}
    for (service, sub), count in counts.items():
        name = f"{service} - {sub}"
        tags.append(
            {
                "name": name,
                "description": f"KuCoin SDK service {service}, sub-service {sub}: {count} endpoint{'s' * (count > 1)}.",
                "x-displayName": sub,
            }
        )
        groups.setdefault(service, []).append(name)
    return tags, [{"name": service, "tags": names} for service, names in groups.items()]


def _components(endpoints: list[Endpoint]) -> dict[str, Any]:
    schemes = {}
    if any(e.api_channel != "public" for e in endpoints):
        schemes.update(SIGNING_SCHEMES)
    if any(e.needs_broker_signature for e in endpoints):
        schemes.update(BROKER_SCHEMES)
    components: dict[str, Any] = {
        "schemas": {"KucoinError": ERROR_SCHEMA},
        "responses": {
            "KucoinError": {
                "description": "A failure: KuCoin's envelope with a `code` other than 200000 and a `msg`.",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/KucoinError"},
                        "example": {"code": "400005", "msg": "Invalid KC-API-SIGN"},
                    }
                },
            }
        },
    }
    if schemes:
        components["securitySchemes"] = {
            name: {"type": "apiKey", "in": "header", "name": header, "description": text}
            for name, (header, text) in schemes.items()
        }
    return components


# --- one operation ---------------------------------------------------------------------


def operation_id(endpoint: Endpoint) -> str:
    """`spot.order.addOrder`: KuCoin's lower-case service and sub-service names, then the SDK method name."""
    return f"{endpoint.sdk_service.lower()}.{endpoint.sdk_sub_service.lower()}.{endpoint.sdk_method_name}"


def operation(endpoint: Endpoint, *, server: str, site_url: str) -> dict[str, Any]:
    """The OpenAPI operation for one endpoint, served from `server`."""
    op: dict[str, Any] = {
        "tags": [tag_name(endpoint)],
        "summary": endpoint.summary,
        "operationId": operation_id(endpoint),
    }
    if endpoint.description:
        op["description"] = endpoint.description
    op["externalDocs"] = {
        "description": "This endpoint in KuCoin API Explorer",
        "url": f"{site_url}{endpoint.get_absolute_url()}",
    }
    op["servers"] = [{"url": server, "description": f"KuCoin {endpoint.domain} host"}]
    parameters = [parameter(p, endpoint.request_example) for p in endpoint.parameters.all() if p.location != "body"]
    if parameters:
        op["parameters"] = parameters
    body = request_body(endpoint)
    if body:
        op["requestBody"] = body
    op["responses"] = responses(endpoint)
    if endpoint.deprecated:
        op["deprecated"] = True
    security = security_requirements(endpoint)
    if security:
        op["security"] = security
    op.update(kucoin_fields(endpoint))
    return op


def parameter(param, request_example: Any) -> dict[str, Any]:
    """A path or query parameter; its description sits beside the schema, as Swagger UI shows it."""
    schema = dict(param.schema or {"type": param.type})
    if param.description and schema.get("description") == param.description:
        del schema["description"]  # the reader puts it back from the parameter's own description
    result: dict[str, Any] = {"name": param.name, "in": param.location}
    if param.description:
        result["description"] = param.description
    result["required"] = bool(param.required or param.location == "path")
    result["schema"] = schema
    example = param.example
    if example is None and isinstance(request_example, dict):
        example = request_example.get(param.name)
    if example is not None:
        result["example"] = example
    return result


def request_body(endpoint: Endpoint) -> dict[str, Any] | None:
    if not endpoint.json_body or endpoint.request_schema is None:
        return None
    media: dict[str, Any] = {"schema": endpoint.request_schema}
    example = body_example(endpoint)
    if example is not None:
        media["example"] = example
    return {"required": True, "content": {"application/json": media}}


def body_example(endpoint: Endpoint) -> Any:
    """The request example without the values that travel in the path or the query."""
    example = endpoint.request_example
    if not isinstance(example, dict):
        return example
    elsewhere = {p.name for p in endpoint.parameters.all() if p.location != "body"}
    return {key: value for key, value in example.items() if key not in elsewhere}


def responses(endpoint: Endpoint) -> dict[str, Any]:
    success: dict[str, Any] = {"description": "Success: KuCoin's envelope with `code` 200000 and the result in `data`."}
    media: dict[str, Any] = {}
    if endpoint.response_schema is not None:
        media["schema"] = endpoint.response_schema
    if endpoint.response_example is not None:
        media["example"] = endpoint.response_example
    if media:
        success["content"] = {"application/json": media}
    elif not endpoint.metadata_published:
        success["description"] += " KuCoin publishes no schema for this unified-account route."
    return {"200": success, "default": {"$ref": "#/components/responses/KucoinError"}}


def security_requirements(endpoint: Endpoint) -> list[dict[str, list]]:
    """KC-API-* headers for private endpoints; optional where KuCoin does not say (unified-account routes)."""
    if endpoint.api_channel == "public":
        return []
    signed = {name: [] for name in SIGNING_SCHEMES}
    if endpoint.needs_broker_signature:
        signed.update({name: [] for name in BROKER_SCHEMES})
    # `{}` first means "no credentials" is also acceptable: KuCoin publishes no channel for these.
    return [signed] if endpoint.api_channel == "private" else [{}, signed]


def kucoin_fields(endpoint: Endpoint) -> dict[str, Any]:
    """KuCoin's metadata in the `x-` names of KuCoin's own spec files, plus the few the explorer adds."""
    fields: dict[str, Any] = {"x-domain": KUCOIN_DOMAIN[endpoint.domain]}
    if endpoint.metadata_published:
        fields["x-api-channel"] = KUCOIN_CHANNEL.get(endpoint.api_channel, endpoint.api_channel)
        fields["x-api-permission"] = endpoint.api_permission or "NULL"
        fields["x-api-rate-limit-pool"] = endpoint.rate_limit_pool or "NULL"
        if endpoint.rate_limit_weight is not None:
            fields["x-api-rate-limit-weight"] = endpoint.rate_limit_weight
    else:
        fields["x-metadata-published"] = False
    fields["x-sdk-service"] = endpoint.sdk_service
    fields["x-sdk-sub-service"] = endpoint.sdk_sub_service
    fields["x-sdk-method-name"] = endpoint.sdk_method_name
    if endpoint.sdk_python_call:
        fields["x-sdk-python-call"] = endpoint.sdk_python_call
    if endpoint.sdk_request_model:
        fields["x-sdk-request-model"] = endpoint.sdk_request_model
    if endpoint.doc_url:
        fields["x-api-doc"] = endpoint.doc_url
    if endpoint.needs_broker_signature or endpoint.sdk_service == "Broker":
        fields["x-needs-broker-signature"] = endpoint.needs_broker_signature
    if endpoint.json_body != (endpoint.method == "POST"):
        fields["x-request-force-json"] = endpoint.json_body
    if endpoint.request_example is not None:
        fields["x-request-example"] = endpoint.request_example
    # Paths group operations by URL; this keeps the SDK's order for a re-import.
    if endpoint.sort_order > 0:
        fields["x-sort-order"] = endpoint.sort_order
    return fields
