"""Try-it spends the team budget: a call that would run the pool dry is refused before it is sent."""

from endpoints.budget.calls import endpoint_upstream
from endpoints.budget.ledger import budget_correct, budget_read
from endpoints.models import Endpoint

TICKER = "/try-it/send/spot/market/get-ticker"


def _ticker():
    return Endpoint.objects.get(slug="spot/market/get-ticker")


def test_a_sent_call_is_counted_from_kucoins_headers(client, catalogue, upstream):
    """After a send the budget holds what the sandbox's gw-ratelimit-* headers said, and the panel shows it."""
    response = client.post(TICKER, {"p_symbol": "BTC-USDT"}, headers={"HX-Request": "true"})
    budget = budget_read(upstream=endpoint_upstream(_ticker()), pool="Public")
    assert (budget.limit, budget.remaining) == (2000, 2000 - _ticker().rate_limit_weight)
    html = response.content.decode()
    assert 'id="team-budget" hx-swap-oob="true"' in html
    assert f'<strong data-remaining="{budget.remaining}">{budget.remaining}</strong> of 2000 left' in html


def test_a_call_that_would_run_the_pool_dry_is_not_sent(client, catalogue, upstream):
    """With less left than the call weighs, the answer says to wait, and the sandbox never sees the call."""
    ticker = _ticker()
    left = ticker.rate_limit_weight - 1
    budget_correct(upstream=endpoint_upstream(ticker), pool="Public", limit=2000, remaining=left, reset_ms=9000)
    before = upstream.limiter.spend("Public", "ip:127.0.0.1", 0, 0).remaining
    response = client.post(TICKER, {"p_symbol": "BTC-USDT"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (429, "9")
    assert "Not sent" in html and "Wait 9 s and send again." in html
    assert "200 OK" not in html
    assert upstream.limiter.spend("Public", "ip:127.0.0.1", 0, 0).remaining == before


def test_the_budget_page_lists_every_pool(client, catalogue, upstream):
    """/budget shows each configured upstream with each pool's remaining weight."""
    budget_correct(upstream=endpoint_upstream(_ticker()), pool="Public", limit=2000, remaining=1234, reset_ms=9000)
    html = client.get("/budget").content.decode()
    assert endpoint_upstream(_ticker()) in html
    row = html[html.index('<tr data-pool="Public">') :].split("</tr>")[0]
    assert "<td>1234</td><td>2000</td>" in row and "resets in 9 s" in row
