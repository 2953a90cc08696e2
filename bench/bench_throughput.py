"""Throughput of the pages as `make run` serves them: wrk, 64 connections, against its gunicorn.

One app server with explorer/gunicorn_conf.py (2 workers x 4 threads), a scratch SQLite
file and the in-process cache, as a plain `make run` has. Each kind runs BENCH_REPEATS
times (default 3) for BENCH_SECONDS (default 10), and the range is printed, since the
host is shared: a minimal Django view through the same middleware (the baseline), Add
Order, Get Ticker, a channel page, 70 endpoint and channel pages, one search and ten.
The page figure the issue asks for is its requests/s over the minimal view's, taken
within one round (every kind once, the minimal view first), because the host's load
drifts from one minute to the next.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from common import PROJECT_DIR, row, start_gunicorn, wrk_run

CONNECTIONS = 64
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
SEARCHES = ["orders", "hf/orders", "getTicker", "sub account", "funding rate", "withdraw", "margin borrow",
            "orders&domain=futures", "ticker&api_channel=public", "cancel&rate_limit_pool=Spot"]  # fmt: skip


def environment(database: Path) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "bench.minimal_settings"}
    env.pop("CACHE_URL", None)  # make run's in-process cache
    return {**env, "DJANGO_COLLECTED_STATIC": "0", "LOG_LEVEL": "WARNING"}


def prepare(env: dict[str, str]) -> tuple[list[str], list[str]]:
    """Migrate and sync the scratch database; return the endpoint and channel page paths."""
    for command in (["migrate", "-v0"], ["sync_kucoin", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT_DIR, env=env, check=True,
                       capture_output=True)  # fmt: skip
    code = (
        "from endpoints.models import Endpoint, Channel; "
        "print('\\n'.join(e.get_absolute_url() for e in Endpoint.objects.filter(retired_at=None))); print('--'); "
        "print('\\n'.join(c.get_absolute_url() for c in Channel.objects.all()))"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=PROJECT_DIR, env=env,
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    endpoints, _, channels = out.partition("--\n")
    return endpoints.split(), channels.split()


# A reader's second page carries the csrftoken cookie the first set (a well-formed secret): no new secret is made.
RETURNING_READER = "csrftoken=" + "r" * 32


def kinds(endpoints: list[str], channels: list[str]) -> dict[str, tuple[list[str], bool, str]]:
    """Each kind's paths, whether wrk asks for gzip as browsers do (the minimal view's 2 bytes never are),
    and the cookie it sends (none: every request is a reader's first)."""
    sample = random.Random(7)
    ticker = next(path for path in channels if path.endswith("/ticker"))
    return {
        "minimal Django view (baseline)": (["/bench/minimal"], True, ""),
        "Add Order (spot), gzip": (["/reference/spot/order/add-order"], True, ""),
        "Add Order, gzip, a returning reader's cookie": (["/reference/spot/order/add-order"], True, RETURNING_READER),
        "Add Order (spot), no Accept-Encoding": (["/reference/spot/order/add-order"], False, ""),
        "Get Ticker (spot), gzip": (["/reference/spot/market/get-ticker"], True, ""),
        "channel page (spot ticker), gzip": ([ticker], True, ""),
        "70 endpoint and channel pages, gzip": (sample.sample(endpoints, 60) + sample.sample(channels, 10), True, ""),
        "search (one query), gzip": (["/search?q=orders"], True, ""),
        "search (10 queries and filters), gzip": ([f"/search?q={q.replace(' ', '+')}" for q in SEARCHES], True, ""),
    }


def _ms(text: str) -> float:
    for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * scale
    return float(text)


def measure(port: int, paths_by_kind: dict[str, tuple[list[str], bool, str]], where: Path) -> None:
    """Each round runs every kind once, the minimal view first, so each ratio compares runs minutes apart at most."""
    runs: dict[str, list[dict[str, str]]] = {kind: [] for kind in paths_by_kind}
    for _ in range(REPEATS):
        for kind, (paths, gzip, cookie) in paths_by_kind.items():
            runs[kind].append(wrk_run(port, paths, where, connections=CONNECTIONS, seconds=SECONDS, gzip=gzip,
                                      cookie=cookie, warm=4))  # fmt: skip
    baseline = [float(run["rps"]) for run in next(iter(runs.values()))]
    for kind, kind_runs in runs.items():
        rps = [float(run["rps"]) for run in kind_runs]
        ratios = [mine / minimal for mine, minimal in zip(rps, baseline, strict=True)]
        p50 = [_ms(run["p50"]) for run in kind_runs]
        p99 = [_ms(run["p99"]) for run in kind_runs]
        share = f"{min(ratios):.2f}-{max(ratios):.2f} of the minimal view in the same round"
        latency = f"p50 {min(p50):.0f}-{max(p50):.0f} ms, p99 {min(p99):.0f}-{max(p99):.0f} ms"
        value = f"{min(rps):,.0f}-{max(rps):,.0f} req/s ({share}), {latency}"
        errors = sum(int(run["errors"]) for run in kind_runs)
        row(kind, f"{value}, errors {errors}", "page >= 0.5 of minimal, p99 < 50 ms")


def main() -> None:
    where = Path(tempfile.mkdtemp(prefix="kucoin-bench-throughput-"))
    env = environment(where / "bench.sqlite3")
    paths_by_kind = kinds(*prepare(env))
    with open("/proc/loadavg") as load:
        print(f"  load average at start: {' '.join(load.read().split()[:3])}")
    process, port = start_gunicorn(where / "gunicorn.log", env)
    try:
        print(f"  {CONNECTIONS} connections, {SECONDS} s a run, {REPEATS} runs a kind (ranges over the runs)")
        measure(port, paths_by_kind, where)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
    with open("/proc/loadavg") as load:
        print(f"  load average at the end: {' '.join(load.read().split()[:3])}")


if __name__ == "__main__":
    main()
