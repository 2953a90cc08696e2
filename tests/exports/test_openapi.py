"""The OpenAPI 3.1 exports: valid, complete, and faithful to the catalogue."""

import re
from collections import Counter

import pytest
from openapi_spec_validator import validate

from endpoints.exports.openapi import BROKER_SCHEMES, SIGNING_SCHEMES, service_scopes
from endpoints.models import Endpoint
from endpoints.sources.records import slugify_name

from .conftest import identities, live_identities, operations, public_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def whole(fetch):
    return fetch("/openapi.json")


def by_identity(document):
    return {(domain, method, path): op for domain, method, path, op in operations(document)}


def test_the_whole_document_is_valid_openapi_3_1(whole):
    """openapi-spec-validator accepts /openapi.json as OpenAPI 3.1.0."""
    assert whole["openapi"] == "3.1.0"
    validate(whole)


def test_the_whole_document_holds_every_live_endpoint_exactly_once(whole):
    """Each catalogued endpoint is one operation, found by domain + method + server path + path key."""
    found = identities(whole)
    assert len(found) == len(set(found))
    assert set(found) == live_identities()
    assert len(found) == Endpoint.objects.filter(retired_at__isnull=True).count() > 300


def test_the_yaml_document_is_the_json_document(fetch, whole):
    """/openapi.yaml parses to exactly what /openapi.json holds."""
    assert fetch("/openapi.yaml") == whole


@pytest.mark.parametrize("domain", ["spot", "futures", "broker"])
def test_each_host_document_is_valid_and_holds_exactly_its_host(fetch, domain):
    """/openapi/domains/<host>.json validates and holds that host's endpoints, each once."""
    document = fetch(f"/openapi/domains/{domain}.json")
    validate(document)
    found = identities(document)
    assert len(found) == len(set(found))
    assert set(found) == live_identities(domain=domain)
    assert document["servers"] == [{"url": public_url(domain), "description": f"KuCoin {domain} host"}]


def test_each_service_document_is_valid_and_holds_exactly_its_service(fetch, catalogue):
    """/openapi/services/<service>.json (and .yaml) for every SDK service validates and holds only that service."""
    scopes = service_scopes()
    assert {"spot", "futures", "account", "copy-trading", "vip-lending", "uta"} <= set(scopes)
    for slug, scope in scopes.items():
        document = fetch(f"/openapi/services/{slug}.json")
        validate(document)
        found = identities(document)
        assert len(found) == len(set(found)), slug
        assert set(found) == live_identities(sdk_service=scope.value), slug
    assert fetch("/openapi/services/broker.yaml") == fetch("/openapi/services/broker.json")


def test_every_endpoint_has_its_own_valid_one_operation_document(fetch, catalogue):
    """/openapi/endpoints/<slug>.json holds exactly that endpoint and validates."""
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True):
        document = fetch(f"/openapi/endpoints/{endpoint.slug}.json")
        validate(document)
        assert identities(document) == [(endpoint.domain, endpoint.method, endpoint.path)]


def test_pairs_shared_by_spot_and_futures_both_survive_with_their_real_urls(whole):
    """The 13 method + path pairs on both hosts are two operations whose server + path is KuCoin's URL."""
    pairs = Counter((method, path) for _, method, path in identities(whole))
    shared = {pair for pair, count in pairs.items() if count == 2}
    assert len(shared) == 13
    assert ("GET", "/api/v1/trade-fees") in shared and ("POST", "/api/v1/orders") in shared
    urls = {
        (op["x-domain"].lower(), method.upper(), op.get("x-kucoin-path", op["servers"][0]["url"] + key))
        for key, item in whole["paths"].items()
        for method, op in item.items()
    }
    expected = {(domain, method, public_url(domain) + path) for domain, method, path in live_identities()}
    assert {url if url[2].startswith("https://") else (*url[:2], public_url(url[0]) + url[2]) for url in urls} == (
        expected
    )
    spot = by_identity(whole)[("spot", "GET", "/api/v1/timestamp")]
    futures = by_identity(whole)[("futures", "GET", "/api/v1/timestamp")]
    assert spot["servers"][0]["url"] == "https://api.kucoin.com"
    assert futures["servers"][0]["url"] == "https://api-futures.kucoin.com/api"
    assert "/v1/timestamp" in whole["paths"] and "/api/v1/timestamp" in whole["paths"]


def test_the_account_service_document_keeps_both_trade_fee_endpoints(fetch):
    """The Account service spans two hosts and holds both GET /api/v1/trade-fees."""
    document = fetch("/openapi/services/account.json")
    found = identities(document)
    assert ("spot", "GET", "/api/v1/trade-fees") in found and ("futures", "GET", "/api/v1/trade-fees") in found


