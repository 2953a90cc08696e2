"""Reading required flags out of the Node SDK's generated type declarations."""

import json

import pytest

from endpoints.sources.node_sdk import NODE_PACKAGE, declarations_read, read_node_sdk
from endpoints.sources.records import SourceError

TRICKY = """
import { Serializable } from '../../../internal/interfaces/serializable';
import { Leg as OrderLeg } from './model_leg';
export declare class PlaceReq implements Serializable {
    /**
     * a comment with a brace { and a semicolon; and `fake?: string;`
     */
    symbol: string;
    // clientOid: string; (a line comment is not a field)
    clientOid?: string;
    side: PlaceReq.SideEnum;
    legs: Array<OrderLeg>;
    onDone?: (reason: string) => void;
    note?: '}';
    private constructor();
    static builder(): PlaceReqBuilder;
    static create(data: {
        symbol: string;
        clientOid?: string;
    }): PlaceReq;
    toJson(): string;
    commonResponse?: RestResponse;
}
export declare namespace PlaceReq {
    enum SideEnum {
        BUY = "buy"
    }
}
"""


def test_required_and_optional_fields_are_read_past_comments_strings_and_methods():
    """`name: T;` is required and `name?: T;` optional; comments, strings, methods and `create` do not count."""
    fields = declarations_read(text=TRICKY, module="generate/spot/order/model_place_req")["PlaceReq"]
    assert [(f.name, f.required) for f in fields] == [
        ("symbol", True), ("clientOid", False), ("side", True), ("legs", True), ("onDone", False), ("note", False),
    ]  # fmt: skip


def test_a_field_holding_an_imported_model_names_its_module():
    """An imported model (even renamed) resolves to its own module; a namespaced enum is not a model."""
    fields = {
        f.name: f for f in declarations_read(text=TRICKY, module="generate/spot/order/model_place_req")["PlaceReq"]
    }
    assert fields["legs"].model == ("generate/spot/order/model_leg", "Leg")
    assert fields["side"].model is None and fields["symbol"].model is None


def test_an_unclosed_class_is_a_clear_error():
    """Truncated generated code fails with the file and class named."""
    with pytest.raises(SourceError, match=r"model_x\.d\.ts: class X has no closing brace"):
        declarations_read(text="export declare class X implements Serializable {\n a: string;", module="model_x")


def test_a_missing_package_says_how_to_install_it(tmp_path):
    """No Node SDK: a SourceError that names the folder and the npm command."""
    with pytest.raises(SourceError, match=r"not installed at .*npm ci --prefix node-sdk"):
        read_node_sdk(tmp_path)


def test_another_package_in_its_place_is_refused(tmp_path):
    """A package.json of another package is not read as KuCoin's SDK."""
    (tmp_path / "package.json").write_text(json.dumps({"name": "left-pad", "version": "1.0.0"}))
    with pytest.raises(SourceError, match=f"not the {NODE_PACKAGE} package"):
        read_node_sdk(tmp_path)


def test_the_pinned_package_declares_add_order_as_kucoin_documents_it(node_sdk):
    """The installed Node SDK: AddOrderReq needs symbol, side and type, and clientOid is optional."""
    fields = {
        f.name: f.required for f in node_sdk.model_fields("generate/spot/order/model_add_order_req", "AddOrderReq")
    }
    assert node_sdk.version == "1.3.0"
    assert fields["symbol"] and fields["side"] and fields["type"]
    assert not fields["clientOid"] and not fields["price"]
