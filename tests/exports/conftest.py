"""Helpers for the export tests: fetch an export and walk an OpenAPI document's operations."""

import json
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings

from endpoints.models import Endpoint


@pytest.fixture
def fetch(client, catalogue):
    """GET an export and parse it by its content type (JSON, YAML or text)."""

    def get(url: str):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        kind = response["Content-Type"]
        if kind.startswith("application/json"):
            return json.loads(response.content)
        if kind.startswith("application/yaml"):
            return yaml.load(response.content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
        return response.content.decode()

    return get


def operations(document: dict):
    """(domain, METHOD, real path, operation) for every operation: server path + path key, in KuCoin's spelling."""
    for key, item in document["paths"].items():
        for method, operation in item.items():
            server = operation["servers"][0]["url"]
            path = operation.get("x-kucoin-path") or urlsplit(server).path + key
            yield operation["x-domain"].lower(), method.upper(), path, operation


def identities(document: dict) -> list[tuple[str, str, str]]:
    return [(domain, method, path) for domain, method, path, _ in operations(document)]


def live_identities(**filters) -> set[tuple[str, str, str]]:
    endpoints = Endpoint.objects.filter(retired_at__isnull=True, **filters)
    return set(endpoints.values_list("domain", "method", "path"))


def public_url(domain: str) -> str:
    return settings.KUCOIN_PUBLIC_BASE_URLS[domain]
