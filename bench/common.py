"""Helpers the benchmark scripts share: a throwaway database, percentile maths, ports, the sandbox, gunicorn and wrk."""

from __future__ import annotations

import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def use_scratch_sqlite() -> Path:
    """Point Django at a fresh SQLite file so a benchmark never touches db.sqlite3."""
    path = Path(tempfile.mkdtemp(prefix="kucoin-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.pop("CACHE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explorer.settings")
    sys.path.insert(0, str(PROJECT_DIR))
    return path


def setup_django() -> None:
    import django

    django.setup()


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, n={len(ordered)}"


def keep_alive_rate(port: int, one_round, *, clients: int, seconds: float) -> float:
    """Requests per second over `clients` keep-alive connections, each running `one_round` (n requests) until time."""
    counts = [0] * clients
    deadline = time.perf_counter() + seconds

    def client(slot: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        while time.perf_counter() < deadline:
            counts[slot] += one_round(connection, slot)
        connection.close()

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


def row(name: str, value: str, target: str = "") -> None:
    print(f"  {name:<48} {value:<36} {('target ' + target) if target else ''}")


def free_port() -> int:
    """A port nothing listens on now, on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(*args: str) -> None:
    """Run one manage.py command in the project, quietly, failing loudly if it fails."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, check=True, capture_output=True)


def sync_catalogue() -> None:
    """Migrate the scratch database and sync the catalogue from the installed SDK."""
    manage("migrate", "--noinput")
    manage("sync_kucoin")


def sync_catalogue_with_spec() -> None:
    """Migrate the scratch database and sync the catalogue, with KuCoin's spec files if they are beside us."""
    manage("migrate", "--noinput")
    spec = PROJECT_DIR.parent / "shared" / "kucoin-spec"
    manage("sync_kucoin", *(["--spec", str(spec)] if spec.is_dir() else []))


def measure_against_sandbox(measure, **environment: str) -> None:
    """A scratch catalogue, the sandbox on a free port as the app's upstream, then `measure(port)` in process."""
    use_scratch_sqlite()
    sync_catalogue()
    port = free_port()
    os.environ["KUCOIN_UPSTREAM"] = f"http://127.0.0.1:{port}"
    os.environ.update(environment)
    sandbox = start_sandbox(port)
    try:
        setup_django()
        measure(port)
    finally:
        sandbox.terminate()
        sandbox.wait(5)


def start_sandbox(port: int, *extra: str, quota_scale: int = 100000) -> subprocess.Popen:
    """Start `kucoin_sandbox` on `port` (quiet, quotas scaled up) and return once it says it is listening."""
    command = [sys.executable, "manage.py", "kucoin_sandbox", "--port", str(port), "--quiet"]
    command += ["--quota-scale", str(quota_scale), *extra]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        if line.startswith("Press Ctrl-C"):
            return process
    raise SystemExit("the sandbox did not start")


GUNICORN = Path(sys.executable).with_name("gunicorn")


def start_gunicorn(log: Path, environment: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """gunicorn exactly as `make run` starts it (explorer/gunicorn_conf.py) on a port the kernel picks.

    Returns once /health answers. The access log goes to /dev/null, as a deployment's would go to a file.
    """
    handle = log.open("w")
    process = subprocess.Popen([str(GUNICORN), "explorer.wsgi", "--config", "python:explorer.gunicorn_conf",
                                "--bind", "127.0.0.1:0", "--access-logfile", "/dev/null"],
                               cwd=PROJECT_DIR, env=environment, stdout=handle, stderr=subprocess.STDOUT)  # fmt: skip
    for _ in range(300):
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text())
        if found:
            port = int(found.group(1))
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                return process, port
            except OSError:
                pass
        time.sleep(0.1)
    raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-2000:]}")


def wrk_run(
    port: int,
    paths: list[str],
    where: Path,
    *,
    connections: int,
    seconds: int,
    gzip: bool = False,
    cookie: str = "",
    warm: int = 1,
) -> dict[str, str]:
    """One wrk run over `paths` (a random one per request); its requests/s, p50, p99 and errors.

    `gzip` sends Accept-Encoding: gzip, as every browser does; `cookie`, if given, is sent as
    the Cookie header on every request; `warm` fetches each path that many times first (each
    worker process has its own in-process cache).
    """
    for path in paths * warm:  # build every cached export, fragment and page before timing
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
    script = where / f"paths-{random.random():.6f}.lua"
    listed = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    sent = ([("Accept-Encoding", "gzip")] if gzip else []) + ([("Cookie", cookie)] if cookie else [])
    headers = "{" + ", ".join(f'["{name}"] = "{value}"' for name, value in sent) + "}" if sent else "nil"
    lua = "request = function() return wrk.format('GET', paths[math.random(#paths)], headers) end\n"
    script.write_text(f"local paths = {{{listed}}}\nlocal headers = {headers}\n{lua}")
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
                          "-s", str(script), f"http://127.0.0.1:{port}"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return {
        "rps": re.search(r"Requests/sec:\s+([\d.]+)", out).group(1),
        "p50": re.search(r"\s50%\s+(\S+)", out).group(1),
        "p99": re.search(r"\s99%\s+(\S+)", out).group(1),
        "errors": str(_wrk_errors(out)),
    }


def _wrk_errors(out: str) -> int:
    found = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(n) for n in found.groups()) if found else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return socket_errors + (int(non_2xx.group(1)) if non_2xx else 0)
