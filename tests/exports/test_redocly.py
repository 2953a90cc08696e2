"""Redocly's own linter (npm @redocly/cli, recommended rules) finds 0 errors in every OpenAPI document we serve."""

import json
import subprocess
from pathlib import Path

import pytest

from endpoints.exports.openapi import service_scopes
from endpoints.models import Endpoint

pytestmark = pytest.mark.real_client
REDOCLY = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "redocly"
# One page's own document per kind of endpoint: public, private, broker, a renamed placeholder, a shared pair.
ENDPOINT_SLUGS = (
    "spot/market/get-ticker", "spot/order/add-order", "broker/nd-broker/get-kyc-status",
    "futures/order/get-order-by-order-id", "futures/order/add-order",
)  # fmt: skip


def test_redocly_lint_finds_no_error_in_any_document(client, catalogue, tmp_path):
    """The whole document (JSON and YAML), each host's, each service's and endpoint documents all lint clean."""
    if not REDOCLY.exists():
        pytest.fail("@redocly/cli is not installed: `make test` installs it (npm ci), or run `npm ci` here")
    urls = ["/openapi.json", "/openapi.yaml"]
    urls += [f"/openapi/domains/{domain}.json" for domain in ("spot", "futures", "broker")]
    urls += [f"/openapi/services/{slug}.json" for slug in service_scopes()]
    urls += [f"/openapi/endpoints/{Endpoint.objects.get(slug=slug).slug}.json" for slug in ENDPOINT_SLUGS]
    files = []
    for index, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        files.append(tmp_path / f"{index}{Path(url).suffix}")
        files[-1].write_bytes(response.content)
    finished = subprocess.run(
        [str(REDOCLY), "lint", *map(str, files), "--format", "json", "--max-problems", "10000"],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
    )  # fmt: skip
    reports = json_objects(finished.stdout)
    errors = [(p["ruleId"], p["message"]) for r in reports for p in r["problems"] if p["severity"] == "error"]
    assert errors == [] and finished.returncode == 0, errors[:20]
    assert len(reports) == len(files) > 15  # one report per document: every one was linted


def json_objects(text: str) -> list[dict]:
    """Redocly writes one JSON report per file, one after another."""
    decoder, found, at = json.JSONDecoder(), [], text.find("{")
    while at != -1:
        value, end = decoder.raw_decode(text, at)
        found.append(value)
        at = text.find("{", end)
    return found
