"""Read the whole KuCoin API out of the installed official SDK, `kucoin-universal-sdk`.

Nothing here is a hand-written list. The SDK's own object graph is walked the way
a user of the SDK walks it: `KucoinRestService` getters give the services, their
getters give the API groups, and each API method is called once against a
recording transport that captures the arguments the SDK would send
(`domain, broker, method, path, request, response, request_as_json`). Docstrings
give the summary and KuCoin's "Extra API Info" table; pydantic models give the
schemas; the SDK's generated tests give the example JSON. WebSocket topics come
the same way from `KucoinWSService`.
"""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import json
import re
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .records import Catalogue, ChannelRecord, EndpointRecord, ParameterRecord, SourceError
from .schemas import envelope, json_type, tidy_schema

SDK_DISTRIBUTION = "kucoin-universal-sdk"

# KuCoin's Extra API Info table upper-cases its values; these are the spellings
# KuCoin uses everywhere else (the docs and the spec's x- fields).
_KUCOIN_SPELLINGS = [
    *("General", "Spot", "Margin", "Futures", "Earn", "Withdrawal", "FlexTransfers", "LeadtradeFutures"),
    *("Management", "Public", "CopyTrading", "Broker"),
]
_CANONICAL = {name.upper(): name for name in _KUCOIN_SPELLINGS}


@dataclass
class _Call:
    domain: str
    broker: bool
    method: str
    path: str
    response: Any
    request_as_json: bool


class _RecordingTransport:
    """Stands in for the SDK's transport and remembers the one call it is asked to make."""

    def __init__(self) -> None:
        self.calls: list[_Call] = []
        self.subscriptions: list[tuple[str, list[str], Any]] = []

    def call(self, domain, broker, method, path, request, response, request_as_json, **kwargs):
        self.calls.append(_Call(domain.lower(), bool(broker), method.upper(), path, response, bool(request_as_json)))

    def subscribe(self, prefix, args, callback):
        self.subscriptions.append((prefix, list(args), callback))


