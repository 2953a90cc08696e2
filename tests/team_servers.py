"""A team deployment on loopback: app servers under gunicorn sharing PostgreSQL and Redis, upstream the sandbox.

The database (`team_explorer`) and the Redis database (9) are this suite's own, so
parallel runs of other suites on the same services never see them.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.conftest import PROJECT_DIR
from tests.services import reachable

# Each pytest-xdist worker that reaches these tests gets a deployment of its own (gw0, gw1, ...).
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
DATABASE = f"team_explorer_{WORKER}"
REDIS_DB = 9 - WORKER  # 15 is the suite's own cache (REDIS_URL in the Makefile)
GUNICORN = Path(sys.executable).with_name("gunicorn")
MEMBER, MEMBER_PASSWORD = "mia", "a-long-password-1"
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


@dataclass
class AppServer:
    process: subprocess.Popen
    url: str
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)


@dataclass
class TeamDeployment:
    env: dict[str, str]
    servers: list[AppServer] = field(default_factory=list)

    def session(self, server: AppServer | str) -> requests.Session:
        """A browser-like client of one server (or the proxy): it has fetched a page, so it holds a CSRF cookie."""
        url = server if isinstance(server, str) else server.url
        client = requests.Session()
        client.get(url + "/", timeout=10).raise_for_status()
        client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
        return client

    def restart(self, index: int) -> AppServer:
        """Start a stopped app server again (on a new port)."""
        old = self.servers[index]
        old.stop()
        self.servers[index] = start_app_server(self.env, old.log.with_suffix(".restarted.log"))
        return self.servers[index]


def _fresh_database(url_base: str) -> None:
    import psycopg

    with psycopg.connect(f"{url_base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def _flush_redis() -> None:
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


def team_env(sandbox_url: str) -> dict[str, str]:
    """What a team's app servers are started with (the README's "Deploy for a team")."""
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "KUCOIN_UPSTREAM": sandbox_url,
        "DJANGO_SECRET_KEY": "team-test-secret-key-not-for-production-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_FORMAT": "json",
        "DJANGO_BEHIND_PROXY": "1",
        "PYTHONUNBUFFERED": "1",
    }


def start_app_server(env: dict[str, str], log: Path) -> AppServer:
    """One gunicorn on a free loopback port (port 0), returned once it answers /health."""
    handle = log.open("w")
    process = subprocess.Popen(
        [str(GUNICORN), "explorer.wsgi", "--config", "python:explorer.gunicorn_conf", "--bind", "127.0.0.1:0",
         "--workers", "1", "--threads", "4"],
        cwd=PROJECT_DIR, env=env, stdout=handle, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = LISTENING.search(log.read_text())
        if found:
            url = f"http://127.0.0.1:{found.group(1)}"
            if _answers(url):
                return AppServer(process, url, log)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/health", timeout=2).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture(scope="session")
def team_deployment(sandbox, tmp_path_factory):
    """Two app servers sharing PostgreSQL and Redis, each sending try-it calls to the sandbox."""
    if not (reachable("postgres") and reachable("redis")):
        pytest.skip("PostgreSQL or Redis is not reachable on 127.0.0.1: the team-deployment tests did NOT run")
    _fresh_database("postgres://postgres@127.0.0.1:5432")
    _flush_redis()
    env = team_env(sandbox.url)
    member = ["createsuperuser", "--noinput", "--username", MEMBER, "--email", "mia@example.com"]
    for command in (["migrate", "--noinput", "-v0"], ["sync_kucoin", "-v0"], member):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT_DIR, check=True, timeout=300,
                       env={**env, "DJANGO_SUPERUSER_PASSWORD": MEMBER_PASSWORD})  # fmt: skip
    logs = tmp_path_factory.mktemp("team-servers")
    deployment = TeamDeployment(env)
    try:
        deployment.servers = [start_app_server(env, logs / f"app-{n}.log") for n in (1, 2)]
        yield deployment
    finally:
        for server in deployment.servers:
            server.stop()
