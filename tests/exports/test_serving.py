"""Serving exports: built once per catalogue version, ETag and Last-Modified, 304s, a sync invalidates."""

from copy import deepcopy

import pytest
from django.utils.http import http_date, parse_http_date

from endpoints.sources.records import Catalogue
from endpoints.sync import catalogue_sync

pytestmark = pytest.mark.django_db

EXPORTS = ["/openapi.json", "/openapi.yaml", "/openapi/domains/broker.json", "/openapi/services/earn.yaml",
           "/openapi/endpoints/spot/order/add-order.json", "/postman.json", "/postman-environment.json",
           "/llms.txt", "/llms-full.txt"]  # fmt: skip


@pytest.mark.parametrize("url", EXPORTS)
def test_a_matching_if_none_match_answers_304_without_a_body(client, catalogue, url):
    """The second request with the ETag gets 304, the same ETag and no body."""
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"] and again["Last-Modified"] == first["Last-Modified"]
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and other.content == first.content


def test_last_modified_is_the_last_sync_and_if_modified_since_answers_304(client, catalogue):
    """Last-Modified is when the catalogue or the code rendering it last changed; a client that has it gets 304."""
    from endpoints.release import code_modified
    from endpoints.selectors import latest_sync

    response = client.get("/openapi.json")
    newest = max(int(latest_sync().finished_at.timestamp()), code_modified())
    assert parse_http_date(response["Last-Modified"]) == newest
    assert client.get("/openapi.json", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304
    earlier = http_date(parse_http_date(response["Last-Modified"]) - 60)
    assert client.get("/openapi.json", HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_exports_revalidate_and_load_from_other_origins(client, catalogue):
    """Cache-Control asks clients to revalidate; CORS lets Swagger UI or Scalar elsewhere fetch the document."""
    response = client.get("/openapi.json")
    assert "no-cache" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert client.get("/openapi.yaml")["Content-Type"] == "application/yaml; charset=utf-8"


def test_a_cached_export_is_not_rebuilt(client, catalogue, django_assert_max_num_queries):
    """Once built, a request costs only the catalogue-version queries, not a rebuild."""
    client.get("/openapi.json")
    with django_assert_max_num_queries(4):
        assert client.get("/openapi.json").status_code == 200


def test_a_sync_that_changes_the_catalogue_changes_the_etag_and_the_document(client, catalogue, sdk_catalogue):
    """Retiring an endpoint through a sync gives a new ETag, and the old one no longer matches."""
    before = client.get("/openapi/services/earn.json")
    smaller = Catalogue(source="test", endpoints=deepcopy(sdk_catalogue.endpoints), channels=sdk_catalogue.channels)
    gone = next(e for e in smaller.endpoints if e.sdk_service == "Earn")
    smaller.endpoints.remove(gone)
    catalogue_sync(smaller)
    after = client.get("/openapi/services/earn.json", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    names = [op["x-sdk-method-name"] for item in after.json()["paths"].values() for op in item.values()]
    earlier = [op["x-sdk-method-name"] for item in before.json()["paths"].values() for op in item.values()]
    assert gone.sdk_method_name in earlier and sorted(names) == sorted(set(earlier) - {gone.sdk_method_name})


def test_a_release_that_changes_the_rendering_code_changes_the_etag_and_rebuilds(client, catalogue, monkeypatch):
    """A deploy with new templates, guides or export code never answers 304 or serves old bytes from the cache."""
    from endpoints.exports import llms, serving

    before = client.get("/llms.txt")
    monkeypatch.setattr(serving, "code_version", lambda: "next-release")
    monkeypatch.setattr(llms, "PRODUCT", "KuCoin API Explorer, next release")
    after = client.get("/llms.txt", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.content.startswith(b"# KuCoin API Explorer, next release\n")


def test_head_works_and_writes_are_refused(client, catalogue):
    """HEAD answers like GET without a body; POST is 405, not a 500."""
    head = client.head("/postman.json")
    assert head.status_code == 200 and head.content == b"" and head["ETag"]
    assert client.post("/openapi.json").status_code == 405


def test_the_header_menu_offers_every_whole_catalogue_export(client, catalogue):
    """Every page's Download menu links OpenAPI JSON and YAML, Postman files, per-host documents and /downloads."""
    html = client.get("/").content.decode()
    menu = html[html.index('class="download-menu"') :]
    for url in ["/openapi.json", "/openapi.yaml", "/postman.json", "/postman-environment.json", "/llms.txt",
                "/llms-full.txt", "/openapi/domains/spot.json", "/openapi/domains/futures.json",
                "/openapi/domains/broker.json", "/downloads"]:  # fmt: skip
        assert f'href="{url}"' in menu, url
        assert client.get(url).status_code == 200, url


def test_the_downloads_page_lists_a_document_per_service(client, catalogue):
    """/downloads links each SDK service's document, and each link works."""
    html = client.get("/downloads").content.decode()
    for slug in ["spot", "futures", "account", "margin", "broker", "copy-trading", "earn", "vip-lending", "uta"]:
        url = f"/openapi/services/{slug}.json"
        assert f'href="{url}"' in html, slug
    assert client.get("/openapi/services/vip-lending.yaml").status_code == 200


def test_an_endpoint_page_offers_its_own_operation(client, catalogue):
    """The endpoint page links its one-operation OpenAPI document in JSON and YAML."""
    html = client.get("/reference/spot/order/add-order").content.decode()
    assert 'href="/openapi/endpoints/spot/order/add-order.json"' in html
    assert 'href="/openapi/endpoints/spot/order/add-order.yaml"' in html


CACHED_EXPORTS = [url for url in EXPORTS if not url.startswith("/openapi/endpoints/")] + ["/asyncapi.yaml"]


def export_cache_keys() -> list[str]:
    from django.core.cache import cache

    from tests.conftest import redis_client, session_cache_keys

    client = redis_client()
    if client is not None:
        return [key for key in map(bytes.decode, session_cache_keys(client)) if ":exports:" in key]
    return [key for key in cache._cache if ":exports:" in key]


def test_the_cache_holds_one_copy_per_export_whatever_host_and_port_clients_send(client, catalogue, settings):
    """Twelve ports on two hosts still leave one cache entry per export, and each answer names its own origin."""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    before = set(export_cache_keys())
    counts = []
    for port in range(8000, 8012):
        for url in CACHED_EXPORTS:
            host = f"{'localhost' if port % 2 else '127.0.0.1'}:{port}"
            response = client.get(url, HTTP_HOST=host)
            names_site = url != "/postman-environment.json"  # the environment holds KuCoin's hosts only
            assert response.status_code == 200 and (f"http://{host}/".encode() in response.content) == names_site
            assert b"kucoin-explorer-origin.invalid" not in response.content
        counts.append(len(set(export_cache_keys()) - before))
    assert counts[-1] == counts[0] <= len(CACHED_EXPORTS)


def direct_builders() -> dict:
    """Each cached export built straight from its builder for a given site, bypassing the cache."""
    from endpoints.exports import asyncapi, openapi
    from endpoints.exports.llms import LlmsTxt
    from endpoints.exports.postman import PostmanCollection, postman_environment
    from endpoints.exports.serializers import to_json, to_yaml

    def document(scope, site):
        return openapi.OpenApiDocument(scope, site_url=site).build()

    return {
        "/openapi.json": lambda site: to_json(document(openapi.whole_scope(), site)),
        "/openapi.yaml": lambda site: to_yaml(document(openapi.whole_scope(), site)),
        "/openapi/domains/broker.json": lambda site: to_json(document(openapi.domain_scope("broker"), site)),
        "/openapi/services/earn.yaml": lambda site: to_yaml(document(openapi.service_scopes()["earn"], site)),
        "/postman.json": lambda site: to_json(PostmanCollection(site_url=site).build(), indent=2),
        "/postman-environment.json": lambda site: to_json(postman_environment(site_url=site), indent=2),
        "/llms.txt": lambda site: LlmsTxt(site_url=site).render().encode(),
        "/llms-full.txt": lambda site: LlmsTxt(site_url=site).render_full().encode(),
        "/asyncapi.yaml": lambda site: to_yaml(asyncapi.AsyncApiDocument(site_url=site).build()),
    }


@pytest.mark.parametrize("url", CACHED_EXPORTS)
@pytest.mark.parametrize(("host", "allowed"), [("localhost:8123", "localhost"), ("[::1]:9000", "[::1]"),
                                              ("docs.example.com", "docs.example.com")])  # fmt: skip
def test_an_export_written_for_a_host_is_the_one_built_for_that_host(client, catalogue, settings, url, host, allowed):
    """Writing the origin in on the way out gives the document that building it for that origin gives."""
    settings.ALLOWED_HOSTS = [allowed]
    served = client.get(url, HTTP_HOST=host)
    assert served.status_code == 200
    direct = direct_builders()[url](f"http://{host}")
    assert parse_bytes(served.content, served["Content-Type"]) == parse_bytes(direct, served["Content-Type"])


def parse_bytes(content: bytes, content_type: str):
    """The document as data, less what now names the content whatever the host: Postman's ids, OpenAPI's version."""
    import json

    import yaml

    document = None
    if content_type.startswith("application/json"):
        document = json.loads(content)
        (document.get("info") or {}).pop("_postman_id", None)
        if "_postman_variable_scope" in document:
            document.pop("id", None)
    if content_type.startswith("application/yaml"):
        document = yaml.load(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    if isinstance(document, dict) and "openapi" in document:
        document["info"].pop("version")
    return document if content_type.startswith(("application/json", "application/yaml")) else content.decode()
