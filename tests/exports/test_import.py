"""`import_openapi`: our own exports round-trip, KuCoin's files load, bad input changes nothing."""

import http.server
import json
import threading
from functools import partial

import pytest
from django.core.management import CommandError, call_command

from endpoints.models import Channel, Endpoint, SyncRun
from endpoints.sync import ENDPOINT_FIELDS, PARAMETER_FIELDS

pytestmark = pytest.mark.django_db


def empty_the_catalogue():
    Endpoint.objects.all().delete()
    Channel.objects.all().delete()
    SyncRun.objects.all().delete()


def snapshot() -> list[dict]:
    """Every live endpoint with its parameters, in catalogue order; sort_order numbers may differ, order may not."""
    rows = []
    endpoints = Endpoint.objects.filter(retired_at__isnull=True).prefetch_related("parameters")
    for endpoint in endpoints.order_by("sdk_service", "sdk_sub_service", "sort_order"):
        row = {name: getattr(endpoint, name) for name in ENDPOINT_FIELDS if name != "sort_order"}
        row["parameters"] = [
            {**{name: getattr(p, name) for name in PARAMETER_FIELDS}, "position": p.position}
            for p in endpoint.parameters.all()
        ]
        rows.append(row)
    return rows


def run_import(location, *args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_openapi", str(location), *args, stdout=out)
    return out.getvalue()


def test_the_whole_export_round_trips_byte_for_byte(client, catalogue, tmp_path):
    """Export -> import into an empty database -> export again gives the same bytes and the same catalogue."""
    first = client.get("/openapi.json").content
    before = snapshot()
    (tmp_path / "kucoin.json").write_bytes(first)
    empty_the_catalogue()
    assert client.get("/openapi.json").json()["paths"] == {}
    output = run_import(tmp_path / "kucoin.json")
    assert f"{len(before)} created" in output
    assert client.get("/openapi.json").content == first
    assert snapshot() == before


def test_the_yaml_export_round_trips_too(client, catalogue, tmp_path):
    """Importing /openapi.yaml into an empty database gives the same JSON export."""
    first = client.get("/openapi.json").content
    (tmp_path / "kucoin.yaml").write_bytes(client.get("/openapi.yaml").content)
    empty_the_catalogue()
    run_import(tmp_path / "kucoin.yaml")
    assert client.get("/openapi.json").content == first


def test_a_service_document_imports_without_touching_the_rest(client, catalogue, tmp_path):
    """Importing one service's document adds and updates only; nothing else is retired without --replace."""
    (tmp_path / "earn.json").write_bytes(client.get("/openapi/services/earn.json").content)
    live = Endpoint.objects.filter(retired_at__isnull=True).count()
    assert "No changes" in run_import(tmp_path / "earn.json")
    assert Endpoint.objects.filter(retired_at__isnull=True).count() == live
    run_import(tmp_path / "earn.json", "--replace")
    assert set(Endpoint.objects.filter(retired_at__isnull=True).values_list("sdk_service", flat=True)) == {"Earn"}
    assert Channel.objects.filter(retired_at__isnull=True).count() == 0


def test_an_export_imports_from_a_url(client, catalogue, tmp_path):
    """A URL without a file extension is fetched and sniffed (YAML here)."""
    (tmp_path / "spec").write_bytes(client.get("/openapi/services/affiliate.yaml").content)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        empty_the_catalogue()
        run_import(f"http://127.0.0.1:{server.server_port}/spec")
    finally:
        server.shutdown()
    assert list(Endpoint.objects.values_list("sdk_service", flat=True)) == ["Affiliate"]


def test_kucoins_official_spec_folder_imports_into_an_empty_database(spec_dir, catalogue):
    """KuCoin's own files (the same reader as `sync_kucoin --spec`) give its 250 endpoints and 38 channels."""
    empty_the_catalogue()
    output = run_import(spec_dir)
    assert "288 created" in output
    assert Endpoint.objects.count() == 250 and Channel.objects.count() == 38
    fees = Endpoint.objects.get(domain="futures", method="GET", path="/api/v1/trade-fees")
    assert fees.sdk_service == "Account"


def test_one_official_kucoin_file_imports(spec_dir, catalogue):
    """A single official file updates its endpoints in place."""
    run_import(spec_dir / "rest" / "api" / "openapi-account-fee.json")
    fees = Endpoint.objects.get(domain="futures", method="GET", path="/api/v1/trade-fees")
    assert fees.doc_url.startswith("https://www.kucoin.com/docs-new/api-")


def test_a_server_url_with_a_path_prefixes_the_path_keys(client, catalogue, tmp_path):
    """Server + path is the URL: server https://api.kucoin.com/api with /v1/... keys imports as /api/v1/..."""
    document = client.get("/openapi/services/earn.json").json()
    expected = set(Endpoint.objects.filter(sdk_service="Earn").values_list("domain", "method", "path"))
    document["servers"] = [{"url": "https://api.kucoin.com/api"}]
    document["paths"] = {key.removeprefix("/api"): item for key, item in document["paths"].items()}
    for item in document["paths"].values():
        for op in item.values():
            del op["servers"]
    (tmp_path / "prefixed.json").write_text(json.dumps(document))
    empty_the_catalogue()
    run_import(tmp_path / "prefixed.json")
    assert set(Endpoint.objects.values_list("domain", "method", "path")) == expected


@pytest.fixture
def own_export(client, catalogue):
    """The Earn service export as a dict, to break in different ways."""
    return client.get("/openapi/services/earn.json").json()


def assert_refused(tmp_path, document, message, name="bad.json"):
    """The import fails with `message` and writes nothing."""
    target = tmp_path / name
    target.write_text(document if isinstance(document, str) else json.dumps(document))
    before = (snapshot(), SyncRun.objects.count())
    with pytest.raises(CommandError, match=message) as error:
        run_import(target)
    assert "Nothing was changed." in str(error.value)
    assert (snapshot(), SyncRun.objects.count()) == before


def first_operation(document):
    path = next(iter(document["paths"]))
    method = next(iter(document["paths"][path]))
    return path, method, document["paths"][path][method]


def test_invalid_json_names_the_line_and_column(tmp_path, catalogue):
    """Broken JSON is reported with where it breaks."""
    assert_refused(
        tmp_path, '{"openapi": "3.1.0",\n "paths": {,}}', r"bad\.json is not valid JSON: .* line 2, column 12"
    )


def test_invalid_yaml_is_named(tmp_path, catalogue):
    assert_refused(tmp_path, "openapi: 3.1.0\npaths: [unclosed", r"bad\.yaml is not valid YAML", name="bad.yaml")


def test_a_yaml_date_is_named_by_its_place(tmp_path, own_export):
    """YAML turns an unquoted date into a date, which the catalogue cannot store; the place is named."""
    import yaml

    path, method, op = first_operation(own_export)
    op["summary"] = "DATE"
    text = yaml.safe_dump(own_export, sort_keys=False).replace("summary: DATE", "summary: 2024-01-01")
    assert_refused(tmp_path, text, rf"the value at '/paths/{path}/{method}/summary' is a date", name="bad.yaml")


def test_an_operation_missing_kucoin_fields_is_named(tmp_path, own_export):
    """A missing x-sdk-method-name names the file, method and path."""
    path, method, op = first_operation(own_export)
    del op["x-sdk-method-name"]
    assert_refused(
        tmp_path, own_export, rf"bad\.json: {method.upper()} {path}: the operation has no 'x-sdk-method-name'"
    )


def test_a_bad_value_late_in_the_file_writes_nothing(tmp_path, own_export):
    """A summary too long for the catalogue, in the last operation, is named and nothing before it is written."""
    path = list(own_export["paths"])[-1]
    method = next(iter(own_export["paths"][path]))
    own_export["paths"][path][method]["summary"] = "x" * 400
    for other in list(own_export["paths"])[:-1]:
        for op in own_export["paths"][other].values():
            op["summary"] += " (changed)"
    assert_refused(tmp_path, own_export, rf"{method.upper()} {path} \(spot domain\): summary: Ensure this value")


def test_a_malformed_structure_is_named_not_a_crash(tmp_path, own_export):
    """Responses that are a list, not an object, are reported in plain words."""
    path, method, op = first_operation(own_export)
    op["responses"] = ["200"]
    assert_refused(tmp_path, own_export, rf"{method.upper()} {path}: 'responses' should be an object")


def test_a_negative_weight_is_refused(tmp_path, own_export):
    path, method, op = first_operation(own_export)
    op["x-api-rate-limit-weight"] = -3
    assert_refused(tmp_path, own_export, "rate_limit_weight: Ensure this value is greater than or equal to 0")


def test_two_operations_with_one_sdk_name_are_refused(tmp_path, own_export):
    """Two operations that would share one page address are both named."""
    ops = [op for item in own_export["paths"].values() for op in item.values()]
    ops[1]["x-sdk-method-name"] = ops[0]["x-sdk-method-name"]
    assert_refused(tmp_path, own_export, "have the same SDK service, sub-service and method name")


def test_a_document_that_is_not_openapi_3_is_refused(tmp_path, catalogue):
    assert_refused(tmp_path, {"swagger": "2.0", "paths": {}}, "not an OpenAPI 3 document")


def test_a_missing_file_is_a_clear_error(tmp_path, catalogue):
    with pytest.raises(CommandError, match="does not exist"):
        run_import(tmp_path / "nowhere.json")
