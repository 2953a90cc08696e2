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

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from endpoints.kucoin.hosts import is_domain

from .records import Catalogue, ChannelRecord, EndpointRecord, ParameterRecord, SourceError
from .schemas import json_type

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
FETCH_TIMEOUT = (5, 30)


def read_openapi(location: str | Path) -> Catalogue:
    """Read a folder of KuCoin spec files, one OpenAPI file, or a file URL."""
    documents = _load_documents(str(location))
    catalogue = Catalogue(source=f"OpenAPI {location}")
    for name, document in documents:
        _check_document(name, document)
        for path, method, operation, servers in _operations(name, document):
            where = f"{name}: {method.upper()} {path}"
            if method == "trace" or "x-topic" in operation:
                catalogue.channels.append(_channel(operation, document, where))
            else:
                full_path = server_path(servers, where) + path
                catalogue.endpoints.append(_endpoint(full_path, method, operation, document, where))
    _check_unique(catalogue)
    # Our exports keep each endpoint's place in the catalogue (x-sort-order), which
    # path grouping would lose; any other document is ordered as it is written.
    if not all(record.sort_order > 0 for record in catalogue.endpoints):
        for order, record in enumerate(catalogue.endpoints, start=1):
            record.sort_order = order
    for order, record in enumerate(catalogue.channels, start=1):
        record.sort_order = order
    return catalogue


# --- loading ------------------------------------------------------------------


def _load_documents(location: str) -> list[tuple[str, dict]]:
    if location.startswith(("http://", "https://")):
        return [(location, _parse(location, _fetch(location)))]
    path = Path(location).expanduser()
    if path.is_file():
        return [(path.name, _parse(path.name, _read(path)))]
    if path.is_dir():
        files = _spec_files(path)
        if not files:
            raise SourceError(
                f"No OpenAPI files found in {path}: expected KuCoin's layout (rest/api/*.json and ws/*.json)."
            )
        return [(str(f.relative_to(path)), _parse(str(f.relative_to(path)), _read(f))) for f in files]
    raise SourceError(f"{location} does not exist: give a folder, a file or an http(s) URL of a file.")


def _spec_files(folder: Path) -> list[Path]:
    """KuCoin's per-sub-service REST files and WebSocket files; the merged `entry/` copies are skipped."""
    for root in (folder, folder / "spec"):
        rest = sorted((root / "rest" / "api").glob("*.json"))
        if rest:
            return rest + sorted((root / "ws").glob("*.json"))
    return sorted(folder.glob("*.json"))


def _fetch(url: str) -> str:
    try:
        response = requests.get(url, timeout=FETCH_TIMEOUT)
        response.raise_for_status()
    except requests.RequestException as error:
        raise SourceError(f"Could not download {url}: {error}") from error
    return response.text


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"Could not read {path}: {error}") from error


def _parse(name: str, text: str) -> dict:
    # A name ending .yaml says YAML; a URL without an extension is sniffed: JSON starts with `{`.
    if name.endswith((".yaml", ".yml")) or (not name.endswith(".json") and not text.lstrip().startswith("{")):
        import yaml

        try:
            # libyaml's parser, where installed, reads a whole-catalogue export ten times faster.
            document = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as error:
            raise SourceError(f"{name} is not valid YAML: {error}") from error
        document = _json_values(name, document, "")
    else:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise SourceError(
                f"{name} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
            ) from error
    if not isinstance(document, dict):
        raise SourceError(f"{name} is not an OpenAPI document: its top level is not an object.")
    return document


