"""Reading KuCoin's OpenAPI spec files: their quirks, their mistakes, and the merge over the SDK."""

import json
from pathlib import Path

import pytest

from endpoints.models import Endpoint
from endpoints.sources.kucoin_sdk import read_sdk
from endpoints.sources.merge import overlay_spec
from endpoints.sources.openapi import read_openapi, source_label
from endpoints.sources.records import SourceError
from endpoints.sync import catalogue_sync

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "spec_sample"


@pytest.fixture(scope="module")
def sample():
    return read_openapi(SAMPLE)


def by_name(catalogue, name):
    return next(e for e in catalogue.endpoints if e.sdk_method_name == name)


def test_reads_rest_and_websocket_files_from_kucoins_layout(sample):
    """A folder with rest/api/*.json and ws/*.json gives endpoints and channels."""
    assert sorted(e.sdk_method_name for e in sample.endpoints) == ["addSampleOrder", "getSample", "getSampleFutures"]
    assert [c.topic for c in sample.channels] == ["/market/ticker:{symbol}"]


def test_the_source_is_named_without_the_servers_directories(sample):
    """Pages show the source in every footer: a folder is named, not where it sits on this server."""
    assert sample.source == "OpenAPI spec_sample"
    assert str(SAMPLE.parent) not in sample.source
    assert source_label("https://example.com/kucoin/spec.json") == "https://example.com/kucoin/spec.json"
    assert source_label("file:///srv/team/kucoin-spec/") == "kucoin-spec"


def test_double_escaped_examples_with_python_escapes_decode_to_json(sample):
    """KuCoin's examples are JSON strings escaped twice, sometimes with \\xa0; they come back as objects."""
    endpoint = by_name(sample, "getSample")
    assert endpoint.response_example == {"code": "200000", "data": {"note": "café\u00a0bar", "time": 1}}
    assert endpoint.request_example == {"symbol": "BTC-USDT", "limit": 5, "side": "buy"}


def test_the_patch_placeholder_is_read_as_its_original_method(sample):
    """KuCoin files a second GET on the same path under PATCH with x-original-method."""
    futures = by_name(sample, "getSampleFutures")
    assert (futures.domain, futures.method) == ("futures", "GET")
    assert futures.deprecated


def test_parameters_carry_required_flags_enums_defaults_and_examples(sample):
    """Query, path and body parameters keep what the spec says about them."""
    params = {p.name: p for p in by_name(sample, "getSample").parameters}
    assert params["symbol"].location == "path" and params["symbol"].required
    assert params["limit"].default == 10 and not params["limit"].required and params["limit"].example == 5
    assert params["side"].enum_values == ["buy", "sell"] and params["side"].required
    body = {p.name: p for p in by_name(sample, "addSampleOrder").parameters}
    assert {p.location for p in body.values()} == {"body"}
    assert body["size"].required and not body["clientOid"].required


def test_metadata_is_normalised_to_kucoins_spellings(sample):
    """Channel is lower-case, NULL permission is none, Broker-service calls need broker headers."""
    getter = by_name(sample, "getSample")
    assert (getter.api_channel, getter.api_permission, getter.rate_limit_weight) == ("public", "", 3)
    order = by_name(sample, "addSampleOrder")
    assert order.needs_broker_signature and order.json_body and order.rate_limit_weight is None


def test_websocket_refs_are_inlined_and_batch_topics_are_marked(sample):
    """The channel's message schema holds the component itself, not a $ref."""
    channel = sample.channels[0]
    assert channel.accepts_many
    assert channel.message_schema == {"type": "object", "properties": {"price": {"type": "string"}}}


def test_a_missing_location_is_a_clear_error(tmp_path):
    """A path that does not exist says so."""
    with pytest.raises(SourceError, match="does not exist"):
        read_openapi(tmp_path / "nowhere")


def test_an_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(SourceError, match="No OpenAPI files found"):
        read_openapi(tmp_path)


