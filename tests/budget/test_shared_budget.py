"""Two app servers sharing PostgreSQL and Redis keep one KuCoin budget: what one spends, the other sees."""

import re

import pytest

pytestmark = pytest.mark.real_client

TICKER_SEND = "/try-it/send/spot/market/get-ticker"
HTMX = {"HX-Request": "true", "HX-Target": "try-it-result"}


def _send(client, server, *, status=200):
    response = client.post(server.url + TICKER_SEND, data={"p_symbol": "BTC-USDT"}, headers=HTMX, timeout=20)
    assert response.status_code == status, response.text[:500]
    return response


def _public_remaining(client, server) -> int:
    page = client.get(server.url + "/budget", timeout=10).text
    row = page[page.index('<tr data-pool="Public">') :].split("</tr>")[0]
    return int(re.search(r"<td>(\d+)</td>", row).group(1))


@pytest.fixture
def small_public_pool(sandbox):
    """The sandbox's Public pool cut to 10 per window, fresh, and put back afterwards."""
    original = sandbox.limiter.quotas["Public"]
    sandbox.limiter.set_quota("Public", 10)
    sandbox.reset_rate_limits()
    yield 10
    sandbox.limiter.set_quota("Public", original)
    sandbox.reset_rate_limits()


def test_weight_spent_through_one_server_is_seen_by_the_other(db, team_deployment, small_public_pool, sandbox):
    """A sends, B's budget page shows the pool's new figure; B then refuses the call that would run it dry."""
    first, second = team_deployment.servers
    a, b = team_deployment.session(first), team_deployment.session(second)
    assert "200 OK" in _send(a, first).text
    weight = small_public_pool - _public_remaining(b, second)
    assert weight > 0, "B sees what A spent, as KuCoin's headers reported it"
    sent = 1
    while _public_remaining(a, first) >= weight:
        assert "200 OK" in _send(b if sent % 2 else a, second if sent % 2 else first).text
        sent += 1
    refused = _send(b, second, status=429)
    assert "Not sent" in refused.text and re.search(r"Wait \d+ s and send again", refused.text)
    assert 0 < int(refused.headers["Retry-After"]) <= 30
    assert sandbox.limiter.spend("Public", "ip:127.0.0.1", 0, 0).remaining == small_public_pool - sent * weight
