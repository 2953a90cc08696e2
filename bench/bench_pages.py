"""Docs-page figures: server time under load, page weight, and time to the description in Chromium.

Serves a scratch SQLite catalogue with gunicorn, then:
- drives 32 concurrent connections at endpoint pages and at searches, and reads each
  request's server time from gunicorn's access log (%(D)s, microseconds);
- weighs the Add Order page with its CSS and JS, as sent (gzip when the server
  compresses) and uncompressed;
- opens the Add Order page in headless Debian Chromium, cold, and times navigation
  to the description being visible (KuCoin's Add Order is also what the shared
  README measured Swagger UI, Redoc and Scalar on).
It prints figures and asserts nothing.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import PROJECT_DIR, free_port, percentiles, row, sync_catalogue_with_spec, use_scratch_sqlite

CONNECTIONS = 32
REQUESTS = 3000
ADD_ORDER = "/reference/spot/order/add-order"
SEARCHES = ["add order", "hf/orders", "addOrder", "get_ticker", "clientOid", "/market/ticker", "cancel all",
            "withdraw", "funding rate", "orderbook", "position", "sub account", "bullet", "kline",
            "margin borrow"]  # fmt: skip
COMPETITORS = "Swagger UI 5.35: 0.9 s / 3.1 MB; Redoc 2.5: 1.7 s / 2.1 MB; Scalar 1.72: 1.6 s / 5.5 MB"


def start_gunicorn(port: int, log: Path) -> subprocess.Popen:
    """Two sync workers, one per core: a worker's server time is then its own work, not a queue."""
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "explorer.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", "2", "--access-logfile", str(log), "--access-logformat", "%(U)s %(s)s %(D)s",
    ]  # fmt: skip
    # Served as `make run` serves it: collected, gzipped static files.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=PROJECT_DIR, check=True)
    env = {**os.environ, "DJANGO_COLLECTED_STATIC": "1"}
    server = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


