"""Helpers the benchmark scripts share: a throwaway database, percentile maths, ports and the sandbox."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
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


def start_sandbox(port: int, *extra: str, quota_scale: int = 100000) -> subprocess.Popen:
    """Start `kucoin_sandbox` on `port` (quiet, quotas scaled up) and return once it says it is listening."""
    command = [sys.executable, "manage.py", "kucoin_sandbox", "--port", str(port), "--quiet"]
    command += ["--quota-scale", str(quota_scale), *extra]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        if line.startswith("Press Ctrl-C"):
            return process
    raise SystemExit("the sandbox did not start")
