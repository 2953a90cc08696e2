"""The Node SDK's required flags, laid over the SDK catalogue, reach every page and export."""

import json

import pytest
from django.core.management import call_command

from endpoints.sources.merge import overlay_spec
from endpoints.sources.openapi import read_openapi
from endpoints.sources.required_flags import overlay_node_required
from endpoints.sync import catalogue_sync

ADD_ORDER = "spot/order/add-order"


def record(catalogue, slug, domain="spot"):
    return next(e for e in catalogue.endpoints if e.slug == slug and e.domain == domain)


@pytest.fixture(scope="module")
def node_catalogue(sdk_catalogue, node_sdk):
    overlay = overlay_node_required(sdk_catalogue, node_sdk)
    assert overlay.unmatched == []  # every Python request model has its Node twin
    return overlay.catalogue


@pytest.fixture
def node_required(db, node_catalogue):
    """The catalogue `make run` loads without spec files: SDK + Node SDK required flags."""
    catalogue_sync(node_catalogue)
    return node_catalogue


def test_add_order_parameters_carry_the_node_sdk_flags(node_catalogue):
    """Add Order: symbol, side and type are required; clientOid and price are not."""
    flags = {p.name: p.required for p in record(node_catalogue, ADD_ORDER).parameters}
    assert flags["symbol"] and flags["side"] and flags["type"]
    assert not flags["clientOid"] and not flags["price"]
    assert record(node_catalogue, ADD_ORDER).request_schema["required"] == ["side", "symbol", "type"]


def test_nested_models_and_array_bodies_get_required_lists(node_catalogue):
    """Batch orders: the order list's items, and futures' array body items, list their required fields."""
    spot = record(node_catalogue, "spot/order/batch-add-orders").request_schema
    assert spot["required"] == ["orderList"]
    assert {"symbol", "side", "type"} <= set(spot["properties"]["orderList"]["items"]["required"])
    futures = record(node_catalogue, "futures/order/batch-add-orders", "futures").request_schema
    assert futures["type"] == "array" and {"symbol", "side"} <= set(futures["items"]["required"])


def test_the_source_is_named_and_path_parameters_stay_required(node_catalogue):
    """The merged source says where the flags came from; a path value is always required."""
    assert "kucoin-universal-sdk 1.3.0 (npm)" in node_catalogue.source
    path_params = [p for e in node_catalogue.endpoints for p in e.parameters if p.location == "path"]
    assert path_params and all(p.required for p in path_params)


def test_the_spec_still_wins_where_it_is_given(sdk_catalogue, node_catalogue, spec_dir):
    """Laid on top, the spec decides: flags and required lists equal those of the spec over the bare SDK."""
    spec = read_openapi(spec_dir)
    in_spec = {(e.key, p.location, p.name) for e in spec.endpoints for p in e.parameters}

    def flags(catalogue):
        return {(e.key, p.location, p.name): p.required for e in catalogue.endpoints for p in e.parameters}

    over_node, over_sdk = overlay_spec(node_catalogue, spec), overlay_spec(sdk_catalogue, spec)
    node_flags, sdk_flags = flags(over_node), flags(over_sdk)
    compared = [key for key in node_flags if key in in_spec]
    assert len(compared) > 800 and all(node_flags[key] == sdk_flags[key] for key in compared)
    schemas = {e.key: e.request_schema for e in over_sdk.endpoints if e.key in {s.key for s in spec.endpoints}}
    assert all(e.request_schema == schemas[e.key] for e in over_node.endpoints if e.key in schemas)


def test_page_markdown_twin_and_llms_full_show_add_order_required(client, node_required):
    """The page, its Markdown twin and llms-full.txt mark symbol required and clientOid optional."""
    html = client.get(f"/reference/{ADD_ORDER}").content.decode()
    symbol_row = html.partition('<tbody id="param-symbol">')[2].partition("</tbody>")[0]
    client_oid_row = html.partition('<tbody id="param-clientOid">')[2].partition("</tbody>")[0]
    assert '<span class="req">required</span>' in symbol_row
    assert '<span class="req">required</span>' not in client_oid_row
    for url in (f"/reference/{ADD_ORDER}.md", "/llms-full.txt"):
        text = client.get(url).content.decode()
        assert "| `symbol` | body | string | yes |" in text, url
        assert "| `clientOid` | body | string | no |" in text, url


def test_openapi_lists_required_fields(client, node_required):
    """/openapi.json: Add Order requires side, symbol and type, and a hundred operations require something."""
    document = json.loads(client.get("/openapi.json").content)
    body = document["paths"]["/api/v1/hf/orders"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["side", "symbol", "type"]
    with_required = [
        operation
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        and (
            any(p.get("required") and p.get("in") in ("query", "path") for p in operation.get("parameters", []))
            or operation.get("requestBody", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {})
            .get("required")
        )
    ]
    assert len(with_required) >= 100


def test_try_it_refuses_an_add_order_body_without_its_required_fields(client, node_required, sandbox, settings):
    """Try-it does not send `{}` to Add Order: it names the missing fields and sends nothing."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in ("spot", "futures", "broker")}
    credentials = {"api_key": sandbox.key, "api_secret": sandbox.secret, "api_passphrase": sandbox.passphrase}
    response = client.post(f"/try-it/send/{ADD_ORDER}", {"body": "{}", **credentials}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "side is required." in html and "symbol is required." in html and "type is required." in html
    assert "code 200000" not in html


def test_try_it_refuses_an_empty_string_for_a_required_field(client, node_required, sandbox, settings):
    """An empty symbol does not fill the required field; the optional empty clientOid is not an error."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in ("spot", "futures", "broker")}
    credentials = {"api_key": sandbox.key, "api_secret": sandbox.secret, "api_passphrase": sandbox.passphrase}
    body = json.dumps({"symbol": "", "side": "buy", "type": "limit", "clientOid": ""})
    html = client.post(f"/try-it/send/{ADD_ORDER}", {"body": body, **credentials}, headers={"HX-Request": "true"})
    text = html.content.decode()
    assert "symbol is required." in text and "clientOid is required." not in text
    assert "code 200000" not in text


def test_sync_without_the_node_sdk_says_so_and_still_loads(db, monkeypatch, tmp_path, capsys):
    """No Node SDK: sync_kucoin warns that parameters show as optional, and loads the catalogue anyway."""
    monkeypatch.setenv("KUCOIN_NODE_SDK", str(tmp_path / "absent"))
    call_command("sync_kucoin")
    captured = capsys.readouterr()
    assert "KuCoin's Node SDK is not installed" in captured.err
    assert "every request parameter is shown as optional" in captured.err
    assert "Traceback" not in captured.err


def test_sync_with_the_node_sdk_loads_its_flags(db, node_sdk, capsys):
    """The plain command (as `make run` calls it) loads Add Order with symbol required."""
    from endpoints.models import Endpoint

    call_command("sync_kucoin")
    endpoint = Endpoint.objects.get(slug=ADD_ORDER)
    assert endpoint.parameters.get(name="symbol").required
    assert not endpoint.parameters.get(name="clientOid").required
    assert "kucoin-universal-sdk 1.3.0 (npm)" in capsys.readouterr().out