def _json_values(name: str, value: Any, where: str) -> Any:
    """YAML's values as JSON holds them: `200:` keys become "200"; a date or other non-JSON value is named."""
    if isinstance(value, dict):
        return {_json_key(name, key, where): _json_values(name, item, f"{where}/{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [_json_values(name, item, f"{where}/{index}") for index, item in enumerate(value)]
    if not isinstance(value, str | int | float | bool | type(None)):
        raise SourceError(
            f"{name}: the value at '{where}' is a {type(value).__name__}, which JSON cannot hold; quote it."
        )
    return value


def _json_key(name: str, key: Any, where: str) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, int | float) and not isinstance(key, bool):
        return str(key)
    raise SourceError(f"{name}: the key {key!r} under '{where or '/'}' is not text; quote it.")


def _check_document(name: str, document: dict) -> None:
    version = str(document.get("openapi", ""))
    if not version.startswith("3."):
        raise SourceError(f"{name} is not an OpenAPI 3 document (its 'openapi' field is {version or 'missing'}).")
    if not isinstance(document.get("paths"), dict):
        raise SourceError(f"{name} has no 'paths' object.")


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


def _required(operation: dict, field: str, where: str) -> str:
    value = operation.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise SourceError(f"{where}: the operation has no '{field}' field.")
    if not isinstance(value, str):
        raise SourceError(f"{where}: '{field}' should be text, not {json.dumps(value)[:60]}.")
    return value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _endpoint(path: str, method: str, operation: dict, document: dict, where: str) -> EndpointRecord:
    # KuCoin's generator stores a second GET on the same path under PATCH and
    # keeps the real verb in x-original-method.
    real_method = str(operation.get("x-original-method", method)).upper()
    domain = _required(operation, "x-domain", where).lower()
    if not is_domain(domain):
        raise SourceError(f"{where}: x-domain '{domain}' is not one of Spot, Futures, Broker.")
    service = _required(operation, "x-sdk-service", where)
    # KuCoin marks its one JSON-bodied DELETE with x-request-force-json: true; our
    # own exports also write false for a POST that sends a query string.
    force_json = operation.get("x-request-force-json")
    json_body = bool(force_json) if isinstance(force_json, bool) else real_method == "POST" or bool(force_json)
    request_example = decode_example(operation.get("x-request-example"), f"{where} x-request-example")
    weight = operation.get("x-api-rate-limit-weight")
    responses = _object(operation.get("responses", {}), f"{where}: 'responses'")
    success = responses.get("200")
    response_example = operation.get("x-response-example", _media_example(success))
    record = EndpointRecord(
        domain=domain,
        method=real_method,
        path=path,
        summary=_text(operation.get("summary")).strip(),
        description=_text(operation.get("description")),
        doc_url=_text(operation.get("x-api-doc")),
        deprecated=bool(operation.get("deprecated")) or operation.get("x-abandon") == "abandon",
        metadata_published=operation.get("x-metadata-published", True) is not False,
        api_channel=_text(operation.get("x-api-channel")).lower(),
        api_permission=_null_to_blank(operation.get("x-api-permission")),
        rate_limit_pool=_null_to_blank(operation.get("x-api-rate-limit-pool")),
        rate_limit_weight=_weight(weight, where),
        json_body=json_body,
        # The spec does not say which endpoints take broker headers; the SDK signs
        # every Broker-service call with them, so the same rule applies here.
        needs_broker_signature=bool(operation.get("x-needs-broker-signature", service == "Broker")),
        sdk_service=service,
        sdk_sub_service=_required(operation, "x-sdk-sub-service", where),
        sdk_method_name=_required(operation, "x-sdk-method-name", where),
        sdk_python_call=_text(operation.get("x-sdk-python-call")),
        sdk_request_model=_text(operation.get("x-sdk-request-model")),
        request_example=request_example,
        response_example=decode_example(response_example, f"{where} x-response-example"),
        sort_order=_sort_order(operation.get("x-sort-order"), where),
    )
    operation = _inline_refs(operation, document)
    record.parameters = _parameters(operation, request_example, where)
    body = _json_content(operation.get("requestBody"), f"{where}: requestBody")
    record.request_schema = body
    record.parameters += _body_parameters(body, request_example)
    record.response_schema = _json_content(_inline_refs(success, document), f"{where}: responses['200']")
    _check_parameters_unique(record, where)
    return record


def _sort_order(value: Any, where: str) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SourceError(f"{where}: x-sort-order '{value}' is not a positive whole number.")
    return value


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise SourceError(f"{where} should be an object.")
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


def _json_content(holder: Any, where: str = "") -> dict | None:
    """The application/json schema of a request body or response, if it has one."""
    if holder is None:
        return None
    if not isinstance(holder, dict):
        raise SourceError(f"{where} should be an object.")
    content = holder.get("content", {})
    if not isinstance(content, dict):
        raise SourceError(f"{where}: 'content' should be an object.")
    media = content.get("application/json", {})
    schema = media.get("schema") if isinstance(media, dict) else None
    if schema is not None and not isinstance(schema, dict):
        raise SourceError(f"{where}: the application/json schema should be an object.")
    return schema


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
        record = _parameter(param["name"], param["in"], schema, param.get("required", False), example)
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


def decode_example(value: Any, where: str) -> Any:
    """Decode an example that may be plain JSON, a JSON string, or KuCoin's double-escaped string."""
    if value is None or not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    for candidate in (text, _unescape(text)):
        try:
            return json.loads(candidate)
        except (json.JSONDecodeError, TypeError):
            continue
    raise SourceError(f"{where}: the example is not valid JSON, even after removing KuCoin's extra escaping.")


_PYTHON_HEX_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9a-fA-F]{2})")


