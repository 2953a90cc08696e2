"""Downloads spend the team's KuCoin budget, the ledger a try-it send spends, against the real sandbox."""

import datetime as dt

import pytest

from endpoints.budget.ledger import budget_correct, budget_read
from endpoints.market_data.client import symbol_list
from endpoints.market_data.job import job_claim, job_create, job_run, owner_name
from endpoints.market_data.models import MarketDataJob
from endpoints.market_data.request import MarketDataRequest
from endpoints.market_data.service import market_data_plan
from endpoints.sandbox import ratelimit

from .conftest import CANDLES

pytestmark = pytest.mark.django_db
KLINES_SEND = "/try-it/send/spot/market/get-klines"
TWO_DAYS = MarketDataRequest(
    "spot", "BTC-USDT", "klines", "1min", dt.date(2025, 3, 1), dt.date(2025, 3, 3), use_archive=False
)


def _run(plan: dict) -> MarketDataJob:
    job = job_create(request=TWO_DAYS, plan=plan)
    assert job_claim(job_id=job.pk, owner=owner_name())
    return job_run(job_id=job.pk, owner=owner_name())


def _send_klines(client) -> str:
    return client.post(KLINES_SEND, {"p_symbol": "BTC-USDT", "p_type": "1hour"}).content.decode()


def _sandbox_public_left(sandbox) -> int:
    return sandbox.server.limiter.spend("Public", "ip:127.0.0.1", 0, 0).remaining


def test_a_download_spends_weight_the_budget_page_shows(client, market_sandbox):
    """A try-it send and a download count into one ledger, which then says what the sandbox counted."""
    assert "200 OK" in _send_klines(client)
    plan = market_data_plan(request=TWO_DAYS)
    job = _run(plan)
    assert job.status == MarketDataJob.Status.DONE, job.error
    budget = budget_read(upstream=market_sandbox.url, pool="Public")
    assert budget.remaining == _sandbox_public_left(market_sandbox)
    assert budget.spent >= plan["weight"] + 3, "the download's pages and the try-it send are both counted"
    html = client.get("/budget").content.decode()
    row = html[html.index('<tr data-pool="Public">') :].split("</tr>")[0]
    assert f"<td>{budget.remaining}</td><td>2000</td>" in row


def test_the_plan_counts_windows_from_what_the_team_has_left(market_sandbox):
    """With 3 weight left in this window, two pages of weight 3 take two windows, and the plan says so."""
    symbol_list(market="spot")  # read (and counted) first, so the ledger keeps the figure set below
    budget_correct(upstream=market_sandbox.url, pool="Public", limit=2000, remaining=3, reset_ms=20_000)
    plan = market_data_plan(request=TWO_DAYS)
    assert (plan["weight"], plan["remaining"], plan["budget"], plan["windows"]) == (6, 3, 2000, 2)


def test_a_nearly_dry_ledger_makes_the_job_wait_not_be_refused(client, market_sandbox, monkeypatch):
    """Try-it sends leave less than a page: the job logs a wait for the window, and KuCoin never says 429000."""
    monkeypatch.setattr(ratelimit, "WINDOW_MS", 3000)  # a short window keeps the test quick
    plan = market_data_plan(request=TWO_DAYS)
    market_sandbox.server.reset_rate_limits()
    market_sandbox.server.limiter.set_quota("Public", 9)
    market_sandbox.lines.clear()
    assert "200 OK" in _send_klines(client) and "200 OK" in _send_klines(client)
    assert budget_read(upstream=market_sandbox.url, pool="Public").remaining == 3
    job = _run(plan)
    assert job.status == MarketDataJob.Status.DONE, job.error
    assert any(line.startswith("team budget: the Public pool has 0 of 9 left") for _, line in job.log), job.log
    assert not any("429000" in line for _, line in job.log)
    assert len(market_sandbox.requests_to(CANDLES)) == 2 + plan["rest_requests"], "no request was refused"
