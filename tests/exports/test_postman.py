"""The Postman collection: every endpoint once, KuCoin's examples, and a pre-request script that really signs."""

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from endpoints.exports.postman import BASE_URL_VARIABLES, SCHEMA_URL
from endpoints.models import Endpoint
from tests.conftest import signing_env

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[2]
NEWMAN = PROJECT_DIR / "node_modules" / ".bin" / "newman"


@pytest.fixture
def collection(fetch):
    return fetch("/postman.json")


def requests_in(collection):
    """(service folder, sub-service folder, item) for every request."""
    for service in collection["item"]:
        for sub in service["item"]:
            for item in sub["item"]:
                yield service["name"], sub["name"], item


def identity(item) -> tuple[str, str, str]:
    """(domain, METHOD, path with {placeholders}) of a request, from its base-URL variable and path segments."""
    request = item["request"]
    host = request["url"]["host"][0].strip("{}")
    domain = next(domain for domain, name in BASE_URL_VARIABLES.items() if name == host)
    segments = ["{" + part[1:] + "}" if part.startswith(":") else part for part in request["url"]["path"]]
    return domain, request["method"], "/" + "/".join(segments)


def headers(item) -> dict[str, str]:
    return {header["key"]: header["value"] for header in item["request"]["header"]}


def test_the_collection_is_v2_1_with_a_folder_per_service(collection, catalogue):
    """Postman's v2.1 schema URL, one folder per SDK service holding one per sub-service."""
    assert collection["info"]["schema"] == SCHEMA_URL
    services = [folder["name"] for folder in collection["item"]]
    assert len(services) == len(set(services))
    live = Endpoint.objects.filter(retired_at__isnull=True)
    assert set(services) == set(live.values_list("sdk_service", flat=True))
    for service, sub, _ in requests_in(collection):
        assert live.filter(sdk_service=service, sdk_sub_service=sub).exists()


def test_every_live_endpoint_is_one_request(collection, catalogue):
    """Each catalogued endpoint appears exactly once, on its own host's base-URL variable."""
    found = [identity(item) for *_, item in requests_in(collection)]
    assert len(found) == len(set(found))
    live = Endpoint.objects.filter(retired_at__isnull=True)
    assert set(found) == set(live.values_list("domain", "method", "path"))


def test_requests_carry_kucoins_example_values(collection, catalogue):
    """Query values, path variables and JSON bodies come from KuCoin's examples."""
    items = {identity(item): item for *_, item in requests_in(collection)}
    order = items[("spot", "POST", "/api/v1/hf/orders")]["request"]
    body = json.loads(order["body"]["raw"])
    assert body["symbol"] == "BTC-USDT" and body["side"] == "buy"
    klines = items[("spot", "GET", "/api/v1/market/candles")]["request"]["url"]
    assert {q["key"]: q["value"] for q in klines["query"] if not q.get("disabled")}["symbol"] == "BTC-USDT"
    cancel = items[("spot", "DELETE", "/api/v1/hf/orders/{orderId}")]["request"]["url"]
    assert cancel["variable"][0]["key"] == "orderId" and cancel["variable"][0]["value"]
    assert cancel["raw"].startswith("{{KC_SPOT_BASE_URL}}/api/v1/hf/orders/:orderId?")
    force_json = items[("futures", "DELETE", "/api/v1/orders/multi-cancel")]["request"]
    assert force_json["body"]["options"]["raw"]["language"] == "json"


def test_private_requests_carry_signing_headers_and_broker_ones_the_partner_headers(collection, catalogue):
    """KC-API-* headers point at the variables the pre-request script computes; public requests have none."""
    endpoints = {(e.domain, e.method, e.path): e for e in Endpoint.objects.filter(retired_at__isnull=True)}
    kinds = Counter()
    for *_, item in requests_in(collection):
        endpoint = endpoints[identity(item)]
        sent = headers(item)
        if endpoint.api_channel == "public":
            assert not any(key.startswith("KC-") for key in sent)
            kinds["public"] += 1
            continue
        assert sent["KC-API-SIGN"] == "{{kc_sign}}" and sent["KC-API-KEY"] == "{{KC_API_KEY}}"
        assert ("KC-API-PARTNER-SIGN" in sent) == endpoint.needs_broker_signature
        kinds["broker" if endpoint.needs_broker_signature else "private"] += 1
    assert kinds["public"] > 40 and kinds["private"] > 150 and kinds["broker"] == 17


def test_every_placeholder_segment_is_a_path_variable_even_with_a_hyphen(collection, catalogue):
    """A whole-segment `{order-id}` becomes `:order-id`, never a literal segment sent as `%7Border-id%7D`."""
    paths = [item["request"]["url"]["path"] for _, _, item in requests_in(collection)]
    whole = [path for path in paths if any(segment.startswith("{") and segment.endswith("}") for segment in path)]
    assert whole == []
    assert any(":order-id" in path for path in paths)


