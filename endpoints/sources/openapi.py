"""Read OpenAPI documents that carry KuCoin's `x-` metadata into catalogue records.

Two kinds of input share this reader:
- KuCoin's official spec files (the `spec/` folder of the universal SDK
  repository: `rest/api/*.json`, `ws/*.json`), OpenAPI 3.0.1 with examples stored
  as double-escaped JSON strings and one futures GET stored under PATCH with
  `x-original-method`;
- a single OpenAPI document (JSON or YAML), such as one this project exports:
  those carry every catalogue field in `x-` fields and move a prefix of a path
  shared by two hosts into the operation's server URL, which is put back here.

A location is a folder, a file or an http(s) URL of a file. Anything missing or
malformed raises SourceError naming the file and the place inside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from endpoints.kucoin.hosts import is_domain

from .openapi_channels import channel_record
from .openapi_files import check_document, load_documents
from .openapi_values import decode_example, inline_refs, json_content, object_at, required_text, text
from .records import Catalogue, EndpointRecord, ParameterRecord, SourceError
from .schemas import json_type

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def source_label(location: str | Path) -> str:
    """Name a spec source for readers: a URL as given, a local file or folder by its own name only.

    The label is shown in every page's footer and in the history, so a server's directory
    layout (`/srv/team/kucoin-spec`) must not leak into it.
    """
    text = str(location)
    if urlsplit(text).scheme in ("http", "https"):
        return text
    if text.startswith("file:"):
        text = urlsplit(text).path
    return Path(text.rstrip("/")).name or text


def read_openapi(location: str | Path) -> Catalogue:
    """Read a folder of KuCoin spec files, one OpenAPI file, or a file URL."""
    documents = load_documents(str(location))
    catalogue = Catalogue(source=f"OpenAPI {source_label(location)}")
    for name, document in documents:
        check_document(name, document)
        for path, method, operation, servers in _operations(name, document):
            where = f"{name}: {method.upper()} {path}"
            if method == "trace" or "x-topic" in operation:
                catalogue.channels.append(channel_record(operation, document, where))
                catalogue.origins[catalogue.channels[-1].key] = where
            else:
                # Our exports keep KuCoin's own spelling of a renamed placeholder in x-kucoin-path.
                full_path = operation.get("x-kucoin-path") or server_path(servers, where) + path
                catalogue.endpoints.append(_endpoint(full_path, method, operation, document, where))
                catalogue.origins[catalogue.endpoints[-1].key] = where
    _check_unique(catalogue)
    # Our exports keep each endpoint's place in the catalogue (x-sort-order), which
    # path grouping would lose; any other document is ordered as it is written.
    if not all(record.sort_order > 0 for record in catalogue.endpoints):
        for order, record in enumerate(catalogue.endpoints, start=1):
            record.sort_order = order
    for order, channel in enumerate(catalogue.channels, start=1):
        channel.sort_order = order
    return catalogue


def _operations(name: str, document: dict):
    """(path, method, operation, servers in force) for every operation, in document order."""
    for path, item in document["paths"].items():
        if not isinstance(item, dict):
            raise SourceError(f"{name}: paths['{path}'] is not an object.")
        for method, operation in item.items():
            if method not in (*HTTP_METHODS, "trace"):
                continue
            if not isinstance(operation, dict):
                raise SourceError(f"{name}: {method.upper()} {path} is not an object.")
            servers = operation.get("servers") or item.get("servers") or document.get("servers") or []
            yield path, method, operation, servers


def server_path(servers: Any, where: str) -> str:
    """The path part of the first server URL (`https://host/api` gives `/api`), which prefixes the path key."""
    if not isinstance(servers, list) or not servers:
        return ""
    first = servers[0]
    if not isinstance(first, dict) or not isinstance(first.get("url"), str):
        raise SourceError(f"{where}: its first server has no 'url' text.")
    url = first["url"]
    if "{" in url:
        return ""  # a templated server URL names no fixed prefix
    return urlsplit(url).path.rstrip("/")


def _check_unique(catalogue: Catalogue) -> None:
    seen: set = set()
    for record in catalogue.endpoints:
        if record.key in seen:
            domain, method, path = record.key
            raise SourceError(f"{method} {path} on the {domain} domain appears twice.")
        seen.add(record.key)


# --- REST -----------------------------------------------------------------------


def _endpoint(path: str, method: str, operation: dict, document: dict, where: str) -> EndpointRecord:
    request_example = decode_example(operation.get("x-request-example"), f"{where} x-request-example")
    success = object_at(operation.get("responses", {}), f"{where}: 'responses'").get("200")
    record = _endpoint_fields(path, method, operation, where)
    record.request_example = request_example
    response_example = operation.get("x-response-example", _media_example(success))
    record.response_example = decode_example(response_example, f"{where} x-response-example")
    operation = inline_refs(operation, document)
    record.parameters = _parameters(operation, request_example, where)
    body = json_content(operation.get("requestBody"), f"{where}: requestBody")
    record.request_schema = body
    record.parameters += _body_parameters(body, request_example)
    record.response_schema = json_content(inline_refs(success, document), f"{where}: responses['200']")
    _check_parameters_unique(record, where)
    return record


def _endpoint_fields(path: str, method: str, operation: dict, where: str) -> EndpointRecord:
    """The record's plain fields, read from the operation and its `x-` metadata."""
    # KuCoin's generator stores a second GET on the same path under PATCH and
    # keeps the real verb in x-original-method.
    real_method = str(operation.get("x-original-method", method)).upper()
    domain = required_text(operation, "x-domain", where).lower()
    if not is_domain(domain):
        raise SourceError(f"{where}: x-domain '{domain}' is not one of Spot, Futures, Broker.")
    service = required_text(operation, "x-sdk-service", where)
    return EndpointRecord(
        domain=domain,
        method=real_method,
        path=path,
        summary=text(operation.get("summary")).strip(),
        description=text(operation.get("description")),
        doc_url=text(operation.get("x-api-doc")),
        deprecated=bool(operation.get("deprecated")) or operation.get("x-abandon") == "abandon",
        metadata_published=operation.get("x-metadata-published", True) is not False,
        api_channel=text(operation.get("x-api-channel")).lower(),
        api_permission=_null_to_blank(operation.get("x-api-permission")),
        rate_limit_pool=_null_to_blank(operation.get("x-api-rate-limit-pool")),
        rate_limit_weight=_weight(operation.get("x-api-rate-limit-weight"), where),
        json_body=_json_body(operation, real_method),
        # The spec does not say which endpoints take broker headers; the SDK signs
        # every Broker-service call with them, so the same rule applies here.
        needs_broker_signature=bool(operation.get("x-needs-broker-signature", service == "Broker")),
        sdk_service=service,
        sdk_sub_service=required_text(operation, "x-sdk-sub-service", where),
        sdk_method_name=required_text(operation, "x-sdk-method-name", where),
        sdk_python_call=text(operation.get("x-sdk-python-call")),
        sdk_request_model=text(operation.get("x-sdk-request-model")),
        sort_order=_sort_order(operation.get("x-sort-order"), where),
    )


