"""Catalogue figures: full sync into an empty SQLite file, unchanged re-sync, home page render."""

import subprocess
import sys
import time

from common import PROJECT_DIR, percentiles, row, setup_django, use_scratch_sqlite


def timed_command(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    use_scratch_sqlite()
    print("Catalogue (SQLite, fresh file)")
    timed_command("migrate", "--noinput")
    row("full sync from the SDK (whole command)", f"{timed_command('sync_kucoin'):.2f} s", "< 15 s")
    row("unchanged re-sync (whole command)", f"{timed_command('sync_kucoin'):.2f} s", "< 5 s")

    setup_django()
    from django.test import Client

    client = Client()
    client.get("/")  # warm the template cache
    samples = []
    for _ in range(50):
        started = time.perf_counter()
        response = client.get("/")
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    row("home page render (in-process)", percentiles(samples), "< 50 ms")


if __name__ == "__main__":
    main()
