"""The MCP server as an agent meets it: `manage.py mcp` in its own process, over stdio or HTTP."""

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from endpoints.models import Endpoint
from endpoints.sync import catalogue_sync

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
START_TIMEOUT = 30


def _database_url(tmp_path_factory) -> str:
    """A URL another process can open holding the test catalogue: a copy on SQLite, the test database itself else."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path_factory.mktemp("mcp") / "catalogue.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"postgres://{settings_dict['USER']}{password}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture(scope="session")
def mcp_env(django_db_setup, django_db_blocker, sdk_catalogue, tmp_path_factory) -> dict[str, str]:
    """The environment `manage.py mcp` runs in: the test catalogue, an in-process cache of its own."""
    with django_db_blocker.unblock():
        if not Endpoint.objects.exists():  # a transactional test before us may have emptied the tables
            catalogue_sync(sdk_catalogue)
        url = _database_url(tmp_path_factory)
    return {**os.environ, "DATABASE_URL": url, "CACHE_URL": "", "EXPLORER_SITE_URL": "http://explorer.test"}


@pytest.fixture(scope="session")
def mcp_http_url(mcp_env):
    """`manage.py mcp --http --port 0` running; its URL as it printed it."""
    command = [sys.executable, "manage.py", "mcp", "--http", "--port", "0"]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=mcp_env, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(START_TIMEOUT, process.kill)  # a server that never says its URL fails, not hangs
    watchdog.start()
    first_line = process.stdout.readline()
    watchdog.cancel()
    if "http://" not in first_line:
        process.kill()
        pytest.fail(f"manage.py mcp --http did not start: {first_line!r}")
    yield first_line.split(" at ", 1)[1].strip()
    process.terminate()
    process.wait(10)
