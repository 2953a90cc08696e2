"""WebSocket figures: channel page open -> first message shown in Chromium, and what the WebSocket sandbox sustains.

The sandbox runs as `manage.py kucoin_sandbox` in its own process (quotas and the
new-connection limit scaled up); the explorer runs under gunicorn as `make run`
serves it, pointed at the sandbox. Clients run in this process, on the same two
cores. Prints; asserts nothing.
"""

import asyncio
import json
import os
import signal
import statistics
import sys
import time
import urllib.request
from pathlib import Path

from bench_try_it import free_port, start_app
from common import PROJECT_DIR, row, use_scratch_sqlite
from common import start_sandbox as common_start_sandbox

CHANNEL = "/reference/websocket/spot-public/ticker"
UNIFIED_CHANNEL = "/reference/websocket/uta-public-spot/ticker"
RUNS = 12
SECONDS = 3.0
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# Records, on the page's own clock, when the welcome, the subscribe frame and the first push are laid out.
FIRST_MESSAGE_PROBE = """
window.__at = {};
new MutationObserver(function (records, observer) {
  ['welcome', 'sent', 'message'].forEach(function (kind) {
    if (!window.__at[kind] && document.querySelector('.console-log .log-' + kind)) {
      window.__at[kind] = -1;
      requestAnimationFrame(function () { window.__at[kind] = performance.now(); });
    }
  });
  if (window.__at.message) observer.disconnect();
}).observe(document, {subtree: true, childList: true});
"""
# Phases on the page's clock: the page itself, the token request through our server, the WebSocket up to
# welcome, the click on Subscribe (the harness), and subscribe -> first push laid out.
PHASES_SCRIPT = """() => {
  const token = performance.getEntriesByType('resource').find(e => e.name.includes('/ws-token/'));
  const nav = performance.getEntriesByType('navigation')[0];
  return {dom: nav.domContentLoadedEventEnd, token_start: token ? token.startTime : null,
          token_end: token ? token.responseEnd : null,
          welcome: window.__at.welcome, sent: window.__at.sent, message: window.__at.message};
}"""


def prepare_database() -> None:
    manage = [sys.executable, "manage.py"]
    import subprocess

    subprocess.run([*manage, "migrate", "--noinput"], cwd=PROJECT_DIR, check=True, capture_output=True)
    subprocess.run([*manage, "sync_kucoin"], cwd=PROJECT_DIR, check=True, capture_output=True)


def start_sandbox(port: int, ws_port: int):
    return common_start_sandbox(port, "--ws-port", str(ws_port))


def token(port: int) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/bullet-public", method="POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        return json.load(answer)["data"]


def page_to_first_message(base: str, channel: str = CHANNEL, label: str = "") -> None:
    """Open the channel page, click Connect and Subscribe as soon as each is possible; time the first push shown."""
    from playwright.sync_api import sync_playwright

    chromium = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    if not chromium.exists():
        row("Chromium: page open -> first message", "skipped: /usr/bin/chromium missing")
        return
    in_page, wall, phases = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(FIRST_MESSAGE_PROBE)
        page = context.new_page()
        page.goto(base + "/")
        for run in range(RUNS + 1):
            page.evaluate("localStorage.removeItem('kucoin-ws-connects')")  # the bench opens more than 30 a minute
            started = time.perf_counter()
            page.goto(base + channel, wait_until="commit")
            page.locator('#console button[data-action="connect"]').click()
            page.locator('#console button[data-action="subscribe"]:enabled').click()
            page.locator("#console .log-message").first.wait_for()
            elapsed = (time.perf_counter() - started) * 1000
            page.wait_for_function("window.__at.message > 0")
            if run:  # the first run warms the renderer and the server's caches
                wall.append(elapsed)
                phases.append(page.evaluate(PHASES_SCRIPT))
                in_page.append(phases[-1]["message"])
        context.close()
        browser.close()
    row(f"Chromium{label}: navigation -> first message laid out", f"p50 {statistics.median(in_page):.0f} ms, "
        f"min {min(in_page):.0f} ms, n={len(in_page)} (in-page clock)", "< 300 ms")  # fmt: skip
    row(f"Chromium{label}: goto() -> first message, as Playwright sees it", f"p50 {statistics.median(wall):.0f} ms")
    steps = [
        ("page (DOMContentLoaded)", "dom", None),
        ("-> Connect clicked", "token_start", "dom"),
        ("token via our server", "token_end", "token_start"),
        ("WebSocket open -> welcome", "welcome", "token_end"),
        ("-> Subscribe clicked, frame sent", "sent", "welcome"),
        ("subscribe -> first push shown", "message", "sent"),
    ]
    if phases[0]["token_start"] is None:  # unified: no token, the socket opens on Connect
        steps = [steps[0], ("-> Connect, WebSocket open -> welcome", "welcome", "dom"), *steps[4:]]
    for label, end, start in steps:
        spans = [p[end] - (p[start] if start else 0) for p in phases]
        row(f"· {label}", f"p50 {statistics.median(spans):.0f} ms")


async def frames_received(socket, subscribe: dict) -> int:
    """Send `subscribe`, then count the frames that arrive (the ack among them) for SECONDS."""
    await socket.send(json.dumps(subscribe))
    received, deadline = 0, time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        await socket.recv()
        received += 1
    return received