def test_operation_ids_are_unique_and_end_with_the_sdk_method_name(whole):
    """operationId is service.subservice.sdkMethodName, never repeated."""
    ids = [op["operationId"] for *_, op in operations(whole)]
    assert len(ids) == len(set(ids))
    for *_, op in operations(whole):
        service, sub, method = op["operationId"].split(".")
        assert (service, sub, method) == (
            op["x-sdk-service"].lower(),
            op["x-sdk-sub-service"].lower(),
            op["x-sdk-method-name"],
        )
    assert by_identity(whole)[("spot", "POST", "/api/v1/hf/orders")]["operationId"] == "spot.order.addOrder"


def test_every_operation_has_one_declared_tag_grouped_by_service(whole):
    """Tags are `Service - Sub-service`, declared once, and x-tagGroups group them by service."""
    declared = [tag["name"] for tag in whole["tags"]]
    assert len(declared) == len(set(declared))
    for *_, op in operations(whole):
        assert op["tags"] == [f"{op['x-sdk-service']} - {op['x-sdk-sub-service']}"]
        assert op["tags"][0] in declared
    grouped = [name for group in whole["x-tagGroups"] for name in group["tags"]]
    assert sorted(grouped) == sorted(declared)
    assert {group["name"] for group in whole["x-tagGroups"]} == {op["x-sdk-service"] for *_, op in operations(whole)}


def test_kucoin_metadata_is_kept_in_x_fields(whole, catalogue):
    """Add Order carries KuCoin's channel, permission, pool, weight, SDK names, doc link and our page."""
    op = by_identity(whole)[("spot", "POST", "/api/v1/hf/orders")]
    assert op["x-domain"] == "Spot"
    assert op["x-api-channel"] == "Private"
    assert op["x-api-permission"] == "Spot"
    assert op["x-api-rate-limit-pool"] == "Spot"
    assert op["x-api-rate-limit-weight"] == 1
    assert (op["x-sdk-service"], op["x-sdk-sub-service"], op["x-sdk-method-name"]) == ("Spot", "Order", "addOrder")
    assert op["x-api-doc"] == "https://www.kucoin.com/docs-new/api-3470188"
    assert op["externalDocs"]["url"] == "http://testserver/reference/spot/order/add-order"
    assert op["servers"] == [{"url": "https://api.kucoin.com", "description": "KuCoin spot host"}]


def test_x_fields_match_the_catalogue_for_every_endpoint(whole, catalogue):
    """Every operation's metadata equals its endpoint's; unpublished UTA metadata is absent, not invented."""
    ops = by_identity(whole)
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True):
        op = ops[(endpoint.domain, endpoint.method, endpoint.path)]
        assert op["summary"] == endpoint.summary
        assert op.get("description", "") == endpoint.description
        assert op.get("deprecated", False) == endpoint.deprecated
        assert op["x-sdk-method-name"] == endpoint.sdk_method_name
        assert op.get("x-api-doc", "") == endpoint.doc_url
        if endpoint.metadata_published:
            assert op["x-api-channel"].lower() == endpoint.api_channel
            assert op["x-api-permission"] == (endpoint.api_permission or "NULL")
            assert op["x-api-rate-limit-pool"] == endpoint.rate_limit_pool
            assert op.get("x-api-rate-limit-weight") == endpoint.rate_limit_weight
        else:
            assert op["x-metadata-published"] is False
            assert not {"x-api-channel", "x-api-permission", "x-api-rate-limit-pool"} & set(op)


def test_parameters_carry_required_enum_default_and_example(whole, catalogue):
    """Each path and query parameter keeps the catalogue's required flag, enum, default and example."""
    ops = by_identity(whole)
    checked = Counter()
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True).prefetch_related("parameters"):
        listed = {
            (p["in"], p["name"]): p
            for p in ops[(endpoint.domain, endpoint.method, endpoint.path)].get("parameters", [])
        }
        expected = [p for p in endpoint.parameters.all() if p.location != "body"]
        assert len(listed) == len(expected), endpoint.slug
        for param in expected:
            found = listed[(param.location, param.name.replace("order-id", "orderId"))]  # renamed: placeholders
            assert found["required"] == param.required
            assert found["schema"].get("enum", []) == param.enum_values
            assert found["schema"].get("default") == param.default
            assert found.get("example") == param.example
            assert found.get("description", "") == param.description
            checked.update(enum=bool(param.enum_values), default=param.default is not None, required=param.required)
    assert checked["enum"] > 20 and checked["default"] > 20 and checked["required"] >= 40


