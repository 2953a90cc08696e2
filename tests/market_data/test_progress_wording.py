"""The job progress partial counts in words that agree with their numbers."""

import uuid

from django.template.loader import render_to_string

from endpoints.market_data.models import MarketDataJob


def progress_html(**counts) -> str:
    job = MarketDataJob(pk=uuid.uuid4(), status="done", rows=counts["rows"], duplicates_dropped=counts["dropped"])
    progress = {"percent": 100, "segments_done": counts["segments"], "segments": counts["segments"],
                "requests_done": counts["requests"], "requests": counts["requests"], "rows": counts["rows"],
                "seconds_left": None}  # fmt: skip
    return " ".join(render_to_string("market_data/_progress.html", {"job": job, "progress": progress}).split())


def test_one_of_each_is_singular():
    """A one-day download of daily candles says "1 row", "1 segment", "1 REST request", "1 duplicate"."""
    html = progress_html(segments=1, requests=1, rows=1, dropped=1)
    assert "1 of 1 segment, 1 of 1 REST request, 1 row." in html
    assert "(1 row, 1 duplicate dropped)" in html


def test_several_are_plural():
    """Counts above one keep the plural."""
    html = progress_html(segments=3, requests=2, rows=72, dropped=2)
    assert "3 of 3 segments, 2 of 2 REST requests, 72 rows." in html
    assert "(72 rows, 2 duplicates dropped)" in html
