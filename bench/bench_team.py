"""A team deployment under load: wrk with 64 connections for 30 s per page kind.

First against one app server (gunicorn as `make run` serves it), then against two
app servers behind nginx (deploy/nginx-explorer.conf), all on one PostgreSQL
(database `team_explorer_bench`) and Redis (db 10). Each kind is endpoint and channel
pages, search, exports, the notes page, and a minimal Django view on the same
servers as the baseline. Prints requests per second, p50 and p99 latency, and errors.
BENCH_SECONDS shortens the runs (default 30).
"""

from __future__ import annotations

import getpass
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import PROJECT_DIR, free_port, row, start_gunicorn, wrk_run

DATABASE = "team_explorer_bench"
REDIS_DB = 10
CONNECTIONS = 64
SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
GUNICORN = Path(sys.executable).with_name("gunicorn")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SEARCHES = ["orders", "hf/orders", "getTicker", "sub account", "funding rate", "withdraw", "margin borrow",
            "orders&domain=futures", "ticker&api_channel=public", "cancel&rate_limit_pool=Spot"]  # fmt: skip
EXPORTS = ["/openapi.json", "/openapi/services/spot.json", "/openapi/endpoints/spot/order/add-order.json",
           "/llms.txt", "/postman-environment.json"]  # fmt: skip


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "DJANGO_SETTINGS_MODULE": "bench.minimal_settings",
        "DJANGO_SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdef",
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_COLLECTED_STATIC": "0",
        "LOG_LEVEL": "WARNING",
    }


def prepare() -> None:
    """A fresh database with the catalogue and 300 notes, and an empty Redis database."""
    import psycopg
    import redis

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    redis.Redis(port=6379, db=REDIS_DB).flushdb()
    notes = (
        "from django.contrib.auth.models import User; from endpoints.models import Endpoint, Note; "
        "u = User.objects.create_user('bench'); es = list(Endpoint.objects.all()[:100]); "
        "Note.objects.bulk_create(Note(endpoint=es[i % 100], text=f'Note **{i}** with `code`.', author='bench', "
        "user=u) for i in range(300))"
    )
    for command in (["migrate", "-v0"], ["sync_kucoin", "-v0"], ["shell", "-c", notes]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT_DIR, env=env(), check=True)


def slugs() -> tuple[list[str], list[str]]:
    """Endpoint and channel page paths, read from the database the servers use."""
    code = (
        "from endpoints.models import Endpoint, Channel; "
        "print('\\n'.join(e.get_absolute_url() for e in Endpoint.objects.filter(retired_at=None))); print('--'); "
        "print('\\n'.join(c.get_absolute_url() for c in Channel.objects.all()))"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=PROJECT_DIR, env=env(),
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    endpoints, _, channels = out.partition("--\n")
    return endpoints.split(), channels.split()


def start_app_server(log: Path) -> tuple[subprocess.Popen, int]:
    """gunicorn with explorer/gunicorn_conf.py on a port the kernel picks; returns once it answers."""
    return start_gunicorn(log, env())


def start_nginx(where: Path, app_ports: list[int]) -> tuple[subprocess.Popen, int]:
    """nginx as this user on loopback with deploy/nginx-explorer.conf, in front of `app_ports`."""
    port = free_port()
    site = (PROJECT_DIR / "deploy" / "nginx-explorer.conf").read_text()
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in app_ports)
    site = re.sub(r"(?m)^    server 127\.0\.0\.1:80\d\d .*\n", "", site)
    site = site.replace("    keepalive", servers + "    keepalive")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (where / name).mkdir()
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    temp = "".join(f" {name}_temp_path {where / name};\n" for name in ("proxy", "fastcgi", "uwsgi", "scgi"))
    (where / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {where}/nginx.pid;\nerror_log {where}/error.log;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n access_log off;\n client_body_temp_path {where / 'body'};\n{temp}{site}\n}}\n"
    )
    process = subprocess.Popen([NGINX, "-c", str(where / "nginx.conf"), "-p", str(where), "-g", "daemon off;"])
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            return process, port
        except OSError:
            time.sleep(0.05)
    raise SystemExit("nginx did not start")


def wrk(port: int, paths: list[str], where: Path) -> dict[str, str]:
    return wrk_run(port, paths, where, connections=CONNECTIONS, seconds=SECONDS)


def kinds(endpoints: list[str], channels: list[str]) -> dict[str, list[str]]:
    sample = random.Random(7)
    return {
        "minimal Django view (baseline)": ["/bench/minimal"],
        "endpoint and channel pages": sample.sample(endpoints, 60) + sample.sample(channels, 10),
        "search": [f"/search?q={query.replace(' ', '+')}" for query in SEARCHES],
        "exports": EXPORTS,
        "notes page": ["/notes", "/notes?service=Spot", "/notes?author=bench", "/notes?page=2"],
    }


def measure(label: str, port: int, paths_by_kind: dict[str, list[str]], where: Path) -> None:
    print(f"  {label}: {CONNECTIONS} connections, {SECONDS} s each")
    for kind, paths in paths_by_kind.items():
        figures = wrk(port, paths, where)
        value = f"{float(figures['rps']):6.0f} req/s  p50 {figures['p50']:>8}  p99 {figures['p99']:>8}"
        row(f"  {kind}", f"{value}  errors {figures['errors']}", "0 errors")


def main() -> None:
    if not shutil.which("wrk") or not Path(NGINX).exists():
        raise SystemExit("bench_team needs wrk and nginx (Debian's wrk and nginx-light; `make test` installs them)")
    sys.path.insert(0, str(PROJECT_DIR))
    where = Path(tempfile.mkdtemp(prefix="kucoin-bench-team-"))
    prepare()
    paths_by_kind = kinds(*slugs())
    processes = []
    try:
        first, first_port = start_app_server(where / "app-1.log")
        processes.append(first)
        measure("one app server (gunicorn, 2 workers x 4 threads)", first_port, paths_by_kind, where)
        second, second_port = start_app_server(where / "app-2.log")
        processes.append(second)
        proxy, proxy_port = start_nginx(where, [first_port, second_port])
        processes.append(proxy)
        measure("two app servers behind nginx", proxy_port, paths_by_kind, where)
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
