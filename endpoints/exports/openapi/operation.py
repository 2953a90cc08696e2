"""One endpoint as an OpenAPI 3.1 operation, with KuCoin's metadata in KuCoin's own `x-` names."""

from __future__ import annotations

from typing import Any

from endpoints.kucoin.signing import DEFAULT_KEY_VERSION, TIMESTAMP_WINDOW_MS, signing_requirement
from endpoints.models import Endpoint

from .placeholders import exported_name, exported_path
from .scopes import KUCOIN_DOMAIN

KUCOIN_CHANNEL = {"public": "Public", "private": "Private"}
SIGNING_SCHEMES = {
    "KcApiKey": ("KC-API-KEY", "Your API key."),
    "KcApiSign": (
        "KC-API-SIGN",
        "base64(HMAC-SHA256(secret, timestamp + METHOD + path[?raw query] + body)). The query is signed "
        "unencoded and in the order it is sent; the body is the exact JSON text sent.",
    ),
    "KcApiTimestamp": (
        "KC-API-TIMESTAMP",
        f"Milliseconds since the epoch; within {TIMESTAMP_WINDOW_MS // 1000} seconds of KuCoin's clock.",
    ),
    "KcApiPassphrase": ("KC-API-PASSPHRASE", "base64(HMAC-SHA256(secret, passphrase)) for key versions 2 and 3."),
    "KcApiKeyVersion": ("KC-API-KEY-VERSION", f"The API key version: {DEFAULT_KEY_VERSION}."),
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


def tag_name(endpoint: Endpoint) -> str:
    # No `/` in tag names: Swagger UI splits its deep links (#/tag/operationId) on it.
    return f"{endpoint.sdk_service} - {endpoint.sdk_sub_service}"


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
    # Public operations say `security: []` outright, so no tool asks them for credentials.
    op["security"] = security_requirements(endpoint)
    op.update(kucoin_fields(endpoint))
    if exported_path(endpoint.path) != endpoint.path:
        op["x-kucoin-path"] = endpoint.path
    return op


def parameter(param, request_example: Any) -> dict[str, Any]:
    """A path or query parameter; its description sits beside the schema, as Swagger UI shows it."""
    schema = dict(param.schema or {"type": param.type})
    if param.description and schema.get("description") == param.description:
        del schema["description"]  # the reader puts it back from the parameter's own description
    result: dict[str, Any] = {"name": exported_name(param.name), "in": param.location}
    if param.description:
        result["description"] = param.description
    result["required"] = bool(param.required or param.location == "path")
    result["schema"] = schema
    example = param.example
    if example is None and isinstance(request_example, dict):
        example = request_example.get(param.name)
    if example is not None:
        result["example"] = example
    if result["name"] != param.name:
        result["x-kucoin-name"] = param.name
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
    requirement = signing_requirement(endpoint)
    if not requirement.takes_key:
        return []
    signed = {name: [] for name in SIGNING_SCHEMES}
    if requirement.needs_broker:
        signed.update({name: [] for name in BROKER_SCHEMES})
    # `{}` first means "no credentials" is also acceptable: KuCoin publishes no channel for these.
    return [signed] if requirement.requires_key else [{}, signed]


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
    needs_broker = signing_requirement(endpoint).needs_broker
    if needs_broker or endpoint.sdk_service == "Broker":
        fields["x-needs-broker-signature"] = needs_broker
    if endpoint.json_body != (endpoint.method == "POST"):
        fields["x-request-force-json"] = endpoint.json_body
    if endpoint.request_example is not None:
        fields["x-request-example"] = endpoint.request_example
    # Paths group operations by URL; this keeps the SDK's order for a re-import.
    if endpoint.sort_order > 0:
        fields["x-sort-order"] = endpoint.sort_order
    return fields