async def fetch(port: int, path: str) -> float:
    """One GET on a fresh connection; return the client-side latency in ms."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    await reader.read()
    writer.close()
    return (time.perf_counter() - started) * 1000


async def load(port: int, paths: list[str]) -> list[float]:
    queue = list(paths)
    latencies: list[float] = []

    async def worker():
        while queue:
            latencies.append(await fetch(port, queue.pop()))

    await asyncio.gather(*(worker() for _ in range(CONNECTIONS)))
    return latencies


def server_times(log: Path, prefix: str) -> list[float]:
    times = []
    for line in log.read_text().splitlines():
        path, status, micros = line.split()
        if path.startswith(prefix) and status == "200":
            times.append(int(micros) / 1000)
    return times


def run_load(port: int, log: Path, label: str, paths: list[str], prefix: str) -> None:
    log.write_text("")
    started = time.perf_counter()
    latencies = asyncio.run(load(port, paths))
    elapsed = time.perf_counter() - started
    time.sleep(0.3)  # let gunicorn flush its log
    row(f"{label}: server time", percentiles(server_times(log, prefix)), "p50 < 10 ms, p99 < 50 ms")
    row(f"{label}: client latency ({CONNECTIONS} connections)", percentiles(latencies))
    row(f"{label}: throughput", f"{len(paths) / elapsed:.0f} requests/s")


def page_weight(base: str) -> None:
    """HTML + CSS + JS of the Add Order page, as sent with gzip accepted and uncompressed."""
    html = urllib.request.urlopen(base + ADD_ORDER).read().decode()
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)
    sent = raw = 0
    for url in [ADD_ORDER, *assets]:
        request = urllib.request.Request(base + url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            encoded = response.headers.get("Content-Encoding") == "gzip"
        sent += len(body)
        raw += len(gzip.decompress(body)) if encoded else len(body)
    gzipped_everything = len(gzip.compress(html.encode())) + sum(
        len(gzip.compress(urllib.request.urlopen(base + url).read())) for url in assets
    )
    row("Add Order page HTML + CSS + JS, as sent", f"{sent / 1024:.1f} KB ({len(assets)} assets)", "< 100 KB")
    row("  the same, uncompressed", f"{raw / 1024:.1f} KB")
    row("  the same, if every file were served gzipped", f"{gzipped_everything / 1024:.1f} KB")


CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip
PAINT_SCRIPT = "performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)[0] || 0"
# Runs before the page's own scripts: records, on the animation frame that first lays the
# description out, the time since navigation started (performance.now()'s origin).
VISIBLE_PROBE = """(() => {
  const check = () => {
    const d = document.getElementById("description");
    if (d && d.getBoundingClientRect().height > 0) { window.__descriptionVisibleAt = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();"""
TRANSFER_SCRIPT = (
    "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
    ".reduce((sum, e) => sum + (e.transferSize || 0), 0)"
)


def chromium_timing(base: str) -> None:
    """Cold-cache navigation to the Add Order description being visible, in headless Debian Chromium.

    Each run is a fresh browser context (empty cache, no cookies) in an already
    started browser; launching Chromium itself is not part of a page's speed.
    Reported: the in-page time from navigation start to the animation frame that
    first lays out the description, the browser's first-contentful-paint, and the
    wall clock from `goto` until Playwright's polling sees the description (which
    adds context creation and polling on top).
    """
    chromium = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    if not chromium.exists():
        row("Chromium: navigation to description", "skipped: /usr/bin/chromium missing")
        return
    from playwright.sync_api import sync_playwright

    visible, in_page, painted, transferred = [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        for run in range(16):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(VISIBLE_PROBE)
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base + ADD_ORDER, wait_until="commit")
            page.locator("#description").wait_for(state="visible")
            elapsed = (time.perf_counter() - started) * 1000
            page.wait_for_load_state("load")
            if run:  # the first run warms Chromium's renderer and font caches
                visible.append(elapsed)
                in_page.append(page.evaluate("window.__descriptionVisibleAt || 0"))
                painted.append(page.evaluate(PAINT_SCRIPT))
                transferred.append(page.evaluate(TRANSFER_SCRIPT))
            context.close()
        warm = open_tab_timing(browser, base)
        browser.close()
    in_page = [t for t in in_page if t] or [0]
    painted = [t for t in painted if t] or [0]
    row("Chromium: navigation -> description laid out", f"p50 {statistics.median(in_page):.0f} ms, "
        f"min {min(in_page):.0f} ms (in-page clock)", "< 100 ms")  # fmt: skip
    row("Chromium: first contentful paint", f"p50 {statistics.median(painted):.0f} ms, min {min(painted):.0f} ms")
    row("Chromium: goto() -> visible, as Playwright sees it", f"p50 {statistics.median(visible):.0f} ms, "
        f"min {min(visible):.0f} ms, n={len(visible)}")  # fmt: skip
    row("Chromium: bytes transferred (cold)", f"{statistics.median(transferred) / 1024:.1f} KB")
    row("Chromium, open tab, empty HTTP cache: -> description", f"p50 {statistics.median(warm):.0f} ms, "
        f"min {min(warm):.0f} ms (in-page clock)", "< 100 ms")  # fmt: skip
    print(f"  for comparison (shared README, same page): {COMPETITORS}")


def open_tab_timing(browser, base: str, runs: int = 16) -> list[float]:
    """The same navigation in a tab that already shows one of our pages, with the HTTP cache emptied each time.

    This is a reader clicking through in an open browser: no renderer process to
    start, no cached bytes. A fresh context (above) pays for starting the renderer,
    and for the process swap Django's Cross-Origin-Opener-Policy asks of a new tab.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(VISIBLE_PROBE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    page.goto(base + "/")
    samples = []
    for run in range(runs):
        cdp.send("Network.clearBrowserCache")
        page.goto(base + ADD_ORDER)
        page.wait_for_load_state("load")
        if run:
            samples.append(page.evaluate("window.__descriptionVisibleAt || 0"))
    context.close()
    return [t for t in samples if t] or [0]


def main() -> None:
    use_scratch_sqlite()
    before = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Docs pages (gunicorn, 2 sync workers, SQLite scratch file; load average before: {before})")
    sync_catalogue_with_spec()
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    from endpoints.models import Endpoint

    slugs = [e.get_absolute_url() for e in Endpoint.objects.filter(retired_at__isnull=True)]
    port, log = free_port(), Path(tempfile.mkdtemp(prefix="kucoin-bench-")) / "access.log"
    server = start_gunicorn(port, log)
    base = f"http://127.0.0.1:{port}"
    try:
        random.seed(3)
        asyncio.run(load(port, slugs * 2))  # warm both workers' caches: every page, twice
        run_load(port, log, "endpoint pages", [random.choice(slugs) for _ in range(REQUESTS)], "/reference/")
        queries = [f"/search?q={urllib.request.quote(q)}" for q in SEARCHES]
        asyncio.run(load(port, queries * 4))
        run_load(port, log, "search", [random.choice(queries) for _ in range(REQUESTS)], "/search")
        page_weight(base)
        chromium_timing(base)
        print(
            f"  load average after: {', '.join(f'{value:.1f}' for value in os.getloadavg())} on {os.cpu_count()} cores"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
