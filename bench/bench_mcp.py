"""MCP tool latency, p50 and p99: in process through the SDK's client, and over HTTP to `manage.py mcp --http`.

Both go through the `mcp` package's own Client, so the figures include argument
validation, the worker thread each call runs on, and (over HTTP) JSON-RPC framing,
uvicorn and the loopback hop. The catalogue is a fresh SQLite file synced from the SDK.
"""

import os
import subprocess
import sys
import time

from common import PROJECT_DIR, percentiles, row, setup_django, use_scratch_sqlite

RUNS = 200
WARM_UP = 5
CALLS = [
    ("search_catalogue", {"query": "add order"}, "< 20 ms"),
    ("search_catalogue", {"query": "orders", "domain": "futures", "api_channel": "private"}, "< 20 ms"),
    ("get_reference", {"reference": "spot/order/add-order"}, "< 20 ms"),
    ("get_reference", {"reference": "websocket/spot-public/ticker"}, "< 20 ms"),
    ("list_services", {}, ""),
    ("explain_error_code", {"code": "400005"}, ""),
    ("get_rate_limit_pool", {"pool": "Spot"}, ""),
    ("preview_signed_request", {"reference": "spot/order/add-order",
                                "body": {"symbol": "BTC-USDT", "side": "buy", "type": "market", "size": "1"}}, ""),
]  # fmt: skip


async def measure(server, label: str) -> None:
    from mcp import Client

    print(label)
    async with Client(server, read_timeout_seconds=30) as client:
        for name, arguments, target in CALLS:
            samples = []
            for run in range(WARM_UP + RUNS):
                started = time.perf_counter()
                result = await client.call_tool(name, arguments)
                if run >= WARM_UP:
                    samples.append((time.perf_counter() - started) * 1000)
                assert not result.is_error, (name, result.content)
            shown = ", ".join(f"{key}={value}" for key, value in arguments.items() if key != "body")
            row(f"  {name}({shown[:40]})", percentiles(samples), target)
        samples = []
        for _ in range(RUNS):
            started = time.perf_counter()
            await client.read_resource("guide://authentication")
            samples.append((time.perf_counter() - started) * 1000)
        row("  read guide://authentication", percentiles(samples))


def http_server() -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "manage.py", "mcp", "--http", "--port", "0"]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=os.environ, stdout=subprocess.PIPE, text=True)
    return process, process.stdout.readline().split(" at ", 1)[1].strip()


def main() -> None:
    use_scratch_sqlite()
    os.environ["LOG_LEVEL"] = "WARNING"  # the HTTP client logs every request at INFO
    for args in (("migrate", "--noinput"), ("sync_kucoin",)):
        subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, check=True, capture_output=True)
    setup_django()
    import anyio

    from endpoints.agents.server import server_build

    anyio.run(measure, server_build(), "MCP tools in process (SDK client, direct dispatch), SQLite")
    process, url = http_server()
    try:
        anyio.run(measure, url, f"MCP tools over Streamable HTTP ({url}, one client, keep-alive), SQLite")
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()