def test_bodies_and_responses_carry_full_schemas_and_examples(whole, catalogue):
    """Request bodies and 200 responses hold the catalogue's schemas and KuCoin's examples."""
    ops = by_identity(whole)
    with_body = 0
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True):
        op = ops[(endpoint.domain, endpoint.method, endpoint.path)]
        if endpoint.json_body and endpoint.request_schema:
            media = op["requestBody"]["content"]["application/json"]
            assert media["schema"] == endpoint.request_schema
            with_body += 1
        else:
            assert "requestBody" not in op
        success = op["responses"]["200"].get("content", {}).get("application/json", {})
        assert success.get("schema") == endpoint.response_schema
        assert success.get("example") == endpoint.response_example
        assert op["responses"]["default"] == {"$ref": "#/components/responses/KucoinError"}
    assert with_body > 50
    add_order = ops[("spot", "POST", "/api/v1/hf/orders")]["requestBody"]["content"]["application/json"]
    assert add_order["example"]["symbol"] == "BTC-USDT"
    batch = ops[("futures", "POST", "/api/v1/orders/multi")]["requestBody"]["content"]["application/json"]
    assert batch["schema"]["type"] == "array" and isinstance(batch["example"], list)
    force_json = ops[("futures", "DELETE", "/api/v1/orders/multi-cancel")]
    assert "requestBody" in force_json and force_json["x-request-force-json"] is True


def test_private_operations_require_the_kucoin_signing_headers(whole, catalogue):
    """Private endpoints need every KC-API-* header, broker endpoints the partner headers too, public ones none."""
    schemes = whole["components"]["securitySchemes"]
    assert {schemes[name]["name"] for name in SIGNING_SCHEMES} == {
        "KC-API-KEY", "KC-API-SIGN", "KC-API-TIMESTAMP", "KC-API-PASSPHRASE", "KC-API-KEY-VERSION",
    }  # fmt: skip
    assert all(scheme["type"] == "apiKey" and scheme["in"] == "header" for scheme in schemes.values())
    ops = by_identity(whole)
    for endpoint in Endpoint.objects.filter(retired_at__isnull=True):
        security = ops[(endpoint.domain, endpoint.method, endpoint.path)].get("security")
        if endpoint.api_channel == "public":
            assert security == []  # said outright, so no tool asks for credentials
            continue
        required = security[-1]
        assert set(SIGNING_SCHEMES) <= set(required)
        assert (set(BROKER_SCHEMES) <= set(required)) == endpoint.needs_broker_signature
        # KuCoin does not say whether unified-account routes are private: signing is optional there.
        assert (security[0] == {}) == (endpoint.api_channel == "")
    broker = ops[("broker", "GET", "/api/v1/broker/nd/info")]["security"][0]
    assert set(broker) == set(SIGNING_SCHEMES) | set(BROKER_SCHEMES)


def test_service_urls_cannot_collide_with_host_urls(client, catalogue):
    """/openapi/spot.json names neither the spot host nor the Spot service, and says where each lives."""
    response = client.get("/openapi/spot.json")
    assert response.status_code == 404
    text = response.content.decode()
    assert "/openapi/domains/" in text and "/openapi/services/" in text
    assert slugify_name("Spot") == "spot"
    assert client.get("/openapi/domains/spot.json").json()["info"]["title"].endswith("host (api.kucoin.com)")
    assert client.get("/openapi/services/spot.json").json()["info"]["title"].endswith("Spot service")


def test_unknown_hosts_services_and_endpoints_are_plain_404s(client, catalogue):
    """A wrong name answers 404 with a sentence that says what exists, never a 500."""
    host = client.get("/openapi/domains/moon.yaml")
    assert host.status_code == 404 and "spot, futures or broker" in host.content.decode()
    service = client.get("/openapi/services/nope.json")
    assert service.status_code == 404 and "copy-trading" in service.content.decode()
    endpoint = client.get("/openapi/endpoints/spot/order/nothing.json")
    assert endpoint.status_code == 404 and "spot/order/nothing" in endpoint.content.decode()
    assert client.get("/openapi.xml").status_code == 404


def test_every_host_has_one_base_url_in_the_whole_document(whole):
    """Every futures operation is served from .../api, so a generator's one base URL per host reaches each."""
    bases = {}
    for domain, _, _, op in operations(whole):
        bases.setdefault(domain, set()).add(op["servers"][0]["url"])
    assert bases == {
        "spot": {"https://api.kucoin.com"},
        "futures": {"https://api-futures.kucoin.com/api"},
        "broker": {"https://api-broker.kucoin.com"},
    }
    assert [server["url"] for server in whole["servers"]] == [url for (url,) in bases.values()]


def test_no_two_paths_differ_only_in_a_placeholder_name(whole, fetch):
    """`{order-id}` is exported as `{orderId}`, with KuCoin's spelling kept in x-kucoin-path and x-kucoin-name."""
    for document in (whole, fetch("/openapi/domains/futures.json")):
        shapes = Counter(re.sub(r"\{[^}]+\}", "{}", key) for key in document["paths"])
        templates = {key for key in document["paths"] if "{" in key}
        assert all(shapes[re.sub(r"\{[^}]+\}", "{}", key)] == 1 for key in templates)
    op = by_identity(whole)[("futures", "GET", "/api/v1/orders/{order-id}")]
    assert op["x-kucoin-path"] == "/api/v1/orders/{order-id}"
    assert op["parameters"][0] | {"schema": None} == {**op["parameters"][0], "name": "orderId",
                                                      "x-kucoin-name": "order-id", "schema": None}  # fmt: skip
