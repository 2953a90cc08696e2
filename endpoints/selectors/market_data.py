"""Every read of market-data jobs: the page, the command and the job runner ask these."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from endpoints.market_data.models import MarketDataJob
from endpoints.market_data.request import MarketDataRequest


def job_get(*, job_id) -> MarketDataJob | None:
    try:
        return MarketDataJob.objects.filter(pk=job_id).first()
    except (ValueError, TypeError):  # not a UUID
        return None


def job_unfinished(*, request: MarketDataRequest, output_path: str) -> MarketDataJob | None:
    """An unfinished job for the same request and output file: the one a rerun of the command resumes."""
    same = MarketDataJob.objects.filter(
        market=request.market, symbol=request.symbol, kind=request.kind, interval=request.interval,
        start_day=request.start_day, end_day=request.end_day, use_archive=request.use_archive, output_path=output_path,
    )  # fmt: skip
    return same.exclude(status__in=[MarketDataJob.Status.DONE, MarketDataJob.Status.FAILED]).first()


def job_list(*, limit: int = 10) -> list[MarketDataJob]:
    return list(MarketDataJob.objects.all()[:limit])


def job_gaps(*, job: MarketDataJob) -> list[dict]:
    """The gaps listed for a job, with their open times as UTC date-times for reading."""

    def shown(at: int) -> str:
        return dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%d %H:%M")

    return [{"first": shown(first), "until": shown(until), "missing": missing} for first, until, missing in job.gaps]


def job_progress(*, job: MarketDataJob) -> dict:
    """Percent done, segments and requests, and the time left at this run's pace (None until known)."""
    total = job.segment_count or 1
    left = None
    done_now = job.segments_done - job.run_started_segments
    if job.run_started_at and done_now > 0 and not job.is_finished:
        elapsed = (timezone.now() - job.run_started_at).total_seconds()
        left = round(elapsed / done_now * (job.segment_count - job.segments_done))
    return {
        "percent": 100 if job.status == job.Status.DONE else int(100 * job.segments_done / total),
        "segments_done": job.segments_done,
        "segments": job.segment_count,
        "requests_done": job.requests_done,
        "requests": job.plan.get("rest_requests", 0),
        "rows": job.rows,
        "seconds_left": left,
    }
