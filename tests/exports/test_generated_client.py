"""A Python client generated from /openapi.json by openapi-python-client calls both hosts' copies of shared operations.

The client is generated once per test session, inside the test run, from the document the
downloads page offers for code generators. One client per host, each with the base URL the
document lists for that host (here the sandbox's per-host URL), as a user of the generator does.
"""

import importlib
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from django.test import Client

from endpoints.kucoin import signing
from endpoints.models import Endpoint
from endpoints.sync import catalogue_sync

pytestmark = pytest.mark.real_client
GENERATOR = Path(sys.executable).parent / "openapi-python-client"
PACKAGE = "kucoin_generated_client"


@pytest.fixture(scope="session")
def generated(tmp_path_factory, django_db_setup, django_db_blocker, sdk_catalogue):
    """The generated package, imported."""
    folder = tmp_path_factory.mktemp("generated")
    with django_db_blocker.unblock():
        catalogue_loaded(sdk_catalogue)
        (folder / "openapi.json").write_bytes(Client().get("/openapi.json").content)
    finished = subprocess.run(
        [str(GENERATOR), "generate", "--path", "openapi.json", "--output-path", PACKAGE, "--meta", "none"],
        cwd=folder, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stdout + finished.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))


def signer(sandbox, prefix: str):
    """An httpx request hook that signs like KuCoin (the sandbox's /spot or /futures prefix is not signed)."""
    key = signing.ApiKey(sandbox.key, sandbox.secret, sandbox.passphrase, "3")

    def sign(request: httpx.Request) -> None:
        target = request.url.raw_path.decode().removeprefix(prefix)
        path, _, query = target.partition("?")
        signed = path + (f"?{httpx.QueryParams(query)}" if query else "")
        body = request.content.decode()
        request.headers.update(signing.auth_headers(key, int(time.time() * 1000), request.method, signed, body, None))

    return sign


def host_client(generated, sandbox, domain: str, suffix: str = ""):
    """One generated client for one host: the sandbox's per-host URL plus the path the document's server has."""
    prefix = f"/{domain}"
    hooks = {"event_hooks": {"request": [signer(sandbox, prefix)]}}
    return generated.AuthenticatedClient(base_url=sandbox.domain_url(domain) + suffix, token="", prefix="",
                                         auth_header_name="X-Unused", httpx_args=hooks)  # fmt: skip


def test_spot_and_futures_copies_of_get_server_time_reach_their_hosts(generated, sandbox):
    """GET /api/v1/timestamp through spot_market and futures_market: each 200 on its own host's URL."""
    spot_time = importlib.import_module(f"{PACKAGE}.api.spot_market.spot_market_get_server_time")
    futures_time = importlib.import_module(f"{PACKAGE}.api.futures_market.futures_market_get_server_time")
    spot = spot_time.sync_detailed(client=host_client(generated, sandbox, "spot"))
    futures = futures_time.sync_detailed(client=host_client(generated, sandbox, "futures", "/api"))
    assert (spot.status_code, futures.status_code) == (200, 200)
    assert abs(futures.parsed.data - time.time() * 1000) < 5_000


def test_the_futures_copy_of_add_order_places_a_futures_order(generated, sandbox):
    """POST /api/v1/orders through futures_order reaches the futures host: the order is then listed there."""
    add = importlib.import_module(f"{PACKAGE}.api.futures_order.futures_order_add_order")
    listing = importlib.import_module(f"{PACKAGE}.api.futures_order.futures_order_get_order_list")
    body_type = importlib.import_module(f"{PACKAGE}.models.futures_order_add_order_body").FuturesOrderAddOrderBody
    client = host_client(generated, sandbox, "futures", "/api")
    oid = uuid.uuid4().hex
    fields = {"clientOid": oid, "side": "buy", "symbol": "XBTUSDTM", "leverage": 2, "type": "limit", "price": "10",
              "size": 1}  # fmt: skip
    placed = add.sync_detailed(client=client, body=body_type.from_dict(fields))
    assert placed.status_code == 200 and placed.parsed.data.client_oid == oid
    status = importlib.import_module(f"{PACKAGE}.models.futures_order_get_order_list_status")
    listed = listing.sync_detailed(
        client=client, status=status.FuturesOrderGetOrderListStatus("active"), symbol="XBTUSDTM"
    )
    assert placed.parsed.data.order_id in [item.id for item in listed.parsed.data.items]


def catalogue_loaded(sdk_catalogue) -> None:
    """A transactional test before us may have emptied the tables: load the catalogue again."""
    if not Endpoint.objects.exists():
        catalogue_sync(sdk_catalogue)
