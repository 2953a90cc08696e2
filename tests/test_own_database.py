"""The test run never touches the developer's own database, whichever files are run."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ALONE = "tests/sandbox/answers/test_futures_orders.py"


def test_a_sandbox_file_run_alone_leaves_the_configured_database_alone(tmp_path):
    """Its tests reach the database only through the session's sandbox, which syncs the catalogue."""
    own = tmp_path / "developer.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{own}"}
    env.pop("TEST_DATABASE_NAME", None)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", ALONE]
    run = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-2000:]
    assert not own.exists()
