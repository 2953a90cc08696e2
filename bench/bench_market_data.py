"""Market-data figures: rows per second written for a 30-day 1-minute range against the sandbox, by REST
pages and from the archive, and the peak Python memory for 10-, 30- and 60-day ranges (flat = streaming).
Prints; asserts nothing.

The sandbox runs as `manage.py kucoin_sandbox` in its own process; the job runs in this process.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import PROJECT_DIR, free_port, row, setup_django, use_scratch_sqlite


def start_sandbox(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "manage.py", "kucoin_sandbox", "--port", str(port), "--quiet", "--quota-scale", "1000"],
        cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, env=dict(os.environ),
    )  # fmt: skip
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the sandbox did not start")


def one_run(days: int, use_archive: bool) -> tuple[int, float]:
    from endpoints.market_data.job import job_claim, job_create, job_run, owner_name
    from endpoints.market_data.request import MarketDataRequest
    from endpoints.market_data.service import market_data_plan

    start = dt.date(2025, 1, 1)
    request = MarketDataRequest(
        "spot", "BTC-USDT", "klines", "1min", start, start + dt.timedelta(days=days), use_archive=use_archive
    )
    began = time.perf_counter()
    job = job_create(request=request, plan=market_data_plan(request=request))
    job_claim(job_id=job.pk, owner=owner_name())
    job = job_run(job_id=job.pk, owner=owner_name())
    assert job.status == "done", job.error
    return job.rows, time.perf_counter() - began


def main() -> None:
    use_scratch_sqlite()
    port = free_port()
    os.environ["KUCOIN_UPSTREAM"] = f"http://127.0.0.1:{port}"
    os.environ["MARKET_DATA_DIR"] = tempfile.mkdtemp(prefix="kucoin-bench-market-")
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("sync_kucoin", stdout=open(os.devnull, "w"))  # noqa: SIM115 - the sandbox reads the catalogue
    sandbox = start_sandbox(port)
    try:
        print(f"Market data against the sandbox (separate process); load {os.getloadavg()[0]:.2f}")
        for label, use_archive in (("REST pages (29 requests)", False), ("archive days (30 zips)", True)):
            rows, seconds = one_run(30, use_archive)
            row(f"30 days of 1min, {label}", f"{rows / seconds:,.0f} rows/s ({rows} rows, {seconds:.2f} s)")
        for days in (10, 30, 60):
            tracemalloc.start()
            one_run(days, False)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            row(f"peak Python memory, {days} days of 1min by REST", f"{peak / 1e6:.1f} MB", "flat")
    finally:
        sandbox.terminate()
        sandbox.wait(5)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
