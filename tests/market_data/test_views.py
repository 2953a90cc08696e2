"""The Market data page through Django's test client, talking to the real sandbox."""

import subprocess
import sys
import time

import pytest
from django.utils import timezone

from endpoints.market_data.forms import MarketDataForm
from endpoints.market_data.job import LEASE, job_claim, job_create, job_run, owner_name
from endpoints.market_data.models import MarketDataJob
from endpoints.market_data.service import market_data_plan

from .conftest import CANDLES

pytestmark = pytest.mark.django_db
ASK = {"market": "spot", "symbol": "BTC-USDT", "kind": "klines", "interval": "1min", "start": "2025-03-01",
       "end": "2025-03-04", "plan": "1"}  # fmt: skip


def test_page_lists_the_upstreams_symbols(client, market_sandbox):
    """The symbol select holds the upstream's live symbols for the market."""
    page = client.get("/market-data/").content.decode()
    assert '<option value="BTC-USDT"' in page and "XBTUSDTM" not in page
    futures = client.get("/market-data/symbols", {"market": "futures"}).content.decode()
    assert '<option value="XBTUSDTM"' in futures and "3min" not in futures


def test_plan_is_shown_before_anything_is_fetched(client, market_sandbox):
    """The plan names requests, weight, pool, windows and the days' sources; no candle is requested."""
    page = client.get("/market-data/", ASK).content.decode()
    assert 'data-plan="requests">3<' in page and "Public" in page and "2025-03-01 to 2025-03-03 (3 days)" in page
    assert market_sandbox.requests_to(CANDLES) == []


def test_a_reversed_range_is_refused_on_the_page(client, market_sandbox):
    """A reversed range answers 400 with the reason, and nothing is created."""
    response = client.get("/market-data/", {**ASK, "start": "2025-03-09"})
    assert response.status_code == 400 and "runs backwards" in response.content.decode()
    assert not MarketDataJob.objects.exists()


def test_an_unknown_job_is_404(client, market_sandbox):
    """A job id that does not exist answers 404, not an error page."""
    assert client.get("/market-data/jobs/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/market-data/jobs/00000000-0000-0000-0000-000000000000/download").status_code == 404


def test_only_files_in_the_data_folder_are_served(client, market_sandbox, tmp_path):
    """A job the command wrote elsewhere is not served by the page; a page job's file is, as CSV."""
    form = MarketDataForm({**ASK, "use_archive": "on"})
    assert form.is_valid()
    request = form.to_request()
    ids = []
    for output in ("", str(tmp_path / "elsewhere.csv")):
        job = job_create(request=request, plan=market_data_plan(request=request), output_path=output)
        assert job_claim(job_id=job.pk, owner=owner_name())
        ids.append(job_run(job_id=job.pk, owner=owner_name()).pk)
    served = client.get(f"/market-data/jobs/{ids[0]}/download")
    assert served.status_code == 200 and served["Content-Type"] == "text/csv"
    assert b"".join(served.streaming_content).startswith(b"time,open,close,high,low,volume,turnover\r\n")
    assert client.get(f"/market-data/jobs/{ids[1]}/download").status_code == 404


def test_a_job_whose_process_died_resumes_when_its_page_is_polled(transactional_db, client, market_sandbox):
    """Polling a job whose runner is gone starts it again in the background, and it finishes."""
    form = MarketDataForm({**ASK, "interval": "1hour"})
    assert form.is_valid()
    job = job_create(request=form.to_request(), plan=market_data_plan(request=form.to_request()))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = f"{owner_name().split(':')[0]}:{gone.stdout.strip()}:1"
    MarketDataJob.objects.filter(pk=job.pk).update(
        status="running", lease_owner=dead, lease_until=timezone.now() + LEASE
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the page's own htmx poll, as the browser does it
        polled = client.get(f"/market-data/jobs/{job.pk}", HTTP_HX_REQUEST="true")
        assert polled.status_code == 200
        if 'data-status="done"' in polled.content.decode():
            break
        time.sleep(0.5)
    job.refresh_from_db()
    assert job.status == "done" and job.rows == 72
    assert 'data-status="done"' in client.get(f"/market-data/jobs/{job.pk}", HTTP_HX_REQUEST="true").content.decode()