async def connections_per_second(port: int, clients: int = 8) -> tuple[float, int]:
    """New connections (handshake, welcome, close) a second, from `clients` concurrent loops sharing one token."""
    from websockets.asyncio.client import connect

    data = token(port)
    url = f"{data['instanceServers'][0]['endpoint']}?token={data['token']}"
    done, deadline = 0, time.monotonic() + SECONDS

    failed = 0

    async def client(slot: int) -> None:
        nonlocal done, failed
        while time.monotonic() < deadline:
            try:
                async with connect(f"{url}&connectId={slot}-{done}", compression=None) as socket:
                    assert json.loads(await socket.recv())["type"] == "welcome"
                done += 1
            except (TimeoutError, OSError):  # a busy host can miss the 10 s handshake timeout
                failed += 1

    started = time.monotonic()
    await asyncio.gather(*(client(slot) for slot in range(clients)))
    return done / (time.monotonic() - started), failed


async def messages_per_second(port: int, connections: int = 4, symbols: int = 100) -> tuple[float, float]:
    """Pushes received a second from `connections` connections, each on 100 level-1 topics (10 ms each)."""
    from websockets.asyncio.client import connect

    data = token(port)
    url = f"{data['instanceServers'][0]['endpoint']}?token={data['token']}"
    counts = [0] * connections

    async def client(slot: int) -> None:
        async with connect(f"{url}&connectId=m{slot}", compression=None, max_queue=None) as socket:
            await socket.recv()
            topic = "/spotMarket/level1:" + ",".join(f"S{slot}x{i}-USDT" for i in range(symbols))
            frame = {"id": "s", "type": "subscribe", "topic": topic, "response": True}
            counts[slot] = await frames_received(socket, frame)

    started = time.monotonic()
    await asyncio.gather(*(client(slot) for slot in range(connections)))
    rate = sum(counts) / (time.monotonic() - started)
    return rate, connections * symbols * 100  # offered: 100 pushes a second per topic


async def unified_connections_per_second(ws_port: int, clients: int = 8) -> float:
    """New unified connections (handshake, welcome with sessionId, close) a second: no token call first."""
    from websockets.asyncio.client import connect

    url, done, deadline = f"ws://127.0.0.1:{ws_port}/unified/spot", 0, time.monotonic() + SECONDS

    async def client() -> None:
        nonlocal done
        while time.monotonic() < deadline:
            async with connect(url, compression=None) as socket:
                assert json.loads(await socket.recv())["message"] == "welcome"
            done += 1

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(clients)))
    return done / (time.monotonic() - started)


async def unified_messages_per_second(ws_port: int, connections: int = 4) -> tuple[float, int]:
    """Unified pushes received a second: each connection on every spot symbol's order book at increment@10ms."""
    from websockets.asyncio.client import connect

    symbols = ["BTC-USDT", "ETH-USDT", "SOL-USDT", "KCS-USDT", "ETH-BTC"]
    counts = [0] * connections

    async def client(slot: int) -> None:
        async with connect(f"ws://127.0.0.1:{ws_port}/unified/spot", compression=None, max_queue=None) as socket:
            await socket.recv()
            frame = {"id": "s", "action": "SUBSCRIBE", "channel": "obu", "tradeType": "SPOT", "symbols": symbols,
                     "depth": "increment@10ms"}  # fmt: skip
            counts[slot] = await frames_received(socket, frame)

    started = time.monotonic()
    await asyncio.gather(*(client(slot) for slot in range(connections)))
    return sum(counts) / (time.monotonic() - started), connections * len(symbols) * 50  # one per 20 ms each


def main() -> None:
    use_scratch_sqlite()
    prepare_database()
    port, ws_port, app_port = free_port(), free_port(), free_port()
    sandbox = start_sandbox(port, ws_port)
    os.environ["KUCOIN_UNIFIED_WS_UPSTREAM"] = f"ws://127.0.0.1:{ws_port}/unified"  # the app's console connects here
    app = start_app(port, app_port)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"WebSocket console and sandbox (sandbox :{port}, ws :{ws_port}, app :{app_port}; load {load})")
    try:
        page_to_first_message(f"http://127.0.0.1:{app_port}")
        per_second, failed = asyncio.run(connections_per_second(port))
        row("sandbox: new connections (handshake+welcome)", f"{per_second:,.0f} a second, 8 clients, {failed} failed")
        received, offered = asyncio.run(messages_per_second(port))
        row("sandbox: pushes delivered", f"{received:,.0f} a second (offered {offered:,})")
        page_to_first_message(f"http://127.0.0.1:{app_port}", UNIFIED_CHANNEL, " (unified ticker, no token)")
        unified_rate = asyncio.run(unified_connections_per_second(ws_port))
        row("sandbox: new unified connections (handshake+welcome)", f"{unified_rate:,.0f} a second, 8 clients")
        received, offered = asyncio.run(unified_messages_per_second(ws_port))
        row("sandbox: unified pushes delivered", f"{received:,.0f} a second (offered {offered:,})")
        print(f"  load average after: {', '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    finally:
        for process in (app, sandbox):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