def sdk_version() -> str:
    """The installed SDK's version, or a SourceError saying how to install it."""
    try:
        return importlib.metadata.version(SDK_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as error:
        raise SourceError(
            f"The official SDK '{SDK_DISTRIBUTION}' is not installed; run `pip install -r requirements.txt`."
        ) from error


def read_sdk() -> Catalogue:
    """Enumerate every REST endpoint and WebSocket channel the installed SDK knows."""
    version = sdk_version()
    try:
        from kucoin_universal_sdk.api.api_rest import KucoinRestService
        from kucoin_universal_sdk.api.api_ws import KucoinWSService
    except ImportError as error:
        raise SourceError(f"The installed SDK {version} cannot be imported: {error}") from error
    endpoints = list(_rest_endpoints(KucoinRestService))
    channels = list(_ws_channels(KucoinWSService))
    if not endpoints:
        raise SourceError(f"The installed SDK {version} exposes no REST endpoints; is it damaged?")
    return Catalogue(
        source=f"{SDK_DISTRIBUTION} {version}", endpoints=endpoints, channels=channels, sdk_version=version
    )


# --- REST ---------------------------------------------------------------------


def _getters(cls: type) -> list[tuple[str, type]]:
    """Public zero-argument getters of an ABC with their declared return types, in source order."""
    found = []
    for name, member in vars(cls).items():
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        returned = typing.get_type_hints(member).get("return")
        if isinstance(returned, type):
            found.append((name, returned))
    return found


def _implementation(abstract: type) -> type:
    """The SDK's one concrete subclass of a service interface."""
    concrete = [cls for cls in abstract.__subclasses__() if not inspect.isabstract(cls)]
    if len(concrete) != 1:
        raise SourceError(f"Expected one implementation of {abstract.__qualname__}, found {len(concrete)}.")
    return concrete[0]


def _rest_endpoints(rest_service: type):
    order = 0
    for service_getter, service_abc in _getters(rest_service):
        service_name = service_abc.__name__.removesuffix("Service")
        transport = _RecordingTransport()
        service = _implementation(service_abc)(transport)
        for api_getter, api_abc in _getters(service_abc):
            api = getattr(service, api_getter)()
            chain = f"{service_getter}().{api_getter}()"
            for python_name, camel_name, function in _api_methods(api_abc):
                order += 1
                call = _record_call(api, python_name, transport)
                yield _endpoint_record(
                    service_name, api_abc, python_name, camel_name, function, call, f"{chain}.{python_name}", order
                )


def _api_methods(api_abc: type):
    """(python name, camelCase name, function) for each API method, each once.

    Generated classes declare snake_case methods; the unified-account (UTA)
    classes install each route twice, under its Java camelCase name and the
    snake_case one, so the camelCase alias is kept as KuCoin's method name.
    """
    aliases: dict[int, list[str]] = {}
    functions: dict[int, Any] = {}
    for name, member in vars(api_abc).items():
        if not name.startswith("_") and inspect.isfunction(member):
            aliases.setdefault(id(member), []).append(name)
            functions[id(member)] = member
    for key, names in aliases.items():
        function = functions[key]
        python_name = function.__name__
        camel = next((n for n in names if n != python_name), None) or snake_to_camel(python_name)
        yield python_name, camel, function


def _record_call(api: Any, python_name: str, transport: _RecordingTransport) -> _Call:
    method = getattr(api, python_name)
    takes_request = any(p in inspect.signature(method).parameters for p in ("req", "request"))
    before = len(transport.calls)
    method(None) if takes_request else method()
    if len(transport.calls) != before + 1:
        raise SourceError(f"{type(api).__name__}.{python_name} did not make exactly one transport call.")
    return transport.calls[-1]


def _endpoint_record(service, api_abc, python_name, camel_name, function, call, chain, order) -> EndpointRecord:
    doc = _parse_docstring(inspect.getdoc(function) or "")
    request_model = _request_model(function)
    response_model = type(call.response)
    json_body = call.request_as_json or call.method == "POST"
    examples = _test_examples(inspect.getfile(api_abc)).get(python_name, {})
    array_body = request_model is not None and _body_is_array(request_model)
    parameters = _parameters(request_model, json_body, examples.get("req")) if request_model and not array_body else []
    published = bool(doc.table)
    record = EndpointRecord(
        domain=call.domain,
        method=call.method,
        path=call.path,
        summary=doc.summary or _words(camel_name),
        description=doc.description,
        doc_url=doc.documentation,
        deprecated=hasattr(function, "__deprecated__"),
        metadata_published=published,
        sdk_service=service,
        sdk_sub_service=api_abc.__name__.removesuffix("API"),
        sdk_method_name=camel_name,
        json_body=json_body,
        needs_broker_signature=call.broker,
        sdk_python_call=chain,
        sdk_request_model=f"{request_model.__module__}.{request_model.__qualname__}" if request_model else "",
        request_schema=_body_schema(request_model) if request_model and json_body else None,
        response_schema=_response_schema(response_model) if published else None,
        request_example=examples.get("req"),
        response_example=examples.get("resp"),
        parameters=parameters,
        sort_order=order,
    )
    if published:
        _apply_extra_api_info(record, doc.table, python_name)
    return record


def _apply_extra_api_info(record: EndpointRecord, table: dict[str, str], where: str) -> None:
    if table.get("API-DOMAIN", "").lower() != record.domain:
        raise SourceError(f"{where}: docstring domain {table.get('API-DOMAIN')} disagrees with its call.")
    record.api_channel = table.get("API-CHANNEL", "").lower()
    record.api_permission = _canonical(table.get("API-PERMISSION", "NULL"))
    record.rate_limit_pool = _canonical(table.get("API-RATE-LIMIT-POOL", "NULL"))
    weight = table.get("API-RATE-LIMIT-WEIGHT", "NULL")
    record.rate_limit_weight = int(weight) if weight.isdigit() else None


def _canonical(value: str) -> str:
    if value.upper() == "NULL":
        return ""
    return _CANONICAL.get(value.upper(), value)


@dataclass
class _Docstring:
    summary: str = ""
    description: str = ""
    documentation: str = ""
    table: dict[str, str] | None = None


def _parse_docstring(text: str) -> _Docstring:
    doc = _Docstring(table={})
    for line in text.splitlines():
        line = line.strip()
        for label in ("summary", "description", "documentation"):
            if line.startswith(f"{label}:") and not getattr(doc, label):
                setattr(doc, label, line.removeprefix(f"{label}:").strip())
        cells = [cell.strip() for cell in line.strip("|").split("|")] if line.startswith("|") else []
        if len(cells) == 2 and cells[0].startswith("API-"):
            doc.table[cells[0]] = cells[1]
    return doc


def _request_model(function) -> type | None:
    hints = typing.get_type_hints(function)
    model = hints.get("req")
    return model if isinstance(model, type) and hasattr(model, "model_json_schema") else None


@cache
def _test_examples(api_file: str) -> dict[str, dict[str, Any]]:
    """Example JSON from the SDK's generated tests: {python_name: {"req": ..., "resp": ...}}."""
    test_file = Path(api_file).with_name(Path(api_file).stem + "_test.py")
    if not test_file.exists():
        return {}
    found: dict[str, dict[str, Any]] = {}
    for node in ast.walk(ast.parse(test_file.read_text(encoding="utf-8"))):
        match = re.fullmatch(r"test_(\w+)_(req|resp)_model", getattr(node, "name", "") or "")
        data = _assigned_string(node, "data") if match else None
        if data is None:
            continue
        try:
            found.setdefault(match.group(1), {})[match.group(2)] = json.loads(data)
        except json.JSONDecodeError as error:
            raise SourceError(f"{test_file.name}, {node.name}: the example is not valid JSON ({error}).") from error
    return found


def _assigned_string(function: ast.AST, name: str) -> str | None:
    for statement in getattr(function, "body", []):
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            return statement.value.value
    return None


def _parameters(model: type, json_body: bool, example: Any) -> list[ParameterRecord]:
    schema = tidy_schema(model.model_json_schema(by_alias=True))
    example = example if isinstance(example, dict) else {}
    records = []
    for field_name, info in model.model_fields.items():
        name = info.alias or field_name
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        in_path = str(extra.get("path_variable", "")).lower() == "true"
        prop = schema["properties"][name]
        records.append(
            ParameterRecord(
                name=name,
                location="path" if in_path else ("body" if json_body else "query"),
                type=json_type(prop),
                required=in_path,
                enum_values=list(prop.get("enum", [])),
                default=prop.get("default"),
                description=prop.get("description", ""),
                example=example.get(name),
                schema=prop,
            )
        )
    return records


def _body_is_array(model: type) -> bool:
    """Batch models such as futures BatchAddOrdersReq send their `items` list as the whole body."""
    return "data = []" in inspect.getsource(model.to_json)


def _body_schema(model: type) -> dict:
    schema = tidy_schema(model.model_json_schema(by_alias=True))
    if _body_is_array(model):
        return schema["properties"]["items"]
    schema["properties"] = {
        name: prop for name, prop in schema.get("properties", {}).items() if not _is_path_variable(model, name)
    }
    return schema


def _is_path_variable(model: type, alias: str) -> bool:
    for field_name, info in model.model_fields.items():
        if (info.alias or field_name) == alias:
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            return str(extra.get("path_variable", "")).lower() == "true"
    return False


def _response_schema(model: type) -> dict:
    """The envelope schema; the SDK flattens `data` into the model, so it is rebuilt here."""
    schema = tidy_schema(model.model_json_schema(by_alias=True))
    properties = {k: v for k, v in schema.get("properties", {}).items() if k != "common_response"}
    # Generated response models wrap a non-object `data` (a list, a number) as
    # {"data": ...} in from_dict; for those the field *is* the data.
    wraps_data = "{'data': obj}" in inspect.getsource(model.from_dict)
    if wraps_data and "data" in properties:
        return envelope(properties["data"])
    if not properties:
        return envelope({})
    return envelope({"type": "object", "properties": properties})


# --- WebSocket ------------------------------------------------------------------


def _ws_channels(ws_service: type):
    order = 0
    for getter, ws_abc in _getters(ws_service):
        match = re.fullmatch(r"new_(spot|margin|futures)_(public|private)_ws", getter)
        if not match:
            continue  # the unified-account push services are a different protocol
        service, visibility = match.groups()
        transport = _RecordingTransport()
        ws = _implementation(ws_abc)(transport)
        examples = _test_examples(inspect.getfile(ws_abc).replace("ws_", "api_", 1))
        for name, function in vars(ws_abc).items():
            # Topics are the methods that take a callback; start/stop/unsubscribe are plumbing.
            if not inspect.isfunction(function) or "callback" not in inspect.signature(function).parameters:
                continue
            order += 1
            yield _channel_record(
                ws, name, function, transport, service, visibility, examples.get(name, {}).get("resp"), order
            )


def _channel_record(ws, name, function, transport, service, visibility, example, order) -> ChannelRecord:
    hints = typing.get_type_hints(function)
    args, placeholders, many = [], [], False
    for param in list(inspect.signature(function).parameters)[1:]:
        if param == "callback":
            continue
        is_list = typing.get_origin(hints.get(param)) in (list, typing.List)  # noqa: UP006
        many = many or is_list
        placeholders.append(param)
        args.append([f"{{{param}}}"] if is_list else f"{{{param}}}")
    getattr(ws, name)(*args, None)
    prefix, sent_args, _ = transport.subscriptions[-1]
    topic = prefix if not sent_args else f"{prefix}:{','.join(sent_args)}"
    doc = _parse_docstring(inspect.getdoc(function) or "")
    frequency = re.search(r"push frequency:\s*(.*)", inspect.getdoc(function) or "")
    return ChannelRecord(
        topic=topic,
        summary=doc.summary or _words(snake_to_camel(name)),
        description=doc.description,
        sdk_service=service.capitalize(),
        sdk_sub_service=f"{service}_{visibility}",
        sdk_method_name=snake_to_camel(name),
        api_channel=visibility,
        push_frequency=frequency.group(1).strip() if frequency else "",
        topic_args=placeholders,
        accepts_many=many,
        message_schema=_message_schema(hints["callback"]),
        message_example=example,
        sort_order=order,
    )


def _message_schema(callback_type: Any) -> dict | None:
    """The push message envelope around the topic's event model.

    The SDK types each callback as `Callable[[topic, subject, Event], None]`.
    """
    argument_types = typing.get_args(callback_type)[0] if typing.get_args(callback_type) else []
    event = argument_types[-1] if argument_types else None
    if not hasattr(event, "model_json_schema"):
        return None
    schema = tidy_schema(event.model_json_schema(by_alias=True))
    schema.get("properties", {}).pop("common_response", None)
    return {
        "type": "object",
        "properties": {
            "topic": {"type": "string"},
            "type": {"type": "string", "enum": ["message"]},
            "subject": {"type": "string"},
            "data": schema,
        },
    }


# --- names ------------------------------------------------------------------------


def snake_to_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def _words(camel: str) -> str:
    """'getAccountInfo' -> 'Get Account Info', for routes KuCoin ships without a summary."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", camel)
    return spaced[:1].upper() + spaced[1:]