def _json_body(operation: dict, method: str) -> bool:
    # KuCoin marks its one JSON-bodied DELETE with x-request-force-json: true; our
    # own exports also write false for a POST that sends a query string.
    force_json = operation.get("x-request-force-json")
    return bool(force_json) if isinstance(force_json, bool) else method == "POST" or bool(force_json)


def _sort_order(value: Any, where: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SourceError(f"{where}: x-sort-order '{value}' is not a positive whole number.")
    return value


def _media_example(response: Any) -> Any:
    """A response's JSON example, where KuCoin's x-response-example is absent (standard OpenAPI)."""
    if not isinstance(response, dict):
        return None
    media = response.get("content", {}).get("application/json") if isinstance(response.get("content"), dict) else None
    return media.get("example") if isinstance(media, dict) else None


def _check_parameters_unique(record: EndpointRecord, where: str) -> None:
    seen = set()
    for param in record.parameters:
        if (param.location, param.name) in seen:
            raise SourceError(f"{where}: the {param.location} parameter '{param.name}' is listed twice.")
        seen.add((param.location, param.name))


def _null_to_blank(value: Any) -> str:
    return "" if value in (None, "NULL", "") else str(value)


def _weight(value: Any, where: str) -> int | None:
    if value in (None, "NULL", "", "unknown"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise SourceError(f"{where}: x-api-rate-limit-weight '{value}' is not a whole number.") from error


def _parameters(operation: dict, example: Any, where: str) -> list[ParameterRecord]:
    example = example if isinstance(example, dict) else {}
    params = operation.get("parameters", [])
    if not isinstance(params, list):
        raise SourceError(f"{where}: 'parameters' should be a list.")
    records = []
    for index, param in enumerate(params):
        if (
            not isinstance(param, dict)
            or not isinstance(param.get("name"), str)
            or param.get("in")
            not in {
                "path",
                "query",
            }
        ):
            raise SourceError(f"{where}: parameter #{index + 1} needs a 'name' and 'in' of path or query.")
        schema = param.get("schema") or {}
        if not isinstance(schema, dict):
            raise SourceError(f"{where}: parameter '{param['name']}' has a schema that is not an object.")
        schema = dict(schema)
        if param.get("description") and "description" not in schema:
            schema["description"] = param["description"]
        name = param.get("x-kucoin-name") or param["name"]  # KuCoin's spelling, where our export renamed it
        record = _parameter(name, param["in"], schema, param.get("required", False), example)
        if "example" in param:  # our own exports write each parameter's example beside it
            record.example = param["example"]
        records.append(record)
    return records


def _body_parameters(body: dict | None, example: Any) -> list[ParameterRecord]:
    if not body or body.get("type") != "object":
        return []
    example = example if isinstance(example, dict) else {}
    required = body.get("required", [])
    properties = body.get("properties", {})
    if not isinstance(required, list) or not isinstance(properties, dict):
        return []
    return [
        _parameter(name, "body", prop if isinstance(prop, dict) else {}, name in required, example)
        for name, prop in properties.items()
    ]


def _parameter(name: str, location: str, schema: dict, required: bool, example: dict) -> ParameterRecord:
    return ParameterRecord(
        name=name,
        location=location,
        type=json_type(schema),
        required=bool(required) or location == "path",
        enum_values=list(schema.get("enum", [])),
        default=schema.get("default"),
        description=str(schema.get("description", "")),
        example=example.get(name),
        schema=schema,
    )
