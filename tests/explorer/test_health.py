"""/health tells the truth about the database and the cache, and a cache that fails degrades to no cache.

The cache is a real redis-server started on a free loopback port and then stopped; the database
outage is a real PostgreSQL URL on a port nothing listens on, in a process of its own.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.settings import cache_from_url
from tests.conftest import TEST_CACHE_PREFIX

PROJECT_DIR = Path(__file__).resolve().parents[2]
PAGES = [
    "/",
    "/reference/spot/market/get-ticker",
    "/reference/spot/market/get-ticker.md",
    "/search?q=order",
    "/guides/authentication",
    "/openapi.json",
    "/postman.json",
    "/llms.txt",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_server():
    """A redis-server of our own on a free loopback port; `.stop()` kills it mid-test."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (make test installs it)")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    process.url = f"redis://127.0.0.1:{port}/0"
    process.stop = lambda: (process.kill(), process.wait())
    yield process
    if process.poll() is None:
        process.stop()


def test_health_reports_each_part_and_the_catalogue_size(client, catalogue):
    """Healthy: database and cache ok, the catalogue's size, never cached."""
    from endpoints.models import Channel, Endpoint

    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "endpoints": Endpoint.objects.filter(retired_at__isnull=True).count(),
        "channels": Channel.objects.filter(retired_at__isnull=True).count(),
    }
    assert "no-cache" in response.headers["Cache-Control"]


def test_with_redis_killed_every_page_still_answers_and_health_says_so(client, catalogue, settings, redis_server):
    """Redis up: pages and health ok. Redis killed: the same pages answer 200 uncached; health says so."""
    settings.CACHES = {"default": {**cache_from_url(redis_server.url), "KEY_PREFIX": TEST_CACHE_PREFIX}}
    assert [client.get(url).status_code for url in PAGES] == [200] * len(PAGES)
    assert client.get("/health").json()["cache"] == "ok"
    redis_server.stop()
    assert [client.get(url).status_code for url in PAGES] == [200] * len(PAGES)
    sent = client.post("/try-it/send/spot/market/get-ticker", {"p_symbol": "BTC-USDT"}, headers={"HX-Request": "true"})
    assert sent.status_code == 200 and "Not sent" not in sent.content.decode()  # the rate limit fails open
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded" and health.json()["cache"] == "down"
    assert health.json()["database"] == "ok"
    settings.HEALTH_REQUIRES_CACHE = True
    required = client.get("/health")
    assert required.status_code == 503 and required.json()["status"] == "down"


def test_with_the_database_down_health_answers_503_in_json():
    """A database that cannot be reached is a 503 that names it, not a 500 page."""
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/health'); print(r.status_code, r.content.decode())"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "explorer.settings", "CACHE_URL": ""}
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{free_port()}/nothing-listens-here"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    status, _, body = done.stdout.strip().partition(" ")
    assert status == "503", done.stdout + done.stderr
    assert json.loads(body) == {"status": "down", "database": "down", "cache": "ok"}
