"""At send time a try-it request goes to the configured base URL's scheme, host and port, or nowhere."""

import socket
import threading

import pytest

from endpoints.models import Endpoint
from endpoints.try_it.destination import destination_problem


@pytest.mark.parametrize(
    "url",
    [
        "https://api.kucoin.com@evil.example/api/v1/x",
        "https://api.kucoin.com:443@evil.example/api/v1/x",
        "https://evil.example/api/v1/x",
        "http://api.kucoin.com/api/v1/x",
        "https://api.kucoin.com:8443/api/v1/x",
        "https://api.kucoin.com.evil.example/api/v1/x",
        "https://api.kucoin.com:x/api/v1/x",
    ],
)
def test_another_scheme_host_port_or_userinfo_is_refused(url):
    assert destination_problem(url, "https://api.kucoin.com") != ""


def test_the_base_urls_own_origin_and_path_pass():
    assert destination_problem("https://api.kucoin.com/api/v1/x?a=1", "https://api.kucoin.com") == ""
    assert destination_problem("https://API.kucoin.com:443/api/v1/x", "https://api.kucoin.com/") == ""
    assert destination_problem("http://127.0.0.1:9/spot/api/v1/x", "http://127.0.0.1:9/spot") == ""
    assert destination_problem("http://127.0.0.1:9/futures/api/v1/x", "http://127.0.0.1:9/spot") != ""


class Listener:
    """A loopback TCP server that only counts the connections it gets (and what arrived on them)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(1)
                try:
                    self.received.append(connection.recv(65536))
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                except OSError:
                    self.received.append(b"")

    def close(self):
        self.socket.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.mark.parametrize("base_path", ["", "/spot"])
def test_a_path_starting_with_at_never_sends_the_credentials_elsewhere(
    client, catalogue, upstream, demo_credentials, listener, settings, base_path
):
    """A catalogue row whose path reads `@127.0.0.1:PORT/...` is not sent: the other listener gets nothing."""
    root = upstream.domain_url("spot").removesuffix("/spot")
    settings.KUCOIN_BASE_URLS = {**settings.KUCOIN_BASE_URLS, "spot": root + base_path}
    endpoint = Endpoint.objects.get(slug="account/account/get-spot-account-list")
    endpoint.path = f"@127.0.0.1:{listener.port}/api/v1/accounts"
    endpoint.save()
    response = client.post(f"/try-it/send/{endpoint.slug}", demo_credentials, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not sent: its" in html and "Nothing left this server" in html
    assert listener.received == []
