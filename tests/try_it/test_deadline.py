"""The total deadline covers connecting, the headers and the body: a dripping upstream cannot hold a thread."""

import time

from endpoints.models import Endpoint
from endpoints.try_it import upstream
from endpoints.try_it.deadline import DEADLINE, deadline_in, deadline_passed

TICKER = "/try-it/send/spot/market/get-ticker"


def test_headers_that_drip_in_are_cut_at_the_total_deadline(client, catalogue, upstream, settings):
    """Each header byte comes well inside the read timeout, yet the call ends at the total deadline."""
    settings.TRY_IT_READ_TIMEOUT, settings.TRY_IT_TOTAL_TIMEOUT = 1.0, 0.6
    with upstream.fault(drip_headers_ms=50):  # the status line and headers alone would take about 6 s
        started = time.monotonic()
        html = client.post(TICKER, {"p_symbol": "BTC-USDT"}, headers={"HX-Request": "true"}).content.decode()
        took = time.monotonic() - started
    assert "did not send its answer&#x27;s headers in time (no answer complete within 0.6 s)" in html
    assert "Whether the request was processed is unknown" in html
    assert took < 3  # far below the 6 s the drip takes; the sandbox stops dripping once we hang up


def test_send_reports_a_header_drip_as_the_deadline_not_a_read_timeout(catalogue, settings, sandbox):
    """upstream.send names the cause: no status, trouble "deadline"."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in ("spot", "futures", "broker")}
    settings.TRY_IT_READ_TIMEOUT, settings.TRY_IT_TOTAL_TIMEOUT = 5.0, 0.5
    call = upstream.build_request(Endpoint.objects.get(slug="spot/market/get-ticker"), upstream.Inputs())
    with sandbox.fault(drip_headers_ms=40):
        response = upstream.send(call)
    assert response.status is None and response.trouble == "deadline"


def test_a_quick_answer_is_read_through_the_deadline_reader(catalogue, settings, sandbox):
    """Within the deadline nothing changes: status, headers and body come through, on a reused connection too."""
    settings.KUCOIN_BASE_URLS = {domain: sandbox.domain_url(domain) for domain in ("spot", "futures", "broker")}
    call = upstream.build_request(Endpoint.objects.get(slug="spot/market/get-ticker"), upstream.Inputs())
    first, second = upstream.send(call), upstream.send(call)
    assert first.status == second.status == 200 and not first.trouble and not second.trouble
    assert b'"code":"200000"' in second.body


def test_the_deadline_is_per_block_and_restored():
    """deadline_in sets the deadline for its block only."""
    assert DEADLINE.get() is None and not deadline_passed()
    with deadline_in(0):
        assert deadline_passed()
    assert DEADLINE.get() is None