def test_the_collection_signs_in_a_collection_level_script(collection):
    """The pre-request script reads the three KC_API_* environment variables and signs with HMAC-SHA256."""
    events = {event["listen"]: "\n".join(event["script"]["exec"]) for event in collection["event"]}
    script = events["prerequest"]
    for name in ("KC_API_KEY", "KC_API_SECRET", "KC_API_PASSPHRASE", "KC_BROKER_KEY"):
        assert f"'{name}'" in script
    assert "HmacSHA256" in script and "200000" in events["test"]


def test_the_environment_names_every_variable_the_collection_reads(fetch, collection):
    """The environment file holds the credentials (secret-typed, empty) and the three base URLs."""
    environment = fetch("/postman-environment.json")
    values = {value["key"]: value for value in environment["values"]}
    assert environment["_postman_variable_scope"] == "environment"
    for name in ("KC_API_KEY", "KC_API_SECRET", "KC_API_PASSPHRASE", *BASE_URL_VARIABLES.values()):
        assert name in values
    assert values["KC_API_SECRET"]["type"] == "secret" and values["KC_API_SECRET"]["value"] == ""
    assert values["KC_FUTURES_BASE_URL"]["value"] == "https://api-futures.kucoin.com"
    script = "\n".join(collection["event"][0]["script"]["exec"])
    used = {name for name in values if f"'{name}'" in script or f"{{{{{name}}}}}" in json.dumps(collection)}
    assert used == set(values)


# --- newman against the sandbox -----------------------------------------------------------


def run_newman(tmp_path, collection_bytes, environment_bytes, sandbox, folders, extra=()):
    (tmp_path / "collection.json").write_bytes(collection_bytes)
    (tmp_path / "environment.json").write_bytes(environment_bytes)
    report = tmp_path / "report.json"
    env = {**signing_env(sandbox), **{name: sandbox.domain_url(domain) for domain, name in BASE_URL_VARIABLES.items()}}
    command = [str(NEWMAN), "run", str(tmp_path / "collection.json"), "-e", str(tmp_path / "environment.json")]
    command += [arg for folder in folders for arg in ("--folder", folder)]
    command += [arg for key, value in env.items() for arg in ("--env-var", f"{key}={value}")]
    command += ["--reporters", "json", "--reporter-json-export", str(report), "--timeout-request", "10000", *extra]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return finished, json.loads(report.read_text())


def test_newman_runs_every_request_signed_against_the_sandbox(client, catalogue, sandbox, tmp_path):
    """The whole collection runs in newman against the sandbox, and KuCoin's checks accept every request."""
    if not NEWMAN.exists():
        pytest.fail("newman is not installed: `make test` installs it (npm ci), or run `npm ci` here")
    sandbox.reset_rate_limits()  # other tests share this sandbox; its quotas are not what is tested here
    finished, report = run_newman(
        tmp_path, client.get("/postman.json").content, client.get("/postman-environment.json").content, sandbox, []
    )
    executions = report["run"]["executions"]
    live = Endpoint.objects.filter(retired_at__isnull=True)
    assert len(executions) == live.count() > 300
    failures = [
        (e["item"]["name"], e["response"]["code"], bytes(e["response"]["stream"]["data"]).decode()[:200])
        for e in executions
        if e["response"]["code"] != 200 or json.loads(bytes(e["response"]["stream"]["data"]))["code"] != "200000"
    ]
    assert failures == []
    sent = [{h["key"] for h in e["request"]["header"]} for e in executions]
    assert sum("KC-API-SIGN" in keys for keys in sent) == live.exclude(api_channel="public").count()
    assert sum("KC-API-PARTNER-SIGN" in keys for keys in sent) == live.filter(needs_broker_signature=True).count() == 17
    assert report["run"]["stats"]["assertions"]["failed"] == 0
    assert finished.returncode == 0, finished.stderr[-2000:]


def test_a_wrong_secret_is_refused_by_the_sandbox(client, catalogue, sandbox, tmp_path):
    """A run with a wrong secret fails KuCoin's signature check: the script's signature is what the sandbox tests."""
    if not NEWMAN.exists():
        pytest.fail("newman is not installed: `make test` installs it (npm ci), or run `npm ci` here")
    finished, report = run_newman(
        tmp_path,
        client.get("/postman.json").content,
        client.get("/postman-environment.json").content,
        sandbox,
        ["folder:Account/Account"],
        extra=["--env-var", "KC_API_SECRET=not-the-secret"],
    )
    bodies = [json.loads(bytes(e["response"]["stream"]["data"])) for e in report["run"]["executions"]]
    assert bodies and all(body["code"] == "400005" for body in bodies)
    assert finished.returncode != 0
