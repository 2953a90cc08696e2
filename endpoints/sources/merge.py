"""Lay KuCoin's official spec over the SDK's catalogue.

The SDK stays the source of truth for what exists and how it is called. The spec
adds what the SDK's generator drops: which parameters and schema fields are
required, request examples, and deprecation. Endpoints or channels found only in
the spec are added as they are.
"""

from __future__ import annotations

from copy import deepcopy

from .records import Catalogue, EndpointRecord


def overlay_spec(sdk: Catalogue, spec: Catalogue) -> Catalogue:
    """A new catalogue: the SDK's records with the spec's additions."""
    merged = deepcopy(sdk)
    merged.source = f"{sdk.source} + {spec.source}"
    merged.origins = {**sdk.origins, **spec.origins}
    by_key = {record.key: record for record in merged.endpoints}
    for spec_record in spec.endpoints:
        record = by_key.get(spec_record.key)
        if record is None:
            spec_record = deepcopy(spec_record)
            spec_record.sort_order = len(merged.endpoints) + 1
            merged.endpoints.append(spec_record)
        else:
            _overlay_endpoint(record, spec_record)
    known_channels = {channel.key for channel in merged.channels}
    for channel in spec.channels:
        if channel.key not in known_channels:
            merged.channels.append(deepcopy(channel))
    return merged


def _overlay_endpoint(record: EndpointRecord, spec: EndpointRecord) -> None:
    # The SDK's Python names lose KuCoin's capitals (get_spot_hf_ledger); the
    # spec keeps the name KuCoin documents (getSpotHFLedger). Slugs are equal.
    record.sdk_method_name = spec.sdk_method_name or record.sdk_method_name
    record.deprecated = record.deprecated or spec.deprecated
    if record.request_example is None:
        record.request_example = deepcopy(spec.request_example)
    spec_params = {(p.location, p.name): p for p in spec.parameters}
    for param in record.parameters:
        match = spec_params.get((param.location, param.name))
        if match is not None:
            param.required = match.required or param.location == "path"
    copy_required(record.request_schema, spec.request_schema)
    copy_required(record.response_schema, spec.response_schema)


def copy_required(target: dict | None, source: dict | None) -> None:
    """Copy `required` lists from one schema tree into the same places of another."""
    if not isinstance(target, dict) or not isinstance(source, dict):
        return
    target_props = target.get("properties", {})
    if isinstance(source.get("required"), list) and target_props:
        target["required"] = [name for name in source["required"] if name in target_props]
    elif "properties" in source:
        target.pop("required", None)  # the spec lists none here, and it wins over other sources
    for name, prop in target_props.items():
        copy_required(prop, source.get("properties", {}).get(name))
    copy_required(target.get("items"), source.get("items"))
