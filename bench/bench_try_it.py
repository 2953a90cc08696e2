"""Try-it figures: the app's overhead over a direct `requests` call to the same sandbox endpoint, and the
sandbox's own throughput. Prints; asserts nothing.

The sandbox runs as `manage.py kucoin_sandbox` in its own process (quotas scaled up so no pool runs dry);
the app runs in this process through Django's test client, sending to the sandbox over loopback.
"""

import os
import socket
import subprocess
import sys
import time
from urllib.parse import urlencode

from common import PROJECT_DIR, free_port, keep_alive_rate, measure_against_sandbox, percentiles, row

ROUNDS = 500
BLOCKS = 5  # the overhead's p50 is also printed per block of rounds, so a busy host shows as spread
THROUGHPUT_SECONDS = 3.0
CLIENT_THREADS = 4


def p50(samples: list[float]) -> float:
    return sorted(samples)[len(samples) // 2]


def throughput(port: int, path: str) -> float:
    """Requests per second the sandbox answers over keep-alive connections from several client threads."""

    def one_get(connection, slot: int) -> int:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status == 200

    return keep_alive_rate(port, one_get, clients=CLIENT_THREADS, seconds=THROUGHPUT_SECONDS)


def main() -> None:
    measure_against_sandbox(measure)


def paired(direct, through, rounds: int = ROUNDS) -> tuple[list[float], list[float], list[float]]:
    """Time `direct` and `through` alternately, so machine load drifts into both alike; return both and differences."""
    for _ in range(20):
        direct(), through()  # warm connections, templates and caches
    a, b = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        direct()
        middle = time.perf_counter()
        through()
        a.append((middle - started) * 1000)
        b.append((time.perf_counter() - middle) * 1000)
    return a, b, [y - x for x, y in zip(a, b, strict=True)]


def report(label: str, direct: list[float], through: list[float], differences: list[float]) -> None:
    row(f"{label}: direct requests call", percentiles(direct))
    row(f"{label}: through try-it", percentiles(through))
    size = len(differences) // BLOCKS
    blocks = sorted(p50(differences[start : start + size]) for start in range(0, size * BLOCKS, size))
    spread = f"{p50(differences):.2f} ms (blocks {blocks[0]:.2f}-{blocks[-1]:.2f})"
    row(f"{label}: overhead (p50 of paired differences)", spread, "< 3 ms")


def view_call(path: str, data: dict):
    """Call the send view as the URL resolver would, with htmx detected, and render its partial."""
    from django.test import RequestFactory
    from django_htmx.middleware import HtmxDetails

    from endpoints.try_it import views

    factory = RequestFactory()
    body = urlencode(data)
    slug = path.removeprefix("/try-it/send/")

    def call():
        request = factory.post(path, body, content_type="application/x-www-form-urlencoded", HTTP_HX_REQUEST="true")
        request.htmx = HtmxDetails(request)
        request._dont_enforce_csrf_checks = True
        views.send(request, slug=slug).render()

    return call


def start_app(port: int, app_port: int) -> subprocess.Popen:
    """Serve the explorer with gunicorn (as `make run` does), pointed at the sandbox."""
    env = {**os.environ, "KUCOIN_UPSTREAM": f"http://127.0.0.1:{port}"}
    command = [sys.executable, "-m", "gunicorn", "explorer.wsgi", "--config", "python:explorer.gunicorn_conf"]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{app_port}"],  # as `make run` serves, access log included
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", app_port), timeout=0.1).close()
            return process
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def measure(port: int) -> None:
    import requests
    from django.conf import settings
    from django.test import Client

    from endpoints.kucoin import signing

    base = f"http://127.0.0.1:{port}"
    demo = settings.KUCOIN_SANDBOX_CREDENTIALS
    key = signing.ApiKey(demo["key"], demo["secret"], demo["passphrase"])
    credentials = {"api_key": demo["key"], "api_secret": demo["secret"], "api_passphrase": demo["passphrase"]}
    session = requests.Session()

    def direct_public():
        session.get(f"{base}/api/v1/market/orderbook/level1", params={"symbol": "BTC-USDT"})

    def direct_private():
        signed = signing.auth_headers(key, int(time.time() * 1000), "GET", "/api/v1/accounts?currency=USDT", "")
        session.get(f"{base}/api/v1/accounts", params={"currency": "USDT"}, headers=signed)

    public = ("/try-it/send/spot/market/get-ticker", {"p_symbol": "BTC-USDT"})
    private = ("/try-it/send/account/account/get-spot-account-list", {"p_currency": "USDT", **credentials})

    # In process: Django's full middleware stack through the test client (no HTTP hop to the app).
    app = Client()
    headers = {"HX-Request": "true"}
    form = "application/x-www-form-urlencoded"  # what htmx sends

    def in_process(path, data):
        return lambda: app.post(path, urlencode(data), content_type=form, headers=headers)

    load = os.getloadavg()[0]
    print(f"Try it against the sandbox at {base}; {ROUNDS} paired rounds each in {BLOCKS} blocks; load {load:.2f}")
    print("Our code only (the send view called directly: validate, sign, send, shape, render the partial)")
    report("public GET", *paired(direct_public, view_call(*public)))
    report("private GET", *paired(direct_private, view_call(*private)))
    print("In process (Django test client: full middleware stack -> view -> sandbox)")
    report("public GET", *paired(direct_public, in_process(*public)))
    report("private GET", *paired(direct_private, in_process(*private)))

    # End to end: a browser-like POST to the app served by gunicorn, which sends to the sandbox.
    app_port = free_port()
    server = start_app(port, app_port)
    try:
        browser = requests.Session()
        page = browser.get(f"http://127.0.0.1:{app_port}/reference/spot/market/get-ticker")
        token = {"X-CSRFToken": browser.cookies["csrftoken"], "HX-Request": "true"}

        def over_http(path, data):
            return lambda: browser.post(f"http://127.0.0.1:{app_port}{path}", data=data, headers=token)

        assert page.status_code == 200 and "code 200000" in over_http(*public)().text
        print("End to end (requests -> gunicorn as `make run` starts it -> view -> sandbox)")
        report("public GET", *paired(direct_public, over_http(*public)))
        report("private GET", *paired(direct_private, over_http(*private)))
        # The extra HTTP hop alone: the cheapest try-it URL (a redirect, one tiny query), no upstream call.
        hop = f"http://127.0.0.1:{app_port}/try-it/spot/market/get-ticker"
        floor = paired(lambda: None, lambda: browser.get(hop, allow_redirects=False))[1]
        row("floor: browser -> gunicorn -> Django -> browser", percentiles(floor))
    finally:
        server.terminate()
        server.wait(5)

    print(f"Sandbox throughput ({CLIENT_THREADS} keep-alive clients, {THROUGHPUT_SECONDS:g} s, separate process)")
    rate = throughput(port, "/api/v1/market/orderbook/level1?symbol=BTC-USDT")
    row("public GET answered per second", f"{rate:.0f} req/s", ">= 1000 req/s")


if __name__ == "__main__":
    main()
