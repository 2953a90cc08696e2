"""Lay the Node SDK's required flags over the Python SDK's catalogue.

Each endpoint's request model names a module and class (`...generate.spot.order.
model_add_order_req.AddOrderReq`); the Node SDK declares the same class in the
same place (`generate/spot/order/model_add_order_req.d.ts`). Only `required`
changes: the parameters' flags and the `required` lists of the request schema,
nested models included. A spec laid on top afterwards still wins.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field

from .merge import copy_required
from .node_sdk import FieldDeclaration, NodeSdk
from .records import Catalogue, EndpointRecord

PYTHON_PACKAGE = "kucoin_universal_sdk."
MAX_DEPTH = 20


@dataclass
class RequiredOverlay:
    catalogue: Catalogue
    # Request models the Node SDK does not declare (newer in the Python SDK, or renamed).
    unmatched: list[str] = field(default_factory=list)


def overlay_node_required(sdk: Catalogue, node: NodeSdk) -> RequiredOverlay:
    """A new catalogue whose request parameters and schemas carry the Node SDK's required flags."""
    merged = deepcopy(sdk)
    merged.source = f"{sdk.source} + {node.source}"
    unmatched = []
    for record in merged.endpoints:
        if not record.sdk_request_model:
            continue
        fields = _declared_fields(node, record.sdk_request_model)
        if fields is None:
            unmatched.append(record.sdk_request_model)
            continue
        _apply(record, fields, node)
    return RequiredOverlay(catalogue=merged, unmatched=unmatched)


def _declared_fields(node: NodeSdk, dotted: str) -> list[FieldDeclaration] | None:
    module, _, class_name = dotted.removeprefix(PYTHON_PACKAGE).rpartition(".")
    return node.model_fields(module.replace(".", "/"), class_name)


def _apply(record: EndpointRecord, fields: list[FieldDeclaration], node: NodeSdk) -> None:
    required = {declaration.name: declaration.required for declaration in fields}
    for param in record.parameters:
        if param.name in required:
            param.required = required[param.name] or param.location == "path"
    skeleton = required_skeleton(fields, node)
    schema = record.request_schema
    if isinstance(schema, dict) and "items" in schema and "properties" not in schema:
        skeleton = skeleton["properties"].get("items", {})  # a batch body is its `items` list
    copy_required(schema, skeleton)


def required_skeleton(fields: list[FieldDeclaration], node: NodeSdk, seen: frozenset = frozenset()) -> dict:
    """A schema-shaped tree of `required` lists, the form `copy_required` reads."""
    properties = {}
    for declaration in fields:
        model = declaration.model
        # KuCoin's models are not recursive; `seen` stops a cycle should one appear.
        nested = node.model_fields(*model) if model and model not in seen and len(seen) < MAX_DEPTH else None
        inner = required_skeleton(nested, node, seen | {model}) if nested is not None else {}
        # A nested model stands for the property itself or for its array items.
        properties[declaration.name] = {**inner, "items": inner} if inner else {}
    return {"required": [d.name for d in fields if d.required], "properties": properties}
