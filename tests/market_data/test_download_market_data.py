"""The command in real processes: a run killed mid-way and run again gives the same file as one run."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import CANDLES

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parents[2]
ARGS = ["--symbol", "BTC-USDT", "--interval", "1min", "--from", "2025-03-01", "--to", "2025-03-08", "--no-archive"]


def command(env: dict, *args: str) -> list[str]:
    return [sys.executable, str(PROJECT / "manage.py"), *args]


@pytest.fixture
def process_env(market_sandbox, tmp_path):
    """A database file and a data folder of their own, and the sandbox as the upstream."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
        MARKET_DATA_DIR=str(tmp_path / "data"),
        KUCOIN_UPSTREAM=market_sandbox.url,
        CACHE_URL="",
    )
    subprocess.run(command(env, "migrate", "-v0"), env=env, check=True, cwd=PROJECT, timeout=120)
    return env


def chunk_files(env: dict) -> list[Path]:
    return list(Path(env["MARKET_DATA_DIR"]).glob("*/chunks/*.csv"))


def test_a_killed_job_resumes_to_the_same_file_without_refetching(market_sandbox, process_env, tmp_path):
    """Killed after some pages, the same command resumes, fetches only the missing pages, same bytes."""
    env = process_env
    reference, resumed = tmp_path / "reference.csv", tmp_path / "resumed.csv"
    subprocess.run(command(env, "download_market_data", *ARGS, "-o", str(reference)), env=env, check=True, timeout=120)
    market_sandbox.lines.clear()
    with market_sandbox.server.fault(delay_ms=400):
        running = subprocess.Popen(command(env, "download_market_data", *ARGS, "-o", str(resumed)), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 60
        while len(chunk_files(env)) < 3 and time.monotonic() < deadline and running.poll() is None:
            time.sleep(0.05)
        running.kill()
        running.wait(10)
        market_sandbox.server.reset_rate_limits()  # waits for the answer the killed run left in flight
    kept = len(chunk_files(env))
    assert 3 <= kept < 7 and not resumed.exists()
    market_sandbox.lines.clear()
    done = subprocess.run(command(env, "download_market_data", *ARGS, "-o", str(resumed)), env=env, check=True,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert "Wrote" in done.stdout
    assert len(market_sandbox.requests_to(CANDLES)) == 7 - kept
    assert resumed.read_bytes() == reference.read_bytes()