def _unescape(text: str) -> str | None:
    # KuCoin's files store `{\"code\": ...}\n` inside a JSON string: one more
    # round of string decoding gives the JSON text. Some examples also carry
    # Python's `\xa0` escapes, which JSON spells `\u00a0`.
    try:
        return json.loads('"' + _PYTHON_HEX_ESCAPE.sub(r"\1\\u00\2", text) + '"')
    except json.JSONDecodeError:
        return None


# --- WebSocket --------------------------------------------------------------------


def _channel(operation: dict, document: dict, where: str) -> ChannelRecord:
    topic = normalise_topic(_required(operation, "x-topic", where))
    responses = _object(operation.get("responses", {}), f"{where}: 'responses'")
    schema = _json_content(responses.get("200"), f"{where}: responses['200']")
    private = operation.get("x-sdk-private")
    private = private if isinstance(private, bool) else str(private).lower() == "true"
    if "x-api-channel" in operation:
        private = str(operation["x-api-channel"]).lower() == "private"
    return ChannelRecord(
        topic=topic,
        summary=_text(operation.get("summary")).strip(),
        description=_text(operation.get("description")),
        sdk_service=_required(operation, "x-sdk-service", where),
        sdk_sub_service=_required(operation, "x-sdk-sub-service", where),
        sdk_method_name=_required(operation, "x-sdk-method-name", where),
        api_channel="private" if private else "public",
        push_frequency=_text(operation.get("x-push_frequency", operation.get("x-push-frequency"))),
        topic_args=re.findall(r"{(\w+)}", topic),
        accepts_many=bool(operation.get("x-accepts-many", _repeats_placeholder(operation["x-topic"]))),
        message_schema=_inline_refs(schema, document) if schema else None,
        message_example=decode_example(operation.get("x-response-example"), f"{where} x-response-example"),
    )


def normalise_topic(topic: str) -> str:
    """KuCoin writes a batch topic as `/market/ticker:{symbol},{symbol}`; keep one placeholder."""
    return re.sub(r"({\w+})(?:,\1)+$", r"\1", topic)


def _repeats_placeholder(topic: str) -> bool:
    return bool(re.search(r"({\w+}),\1$", topic))


def _inline_refs(schema: Any, document: dict, depth: int = 0) -> Any:
    """Replace local `#/components/...` references with their targets."""
    if depth > 20:
        return {}
    if isinstance(schema, list):
        return [_inline_refs(item, document, depth + 1) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = document
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        return _inline_refs(target, document, depth + 1)
    return {key: _inline_refs(value, document, depth + 1) for key, value in schema.items()}