def test_invalid_json_names_the_file_line_and_column(tmp_path):
    """A broken file is reported with where it breaks."""
    folder = tmp_path / "rest" / "api"
    folder.mkdir(parents=True)
    (folder / "openapi-broken.json").write_text('{\n  "openapi": "3.0.1",\n  "paths": {,}\n}')
    with pytest.raises(SourceError, match=r"openapi-broken\.json is not valid JSON: .* line 3, column 13"):
        read_openapi(tmp_path)


def test_an_operation_without_kucoin_metadata_is_named(tmp_path):
    """An operation missing x-domain is reported by file, method and path."""
    document = json.loads((SAMPLE / "rest" / "api" / "openapi-sample-market.json").read_text())
    del document["paths"]["/api/v1/sample/orders"]["post"]["x-domain"]
    target = tmp_path / "one.json"
    target.write_text(json.dumps(document))
    with pytest.raises(SourceError, match=r"one\.json: POST /api/v1/sample/orders: the operation has no 'x-domain'"):
        read_openapi(target)


def test_a_document_that_is_not_openapi_3_is_refused(tmp_path):
    target = tmp_path / "swagger.json"
    target.write_text(json.dumps({"swagger": "2.0", "paths": {}}))
    with pytest.raises(SourceError, match="not an OpenAPI 3 document"):
        read_openapi(target)


# --- KuCoin's official files ------------------------------------------------------


@pytest.fixture(scope="module")
def official(spec_dir):
    return read_openapi(spec_dir)


def test_the_official_spec_matches_the_sdks_classic_endpoints(official, sdk_catalogue):
    """The spec's 250 operations are the SDK's 250 classic endpoints, by domain + method + path."""
    classic = {e.key for e in sdk_catalogue.endpoints if e.metadata_published}
    assert {e.key for e in official.endpoints} == classic
    assert len(official.endpoints) == 250
    classic_channels = {c.key for c in sdk_catalogue.channels if c.protocol == "classic"}
    assert {c.key for c in official.channels} == classic_channels


def spec_required_flags(spec_dir: Path) -> dict:
    """{(domain, METHOD, path, location, name): required} read straight from the JSON files."""
    flags = {}
    for spec_file in (spec_dir / "rest" / "api").glob("*.json"):
        for path, item in json.loads(spec_file.read_text())["paths"].items():
            for method, operation in item.items():
                key = (operation["x-domain"].lower(), operation.get("x-original-method", method).upper(), path)
                for param in operation.get("parameters", []):
                    flags[(*key, param["in"], param["name"])] = param.get("required", False)
                body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                if body and body.get("type") == "object":
                    for name in body.get("properties", {}):
                        flags[(*key, "body", name)] = name in body.get("required", [])
    return flags


def test_with_the_spec_merged_required_flags_match_it_for_every_parameter(catalogue, spec_dir):
    """After `sync_kucoin --spec`, each parameter is required exactly when the official spec says so."""
    catalogue_sync(overlay_spec(read_sdk(), read_openapi(spec_dir)))
    expected = spec_required_flags(spec_dir)
    checked = 0
    for endpoint in Endpoint.objects.filter(metadata_published=True).prefetch_related("parameters"):
        for param in endpoint.parameters.all():
            key = (endpoint.domain, endpoint.method, endpoint.path, param.location, param.name)
            assert key in expected, f"{key} is not in the spec"
            assert param.required == expected[key], key
            checked += 1
    assert checked == len(expected)
    assert sum(expected.values()) > 100, "the spec marks many parameters required"


def test_merging_the_spec_restores_kucoins_method_names_and_keeps_urls(catalogue, spec_dir):
    """getSpotHFLedger keeps KuCoin's capitals; its page address is the same as before the merge."""
    before = Endpoint.objects.get(domain="spot", path="/api/v1/hf/accounts/ledgers")
    assert before.sdk_method_name == "getSpotHfLedger"
    catalogue_sync(overlay_spec(read_sdk(), read_openapi(spec_dir)))
    after = Endpoint.objects.get(pk=before.pk)
    assert after.sdk_method_name == "getSpotHFLedger"
    assert after.slug == before.slug == "account/account/get-spot-hf-ledger"
