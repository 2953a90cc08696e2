"""A team deployment as the README describes it: Debian's nginx in front of two app servers on PostgreSQL and Redis.

nginx runs as the test user on loopback, with its own config, pid, log and temp paths,
and uses deploy/nginx-explorer.conf, the file the README points to, with the two
app servers' ports put in.
"""

import getpass
import json
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import PROJECT_DIR
from tests.team_servers import MEMBER, MEMBER_PASSWORD, team_deployment  # noqa: F401 - the fixture

pytestmark = pytest.mark.real_client
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_CONFIG = PROJECT_DIR / "deploy" / "nginx-explorer.conf"
ADD_ORDER = "/reference/spot/order/add-order"


def _free_port() -> int:
    # nginx cannot report a port it chose itself; take one the kernel just handed out.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _nginx_config(where: Path, port: int, app_urls: list[str]) -> Path:
    site = SITE_CONFIG.read_text()
    servers = "".join(f"    server {url.removeprefix('http://')} max_fails=1 fail_timeout=10s;\n" for url in app_urls)
    site = re.sub(r"(?m)^    server 127\.0\.0\.1:80\d\d .*\n", "", site)
    site = site.replace("    keepalive", servers + "    keepalive")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    temp = {name: where / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir()
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""  # workers run as the test user too
    config = where / "nginx.conf"
    config.write_text(
        f"{user}worker_processes 1;\npid {where}/nginx.pid;\nerror_log {where}/error.log;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n access_log {where}/access.log;\n client_body_temp_path {temp['body']};\n"
        f" proxy_temp_path {temp['proxy']};\n fastcgi_temp_path {temp['fastcgi']};\n"
        f" uwsgi_temp_path {temp['uwsgi']};\n scgi_temp_path {temp['scgi']};\n{site}\n}}\n"
    )
    return config


@pytest.fixture
def proxy(team_deployment, tmp_path):  # noqa: F811 - the fixture imported above
    """nginx on a loopback port in front of both app servers; stopped (and the app servers whole) afterwards."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx-light")
    port = _free_port()
    config = _nginx_config(tmp_path, port, [server.url for server in team_deployment.servers])
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(tmp_path), "-g", "daemon off;"],
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(url + "/health", timeout=1)
            break
        except requests.ConnectionError:
            assert process.poll() is None, process.stderr.read()
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)
    for index, server in enumerate(team_deployment.servers):
        if server.process.poll() is not None:
            team_deployment.restart(index)


def _sign_in(client: requests.Session, url: str) -> None:
    response = client.post(url + "/accounts/login/", data={"username": MEMBER, "password": MEMBER_PASSWORD,
                           "next": "/notes"}, timeout=10)  # fmt: skip
    assert response.url.endswith("/notes"), response.text[:300]
    client.headers["X-CSRFToken"] = client.cookies["csrftoken"]


def test_pages_try_it_notes_and_budget_through_the_proxy(db, team_deployment, proxy):  # noqa: F811
    """Through nginx: a page, a try-it send, a note written by a member, and the team budget page."""
    client = team_deployment.session(proxy)
    page = client.get(proxy + ADD_ORDER, timeout=10)
    assert page.status_code == 200 and '<h1 id="doc-title">Add Order</h1>' in page.text
    sent = client.post(proxy + "/try-it/send/spot/market/get-ticker", data={"p_symbol": "BTC-USDT"},
                       headers={"HX-Request": "true"}, timeout=20)  # fmt: skip
    assert "200 OK" in sent.text
    _sign_in(client, proxy)
    action = re.search(r'action="(/notes/endpoint/\d+/new)"', client.get(proxy + ADD_ORDER, timeout=10).text)
    note = client.post(proxy + action.group(1), data={"text": "Written **through nginx**."}, timeout=10)
    assert "Written <strong>through nginx</strong>." in note.text
    assert "Written <strong>through nginx</strong>." in client.get(proxy + "/notes", timeout=10).text
    budget = client.get(proxy + "/budget", timeout=10).text
    assert re.search(r'<tr data-pool="Public"><th scope="row">Public</th><td>\d+</td>', budget)


class FromAddress(requests.adapters.HTTPAdapter):
    """Connects from one loopback address (any of 127.0.0.0/8 works on Linux), so nginx sees another client."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **{**kwargs, "source_address": (self.address, 0)})


def _session_from(address: str, url: str) -> requests.Session:
    client = requests.Session()
    client.mount("http://", FromAddress(address))
    client.get(url + "/", timeout=10).raise_for_status()
    client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
    return client


def test_a_guesser_through_the_proxy_locks_out_only_their_own_address(db, team_deployment, proxy, settings):  # noqa: F811
    """Every request reaches the app servers from nginx; the sign-in lockout still counts each client's address."""
    guesser, member = _session_from("127.0.0.2", proxy), _session_from("127.0.0.3", proxy)
    wrong = {"username": MEMBER, "password": "a-guess", "next": "/notes"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert guesser.post(proxy + "/accounts/login/", data=wrong, timeout=10).status_code == 200
    assert guesser.post(proxy + "/accounts/login/", data=wrong, timeout=10).status_code == 429
    right = {**wrong, "password": MEMBER_PASSWORD}
    assert guesser.post(proxy + "/accounts/login/", data=right, timeout=10).status_code == 429
    _sign_in(member, proxy)


def test_pages_keep_answering_when_one_app_server_stops(db, team_deployment, proxy):  # noqa: F811
    """With one app server gone, every page request through nginx still answers 200."""
    team_deployment.servers[1].stop()
    statuses = [requests.get(proxy + path, timeout=10).status_code
                for path in [ADD_ORDER, "/", "/notes", "/changes", "/search?q=orders"] * 4]  # fmt: skip
    assert statuses == [200] * 20


def test_app_logs_are_json_with_the_proxys_request_id(db, team_deployment, proxy, sandbox):  # noqa: F811
    """Every line an app server writes is JSON; a request's line carries nginx's request id; no secret is written."""
    client = team_deployment.session(proxy)
    answer = client.post(proxy + "/try-it/send/account/account/get-spot-account-list",
                         data={"p_currency": "USDT", "p_type": "main", "api_key": sandbox.key,
                               "api_secret": sandbox.secret, "api_passphrase": sandbox.passphrase,
                               "api_key_version": "3"}, headers={"HX-Request": "true"}, timeout=20)  # fmt: skip
    assert "200 OK" in answer.text
    request_id = answer.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    time.sleep(0.3)
    text = "".join(server.log.read_text() for server in team_deployment.servers)
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    mine = [line for line in lines if line.get("request_id") == request_id]
    assert mine and "path=/try-it/send/account/account/get-spot-account-list status=200" in mine[0]["message"]
    for canary in (sandbox.secret, sandbox.passphrase):
        assert canary not in text
