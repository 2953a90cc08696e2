"""The SDK's REST endpoints: every API method of every service, called once against the recording transport."""

from __future__ import annotations

import inspect
import typing
from typing import Any

from ..records import EndpointRecord, ParameterRecord, SourceError
from ..schemas import envelope, json_type, tidy_schema
from .introspection import (
    Call,
    RecordingTransport,
    getters,
    implementation,
    parse_docstring,
    snake_to_camel,
    test_examples,
    words,
)

# KuCoin's Extra API Info table upper-cases its values; these are the spellings
# KuCoin uses everywhere else (the docs and the spec's x- fields).
_KUCOIN_SPELLINGS = [
    *("General", "Spot", "Margin", "Futures", "Earn", "Withdrawal", "FlexTransfers", "LeadtradeFutures"),
    *("Management", "Public", "CopyTrading", "Broker"),
]
_CANONICAL = {name.upper(): name for name in _KUCOIN_SPELLINGS}


def rest_endpoints(rest_service: type):
    order = 0
    for service_getter, service_abc in getters(rest_service):
        service_name = service_abc.__name__.removesuffix("Service")
        transport = RecordingTransport()
        service = implementation(service_abc)(transport)
        for api_getter, api_abc in getters(service_abc):
            api = getattr(service, api_getter)()
            chain = f"{service_getter}().{api_getter}()"
            for python_name, camel_name, function in api_methods(api_abc):
                order += 1
                call = record_call(api, python_name, transport)
                yield endpoint_record(
                    service_name, api_abc, python_name, camel_name, function, call, f"{chain}.{python_name}", order
                )


def api_methods(api_abc: type):
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


def record_call(api: Any, python_name: str, transport: RecordingTransport) -> Call:
    method = getattr(api, python_name)
    takes_request = any(p in inspect.signature(method).parameters for p in ("req", "request"))
    before = len(transport.calls)
    method(None) if takes_request else method()
    if len(transport.calls) != before + 1:
        raise SourceError(f"{type(api).__name__}.{python_name} did not make exactly one transport call.")
    return transport.calls[-1]


def endpoint_record(service, api_abc, python_name, camel_name, function, call, chain, order) -> EndpointRecord:
    doc = parse_docstring(inspect.getdoc(function) or "")
    request_model = request_model_of(function)
    response_model = type(call.response)
    json_body = call.request_as_json or call.method == "POST"
    examples = test_examples(inspect.getfile(api_abc)).get(python_name, {})
    array_body = request_model is not None and body_is_array(request_model)
    parameters = (
        parameter_records(request_model, json_body, examples.get("req")) if request_model and not array_body else []
    )
    published = bool(doc.table)
    record = EndpointRecord(
        domain=call.domain,
        method=call.method,
        path=call.path,
        summary=doc.summary or words(camel_name),
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
        request_schema=body_schema(request_model) if request_model and json_body else None,
        response_schema=response_schema(response_model) if published else None,
        request_example=examples.get("req"),
        response_example=examples.get("resp"),
        parameters=parameters,
        sort_order=order,
    )
    if published:
        apply_extra_api_info(record, doc.table, python_name)
    return record


def apply_extra_api_info(record: EndpointRecord, table: dict[str, str], where: str) -> None:
    if table.get("API-DOMAIN", "").lower() != record.domain:
        raise SourceError(f"{where}: docstring domain {table.get('API-DOMAIN')} disagrees with its call.")
    record.api_channel = table.get("API-CHANNEL", "").lower()
    record.api_permission = canonical(table.get("API-PERMISSION", "NULL"))
    record.rate_limit_pool = canonical(table.get("API-RATE-LIMIT-POOL", "NULL"))
    weight = table.get("API-RATE-LIMIT-WEIGHT", "NULL")
    record.rate_limit_weight = int(weight) if weight.isdigit() else None


def canonical(value: str) -> str:
    if value.upper() == "NULL":
        return ""
    return _CANONICAL.get(value.upper(), value)


def request_model_of(function) -> type | None:
    hints = typing.get_type_hints(function)
    model = hints.get("req")
    return model if isinstance(model, type) and hasattr(model, "model_json_schema") else None


def parameter_records(model: type, json_body: bool, example: Any) -> list[ParameterRecord]:
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


def body_is_array(model: type) -> bool:
    """Batch models such as futures BatchAddOrdersReq send their `items` list as the whole body."""
    return "data = []" in inspect.getsource(model.to_json)


def body_schema(model: type) -> dict:
    schema = tidy_schema(model.model_json_schema(by_alias=True))
    if body_is_array(model):
        return schema["properties"]["items"]
    schema["properties"] = {
        name: prop for name, prop in schema.get("properties", {}).items() if not is_path_variable(model, name)
    }
    return schema


def is_path_variable(model: type, alias: str) -> bool:
    for field_name, info in model.model_fields.items():
        if (info.alias or field_name) == alias:
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            return str(extra.get("path_variable", "")).lower() == "true"
    return False


def response_schema(model: type) -> dict:
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
