"""Helpers the benchmark scripts share: a throwaway database and percentile maths."""

from __future__ import annotations

import os
import statistics
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
