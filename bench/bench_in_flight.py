"""Try-it in-flight cap figures: page load time while 16 sends wait on a slow upstream, with and without the cap.

Serves a scratch SQLite catalogue with gunicorn as `make run` does (explorer/gunicorn_conf.py: 2 workers x
4 threads), sends every domain to a sandbox told to answer after 8 s, fires 16 try-it sends at once, and
meanwhile loads an endpoint page one request at a time. Run once with the default cap and once with the cap
lifted (TRY_IT_MAX_IN_FLIGHT=1000, as before the cap existed). Prints; asserts nothing.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import PROJECT_DIR, free_port, row, sync_catalogue, use_scratch_sqlite

SENDS = 16
DELAY_MS = 8000
PAGE = "/reference/spot/market/get-ticker"
SEND = "/try-it/send/spot/market/get-ticker"
PAGE_LOADS = 10


def start(command: list[str], ready: str, env: dict | None = None) -> subprocess.Popen:
    process = subprocess.Popen(
        command, cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    for line in process.stdout:
        if ready in line:
            threading.Thread(target=process.stdout.read, daemon=True).start()  # keep draining its output
            return process
    raise SystemExit(f"{command[1]} did not start")


def request(port: int, method: str, path: str, body: str = "", headers: dict | None = None, timeout: float = 60):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request(method, path, body=body.encode() or None, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def csrf(port: int) -> tuple[str, str]:
    """A CSRF cookie and form token from the endpoint page, as a browser would have them."""
    response, data = request(port, "GET", PAGE)
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data).group(1).decode()
    return cookie, token


def run(cap: int, sandbox_port: int) -> None:
    port = free_port()
    env = {**os.environ, "KUCOIN_UPSTREAM": f"http://127.0.0.1:{sandbox_port}", "TRY_IT_MAX_IN_FLIGHT": str(cap),
           "TRY_IT_READ_TIMEOUT": "20", "TRY_IT_TOTAL_TIMEOUT": "20", "TRY_IT_RATE": "100000/m"}  # fmt: skip
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = start(
        [gunicorn, "explorer.wsgi", "--config", "python:explorer.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null"],
        "Booting worker", env,
    )  # fmt: skip
    try:
        time.sleep(1.0)  # both workers up
        cookie, token = csrf(port)
        headers = {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded"}
        statuses: list[int] = []
        body = f"csrfmiddlewaretoken={token}&p_symbol=BTC-USDT"
        senders = [
            threading.Thread(target=lambda: statuses.append(request(port, "POST", SEND, body, headers)[0].status))
            for _ in range(SENDS)
        ]
        started = time.perf_counter()
        for sender in senders:
            sender.start()
        time.sleep(0.5)
        loads = []
        for _ in range(PAGE_LOADS):
            begin = time.perf_counter()
            request(port, "GET", PAGE)
            loads.append((time.perf_counter() - begin) * 1000)
        for sender in senders:
            sender.join()
        took = time.perf_counter() - started
        label = f"cap {cap}" if cap < 1000 else "no cap"
        loads.sort()
        row(
            f"{label}: page load during {SENDS} slow sends",
            f"p50 {loads[len(loads) // 2]:.0f} ms, max {loads[-1]:.0f} ms",
        )
        answered = {status: statuses.count(status) for status in sorted(set(statuses))}
        row(f"{label}: send answers (status: count)", f"{answered} in {took:.1f} s")
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    use_scratch_sqlite()
    sync_catalogue()
    sandbox_port = free_port()
    sandbox = start(
        [
            sys.executable,
            "manage.py",
            "kucoin_sandbox",
            "--port",
            str(sandbox_port),
            "--quiet",
            "--quota-scale",
            "1000",
        ],
        "Press Ctrl-C",
    )
    try:
        request(sandbox_port, "POST", "/sandbox/faults", json.dumps({"delay_ms": DELAY_MS}))
        print(f"Try-it in flight (gunicorn 2 workers x 4 threads, sandbox answering after {DELAY_MS} ms)")
        run(int(os.environ.get("BENCH_CAP", "2")), sandbox_port)
        run(1000, sandbox_port)
    finally:
        sandbox.terminate()
        sandbox.wait(5)


if __name__ == "__main__":
    main()
