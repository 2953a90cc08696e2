"""Sandbox throughput with request validation, reflected answers and trading state on. Prints; asserts nothing.

The sandbox runs as `manage.py kucoin_sandbox` in its own process (quotas scaled up so no pool
runs dry). Clients are keep-alive `http.client` connections in threads of this process, on the
same two cores. The private figure includes the client's own HMAC signing of every request.
"""

import json
import subprocess
import sys
import time

from common import PROJECT_DIR, free_port, keep_alive_rate, row, setup_django, use_scratch_sqlite
from common import start_sandbox as common_start_sandbox

SECONDS = 3.0
CLIENT_THREADS = 4
BEFORE = "6,700-9,900 req/s before state and validation (README, same public GET, same 4 clients)"
KEY, SECRET, PASSPHRASE = "bench-key", "bench-secret", "bench-passphrase"


def start_sandbox(port: int) -> subprocess.Popen:
    return common_start_sandbox(port, "--key", KEY, "--secret", SECRET, "--passphrase", PASSPHRASE)


def rate(port: int, one_round) -> float:
    """Requests per second over CLIENT_THREADS keep-alive connections, each running `one_round` (n requests)."""
    return keep_alive_rate(port, one_round, clients=CLIENT_THREADS, seconds=SECONDS)


def public_get(connection, slot: int) -> int:
    connection.request("GET", "/api/v1/market/orderbook/level1?symbol=ETH-USDT")
    response = connection.getresponse()
    response.read()
    return response.status == 200


def signed(connection, method: str, path: str, body: str = "") -> dict:
    from endpoints.kucoin import signing

    key = signing.ApiKey(KEY, SECRET, PASSPHRASE, "3")
    signed_path = path.removeprefix("/spot")  # the sandbox's per-host prefix is not part of KuCoin's path
    headers = signing.auth_headers(key, int(time.time() * 1000), method, signed_path, body, None)
    headers["Content-Type"] = "application/json"
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    return json.loads(response.read())


def order_lifecycle(connection, slot: int) -> int:
    """Place a spot HF order, fetch it by id, cancel it: three signed, validated, stateful requests."""
    oid = f"bench-{slot}-{time.perf_counter_ns()}"
    fields = {"symbol": "BTC-USDT", "side": "buy", "type": "limit", "price": "1", "size": "1", "clientOid": oid}
    body = json.dumps(fields)
    order_id = signed(connection, "POST", "/spot/api/v1/hf/orders", body)["data"]["orderId"]
    found = signed(connection, "GET", f"/spot/api/v1/hf/orders/{order_id}?symbol=BTC-USDT")
    cancelled = signed(connection, "DELETE", f"/spot/api/v1/hf/orders/{order_id}?symbol=BTC-USDT")
    return 3 if found["code"] == cancelled["code"] == "200000" else 0


def main() -> None:
    use_scratch_sqlite()
    for command in (("migrate", "--noinput"), ("sync_kucoin",)):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT_DIR, check=True, capture_output=True)
    setup_django()
    port = free_port()
    sandbox = start_sandbox(port)
    try:
        print(f"Sandbox throughput ({CLIENT_THREADS} keep-alive clients, {SECONDS:g} s each, separate process)")
        row("public GET (validated, reflected answer)", f"{rate(port, public_get):.0f} req/s", ">= 3,350 req/s")
        print(f"  {'':<48} {BEFORE}")
        row("signed place + get + cancel (stateful)", f"{rate(port, order_lifecycle):.0f} req/s", "none")
    finally:
        sandbox.terminate()
        sandbox.wait(5)


if __name__ == "__main__":
    main()
