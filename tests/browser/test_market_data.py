"""The Market data page in Chromium: plan, start, progress, download."""

import pytest

from tests.market_data.conftest import market_sandbox, market_sandbox_server  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def test_plan_start_progress_download(page, market_sandbox, tmp_path):  # noqa: F811
    """A user plans three days of 1-minute candles, starts the job, watches it finish and downloads the CSV."""
    page.goto("/market-data/")
    page.select_option("#id_market", "futures")  # htmx swaps in futures' contracts and intervals
    page.wait_for_selector('#id_symbol option[value="XBTUSDTM"]', state="attached")
    assert "3min" not in page.inner_text("#id_interval")
    page.select_option("#id_market", "spot")
    page.wait_for_selector('#id_symbol option[value="ETH-USDT"]', state="attached")
    page.select_option("#id_symbol", "ETH-USDT")
    page.select_option("#id_interval", "1min")
    page.fill("#id_start", "2025-03-01")
    page.fill("#id_end", "2025-03-04")
    page.uncheck("#id_use_archive")
    page.click("text=Show the plan")
    page.wait_for_selector('[data-plan="requests"]')
    assert page.inner_text('[data-plan="requests"]') == "3"
    assert "Public" in page.inner_text('[data-plan="weight"]')
    with market_sandbox.server.fault(delay_ms=500):  # slow enough to watch the bar move
        page.click("text=Start the download")
        page.wait_for_selector('#job-progress[data-status="running"]', timeout=10_000)
        assert int(page.get_attribute("progress", "value")) < 100
    page.wait_for_selector('#job-progress[data-status="done"]', timeout=30_000)
    assert "3 of 3 REST requests" in page.inner_text('[data-job="counts"]')
    assert page.get_attribute("progress", "value") == "100"
    with page.expect_download() as download:
        page.click("text=Download the CSV")
    saved = tmp_path / "result.csv"
    download.value.save_as(saved)
    lines = saved.read_text().splitlines()
    assert lines[0] == "time,open,close,high,low,volume,turnover" and len(lines) > 4000
    assert download.value.suggested_filename == "ETH-USDT_1min_2025-03-01_2025-03-04.csv"
