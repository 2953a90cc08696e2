"""One check of every record from every source: paths, doc links and names of the wrong shape stop the sync."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from endpoints.models import Channel, Endpoint, SyncRun
from endpoints.sources.records import SourceError
from endpoints.sources.validation import catalogue_check, path_check, url_check

pytestmark = pytest.mark.django_db

SAFE_PATHS = ["/api/v1/orders", "/api/v1/orders/{orderId}", "/api/v1/orders/{order-id}", "/api/v3/hf/margin/x.y~z"]
HOSTILE_PATHS = [
    "@evil.example/steal",
    "//evil.example/steal",
    "/api/v1/../../admin",
    "/api/./x",
    "/api/v1/x?y=1",
    "/api/v1/x#frag",
    "api/v1/x",
    "/api/v1/ x",
    "/api/v1/%2e%2e/x",
    "/api/v1/x\n",
    "/api//x",
    "/api/{bad name}",
    "/",
    "",
]
HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:fetch('//x')",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    'https://x.example/" onmouseover="alert(1)',
    "https:///no-host",
    "//evil.example/x",
]


@pytest.mark.parametrize("path", SAFE_PATHS)
def test_kucoin_paths_pass(path):
    """Absolute paths of safe characters and {placeholders} (dashed ones too) are accepted."""
    path_check(path, where="x")


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_paths_that_could_leave_kucoins_host_or_tree_are_refused(path):
    """A path starting with @ or //, with dot segments, a query, a fragment or odd characters is refused."""
    with pytest.raises(SourceError, match="not an absolute KuCoin path"):
        path_check(path, where="spec.json: GET x")


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_doc_links_that_are_not_http_are_refused(url):
    """javascript:, data:, schemeless and attribute-breaking links are refused."""
    with pytest.raises(SourceError, match="not an http or https URL"):
        url_check(url, where="x")


def test_http_and_https_doc_links_and_none_pass():
    for url in ("https://www.kucoin.com/docs-new/api-3470119", "http://example.com/x", ""):
        url_check(url, where="x")


def test_every_record_of_the_installed_sdk_passes(sdk_catalogue):
    """REST endpoints, classic and unified-account channels (`ticker.SPOT`) all have the right shape."""
    catalogue_check(sdk_catalogue)
    assert any(not channel.topic.startswith("/") for channel in sdk_catalogue.channels)


def test_kucoins_spec_passes_alone_and_laid_over_the_sdk(sdk_catalogue, spec_dir):
    """Every record KuCoin's own spec gives has the right shape, and so has the merge."""
    from endpoints.sources.merge import overlay_spec
    from endpoints.sources.openapi import read_openapi

    spec = read_openapi(spec_dir)
    catalogue_check(spec)
    catalogue_check(overlay_spec(sdk_catalogue, spec))


# --- through the commands: the file and the place are named, nothing is written -------------------


def operation(**overrides) -> dict:
    """A minimal KuCoin-style spec operation; overrides replace or add x- fields."""
    fields = {
        "summary": "Get Thing",
        "x-domain": "Spot",
        "x-api-channel": "Public",
        "x-sdk-service": "Spot",
        "x-sdk-sub-service": "Market",
        "x-sdk-method-name": "getThing",
        "x-api-doc": "https://www.kucoin.com/docs-new/api-1",
        "responses": {"200": {"description": "ok"}},
    }
    return {key: value for key, value in {**fields, **overrides}.items() if value is not None}


def spec_file(tmp_path, path: str, method: str = "get", **overrides):
    document = {
        "openapi": "3.0.1",
        "info": {"title": "t", "version": "1"},
        "paths": {path: {method: operation(**overrides)}},
    }
    target = tmp_path / "hostile.json"
    target.write_text(json.dumps(document))
    return target


HOSTILE_OPERATIONS = [
    (
        "/api/v1/thing",
        {"x-api-doc": "javascript:alert(sessionStorage.getItem('kucoin-try-it-credentials'))"},
        "doc link",
    ),
    ("@evil.example/api/v1/orders", {}, "not an absolute KuCoin path"),
    ("/api/v1/thing", {"x-sdk-method-name": 'getThing(); __import__("os").system("id")'}, "sdk_method_name"),
    ("/api/v1/thing", {"x-sdk-python-call": "get_spot_service().x;import os"}, "sdk_python_call"),
    ("/api/v1/thing", {"x-sdk-request-model": "os; import os"}, "sdk_request_model"),
    ("/api/v1/thing", {"x-sdk-service": "Spot\nrm -rf ~"}, "sdk_service"),
    ("/api/v1/thing", {"summary": "Get thing\n$(touch /tmp/pwned)"}, "line break"),
    ("/api/v1/thing", {"x-api-permission": "<img src=x onerror=alert(1)>"}, "api_permission"),
]


def assert_nothing_written(before: tuple) -> None:
    assert (Endpoint.objects.count(), Channel.objects.count(), SyncRun.objects.count()) == before


@pytest.mark.parametrize(("path", "overrides", "problem"), HOSTILE_OPERATIONS)
def test_import_openapi_names_the_file_and_place_and_writes_nothing(catalogue, tmp_path, path, overrides, problem):
    """`import_openapi` of a hostile document fails with the file and operation named; the catalogue is untouched."""
    before = (Endpoint.objects.count(), Channel.objects.count(), SyncRun.objects.count())
    with pytest.raises(CommandError) as raised:
        call_command("import_openapi", str(spec_file(tmp_path, path, **overrides)), stdout=StringIO())
    message = str(raised.value)
    assert "hostile.json: GET" in message and problem in message and "Nothing was changed." in message
    assert_nothing_written(before)


@pytest.mark.parametrize(("path", "overrides", "problem"), HOSTILE_OPERATIONS)
def test_the_spec_overlay_checks_what_it_adds(catalogue, tmp_path, path, overrides, problem):
    """`sync_kucoin --spec` with a hostile spec-only operation fails the same way and writes nothing."""
    before = (Endpoint.objects.count(), Channel.objects.count(), SyncRun.objects.count())
    target = spec_file(tmp_path, path, **overrides)
    with pytest.raises(CommandError, match=r"hostile\.json: GET") as raised:
        call_command("sync_kucoin", "--spec", str(target), stdout=StringIO(), stderr=StringIO())
    assert problem in str(raised.value)
    assert_nothing_written(before)


def test_the_spec_overlay_checks_the_names_it_lays_over_the_sdk(catalogue, tmp_path):
    """A spec operation matching an SDK endpoint cannot slip a hostile method name onto it."""
    target = spec_file(
        tmp_path,
        "/api/v1/timestamp",
        **{"x-sdk-sub-service": "Market", "x-sdk-method-name": "getServerTime()\nimport os"},
    )
    before = Endpoint.objects.get(domain="spot", method="GET", path="/api/v1/timestamp").sdk_method_name
    with pytest.raises(CommandError, match=r"hostile\.json: GET /api/v1/timestamp: sdk_method_name"):
        call_command("sync_kucoin", "--spec", str(target), stdout=StringIO(), stderr=StringIO())
    assert Endpoint.objects.get(domain="spot", method="GET", path="/api/v1/timestamp").sdk_method_name == before


def test_a_hostile_websocket_topic_is_refused(catalogue, tmp_path):
    """A channel's topic and names are checked like an endpoint's."""
    target = spec_file(
        tmp_path, "/market/x", method="trace", **{"x-topic": '/market/x:{symbol}"><script>', "x-sdk-private": False}
    )
    with pytest.raises(CommandError, match=r"hostile\.json: TRACE /market/x: topic"):
        call_command("import_openapi", str(target), stdout=StringIO())
